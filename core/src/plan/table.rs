//! The steps of one table: create it when missing, then turn the current table into the
//! end state's (renames, conversions, new columns and constraints, indexes, comments).

use indexmap::IndexSet;

use super::context::Ctx;
use super::error::PlanError;
use super::groups::Groups;
use super::kinds;
use super::step::{Group, Reason, Step};
use crate::align::claims::{decision_reason, Key};
use crate::align::rename::TableNames;
use crate::model::{Action, Constraint};

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
    let Some(target) = ctx.aligned.tables.get(name) else {
        return Ok(Vec::new());
    };
    let current = ctx.project.current.tables.get(name);
    let conventions = &ctx.project.conventions;
    let mut out = Vec::new();

    // CREATE TABLE: the whole end-state table, for a database that lacks it.
    let mut shape = target.clone();
    shape.indexes.clear();
    shape.triggers.clear();
    shape.columns.values_mut().for_each(|c| c.comment = None);
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
        _ => true,
    });
    let create_reason = match current {
        Some(_) => Reason::Ensure {
            what: format!("table {name}"),
        },
        None => ctx
            .claims
            .add_reason(&Key::Table(name.into()), format!("table {name}")),
    };
    out.push(Group {
        reason: create_reason,
        steps: vec![Step::CreateTable {
            name: name.to_string(),
            table: shape,
        }],
    });

    let names = current
        .map(|cur| TableNames::of(ctx.project, name, cur, target))
        .unwrap_or_default();
    let mut renamed_indexes: IndexSet<String> = IndexSet::new();
    if let Some(cur) = current {
        let mut changes = Groups::default();
        for d in &ctx.project.decisions {
            for a in &d.actions {
                match a {
                    Action::Rename { table, from, to } if table == name => {
                        changes.add_all(
                            decision_reason(d, a),
                            kinds::rename::steps(name, cur, target, from, to, conventions),
                        );
                    }
                    Action::ConvertType { table, column, map } if table == name => {
                        changes.add_all(
                            decision_reason(d, a),
                            kinds::convert::steps(ctx.aligned, name, column, map),
                        );
                    }
                    _ => {}
                }
            }
        }
        out.extend(changes.into_vec());

        let current_columns: IndexSet<String> =
            cur.columns.keys().map(|c| names.column(c)).collect();
        let mut columns = Groups::default();
        for (cname, col) in &target.columns {
            if current_columns.contains(cname) {
                continue;
            }
            if col.not_null && col.default.is_none() {
                return Err(PlanError::NotNullWithoutDefault {
                    table: name.to_string(),
                    column: cname.clone(),
                });
            }
            let mut col = col.clone();
            col.comment = None;
            let key = Key::Column(name.into(), cname.clone());
            columns.add(
                ctx.claims
                    .add_reason(&key, format!("columns of {name} that Origin has")),
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
                Reason::Add {
                    what: format!("constraints of {name} that Origin has"),
                },
                Step::AddConstraint {
                    table: name.to_string(),
                    name: cname.clone(),
                    constraint: c.clone(),
                },
            );
        }
        out.extend(constraints.into_vec());

        let mut index_renames = Groups::default();
        for r in &names.indexes {
            if !matches!(r.action, Action::RenameIndex { .. }) || renamed_indexes.contains(&r.to) {
                continue;
            }
            if let Some(index) = target.indexes.get(&r.to) {
                index_renames.add_all(
                    decision_reason(r.decision, r.action),
                    kinds::rename_index::steps(name, &r.from, &r.to, index),
                );
                renamed_indexes.insert(r.to.clone());
            }
        }
        out.extend(index_renames.into_vec());
    }

    let current_indexes: IndexSet<String> = current
        .map(|cur| cur.indexes.keys().map(|i| names.index(i)).collect())
        .unwrap_or_default();
    let mut indexes = Groups::default();
    for (iname, index) in &target.indexes {
        if renamed_indexes.contains(iname) {
            continue;
        }
        let reason = if current_indexes.contains(iname) {
            Reason::Ensure {
                what: format!("indexes of {name}"),
            }
        } else {
            ctx.claims.add_reason(
                &Key::Index(name.into(), iname.clone()),
                format!("indexes of {name} that Origin has"),
            )
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

    let mut comments = Groups::default();
    for (cname, col) in &target.columns {
        let Some(comment) = &col.comment else {
            continue;
        };
        let reason = match ctx.claims.get(&Key::Column(name.into(), cname.clone())) {
            Some((d, a)) => decision_reason(d, a),
            None => Reason::Ensure {
                what: format!("column comments of {name}"),
            },
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

    let mut triggers = Groups::default();
    for (trname, trigger) in &target.triggers {
        let elsewhere = ctx.assignment.listed_triggers.contains_key(trname)
            || ctx.assignment.decision_made.contains(trname);
        if elsewhere {
            continue;
        }
        let key = Key::Trigger(name.into(), trname.clone());
        let reason = if current.is_some_and(|t| t.triggers.contains_key(trname)) {
            Reason::Ensure {
                what: format!("triggers of {name}"),
            }
        } else {
            ctx.claims
                .add_reason(&key, format!("triggers of {name} that Origin has"))
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
