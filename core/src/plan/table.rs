//! The steps of one table: create it when missing, then turn the current table into the
//! end state's (the decisions' renames and conversions, new columns and constraints,
//! indexes, comments, triggers).

use indexmap::IndexSet;

use super::context::{decision_reason, Ctx};
use super::error::PlanError;
use super::groups::Groups;
use super::reason::{Reason, What};
use super::Group;
use crate::kinds::{actions, rules, Planning, TableNames, TablePhase};
use crate::model::{Constraint, Subject};
use crate::step::{Commented, Step};

/// A foreign key left out of `CREATE TABLE` because its target is created later in
/// the same file (a cycle); it is added once every table of the file exists.
#[derive(Debug, Clone)]
pub(crate) struct Deferred {
    pub table: String,
    pub name: String,
    pub constraint: Constraint,
    pub exists_in_current: bool,
}

pub(crate) fn groups(
    ctx: &Ctx,
    name: &str,
    created: &IndexSet<String>,
    deferred: &mut Vec<Deferred>,
) -> Result<Vec<Group>, PlanError> {
    let Some(target) = ctx.end_state.tables.get(name) else {
        return Ok(Vec::new());
    };
    let current = ctx.project.current.tables.get(name);
    let mut out = Vec::new();

    // CREATE TABLE: the whole end-state table, for a database that lacks it.
    let mut shape = target.clone();
    shape.indexes.clear();
    shape.triggers.clear();
    shape.comment = None;
    shape.columns.values_mut().for_each(|c| c.comment = None);
    shape
        .constraints
        .values_mut()
        .for_each(|c| *c.comment_mut() = None);
    // Only ALTER TABLE ... ADD can leave a constraint NOT VALID.
    let mut not_valid = Groups::default();
    shape.constraints.retain(|cname, c| match c {
        Constraint::ForeignKey { references, .. }
            if references.table != name && !created.contains(&references.table) =>
        {
            deferred.push(Deferred {
                table: name.to_string(),
                name: cname.clone(),
                constraint: c.clone(),
                exists_in_current: current.is_some_and(|t| t.constraints.contains_key(cname)),
            });
            false
        }
        c if c.not_valid() => {
            not_valid.add(
                Reason::Ensure(What::Constraints {
                    table: name.to_string(),
                }),
                Step::AddConstraint {
                    table: name.to_string(),
                    name: cname.clone(),
                    constraint: c.clone(),
                },
            );
            false
        }
        _ => true,
    });
    let what = What::Table(name.to_string());
    let create_reason = match current {
        Some(_) => Reason::Ensure(what),
        None => ctx.add_reason(&Subject::table(name), what),
    };
    let mut steps = vec![Step::CreateTable {
        name: name.to_string(),
        table: shape,
    }];
    // Row level security is no part of CREATE TABLE; a table that exists gets it with
    // its other settings below.
    if current.is_none() && (target.row_security || target.force_row_security) {
        steps.push(Step::TableOptions {
            table: name.to_string(),
            unlogged: None,
            with: Default::default(),
            row_security: target.row_security.then_some(true),
            force_row_security: target.force_row_security.then_some(true),
        });
    }
    out.push(Group {
        reason: create_reason,
        steps,
    });
    if current.is_none() {
        out.extend(not_valid.into_vec());
    }

    let names = current
        .map(|cur| TableNames::of(ctx.project, name, cur, target))
        .unwrap_or_default();
    let mut made_indexes: IndexSet<String> = IndexSet::new();
    if let Some(cur) = current {
        // The decisions' own changes of this table, by phase, in decision order.
        let mut reshape = Groups::default();
        let mut index_changes = Groups::default();
        for (decision, action) in actions(ctx.project) {
            let cx = Planning {
                project: ctx.project,
                decision,
                end_state: ctx.end_state,
            };
            let Some(steps) = rules(action).table_steps(&cx, name) else {
                continue;
            };
            let reason = decision_reason(decision, action);
            match steps.phase {
                TablePhase::Reshape => reshape.add_all(reason, steps.steps),
                TablePhase::Indexes => {
                    let creates: Vec<&String> = steps
                        .steps
                        .iter()
                        .filter_map(|s| match s {
                            Step::CreateIndex { name, .. } => Some(name),
                            _ => None,
                        })
                        .collect();
                    if creates.iter().any(|i| made_indexes.contains(*i)) {
                        continue;
                    }
                    made_indexes.extend(creates.into_iter().cloned());
                    index_changes.add_all(reason, steps.steps);
                }
            }
        }
        out.extend(reshape.into_vec());

        let current_columns: IndexSet<String> = cur
            .columns
            .keys()
            .map(|c| names.column(c).unwrap_or_else(|| c.clone()))
            .collect();
        let mut columns = Groups::default();
        // Collations first: after the conversions (a new type takes its own default
        // collation) and before new generated columns, constraints and indexes read them.
        for (cname, ccol) in &cur.columns {
            let end_name = names.column(cname).unwrap_or_else(|| cname.clone());
            let Some(col) = target.columns.get(&end_name) else {
                continue;
            };
            let converted = ccol.data_type != col.data_type && col.collation.is_some();
            if ccol.collation == col.collation && !converted {
                continue;
            }
            if let Some(dependent) = blocks_type_change(cur, cname) {
                return Err(PlanError::CollationWithDependent {
                    table: name.to_string(),
                    column: end_name,
                    dependent,
                });
            }
            columns.add(
                Reason::Add(What::Columns {
                    table: name.to_string(),
                }),
                Step::ColumnCollation {
                    table: name.to_string(),
                    column: end_name,
                    data_type: col.data_type.clone(),
                    collation: col.collation.clone(),
                },
            );
        }
        for (cname, col) in &target.columns {
            if current_columns.contains(cname) {
                continue;
            }
            // Identity and generated columns fill the existing rows themselves.
            let fills_itself = col.identity.is_some() || col.generated.is_some();
            if col.not_null && col.default.is_none() && !fills_itself {
                return Err(PlanError::NotNullWithoutDefault {
                    table: name.to_string(),
                    column: cname.clone(),
                });
            }
            let mut col = col.clone();
            col.comment = None;
            let what = What::Columns {
                table: name.to_string(),
            };
            columns.add(
                ctx.add_reason(&Subject::column(name, cname), what),
                Step::AddColumn {
                    table: name.to_string(),
                    name: cname.clone(),
                    column: col,
                },
            );
        }
        out.extend(columns.into_vec());

        let current_constraints: IndexSet<String> = cur
            .constraints
            .keys()
            .map(|c| names.constraint(c))
            .collect();
        let mut constraints = Groups::default();
        for (cname, c) in &target.constraints {
            let is_deferred = deferred.iter().any(|x| x.table == name && x.name == *cname);
            if current_constraints.contains(cname) || is_deferred {
                continue;
            }
            constraints.add(
                Reason::Add(What::Constraints {
                    table: name.to_string(),
                }),
                Step::AddConstraint {
                    table: name.to_string(),
                    name: cname.clone(),
                    constraint: c.clone(),
                },
            );
        }
        out.extend(constraints.into_vec());
        out.extend(index_changes.into_vec());
    }

    let current_indexes: IndexSet<String> = current
        .map(|cur| cur.indexes.keys().map(|i| names.index(i)).collect())
        .unwrap_or_default();
    let mut indexes = Groups::default();
    for (iname, index) in &target.indexes {
        if made_indexes.contains(iname) {
            continue;
        }
        let what = What::Indexes {
            table: name.to_string(),
        };
        let reason = if current_indexes.contains(iname) {
            Reason::Ensure(what)
        } else {
            ctx.add_reason(&Subject::index(name, iname), what)
        };
        indexes.add(
            reason,
            Step::CreateIndex {
                table: name.to_string(),
                name: iname.clone(),
                index: index.clone(),
            },
        );
    }
    out.extend(indexes.into_vec());

    // The sequences its columns own, once the columns exist.
    let mut owners = Groups::default();
    for (seq, sequence) in &ctx.end_state.sequences {
        let Some(owned_by) = sequence.owned_by.as_ref().filter(|o| o.table == name) else {
            continue;
        };
        let what = What::SequenceOwners {
            table: name.to_string(),
        };
        let owned_now = ctx
            .project
            .current
            .sequences
            .get(seq)
            .is_some_and(|s| s.owned_by.as_ref() == Some(owned_by));
        let reason = if owned_now {
            Reason::Ensure(what)
        } else {
            Reason::Add(what)
        };
        owners.add(
            reason,
            Step::SequenceOwnedBy {
                name: seq.clone(),
                owned_by: owned_by.clone(),
            },
        );
    }
    out.extend(owners.into_vec());

    // What CREATE TABLE and ADD COLUMN say of a table that exists already.
    if let Some(cur) = current {
        let mut settings = Groups::default();
        let what = || What::Columns {
            table: name.to_string(),
        };
        // The current columns by their end-state names (a decision may rename them).
        let by_end: std::collections::HashMap<String, &crate::model::Column> = cur
            .columns
            .iter()
            .map(|(c, col)| (names.column(c).unwrap_or_else(|| c.clone()), col))
            .collect();
        for (cname, col) in &target.columns {
            let old = by_end.get(cname);
            let differs =
                old.is_some_and(|o| o.storage != col.storage || o.statistics != col.statistics);
            if differs && (col.storage.is_some() || col.statistics.is_some()) {
                settings.add(
                    Reason::Add(what()),
                    Step::ColumnSettings {
                        table: name.to_string(),
                        name: cname.clone(),
                        column: col.clone(),
                    },
                );
            }
        }
        let unlogged = (cur.unlogged != target.unlogged).then_some(target.unlogged);
        let with: crate::model::StorageParams = target
            .with
            .iter()
            .filter(|(k, v)| cur.with.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let row_security = (cur.row_security != target.row_security).then_some(target.row_security);
        let force_row_security = (cur.force_row_security != target.force_row_security)
            .then_some(target.force_row_security);
        if unlogged.is_some()
            || !with.is_empty()
            || row_security.is_some()
            || force_row_security.is_some()
        {
            settings.add(
                Reason::Add(What::Table(name.to_string())),
                Step::TableOptions {
                    table: name.to_string(),
                    unlogged,
                    with,
                    row_security,
                    force_row_security,
                },
            );
        }
        out.extend(settings.into_vec());
    }

    let mut comments = Groups::default();
    for (cname, col) in &target.columns {
        let Some(comment) = &col.comment else {
            continue;
        };
        let reason = match ctx.claims.creator(&Subject::column(name, cname)) {
            Some((d, a)) => decision_reason(d, a),
            None => Reason::Ensure(What::ColumnComments {
                table: name.to_string(),
            }),
        };
        comments.add(
            reason,
            Step::CommentOnColumn {
                table: name.to_string(),
                column: cname.clone(),
                comment: Some(comment.clone()),
            },
        );
    }
    out.extend(comments.into_vec());

    let mut others = Groups::default();
    let what = || What::Comments {
        table: name.to_string(),
    };
    if let Some(comment) = &target.comment {
        others.add(
            Reason::Ensure(what()),
            Step::Comment {
                on: Commented::Table {
                    table: name.to_string(),
                },
                comment: Some(comment.clone()),
            },
        );
    }
    for (cname, c) in &target.constraints {
        let later = deferred.iter().any(|x| x.table == name && x.name == *cname);
        if let Some(comment) = c.comment().filter(|_| !later) {
            others.add(
                Reason::Ensure(what()),
                Step::Comment {
                    on: Commented::Constraint {
                        table: name.to_string(),
                        name: cname.clone(),
                    },
                    comment: Some(comment.to_string()),
                },
            );
        }
    }
    out.extend(others.into_vec());

    let mut triggers = Groups::default();
    for (trname, trigger) in &target.triggers {
        let elsewhere = ctx.assignment.listed_triggers.contains_key(trname)
            || ctx.assignment.made_trigger(name, trname);
        if elsewhere {
            continue;
        }
        let what = What::Triggers {
            table: Some(name.to_string()),
        };
        let reason = if current.is_some_and(|t| t.triggers.contains_key(trname)) {
            Reason::Ensure(what)
        } else {
            ctx.add_reason(&Subject::trigger(name, trname), what)
        };
        triggers.add(
            reason,
            Step::CreateTrigger {
                table: name.to_string(),
                name: trname.clone(),
                trigger: trigger.clone(),
            },
        );
    }
    out.extend(triggers.into_vec());
    Ok(out)
}

/// What in the current table makes PostgreSQL refuse `ALTER COLUMN column TYPE`: a
/// generated column computed from it, or a trigger `UPDATE OF` it.
fn blocks_type_change(cur: &crate::model::Table, column: &str) -> Option<String> {
    let generated = cur.columns.iter().find(|(_, c)| {
        c.generated
            .as_deref()
            .is_some_and(|e| crate::pg::refs::columns(e).iter().any(|r| r == column))
    });
    if let Some((g, _)) = generated {
        return Some(format!("generated column `{g}`"));
    }
    cur.triggers
        .iter()
        .find(|(_, t)| t.update_of.iter().any(|c| c == column))
        .map(|(t, _)| format!("trigger `{t}` (UPDATE OF)"))
}
