//! Indexes of every form: keys on columns or expressions, with collation, operator
//! class and ordering; `INCLUDE` columns, access method, storage parameters, partial
//! predicate and `NULLS NOT DISTINCT`.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Storage parameters (`WITH (fillfactor = 70)`), by name, values as PostgreSQL
/// keeps them in `reloptions` (`70`, `false`).
pub type StorageParams = IndexMap<String, String>;

/// An index that backs no constraint. Its name is the key it is stored under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// The keys, in order: a plain column is written as its name.
    pub columns: Vec<IndexKey>,
    /// `INCLUDE` columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique: bool,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+), for a unique index.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    /// The access method when it is not `btree`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub with: StorageParams,
    /// The predicate of a partial index, as `pg_get_expr` prints it.
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Index {
    /// A plain btree index on `columns`.
    pub fn on(columns: &[&str]) -> Self {
        Index {
            columns: columns.iter().map(|c| IndexKey::column(*c)).collect(),
            include: Vec::new(),
            unique: false,
            nulls_not_distinct: false,
            method: None,
            with: StorageParams::new(),
            predicate: None,
            comment: None,
        }
    }

    /// The columns the index's keys are plain columns of, in order (expression keys
    /// aside).
    pub fn key_columns(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter_map(|k| k.column_name().map(str::to_string))
            .collect()
    }

    /// Whether every key is a plain column in ascending default order (no
    /// expression, collation or operator class): such an index is named and drawn
    /// from its columns.
    pub fn is_plain(&self) -> bool {
        self.columns.iter().all(IndexKey::is_plain)
    }

    /// Whether the index reads `column`: as a key, inside an expression or the
    /// predicate, or as an `INCLUDE` column (dropping the column drops the index).
    pub fn uses_column(&self, column: &str) -> bool {
        self.columns.iter().any(|k| k.uses_column(column))
            || self.include.iter().any(|c| c == column)
            || self
                .predicate
                .as_deref()
                .is_some_and(|p| crate::pg::refs::columns(p).iter().any(|c| c == column))
    }

    /// Whether the index has the same definition (its comment aside).
    pub fn same_definition(&self, other: &Index) -> bool {
        Index {
            comment: None,
            ..self.clone()
        } == Index {
            comment: None,
            ..other.clone()
        }
    }
}

/// What an index key is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyTarget {
    Column(String),
    /// The expression as `pg_get_indexdef` prints the key: a function call bare,
    /// anything else in parentheses (`lower(email)`, `((a + b))`).
    Expression(String),
}

/// One key of an index (or an exclusion constraint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "KeyRepr", into = "KeyRepr")]
pub struct IndexKey {
    pub target: KeyTarget,
    /// `COLLATE` when it is not the column's or expression's own collation.
    pub collation: Option<String>,
    /// The operator class when it is not the type's default (`text_pattern_ops`), or
    /// when it has parameters (PostgreSQL then prints it even when it is the default).
    pub opclass: Option<String>,
    /// The operator class's parameters (`gist_trgm_ops (siglen='32')`), values as
    /// PostgreSQL keeps them in `attoptions` (`32`).
    pub opclass_params: StorageParams,
    pub descending: bool,
    /// `NULLS FIRST` / `NULLS LAST` only when it is not the default of the direction
    /// (last ascending, first descending).
    pub nulls_first: Option<bool>,
}

impl IndexKey {
    /// A plain ascending key on a column.
    pub fn column(name: impl Into<String>) -> Self {
        IndexKey {
            target: KeyTarget::Column(name.into()),
            collation: None,
            opclass: None,
            opclass_params: StorageParams::new(),
            descending: false,
            nulls_first: None,
        }
    }

    /// A plain ascending key on an expression (see [`KeyTarget::Expression`]).
    pub fn expression(text: impl Into<String>) -> Self {
        IndexKey {
            target: KeyTarget::Expression(text.into()),
            ..IndexKey::column("")
        }
    }

    /// Set the ordering, dropping a `NULLS` clause that only repeats the default.
    pub fn ordered(mut self, descending: bool, nulls_first: Option<bool>) -> Self {
        self.descending = descending;
        self.nulls_first = nulls_first.filter(|&first| first != descending);
        self
    }

    /// The column of a key on a plain column.
    pub fn column_name(&self) -> Option<&str> {
        match &self.target {
            KeyTarget::Column(c) => Some(c),
            KeyTarget::Expression(_) => None,
        }
    }

    /// Whether the key is `column` or an expression that reads it.
    pub fn uses_column(&self, column: &str) -> bool {
        match &self.target {
            KeyTarget::Column(c) => c == column,
            KeyTarget::Expression(e) => crate::pg::refs::columns(e).iter().any(|c| c == column),
        }
    }

    /// A column key with no collation, operator class or ordering.
    pub fn is_plain(&self) -> bool {
        matches!(self.target, KeyTarget::Column(_))
            && self.collation.is_none()
            && self.opclass.is_none()
            && self.opclass_params.is_empty()
            && !self.descending
            && self.nulls_first.is_none()
    }
}

impl From<&str> for IndexKey {
    fn from(column: &str) -> Self {
        IndexKey::column(column)
    }
}

impl From<String> for IndexKey {
    fn from(column: String) -> Self {
        IndexKey::column(column)
    }
}

/// A key as JSON holds it: a plain column by name, anything else as an object.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum KeyRepr {
    Column(String),
    Full(FullKey),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FullKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expression: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    opclass: Option<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    opclass_params: StorageParams,
    #[serde(default, skip_serializing_if = "is_false")]
    descending: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nulls_first: Option<bool>,
}

impl TryFrom<KeyRepr> for IndexKey {
    type Error = String;

    fn try_from(r: KeyRepr) -> Result<Self, String> {
        let f = match r {
            KeyRepr::Column(c) => return Ok(IndexKey::column(c)),
            KeyRepr::Full(f) => f,
        };
        let target = match (f.column, f.expression) {
            (Some(c), None) => KeyTarget::Column(c),
            (None, Some(e)) => KeyTarget::Expression(e),
            _ => return Err("an index key has either `column` or `expression`".into()),
        };
        if f.opclass.is_none() && !f.opclass_params.is_empty() {
            return Err("an index key's `opclass_params` need its `opclass`".into());
        }
        Ok(IndexKey {
            target,
            collation: f.collation,
            opclass: f.opclass,
            opclass_params: f.opclass_params,
            descending: false,
            nulls_first: None,
        }
        .ordered(f.descending, f.nulls_first))
    }
}

impl From<IndexKey> for KeyRepr {
    fn from(k: IndexKey) -> Self {
        if k.is_plain() {
            if let KeyTarget::Column(c) = k.target {
                return KeyRepr::Column(c);
            }
        }
        let (column, expression) = match k.target {
            KeyTarget::Column(c) => (Some(c), None),
            KeyTarget::Expression(e) => (None, Some(e)),
        };
        KeyRepr::Full(FullKey {
            column,
            expression,
            collation: k.collation,
            opclass: k.opclass,
            opclass_params: k.opclass_params,
            descending: k.descending,
            nulls_first: k.nulls_first,
        })
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_are_names_and_others_objects() {
        let mut index = Index::on(&["a"]);
        index.columns.push(
            IndexKey::expression("lower(email)")
                .ordered(true, Some(true))
                .clone(),
        );
        let json = serde_json::to_string(&index.columns).unwrap_or_default();
        assert_eq!(
            json,
            r#"["a",{"expression":"lower(email)","descending":true}]"#
        );
        let back: Vec<IndexKey> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, index.columns);
        let both = r#"[{"column":"a","expression":"b"}]"#;
        assert!(serde_json::from_str::<Vec<IndexKey>>(both).is_err());
    }

    #[test]
    fn operator_class_parameters_are_kept_and_printed_as_pg_get_indexdef() {
        let key = IndexKey {
            opclass: Some("gist_trgm_ops".into()),
            opclass_params: [("siglen".to_string(), "32".to_string())].into(),
            ..IndexKey::column("name")
        };
        assert!(!key.is_plain());
        assert_eq!(key.to_string(), "name gist_trgm_ops (siglen='32')");
        let json = serde_json::to_string(&key).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"column":"name","opclass":"gist_trgm_ops","opclass_params":{"siglen":"32"}}"#
        );
        let back: Option<IndexKey> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(key));
        // Parameters belong to a class: PostgreSQL has no syntax for them alone.
        let alone = r#"{"column":"name","opclass_params":{"siglen":"32"}}"#;
        assert!(serde_json::from_str::<IndexKey>(alone).is_err());
    }
}
