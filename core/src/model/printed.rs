//! Constraint and index definitions as PostgreSQL prints them (`pg_get_constraintdef`,
//! the key list of `pg_get_indexdef`): one spelling for the renderer, the diff's text
//! and the readers' checks.

use std::fmt::{self, Display, Formatter};

use super::{Constraint, Index, IndexKey, KeyIndex, KeyTarget, StorageParams};
use crate::pg::{quote_ident, quote_literal, quote_qualified};

/// Names as a comma-separated list, each through `quote_ident`.
pub fn ident_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote_ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `WITH (name=value, ...)` with a leading space, or nothing: a value bare when it
/// reads back as itself (`off`), else quoted (`'70'`), as `flatten_reloptions` does.
pub fn with_clause(params: &StorageParams) -> String {
    if params.is_empty() {
        return String::new();
    }
    format!(" WITH {}", param_list(params))
}

/// `(name=value, ...)`, each value as [`with_clause`] prints it.
pub fn param_list(params: &StorageParams) -> String {
    let each: Vec<String> = params
        .iter()
        .map(|(k, v)| {
            let value = if quote_ident(v) == *v {
                v.clone()
            } else {
                quote_literal(v)
            };
            format!("{}={value}", quote_ident(k))
        })
        .collect();
    format!("({})", each.join(", "))
}

impl Display for IndexKey {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.target {
            KeyTarget::Column(c) => f.write_str(&quote_ident(c))?,
            KeyTarget::Expression(e) => f.write_str(e)?,
        }
        if let Some(c) = &self.collation {
            write!(f, " COLLATE {c}")?;
        }
        if let Some(o) = &self.opclass {
            write!(f, " {o}")?;
        }
        if !self.opclass_params.is_empty() {
            // As `pg_get_indexdef`: the parameters as reloptions, after the class.
            write!(f, " {}", param_list(&self.opclass_params))?;
        }
        if self.descending {
            f.write_str(" DESC")?;
        }
        match self.nulls_first {
            Some(true) => f.write_str(" NULLS FIRST"),
            Some(false) => f.write_str(" NULLS LAST"),
            None => Ok(()),
        }
    }
}

fn keys(keys: &[IndexKey]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn include(columns: &[String]) -> String {
    if columns.is_empty() {
        String::new()
    } else {
        format!(" INCLUDE ({})", ident_list(columns))
    }
}

fn key_index(k: &KeyIndex) -> String {
    format!("{}{}", include(&k.include), with_clause(&k.with))
}

impl Index {
    /// What follows `ON table` in `CREATE INDEX`: `USING method (keys) [INCLUDE (...)]
    /// [NULLS NOT DISTINCT] [WITH (...)] [WHERE (...)]`, as `pg_get_indexdef` orders it.
    pub fn definition(&self) -> String {
        let mut s = format!(
            "USING {} ({})",
            quote_ident(self.method.as_deref().unwrap_or("btree")),
            keys(&self.columns)
        );
        s.push_str(&include(&self.include));
        if self.nulls_not_distinct {
            s.push_str(" NULLS NOT DISTINCT");
        }
        s.push_str(&with_clause(&self.with));
        if let Some(p) = &self.predicate {
            // As printed, the predicate carries the parentheses it needs.
            s.push_str(&format!(" WHERE {p}"));
        }
        s
    }
}

/// The definition as `pg_get_constraintdef` prints it (a check's canonical expression,
/// not its source).
impl Display for Constraint {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::PrimaryKey {
                columns,
                index,
                deferrable,
                ..
            } => write!(
                f,
                "PRIMARY KEY ({}){}{}",
                ident_list(columns),
                key_index(index),
                deferrable.sql()
            ),
            Constraint::Unique {
                columns,
                nulls_not_distinct,
                index,
                deferrable,
                ..
            } => write!(
                f,
                "UNIQUE {}({}){}{}",
                if *nulls_not_distinct {
                    "NULLS NOT DISTINCT "
                } else {
                    ""
                },
                ident_list(columns),
                key_index(index),
                deferrable.sql()
            ),
            Constraint::Check {
                expression,
                no_inherit,
                not_valid,
                ..
            } => write!(
                f,
                "CHECK ({expression}){}{}",
                if *no_inherit { " NO INHERIT" } else { "" },
                if *not_valid { " NOT VALID" } else { "" }
            ),
            Constraint::ForeignKey {
                columns,
                references,
                on_delete,
                on_update,
                match_full,
                deferrable,
                not_valid,
                ..
            } => {
                write!(
                    f,
                    "FOREIGN KEY ({}) REFERENCES {}({})",
                    ident_list(columns),
                    quote_qualified(&references.table),
                    ident_list(&references.columns)
                )?;
                if *match_full {
                    f.write_str(" MATCH FULL")?;
                }
                for (word, action) in [("UPDATE", on_update), ("DELETE", on_delete)] {
                    if *action != super::FkAction::NoAction {
                        write!(f, " ON {word} {}", action.sql())?;
                    }
                }
                write!(
                    f,
                    "{}{}",
                    deferrable.sql(),
                    if *not_valid { " NOT VALID" } else { "" }
                )
            }
            Constraint::Exclude {
                method,
                elements,
                index,
                predicate,
                deferrable,
                ..
            } => {
                let each: Vec<String> = elements
                    .iter()
                    .map(|e| format!("{} WITH {}", e.key, e.operator))
                    .collect();
                write!(
                    f,
                    "EXCLUDE USING {} ({}){}",
                    quote_ident(method),
                    each.join(", "),
                    key_index(index)
                )?;
                if let Some(p) = predicate {
                    write!(f, " WHERE ({p})")?;
                }
                f.write_str(deferrable.sql())
            }
        }
    }
}
