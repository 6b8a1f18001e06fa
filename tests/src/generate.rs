//! A seeded, deterministic generator of a `pg_dump --schema-only` style schema: the `SET`
//! preamble, an extension, enum types, and per table a `CREATE TABLE` (with checks as
//! pg_dump writes them), its `id` sequence, the `nextval` default, the primary key, unique
//! constraints, indexes (plain, unique, partial), column comments and foreign keys to
//! earlier tables, each section in pg_dump's order and with its `-- Name: ...` headers.
//!
//! The same `(tables, seed)` always gives the same bytes (a splitmix64 generator, no
//! dependency). Every statement is valid PostgreSQL 15 and uses only forms the SQL reader
//! models (docs/sql-reader.md), so the file reads without a warning:
//! `tests/tests/generated_schema.rs` checks both, and the `read-bench` binary times the read.

use std::fmt::Write;

/// The seed of the committed benchmark file.
pub const SEED: u64 = 0x0051_6E5C_4E3A_2025;

/// The number of tables of the committed benchmark file.
pub const TABLES: usize = 500;

/// splitmix64: tiny, seedable, good enough to vary a schema.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with a probability of `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The enum types: name and labels.
const ENUMS: &[(&str, &[&str])] = &[
    ("status", &["active", "inactive", "archived"]),
    ("priority", &["low", "normal", "high", "urgent"]),
    ("user_role", &["guest", "member", "admin", "owner"]),
    ("visibility", &["private", "internal", "public"]),
];

/// What a pooled column is, which decides its type, default, checks and indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Varchar,
    Text,
    Integer,
    Counter,
    Score,
    BigInt,
    SmallInt,
    Numeric,
    Double,
    Bool,
    Jsonb,
    Uuid,
    Enum(usize),
    Timestamp,
    TimestampTz,
    DeletedAt,
    StartsOn,
    EndsOn,
    TextArray,
    VarcharArray,
    /// A `tM_id` column of a foreign key.
    ForeignKey,
}

/// The columns a table draws from (besides `id`, its foreign keys and its timestamps).
const POOL: &[(&str, Kind)] = &[
    ("name", Kind::Varchar),
    ("title", Kind::Varchar),
    ("email", Kind::Varchar),
    ("code", Kind::Varchar),
    ("slug", Kind::Varchar),
    ("locale", Kind::Varchar),
    ("description", Kind::Text),
    ("body", Kind::Text),
    ("notes", Kind::Text),
    ("quantity", Kind::Counter),
    ("items_count", Kind::Counter),
    ("sort_order", Kind::Integer),
    ("lock_version", Kind::Integer),
    ("score", Kind::Score),
    ("external_id", Kind::BigInt),
    ("level", Kind::SmallInt),
    ("amount", Kind::Numeric),
    ("price", Kind::Numeric),
    ("ratio", Kind::Double),
    ("active", Kind::Bool),
    ("archived", Kind::Bool),
    ("verified", Kind::Bool),
    ("metadata", Kind::Jsonb),
    ("settings", Kind::Jsonb),
    ("token", Kind::Uuid),
    ("public_id", Kind::Uuid),
    ("status", Kind::Enum(0)),
    ("priority", Kind::Enum(1)),
    ("role", Kind::Enum(2)),
    ("visibility", Kind::Enum(3)),
    ("published_at", Kind::TimestampTz),
    ("last_seen_at", Kind::Timestamp),
    ("deleted_at", Kind::DeletedAt),
    ("starts_on", Kind::StartsOn),
    ("ends_on", Kind::EndsOn),
    ("tags", Kind::TextArray),
    ("aliases", Kind::VarcharArray),
];

const COMMENTS: &[&str] = &[
    "Shown to users",
    "Set by the nightly import",
    "Soft-deleted rows keep it; don''t reuse",
    "In the account''s currency",
    "Free-form; may be empty",
    "Legacy: kept for the mobile app",
];

#[derive(Debug)]
struct Col {
    name: String,
    kind: Kind,
    /// Type, default and `NOT NULL` as pg_dump writes them after the name.
    spec: String,
}

#[derive(Debug)]
struct Fk {
    column: String,
    target: usize,
    on_delete: &'static str,
}

/// One table's statements, in the sections pg_dump puts them in.
#[derive(Debug, Default)]
struct TableSql {
    /// `CREATE TABLE`, its column comments, its sequence.
    create: String,
    /// `ALTER COLUMN id SET DEFAULT nextval(...)`.
    default: String,
    /// Primary key and unique constraints.
    constraints: String,
    indexes: String,
    foreign_keys: String,
    statements: usize,
}

fn header(out: &mut String, name: &str, kind: &str) {
    let _ = write!(
        out,
        "--\n-- Name: {name}; Type: {kind}; Schema: public; Owner: -\n--\n\n"
    );
}

fn column_spec(rng: &mut Rng, kind: Kind) -> String {
    match kind {
        Kind::Varchar => {
            let len = *rng.pick(&[32, 64, 100, 255, 255, 255]);
            if rng.chance(25) {
                format!("character varying({len}) DEFAULT ''::character varying NOT NULL")
            } else if rng.chance(40) {
                format!("character varying({len}) NOT NULL")
            } else {
                format!("character varying({len})")
            }
        }
        Kind::Text => {
            if rng.chance(30) {
                "text DEFAULT ''::text NOT NULL".into()
            } else {
                "text".into()
            }
        }
        Kind::Integer | Kind::Counter => {
            if rng.chance(60) {
                "integer DEFAULT 0 NOT NULL".into()
            } else {
                "integer".into()
            }
        }
        Kind::Score => "integer".into(),
        Kind::BigInt => {
            if rng.chance(50) {
                "bigint NOT NULL".into()
            } else {
                "bigint".into()
            }
        }
        Kind::SmallInt => {
            if rng.chance(50) {
                "smallint DEFAULT 1 NOT NULL".into()
            } else {
                "smallint".into()
            }
        }
        Kind::Numeric => {
            if rng.chance(50) {
                "numeric(12,2) DEFAULT 0 NOT NULL".into()
            } else {
                "numeric(12,2)".into()
            }
        }
        Kind::Double => "double precision".into(),
        Kind::Bool => {
            if rng.chance(75) {
                "boolean DEFAULT false NOT NULL".into()
            } else {
                "boolean DEFAULT true".into()
            }
        }
        Kind::Jsonb => {
            if rng.chance(70) {
                "jsonb DEFAULT '{}'::jsonb NOT NULL".into()
            } else {
                "jsonb".into()
            }
        }
        Kind::Uuid => "uuid DEFAULT gen_random_uuid() NOT NULL".into(),
        Kind::Enum(e) => {
            let (name, labels) = ENUMS[e];
            if rng.chance(70) {
                let label = rng.pick(labels);
                format!("public.{name} DEFAULT '{label}'::public.{name} NOT NULL")
            } else {
                format!("public.{name}")
            }
        }
        Kind::Timestamp | Kind::DeletedAt => "timestamp without time zone".into(),
        Kind::TimestampTz => "timestamp with time zone".into(),
        Kind::StartsOn => "date DEFAULT CURRENT_DATE NOT NULL".into(),
        Kind::EndsOn => "date".into(),
        Kind::TextArray => "text[] DEFAULT '{}'::text[] NOT NULL".into(),
        Kind::VarcharArray => "character varying(255)[]".into(),
        Kind::ForeignKey => "bigint".into(),
    }
}

fn table_sql(rng: &mut Rng, n: usize, fks_so_far: &mut usize) -> TableSql {
    let t = format!("t{n}");
    let mut out = TableSql::default();

    // Foreign keys to earlier tables (none for the first ones).
    let mut fks: Vec<Fk> = Vec::new();
    if n > 1 {
        let count = *rng.pick(&[0, 1, 1, 1, 2, 2, 3]);
        for _ in 0..count {
            let target = 1 + rng.below(n - 1);
            if fks.iter().any(|f| f.target == target) {
                continue;
            }
            let on_delete = *rng.pick(&[
                "",
                " ON DELETE CASCADE",
                " ON DELETE SET NULL",
                " ON DELETE RESTRICT",
            ]);
            fks.push(Fk {
                column: format!("t{target}_id"),
                target,
                on_delete,
            });
        }
    }
    *fks_so_far += fks.len();

    // 5..=25 columns in all: id, the foreign keys, pooled ones, created_at/updated_at.
    let total = rng.between(5, 25);
    let pooled = total.saturating_sub(3 + fks.len());
    let mut pool: Vec<usize> = (0..POOL.len()).collect();
    for i in 0..pooled {
        let j = i + rng.below(pool.len() - i);
        pool.swap(i, j);
    }
    pool.truncate(pooled);
    pool.sort_unstable();

    let mut cols: Vec<Col> = Vec::new();
    for f in &fks {
        let spec = if f.on_delete == " ON DELETE SET NULL" || rng.chance(30) {
            "bigint"
        } else {
            "bigint NOT NULL"
        };
        cols.push(Col {
            name: f.column.clone(),
            kind: Kind::ForeignKey,
            spec: spec.into(),
        });
    }
    for &p in &pool {
        let (name, kind) = POOL[p];
        cols.push(Col {
            name: name.into(),
            kind,
            spec: column_spec(rng, kind),
        });
    }
    for name in ["created_at", "updated_at"] {
        cols.push(Col {
            name: name.into(),
            kind: Kind::Timestamp,
            spec: "timestamp without time zone DEFAULT now() NOT NULL".into(),
        });
    }
    let has = |name: &str| cols.iter().any(|c| c.name == name);

    // Checks, inside CREATE TABLE as pg_dump writes them.
    let mut checks: Vec<String> = Vec::new();
    for c in &cols {
        let name = &c.name;
        let check = match c.kind {
            Kind::Counter if rng.chance(70) => format!("({name} >= 0)"),
            Kind::Score => format!("(({name} >= 0) AND ({name} <= 100))"),
            Kind::Numeric if rng.chance(60) => format!("({name} >= (0)::numeric)"),
            Kind::Text if rng.chance(30) => format!("(length({name}) <= 10000)"),
            _ => continue,
        };
        checks.push(format!("    CONSTRAINT {t}_{name}_check CHECK ({check})"));
    }
    if has("starts_on") && has("ends_on") {
        checks.push(format!(
            "    CONSTRAINT {t}_check CHECK (((ends_on IS NULL) OR (ends_on >= starts_on)))"
        ));
    }

    let c = &mut out.create;
    header(c, &t, "TABLE");
    let _ = writeln!(c, "CREATE TABLE public.{t} (");
    let mut lines = vec!["    id bigint NOT NULL".to_string()];
    lines.extend(
        cols.iter()
            .map(|col| format!("    {} {}", col.name, col.spec)),
    );
    lines.extend(checks);
    let _ = write!(c, "{}\n);\n\n\n", lines.join(",\n"));
    out.statements += 1;

    for col in &cols {
        if rng.chance(8) {
            let text = rng.pick(COMMENTS);
            header(c, &format!("COLUMN {t}.{}", col.name), "COMMENT");
            let _ = write!(
                c,
                "COMMENT ON COLUMN public.{t}.{} IS '{text}';\n\n\n",
                col.name
            );
            out.statements += 1;
        }
    }

    let seq = format!("{t}_id_seq");
    header(c, &seq, "SEQUENCE");
    let _ = write!(
        c,
        "CREATE SEQUENCE public.{seq}\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n\n"
    );
    header(c, &seq, "SEQUENCE OWNED BY");
    let _ = write!(
        c,
        "ALTER SEQUENCE public.{seq} OWNED BY public.{t}.id;\n\n\n"
    );
    out.statements += 2;

    header(&mut out.default, &format!("{t} id"), "DEFAULT");
    let _ = write!(
        out.default,
        "ALTER TABLE ONLY public.{t} ALTER COLUMN id SET DEFAULT nextval('public.{seq}'::regclass);\n\n\n"
    );
    out.statements += 1;

    let k = &mut out.constraints;
    header(k, &format!("{t} {t}_pkey"), "CONSTRAINT");
    let _ = write!(
        k,
        "ALTER TABLE ONLY public.{t}\n    ADD CONSTRAINT {t}_pkey PRIMARY KEY (id);\n\n\n"
    );
    out.statements += 1;
    let mut unique_cols: Vec<&str> = Vec::new();
    for col in &cols {
        let unique = match col.name.as_str() {
            "token" | "public_id" => rng.chance(80),
            "code" | "slug" => rng.chance(50),
            _ => false,
        };
        if unique {
            header(k, &format!("{t} {t}_{}_key", col.name), "CONSTRAINT");
            let _ = write!(
                k,
                "ALTER TABLE ONLY public.{t}\n    ADD CONSTRAINT {t}_{0}_key UNIQUE ({0});\n\n\n",
                col.name
            );
            unique_cols.push(&col.name);
            out.statements += 1;
        }
    }
    if let (Some(f), true) = (fks.first(), has("sort_order")) {
        if rng.chance(50) {
            let name = format!("{t}_{}_sort_order_key", f.column);
            header(k, &format!("{t} {name}"), "CONSTRAINT");
            let _ = write!(
                k,
                "ALTER TABLE ONLY public.{t}\n    ADD CONSTRAINT {name} UNIQUE ({}, sort_order);\n\n\n",
                f.column
            );
            out.statements += 1;
        }
    }

    // Indexes: every foreign key column, some plain ones, unique partial ones.
    let mut indexes: Vec<String> = Vec::new();
    for f in &fks {
        if rng.chance(85) {
            indexes.push(format!(
                "CREATE INDEX index_{t}_on_{0} ON public.{t} USING btree ({0});",
                f.column
            ));
        }
    }
    let soft_delete = has("deleted_at");
    for col in &cols {
        let name = col.name.as_str();
        if unique_cols.contains(&name) {
            continue;
        }
        match col.kind {
            Kind::Varchar if matches!(name, "email" | "slug" | "code") && soft_delete => {
                indexes.push(format!(
                    "CREATE UNIQUE INDEX index_{t}_on_{name} ON public.{t} USING btree ({name}) WHERE (deleted_at IS NULL);"
                ));
            }
            Kind::Varchar if matches!(name, "email" | "slug" | "code") && rng.chance(60) => {
                indexes.push(format!(
                    "CREATE UNIQUE INDEX index_{t}_on_{name} ON public.{t} USING btree ({name});"
                ));
            }
            Kind::Enum(_) | Kind::Timestamp | Kind::TimestampTz | Kind::BigInt
                if rng.chance(20) =>
            {
                let partial = if soft_delete && rng.chance(40) {
                    " WHERE (deleted_at IS NULL)"
                } else {
                    ""
                };
                indexes.push(format!(
                    "CREATE INDEX index_{t}_on_{name} ON public.{t} USING btree ({name}){partial};"
                ));
            }
            _ => {}
        }
    }
    if let Some(f) = fks.first() {
        if rng.chance(25) {
            indexes.push(format!(
                "CREATE INDEX index_{t}_on_{0}_and_created_at ON public.{t} USING btree ({0}, created_at);",
                f.column
            ));
        }
    }
    for index in indexes {
        let name = index
            .split_whitespace()
            .find(|w| w.starts_with("index_"))
            .unwrap_or_default()
            .to_string();
        header(&mut out.indexes, &name, "INDEX");
        let _ = write!(out.indexes, "{index}\n\n\n");
        out.statements += 1;
    }

    for f in &fks {
        let name = format!("{t}_{}_fkey", f.column);
        header(
            &mut out.foreign_keys,
            &format!("{t} {name}"),
            "FK CONSTRAINT",
        );
        let _ = write!(
            out.foreign_keys,
            "ALTER TABLE ONLY public.{t}\n    ADD CONSTRAINT {name} FOREIGN KEY ({}) REFERENCES public.t{}(id){};\n\n\n",
            f.column, f.target, f.on_delete
        );
        out.statements += 1;
    }
    out
}

/// A schema of `tables` tables named `t1`, `t2`, ... as `pg_dump --schema-only` writes it.
pub fn pg_dump_schema(tables: usize, seed: u64) -> String {
    pg_dump_schema_counted(tables, seed).0
}

/// [`pg_dump_schema`] and the number of SQL statements in it (`SET` and `SELECT` included).
pub fn pg_dump_schema_counted(tables: usize, seed: u64) -> (String, usize) {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(tables * 4096 + 4096);
    let mut statements = 0;

    out.push_str("--\n-- PostgreSQL database dump\n--\n\n");
    out.push_str("-- Dumped from database version 15.8\n-- Dumped by pg_dump version 15.8\n\n");
    for line in [
        "SET statement_timeout = 0;",
        "SET lock_timeout = 0;",
        "SET idle_in_transaction_session_timeout = 0;",
        "SET client_encoding = 'UTF8';",
        "SET standard_conforming_strings = on;",
        "SELECT pg_catalog.set_config('search_path', '', false);",
        "SET check_function_bodies = false;",
        "SET xmloption = content;",
        "SET client_min_messages = warning;",
        "SET row_security = off;",
    ] {
        out.push_str(line);
        out.push('\n');
        statements += 1;
    }
    out.push('\n');
    header(&mut out, "pgcrypto", "EXTENSION");
    out.push_str("CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;\n\n\n");
    statements += 1;

    for (name, labels) in ENUMS {
        header(&mut out, name, "TYPE");
        let labels: Vec<String> = labels.iter().map(|l| format!("    '{l}'")).collect();
        let _ = write!(
            out,
            "CREATE TYPE public.{name} AS ENUM (\n{}\n);\n\n\n",
            labels.join(",\n")
        );
        statements += 1;
    }
    out.push_str("SET default_tablespace = '';\n\nSET default_table_access_method = heap;\n\n");
    statements += 2;

    let mut fks = 0;
    let parts: Vec<TableSql> = (1..=tables)
        .map(|n| table_sql(&mut rng, n, &mut fks))
        .collect();
    for part in &parts {
        out.push_str(&part.create);
        statements += part.statements;
    }
    for part in &parts {
        out.push_str(&part.default);
    }
    for part in &parts {
        out.push_str(&part.constraints);
    }
    for part in &parts {
        out.push_str(&part.indexes);
    }
    for part in &parts {
        out.push_str(&part.foreign_keys);
    }
    out.push_str("--\n-- PostgreSQL database dump complete\n--\n\n");
    (out, statements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_sized() {
        let (a, count) = pg_dump_schema_counted(20, 7);
        assert_eq!(a, pg_dump_schema(20, 7));
        assert_ne!(a, pg_dump_schema(20, 8));
        assert_eq!(a.matches("CREATE TABLE public.").count(), 20);
        assert!(count > 20 * 5, "{count}");
    }
}
