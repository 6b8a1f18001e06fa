//! What would remain different between the current schema and the end state after
//! the planned steps: every such divergence needs a decision, and the planner refuses
//! to guess. (Objects only the end state has are added: that needs no decision.)

use indexmap::IndexMap;

use super::error::Unresolved;
use super::rename::derived_renames;
use super::target::column_renames;
use crate::model::{Action, Project, Schema};

pub(crate) fn unresolved(project: &Project, aligned: &Schema) -> Vec<Unresolved> {
    let current = &project.current;
    let mut out = Vec::new();
    let mut push = |table: Option<&str>, object: String, detail: String| {
        out.push(Unresolved {
            table: table.map(str::to_string),
            object,
            detail,
        })
    };
    for ext in &current.extensions {
        if !aligned.extensions.contains(ext) {
            push(
                None,
                format!("extension {ext}"),
                "only in the current schema".into(),
            );
        }
    }
    for (name, cur) in &current.enums {
        match aligned.enums.get(name) {
            None => push(
                None,
                format!("type {name}"),
                "only in the current schema".into(),
            ),
            Some(target) => {
                let mut positions = cur
                    .labels
                    .iter()
                    .map(|l| target.labels.iter().position(|t| t == l));
                let ordered = positions
                    .try_fold(None::<usize>, |prev, p| match (prev, p) {
                        (_, None) => Err(()),
                        (Some(prev), Some(p)) if p <= prev => Err(()),
                        (_, Some(p)) => Ok(Some(p)),
                    })
                    .is_ok();
                if !ordered {
                    push(
                        None,
                        format!("type {name}"),
                        format!(
                            "labels ({}) in the current schema, ({}) in the end state: labels can be added, not dropped or reordered",
                            cur.labels.join(", "),
                            target.labels.join(", ")
                        ),
                    );
                }
            }
        }
    }
    for (name, cur) in &current.functions {
        match aligned.functions.get(name) {
            None => push(None, format!("function {name}"), "only in the current schema".into()),
            Some(target) if target.arguments != cur.arguments || target.returns != cur.returns => push(
                None,
                format!("function {name}"),
                format!(
                    "signature ({}) returns {} in the current schema, ({}) returns {} in the end state",
                    cur.arguments, cur.returns, target.arguments, target.returns
                ),
            ),
            Some(_) => {}
        }
    }
    let converted: Vec<(&String, &String)> = project
        .decisions
        .iter()
        .flat_map(|d| &d.actions)
        .filter_map(|a| match a {
            Action::ConvertType { table, column, .. } => Some((table, column)),
            _ => None,
        })
        .collect();
    for (tname, cur) in &current.tables {
        let t = Some(tname.as_str());
        let Some(target) = aligned.tables.get(tname) else {
            push(
                t,
                format!("table {tname}"),
                "only in the current schema".into(),
            );
            continue;
        };
        let renames = column_renames(project, tname);
        let col_name = |c: &String| renames.get(c).cloned().unwrap_or_else(|| c.clone());
        let mut constraint_names: IndexMap<String, String> = IndexMap::new();
        let mut index_names: IndexMap<String, String> = IndexMap::new();
        for (from, to) in &renames {
            let derived = derived_renames(tname, cur, from, to, &project.conventions);
            constraint_names.extend(derived.constraints);
            index_names.extend(derived.indexes);
        }
        for a in project.decisions.iter().flat_map(|d| &d.actions) {
            if let Action::RenameIndex { table, from, to } = a {
                if table == tname {
                    index_names.insert(from.clone(), to.clone());
                }
            }
        }
        for (cname, ccol) in &cur.columns {
            let aname = col_name(cname);
            let object = format!("column {tname}.{aname}");
            let Some(acol) = target.columns.get(&aname) else {
                push(
                    t,
                    format!("column {tname}.{cname}"),
                    "only in the current schema".into(),
                );
                continue;
            };
            let is_converted =
                converted.contains(&(tname, cname)) || converted.contains(&(tname, &aname));
            if ccol.data_type != acol.data_type && !is_converted {
                push(
                    t,
                    object.clone(),
                    format!(
                        "type {} in the current schema, {} in the end state",
                        ccol.data_type, acol.data_type
                    ),
                );
            }
            if ccol.not_null != acol.not_null {
                let word = |nn: bool| if nn { "NOT NULL" } else { "nullable" };
                push(
                    t,
                    object.clone(),
                    format!(
                        "{} in the current schema, {} in the end state",
                        word(ccol.not_null),
                        word(acol.not_null)
                    ),
                );
            }
            if ccol.default != acol.default && !is_converted {
                let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "no default".into());
                push(
                    t,
                    object.clone(),
                    format!(
                        "default {} in the current schema, {} in the end state",
                        show(&ccol.default),
                        show(&acol.default)
                    ),
                );
            }
            if ccol.comment.is_some() && acol.comment.is_none() {
                push(t, object, "has a comment only in the current schema".into());
            }
        }
        for (name, c) in &cur.constraints {
            let aname = constraint_names
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.clone());
            let mapped = c.map_columns(|c| col_name(&c.to_string()));
            match target.constraints.get(&aname) {
                None => push(
                    t,
                    format!("constraint {name}"),
                    "only in the current schema".into(),
                ),
                Some(tc) if !tc.same_definition(&mapped) => push(
                    t,
                    format!("constraint {name}"),
                    "has another definition in the end state".into(),
                ),
                Some(_) => {}
            }
        }
        for (name, index) in &cur.indexes {
            let aname = index_names
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.clone());
            let mut mapped = index.clone();
            mapped.columns = index.columns.iter().map(col_name).collect();
            match target.indexes.get(&aname) {
                None => push(
                    t,
                    format!("index {name}"),
                    "only in the current schema".into(),
                ),
                Some(ti) if *ti != mapped => push(
                    t,
                    format!("index {name}"),
                    format!("is `{aname}` with another definition in the end state"),
                ),
                Some(_) => {}
            }
        }
        for (name, trigger) in &cur.triggers {
            let mut mapped = trigger.clone();
            mapped.update_of = trigger.update_of.iter().map(col_name).collect();
            match target.triggers.get(name) {
                None => push(
                    t,
                    format!("trigger {name}"),
                    "only in the current schema".into(),
                ),
                Some(tt) if *tt != mapped => push(
                    t,
                    format!("trigger {name}"),
                    "has another definition in the end state".into(),
                ),
                Some(_) => {}
            }
        }
    }
    out
}
