//! Constraints: primary keys, unique, foreign keys, checks and exclusion constraints,
//! with deferral, `NOT VALID`, `NO INHERIT`, `MATCH FULL`, the `INCLUDE` columns and
//! storage parameters of a key's index, `NULLS NOT DISTINCT` and the comment. Columns
//! come by name in `conkey` order. PostgreSQL 18's `NOT NULL` constraints are the
//! columns' `not_null`. Each constraint is printed back and compared with
//! `pg_get_constraintdef`; what the model cannot say is refused, naming the definition.

use super::fields::Fields;
use super::keys;
use super::{
    index_keys_json, key_sql, names_json, names_sql, nulls_not_distinct, options_json, tables_cte,
    CatalogError, Refusals, Row,
};
use crate::model::{Constraint, Deferral, ExcludeElement, FkAction, KeyIndex, Reference, Schema};

/// table, name, contype, columns (JSON), columns (as printed), referenced table's schema,
/// referenced table, referenced table (as printed), referenced columns (JSON), referenced
/// columns (as printed), confdeltype, confupdtype, pg_get_constraintdef, check expression,
/// the table's schema, condeferrable, condeferred, convalidated, connoinherit,
/// confmatchtype; then, for a primary key, unique or exclusion constraint, of its index:
/// access method, keys (JSON, see `index_keys_json`), the exclusion operators (JSON, as
/// printed), predicate, storage parameters (JSON pairs), NULLS NOT DISTINCT, tablespace;
/// last the constraint's comment
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.key, co.conname::text, co.contype::text,
       ",
    names_json!("co.conkey", "co.conrelid", ""),
    ",
       ",
    names_sql!("co.conkey", "co.conrelid", ""),
    ",
       rn.nspname::text, ",
    key_sql!("rn.nspname", "rc.relname"),
    ",
       CASE WHEN co.confrelid <> 0 THEN co.confrelid::regclass::text END,
       ",
    names_json!("co.confkey", "co.confrelid", ""),
    ",
       ",
    names_sql!("co.confkey", "co.confrelid", ""),
    ",
       co.confdeltype::text, co.confupdtype::text, pg_get_constraintdef(co.oid),
       pg_get_expr(co.conbin, co.conrelid), t.nspname::text,
       co.condeferrable::text, co.condeferred::text, co.convalidated::text,
       co.connoinherit::text, co.confmatchtype::text,
       am.amname::text,
       ",
    index_keys_json!(),
    ",
       (SELECT json_agg(CASE WHEN pg_operator_is_visible(op.oid) THEN op.oprname::text
                             ELSE 'OPERATOR(' || quote_ident(opn.nspname) || '.'
                                  || op.oprname || ')' END ORDER BY x.ord)
          FROM unnest(co.conexclop) WITH ORDINALITY AS x(oid, ord)
          JOIN pg_operator op ON op.oid = x.oid
          JOIN pg_namespace opn ON opn.oid = op.oprnamespace)::text,
       pg_get_expr(i.indpred, i.indrelid),
       ",
    options_json!("ic.reloptions"),
    ",
       CASE WHEN i.indexrelid IS NOT NULL THEN ",
    nulls_not_distinct!(),
    " END,
       (SELECT ts.spcname::text FROM pg_tablespace ts WHERE ts.oid = ic.reltablespace),
       obj_description(co.oid, 'pg_constraint')
  FROM tabs t JOIN pg_constraint co ON co.conrelid = t.oid
  LEFT JOIN pg_class rc ON rc.oid = co.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_index i ON i.indexrelid = co.conindid AND co.contype IN ('p', 'u', 'x')
  LEFT JOIN pg_class ic ON ic.oid = i.indexrelid
  LEFT JOIN pg_am am ON am.oid = ic.relam
 ORDER BY t.key, co.conname"
);

/// The number of columns of [`SQL`].
const WIDTH: usize = 28;

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("constraints", row, WIDTH)?;
        let (table, name, contype) = (f.text(0)?, f.text(1)?, f.text(2)?);
        let object = format!("constraint {table}.{name}");
        let definition = f.text(12)?;
        // An exclusion constraint's `conkey` has 0 for an expression: its keys say it.
        let columns = if contype == "x" {
            Vec::new()
        } else {
            names(&f, 3)?
        };
        let columns_sql = f.opt(4).unwrap_or("");
        let deferrable = match (f.bool(15)?, f.bool(16)?) {
            (false, _) => Deferral::No,
            (true, false) => Deferral::Immediate,
            (true, true) => Deferral::Deferred,
        };
        let not_valid = !f.bool(17)?;
        let comment = f.opt(27).map(str::to_string);
        if contype != "n" && contype != "c" && contype != "f" {
            if let Some(tablespace) = f.opt(26) {
                refusals.push(
                    object,
                    format!(
                        "{definition} USING INDEX TABLESPACE {tablespace}: the model has no \
                         tablespaces"
                    ),
                );
                continue;
            }
        }
        let key_index = |f: &Fields<'_>| -> Result<(keys::Keys, KeyIndex), CatalogError> {
            let mut keys = keys::read(f, 21)?;
            let index = KeyIndex {
                include: std::mem::take(&mut keys.include),
                with: keys::options(f, 24)?,
            };
            Ok((keys, index))
        };
        let constraint = match contype {
            "p" => Constraint::PrimaryKey {
                columns,
                index: key_index(&f)?.1,
                deferrable,
                comment,
            },
            "u" => Constraint::Unique {
                columns,
                nulls_not_distinct: f.opt(25).is_some() && f.bool(25)?,
                index: key_index(&f)?.1,
                deferrable,
                comment,
            },
            "c" => Constraint::Check {
                expression: f.text(13)?.to_string(),
                source: None,
                no_inherit: f.bool(18)?,
                not_valid,
                comment,
            },
            "f" => {
                let match_full = match f.text(19)? {
                    "s" => false,
                    "f" => true,
                    _ => {
                        refusals.push(
                            object,
                            format!("{definition}: the model has no MATCH PARTIAL"),
                        );
                        continue;
                    }
                };
                Constraint::ForeignKey {
                    columns,
                    references: Reference {
                        table: f.text(6)?.to_string(),
                        columns: names(&f, 8)?,
                    },
                    on_delete: action(&f, 10)?,
                    on_update: action(&f, 11)?,
                    match_full,
                    deferrable,
                    not_valid,
                    comment,
                }
            }
            "x" => {
                let (keys, index) = key_index(&f)?;
                let operators: Vec<String> = f.json(22)?;
                if operators.len() != keys.keys.len() {
                    return Err(f.error(format!(
                        "{object}: {} exclusion operator(s) for {} key(s)",
                        operators.len(),
                        keys.keys.len()
                    )));
                }
                Constraint::Exclude {
                    method: f.text(20)?.to_string(),
                    elements: keys
                        .keys
                        .into_iter()
                        .zip(operators)
                        .map(|(key, operator)| ExcludeElement { key, operator })
                        .collect(),
                    index,
                    predicate: f.opt(23).map(str::to_string),
                    deferrable,
                    comment,
                }
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
        let constraint = match matching(constraint, definition) {
            Ok(c) => c,
            Err(said) => {
                refusals.push(
                    object,
                    format!(
                        "{definition}: the model can only say `{said}` (no ON DELETE SET \
                         NULL (columns), NOT ENFORCED, WITHOUT OVERLAPS, ...)"
                    ),
                );
                continue;
            }
        };
        let Some(t) = schema.tables.get_mut(table) else {
            return Err(f.error(format!("{object}: no such table among the columns")));
        };
        t.constraints.insert(name.to_string(), constraint);
    }
    Ok(())
}

/// `pg_get_constraintdef` as the model would print it. It leaves out the storage
/// parameters of a primary key's or unique constraint's index (only a full command has
/// them; an exclusion constraint prints them): they come from the index itself.
fn printed(c: &Constraint) -> String {
    match c {
        Constraint::PrimaryKey { index, .. } | Constraint::Unique { index, .. }
            if !index.with.is_empty() =>
        {
            let mut c = c.clone();
            if let Constraint::PrimaryKey { index, .. } | Constraint::Unique { index, .. } = &mut c
            {
                index.with.clear();
            }
            c.to_string()
        }
        c => c.to_string(),
    }
}

/// The constraint if it prints as `definition`, trying an exclusion constraint's
/// expression keys without their collation too (see `keys::without_expression_collations`);
/// else what the model prints.
fn matching(c: Constraint, definition: &str) -> Result<Constraint, String> {
    let said = printed(&c);
    if said == definition {
        return Ok(c);
    }
    let Constraint::Exclude { elements, .. } = &c else {
        return Err(said);
    };
    let keys: Vec<_> = elements.iter().map(|e| e.key.clone()).collect();
    let Some(without) = keys::without_expression_collations(&keys) else {
        return Err(said);
    };
    let mut other = c.clone();
    if let Constraint::Exclude { elements, .. } = &mut other {
        for (e, key) in elements.iter_mut().zip(without) {
            e.key = key;
        }
    }
    if printed(&other) == definition {
        Ok(other)
    } else {
        Err(said)
    }
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
