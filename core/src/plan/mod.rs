//! From a project, its end state and its divergences to an ordered list of units (one
//! per module file) of steps. What to do is decided here and in the decision kinds
//! (`crate::kinds`); `sql` prints it. Dependency order lives here only.

mod context;
mod error;
mod groups;
mod modules;
mod reason;
mod table;

use indexmap::IndexSet;

pub use error::PlanError;
pub use reason::{Reason, What};

use crate::diff::Divergence;
use crate::kinds::{actions, rules, Claims, OwnSteps, Planning};
use crate::model::{Action, Constraint, Decision, Project, Schema, Subject};
use crate::step::{Held, Step};
use context::{decision_reason, Ctx};
use groups::Groups;

/// The whole migration: units in the order they apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub units: Vec<Unit>,
}

/// One unit of the plan: today one module's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The file name, e.g. `010_auth.sql`.
    pub name: String,
    pub title: String,
    /// What it holds, for its header.
    pub holds: Vec<Held>,
    pub groups: Vec<Group>,
    pub transaction: Transaction,
}

/// How a unit runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transaction {
    /// As one transaction of its own (`BEGIN;` … `COMMIT;`).
    One,
    /// Inside a transaction someone else opens (a runner's), so the unit opens none.
    Runner,
}

/// Statements that carry out one thing, under one comment line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub reason: Reason,
    pub steps: Vec<Step>,
}

/// Plan the migration: refuse when a divergence has no decision, then lay every step
/// out in the unit of its module, in dependency order.
pub fn plan(
    project: &Project,
    end_state: &Schema,
    divergences: &[Divergence],
) -> Result<Plan, PlanError> {
    let unresolved: Vec<Divergence> = divergences
        .iter()
        .filter(|d| d.is_unresolved())
        .cloned()
        .collect();
    if !unresolved.is_empty() {
        return Err(PlanError::Unresolved(unresolved));
    }
    let assignment = modules::assign(project, end_state)?;
    let claims = Claims::new(project, end_state);
    let ctx = Ctx {
        project,
        end_state,
        assignment: &assignment,
        claims: &claims,
    };
    // Each decision's own steps, and the unit they go into.
    let mut own: Vec<(usize, &Decision, &Action, OwnSteps)> = Vec::new();
    for (decision, action) in actions(project) {
        let cx = Planning {
            project,
            decision,
            end_state,
        };
        if let Some(steps) = rules(action).own_steps(&cx)? {
            if let Some(at) = assignment.file_of_tables(&steps.tables) {
                own.push((at, decision, action, steps));
            }
        }
    }
    let mut created: IndexSet<String> = IndexSet::new();
    let mut units = Vec::new();
    // Functions a table calls come before it; the others (whose bodies may read the
    // tables) after the module's tables.
    let early = end_state.called_by_tables();
    for (index, module) in assignment.modules.iter().enumerate() {
        let mut groups = Vec::new();
        let mut holds = Vec::new();
        if index == 0 {
            groups.extend(schemas(&ctx));
        }
        groups.extend(extensions_and_types(&ctx, index, &mut holds));
        groups.extend(functions(&ctx, index, &mut holds, |f| early.contains(f)));

        let tables = creation_order(end_state, in_module(&assignment.tables, index), &created);
        if !tables.is_empty() {
            holds.push(Held::Tables {
                names: tables.clone(),
            });
        }
        let mut deferred = Vec::new();
        for name in &tables {
            groups.extend(table::groups(&ctx, name, &created, &mut deferred)?);
            created.insert(name.clone());
        }
        let mut late = Groups::default();
        for fk in deferred {
            let what = What::LaterForeignKeys {
                table: fk.table.clone(),
            };
            let reason = if fk.exists_in_current {
                Reason::Ensure(what)
            } else {
                Reason::Add(what)
            };
            let comment = fk.constraint.comment().map(|c| Step::Comment {
                on: crate::step::Commented::Constraint {
                    table: fk.table.clone(),
                    name: fk.name.clone(),
                },
                comment: Some(c.to_string()),
            });
            late.add(
                reason.clone(),
                Step::AddConstraint {
                    table: fk.table,
                    name: fk.name,
                    constraint: fk.constraint,
                },
            );
            if let Some(step) = comment {
                late.add(reason.clone(), step);
            }
        }
        groups.extend(late.into_vec());
        groups.extend(functions(&ctx, index, &mut Vec::new(), |f| {
            !early.contains(f)
        }));

        for (at, decision, action, steps) in &own {
            if *at != index {
                continue;
            }
            holds.push(steps.held.clone());
            groups.push(Group {
                reason: decision_reason(decision, action),
                steps: steps.steps.clone(),
            });
        }
        groups.extend(listed_triggers(&ctx, index, &mut holds));
        units.push(Unit {
            name: module.file.clone(),
            title: module.title.clone(),
            holds,
            groups,
            transaction: Transaction::One,
        });
    }
    Ok(Plan { units })
}

/// The schemas every object needs, first of all.
fn schemas(ctx: &Ctx) -> Vec<Group> {
    let mut groups = Groups::default();
    let current = ctx.project.current.namespaces();
    for name in ctx.end_state.namespaces() {
        let what = What::Schema(name.clone());
        let reason = if current.contains(&name) || name == "public" {
            Reason::Ensure(what)
        } else {
            Reason::Add(what)
        };
        let comment = ctx
            .end_state
            .schemas
            .get(&name)
            .and_then(|n| n.comment.clone());
        groups.add(reason, Step::CreateSchema { name, comment });
    }
    groups.into_vec()
}

fn extensions_and_types(ctx: &Ctx, index: usize, holds: &mut Vec<Held>) -> Vec<Group> {
    let current = &ctx.project.current;
    let mut groups = Groups::default();
    let extensions = in_module(&ctx.assignment.extensions, index);
    for name in &extensions {
        let what = What::Extension(name.clone());
        let reason = if current.extensions.contains(name) {
            Reason::Ensure(what)
        } else {
            Reason::Add(what)
        };
        let schema = ctx.end_state.extension_schema(name);
        groups.add(
            reason,
            Step::CreateExtension {
                name: name.clone(),
                schema: schema.map(str::to_string),
            },
        );
        // CREATE ... IF NOT EXISTS leaves an extension where it is: it is moved.
        if current.extensions.contains(name) && current.extension_schema(name) != schema {
            groups.add(
                Reason::Add(What::Extension(name.clone())),
                Step::ExtensionSchema {
                    name: name.clone(),
                    schema: schema.map(str::to_string),
                },
            );
        }
    }
    if !extensions.is_empty() {
        holds.push(Held::Extensions { names: extensions });
    }
    let types = in_module(&ctx.assignment.types, index);
    for name in &types {
        let Some(target) = ctx.end_state.enums.get(name) else {
            continue;
        };
        let existing = current.enums.get(name);
        let reason = match existing {
            Some(_) => Reason::Ensure(What::Type(name.clone())),
            None => ctx.add_reason(&Subject::type_named(name), What::Type(name.clone())),
        };
        groups.add(
            reason,
            Step::CreateEnum {
                name: name.clone(),
                labels: target.labels.clone(),
            },
        );
        if let Some(cur) = existing {
            for (i, label) in target.labels.iter().enumerate() {
                if cur.labels.contains(label) {
                    continue;
                }
                let after = i.checked_sub(1).map(|p| target.labels[p].clone());
                let before = if after.is_none() {
                    cur.labels.first().cloned()
                } else {
                    None
                };
                groups.add(
                    Reason::Add(What::Labels {
                        type_name: name.clone(),
                    }),
                    Step::AddEnumLabel {
                        type_name: name.clone(),
                        label: label.clone(),
                        after,
                        before,
                    },
                );
            }
        }
    }
    if !types.is_empty() {
        holds.push(Held::Types { names: types });
    }
    let sequences = in_module(&ctx.assignment.sequences, index);
    for name in &sequences {
        let Some(sequence) = ctx.end_state.sequences.get(name) else {
            continue;
        };
        let what = What::Sequence(name.clone());
        let reason = if current.sequences.contains_key(name) {
            Reason::Ensure(what)
        } else {
            ctx.add_reason(&Subject::sequence(name), what)
        };
        // OWNED BY waits for its table (see `table.rs`).
        let unowned = crate::model::Sequence {
            owned_by: None,
            ..sequence.clone()
        };
        groups.add(
            reason,
            Step::CreateSequence {
                name: name.clone(),
                sequence: unowned,
            },
        );
    }
    if !sequences.is_empty() {
        holds.push(Held::Sequences { names: sequences });
    }
    groups.into_vec()
}

/// The functions of module `index` that `which` picks; the hold names them all.
fn functions(
    ctx: &Ctx,
    index: usize,
    holds: &mut Vec<Held>,
    which: impl Fn(&str) -> bool,
) -> Vec<Group> {
    let mut groups = Groups::default();
    let names = in_module(&ctx.assignment.functions, index);
    for name in names.iter().filter(|n| which(n)) {
        let Some(function) = ctx.end_state.functions.get(name) else {
            continue;
        };
        let what = What::Function(name.clone());
        let reason = if ctx.project.current.functions.contains_key(name) {
            Reason::Ensure(what)
        } else {
            ctx.add_reason(&Subject::function(name, &function.arguments), what)
        };
        groups.add(
            reason,
            Step::CreateFunction {
                name: name.clone(),
                function: function.clone(),
            },
        );
    }
    if !names.is_empty() {
        holds.push(Held::Functions { names });
    }
    groups.into_vec()
}

fn listed_triggers(ctx: &Ctx, index: usize, holds: &mut Vec<Held>) -> Vec<Group> {
    let mut groups = Groups::default();
    let names = in_module(&ctx.assignment.listed_triggers, index);
    for name in &names {
        let Some(table) = ctx.end_state.trigger_table(name) else {
            continue;
        };
        let Some(trigger) = ctx
            .end_state
            .tables
            .get(table)
            .and_then(|t| t.triggers.get(name))
        else {
            continue;
        };
        let exists = ctx
            .project
            .current
            .tables
            .get(table)
            .is_some_and(|t| t.triggers.contains_key(name));
        let reason = match ctx.claims.creator(&Subject::trigger(table, name)) {
            Some((d, a)) => decision_reason(d, a),
            None if exists => Reason::Ensure(What::Trigger(name.clone())),
            None => Reason::Add(What::Triggers { table: None }),
        };
        groups.add(
            reason,
            Step::CreateTrigger {
                table: table.to_string(),
                name: name.clone(),
                trigger: trigger.clone(),
            },
        );
    }
    if !names.is_empty() {
        holds.push(Held::Triggers { names });
    }
    groups.into_vec()
}

/// `tables` (of `schema`) in an order that creates each after the tables it references
/// (given order otherwise), counting `created` as there already; in a cycle, the first
/// table left goes first and its foreign keys must wait. The export uses it too.
pub(crate) fn creation_order(
    schema: &Schema,
    mut remaining: Vec<String>,
    created: &IndexSet<String>,
) -> Vec<String> {
    let mut done: IndexSet<String> = created.clone();
    let mut order = Vec::new();
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|t| {
            schema.tables.get(t).is_some_and(|table| {
                table.constraints.values().all(|c| match c {
                    Constraint::ForeignKey { references, .. } => {
                        references.table == *t || done.contains(&references.table)
                    }
                    Constraint::PrimaryKey { .. }
                    | Constraint::Unique { .. }
                    | Constraint::Check { .. }
                    | Constraint::Exclude { .. } => true,
                })
            })
        });
        let next = remaining.remove(ready.unwrap_or(0));
        done.insert(next.clone());
        order.push(next);
    }
    order
}

/// The names of `objects` that go into the unit of module `index`.
fn in_module(objects: &indexmap::IndexMap<String, usize>, index: usize) -> Vec<String> {
    objects
        .iter()
        .filter(|(_, &i)| i == index)
        .map(|(n, _)| n.clone())
        .collect()
}
