//! Names derived from a column's name, and how they follow the column when it is renamed.

use crate::model::naming::default_constraint_name;
use crate::model::{Action, Conventions, Decision, Project, Table};

/// Renames `(old, new)` of the constraints and indexes of `table` whose names were
/// derived from column `from`, for when that column becomes `to`. A name counts as
/// derived when it is PostgreSQL's default name for the constraint, or the
/// convention's name for the index; a hand-picked name stays as it is.
/// PostgreSQL 18's NOT NULL constraint (`<table>_<col>_not_null`) is included for a
/// NOT NULL column; it does not exist before 18, so its rename must be guarded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct DerivedRenames {
    pub constraints: Vec<(String, String)>,
    pub indexes: Vec<(String, String)>,
}

pub(crate) fn derived_renames(
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
        if index.columns.iter().any(|c| c == from)
            && *name == conventions.index_name(table_name, &index.columns)
        {
            let new = conventions.index_name(table_name, &swap(&index.columns));
            out.indexes.push((name.clone(), new));
        }
    }
    out
}

/// Rename column `from` of `table` to `to` inside `table`, together with the names
/// derived from it (see [`derived_renames`]; PostgreSQL 18's NOT NULL names are not
/// part of the model) and the references to it.
pub(crate) fn rename_column(
    table_name: &str,
    table: &mut Table,
    from: &str,
    to: &str,
    conventions: &Conventions,
) {
    let renames = derived_renames(table_name, table, from, to, conventions);
    let swap = |c: &String| if c == from { to.to_string() } else { c.clone() };
    table.columns = std::mem::take(&mut table.columns)
        .into_iter()
        .map(|(name, col)| (swap(&name), col))
        .collect();
    let new_name = |renames: &[(String, String)], name: String| {
        renames
            .iter()
            .find(|(old, _)| *old == name)
            .map_or(name, |(_, new)| new.clone())
    };
    table.constraints = std::mem::take(&mut table.constraints)
        .into_iter()
        .map(|(name, c)| {
            (
                new_name(&renames.constraints, name),
                c.map_columns(|c| swap(&c.to_string())),
            )
        })
        .collect();
    table.indexes = std::mem::take(&mut table.indexes)
        .into_iter()
        .map(|(name, mut index)| {
            index.columns = index.columns.iter().map(swap).collect();
            (new_name(&renames.indexes, name), index)
        })
        .collect();
    for trigger in table.triggers.values_mut() {
        trigger.update_of = trigger.update_of.iter().map(swap).collect();
    }
}

/// One name a decision changes: the current schema's and the end state's.
#[derive(Debug, Clone)]
pub(crate) struct Renamed<'a> {
    pub from: String,
    pub to: String,
    pub decision: &'a Decision,
    pub action: &'a Action,
}

/// How the names of a current table map onto the end state's: the column renames, the
/// constraint and index names derived from them, and the index renames. The diff and
/// the planner both read the current schema through it.
#[derive(Debug, Default)]
pub(crate) struct TableNames<'a> {
    pub columns: Vec<Renamed<'a>>,
    pub constraints: Vec<Renamed<'a>>,
    pub indexes: Vec<Renamed<'a>>,
}

impl<'a> TableNames<'a> {
    pub(crate) fn of(project: &'a Project, name: &str, current: &Table, aligned: &Table) -> Self {
        let mut out = TableNames::default();
        for decision in &project.decisions {
            for action in &decision.actions {
                let renamed = |from: &str, to: &str| Renamed {
                    from: from.to_string(),
                    to: to.to_string(),
                    decision,
                    action,
                };
                match action {
                    Action::Rename { table, from, to } if table == name => {
                        out.columns.push(renamed(from, to));
                        let derived =
                            derived_renames(name, current, from, to, &project.conventions);
                        for (old, new) in derived.constraints {
                            if aligned.constraints.contains_key(&new)
                                && current.constraints.contains_key(&old)
                            {
                                out.constraints.push(renamed(&old, &new));
                            }
                        }
                        for (old, new) in derived.indexes {
                            out.indexes.push(renamed(&old, &new));
                        }
                    }
                    Action::RenameIndex { table, from, to } if table == name => {
                        out.indexes.push(renamed(from, to));
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The end state's name of a current column.
    pub(crate) fn column(&self, current: &str) -> String {
        lookup(&self.columns, current)
    }

    /// The end state's name of a current constraint.
    pub(crate) fn constraint(&self, current: &str) -> String {
        lookup(&self.constraints, current)
    }

    /// The end state's name of a current index.
    pub(crate) fn index(&self, current: &str) -> String {
        lookup(&self.indexes, current)
    }
}

fn lookup(renames: &[Renamed], current: &str) -> String {
    renames
        .iter()
        .find(|r| r.from == current)
        .map_or_else(|| current.to_string(), |r| r.to.clone())
}
