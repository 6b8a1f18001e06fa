//! Compatibility decisions as data: what to do about each place where the current
//! schema and Origin differ, while the code that runs on the database keeps working.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::expr::{ValueExpr, ValueMap};

/// One decision: an id (its row number in the project's decision table), a title,
/// and one or more actions of the kinds below (a row may combine kinds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: u32,
    pub title: String,
    pub actions: Vec<Action>,
}

/// The kinds of decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Objects Origin has and the current schema lacks, created idempotently. Adding
    /// needs no decision; an explicit one only names the objects it claims.
    /// With a `table` and nothing else, the table itself.
    Add {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        indexes: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        triggers: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        types: Vec<String>,
    },
    /// Keep the current schema's name `legacy` for Origin's `table.column`.
    KeepLegacyName {
        table: String,
        column: String,
        legacy: String,
        /// Why, and what Origin has instead: the column comment is `legacy: <note>`.
        note: String,
    },
    /// Keep a current column that Origin does not have (or keeps elsewhere).
    KeepLegacyColumn {
        table: String,
        column: String,
        /// Where Origin keeps that data: the column comment is `legacy: <note>`.
        note: String,
    },
    /// Create Origin's column with a relaxed constraint: nullable.
    Relax { table: String, column: String },
    /// Rename the current column `from` to Origin's `to`, with the constraint and
    /// index names derived from it.
    Rename {
        table: String,
        from: String,
        to: String,
    },
    /// Change the type of a current column in place to Origin's type, through `map`.
    ConvertType {
        table: String,
        column: String,
        map: ValueMap,
    },
    /// A new column computed from other columns of the same row, back-filled and kept
    /// in step by a `BEFORE` trigger.
    Derive {
        table: String,
        column: String,
        value: ValueExpr,
        trigger: String,
        function: String,
    },
    /// Columns whose Origin home is another table: one row there per source row,
    /// back-filled and kept in step by an `AFTER` trigger on the source table.
    Move {
        from_table: String,
        to_table: String,
        /// Target columns and how each is computed from the source row.
        values: IndexMap<String, ValueExpr>,
        /// Target columns (among `values`) that identify the row: a unique key.
        key: Vec<String>,
        trigger: String,
        function: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        security_definer: bool,
        #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
        config: IndexMap<String, Vec<String>>,
    },
    /// A value that becomes a row of its own table: one row per distinct key, taken
    /// from the first source row in `order_by`, linked back through `link_column`.
    Extract {
        from_table: String,
        to_table: String,
        values: IndexMap<String, ValueExpr>,
        /// Target columns (among `values`) that identify the row: a unique key.
        key: Vec<String>,
        /// Which source row gives the values: the first in this order.
        order_by: Vec<String>,
        /// The source column that receives the new row's id (a foreign key to `to_table`).
        link_column: String,
    },
    /// Rename an index that breaks the naming convention.
    RenameIndex {
        table: String,
        from: String,
        to: String,
    },
}

impl Action {
    /// The kind as DECISIONS.md spells it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Action::Add { .. } => "add",
            Action::KeepLegacyName { .. } => "keep legacy name",
            Action::KeepLegacyColumn { .. } => "keep legacy column",
            Action::Relax { .. } => "relax",
            Action::Rename { .. } => "rename",
            Action::ConvertType { .. } => "convert type",
            Action::Derive { .. } => "derive",
            Action::Move { .. } => "move",
            Action::Extract { .. } => "extract",
            Action::RenameIndex { .. } => "rename index",
        }
    }
}

impl Decision {
    /// The kinds of this decision joined with ` + `, e.g. `keep legacy column + derive`.
    pub fn kinds(&self) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        for a in &self.actions {
            if !kinds.contains(&a.kind_name()) {
                kinds.push(a.kind_name());
            }
        }
        kinds.join(" + ")
    }
}
