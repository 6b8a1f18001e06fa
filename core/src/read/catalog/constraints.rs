//! Constraints: primary keys, unique, foreign keys and checks. Columns come by name in
//! `conkey` order. PostgreSQL 18's `NOT NULL` constraints are the columns' `not_null`.

use super::fields::Fields;
use super::{names_json, names_sql, tables_cte, CatalogError, Refusals, Row};
use crate::model::{Constraint, FkAction, Reference, Schema};

/// table, name, contype, columns (JSON), columns (as printed), referenced table's schema,
/// referenced table, referenced table (as printed), referenced columns (JSON), referenced
/// columns (as printed), confdeltype, confupdtype, pg_get_constraintdef, check expression,
/// the table's schema
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.relname::text, co.conname::text, co.contype::text,
       ",
    names_json!("co.conkey", "co.conrelid", ""),
    ",
       ",
    names_sql!("co.conkey", "co.conrelid", ""),
    ",
       rn.nspname::text, rc.relname::text,
       CASE WHEN co.confrelid <> 0 THEN co.confrelid::regclass::text END,
       ",
    names_json!("co.confkey", "co.confrelid", ""),
    ",
       ",
    names_sql!("co.confkey", "co.confrelid", ""),
    ",
       co.confdeltype::text, co.confupdtype::text, pg_get_constraintdef(co.oid),
       pg_get_expr(co.conbin, co.conrelid), t.nspname::text
  FROM tabs t JOIN pg_constraint co ON co.conrelid = t.oid
  LEFT JOIN pg_class rc ON rc.oid = co.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
 ORDER BY t.relname, co.conname"
);

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("constraints", row, 15)?;
        let (table, name, contype) = (f.text(0)?, f.text(1)?, f.text(2)?);
        let object = format!("constraint {table}.{name}");
        let definition = f.text(12)?;
        let columns = names(&f, 3)?;
        let columns_sql = f.opt(4).unwrap_or("");
        let (constraint, printed) = match contype {
            "p" => (
                Constraint::primary_key(columns),
                format!("PRIMARY KEY ({columns_sql})"),
            ),
            "u" => (
                Constraint::unique(columns),
                format!("UNIQUE ({columns_sql})"),
            ),
            "c" => {
                let expression = f.text(13)?.to_string();
                let printed = format!("CHECK ({expression})");
                (Constraint::check(expression, None), printed)
            }
            "f" => {
                if f.opt(5) != Some(f.text(14)?) {
                    refusals.push(
                        object,
                        format!(
                            "references a table of another schema ({definition}): \
                             the model's references stay in one schema"
                        ),
                    );
                    continue;
                }
                let on_delete = action(&f, 10)?;
                let on_update = action(&f, 11)?;
                let mut printed = format!(
                    "FOREIGN KEY ({columns_sql}) REFERENCES {}({})",
                    f.text(7)?,
                    f.opt(9).unwrap_or("")
                );
                for (verb, a) in [("UPDATE", on_update), ("DELETE", on_delete)] {
                    if a != FkAction::NoAction {
                        printed.push_str(&format!(" ON {verb} {}", a.sql()));
                    }
                }
                let constraint = Constraint::foreign_key(
                    columns,
                    Reference {
                        table: f.text(6)?.to_string(),
                        columns: names(&f, 8)?,
                    },
                    on_delete,
                    on_update,
                );
                (constraint, printed)
            }
            "n" => {
                // The column's not_null says it; only a plain one is that.
                if definition != format!("NOT NULL {columns_sql}") {
                    refusals.push(
                        object,
                        format!("{definition}: the model's not_null is a plain, valid NOT NULL"),
                    );
                }
                continue;
            }
            other => {
                let what = match other {
                    "x" => "an exclusion constraint",
                    "t" => "a constraint trigger",
                    _ => "a kind of constraint",
                };
                refusals.push(
                    object,
                    format!("{what} ({definition}): the model has no such constraint"),
                );
                continue;
            }
        };
        if definition != printed {
            refusals.push(
                object,
                format!(
                    "{definition}: the model can only say `{printed}` \
                     (no DEFERRABLE, NOT VALID, MATCH FULL, INCLUDE, NULLS NOT DISTINCT, ...)"
                ),
            );
            continue;
        }
        let Some(t) = schema.tables.get_mut(table) else {
            return Err(f.error(format!("{object}: no such table among the columns")));
        };
        t.constraints.insert(name.to_string(), constraint);
    }
    Ok(())
}

/// Column names, none of which may be missing.
fn names(f: &Fields<'_>, i: usize) -> Result<Vec<String>, CatalogError> {
    f.list(i)?
        .into_iter()
        .map(|n| n.ok_or_else(|| f.error(format!("column {} holds a NULL name", i + 1))))
        .collect()
}

fn action(f: &Fields<'_>, i: usize) -> Result<FkAction, CatalogError> {
    match f.text(i)? {
        "a" => Ok(FkAction::NoAction),
        "r" => Ok(FkAction::Restrict),
        "c" => Ok(FkAction::Cascade),
        "n" => Ok(FkAction::SetNull),
        "d" => Ok(FkAction::SetDefault),
        other => Err(f.error(format!(
            "column {} is {other:?}, not a foreign key action",
            i + 1
        ))),
    }
}
