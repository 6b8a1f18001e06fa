//! The catalog CONTRACT.md "Convergence" compares, one text line per object, and the
//! line diff of two such snapshots. The same definition as the test harness's
//! (`tests/src/catalog.rs`), for the schema `current_schema()` returns.

use std::collections::BTreeMap;

/// One line per object; the first word says what kind of object it is. Lines look like
/// `column users.role user_role NOT NULL DEFAULT 'user'::user_role`. Enums with their
/// labels in order; tables; columns with type, nullability and default (not their
/// order); constraints of every kind and indexes by name and definition; triggers by
/// name, definition and whether they are enabled; functions by name, signature,
/// `SECURITY DEFINER` and `SET` options (not their bodies); which columns carry a
/// comment. Objects that belong to an extension are left out. Unordered: compare with
/// [`contract_drift`].
pub const CONTRACT_QUERY: &str = "WITH tabs AS (
  SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                        AND d.objid = c.oid AND d.deptype = 'e'))
SELECT 'enum ' || quote_ident(t.typname) || ' ('
       || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')'
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE n.nspname = current_schema()
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                      AND d.objid = t.oid AND d.deptype = 'e')
 GROUP BY t.typname
UNION ALL
SELECT 'table ' || quote_ident(relname) FROM tabs
UNION ALL
SELECT 'column ' || quote_ident(tabs.relname) || '.' || quote_ident(a.attname) || ' '
       || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
       || COALESCE(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
       || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
       || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END
  FROM tabs JOIN pg_attribute a ON a.attrelid = tabs.oid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || quote_ident(tabs.relname) || '.' || quote_ident(co.conname) || ' '
       || pg_get_constraintdef(co.oid)
  FROM tabs JOIN pg_constraint co ON co.conrelid = tabs.oid
UNION ALL
SELECT 'index ' || quote_ident(tabs.relname) || '.' || quote_ident(ic.relname) || ' '
       || pg_get_indexdef(i.indexrelid)
       || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
  FROM tabs JOIN pg_index i ON i.indrelid = tabs.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
UNION ALL
SELECT 'trigger ' || quote_ident(tabs.relname) || '.' || quote_ident(tg.tgname)
       || ' enabled=' || tg.tgenabled::text || ' ' || pg_get_triggerdef(tg.oid)
  FROM tabs JOIN pg_trigger tg ON tg.tgrelid = tabs.oid
 WHERE NOT tg.tgisinternal
UNION ALL
SELECT 'function ' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid)
       || ') RETURNS ' || pg_get_function_result(p.oid)
       || CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' ELSE ' SECURITY INVOKER' END
       || COALESCE(' SET ' || array_to_string(p.proconfig, ' SET '), '')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = current_schema()
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                      AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'comment ' || quote_ident(tabs.relname) || '.' || quote_ident(a.attname)
  FROM tabs JOIN pg_description ds
       ON ds.objoid = tabs.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid > 0
  JOIN pg_attribute a ON a.attrelid = tabs.oid AND a.attnum = ds.objsubid AND NOT a.attisdropped";

/// The lines only in `expected` as `- line` and only in `actual` as `+ line`, ordered by
/// the line (the two versions of a changed object stand together); a line that occurs
/// more often on one side counts once per extra occurrence. Empty when both hold the
/// same lines, in whatever order.
pub fn contract_drift(expected: &[String], actual: &[String]) -> Vec<String> {
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for line in expected {
        *count.entry(line).or_default() += 1;
    }
    for line in actual {
        *count.entry(line).or_default() -= 1;
    }
    let mut out = Vec::new();
    for (line, n) in count {
        let sign = if n > 0 { '-' } else { '+' };
        for _ in 0..n.unsigned_abs() {
            out.push(format!("{sign} {line}"));
        }
    }
    out
}
