//! Divergences inside tables: columns against Origin (with the pairs that rename and
//! keep-legacy-name decisions make), constraints, indexes and triggers against the end
//! state (whose names those decisions derive).

use super::describe;
use super::{push, Ctx, Divergence, Kind, Resolution};
use crate::align::claims::Key;
use crate::align::rename::TableNames;
use crate::model::{Action, Decision, Table};

fn decision(d: &Decision, a: &Action) -> Resolution {
    Resolution::Decision {
        id: d.id,
        kind: a.kind_name().to_string(),
    }
}

/// A column pair a decision makes: Origin's name and the current name.
struct Pair<'a> {
    origin: &'a str,
    current: &'a str,
    resolution: Resolution,
}

pub(super) fn tables(ctx: &Ctx, out: &mut Vec<Divergence>) {
    let (origin, current, aligned) = (&ctx.project.origin, &ctx.project.current, ctx.aligned);
    for (name, table) in &origin.tables {
        if !current.tables.contains_key(name) {
            let what = format!("{} columns", table.columns.len());
            push(
                out,
                Kind::MissingTable,
                Some(name),
                name.to_string(),
                Some(what),
                None,
                ctx.added(&Key::Table(name.clone())),
            );
            // Its triggers are objects of their own, often created in another file.
            if let Some(a) = aligned.tables.get(name) {
                missing_triggers(ctx, name, a, &Table::default(), out);
            }
        }
    }
    for (name, table) in &current.tables {
        let (Some(o), Some(a)) = (origin.tables.get(name), aligned.tables.get(name)) else {
            let what = format!("{} columns", table.columns.len());
            push(
                out,
                Kind::ExtraTable,
                Some(name),
                name.to_string(),
                None,
                Some(what),
                Resolution::Unresolved,
            );
            continue;
        };
        table_divergences(ctx, name, o, table, a, out);
    }
}

fn table_divergences(
    ctx: &Ctx,
    name: &str,
    origin: &Table,
    current: &Table,
    aligned: &Table,
    out: &mut Vec<Divergence>,
) {
    let t = Some(name);
    let conventions = &ctx.project.conventions;
    let names = TableNames::of(ctx.project, name, current, aligned);
    for r in &names.constraints {
        let (old, new) = (r.from.clone(), r.to.clone());
        push(
            out,
            Kind::NamingMismatch,
            t,
            new.clone(),
            Some(new),
            Some(old),
            decision(r.decision, r.action),
        );
    }
    for r in &names.indexes {
        let (old, new) = (r.from.clone(), r.to.clone());
        push(
            out,
            Kind::IndexNaming,
            t,
            new.clone(),
            Some(new),
            Some(old),
            decision(r.decision, r.action),
        );
    }
    let mut pairs: Vec<Pair> = names
        .columns
        .iter()
        .map(|r| Pair {
            origin: &r.to,
            current: &r.from,
            resolution: decision(r.decision, r.action),
        })
        .collect();
    let mut converted: Vec<(&str, Resolution)> = Vec::new();
    for d in &ctx.project.decisions {
        for a in &d.actions {
            match a {
                Action::KeepLegacyName {
                    table,
                    column,
                    legacy,
                    ..
                } if table == name => pairs.push(Pair {
                    origin: column,
                    current: legacy,
                    resolution: decision(d, a),
                }),
                Action::ConvertType { table, column, .. } if table == name => {
                    converted.push((column, decision(d, a)))
                }
                _ => {}
            }
        }
    }
    for p in &pairs {
        if origin.columns.contains_key(p.origin) && current.columns.contains_key(p.current) {
            let object = format!("{name}.{}", p.origin);
            push(
                out,
                Kind::NamingMismatch,
                t,
                object,
                Some(p.origin.to_string()),
                Some(p.current.to_string()),
                p.resolution.clone(),
            );
        }
    }
    let current_name = |origin_col: &str| -> String {
        pairs
            .iter()
            .find(|p| p.origin == origin_col)
            .map_or(origin_col.to_string(), |p| p.current.to_string())
    };
    let paired_current = |c: &str| pairs.iter().any(|p| p.current == c);

    // Columns: Origin's against the current ones.
    for (cname, ocol) in &origin.columns {
        let cur_name = current_name(cname);
        let object = format!("{name}.{cname}");
        let Some(ccol) = current.columns.get(&cur_name) else {
            let soft_delete = *cname == conventions.soft_delete
                && conventions.user_facing_tables.iter().any(|u| u == name);
            let kind = if soft_delete {
                Kind::MissingSoftDelete
            } else {
                Kind::MissingColumn
            };
            let resolution = ctx.added(&Key::Column(name.to_string(), cname.clone()));
            push(
                out,
                kind,
                t,
                object,
                Some(describe::column(ocol)),
                None,
                resolution,
            );
            continue;
        };
        let conversion = converted
            .iter()
            .find(|(c, _)| *c == cname.as_str() || *c == cur_name)
            .map(|(_, r)| r.clone());
        let acol = aligned
            .columns
            .get(&cur_name)
            .or_else(|| aligned.columns.get(cname));
        if ocol.data_type != ccol.data_type {
            let r = conversion.clone().unwrap_or(Resolution::Unresolved);
            push(
                out,
                Kind::TypeMismatch,
                t,
                object.clone(),
                Some(ocol.data_type.clone()),
                Some(ccol.data_type.clone()),
                r,
            );
        }
        if ocol.not_null != ccol.not_null {
            // A relax decision makes the end state take the current nullability.
            let r = match acol {
                Some(a) if a.not_null == ccol.not_null => {
                    ctx.added(&Key::Column(name.to_string(), cname.clone()))
                }
                _ => Resolution::Unresolved,
            };
            let r = if r == Resolution::Add {
                Resolution::Unresolved
            } else {
                r
            };
            push(
                out,
                Kind::NullabilityMismatch,
                t,
                object.clone(),
                Some(describe::nullability(ocol.not_null)),
                Some(describe::nullability(ccol.not_null)),
                r,
            );
        }
        if ocol.default != ccol.default {
            let r = conversion.clone().unwrap_or(Resolution::Unresolved);
            let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
            push(
                out,
                Kind::DefaultMismatch,
                t,
                object.clone(),
                Some(show(&ocol.default)),
                Some(show(&ccol.default)),
                r,
            );
        }
        if ccol.comment.is_some() && acol.is_some_and(|a| a.comment.is_none()) {
            push(
                out,
                Kind::CommentMismatch,
                t,
                object,
                Some("none".into()),
                ccol.comment.clone(),
                Resolution::Unresolved,
            );
        }
    }
    for (cname, ccol) in &current.columns {
        if origin.columns.contains_key(cname) || paired_current(cname) {
            continue;
        }
        let object = format!("{name}.{cname}");
        let resolution = match ctx
            .claims
            .get(&Key::Column(name.to_string(), cname.clone()))
        {
            Some((d, a)) if matches!(a, Action::KeepLegacyColumn { .. }) => decision(d, a),
            _ => Resolution::Unresolved,
        };
        push(
            out,
            Kind::ExtraColumn,
            t,
            object,
            None,
            Some(describe::column(ccol)),
            resolution,
        );
    }

    // Constraints against the end state, current names carried through renames.
    let col_map = |c: &str| names.column(c);
    for (cname, ac) in &aligned.constraints {
        let exists = current.constraints.contains_key(cname)
            || names.constraints.iter().any(|r| r.to == *cname);
        if !exists {
            push(
                out,
                Kind::MissingConstraint,
                t,
                cname.to_string(),
                Some(describe::constraint(ac)),
                None,
                Resolution::Add,
            );
        }
    }
    for (cname, cc) in &current.constraints {
        let aname = names.constraint(cname);
        let mapped = cc.map_columns(|c| col_map(c));
        match aligned.constraints.get(&aname) {
            None => push(
                out,
                Kind::ExtraConstraint,
                t,
                cname.to_string(),
                None,
                Some(describe::constraint(cc)),
                Resolution::Unresolved,
            ),
            Some(ac) if !ac.same_definition(&mapped) => push(
                out,
                Kind::ConstraintMismatch,
                t,
                cname.to_string(),
                Some(describe::constraint(ac)),
                Some(describe::constraint(cc)),
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }

    // Indexes against the end state, current names carried through renames.
    for (iname, ai) in &aligned.indexes {
        let exists =
            current.indexes.contains_key(iname) || names.indexes.iter().any(|r| r.to == *iname);
        if !exists {
            push(
                out,
                Kind::MissingIndex,
                t,
                iname.to_string(),
                Some(describe::index(ai)),
                None,
                ctx.added(&Key::Index(name.to_string(), iname.clone())),
            );
        }
    }
    for (iname, ci) in &current.indexes {
        let aname = names.index(iname);
        let mut mapped = ci.clone();
        mapped.columns = ci.columns.iter().map(|c| col_map(c)).collect();
        match aligned.indexes.get(&aname) {
            None => {
                push(
                    out,
                    Kind::ExtraIndex,
                    t,
                    iname.to_string(),
                    None,
                    Some(describe::index(ci)),
                    Resolution::Unresolved,
                );
            }
            Some(ai) if *ai != mapped => push(
                out,
                Kind::IndexMismatch,
                t,
                iname.to_string(),
                Some(describe::index(ai)),
                Some(describe::index(ci)),
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }

    // Triggers against the end state.
    missing_triggers(ctx, name, aligned, current, out);
    for (trname, ct) in &current.triggers {
        let mut mapped = ct.clone();
        mapped.update_of = ct.update_of.iter().map(|c| col_map(c)).collect();
        match aligned.triggers.get(trname) {
            None => push(
                out,
                Kind::ExtraTrigger,
                t,
                trname.to_string(),
                None,
                Some(describe::trigger(ct)),
                Resolution::Unresolved,
            ),
            Some(at) if *at != mapped => push(
                out,
                Kind::TriggerMismatch,
                t,
                trname.to_string(),
                Some(describe::trigger(at)),
                Some(describe::trigger(ct)),
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }
}

fn missing_triggers(
    ctx: &Ctx,
    name: &str,
    aligned: &Table,
    current: &Table,
    out: &mut Vec<Divergence>,
) {
    for (trname, at) in &aligned.triggers {
        if current.triggers.contains_key(trname) {
            continue;
        }
        let kind = if at.function == ctx.project.conventions.updated_at_function {
            Kind::MissingUpdatedAtTrigger
        } else {
            Kind::MissingTrigger
        };
        let resolution = ctx.added(&Key::Trigger(name.to_string(), trname.clone()));
        push(
            out,
            kind,
            Some(name),
            trname.to_string(),
            Some(describe::trigger(at)),
            None,
            resolution,
        );
    }
}
