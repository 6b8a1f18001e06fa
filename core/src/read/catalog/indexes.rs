//! Indexes that back no constraint (a primary key's, a unique constraint's and an
//! exclusion constraint's index are the constraint): keys on columns or expressions with
//! collation, operator class and ordering, `INCLUDE`, `NULLS NOT DISTINCT`, storage
//! parameters, predicate and comment. Each is printed back and compared with
//! `pg_get_indexdef`; what the model cannot say (a tablespace, an invalid index, ...)
//! is refused, naming the definition.

use super::fields::Fields;
use super::keys;
use super::{
    index_keys_json, nulls_not_distinct, options_json, tables_cte, CatalogError, Refusals, Row,
};
use crate::model::{Index, Schema};

/// table, index, access method, unique, valid, keys (JSON, see `index_keys_json`),
/// NULLS NOT DISTINCT, storage parameters (JSON pairs), predicate, pg_get_indexdef, index
/// name (as printed), table (as printed, schema-qualified), tablespace, comment
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.key, ic.relname::text, am.amname::text, i.indisunique::text,
       i.indisvalid::text,
       ",
    index_keys_json!(),
    ",
       ",
    nulls_not_distinct!(),
    ",
       ",
    options_json!("ic.reloptions"),
    ",
       pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid),
       quote_ident(ic.relname), quote_ident(t.nspname) || '.' || quote_ident(t.relname),
       (SELECT ts.spcname::text FROM pg_tablespace ts WHERE ts.oid = ic.reltablespace),
       obj_description(i.indexrelid, 'pg_class')
  FROM tabs t JOIN pg_index i ON i.indrelid = t.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid
                      AND co.contype IN ('p', 'u', 'x'))
 ORDER BY t.key, ic.relname"
);

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("indexes", row, 14)?;
        let (table, name, method) = (f.text(0)?, f.text(1)?, f.text(2)?);
        let object = format!("index {table}.{name}");
        let definition = f.text(9)?;
        if !f.bool(4)? {
            refusals.push(
                object,
                format!(
                    "an INVALID index ({definition}), left by a failed CREATE INDEX \
                     CONCURRENTLY: drop it or rebuild it (REINDEX INDEX)"
                ),
            );
            continue;
        }
        if let Some(tablespace) = f.opt(12) {
            refusals.push(
                object,
                format!(
                    "{definition} TABLESPACE {tablespace}: the model has no tablespaces \
                     (move it to the default one: ALTER INDEX ... SET TABLESPACE pg_default)"
                ),
            );
            continue;
        }
        let keys = keys::read(&f, 5)?;
        let unique = f.bool(3)?;
        let mut index = Index {
            columns: keys.keys,
            include: keys.include,
            unique,
            nulls_not_distinct: f.bool(6)?,
            method: (method != "btree").then(|| method.to_string()),
            with: keys::options(&f, 7)?,
            predicate: f.opt(8).map(str::to_string),
            comment: f.opt(13).map(str::to_string),
        };
        let (index_sql, table_sql) = (f.text(10)?, f.text(11)?);
        let printed = |index: &Index| {
            format!(
                "CREATE {}INDEX {index_sql} ON {table_sql} {}",
                if unique { "UNIQUE " } else { "" },
                index.definition()
            )
        };
        if printed(&index) != definition {
            if let Some(columns) = keys::without_expression_collations(&index.columns) {
                let other = Index {
                    columns,
                    ..index.clone()
                };
                if printed(&other) == definition {
                    index = other;
                }
            }
        }
        let said = printed(&index);
        if said != definition {
            refusals.push(
                object,
                format!("{definition}: the model can only say `{said}`"),
            );
            continue;
        }
        let Some(t) = schema.tables.get_mut(table) else {
            return Err(f.error(format!("{object}: no such table among the columns")));
        };
        t.indexes.insert(name.to_string(), index);
    }
    Ok(())
}
