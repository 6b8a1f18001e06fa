//! Catalog predicates that make statements idempotent: "does this already exist?".
//! Names reach the catalog as string literals; relations are resolved the way the
//! unqualified statements around them are (through `search_path`).

use crate::pg::{quote_literal, quote_qualified, split_key};

/// `'name'::regclass` for a table that exists at that point.
pub(crate) fn regclass(table: &str) -> String {
    format!("{}::regclass", quote_literal(&quote_qualified(table)))
}

/// The namespace of a model key: its schema's, or the current schema for `public`'s
/// (unqualified statements create there).
fn namespace(key: &str) -> (String, String) {
    let (schema, name) = split_key(key);
    let schema = match schema {
        Some(s) => quote_literal(s),
        None => "pg_catalog.current_schema()".into(),
    };
    (
        format!("(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = {schema})"),
        quote_literal(name),
    )
}

pub(crate) fn column_exists(table: &str, column: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = {} AND attname = {} AND NOT attisdropped)",
        regclass(table),
        quote_literal(column)
    )
}

/// The column exists and its type (as `format_type` prints it) is not `data_type`.
pub(crate) fn column_type_differs(table: &str, column: &str, data_type: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = {} AND attname = {} AND NOT attisdropped AND pg_catalog.format_type(atttypid, atttypmod) <> {})",
        regclass(table),
        quote_literal(column),
        quote_literal(data_type)
    )
}

/// The column exists and its collation is not `collation` (`None`: its type's default).
pub(crate) fn column_collation_differs(
    table: &str,
    column: &str,
    collation: Option<&str>,
) -> String {
    let wanted = match collation {
        Some(c) => format!("{}::pg_catalog.regcollation", quote_literal(c)),
        None => "t.typcollation".into(),
    };
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid WHERE a.attrelid = {} AND a.attname = {} AND NOT a.attisdropped AND a.attcollation <> {wanted})",
        regclass(table),
        quote_literal(column)
    )
}

/// The extension exists in a schema other than `schema`, named literally (the model's
/// `public` is the schema of that name, as the catalog reader reads it).
pub(crate) fn extension_schema_differs(name: &str, schema: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = {} AND n.nspname <> {})",
        quote_literal(name),
        quote_literal(schema)
    )
}

pub(crate) fn constraint_exists(table: &str, name: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = {} AND conname = {})",
        regclass(table),
        quote_literal(name)
    )
}

/// An index of that name on that table.
pub(crate) fn index_exists(table: &str, name: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = {} AND c.relname = {})",
        regclass(table),
        quote_literal(name)
    )
}

/// Any relation (table, index, view, sequence) of that name in the current schema.
pub(crate) fn relation_exists(name: &str) -> String {
    let (schema, name) = namespace(name);
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = {name} AND relnamespace = {schema})"
    )
}

pub(crate) fn type_exists(name: &str) -> String {
    let (schema, name) = namespace(name);
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_type WHERE typname = {name} AND typnamespace = {schema})"
    )
}

pub(crate) fn trigger_exists(table: &str, name: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = {} AND tgname = {} AND NOT tgisinternal)",
        regclass(table),
        quote_literal(name)
    )
}
