//! Column definitions (CREATE TABLE, ADD COLUMN): type, NOT NULL, default, and the
//! inline constraints, which are handed back to be added once the columns exist.

use sqlparser::ast::{
    CheckConstraint, ColumnDef, ColumnOption, Expr, ForeignKeyConstraint, Ident,
    PrimaryKeyConstraint, TableConstraint, UniqueConstraint,
};

use super::super::expr::{self, ExprError, Scope};
use super::super::names;
use super::super::types;
use super::{Done, Fail, Replay};
use crate::model::Column;
use crate::pg::printed_literal;
use crate::pg::quote_ident;

/// An inline constraint of column `column`.
#[derive(Debug, Clone)]
pub struct Inline {
    pub column: String,
    pub constraint: TableConstraint,
}

/// Add the column `def` to `table` (which exists); its inline constraints are returned.
pub fn add(r: &mut Replay, table: &str, def: &ColumnDef) -> Result<Vec<Inline>, Fail> {
    let name = names::ident(&def.name);
    let ty = types::canonical(&def.data_type, &r.schema.enums);
    if let Some(note) = &ty.note {
        r.warn(format!("column {table}.{name}: {note}"));
    }
    let mut column = Column::new(ty.name.clone());
    let mut inline = Vec::new();
    let mut default: Option<&Expr> = None;
    for option in &def.options {
        let constraint_name = option.name.clone();
        match &option.option {
            ColumnOption::Null => column.not_null = false,
            ColumnOption::NotNull => column.not_null = true,
            ColumnOption::Default(e) => {
                if default.is_some() {
                    return Err(Fail::Rejected(format!(
                        "multiple default values specified for column {name} of table {table}"
                    )));
                }
                default = Some(e);
            }
            ColumnOption::PrimaryKey(pk) => inline.push(Inline {
                column: name.clone(),
                constraint: TableConstraint::PrimaryKey(PrimaryKeyConstraint {
                    name: constraint_name.or_else(|| pk.name.clone()),
                    ..pk.clone()
                }),
            }),
            ColumnOption::Unique(u) => inline.push(Inline {
                column: name.clone(),
                constraint: TableConstraint::Unique(UniqueConstraint {
                    name: constraint_name.or_else(|| u.name.clone()),
                    ..u.clone()
                }),
            }),
            ColumnOption::ForeignKey(fk) => inline.push(Inline {
                column: name.clone(),
                constraint: TableConstraint::ForeignKey(ForeignKeyConstraint {
                    name: constraint_name.or_else(|| fk.name.clone()),
                    ..fk.clone()
                }),
            }),
            ColumnOption::Check(ck) => inline.push(Inline {
                column: name.clone(),
                constraint: TableConstraint::Check(CheckConstraint {
                    name: constraint_name.or_else(|| ck.name.clone()),
                    ..ck.clone()
                }),
            }),
            ColumnOption::Generated {
                generation_expr: None,
                ..
            } => {
                // Identity columns are NOT NULL; their sequence is not modelled.
                column.not_null = true;
                r.warn(format!(
                    "column {table}.{name}: GENERATED AS IDENTITY is not modelled (the column is kept as {} NOT NULL)",
                    ty.name
                ));
            }
            ColumnOption::Generated { .. } => r.warn(format!(
                "column {table}.{name}: the generation expression is not modelled (kept as a plain column)"
            )),
            ColumnOption::Collation(c) => {
                r.warn(format!("column {table}.{name}: COLLATE {c} is not modelled"))
            }
            other => r.warn(format!("column {table}.{name}: option `{other}` is not modelled")),
        }
    }
    if ty.serial {
        if default.is_some() {
            return Err(Fail::Rejected(format!(
                "multiple default values specified for column {name} of table {table}"
            )));
        }
        let seq = names::choose(table, std::slice::from_ref(&name), "seq", |n| {
            r.relation_taken(n)
        });
        column.not_null = true;
        column.default = Some(format!(
            "nextval({}::regclass)",
            printed_literal(&quote_ident(&seq))
        ));
        r.warn(format!(
            "column {table}.{name}: serial is modelled as {} NOT NULL DEFAULT {}; the sequence {seq} itself is not modelled",
            ty.name,
            column.default.as_deref().unwrap_or_default()
        ));
        r.opaque.relations.insert(seq);
    }
    if let Some(e) = default {
        column.default = canonical_default(r, table, &name, e, &ty.name)?;
    }
    let t = r.table_mut(table)?;
    if t.columns.contains_key(&name) {
        return Err(Fail::Exists {
            kind: "column",
            name: format!("{name} of table {table}"),
        });
    }
    t.columns.insert(name, column);
    Ok(inline)
}

/// A default expression in `pg_get_expr`'s spelling; a warning when approximate.
pub fn canonical_default(
    r: &mut Replay,
    table: &str,
    column: &str,
    e: &Expr,
    column_type: &str,
) -> Result<Option<String>, Fail> {
    let scope = Scope {
        columns: None,
        enums: &r.schema.enums,
    };
    let printed = expr::default(e, column_type, scope).map_err(|err| expr_fail(table, err))?;
    if let Some(p) = &printed {
        if !p.exact {
            r.warn(format!(
                "default of {table}.{column}: `{e}` kept as `{}`, which may not be exactly how PostgreSQL prints it",
                p.text
            ));
        }
    }
    Ok(printed.map(|p| p.text))
}

pub fn expr_fail(table: &str, err: ExprError) -> Fail {
    match err {
        ExprError::UnknownColumn(column) => Fail::UnknownColumn {
            table: table.to_string(),
            column,
        },
        ExprError::Invalid(message) => Fail::Rejected(message),
    }
}

/// Whether `table` has column `column`, as a failure if not.
pub fn require(r: &Replay, table: &str, column: &str) -> Done {
    if r.table(table)?.columns.contains_key(column) {
        Ok(())
    } else {
        Err(Fail::UnknownColumn {
            table: table.to_string(),
            column: column.to_string(),
        })
    }
}

/// Folded column names.
pub fn idents(ids: &[Ident]) -> Vec<String> {
    ids.iter().map(names::ident).collect()
}
