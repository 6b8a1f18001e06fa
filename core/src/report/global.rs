//! The report's global table: each convention, and how the current schema follows it.

use super::GlobalRow;
use crate::diff::{Divergence, Kind, Resolution};
use crate::model::{Constraint, Project};

pub(super) fn rows(project: &Project, divergences: &[Divergence]) -> Vec<GlobalRow> {
    let conv = &project.conventions;
    let (origin, current) = (&project.origin, &project.current);
    let mut rows = Vec::new();

    if let Some(pk) = &conv.primary_key {
        let spec = format!(
            "`{} {}{}`",
            pk.column,
            pk.data_type,
            pk.default
                .as_deref()
                .map(|d| format!(" DEFAULT {d}"))
                .unwrap_or_default()
        );
        // Tables Origin gives another key (join tables) are not held to the convention.
        let held = |name: &str| {
            origin.tables.get(name).is_none_or(|t| {
                t.constraints
                    .values()
                    .any(|c| matches!(c, Constraint::PrimaryKey { columns, .. } if *columns == [pk.column.clone()]))
            })
        };
        let off: Vec<String> = current
            .tables
            .iter()
            .filter(|(name, _)| held(name))
            .filter(|(_, t)| {
                let col_ok = t
                    .columns
                    .get(&pk.column)
                    .is_some_and(|c| c.data_type == pk.data_type && c.default == pk.default);
                let key_ok = t
                    .constraints
                    .values()
                    .any(|c| matches!(c, Constraint::PrimaryKey { columns, .. } if *columns == [pk.column.clone()]));
                !(col_ok && key_ok)
            })
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        rows.push(row(
            "Primary keys",
            spec.clone(),
            &off,
            spec,
            "fix the primary key of",
        ));
    }

    if let (Some(created_at), Some(updated_at)) = (&conv.created_at, &conv.updated_at) {
        rows.push(timestamps(project, created_at, updated_at));
    }

    if let (Some(function), Some(updated_at)) = (&conv.updated_at_function, &conv.updated_at) {
        let missing = tables_with(divergences, Kind::MissingUpdatedAtTrigger, project);
        rows.push(GlobalRow {
            feature: "Updated trigger".into(),
            origin: format!("Mandatory: `{function}()` on every table with `{updated_at}`"),
            current: if missing.existing.is_empty() {
                "on every table that has the column".into()
            } else {
                format!("missing on {}", missing.existing.join(", "))
            },
            aligned: missing.existing.is_empty(),
            action: resolution_action("Add it", &missing),
        });
    }

    if let Some(pattern) = &conv.index_name {
        let indexes: Vec<(&String, &String, &crate::model::Index)> = current
            .tables
            .iter()
            .flat_map(|(t, table)| table.indexes.iter().map(move |(i, idx)| (t, i, idx)))
            .collect();
        let off: Vec<String> = indexes
            .iter()
            .filter(|(t, i, idx)| {
                Some(i.as_str()) != conv.index_name(t, &idx.key_columns()).as_deref()
            })
            .map(|(_, i, _)| format!("`{i}`"))
            .collect();
        let renames = tables_with(divergences, Kind::IndexNaming, project);
        rows.push(GlobalRow {
            feature: "Indexes".into(),
            origin: format!("snake_case `{pattern}`"),
            current: if off.is_empty() {
                format!("all {} follow it", indexes.len())
            } else {
                format!(
                    "{} of {} do not: {}",
                    off.len(),
                    indexes.len(),
                    off.join(", ")
                )
            },
            aligned: off.is_empty(),
            action: resolution_action("Rename to standard", &renames),
        });
    }

    if let (false, Some(soft_delete)) = (conv.user_facing_tables.is_empty(), &conv.soft_delete) {
        let missing = tables_with(divergences, Kind::MissingSoftDelete, project);
        let facing: Vec<String> = conv
            .user_facing_tables
            .iter()
            .map(|t| format!("`{t}`"))
            .collect();
        rows.push(GlobalRow {
            feature: "Soft deletes".into(),
            origin: format!(
                "Mandatory for user-facing tables ({}): `{}`",
                facing.join(", "),
                soft_delete
            ),
            current: if missing.existing.is_empty() {
                "on every user-facing table".into()
            } else {
                format!("missing on {}", missing.existing.join(", "))
            },
            aligned: missing.existing.is_empty(),
            action: resolution_action(&format!("Add the missing `{soft_delete}`"), &missing),
        });
    }
    rows
}

/// Both timestamps on every table of Origin that has them, with Origin's type.
fn timestamps(project: &Project, created_at: &str, updated_at: &str) -> GlobalRow {
    let (origin, current) = (&project.origin, &project.current);
    let stamp_type = origin
        .tables
        .values()
        .find_map(|t| t.columns.get(updated_at))
        .map(|c| c.data_type.clone())
        .unwrap_or_else(|| "timestamp with time zone".into());
    let wants_stamps = |name: &str| {
        origin.tables.get(name).is_some_and(|t| {
            t.columns.contains_key(created_at) && t.columns.contains_key(updated_at)
        })
    };
    let off: Vec<String> = current
        .tables
        .iter()
        .filter(|(name, _)| wants_stamps(name))
        .filter(|(_, t)| {
            [created_at, updated_at].iter().any(|c| {
                t.columns
                    .get(*c)
                    .is_none_or(|col| col.data_type != stamp_type)
            })
        })
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    let spec = format!("`{created_at}`, `{updated_at}` ({stamp_type})");
    row(
        "Timestamps",
        spec.clone(),
        &off,
        spec,
        "add or fix the timestamps of",
    )
}

fn row(feature: &str, origin: String, off: &[String], current_ok: String, fix: &str) -> GlobalRow {
    GlobalRow {
        feature: feature.into(),
        origin,
        current: if off.is_empty() {
            current_ok
        } else {
            format!("differs on {}", off.join(", "))
        },
        aligned: off.is_empty(),
        action: if off.is_empty() {
            "Aligned".into()
        } else {
            format!("{fix} {}", off.join(", "))
        },
    }
}

/// The tables of the current schema a kind of divergence touches, and how it is resolved.
struct Touched {
    existing: Vec<String>,
    decisions: Vec<u32>,
    unresolved: bool,
}

fn tables_with(divergences: &[Divergence], kind: Kind, project: &Project) -> Touched {
    let mut t = Touched {
        existing: Vec::new(),
        decisions: Vec::new(),
        unresolved: false,
    };
    for d in divergences.iter().filter(|d| d.kind() == kind) {
        let Some(table) = d.table().map(|t| t.key()) else {
            continue;
        };
        if !project.current.tables.contains_key(&table) {
            continue;
        }
        let name = format!("`{table}`");
        if !t.existing.contains(&name) {
            t.existing.push(name);
        }
        match d.resolution {
            Resolution::Decision { id, .. } => {
                if !t.decisions.contains(&id) {
                    t.decisions.push(id);
                }
            }
            Resolution::Unresolved => t.unresolved = true,
            Resolution::Add => {}
        }
    }
    t.decisions.sort_unstable();
    t
}

fn resolution_action(verb: &str, t: &Touched) -> String {
    if t.existing.is_empty() {
        return "Aligned".into();
    }
    let by = if t.decisions.is_empty() {
        "added, no decision needed".to_string()
    } else {
        let ids: Vec<String> = t.decisions.iter().map(|i| i.to_string()).collect();
        format!("decision {}", ids.join(", "))
    };
    if t.unresolved {
        format!("{verb}: unresolved, needs a decision")
    } else {
        format!("{verb} ({by})")
    }
}
