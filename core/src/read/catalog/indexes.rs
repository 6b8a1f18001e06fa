//! Indexes that back no constraint (a primary key's, a unique constraint's and an
//! exclusion constraint's index are the constraint). Only plain column indexes fit the
//! model: an expression index is refused, naming its definition.

use super::fields::Fields;
use super::{names_json, names_sql, tables_cte, CatalogError, Refusals, Row};
use crate::model::{Index, IndexKey, Schema};

/// table, index, access method, unique, valid, has expressions, key columns (JSON, null
/// for an expression), key columns (as printed), predicate, pg_get_indexdef, index name
/// (as printed), table (as printed, schema-qualified)
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.relname::text, ic.relname::text, am.amname::text, i.indisunique::text,
       i.indisvalid::text, (i.indexprs IS NOT NULL)::text,
       ",
    names_json!("i.indkey", "i.indrelid", " WHERE k.ord <= i.indnkeyatts"),
    ",
       ",
    names_sql!("i.indkey", "i.indrelid", " WHERE k.ord <= i.indnkeyatts"),
    ",
       pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid),
       quote_ident(ic.relname), quote_ident(t.nspname) || '.' || quote_ident(t.relname)
  FROM tabs t JOIN pg_index i ON i.indrelid = t.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid
                      AND co.contype IN ('p', 'u', 'x'))
 ORDER BY t.relname, ic.relname"
);

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("indexes", row, 12)?;
        let (table, name, method) = (f.text(0)?, f.text(1)?, f.text(2)?);
        let object = format!("index {table}.{name}");
        let definition = f.text(9)?;
        let columns = f.list(6)?;
        if f.bool(5)? || columns.iter().any(Option::is_none) {
            refusals.push(
                object,
                format!("an expression index ({definition}): the model's indexes are on columns"),
            );
            continue;
        }
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
        let unique = f.bool(3)?;
        let predicate = f.opt(8).map(str::to_string);
        let printed = format!(
            "CREATE {}INDEX {} ON {} USING {method} ({}){}",
            if unique { "UNIQUE " } else { "" },
            f.text(10)?,
            f.text(11)?,
            f.opt(7).unwrap_or(""),
            predicate
                .as_deref()
                .map(|p| format!(" WHERE {p}"))
                .unwrap_or_default()
        );
        if definition != printed {
            refusals.push(
                object,
                format!(
                    "{definition}: the model can only say `{printed}` \
                     (no DESC, NULLS FIRST, operator class, collation, INCLUDE, WITH, ...)"
                ),
            );
            continue;
        }
        let Some(t) = schema.tables.get_mut(table) else {
            return Err(f.error(format!("{object}: no such table among the columns")));
        };
        t.indexes.insert(
            name.to_string(),
            Index {
                columns: columns
                    .into_iter()
                    .flatten()
                    .map(IndexKey::column)
                    .collect(),
                unique,
                method: (method != "btree").then(|| method.to_string()),
                predicate,
                ..Index::on(&[])
            },
        );
    }
    Ok(())
}
