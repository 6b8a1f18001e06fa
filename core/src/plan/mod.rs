//! From a project (Origin, the current schema, the decisions) to an ordered list of
//! files of steps. What to do is decided here; `sql` prints it.

mod context;
mod error;
mod groups;
mod kinds;
mod modules;
mod step;
mod table;

use indexmap::IndexSet;

pub use crate::align::Assign;
pub use error::PlanError;
pub use step::{Backfill, Group, Plan, PlannedFile, Reason, Step};

use crate::align::claims::{decision_reason, Claims, Key};
use crate::model::{Action, Project};
use context::Ctx;
use groups::Groups;

/// Plan the migration of `project`: refuse when a divergence has no decision, then lay
/// every step out in the file of its module, in dependency order.
pub fn plan(project: &Project) -> Result<Plan, PlanError> {
    let aligned = crate::align::aligned(project)?;
    let unresolved: Vec<_> = crate::diff::against(project, &aligned)
        .into_iter()
        .filter(|d| d.is_unresolved())
        .collect();
    if !unresolved.is_empty() {
        return Err(PlanError::Unresolved(unresolved));
    }
    let assignment = modules::assign(project, &aligned)?;
    let claims = Claims::new(project, &aligned);
    let ctx = Ctx {
        project,
        aligned: &aligned,
        assignment: &assignment,
        claims: &claims,
    };
    let mut created: IndexSet<String> = IndexSet::new();
    let mut files = Vec::new();
    for (index, module) in assignment.modules.iter().enumerate() {
        let mut groups = Vec::new();
        let mut holds = Vec::new();
        groups.extend(extensions_and_types(&ctx, index, &mut holds));
        groups.extend(functions(&ctx, index, &mut holds));

        let tables = table_order(&ctx, index, &created);
        if !tables.is_empty() {
            holds.push(format!("tables {}", tables.join(", ")));
        }
        let mut deferred = Vec::new();
        for name in &tables {
            groups.extend(table::groups(&ctx, name, &created, &mut deferred)?);
            created.insert(name.clone());
        }
        let mut late = Groups::default();
        for fk in deferred {
            let reason = if fk.exists_in_current {
                Reason::Ensure {
                    what: format!("foreign keys of {} to tables created after it", fk.table),
                }
            } else {
                Reason::Add {
                    what: format!("foreign keys of {} to tables created after it", fk.table),
                }
            };
            late.add(
                reason,
                Step::AddConstraint {
                    table: fk.table,
                    name: fk.name,
                    constraint: fk.constraint,
                },
            );
        }
        groups.extend(late.into_vec());

        for d in &project.decisions {
            for a in &d.actions {
                if assignment.decision_module(a) != Some(index) {
                    continue;
                }
                let steps = match a {
                    Action::Derive {
                        table,
                        column,
                        value,
                        trigger,
                        function,
                    } => {
                        holds.push(format!(
                            "decision {}: sync trigger {trigger} on {table} and its back-fill",
                            d.id
                        ));
                        kinds::derive::steps(&ctx, table, column, value, trigger, function)
                    }
                    Action::Move {
                        from_table,
                        to_table,
                        values,
                        key,
                        trigger,
                        function,
                        ..
                    } => {
                        holds.push(format!(
                            "decision {}: sync trigger {trigger} on {from_table} and the back-fill of {to_table}",
                            d.id
                        ));
                        kinds::move_rows::steps(
                            &ctx, d, from_table, to_table, values, key, trigger, function,
                        )?
                    }
                    Action::Extract {
                        from_table,
                        to_table,
                        values,
                        key,
                        order_by,
                        link_column,
                    } => {
                        holds.push(format!(
                            "decision {}: the back-fill of {to_table} from {from_table}",
                            d.id
                        ));
                        kinds::extract::steps(
                            &ctx,
                            d,
                            from_table,
                            to_table,
                            values,
                            key,
                            order_by,
                            link_column,
                        )?
                    }
                    _ => continue,
                };
                groups.push(Group {
                    reason: decision_reason(d, a),
                    steps,
                });
            }
        }
        groups.extend(listed_triggers(&ctx, index, &mut holds));
        files.push(PlannedFile {
            name: module.file.clone(),
            title: module.title.clone(),
            holds,
            groups,
        });
    }
    Ok(Plan { files })
}

fn extensions_and_types(ctx: &Ctx, index: usize, holds: &mut Vec<String>) -> Vec<Group> {
    let current = &ctx.project.current;
    let mut groups = Groups::default();
    let extensions: Vec<&String> = in_module(&ctx.assignment.extensions, index);
    for name in &extensions {
        let reason = if current.extensions.contains(name) {
            Reason::Ensure {
                what: format!("extension {name}"),
            }
        } else {
            Reason::Add {
                what: format!("extension {name}"),
            }
        };
        groups.add(
            reason,
            Step::CreateExtension {
                name: name.to_string(),
            },
        );
    }
    if !extensions.is_empty() {
        holds.push(format!("extension {}", join(&extensions)));
    }
    let types: Vec<&String> = in_module(&ctx.assignment.types, index);
    for name in &types {
        let Some(target) = ctx.aligned.enums.get(*name) else {
            continue;
        };
        let existing = current.enums.get(*name);
        let reason = match existing {
            Some(_) => Reason::Ensure {
                what: format!("type {name}"),
            },
            None => ctx
                .claims
                .add_reason(&Key::Type(name.to_string()), format!("type {name}")),
        };
        groups.add(
            reason,
            Step::CreateEnum {
                name: name.to_string(),
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
                    Reason::Add {
                        what: format!("labels of type {name} that Origin has"),
                    },
                    Step::AddEnumLabel {
                        type_name: name.to_string(),
                        label: label.clone(),
                        after,
                        before,
                    },
                );
            }
        }
    }
    if !types.is_empty() {
        holds.push(format!("types {}", join(&types)));
    }
    groups.into_vec()
}

fn functions(ctx: &Ctx, index: usize, holds: &mut Vec<String>) -> Vec<Group> {
    let mut groups = Groups::default();
    let names: Vec<&String> = in_module(&ctx.assignment.functions, index);
    for name in &names {
        let Some(function) = ctx.aligned.functions.get(*name) else {
            continue;
        };
        let reason = if ctx.project.current.functions.contains_key(*name) {
            Reason::Ensure {
                what: format!("function {name}"),
            }
        } else {
            ctx.claims
                .add_reason(&Key::Function(name.to_string()), format!("function {name}"))
        };
        groups.add(
            reason,
            Step::CreateFunction {
                name: name.to_string(),
                function: function.clone(),
            },
        );
    }
    if !names.is_empty() {
        holds.push(format!("function {}", join(&names)));
    }
    groups.into_vec()
}

fn listed_triggers(ctx: &Ctx, index: usize, holds: &mut Vec<String>) -> Vec<Group> {
    let mut groups = Groups::default();
    let names: Vec<&String> = in_module(&ctx.assignment.listed_triggers, index);
    for name in &names {
        let Some(table) = ctx.aligned.trigger_table(name) else {
            continue;
        };
        let Some(trigger) = ctx
            .aligned
            .tables
            .get(table)
            .and_then(|t| t.triggers.get(*name))
        else {
            continue;
        };
        let key = Key::Trigger(table.to_string(), name.to_string());
        let exists = ctx
            .project
            .current
            .tables
            .get(table)
            .is_some_and(|t| t.triggers.contains_key(*name));
        let reason = match ctx.claims.get(&key) {
            Some((d, a)) => decision_reason(d, a),
            None if exists => Reason::Ensure {
                what: format!("trigger {name}"),
            },
            None => Reason::Add {
                what: "triggers that Origin has".to_string(),
            },
        };
        groups.add(
            reason,
            Step::CreateTrigger {
                table: table.to_string(),
                name: name.to_string(),
                trigger: trigger.clone(),
            },
        );
    }
    if !names.is_empty() {
        holds.push(format!("triggers {}", join(&names)));
    }
    groups.into_vec()
}

/// The tables of a module, each after the tables it references (listed order otherwise);
/// in a cycle, the first listed table goes first and its foreign keys wait.
fn table_order(ctx: &Ctx, index: usize, created: &IndexSet<String>) -> Vec<String> {
    let mut remaining: Vec<&String> = in_module(&ctx.assignment.tables, index);
    let mut done: IndexSet<String> = created.clone();
    let mut order = Vec::new();
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|t| {
            ctx.aligned.tables.get(*t).is_some_and(|table| {
                table.constraints.values().all(|c| match c {
                    crate::model::Constraint::ForeignKey { references, .. } => {
                        references.table == **t || done.contains(&references.table)
                    }
                    _ => true,
                })
            })
        });
        let next = remaining.remove(ready.unwrap_or(0));
        done.insert(next.clone());
        order.push(next.clone());
    }
    order
}

/// The names of `objects` that go into the file of module `index`.
fn in_module(objects: &indexmap::IndexMap<String, usize>, index: usize) -> Vec<&String> {
    objects
        .iter()
        .filter(|(_, &i)| i == index)
        .map(|(n, _)| n)
        .collect()
}

fn join(names: &[&String]) -> String {
    names
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
