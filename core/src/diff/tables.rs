//! Divergences inside tables: columns against Origin (with the pairs that decisions
//! make), constraints, indexes and triggers against the end state (whose names those
//! decisions derive).

use indexmap::IndexMap;

use super::{push, Ctx, Detail, Divergence, Resolution};
use crate::kinds::{actions, rules, Aspect, Pair, Paired, TableNames};
use crate::model::{Constraint, Subject, Table};

pub(super) fn tables(ctx: &Ctx, out: &mut Vec<Divergence>) {
    let (origin, current, end_state) = (&ctx.project.origin, &ctx.project.current, ctx.end_state);
    for (name, table) in &origin.tables {
        if !current.tables.contains_key(name) {
            push(
                out,
                Subject::table(name),
                Detail::MissingTable {
                    columns: table.columns.len(),
                },
                ctx.added(Subject::table(name)),
            );
            // Its triggers are objects of their own, often created in another file.
            if let Some(a) = end_state.tables.get(name) {
                missing_triggers(ctx, name, a, &Table::default(), out);
            }
        }
    }
    // How each current table's names map onto the end state's, built once: a table's
    // own divergences read it, and so do the foreign keys that point at it.
    let names: IndexMap<&str, TableNames> = current
        .tables
        .iter()
        .filter_map(|(name, cur)| {
            let end = end_state.tables.get(name)?;
            Some((name.as_str(), TableNames::of(ctx.project, name, cur, end)))
        })
        .collect();
    for (name, table) in &current.tables {
        let (Some(o), Some(a)) = (origin.tables.get(name), end_state.tables.get(name)) else {
            push(
                out,
                Subject::table(name),
                Detail::ExtraTable {
                    columns: table.columns.len(),
                },
                Resolution::Unresolved,
            );
            continue;
        };
        table_divergences(ctx, &names, name, o, table, a, out);
    }
}

fn decision(r: &crate::kinds::Renamed) -> Resolution {
    Resolution::Decision {
        id: r.decision.id,
        kind: r.action.kind(),
    }
}

fn table_divergences(
    ctx: &Ctx,
    all_names: &IndexMap<&str, TableNames>,
    name: &str,
    origin: &Table,
    current: &Table,
    end_state: &Table,
    out: &mut Vec<Divergence>,
) {
    let conventions = &ctx.project.conventions;
    let Some(names) = all_names.get(name) else {
        return;
    };
    for r in &names.constraints {
        push(
            out,
            Subject::constraint(name, &r.to),
            Detail::NamingMismatch {
                origin: r.to.clone(),
                current: r.from.clone(),
            },
            decision(r),
        );
    }
    for r in &names.indexes {
        push(
            out,
            Subject::index(name, &r.to),
            Detail::IndexNaming {
                origin: r.to.clone(),
                current: r.from.clone(),
            },
            decision(r),
        );
    }
    // Column pairs: the renames first, then the names kept, each in decision order.
    let mut pairs: Vec<(Pair, Resolution)> = Vec::new();
    for renamed in [true, false] {
        for (d, a) in actions(ctx.project) {
            for p in rules(a).pairs() {
                if p.table == name && p.object == Paired::Column && p.renamed == renamed {
                    let r = Resolution::Decision {
                        id: d.id,
                        kind: a.kind(),
                    };
                    pairs.push((p, r));
                }
            }
        }
    }
    for (p, resolution) in &pairs {
        if origin.columns.contains_key(&p.origin) && current.columns.contains_key(&p.current) {
            push(
                out,
                Subject::column(name, &p.origin),
                Detail::NamingMismatch {
                    origin: p.origin.clone(),
                    current: p.current.clone(),
                },
                resolution.clone(),
            );
        }
    }
    let current_name = |origin_col: &str| -> String {
        pairs
            .iter()
            .find(|(p, _)| p.origin == origin_col)
            .map_or(origin_col.to_string(), |(p, _)| p.current.clone())
    };
    let paired_current = |c: &str| pairs.iter().any(|(p, _)| p.current == c);

    // Columns: Origin's against the current ones.
    for (cname, ocol) in &origin.columns {
        let cur_name = current_name(cname);
        let subject = Subject::column(name, cname);
        let Some(ccol) = current.columns.get(&cur_name) else {
            let soft_delete = conventions.soft_delete.as_deref() == Some(cname.as_str())
                && conventions.user_facing_tables.iter().any(|u| u == name);
            let detail = if soft_delete {
                Detail::MissingSoftDelete {
                    column: ocol.clone(),
                }
            } else {
                Detail::MissingColumn {
                    column: ocol.clone(),
                }
            };
            push(out, subject.clone(), detail, ctx.added(subject));
            continue;
        };
        let both = [subject.clone(), Subject::column(name, &cur_name)];
        let acol = end_state
            .columns
            .get(&cur_name)
            .or_else(|| end_state.columns.get(cname));
        if ocol.data_type != ccol.data_type {
            push(
                out,
                subject.clone(),
                Detail::TypeMismatch {
                    origin: ocol.data_type.clone(),
                    current: ccol.data_type.clone(),
                },
                ctx.resolution(&both, Aspect::Type, Resolution::Unresolved),
            );
        }
        if ocol.not_null != ccol.not_null {
            // A relax decision makes the end state take the current nullability.
            let resolution = match acol {
                Some(a) if a.not_null == ccol.not_null => ctx.resolution(
                    std::slice::from_ref(&subject),
                    Aspect::Nullability,
                    Resolution::Unresolved,
                ),
                _ => Resolution::Unresolved,
            };
            push(
                out,
                subject.clone(),
                Detail::NullabilityMismatch {
                    origin_not_null: ocol.not_null,
                    current_not_null: ccol.not_null,
                },
                resolution,
            );
        }
        if ocol.default != ccol.default {
            push(
                out,
                subject.clone(),
                Detail::DefaultMismatch {
                    origin: ocol.default.clone(),
                    current: ccol.default.clone(),
                },
                ctx.resolution(&both, Aspect::Type, Resolution::Unresolved),
            );
        }
        if ocol.collation != ccol.collation {
            // The planner sets Origin's collation on the column, no decision needed.
            push(
                out,
                subject.clone(),
                Detail::CollationMismatch {
                    origin: ocol.collation.clone(),
                    current: ccol.collation.clone(),
                },
                Resolution::Add,
            );
        }
        if ocol.identity != ccol.identity {
            push(
                out,
                subject.clone(),
                Detail::IdentityMismatch {
                    origin: ocol.identity.clone(),
                    current: ccol.identity.clone(),
                },
                Resolution::Unresolved,
            );
        }
        if ocol.generated != ccol.generated {
            push(
                out,
                subject.clone(),
                Detail::GeneratedMismatch {
                    origin: ocol.generated.clone(),
                    current: ccol.generated.clone(),
                },
                Resolution::Unresolved,
            );
        }
        if let Some(comment) = &ccol.comment {
            if acol.is_some_and(|a| a.comment.is_none()) {
                push(
                    out,
                    subject,
                    Detail::CommentMismatch {
                        current: comment.clone(),
                    },
                    Resolution::Unresolved,
                );
            }
        }
    }
    for (cname, ccol) in &current.columns {
        if origin.columns.contains_key(cname) || paired_current(cname) {
            continue;
        }
        let subject = Subject::column(name, cname);
        push(
            out,
            subject.clone(),
            Detail::ExtraColumn {
                column: ccol.clone(),
            },
            ctx.resolution(&[subject], Aspect::Extra, Resolution::Unresolved),
        );
    }

    // The current objects as the end state names them: columns carried through renames.
    let rename = |c: &str| names.column(c);

    // Constraints against the end state.
    for (cname, ac) in &end_state.constraints {
        let exists = current.constraints.contains_key(cname)
            || names.constraints.iter().any(|r| r.to == *cname);
        if !exists {
            push(
                out,
                Subject::constraint(name, cname),
                Detail::MissingConstraint {
                    constraint: ac.clone(),
                },
                Resolution::Add,
            );
        }
    }
    for (cname, cc) in &current.constraints {
        let subject = Subject::constraint(name, cname);
        let mapped = referenced_renames(all_names, cc.map_columns(&rename));
        match end_state.constraints.get(&names.constraint(cname)) {
            None => push(
                out,
                subject,
                Detail::ExtraConstraint {
                    constraint: cc.clone(),
                },
                Resolution::Unresolved,
            ),
            Some(ac) if !ac.same_definition(&mapped) => push(
                out,
                subject,
                Detail::ConstraintMismatch {
                    origin: ac.clone(),
                    current: cc.clone(),
                },
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }

    // Indexes against the end state.
    for (iname, ai) in &end_state.indexes {
        let exists =
            current.indexes.contains_key(iname) || names.indexes.iter().any(|r| r.to == *iname);
        if !exists {
            let subject = Subject::index(name, iname);
            push(
                out,
                subject.clone(),
                Detail::MissingIndex { index: ai.clone() },
                ctx.added(subject),
            );
        }
    }
    for (iname, ci) in &current.indexes {
        let subject = Subject::index(name, iname);
        match end_state.indexes.get(&names.index(iname)) {
            None => push(
                out,
                subject,
                Detail::ExtraIndex { index: ci.clone() },
                Resolution::Unresolved,
            ),
            Some(ai) if !ai.same_definition(&ci.map_columns(&rename)) => push(
                out,
                subject,
                Detail::IndexMismatch {
                    origin: ai.clone(),
                    current: ci.clone(),
                },
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }

    // Triggers against the end state.
    missing_triggers(ctx, name, end_state, current, out);
    for (trname, ct) in &current.triggers {
        let subject = Subject::trigger(name, trname);
        match end_state.triggers.get(trname) {
            None => push(
                out,
                subject,
                Detail::ExtraTrigger {
                    trigger: ct.clone(),
                },
                Resolution::Unresolved,
            ),
            Some(at) if *at != ct.map_columns(&rename) => push(
                out,
                subject,
                Detail::TriggerMismatch {
                    origin: at.clone(),
                    current: ct.clone(),
                },
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }
}

/// A foreign key with the columns it references as the end state names them (the
/// referenced table's columns may be renamed too).
fn referenced_renames(all_names: &IndexMap<&str, TableNames>, mut c: Constraint) -> Constraint {
    if let Constraint::ForeignKey { references, .. } = &mut c {
        if let Some(names) = all_names.get(references.table.as_str()) {
            for column in references.columns.iter_mut() {
                if let Some(new) = names.column(column) {
                    *column = new;
                }
            }
        }
    }
    c
}

fn missing_triggers(
    ctx: &Ctx,
    name: &str,
    end_state: &Table,
    current: &Table,
    out: &mut Vec<Divergence>,
) {
    let updated_at = ctx.project.conventions.updated_at_function.as_deref();
    for (trname, at) in &end_state.triggers {
        if current.triggers.contains_key(trname) {
            continue;
        }
        let detail = if updated_at == Some(at.function.as_str()) {
            Detail::MissingUpdatedAtTrigger {
                trigger: at.clone(),
            }
        } else {
            Detail::MissingTrigger {
                trigger: at.clone(),
            }
        };
        let subject = Subject::trigger(name, trname);
        push(out, subject.clone(), detail, ctx.added(subject));
    }
}
