//! Names decisions pair and change: the columns and indexes a decision pairs between
//! Origin and the current schema, the constraint and index names derived from a
//! renamed column, and how the current names map onto the end state's.

use super::{actions, rules};
use crate::model::{Action, Conventions, Decision, Project, Table};
use crate::pg::names::default_constraint_name;

/// What a decision pairs: one of Origin's objects and the current one it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub table: String,
    pub object: Paired,
    /// Origin's name.
    pub origin: String,
    /// The current schema's name.
    pub current: String,
    /// Whether the migration renames the current object to Origin's name (and the
    /// names derived from a column's name with it); otherwise the current name stays.
    pub renamed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paired {
    Column,
    Index,
}

/// Renames `(old, new)` of the constraints and indexes of `table` whose names were
/// derived from column `from`, for when that column becomes `to`. A name counts as
/// derived when it is PostgreSQL's default name for the constraint, or the
/// convention's name for the index; a hand-picked name stays as it is.
/// PostgreSQL 18's NOT NULL constraint (`<table>_<col>_not_null`) is included for a
/// NOT NULL column; it does not exist before 18, so its rename must be guarded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DerivedRenames {
    pub constraints: Vec<(String, String)>,
    pub indexes: Vec<(String, String)>,
}

pub fn derived_renames(
    table_name: &str,
    table: &Table,
    from: &str,
    to: &str,
    conventions: &Conventions,
) -> DerivedRenames {
    let swap = |cols: &[String]| -> Vec<String> {
        cols.iter()
            .map(|c| if c == from { to.to_string() } else { c.clone() })
            .collect()
    };
    let mut out = DerivedRenames::default();
    for (name, constraint) in &table.constraints {
        let cols = constraint.columns();
        if !cols.iter().any(|c| c == from) {
            continue;
        }
        let suffix = constraint.name_suffix();
        if *name == default_constraint_name(table_name, cols, suffix) {
            let new = default_constraint_name(table_name, &swap(cols), suffix);
            out.constraints.push((name.clone(), new));
        }
    }
    if table.columns.get(from).is_some_and(|c| c.not_null) {
        let one = |c: &str| vec![c.to_string()];
        out.constraints.push((
            default_constraint_name(table_name, &one(from), "not_null"),
            default_constraint_name(table_name, &one(to), "not_null"),
        ));
    }
    for (name, index) in &table.indexes {
        let columns = index.key_columns();
        if !index.is_plain() || !columns.iter().any(|c| c == from) {
            continue;
        }
        let (Some(old), Some(new)) = (
            conventions.index_name(table_name, &columns),
            conventions.index_name(table_name, &swap(&columns)),
        ) else {
            continue;
        };
        if *name == old {
            out.indexes.push((name.clone(), new));
        }
    }
    out
}

/// One name a decision changes: the current schema's and the end state's.
#[derive(Debug, Clone)]
pub struct Renamed<'a> {
    pub from: String,
    pub to: String,
    pub decision: &'a Decision,
    pub action: &'a Action,
    /// Whether the decision pairs this very object (not a name derived from a column).
    pub paired: bool,
}

/// How the names of a current table map onto the end state's: the column renames, the
/// constraint and index names derived from them, and the index renames. The diff and
/// the planner both read the current schema through it.
#[derive(Debug, Default)]
pub struct TableNames<'a> {
    pub columns: Vec<Renamed<'a>>,
    pub constraints: Vec<Renamed<'a>>,
    pub indexes: Vec<Renamed<'a>>,
}

impl<'a> TableNames<'a> {
    pub fn of(project: &'a Project, name: &str, current: &Table, end_state: &Table) -> Self {
        let mut out = TableNames::default();
        for (decision, action) in actions(project) {
            for pair in rules(action).pairs() {
                if pair.table != name || !pair.renamed {
                    continue;
                }
                let renamed = |from: &str, to: &str, paired: bool| Renamed {
                    from: from.to_string(),
                    to: to.to_string(),
                    decision,
                    action,
                    paired,
                };
                let (from, to) = (&pair.current, &pair.origin);
                match pair.object {
                    Paired::Column => {
                        out.columns.push(renamed(from, to, true));
                        let derived =
                            derived_renames(name, current, from, to, &project.conventions);
                        for (old, new) in derived.constraints {
                            if end_state.constraints.contains_key(&new)
                                && current.constraints.contains_key(&old)
                            {
                                out.constraints.push(renamed(&old, &new, false));
                            }
                        }
                        for (old, new) in derived.indexes {
                            out.indexes.push(renamed(&old, &new, false));
                        }
                    }
                    Paired::Index => out.indexes.push(renamed(from, to, true)),
                }
            }
        }
        out
    }

    /// The end state's name of a current column, when a decision renames it.
    pub fn column(&self, current: &str) -> Option<String> {
        lookup(&self.columns, current)
    }

    /// The end state's name of a current constraint.
    pub fn constraint(&self, current: &str) -> String {
        lookup(&self.constraints, current).unwrap_or_else(|| current.to_string())
    }

    /// The end state's name of a current index.
    pub fn index(&self, current: &str) -> String {
        lookup(&self.indexes, current).unwrap_or_else(|| current.to_string())
    }
}

fn lookup(renames: &[Renamed], current: &str) -> Option<String> {
    renames
        .iter()
        .find(|r| r.from == current)
        .map(|r| r.to.clone())
}
