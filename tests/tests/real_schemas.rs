//! Real schemas round-trip, measured by `pg_dump`: for each fixture under
//! `tests/fixtures/real/` (a Rails `structure.sql`, Django's and Prisma's migrations'
//! SQL, and a hand-written schema with every index and constraint form), the schema
//! loaded into PostgreSQL 15 and the schema the tool generates give the same
//! `pg_dump --schema-only` statements, read four ways:
//! - `schema.sql` through the SQL reader, generated against an empty database;
//! - the loaded database through the catalog reader, the same way, and through the CLI
//!   as a user runs it (`export --which current --format sql --current postgres://...`);
//! - `migrations/*.sql` (numbered, replayed in order) through the SQL reader;
//! - `older.sql` loaded, then upgraded by `gen-sql` (run twice) to `schema.sql`.
//!
//! Each prints `equal / total`; both must be total / total. Columns of a table compare
//! as a set where `ADD COLUMN` reorders them, and the migration runners' own tables
//! (`RUNNER_TABLES`) are left out as the tool leaves them out.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use origin_schema_core::model::Schema;
use origin_schema_core::read::catalog::schema_from_rows;
use origin_schema_core::read::sql::{read_files, SqlFile};
use origin_schema_core::read::RUNNER_TABLES;
use origin_schema_tests::cli::{binary, url};
use origin_schema_tests::dump::compare_loosely;
use origin_schema_tests::scenario::{apply_gen_sql, new_db};
use origin_schema_tests::{with_cluster, Cluster, PgVersion};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/real")
        .join(name)
}

fn sql_file(path: &Path) -> SqlFile {
    SqlFile {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        sql: fs::read_to_string(path).unwrap(),
    }
}

/// Read SQL files with the tool. A fixture reads without a warning, but for
/// expressions kept as written where the reader cannot be sure how PostgreSQL prints
/// them (the round trip shows their meaning is kept); those are counted.
fn read(name: &str, files: &[SqlFile], problems: &mut Vec<String>) -> Schema {
    let read = match read_files(files) {
        Ok(r) => r,
        Err(e) => panic!("{name}: {e}"),
    };
    let (approximate, warnings): (Vec<String>, Vec<String>) = read
        .warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.file, w.line, w.message))
        .partition(|w| {
            w.contains("which may not be exactly how PostgreSQL prints it")
                || w.contains("its printed form is kept and may differ")
        });
    eprintln!(
        "real schema {name}: read with {} warnings, {} expressions kept as written",
        warnings.len(),
        approximate.len()
    );
    if !warnings.is_empty() {
        problems.push(format!("{name}: warnings\n{}", warnings.join("\n")));
    }
    read.schema
}

fn check(name: &str, how: &str, expected: &str, actual: &str) -> Option<String> {
    compare_loosely(expected, actual, RUNNER_TABLES)
        .outcome("real schema", &format!("{name} ({how})"))
}

fn round_trip(name: &str) {
    let base = dir(name);
    let schema_sql = sql_file(&base.join("schema.sql"));
    let mut migrations: Vec<PathBuf> = fs::read_dir(base.join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    migrations.sort();
    let migrations: Vec<SqlFile> = migrations.iter().map(|p| sql_file(p)).collect();
    let older_sql = sql_file(&base.join("older.sql"));

    with_cluster(PgVersion::V15, |cluster: &Cluster| {
        let original = new_db(cluster, "fixture");
        original.run_sql(&schema_sql.sql).unwrap();
        let expected = original.schema_dump().unwrap();
        let mut problems = Vec::new();

        let origin = read(name, std::slice::from_ref(&schema_sql), &mut problems);
        let db = new_db(cluster, "from_sql");
        apply_gen_sql(&db, "schema.sql", origin.clone(), None);
        problems.extend(check(
            name,
            "SQL reader",
            &expected,
            &db.schema_dump().unwrap(),
        ));

        match schema_from_rows(&original.catalog_rows()) {
            Ok(live) => {
                let db = new_db(cluster, "from_catalog");
                apply_gen_sql(&db, "live database", live, None);
                let dump = db.schema_dump().unwrap();
                problems.extend(check(name, "catalog reader", &expected, &dump));
            }
            Err(e) => problems.push(format!("{name} (catalog reader): {e}")),
        }

        // As a user does it: `export --which current --format sql` of the live database.
        let out = std::process::Command::new(binary())
            .args([
                "export",
                "--which",
                "current",
                "--format",
                "sql",
                "--current",
            ])
            .arg(url(cluster, original.name()))
            .output()
            .unwrap();
        if out.status.success() {
            let db = new_db(cluster, "exported");
            db.run_sql(&String::from_utf8_lossy(&out.stdout)).unwrap();
            let dump = db.schema_dump().unwrap();
            problems.extend(check(name, "export of the live database", &expected, &dump));
        } else {
            problems.push(format!(
                "{name}: export --current <url> failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }

        let replayed = read(&format!("{name}/migrations"), &migrations, &mut problems);
        let db = new_db(cluster, "from_migrations");
        apply_gen_sql(&db, "migrations/", replayed, None);
        problems.extend(check(
            name,
            "migration folder",
            &expected,
            &db.schema_dump().unwrap(),
        ));

        let db = new_db(cluster, "upgraded");
        db.run_sql(&older_sql.sql).unwrap();
        let current = read(&format!("{name}/older.sql"), &[older_sql], &mut problems);
        apply_gen_sql(&db, "upgrade from older.sql", origin, Some(current));
        problems.extend(check(
            name,
            "upgrade",
            &expected,
            &db.schema_dump().unwrap(),
        ));

        assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    });
}

#[test]
fn rails_structure_sql_round_trips() {
    round_trip("rails");
}

#[test]
fn django_migrations_round_trip() {
    round_trip("django");
}

#[test]
fn prisma_migrations_round_trip() {
    round_trip("prisma");
}

#[test]
fn every_index_and_constraint_form_round_trips() {
    round_trip("forms");
}
