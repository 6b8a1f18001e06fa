//! Tables and their columns, in `attnum` order. A table without columns still gives one
//! row (its column fields NULL), so that every table is there.

use super::fields::Fields;
use super::{keys, options_json, tables_cte, CatalogError, Refusals, Row};
use crate::model::{Column, Schema};

/// table, relkind, relispartition, attnum, column, type, not null, default, comment,
/// attidentity, attgenerated, parent tables (`INHERITS`, as printed), the column's
/// collation when not its type's (as `COLLATE` names it: quoted, schema-qualified when
/// not visible), its storage when not its type's (`plain`, `external`, `extended`,
/// `main`), its statistics target when set (`attstattarget` is -1 by default up to
/// PostgreSQL 16, NULL from 17), then of the table: unlogged, storage parameters (JSON
/// pairs), comment, tablespace (when not the database's default), row level security
/// enabled, forced
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.key, t.relkind::text, t.relispartition::text, a.attnum::text,
       a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
       pg_get_expr(ad.adbin, ad.adrelid), col_description(t.oid, a.attnum),
       a.attidentity::text, a.attgenerated::text,
       (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
          FROM pg_inherits i WHERE i.inhrelid = t.oid),
       CASE WHEN a.attcollation <> ty.typcollation THEN
           CASE WHEN pg_collation_is_visible(coll.oid) THEN quote_ident(coll.collname)
                ELSE quote_ident(cn.nspname) || '.' || quote_ident(coll.collname) END END,
       CASE WHEN a.attstorage <> ty.typstorage THEN
           CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'
                             WHEN 'x' THEN 'extended' WHEN 'm' THEN 'main' END END,
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::text END,
       (t.relpersistence = 'u')::text,
       ",
    options_json!("t.reloptions"),
    ",
       obj_description(t.oid, 'pg_class'),
       (SELECT ts.spcname::text FROM pg_tablespace ts WHERE ts.oid = t.reltablespace),
       c.relrowsecurity::text, c.relforcerowsecurity::text
  FROM tabs t
  JOIN pg_class c ON c.oid = t.oid
  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_type ty ON ty.oid = a.atttypid
  LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
  LEFT JOIN pg_namespace cn ON cn.oid = coll.collnamespace
 ORDER BY t.key, a.attnum"
);

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("columns", row, 21)?;
        let table = f.text(0)?;
        if !schema.tables.contains_key(table) {
            if f.text(1)? == "p" {
                refusals.push(
                    format!("table {table}"),
                    "a partitioned table (the model has no partitioning)",
                );
            }
            if f.bool(2)? {
                refusals.push(
                    format!("table {table}"),
                    "a partition (the model has no partitioning)",
                );
            } else if let Some(parents) = f.opt(11) {
                refusals.push(
                    format!("table {table}"),
                    format!("inherits from {parents} (the model has no table inheritance)"),
                );
            }
        }
        if let (Some(ts), false) = (f.opt(18), schema.tables.contains_key(table)) {
            // Once per table (at its first row): the model has no tablespaces.
            refusals.push(
                format!("table {table}"),
                format!("in tablespace {ts} (the model has no tablespaces)"),
            );
        }
        let entry = schema.tables.entry(table.to_string()).or_default();
        entry.unlogged = f.bool(15)?;
        entry.with = keys::options(&f, 16)?;
        entry.comment = f.opt(17).map(str::to_string);
        entry.row_security = f.bool(19)?;
        entry.force_row_security = f.bool(20)?;
        let Some(name) = f.opt(4) else {
            continue; // a table without columns
        };
        f.int(3)?;
        if f.opt(10) == Some("v") {
            refusals.push(
                format!("column {table}.{name}"),
                "a virtual generated column (PostgreSQL 18): the model's generated columns are stored",
            );
            continue;
        }
        // A stored generated column's expression is its "default" in pg_attrdef; an
        // identity column's options come with its sequence (`sequences.rs`).
        let generated = !f.opt(10).unwrap_or("").is_empty();
        let expression = f.opt(7).map(str::to_string);
        let (default, generated) = if generated {
            (None, expression)
        } else {
            (expression, None)
        };
        entry.columns.insert(
            name.to_string(),
            Column {
                data_type: f.text(5)?.to_string(),
                not_null: f.bool(6)?,
                default,
                identity: None,
                generated,
                collation: f.opt(12).map(str::to_string),
                storage: f.opt(13).map(str::to_string),
                statistics: f
                    .opt(14)
                    .map(|_| {
                        f.int(14).and_then(|n| {
                            i32::try_from(n).map_err(|_| f.error(format!("column 15 is {n}")))
                        })
                    })
                    .transpose()?,
                comment: f.opt(8).map(str::to_string),
            },
        );
    }
    Ok(())
}
