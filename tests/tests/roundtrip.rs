//! The round trip, measured by `pg_dump`: a fixture schema loaded into PostgreSQL 15 as
//! is, and the same schema read by the tool (from its SQL, and from the live database's
//! catalog), generated against an empty current schema and applied to an empty
//! database, give the same `pg_dump --schema-only` statements (as multisets, comments,
//! blank lines and the `SET` preamble aside). Each prints `equal / total`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use origin_schema_core::model::Schema;
use origin_schema_core::read::catalog::schema_from_rows;
use origin_schema_core::read::sql::{read_files, SqlFile};
use origin_schema_tests::dump::compare;
use origin_schema_tests::scenario::{apply_gen_sql, new_db};
use origin_schema_tests::{with_cluster, Cluster, Db, PgVersion};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/roundtrip");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

fn catalog(db: &Db) -> Schema {
    schema_from_rows(&db.catalog_rows()).unwrap()
}

/// The files `gen-sql` writes for `origin` against an empty current schema, applied
/// twice to a new database; its dump.
fn generated_dump(cluster: &Cluster, what: &str, origin: Schema) -> String {
    let db = new_db(cluster, "generated");
    apply_gen_sql(&db, what, origin, None);
    db.schema_dump().unwrap()
}

fn check(name: &str, how: &str, expected: &str, actual: &str) -> Option<String> {
    compare(expected, actual).outcome("roundtrip", &format!("{name} ({how})"))
}

#[test]
fn every_fixture_round_trips_through_the_sql_and_the_catalog_readers() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty());
    with_cluster(PgVersion::V15, |cluster| {
        let mut problems = Vec::new();
        for path in &fixtures {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let sql = fs::read_to_string(path).unwrap();
            let original = new_db(cluster, "fixture");
            if let Err(e) = original.run_sql(&sql) {
                panic!("{name} does not load: {e}");
            }
            let expected = original.schema_dump().unwrap();

            let read = read_files(&[SqlFile {
                name: format!("{name}.sql"),
                sql: sql.clone(),
            }])
            .unwrap();
            assert!(read.warnings.is_empty(), "{name}: {:?}", read.warnings);
            let from_sql = generated_dump(cluster, &format!("{name}.sql"), read.schema);
            problems.extend(check(&name, "SQL reader", &expected, &from_sql));

            let from_catalog = generated_dump(cluster, "live database", catalog(&original));
            problems.extend(check(&name, "catalog reader", &expected, &from_catalog));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    });
}
