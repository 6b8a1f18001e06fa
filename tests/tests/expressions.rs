//! Every expression of `tests/fixtures/expressions.txt`, in every place it can stand (a
//! column DEFAULT, a CHECK, a partial index's WHERE, a generated column), on a real
//! PostgreSQL 15:
//!
//! 1. loaded as written, its text read from the catalog (`pg_get_expr`,
//!    `pg_get_constraintdef`);
//! 2. read by the SQL reader, whose text must be the catalog's (or, for expressions the
//!    fixture marks `[inexact]`, may differ with a warning);
//! 3. rendered back to SQL by the export and loaded into a fresh database, whose catalog
//!    text must be the first one's: every printed expression means what was written.
//!
//! Places PostgreSQL refuses (a column reference in a DEFAULT, a volatile function in an
//! index predicate or a generated column) are skipped; every expression must be a valid
//! CHECK. Each statement runs in its own `DO` block, so one refusal costs only its place.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use origin_schema_core::model::{Constraint, Schema};
use origin_schema_core::read::sql::{read_files, SqlFile};
use origin_schema_core::sql::export::schema_sql;
use origin_schema_tests::scenario::new_db;
use origin_schema_tests::{with_cluster, Db, PgVersion};

/// The columns every test table has; the fixture's expressions refer to them.
const COLUMNS: &str = "i integer, i2 integer, b bigint, n numeric, d double precision, \
t text, vc varchar(20), flag boolean, ts timestamp, tstz timestamptz, day date, j jsonb, \
arr integer[], tags text[]";

/// What the reader says when it keeps its best spelling.
const INEXACT: &str = "which may not be exactly how PostgreSQL prints it";

const INEXACT_MARKER: &str = "[inexact] ";

struct Case {
    line: usize,
    expr: String,
    /// The fixture allows the reader to warn that its spelling may differ.
    inexact_ok: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Default,
    Check,
    Index,
    Generated,
}

impl Place {
    const ALL: [Place; 4] = [Place::Default, Place::Check, Place::Index, Place::Generated];

    fn prefix(self) -> &'static str {
        match self {
            Place::Default => "d",
            Place::Check => "c",
            Place::Index => "w",
            Place::Generated => "g",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Place::Default => "DEFAULT",
            Place::Check => "CHECK",
            Place::Index => "index WHERE",
            Place::Generated => "GENERATED",
        }
    }
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/expressions.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut cases = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (expr, inexact_ok) = match line.strip_prefix(INEXACT_MARKER) {
            Some(rest) => (rest.trim(), true),
            None => (line, false),
        };
        assert!(
            !expr.contains("$stmt$") && !expr.contains("$probe$"),
            "line {}: the test quotes statements with $stmt$",
            i + 1
        );
        cases.push(Case {
            line: i + 1,
            expr: expr.to_string(),
            inexact_ok,
        });
    }
    cases
}

/// `sql` run in a `DO` block: a failure is recorded in `expr_probe` as `(k, what, error)`.
fn guarded(k: usize, what: &str, sql: &str) -> String {
    format!(
        "DO $probe$ BEGIN EXECUTE $stmt${sql}$stmt$; \
         EXCEPTION WHEN others THEN INSERT INTO expr_probe VALUES ({k}, '{what}', SQLERRM); \
         END $probe$;\n"
    )
}

const PROBE_TABLE: &str = "CREATE TABLE expr_probe (k integer, what text, val text);\n";

/// The type of each expression (`pg_typeof` over a row of typed NULLs); an untyped
/// literal is text, as a column of it would be.
fn types(db: &Db, cases: &[Case]) -> Vec<String> {
    let nulls = COLUMNS
        .split(", ")
        .map(|c| {
            let (name, ty) = c.split_once(' ').unwrap();
            format!("NULL::{ty} AS {name}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut sql = String::new();
    for (k, c) in cases.iter().enumerate() {
        let _ = writeln!(
            sql,
            "DO $probe$ DECLARE ty text; BEGIN \
             EXECUTE $stmt$SELECT pg_typeof(({}))::text FROM (SELECT {nulls}) s$stmt$ INTO ty; \
             INSERT INTO expr_probe VALUES ({k}, 'type', ty); \
             EXCEPTION WHEN others THEN INSERT INTO expr_probe VALUES ({k}, 'error', SQLERRM); \
             END $probe$;",
            c.expr
        );
    }
    db.exec(&sql);
    let mut types = vec![None; cases.len()];
    for row in db.query("SELECT k, what, val FROM expr_probe WHERE what IN ('type', 'error')") {
        let k: usize = row[0].as_deref().unwrap().parse().unwrap();
        let val = row[2].clone().unwrap_or_default();
        if row[1].as_deref() == Some("error") {
            panic!(
                "expressions.txt line {}: `{}` is not a valid expression: {val}",
                cases[k].line, cases[k].expr
            );
        }
        types[k] = Some(if val == "unknown" { "text".into() } else { val });
    }
    db.exec("TRUNCATE expr_probe");
    types.into_iter().map(Option::unwrap).collect()
}

/// The statement that puts expression `k` in `place`, and the table it creates.
fn statement(k: usize, place: Place, expr: &str, ty: &str) -> (String, String) {
    let table = format!("{}{k}", place.prefix());
    let condition = if ty == "boolean" {
        expr.to_string()
    } else {
        format!("({expr}) IS NOT NULL")
    };
    let sql = match place {
        Place::Default => format!("CREATE TABLE {table} (v {ty} DEFAULT ({expr}));"),
        Place::Check => {
            format!("CREATE TABLE {table} ({COLUMNS}, CONSTRAINT {table}_check CHECK ({condition}));")
        }
        Place::Index => format!(
            "CREATE TABLE {table} ({COLUMNS});\nCREATE INDEX {table}_idx ON {table} (i) WHERE {condition};"
        ),
        Place::Generated => format!(
            "CREATE TABLE {table} ({COLUMNS}, v {ty} GENERATED ALWAYS AS ({expr}) STORED);"
        ),
    };
    (table, sql)
}

/// The refusals recorded in `expr_probe`, by `(k, place prefix)`.
fn refusals(db: &Db) -> BTreeMap<(usize, String), String> {
    db.query("SELECT k, what, val FROM expr_probe")
        .into_iter()
        .map(|row| {
            let k = row[0].as_deref().unwrap().parse().unwrap();
            let what = row[1].clone().unwrap();
            ((k, what), row[2].clone().unwrap_or_default())
        })
        .collect()
}

/// The expression text of every test table's place, from the catalog: `None` where the
/// table exists but holds no expression (a default PostgreSQL does not store).
fn catalog_texts(db: &Db) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = BTreeMap::new();
    let tables = "SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace \
                  WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'expr_probe'";
    for name in db.query_column(tables) {
        out.insert(name.unwrap(), None);
    }
    let defaults = "SELECT c.relname, pg_get_expr(ad.adbin, ad.adrelid) FROM pg_attrdef ad \
                    JOIN pg_class c ON c.oid = ad.adrelid \
                    JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum \
                    WHERE a.attname = 'v'";
    let checks = "SELECT c.relname, pg_get_constraintdef(co.oid) FROM pg_constraint co \
                  JOIN pg_class c ON c.oid = co.conrelid WHERE co.contype = 'c'";
    let predicates = "SELECT c.relname, pg_get_expr(i.indpred, i.indrelid) FROM pg_index i \
                      JOIN pg_class c ON c.oid = i.indrelid WHERE i.indpred IS NOT NULL";
    for query in [defaults, checks, predicates] {
        for row in db.query(query) {
            let table = row[0].clone().unwrap();
            let mut text = row[1].clone().unwrap();
            if let Some(inner) = text
                .strip_prefix("CHECK (")
                .and_then(|t| t.strip_suffix(')'))
            {
                text = inner.to_string();
            }
            out.insert(table, Some(text));
        }
    }
    out
}

/// The reader's text of the place, and its warnings.
fn reader_text(schema: &Schema, place: Place, table: &str) -> Result<Option<String>, String> {
    let t = schema
        .tables
        .get(table)
        .ok_or_else(|| format!("the reader has no table {table}"))?;
    Ok(match place {
        Place::Default => t.columns.get("v").and_then(|c| c.default.clone()),
        Place::Generated => t.columns.get("v").and_then(|c| c.generated.clone()),
        Place::Check => t.constraints.values().find_map(|c| match c {
            Constraint::Check { expression, .. } => Some(expression.clone()),
            _ => None,
        }),
        Place::Index => t
            .indexes
            .get(&format!("{table}_idx"))
            .and_then(|i| i.predicate.clone()),
    })
}

struct Outcome {
    k: usize,
    place: Place,
    table: String,
    written: String,
    ty: String,
    catalog: Option<String>,
    read: Result<Option<String>, String>,
    warnings: Vec<String>,
    rendered: Option<String>,
}

fn show(text: &Option<String>) -> String {
    match text {
        Some(t) => t.clone(),
        None => "(none)".into(),
    }
}

#[test]
fn every_expression_reads_as_postgresql_prints_it_and_loads_back() {
    let cases = cases();
    assert!(!cases.is_empty());
    with_cluster(PgVersion::V15, |cluster| {
        // 1. As written, into PostgreSQL.
        let original = new_db(cluster, "expr_original");
        original.exec(PROBE_TABLE);
        let types = types(&original, &cases);
        let mut statements = Vec::new();
        let mut script = String::new();
        for (k, c) in cases.iter().enumerate() {
            for place in Place::ALL {
                let (table, sql) = statement(k, place, &c.expr, &types[k]);
                script.push_str(&guarded(k, place.prefix(), &sql));
                statements.push((k, place, table, sql));
            }
        }
        original.exec(&script);
        let refused = refusals(&original);
        let catalog = catalog_texts(&original);

        // 2. Through the reader; 3. rendered back.
        let mut outcomes = Vec::new();
        let mut skipped: BTreeMap<Place, usize> = BTreeMap::new();
        let mut rendered_script = String::new();
        for (k, place, table, sql) in statements {
            if let Some(why) = refused.get(&(k, place.prefix().to_string())) {
                assert!(
                    place != Place::Check,
                    "expressions.txt line {}: PostgreSQL refuses `{}` in a CHECK: {why}",
                    cases[k].line,
                    cases[k].expr
                );
                *skipped.entry(place).or_default() += 1;
                continue;
            }
            let file = SqlFile {
                name: format!("{table}.sql"),
                sql: sql.clone(),
            };
            let (read, warnings, rendered) = match read_files(&[file]) {
                Ok(r) => {
                    let warnings = r.warnings.iter().map(|w| w.message.clone()).collect();
                    let rendered = schema_sql(&r.schema);
                    (
                        reader_text(&r.schema, place, &table),
                        warnings,
                        Some(rendered),
                    )
                }
                Err(e) => (Err(format!("the reader refuses it: {e}")), Vec::new(), None),
            };
            if let Some(r) = &rendered {
                rendered_script.push_str(&guarded(k, place.prefix(), r));
            }
            outcomes.push(Outcome {
                k,
                place,
                catalog: catalog.get(&table).cloned().flatten(),
                table,
                written: sql,
                ty: types[k].clone(),
                read,
                warnings,
                rendered,
            });
        }
        let loaded = new_db(cluster, "expr_loaded");
        loaded.exec(PROBE_TABLE);
        loaded.exec(&rendered_script);
        let load_refused = refusals(&loaded);
        let reloaded = catalog_texts(&loaded);
        // PostgreSQL's own text loaded again: what pg_dump's output would give. A few
        // forms do not read back to themselves (`(vc)::text = ANY ((ARRAY[...])::text[])`
        // comes back with each element cast); the tool's text may do the same.
        let own = new_db(cluster, "expr_own");
        own.exec(PROBE_TABLE);
        let mut own_script = String::new();
        for o in &outcomes {
            if let Some(text) = &o.catalog {
                let ty = match o.place {
                    Place::Check | Place::Index => "boolean",
                    _ => o.ty.as_str(),
                };
                own_script.push_str(&guarded(
                    o.k,
                    o.place.prefix(),
                    &statement(o.k, o.place, text, ty).1,
                ));
            }
        }
        own.exec(&own_script);
        let own_texts = catalog_texts(&own);

        // Compare.
        let total = outcomes.len();
        let (mut exact, mut allowed, mut load_back) = (0, 0, 0);
        let mut problems = Vec::new();
        let mut inexact_cases: BTreeSet<usize> = BTreeSet::new();
        for o in &outcomes {
            let case = &cases[o.k];
            let head = format!(
                "line {} `{}` as {} ({})",
                case.line,
                case.expr,
                o.place.label(),
                o.table
            );
            let warned = !o.warnings.is_empty();
            let approximate = o.warnings.iter().all(|w| w.contains(INEXACT));
            match &o.read {
                Ok(text) if *text == o.catalog && !warned => exact += 1,
                Ok(text) if warned && approximate && case.inexact_ok => {
                    allowed += 1;
                    inexact_cases.insert(o.k);
                    let _ = text;
                }
                Ok(text) => problems.push(format!(
                    "{head}: read as\n    {}\n  PostgreSQL prints\n    {}{}",
                    show(text),
                    show(&o.catalog),
                    if warned {
                        format!("\n  warnings: {:?}", o.warnings)
                    } else {
                        String::new()
                    }
                )),
                Err(e) => problems.push(format!("{head}: {e}")),
            }
            if o.rendered.is_none() {
                continue;
            }
            let back = reloaded.get(&o.table);
            match load_refused.get(&(o.k, o.place.prefix().to_string())) {
                Some(why) => problems.push(format!(
                    "{head}: the rendered SQL does not load: {why}\n{}",
                    o.rendered.as_deref().unwrap_or_default()
                )),
                None if back == Some(&o.catalog) => load_back += 1,
                None if o.catalog.is_some() && back == own_texts.get(&o.table) => load_back += 1,
                None => problems.push(format!(
                    "{head}: loaded back, PostgreSQL prints\n    {}\n  instead of\n    {}\n  written:\n{}\n  rendered:\n{}",
                    back.cloned().flatten().unwrap_or_else(|| "(no table)".into()),
                    show(&o.catalog),
                    o.written,
                    o.rendered.as_deref().unwrap_or_default()
                )),
            }
        }
        for (k, c) in cases.iter().enumerate() {
            if c.inexact_ok && !inexact_cases.contains(&k) {
                problems.push(format!(
                    "line {} `{}` is marked [inexact] but reads exactly everywhere: drop the marker",
                    c.line, c.expr
                ));
            }
        }
        let places = Place::ALL
            .iter()
            .map(|p| {
                let n = outcomes.iter().filter(|o| o.place == *p).count();
                let s = skipped.get(p).copied().unwrap_or(0);
                format!("{} {n} ({s} refused by PostgreSQL)", p.label())
            })
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!(
            "expressions: {} expressions in {total} places: {places}",
            cases.len()
        );
        eprintln!(
            "expressions: {exact} / {total} read as PostgreSQL prints them ({allowed} kept approximately, as the fixture allows), {load_back} / {total} load back"
        );
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            problems.join("\n\n")
        );
    });
}
