//! The project's naming and shape conventions.

use serde::{Deserialize, Serialize};

/// Conventions every table of Origin follows; the report checks the current schema
/// against them and the planner uses them where a name has to be derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Conventions {
    /// Tables people see: they must have the soft-delete column.
    pub user_facing_tables: Vec<String>,
    /// The primary key every table without a composite key has.
    pub primary_key: Option<PrimaryKeyConvention>,
    pub created_at: String,
    pub updated_at: String,
    pub soft_delete: String,
    /// The name of an index that backs no constraint: `{table}` and `{columns}`
    /// (column names joined with `_`) are replaced.
    pub index_name: String,
    /// The name of the trigger that keeps `updated_at` current: `{table}` is replaced.
    pub updated_at_trigger: String,
    /// The trigger function that keeps `updated_at` current.
    pub updated_at_function: String,
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

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            user_facing_tables: Vec::new(),
            primary_key: None,
            created_at: "created_at".into(),
            updated_at: "updated_at".into(),
            soft_delete: "deleted_at".into(),
            index_name: "idx_{table}_{columns}".into(),
            updated_at_trigger: "update_{table}_updated_at".into(),
            updated_at_function: "update_updated_at_column".into(),
        }
    }
}

impl Conventions {
    /// The conventional name of an index of `table` on `columns`.
    pub fn index_name(&self, table: &str, columns: &[String]) -> String {
        let name = self
            .index_name
            .replace("{table}", table)
            .replace("{columns}", &columns.join("_"));
        super::naming::fit_identifier(&name)
    }

    /// The conventional name of the `updated_at` trigger of `table`.
    pub fn updated_at_trigger(&self, table: &str) -> String {
        super::naming::fit_identifier(&self.updated_at_trigger.replace("{table}", table))
    }
}
