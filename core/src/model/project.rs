//! A project: everything the tool needs to plan a migration.

use serde::{Deserialize, Serialize};

use super::{Conventions, Decision, Schema};

/// Origin, the current schema, the decisions, the modules and the conventions.
/// This is also the JSON bundle format (`--spec BUNDLE.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// A short name, written in the header of every generated file.
    pub name: String,
    /// The target schema.
    pub origin: Schema,
    /// What the database holds today.
    pub current: Schema,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    pub modules: Vec<Module>,
    #[serde(default)]
    pub conventions: Conventions,
}

/// Which objects go into which generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// The file name, e.g. `010_auth.sql`; files apply in lexical order.
    pub file: String,
    /// What the file is about, for its header.
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sequences: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<String>,
    /// Triggers that go here rather than with their table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
}

impl Module {
    /// A layout for a project that names none: schemas, extensions, types and sequences
    /// in `001_extensions_and_types.sql` (schemas always go first, in the first file),
    /// then every table and function in `010_schema.sql`.
    pub fn default_layout(schema: &Schema) -> Vec<Module> {
        let mut modules = Vec::new();
        let schemas = !schema.namespaces().is_empty();
        if schemas
            || !schema.extensions.is_empty()
            || !schema.enums.is_empty()
            || !schema.sequences.is_empty()
        {
            let title = match (schemas, schema.sequences.is_empty()) {
                (false, true) => "Extensions and enum types",
                (false, false) => "Extensions, enum types and sequences",
                (true, true) => "Schemas, extensions and enum types",
                (true, false) => "Schemas, extensions, enum types and sequences",
            };
            modules.push(Module {
                file: "001_extensions_and_types.sql".into(),
                title: title.into(),
                extensions: schema.extensions.clone(),
                types: schema.enums.keys().cloned().collect(),
                sequences: schema.sequences.keys().cloned().collect(),
                tables: Vec::new(),
                functions: Vec::new(),
                triggers: Vec::new(),
            });
        }
        modules.push(Module {
            file: "010_schema.sql".into(),
            title: "Tables and functions".into(),
            extensions: Vec::new(),
            types: Vec::new(),
            sequences: Vec::new(),
            tables: schema.tables.keys().cloned().collect(),
            functions: schema.functions.keys().cloned().collect(),
            triggers: Vec::new(),
        });
        modules
    }
}
