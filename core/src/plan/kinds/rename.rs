//! Rename: the column, and the constraint and index names derived from its old name.

use crate::align::rename::derived_renames;
use crate::model::{Conventions, Table};
use crate::plan::step::Step;

/// Rename `table.from` to `to`. Derived names follow when the end state has them under
/// the new name (PostgreSQL 18's NOT NULL constraint always, guarded by existence).
pub(crate) fn steps(
    table: &str,
    current: &Table,
    target: &Table,
    from: &str,
    to: &str,
    conventions: &Conventions,
) -> Vec<Step> {
    let mut steps = vec![Step::RenameColumn {
        table: table.to_string(),
        from: from.to_string(),
        to: to.to_string(),
    }];
    let derived = derived_renames(table, current, from, to, conventions);
    for (old, new) in derived.constraints {
        if target.constraints.contains_key(&new) || new.ends_with("_not_null") {
            steps.push(Step::RenameConstraint {
                table: table.to_string(),
                from: old,
                to: new,
            });
        }
    }
    for (old, new) in derived.indexes {
        if target.indexes.contains_key(&new) {
            steps.push(Step::RenameIndex {
                table: table.to_string(),
                from: old,
                to: new,
            });
        }
    }
    steps
}
