//! The divergence report: divergences and plan as one data structure (its JSON is the
//! `--format json` output) and as Markdown in the seed's shape.

mod global;
mod markdown;

use serde::Serialize;

use crate::align::{aligned, AlignError};
use crate::diff::{self, Divergence, Resolution};
use crate::model::{Constraint, Project, Table};
use crate::plan::{Plan, PlanError, Reason};
use crate::step::Held;

pub use markdown::to_markdown;

/// Everything the report says.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub project: String,
    pub summary: Summary,
    /// Conventions, checked across all tables.
    pub global: Vec<GlobalRow>,
    /// One entry per table of Origin or of the current schema.
    pub tables: Vec<TableReport>,
    /// Divergences outside tables: extensions, types, functions.
    pub schema: Vec<Divergence>,
    pub plan: PlanSection,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub origin_tables: usize,
    pub current_tables: usize,
    pub divergences: usize,
    pub resolved_by_decisions: usize,
    pub added: usize,
    pub unresolved: usize,
}

/// A convention and whether the current schema follows it.
#[derive(Debug, Clone, Serialize)]
pub struct GlobalRow {
    pub feature: String,
    pub origin: String,
    pub current: String,
    pub aligned: bool,
    pub action: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableReport {
    pub name: String,
    /// Origin's columns, annotated; None when Origin has no such table.
    pub origin: Option<Vec<String>>,
    /// The current columns, annotated; None when the current schema has no such table.
    pub current: Option<Vec<String>>,
    pub divergences: Vec<Divergence>,
    /// The decisions that resolve this table's divergences.
    pub decisions: Vec<DecisionRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRef {
    pub id: u32,
    pub kinds: String,
    pub title: String,
}

/// What gen-sql would write, or why it refuses.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PlanSection {
    Files { files: Vec<PlanFile> },
    Refused { reason: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanFile {
    pub file: String,
    pub title: String,
    pub holds: Vec<Held>,
    /// The decisions the file carries out.
    pub decisions: Vec<u32>,
}

/// The report of `project`, computing what it needs (the analysis keeps these and
/// calls [`build`] instead).
pub fn report(project: &Project) -> Result<Report, AlignError> {
    let end_state = aligned(project)?;
    let divergences = diff::against(project, &end_state);
    let plan = crate::plan::plan(project, &end_state, &divergences);
    Ok(build(project, &divergences, plan.as_ref()))
}

/// The report of `project` from its divergences and its plan (or the planner's refusal).
pub fn build(
    project: &Project,
    divergences: &[Divergence],
    plan: Result<&Plan, &PlanError>,
) -> Report {
    let count =
        |f: fn(&Resolution) -> bool| divergences.iter().filter(|d| f(&d.resolution)).count();
    let summary = Summary {
        origin_tables: project.origin.tables.len(),
        current_tables: project.current.tables.len(),
        divergences: divergences.len(),
        resolved_by_decisions: count(|r| matches!(r, Resolution::Decision { .. })),
        added: count(|r| *r == Resolution::Add),
        unresolved: count(|r| *r == Resolution::Unresolved),
    };
    let decision_ref = |id: u32| {
        project
            .decisions
            .iter()
            .find(|d| d.id == id)
            .map(|d| DecisionRef {
                id,
                kinds: d.kinds(),
                title: d.title.clone(),
            })
    };
    let mut names: Vec<&String> = project.origin.tables.keys().collect();
    names.extend(
        project
            .current
            .tables
            .keys()
            .filter(|t| !project.origin.tables.contains_key(*t)),
    );
    let tables = names
        .into_iter()
        .map(|name| {
            let ds: Vec<Divergence> = divergences
                .iter()
                .filter(|d| d.table().is_some_and(|t| t.key() == *name))
                .cloned()
                .collect();
            let mut ids: Vec<u32> = ds
                .iter()
                .filter_map(|d| match d.resolution {
                    Resolution::Decision { id, .. } => Some(id),
                    Resolution::Add | Resolution::Unresolved => None,
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            TableReport {
                name: name.clone(),
                origin: project.origin.tables.get(name).map(columns),
                current: project.current.tables.get(name).map(columns),
                divergences: ds,
                decisions: ids.into_iter().filter_map(decision_ref).collect(),
            }
        })
        .collect();
    let schema = divergences
        .iter()
        .filter(|d| d.table().is_none())
        .cloned()
        .collect();
    let plan = match plan {
        Ok(plan) => PlanSection::Files {
            files: plan
                .units
                .iter()
                .map(|u| {
                    let mut decisions: Vec<u32> = u
                        .groups
                        .iter()
                        .filter_map(|g| match g.reason {
                            Reason::Decision { id, .. } => Some(id),
                            Reason::Add(_) | Reason::Ensure(_) => None,
                        })
                        .collect();
                    decisions.sort_unstable();
                    decisions.dedup();
                    PlanFile {
                        file: u.name.clone(),
                        title: u.title.clone(),
                        holds: u.holds.clone(),
                        decisions,
                    }
                })
                .collect(),
        },
        Err(e) => PlanSection::Refused {
            reason: e.to_string(),
        },
    };
    Report {
        project: project.name.clone(),
        summary,
        global: global::rows(project, divergences),
        tables,
        schema,
        plan,
    }
}

/// Column names with what matters about them: `email (unique)`, `user_id (→ users)`.
fn columns(table: &Table) -> Vec<String> {
    table
        .columns
        .iter()
        .map(|(name, col)| {
            let mut notes = Vec::new();
            for c in table.constraints.values() {
                let only_this = c.columns().len() == 1 && c.columns()[0] == *name;
                match c {
                    Constraint::PrimaryKey { .. } if only_this => notes.push("PK".to_string()),
                    Constraint::Unique { .. } if only_this => notes.push("unique".to_string()),
                    Constraint::ForeignKey { references, .. } if only_this => {
                        notes.push(format!("→ {}", references.table))
                    }
                    _ => {}
                }
            }
            notes.push(col.data_type.clone());
            format!("{name} ({})", notes.join(", "))
        })
        .collect()
}
