//! The generated `pg_dump`-style schema (`origin_schema_tests::generate`): deterministic,
//! read by the SQL reader without a warning, and, loaded into PostgreSQL 15, read back from
//! the catalog as the same model. `read-bench` times the read of the 500-table file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use origin_schema_core::read::catalog::schema_from_rows;
use origin_schema_core::read::sql::{read_files, SqlFile};
use origin_schema_tests::generate::{pg_dump_schema, pg_dump_schema_counted, SEED, TABLES};
use origin_schema_tests::scenario::new_db;
use origin_schema_tests::{with_cluster, PgVersion};

fn read(tables: usize, sql: &str) -> origin_schema_core::read::sql::SqlRead {
    read_files(&[SqlFile {
        name: format!("generated-{tables}.sql"),
        sql: sql.to_string(),
    }])
    .unwrap_or_else(|e| panic!("the {tables}-table file does not read: {e}"))
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let a = pg_dump_schema(TABLES, SEED);
    assert_eq!(a, pg_dump_schema(TABLES, SEED));
    assert_ne!(a, pg_dump_schema(TABLES, SEED + 1));
    assert_eq!(pg_dump_schema(60, SEED), pg_dump_schema(60, SEED));
}

#[test]
fn the_benchmark_file_reads_without_warnings() {
    let (sql, statements) = pg_dump_schema_counted(TABLES, SEED);
    let read = read(TABLES, &sql);
    assert!(read.warnings.is_empty(), "{:#?}", read.warnings);
    let s = &read.schema;
    assert_eq!(s.tables.len(), TABLES);
    assert_eq!(s.sequences.len(), TABLES);
    assert_eq!(s.enums.len(), 4);
    assert_eq!(s.extensions, vec!["pgcrypto".to_string()]);
    for (name, t) in &s.tables {
        let columns = t.columns.len();
        assert!((5..=25).contains(&columns), "{name}: {columns} columns");
        assert_eq!(
            t.columns["id"].default.as_deref(),
            Some(format!("nextval('{name}_id_seq'::regclass)").as_str()),
            "{name}"
        );
    }
    let count = |f: &dyn Fn(&origin_schema_core::model::Table) -> usize| -> usize {
        s.tables.values().map(f).sum()
    };
    // Every form shows up in the benchmark file.
    assert!(count(&|t| t.indexes.len()) > TABLES, "indexes");
    assert!(count(&|t| t.indexes.values().filter(|i| i.unique).count()) > 10);
    assert!(count(&|t| t.indexes.values().filter(|i| i.predicate.is_some()).count()) > 10);
    assert!(count(&|t| t.constraints.len()) > 2 * TABLES, "constraints");
    assert!(count(&|t| t.columns.values().filter(|c| c.comment.is_some()).count()) > 10);
    assert!(statements > 10 * TABLES, "{statements} statements");
}

#[test]
fn a_generated_file_loads_into_postgresql_15_and_reads_back_from_the_catalog_the_same() {
    const N: usize = 60;
    let sql = pg_dump_schema(N, SEED);
    let from_sql = read(N, &sql);
    assert!(from_sql.warnings.is_empty(), "{:#?}", from_sql.warnings);
    with_cluster(PgVersion::V15, |cluster| {
        let db = new_db(cluster, "generated");
        if let Err(e) = db.run_sql(&sql) {
            panic!("the {N}-table file does not load: {e}");
        }
        let from_catalog = schema_from_rows(&db.catalog_rows()).unwrap();
        let (a, b) = (&from_sql.schema, &from_catalog);
        let mut problems = Vec::new();
        if a.extensions != b.extensions {
            problems.push(format!(
                "extensions: sql {:?} / catalog {:?}",
                a.extensions, b.extensions
            ));
        }
        if a.enums != b.enums {
            problems.push(format!(
                "enums: sql {:#?} / catalog {:#?}",
                a.enums, b.enums
            ));
        }
        if a.functions != b.functions {
            problems.push(format!(
                "functions: sql {:?} / catalog {:?}",
                a.functions.keys(),
                b.functions.keys()
            ));
        }
        for name in a.sequences.keys().chain(b.sequences.keys()) {
            if a.sequences.get(name) != b.sequences.get(name) {
                problems.push(format!(
                    "sequence {name}: sql {:#?} / catalog {:#?}",
                    a.sequences.get(name),
                    b.sequences.get(name)
                ));
            }
        }
        for name in a.tables.keys().chain(b.tables.keys()) {
            let (x, y) = (a.tables.get(name), b.tables.get(name));
            if x != y {
                problems.push(format!("table {name}: sql {x:#?}\n/ catalog {y:#?}"));
            }
        }
        problems.truncate(3);
        assert!(
            problems.is_empty() && a == b,
            "the SQL reader and the catalog reader disagree on the {N}-table file:\n{}",
            problems.join("\n\n")
        );
    });
}
