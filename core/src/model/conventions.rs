//! The project's naming and shape conventions. None is assumed: a convention applies
//! only when the project states it (the Veza preset states them all).

use serde::{Deserialize, Serialize};

/// Conventions every table of Origin follows; the report checks the current schema
/// against them and the planner uses them where a name has to be derived.
/// `Conventions::default()` states none and checks nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Conventions {
    /// Tables people see: they must have the soft-delete column.
    pub user_facing_tables: Vec<String>,
    /// The primary key every table without a composite key has.
    pub primary_key: Option<PrimaryKeyConvention>,
    /// The creation and update timestamps every table has (checked when both are set).
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// The soft-delete column of the user-facing tables.
    pub soft_delete: Option<String>,
    /// The name of an index that backs no constraint: `{table}` and `{columns}`
    /// (column names joined with `_`) are replaced.
    pub index_name: Option<String>,
    /// The name of the trigger that keeps `updated_at` current: `{table}` is replaced.
    pub updated_at_trigger: Option<String>,
    /// The trigger function that keeps `updated_at` current: back-fills pause the
    /// triggers that call it, so that rows they write keep their `updated_at`.
    pub updated_at_function: Option<String>,
}

/// The shape of a conventional primary key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrimaryKeyConvention {
    pub column: String,
    #[serde(rename = "type")]
    pub data_type: String,
    pub default: Option<String>,
}

impl Conventions {
    /// The conventional name of an index of `table` on `columns`, if there is a convention.
    pub fn index_name(&self, table: &str, columns: &[String]) -> Option<String> {
        let pattern = self.index_name.as_ref()?;
        let name = pattern
            .replace("{table}", table)
            .replace("{columns}", &columns.join("_"));
        Some(crate::pg::names::fit_identifier(&name))
    }
}
