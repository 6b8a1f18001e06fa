//! A live database's catalog → model. Pure: the CLI runs [`QUERIES`] and hands the rows
//! over; every value arrives as text (or NULL), as a client prints it.
//!
//! The queries read every user schema (objects outside `public` keyed `schema.name`),
//! leave out every object that belongs to an extension (and `plpgsql`) and the
//! migration runners' own tables, and sort their rows by name (columns by `attnum`), so
//! that the same database always gives the same model.
//!
//! The model only holds what it can hold. Whatever a database says beyond it (an index
//! in another tablespace, `MATCH PARTIAL`, a trigger with a `WHEN` clause, ...) is
//! refused with [`CatalogError::Unsupported`], which lists every such object: a model
//! that silently dropped them would plan migrations for a database that does not exist. To catch what no list of flags foresees, each constraint, index and
//! trigger read is printed back the way PostgreSQL prints it and compared with
//! `pg_get_constraintdef` / `pg_get_indexdef` / `pg_get_triggerdef`. Objects of kinds the
//! model has no place for (views, domains, policies, casts, ...) are found by their own
//! query and refused alike (`unmodelled.rs`).
//!
//! On PostgreSQL 18, `NOT NULL` constraints (`contype 'n'`) are not modelled as
//! constraints: the column's `not_null` carries them (their names are not kept).
//!
//! [`CONTRACT_QUERY`] and [`contract_drift`] are the catalog CONTRACT.md compares.

mod columns;
mod constraints;
mod contract;
mod enums;
mod fields;
mod functions;
mod indexes;
mod keys;
mod sequences;
#[cfg(test)]
mod tests;
mod triggers;
mod unmodelled;

use std::fmt;

use thiserror::Error;

use crate::model::{Namespace, Schema};
use crate::read::RUNNER_SCHEMAS;

pub use contract::{contract_drift, CONTRACT_QUERY};

/// One row of a query's result, every column as text.
pub type Row = Vec<Option<String>>;

/// The queries, in the order of [`CatalogRows`]'s fields.
#[derive(Debug, Clone, Copy)]
pub struct Queries {
    pub schemas: &'static str,
    pub extensions: &'static str,
    pub enums: &'static str,
    pub sequences: &'static str,
    pub columns: &'static str,
    pub constraints: &'static str,
    pub indexes: &'static str,
    pub triggers: &'static str,
    pub functions: &'static str,
    pub unmodelled: &'static str,
}

/// What the queries returned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogRows {
    pub schemas: Vec<Row>,
    pub extensions: Vec<Row>,
    pub enums: Vec<Row>,
    pub sequences: Vec<Row>,
    pub columns: Vec<Row>,
    pub constraints: Vec<Row>,
    pub indexes: Vec<Row>,
    pub triggers: Vec<Row>,
    pub functions: Vec<Row>,
    pub unmodelled: Vec<Row>,
}

/// Why catalog rows could not become a model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogError {
    /// A row does not have the shape its query gives (wrong width, a NULL where a value
    /// must be, a value that does not parse): the rows do not come from [`QUERIES`].
    #[error("catalog {query}: {message}")]
    Row {
        query: &'static str,
        message: String,
    },
    /// Objects the model cannot hold, every one of them.
    #[error("{} object(s) in the database cannot be modelled: {}", .0.len(), crate::read::joined(.0))]
    Unsupported(Vec<Unsupported>),
}

/// One object the model cannot hold, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// What it is, e.g. `index users.idx_lower_email`.
    pub object: String,
    /// What the model lacks, often with the object's definition.
    pub reason: String,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.object, self.reason)
    }
}

/// The model key of object `$name` of namespace `$ns` (SQL expressions): the name in
/// `public`, `schema.name` elsewhere (`crate::pg::key_of`).
macro_rules! key_sql {
    ($ns:literal, $name:literal) => {
        concat!(
            "(CASE WHEN ",
            $ns,
            " = 'public' THEN ",
            $name,
            "::text ELSE ",
            $ns,
            "::text || '.' || ",
            $name,
            "::text END)"
        )
    };
}
pub(crate) use key_sql;

/// Whether namespace `$ns` holds user objects: not PostgreSQL's own (`pg_catalog`,
/// `information_schema`, `pg_toast`, temporary schemas).
macro_rules! user_schema {
    ($ns:literal) => {
        concat!(
            "(",
            $ns,
            " NOT IN ('pg_catalog', 'information_schema') AND ",
            $ns,
            " NOT LIKE 'pg\\_%')"
        )
    };
}
pub(crate) use user_schema;

/// The tables the queries look at: ordinary and partitioned tables of every user schema
/// that no extension owns, with their model key. A macro so that `concat!` can splice it
/// into each query.
macro_rules! tables_cte {
    () => {
        concat!(
            "WITH tabs AS (
  SELECT c.oid, c.relname, c.relkind, c.relispartition, c.relpersistence, c.reloptions,
         c.reltablespace,
         n.nspname, ",
            $crate::read::catalog::key_sql!("n.nspname", "c.relname"),
            " AS key
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ",
            $crate::read::catalog::user_schema!("n.nspname"),
            " AND c.relkind IN ('r', 'p')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                        AND d.objid = c.oid AND d.deptype = 'e'))
"
        )
    };
}
pub(crate) use tables_cte;

/// The names of the columns `attnums` (an `int2[]` or `int2vector` expression) of the
/// relation `rel`, in the array's order, as a JSON array (`null` for an expression
/// column, attnum 0); `$1`-style placeholders are not available to `concat!`, hence a
/// macro per use.
macro_rules! names_json {
    ($attnums:literal, $rel:literal, $filter:literal) => {
        concat!(
            "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(",
            $attnums,
            "::int2[]) WITH ORDINALITY AS k(num, ord) LEFT JOIN pg_attribute a ON a.attrelid = ",
            $rel,
            " AND a.attnum = k.num",
            $filter,
            ")::text"
        )
    };
}
pub(crate) use names_json;

/// The same names as PostgreSQL prints a column list: `quote_ident` each, `, ` between.
macro_rules! names_sql {
    ($attnums:literal, $rel:literal, $filter:literal) => {
        concat!(
            "(SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(",
            $attnums,
            "::int2[]) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = ",
            $rel,
            " AND a.attnum = k.num",
            $filter,
            ")"
        )
    };
}
pub(crate) use names_sql;

/// Storage parameters (`reloptions`, a `text[]` expression) as a JSON array of
/// `[name, value]` pairs in their order; NULL when there is none.
macro_rules! options_json {
    ($reloptions:literal) => {
        concat!(
            "(SELECT json_agg(json_build_array(o.option_name, o.option_value) ORDER BY o.ord) \
             FROM pg_options_to_table(",
            $reloptions,
            ") WITH ORDINALITY AS o(option_name, option_value, ord))::text"
        )
    };
}
pub(crate) use options_json;

/// Every key and `INCLUDE` column of the index `i` (a `pg_index` row), in order, as a
/// JSON array of objects (see `keys::KeyRow`): the column (null for an expression), the
/// key as `pg_get_indexdef(i, k, false)` prints it (an expression as in the whole
/// definition), whether it is a key (not `INCLUDE`), its collation when not the one of
/// the column (of the expression's type for an expression), its operator class when not
/// the default for the key's type (domains by their base type) and method or when it has
/// parameters, each as `pg_get_indexdef` names them (schema-qualified when not visible),
/// its parameters (`attoptions` of the index's column, as JSON pairs), and `indoption`.
macro_rules! index_keys_json {
    () => {
        "(SELECT json_agg(json_build_object(
       'column', a.attname,
       'text', pg_get_indexdef(i.indexrelid, k.ord::int, false),
       'key', k.ord <= i.indnkeyatts,
       'collation', CASE WHEN coll.oid <> COALESCE(a.attcollation, ty.typcollation) THEN
           CASE WHEN pg_collation_is_visible(coll.oid) THEN quote_ident(coll.collname)
                ELSE quote_ident(cn.nspname) || '.' || quote_ident(coll.collname) END END,
       'opclass', CASE WHEN ia.attoptions IS NOT NULL
             OR NOT (opc.opcdefault AND (opc.opcintype = kt.oid
             OR NOT EXISTS (SELECT 1 FROM pg_opclass d WHERE d.opcmethod = opc.opcmethod
                               AND d.opcdefault AND d.opcintype = kt.oid))) THEN
           CASE WHEN pg_opclass_is_visible(opc.oid) THEN quote_ident(opc.opcname)
                ELSE quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END END,
       'params', (SELECT json_agg(json_build_array(o.name, o.value) ORDER BY o.ord)
             FROM pg_options_to_table(ia.attoptions) WITH ORDINALITY AS o(name, value, ord)),
       'option', CASE WHEN k.ord <= i.indnkeyatts THEN i.indoption[k.ord - 1] ELSE 0 END)
       ORDER BY k.ord)
     FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord)
     JOIN pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.ord
     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
     LEFT JOIN pg_type ty ON ty.oid = COALESCE(a.atttypid, ia.atttypid)
     LEFT JOIN pg_type kt ON kt.oid = CASE WHEN ty.typtype = 'd' THEN ty.typbasetype
                                           ELSE ty.oid END
     LEFT JOIN pg_collation coll ON k.ord <= i.indnkeyatts
                                AND coll.oid = i.indcollation[k.ord - 1]
     LEFT JOIN pg_namespace cn ON cn.oid = coll.collnamespace
     LEFT JOIN pg_opclass opc ON k.ord <= i.indnkeyatts AND opc.oid = i.indclass[k.ord - 1]
     LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace)::text"
    };
}
pub(crate) use index_keys_json;

/// `indnullsnotdistinct` of the index `i` as text, `false` before PostgreSQL 15 (which
/// has no such column: read through `to_jsonb` so that the query runs on 14).
macro_rules! nulls_not_distinct {
    () => {
        "COALESCE(to_jsonb(i) ->> 'indnullsnotdistinct', 'false')"
    };
}
pub(crate) use nulls_not_distinct;

/// The catalog queries, for every user schema. Every column is text.
pub const QUERIES: Queries = Queries {
    // name, comment
    schemas: concat!(
        "SELECT n.nspname::text, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n WHERE ",
        user_schema!("n.nspname"),
        " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass \
           AND d.objid = n.oid AND d.deptype = 'e') ORDER BY 1"
    ),
    // name, schema
    extensions: "SELECT e.extname::text, n.nspname::text FROM pg_extension e \
                 JOIN pg_namespace n ON n.oid = e.extnamespace \
                 WHERE e.extname <> 'plpgsql' ORDER BY e.extname",
    enums: enums::SQL,
    sequences: sequences::SQL,
    columns: columns::SQL,
    constraints: constraints::SQL,
    indexes: indexes::SQL,
    triggers: triggers::SQL,
    functions: functions::SQL,
    unmodelled: unmodelled::SQL,
};

/// Objects the model cannot hold, gathered while reading so that all are named at once.
#[derive(Debug, Default)]
pub(crate) struct Refusals(Vec<Unsupported>);

impl Refusals {
    pub(crate) fn push(&mut self, object: String, reason: impl Into<String>) {
        self.0.push(Unsupported {
            object,
            reason: reason.into(),
        });
    }
}

/// Build the model of the schema from the rows of [`QUERIES`].
/// The comment `initdb` gives schema public (pg_dump leaves it out too).
const PUBLIC_COMMENT: &str = "standard public schema";

/// The migration runners' own tables and schemas, and the sequences they own, are the
/// runners' business (`crate::read::RUNNER_TABLES`).
fn leave_out_runners(schema: &mut Schema) {
    let runner = crate::read::is_runner_table;
    schema.tables.retain(|k, _| !runner(k));
    schema
        .sequences
        .retain(|k, s| !runner(k) && s.owned_by.as_ref().is_none_or(|o| !runner(&o.table)));
    schema.enums.retain(|k, _| !runner(k));
    schema.functions.retain(|k, _| !runner(k));
}

pub fn schema_from_rows(rows: &CatalogRows) -> Result<Schema, CatalogError> {
    let mut schema = Schema::default();
    let mut refusals = Refusals::default();
    for row in &rows.schemas {
        let f = fields::Fields::new("schemas", row, 2)?;
        let (name, comment) = (f.text(0)?, f.opt(1));
        // public is listed only for a comment of its own.
        let default_public = comment.is_none() || comment == Some(PUBLIC_COMMENT);
        if RUNNER_SCHEMAS.contains(&name) || (name == "public" && default_public) {
            continue;
        }
        schema.schemas.insert(
            name.to_string(),
            Namespace {
                comment: comment.map(str::to_string),
            },
        );
    }
    for row in &rows.extensions {
        let f = fields::Fields::new("extensions", row, 2)?;
        let name = f.text(0)?.to_string();
        let namespace = f.text(1)?;
        if namespace != "public" {
            schema
                .extension_schemas
                .insert(name.clone(), namespace.to_string());
        }
        schema.extensions.push(name);
    }
    enums::read(&rows.enums, &mut schema)?;
    columns::read(&rows.columns, &mut schema, &mut refusals)?;
    sequences::read(&rows.sequences, &mut schema)?;
    constraints::read(&rows.constraints, &mut schema, &mut refusals)?;
    indexes::read(&rows.indexes, &mut schema, &mut refusals)?;
    triggers::read(&rows.triggers, &mut schema, &mut refusals)?;
    functions::read(&rows.functions, &mut schema, &mut refusals)?;
    unmodelled::read(&rows.unmodelled, &mut refusals)?;
    leave_out_runners(&mut schema);
    if refusals.0.is_empty() {
        Ok(schema)
    } else {
        Err(CatalogError::Unsupported(refusals.0))
    }
}
