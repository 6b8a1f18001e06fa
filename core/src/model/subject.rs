//! Names of the objects of a schema, as data: what a divergence is about, what a
//! decision claims. Tables and types are qualified names (the schema is optional and
//! means `public`); functions go by name and argument types, as PostgreSQL tells
//! overloads apart.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A name in a PostgreSQL schema: `schema` is `None` for `public`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifiedName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
}

impl QualifiedName {
    /// A name in `public`.
    pub fn public(name: impl Into<String>) -> Self {
        QualifiedName {
            schema: None,
            name: name.into(),
        }
    }

    /// The name of a model key (`audit.log` is `log` of schema `audit`).
    pub fn of_key(key: &str) -> Self {
        let (schema, name) = crate::pg::split_key(key);
        QualifiedName {
            schema: schema.map(str::to_string),
            name: name.to_string(),
        }
    }

    /// The model key it names.
    pub fn key(&self) -> String {
        crate::pg::key_of(self.schema.as_deref().unwrap_or("public"), &self.name)
    }
}

impl fmt::Display for QualifiedName {
    /// As a person reads it: `users`, or `auth.users` outside `public` (not quoted).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(s) => write!(f, "{s}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// One object of a schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Subject {
    Extension {
        name: String,
    },
    Type {
        name: QualifiedName,
    },
    EnumLabel {
        #[serde(rename = "type")]
        type_name: QualifiedName,
        label: String,
    },
    Function {
        name: QualifiedName,
        /// As `pg_get_function_identity_arguments` prints them (empty for none).
        arguments: String,
    },
    Sequence {
        name: QualifiedName,
    },
    Table {
        name: QualifiedName,
    },
    Column {
        table: QualifiedName,
        column: String,
    },
    Constraint {
        table: QualifiedName,
        name: String,
    },
    Index {
        table: QualifiedName,
        name: String,
    },
    Trigger {
        table: QualifiedName,
        name: String,
    },
}

impl Subject {
    pub fn table(name: &str) -> Self {
        Subject::Table {
            name: QualifiedName::of_key(name),
        }
    }

    pub fn column(table: &str, column: &str) -> Self {
        Subject::Column {
            table: QualifiedName::of_key(table),
            column: column.to_string(),
        }
    }

    pub fn constraint(table: &str, name: &str) -> Self {
        Subject::Constraint {
            table: QualifiedName::of_key(table),
            name: name.to_string(),
        }
    }

    pub fn index(table: &str, name: &str) -> Self {
        Subject::Index {
            table: QualifiedName::of_key(table),
            name: name.to_string(),
        }
    }

    pub fn trigger(table: &str, name: &str) -> Self {
        Subject::Trigger {
            table: QualifiedName::of_key(table),
            name: name.to_string(),
        }
    }

    pub fn sequence(name: &str) -> Self {
        Subject::Sequence {
            name: QualifiedName::of_key(name),
        }
    }

    pub fn type_named(name: &str) -> Self {
        Subject::Type {
            name: QualifiedName::of_key(name),
        }
    }

    /// A function of the model (which does not overload: the name decides).
    pub fn function(name: &str, arguments: &str) -> Self {
        Subject::Function {
            name: QualifiedName::of_key(name),
            arguments: arguments.to_string(),
        }
    }

    /// The table the object belongs to, if it belongs to one.
    pub fn owning_table(&self) -> Option<&QualifiedName> {
        match self {
            Subject::Table { name } => Some(name),
            Subject::Column { table, .. }
            | Subject::Constraint { table, .. }
            | Subject::Index { table, .. }
            | Subject::Trigger { table, .. } => Some(table),
            Subject::Extension { .. }
            | Subject::Type { .. }
            | Subject::Sequence { .. }
            | Subject::EnumLabel { .. }
            | Subject::Function { .. } => None,
        }
    }
}

impl fmt::Display for Subject {
    /// The object as reports name it: `users.role`, `idx_users_role`, `user_role.admin`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Extension { name } => f.write_str(name),
            Subject::Type { name } | Subject::Sequence { name } | Subject::Table { name } => {
                write!(f, "{name}")
            }
            Subject::EnumLabel { type_name, label } => write!(f, "{type_name}.{label}"),
            Subject::Function { name, .. } => write!(f, "{name}"),
            Subject::Column { table, column } => write!(f, "{table}.{column}"),
            Subject::Constraint { name, .. }
            | Subject::Index { name, .. }
            | Subject::Trigger { name, .. } => f.write_str(name),
        }
    }
}
