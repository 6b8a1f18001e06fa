//! Diagrams of a schema, as text other tools draw: Mermaid (`erDiagram`), DBML
//! (dbdiagram.io) and Graphviz DOT. Pure and deterministic: objects in schema order.
//! Each format has its own escaping rules, in its own module.

mod dbml;
mod dot;
mod mermaid;

pub use dbml::dbml;
pub use dot::dot;
pub use mermaid::mermaid;

use crate::model::{Constraint, FkAction, Reference, Schema, Table};

/// A foreign key and the table that holds it.
struct ForeignKey<'a> {
    table: &'a str,
    name: &'a str,
    columns: &'a [String],
    references: &'a Reference,
    on_delete: FkAction,
    on_update: FkAction,
}

/// Every foreign key, table by table, in schema order.
fn foreign_keys(schema: &Schema) -> Vec<ForeignKey<'_>> {
    let mut out = Vec::new();
    for (table, t) in &schema.tables {
        for (name, c) in &t.constraints {
            if let Constraint::ForeignKey {
                columns,
                references,
                on_delete,
                on_update,
                ..
            } = c
            {
                out.push(ForeignKey {
                    table,
                    name,
                    columns,
                    references,
                    on_delete: *on_delete,
                    on_update: *on_update,
                });
            }
        }
    }
    out
}

/// What a column takes part in.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Keys {
    primary: bool,
    foreign: bool,
    /// Unique on its own (a one-column unique constraint or full unique index).
    unique: bool,
}

fn keys(table: &Table, column: &str) -> Keys {
    let mut k = Keys::default();
    let only = |cols: &[String]| cols.len() == 1 && cols[0] == column;
    for c in table.constraints.values() {
        match c {
            Constraint::PrimaryKey { columns, .. } => {
                k.primary |= columns.iter().any(|c| c == column)
            }
            Constraint::ForeignKey { columns, .. } => {
                k.foreign |= columns.iter().any(|c| c == column)
            }
            Constraint::Unique { columns, .. } => k.unique |= only(columns),
            Constraint::Check { .. } | Constraint::Exclude { .. } => {}
        }
    }
    k.unique |= table
        .indexes
        .values()
        .any(|i| i.unique && i.predicate.is_none() && i.is_plain() && only(&i.key_columns()));
    k
}

/// Whether at most one row can hold each combination of `columns` (as a set).
fn is_unique(table: &Table, columns: &[String]) -> bool {
    let same = |other: &[String]| {
        other.len() == columns.len() && columns.iter().all(|c| other.contains(c))
    };
    table.constraints.values().any(|c| match c {
        Constraint::PrimaryKey { columns, .. } | Constraint::Unique { columns, .. } => {
            same(columns)
        }
        _ => false,
    }) || table
        .indexes
        .values()
        .any(|i| i.unique && i.predicate.is_none() && i.is_plain() && same(&i.key_columns()))
}

/// Whether every one of `columns` is NOT NULL (or in the primary key).
fn all_not_null(table: &Table, columns: &[String]) -> bool {
    columns
        .iter()
        .all(|c| table.columns.get(c).is_some_and(|col| col.not_null) || keys(table, c).primary)
}

/// Whether all of `columns` are part of the primary key (an identifying relationship).
fn in_primary_key(table: &Table, columns: &[String]) -> bool {
    !columns.is_empty() && columns.iter().all(|c| keys(table, c).primary)
}

/// A line break or other control character would end a line or a label early.
fn one_line(s: &str) -> String {
    s.replace(|c: char| c.is_control(), " ")
}

#[cfg(test)]
pub(crate) mod fixture {
    use crate::model::Schema;

    /// Names that need quoting in every format: spaces, quotes, keywords, symbols.
    pub fn awkward() -> Schema {
        let json = r#"{
          "enums": { "order state": { "labels": ["new", "it's \"done\"", "a\\b"] } },
          "tables": {
            "user": {
              "columns": {
                "id": { "type": "uuid", "not_null": true, "default": "gen_random_uuid()" },
                "e-mail": { "type": "character varying(255)", "not_null": true },
                "pk": { "type": "integer", "default": "0" },
                "Note \"x\"": { "type": "\"char\"", "comment": "say \"hi\"\nnext <b>&</b>" }
              },
              "constraints": {
                "user_pkey": { "kind": "primary_key", "columns": ["id"] },
                "user_e-mail_key": { "kind": "unique", "columns": ["e-mail"] }
              }
            },
            "order lines": {
              "columns": {
                "order": { "type": "uuid", "not_null": true },
                "user id": { "type": "uuid" },
                "state": { "type": "\"order state\"", "default": "'new'::\"order state\"" },
                "price": { "type": "numeric(10,2)", "default": "1.5" }
              },
              "constraints": {
                "order lines_pkey": { "kind": "primary_key", "columns": ["order", "user id"] },
                "fk \"user\"": { "kind": "foreign_key", "columns": ["user id"],
                  "references": { "table": "user", "columns": ["id"] }, "on_delete": "set_null" }
              },
              "indexes": { "by state": { "columns": ["state"], "where": "(state <> 'new'::\"order state\")" } }
            }
          }
        }"#;
        match serde_json::from_str(json) {
            Ok(s) => s,
            Err(e) => panic!("fixture: {e}"),
        }
    }
}
