//! Sequences: those of the schema (with `OWNED BY` and their comment), and the options
//! of the sequence behind each identity column, which the column carries.

use super::fields::Fields;
use super::{key_sql, user_schema, CatalogError, Row};
use crate::model::{Identity, OwnedBy, Schema, Sequence, SequenceOptions};

/// sequence, type, increment, min, max, start, cache, cycle, owning table, owning column,
/// comment, identity table, identity column, identity kind (`a` always, `d` by default)
pub(super) const SQL: &str = concat!(
    "SELECT ",
    key_sql!("n.nspname", "c.relname"),
    ", format_type(s.seqtypid, NULL),
       s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqstart::text,
       s.seqcache::text, s.seqcycle::text,
       ",
    key_sql!("otn.nspname", "ot.relname"),
    ", oa.attname::text, obj_description(c.oid, 'pg_class'),
       ",
    key_sql!("itn.nspname", "it.relname"),
    ", ia.attname::text, ia.attidentity::text
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_sequence s ON s.seqrelid = c.oid
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
       AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
  LEFT JOIN pg_class ot ON ot.oid = d.refobjid
  LEFT JOIN pg_namespace otn ON otn.oid = ot.relnamespace
  LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
  LEFT JOIN pg_depend di ON di.classid = 'pg_class'::regclass AND di.objid = c.oid
       AND di.refclassid = 'pg_class'::regclass AND di.deptype = 'i'
  LEFT JOIN pg_class it ON it.oid = di.refobjid
  LEFT JOIN pg_namespace itn ON itn.oid = it.relnamespace
  LEFT JOIN pg_attribute ia ON ia.attrelid = di.refobjid AND ia.attnum = di.refobjsubid
 WHERE c.relkind = 'S' AND ",
    user_schema!("n.nspname"),
    "
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                      AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY 1"
);

pub(super) fn read(rows: &[Row], schema: &mut Schema) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("sequences", row, 14)?;
        let raw = SequenceOptions {
            data_type: Some(f.text(1)?.to_string()),
            increment: Some(f.int(2)?),
            min_value: Some(f.int(3)?),
            max_value: Some(f.int(4)?),
            start: Some(f.int(5)?),
            cache: Some(f.int(6)?),
            cycle: f.bool(7)?,
        };
        if let (Some(table), Some(column)) = (f.opt(11), f.opt(12)) {
            let col = schema
                .tables
                .get_mut(table)
                .and_then(|t| t.columns.get_mut(column))
                .ok_or_else(|| f.error(format!("identity column {table}.{column} not read")))?;
            let mut identity = Identity {
                always: f.text(13)? == "a",
                sequence: None,
                options: raw.for_identity(&col.data_type),
            };
            identity.set_sequence(table, column, f.text(0)?);
            col.identity = Some(identity);
            continue;
        }
        let owned_by = match (f.opt(8), f.opt(9)) {
            (Some(table), Some(column)) => Some(OwnedBy {
                table: table.to_string(),
                column: column.to_string(),
            }),
            _ => None,
        };
        schema.sequences.insert(
            f.text(0)?.to_string(),
            Sequence {
                options: raw.normalized(),
                owned_by,
                comment: f.opt(10).map(str::to_string),
            },
        );
    }
    Ok(())
}
