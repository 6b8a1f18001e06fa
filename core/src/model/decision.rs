//! Compatibility decisions as data: what to do about each place where the current
//! schema and Origin differ, while the code that runs on the database keeps working.
//! What each kind means for the end state, the diff and the plan is in the `kinds` module of the crate.

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

impl Decision {
    /// The kinds of this decision joined with ` + `, e.g. `keep legacy column + derive`.
    pub fn kinds(&self) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        for a in &self.actions {
            let words = a.kind().words();
            if !kinds.contains(&words) {
                kinds.push(words);
            }
        }
        kinds.join(" + ")
    }
}

/// Declares [`Action`] (one variant per kind, holding that kind's data) and
/// [`ActionKind`] (the kinds without their data, for resolutions and reasons) from one
/// list, so that the two cannot disagree. A new kind is one line here, its data struct
/// below, and its file in the `kinds` module.
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident($data:ident) = $words:literal,)*) => {
        /// One action of a decision. In JSON: the kind's fields beside `"kind": "<snake_case>"`.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Action {
            $($(#[$doc])* $variant($data),)*
        }

        /// The kind of an action, without its data; `snake_case` in JSON.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ActionKind {
            $($variant,)*
        }

        impl Action {
            pub fn kind(&self) -> ActionKind {
                match self {
                    $(Action::$variant(_) => ActionKind::$variant,)*
                }
            }
        }

        impl ActionKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ActionKind] = &[$(ActionKind::$variant,)*];

            /// The kind as DECISIONS.md spells it, e.g. `keep legacy column`.
            pub fn words(self) -> &'static str {
                match self {
                    $(ActionKind::$variant => $words,)*
                }
            }
        }
    };
}

actions! {
    /// Objects Origin has and the current schema lacks, created idempotently.
    Add(Add) = "add",
    /// Keep the current schema's name for one of Origin's columns.
    KeepLegacyName(KeepLegacyName) = "keep legacy name",
    /// Keep a current column that Origin does not have (or keeps elsewhere).
    KeepLegacyColumn(KeepLegacyColumn) = "keep legacy column",
    /// Create Origin's column with a relaxed constraint: nullable.
    Relax(Relax) = "relax",
    /// Rename a current column to Origin's name.
    Rename(Rename) = "rename",
    /// Change the type of a current column in place, through a value map.
    ConvertType(ConvertType) = "convert type",
    /// A new column computed from other columns of its row, kept in step by a trigger.
    Derive(Derive) = "derive",
    /// Columns whose Origin home is another table, kept in step by a trigger.
    Move(Move) = "move",
    /// A value that becomes a row of its own table.
    Extract(Extract) = "extract",
    /// Rename an index that breaks the naming convention.
    RenameIndex(RenameIndex) = "rename index",
}

/// Adding needs no decision; an explicit one only names the objects it claims. With a
/// `table` and nothing else, the table itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Add {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
}

/// Keep the current schema's name `legacy` for Origin's `table.column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepLegacyName {
    pub table: String,
    pub column: String,
    pub legacy: String,
    /// Why, and what Origin has instead: the column comment is `legacy: <note>`.
    pub note: String,
}

/// Keep a current column that Origin does not have (or keeps elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepLegacyColumn {
    pub table: String,
    pub column: String,
    /// Where Origin keeps that data: the column comment is `legacy: <note>`.
    pub note: String,
}

/// Create Origin's column with a relaxed constraint: nullable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relax {
    pub table: String,
    pub column: String,
}

/// Rename the current column `from` to Origin's `to`, with the constraint and index
/// names derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub table: String,
    pub from: String,
    pub to: String,
}

/// Change the type of a current column in place to Origin's type, through `map`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvertType {
    pub table: String,
    pub column: String,
    pub map: ValueMap,
}

/// A new column computed from other columns of the same row, back-filled and kept in
/// step by a `BEFORE` trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derive {
    pub table: String,
    pub column: String,
    pub value: ValueExpr,
    pub trigger: String,
    pub function: String,
}

/// Columns whose Origin home is another table: one row there per source row,
/// back-filled and kept in step by an `AFTER` trigger on the source table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub from_table: String,
    pub to_table: String,
    /// Target columns and how each is computed from the source row.
    pub values: IndexMap<String, ValueExpr>,
    /// Target columns (among `values`) that identify the row: a unique key.
    pub key: Vec<String>,
    pub trigger: String,
    pub function: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_definer: bool,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub config: IndexMap<String, Vec<String>>,
}

/// A value that becomes a row of its own table: one row per distinct key, taken from
/// the first source row in `order_by`, linked back through `link_column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    pub from_table: String,
    pub to_table: String,
    pub values: IndexMap<String, ValueExpr>,
    /// Target columns (among `values`) that identify the row: a unique key.
    pub key: Vec<String>,
    /// Which source row gives the values: the first in this order.
    pub order_by: Vec<String>,
    /// The source column that receives the new row's id (a foreign key to `to_table`).
    pub link_column: String,
}

/// Rename an index that breaks the naming convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenameIndex {
    pub table: String,
    pub from: String,
    pub to: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_and_write_the_bundle_format() {
        let json = r#"{"kind":"rename","table":"t","from":"a","to":"b"}"#;
        let action: Action = serde_json::from_str(json).unwrap();
        assert_eq!(action.kind(), ActionKind::Rename);
        assert_eq!(serde_json::to_string(&action).unwrap(), json);
        let add: Action = serde_json::from_str(r#"{"kind":"add","table":"t"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&add).unwrap(),
            r#"{"kind":"add","table":"t"}"#
        );
    }

    #[test]
    fn unknown_fields_and_kinds_are_refused() {
        let extra = r#"{"kind":"relax","table":"t","column":"c","typo":1}"#;
        assert!(serde_json::from_str::<Action>(extra).is_err());
        assert!(serde_json::from_str::<Action>(r#"{"kind":"drop","table":"t"}"#).is_err());
    }

    #[test]
    fn kinds_serialize_in_snake_case() {
        for kind in ActionKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json.trim_matches('"'), kind.words().replace(' ', "_"));
        }
    }
}
