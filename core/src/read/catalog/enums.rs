//! Enum types and their labels in `enumsortorder`.

use super::fields::Fields;
use super::{key_sql, user_schema, CatalogError, Row};
use crate::model::{EnumType, Schema};

/// name, labels (JSON array in `enumsortorder`)
pub(super) const SQL: &str = concat!(
    "SELECT ",
    key_sql!("n.nspname", "t.typname"),
    ",
       COALESCE((SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                   FROM pg_enum e WHERE e.enumtypid = t.oid), '[]'::json)::text
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND t.typtype = 'e'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                      AND d.objid = t.oid AND d.deptype = 'e')
 ORDER BY 1"
);

pub(super) fn read(rows: &[Row], schema: &mut Schema) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("enums", row, 2)?;
        let name = f.text(0)?;
        let labels = f
            .list(1)?
            .into_iter()
            .map(|l| l.ok_or_else(|| f.error(format!("enum {name} has a NULL label"))))
            .collect::<Result<Vec<_>, _>>()?;
        schema.enums.insert(name.to_string(), EnumType { labels });
    }
    Ok(())
}
