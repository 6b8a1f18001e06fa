//! The schema model: what a PostgreSQL schema holds, in PostgreSQL's canonical spelling.
//!
//! Types are spelled as `format_type` prints them (`character varying(255)`,
//! `timestamp with time zone`), defaults and check expressions as `pg_get_expr` /
//! `pg_get_constraintdef` print them (`'user'::user_role`, `now()`), so that a schema
//! read from SQL, from JSON and from a live database compare equal.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::constraint::Constraint;
use super::index::{Index, StorageParams};
use super::sequence::{Identity, Sequence};

/// One PostgreSQL schema (the `public` namespace of a database).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Schemas (namespaces) besides `public`, and `public` when it has a comment. Objects
    /// of another schema are keyed `schema.name`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub schemas: IndexMap<String, Namespace>,
    /// Extensions by name (`plpgsql` is always there and never listed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
    /// The schema of each extension installed outside `public` (`WITH SCHEMA`), by the
    /// extension's name; an extension not listed here is in `public`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extension_schemas: IndexMap<String, String>,
    /// Enum types by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub enums: IndexMap<String, EnumType>,
    /// Sequences by name (those of identity columns are part of their column).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub sequences: IndexMap<String, Sequence>,
    /// Tables by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub tables: IndexMap<String, Table>,
    /// Functions by name (overloading is not modelled: names are unique).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub functions: IndexMap<String, Function>,
}

/// A schema (namespace) of the database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Namespace {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// An enum type; the order of the labels is meaningful.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumType {
    pub labels: Vec<String>,
}

/// A table: columns, constraints, indexes and triggers, each keyed by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub columns: IndexMap<String, Column>,
    /// `UNLOGGED`: not written to the WAL, emptied after a crash.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unlogged: bool,
    /// Storage parameters (`WITH (fillfactor = 80)`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub with: StorageParams,
    /// `ENABLE ROW LEVEL SECURITY`: the table's policies apply (none: no row is visible
    /// but to its owner and superusers).
    #[serde(default, skip_serializing_if = "is_false")]
    pub row_security: bool,
    /// `FORCE ROW LEVEL SECURITY`: the policies apply to the table's owner too.
    #[serde(default, skip_serializing_if = "is_false")]
    pub force_row_security: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub constraints: IndexMap<String, Constraint>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub indexes: IndexMap<String, Index>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub triggers: IndexMap<String, Trigger>,
}

/// A column. Its name is the key it is stored under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The type as `format_type` prints it.
    #[serde(rename = "type")]
    pub data_type: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_null: bool,
    /// The default expression as `pg_get_expr` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `GENERATED ... AS IDENTITY` (such a column is NOT NULL and has no default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The expression of a stored generated column, as `pg_get_expr` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// `COLLATE` when it is not the type's default collation, as `quote_ident` prints
    /// the collation's name (`"C"`, `"en_US"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// `SET STORAGE` (`plain`, `external`, `extended`, `main`) when set explicitly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// `SET STATISTICS` target when set (`-1`, the default, is not kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Column {
    /// The sequence whose next value the default takes (`nextval('seq'::regclass)`).
    pub fn sequence_used(&self) -> Option<String> {
        let d = self.default.as_deref()?;
        let rest = d.strip_prefix("nextval('")?;
        let name = rest.strip_suffix("'::regclass)")?;
        let name = name.replace("''", "'");
        Some(crate::pg::unquote_qualified(&name))
    }

    /// A nullable column of `data_type` without default or comment.
    pub fn new(data_type: impl Into<String>) -> Self {
        Column {
            data_type: data_type.into(),
            not_null: false,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            storage: None,
            statistics: None,
            comment: None,
        }
    }
}

/// A trigger on its table. Its name is the key it is stored under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    pub timing: TriggerTiming,
    pub events: Vec<TriggerEvent>,
    /// `UPDATE OF` columns, in order; empty for any column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub update_of: Vec<String>,
    #[serde(default, skip_serializing_if = "TriggerLevel::is_row")]
    pub level: TriggerLevel,
    /// The trigger function (it takes no arguments).
    pub function: String,
    /// Whether the trigger fires; a disabled trigger is still there.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerTiming {
    Before,
    After,
    InsteadOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEvent {
    Insert,
    Update,
    Delete,
    Truncate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerLevel {
    #[default]
    Row,
    Statement,
}

impl TriggerLevel {
    fn is_row(&self) -> bool {
        *self == TriggerLevel::Row
    }

    /// `ROW` or `STATEMENT`, as in `FOR EACH ROW`.
    pub fn sql(self) -> &'static str {
        match self {
            TriggerLevel::Row => "ROW",
            TriggerLevel::Statement => "STATEMENT",
        }
    }
}

impl TriggerTiming {
    pub fn sql(self) -> &'static str {
        match self {
            TriggerTiming::Before => "BEFORE",
            TriggerTiming::After => "AFTER",
            TriggerTiming::InsteadOf => "INSTEAD OF",
        }
    }
}

impl TriggerEvent {
    pub fn sql(self) -> &'static str {
        match self {
            TriggerEvent::Insert => "INSERT",
            TriggerEvent::Update => "UPDATE",
            TriggerEvent::Delete => "DELETE",
            TriggerEvent::Truncate => "TRUNCATE",
        }
    }
}

impl Trigger {
    /// The events as `CREATE TRIGGER` lists them, in the model's order:
    /// `INSERT OR UPDATE OF a, b`.
    pub fn events_sql(&self) -> String {
        self.events
            .iter()
            .map(|e| match e {
                TriggerEvent::Update if !self.update_of.is_empty() => {
                    let cols: Vec<String> = self
                        .update_of
                        .iter()
                        .map(|c| crate::pg::quote_ident(c))
                        .collect();
                    format!("UPDATE OF {}", cols.join(", "))
                }
                e => e.sql().to_string(),
            })
            .collect::<Vec<_>>()
            .join(" OR ")
    }
}

/// A function. Only what the catalog comparison needs is structured; the body is text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// Argument list as `pg_get_function_identity_arguments` prints it (empty for none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub arguments: String,
    /// Return type as `format_type` prints it, e.g. `trigger`.
    pub returns: String,
    pub language: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub security_definer: bool,
    /// `SET` options of the function, e.g. `search_path` = [`public`, `pg_temp`].
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub config: IndexMap<String, Vec<String>>,
}

/// Whether `text` holds `call` (`name(`) as a whole name, not the end of a longer one.
fn calls(text: &str, call: &str) -> bool {
    text.match_indices(call).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '"')
    })
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

impl Schema {
    /// Every schema the objects need, in order: those listed, then those named by a
    /// key (`audit.log` needs `audit`), then extensions' schemas, `public` aside unless
    /// listed.
    pub fn namespaces(&self) -> Vec<String> {
        let mut out: Vec<String> = self.schemas.keys().cloned().collect();
        let keys = self
            .tables
            .keys()
            .chain(self.enums.keys())
            .chain(self.sequences.keys())
            .chain(self.functions.keys());
        let named = keys
            .filter_map(|key| crate::pg::split_key(key).0)
            // pg_catalog (an extension whose control file puts it there) always exists.
            .chain(
                self.extension_schemas
                    .values()
                    .map(String::as_str)
                    .filter(|s| *s != "pg_catalog"),
            );
        for schema in named {
            if !out.iter().any(|s| s == schema) {
                out.push(schema.to_string());
            }
        }
        out
    }

    /// The schema an extension is installed in (`None`: `public`).
    pub fn extension_schema(&self, extension: &str) -> Option<&str> {
        self.extension_schemas.get(extension).map(String::as_str)
    }

    /// The table that holds a trigger of this name, if any.
    pub fn trigger_table(&self, trigger: &str) -> Option<&str> {
        self.tables
            .iter()
            .find(|(_, t)| t.triggers.contains_key(trigger))
            .map(|(name, _)| name.as_str())
    }

    /// The functions a table needs when it is made: those its defaults, generated
    /// columns, checks or index expressions call, and its triggers' (a trigger function's
    /// body is not checked until it runs). Every other function can wait for the tables
    /// its body may read.
    pub fn called_by_tables(&self) -> std::collections::BTreeSet<String> {
        let mut out = self.called_by_expressions();
        for t in self.tables.values() {
            out.extend(t.triggers.values().map(|tr| tr.function.clone()));
        }
        out
    }

    /// The functions the tables' defaults, generated columns, checks or index
    /// expressions call (by their printed name).
    pub fn called_by_expressions(&self) -> std::collections::BTreeSet<String> {
        let mut texts: Vec<&str> = Vec::new();
        let mut out = std::collections::BTreeSet::new();
        for t in self.tables.values() {
            for c in t.columns.values() {
                texts.extend(c.default.as_deref());
                texts.extend(c.generated.as_deref());
            }
            for c in t.constraints.values() {
                match c {
                    super::Constraint::Check {
                        expression, source, ..
                    } => {
                        texts.push(expression);
                        texts.extend(source.as_deref());
                    }
                    super::Constraint::Exclude {
                        elements,
                        predicate,
                        ..
                    } => {
                        for e in elements {
                            if let super::KeyTarget::Expression(x) = &e.key.target {
                                texts.push(x);
                            }
                        }
                        texts.extend(predicate.as_deref());
                    }
                    _ => {}
                }
            }
            for i in t.indexes.values() {
                for k in &i.columns {
                    if let super::KeyTarget::Expression(x) = &k.target {
                        texts.push(x);
                    }
                }
                texts.extend(i.predicate.as_deref());
            }
        }
        out.extend(
            self.functions
                .keys()
                .filter(|f| {
                    let call = format!("{}(", crate::pg::quote_qualified(f));
                    texts.iter().any(|t| calls(t, &call))
                })
                .cloned(),
        );
        out
    }

    /// The enum type a column type names (`format_type`'s spelling), if the schema has it.
    pub fn enum_of_type(&self, data_type: &str) -> Option<(&String, &EnumType)> {
        self.enums
            .iter()
            .find(|(name, _)| crate::pg::quote_qualified(name) == data_type)
    }
}
