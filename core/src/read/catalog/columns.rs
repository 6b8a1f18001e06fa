//! Tables and their columns, in `attnum` order. A table without columns still gives one
//! row (its column fields NULL), so that every table is there.

use super::fields::Fields;
use super::{tables_cte, CatalogError, Refusals, Row};
use crate::model::{Column, Schema};

/// table, relkind, relispartition, attnum, column, type, not null, default, comment,
/// attidentity, attgenerated, parent tables (`INHERITS`, as printed)
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.relname::text, t.relkind::text, t.relispartition::text, a.attnum::text,
       a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
       pg_get_expr(ad.adbin, ad.adrelid), col_description(t.oid, a.attnum),
       a.attidentity::text, a.attgenerated::text,
       (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
          FROM pg_inherits i WHERE i.inhrelid = t.oid)
  FROM tabs t
  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
 ORDER BY t.relname, a.attnum"
);

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("columns", row, 12)?;
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
        let entry = schema.tables.entry(table.to_string()).or_default();
        let Some(name) = f.opt(4) else {
            continue; // a table without columns
        };
        f.int(3)?;
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
                comment: f.opt(8).map(str::to_string),
                ..Column::new("")
            },
        );
    }
    Ok(())
}
