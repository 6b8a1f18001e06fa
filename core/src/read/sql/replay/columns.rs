//! Column definitions (CREATE TABLE, ADD COLUMN): type, NOT NULL, default, and the
//! inline constraints, which are handed back to be added once the columns exist.

use sqlparser::ast::{
    CheckConstraint, ColumnDef, ColumnOption, Expr, ForeignKeyConstraint, GeneratedAs,
    GeneratedExpressionMode, Ident, PrimaryKeyConstraint, TableConstraint, UniqueConstraint,
};

use super::super::expr::{self, ExprError, Scope};
use super::super::names;
use super::super::types;
use super::{sequences, Done, Fail, Holder, Replay};
use crate::model::{Column, Identity, OwnedBy, Sequence, SequenceOptions};
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
    let mut serial = None;
    if let Some(note) = &ty.note {
        r.warn(format!("column {table}.{name}: {note}"));
    }
    let mut column = Column::new(ty.name.clone());
    let mut inline = Vec::new();
    let mut default: Option<&Expr> = None;
    let mut generated: Option<&Expr> = None;
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
                generated_as,
                sequence_options,
                ..
            } => {
                // An identity column is NOT NULL; its sequence comes and goes with it.
                column.not_null = true;
                let (options, _) =
                    sequences::read_options(sequence_options.as_deref().unwrap_or(&[]))?;
                column.identity = Some(Identity {
                    sequence: None,
                    always: !matches!(generated_as, GeneratedAs::ByDefault),
                    options: options.for_identity(&ty.name),
                });
            }
            ColumnOption::Generated {
                generation_expr: Some(e),
                generation_expr_mode,
                ..
            } => {
                if matches!(generation_expr_mode, Some(GeneratedExpressionMode::Virtual)) {
                    return Err(Fail::Rejected(format!(
                        "column {table}.{name}: virtual generated columns are not modelled (PostgreSQL 18)"
                    )));
                }
                generated = Some(e);
            }
            // The default collation is no collation of the column's own.
            ColumnOption::Collation(c) => {
                column.collation = names::parts(c)
                    .last()
                    .filter(|n| *n != "default")
                    .map(|n| quote_ident(n))
            }
            other => r.refuse(
                Holder::Table(table.to_string()),
                format!("column {table}.{name}"),
                format!("option `{other}` is not modelled"),
            ),
        }
    }
    if ty.serial {
        if default.is_some() {
            return Err(Fail::Rejected(format!(
                "multiple default values specified for column {name} of table {table}"
            )));
        }
        // What PostgreSQL does for serial: a sequence of the column's type, owned by
        // the column, and the column's default taking its next value.
        let schema = crate::pg::split_key(table).0.unwrap_or("public");
        let seq = names::choose(table, std::slice::from_ref(&name), "seq", |n| {
            r.relation_taken(&crate::pg::key_of(schema, n))
        });
        let seq = crate::pg::key_of(schema, &seq);
        column.not_null = true;
        column.default = Some(format!(
            "nextval({}::regclass)",
            printed_literal(&crate::pg::quote_qualified(&seq))
        ));
        let options = SequenceOptions {
            data_type: Some(ty.name.clone()),
            ..SequenceOptions::default()
        };
        serial = Some((seq, options.normalized()));
    }
    if let Some(e) = default {
        column.default = canonical_default(r, table, &name, e, &ty.name)?;
    }
    if let Some(e) = generated {
        let t = r.table(table)?;
        let scope = Scope {
            columns: Some(&t.columns),
            enums: &r.schema.enums,
        };
        let printed = expr::generated(e, &ty.name, scope).map_err(|err| expr_fail(table, err))?;
        if !printed.exact {
            r.warn(format!(
                "generated column {table}.{name}: `{e}` kept as `{}`, which may not be exactly how PostgreSQL prints it",
                printed.text
            ));
        }
        column.generated = Some(printed.text);
    }
    let t = r.table_mut(table)?;
    if t.columns.contains_key(&name) {
        return Err(Fail::Exists {
            kind: "column",
            name: format!("{name} of table {table}"),
        });
    }
    t.columns.insert(name.clone(), column);
    if let Some((seq, options)) = serial {
        r.schema.sequences.insert(
            seq,
            Sequence {
                options,
                owned_by: Some(OwnedBy {
                    table: table.to_string(),
                    column: name,
                }),
                comment: None,
            },
        );
    }
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
