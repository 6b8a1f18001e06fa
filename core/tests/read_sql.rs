//! The SQL reader: V1.sql and ALIGNED.sql (tests/fixtures/) against the built-in models, then one fixture
//! folder per scenario under tests/fixtures/sql/<scenario>/: its .sql files are applied
//! in lexical order and the result compared with `expected.json` (the schema) and
//! `warnings.json`, or, for a statement PostgreSQL would refuse, with `error.txt`.
//! `UPDATE_EXPECTED=1 cargo test -p origin-schema-core --test read_sql` rewrites the
//! expected files; read the diff before keeping it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use origin_schema_core::model::Schema;
use origin_schema_core::read::sql::{read_files, SqlError, SqlFile, SqlRead, Warning};
use origin_schema_core::{align, presets};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sql")
}

fn sql_file(path: &Path) -> SqlFile {
    SqlFile {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sql: fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

/// The spec's own files, kept once in the repository, with the PostgreSQL tests.
fn spec_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn read_one(name: &str) -> SqlRead {
    let file = sql_file(&spec_fixtures().join(name));
    read_files(&[file]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn v1_sql_is_the_builtin_current_schema() {
    let read = read_one("V1.sql");
    assert_eq!(read.warnings, Vec::<Warning>::new());
    assert_eq!(read.schema, presets::veza().current);
    // IndexMap equality ignores order; the reader keeps the order of the file.
    let tables: Vec<&str> = read.schema.tables.keys().map(String::as_str).collect();
    assert_eq!(
        tables,
        [
            "users",
            "refresh_tokens",
            "federated_identities",
            "tracks",
            "playlists",
            "playlist_tracks"
        ]
    );
}

/// ALIGNED.sql has placeholder comment texts and its own function bodies: comments are
/// compared by which columns carry one, functions by everything but the body.
fn without_texts(mut s: Schema) -> Schema {
    for t in s.tables.values_mut() {
        for c in t.columns.values_mut() {
            if c.comment.is_some() {
                c.comment = Some(String::new());
            }
        }
    }
    for f in s.functions.values_mut() {
        f.body = String::new();
    }
    s
}

#[test]
fn aligned_sql_is_the_aligned_schema() {
    let read = read_one("ALIGNED.sql");
    assert_eq!(read.warnings, Vec::<Warning>::new());
    let aligned = align::aligned(&presets::veza()).expect("the preset aligns");
    let commented = |s: &Schema| -> Vec<String> {
        s.tables
            .iter()
            .flat_map(|(t, table)| {
                table
                    .columns
                    .iter()
                    .filter(|(_, c)| c.comment.is_some())
                    .map(move |(c, _)| format!("{t}.{c}"))
            })
            .collect()
    };
    let mut got = commented(&read.schema);
    let mut want = commented(&aligned);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert!(!got.is_empty());
    assert_eq!(without_texts(read.schema), without_texts(aligned));
}

#[test]
fn aligned_function_bodies_are_the_text_between_the_dollar_quotes() {
    let read = read_one("ALIGNED.sql");
    let f = &read.schema.functions["update_updated_at_column"];
    assert_eq!(
        f.body,
        "\nBEGIN\n    NEW.updated_at = NOW();\n    RETURN NEW;\nEND;\n"
    );
    let sync = &read.schema.functions["sync_user_profile_from_users"];
    assert!(sync.security_definer);
    assert_eq!(sync.config["search_path"], vec!["public", "pg_temp"]);
}

/// What one scenario gives: the schema and warnings, or the error.
#[allow(clippy::large_enum_variant)] // one per scenario, short-lived
enum Outcome {
    Read(SqlRead),
    Failed(SqlError),
}

fn run(dir: &Path) -> Outcome {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "{}: no .sql files", dir.display());
    let files: Vec<SqlFile> = paths.iter().map(|p| sql_file(p)).collect();
    match read_files(&files) {
        Ok(read) => Outcome::Read(read),
        Err(e) => Outcome::Failed(e.error),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("serializable");
    s.push('\n');
    s
}

fn read_text(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok()
}

/// Compare one scenario with its expected files; a description of each mismatch.
fn check(dir: &Path, update: bool) -> Vec<String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (schema_path, warnings_path, error_path) = (
        dir.join("expected.json"),
        dir.join("warnings.json"),
        dir.join("error.txt"),
    );
    let outcome = run(dir);
    if update {
        match &outcome {
            Outcome::Read(read) => {
                fs::write(&schema_path, json(&read.schema)).expect("write expected.json");
                fs::write(&warnings_path, json(&read.warnings)).expect("write warnings.json");
                let _ = fs::remove_file(&error_path);
            }
            Outcome::Failed(e) => {
                fs::write(&error_path, format!("{e}\n")).expect("write error.txt");
                let _ = fs::remove_file(&schema_path);
                let _ = fs::remove_file(&warnings_path);
            }
        }
        return Vec::new();
    }
    let mut problems = Vec::new();
    match (outcome, read_text(&error_path)) {
        (Outcome::Failed(e), Some(want)) => {
            if format!("{e}") != want.trim_end() {
                problems.push(format!(
                    "{name}: error\n  got:  {e}\n  want: {}",
                    want.trim_end()
                ));
            }
        }
        (Outcome::Failed(e), None) => problems.push(format!("{name}: unexpected error: {e}")),
        (Outcome::Read(_), Some(want)) => problems.push(format!(
            "{name}: read without error, want: {}",
            want.trim_end()
        )),
        (Outcome::Read(read), None) => {
            match read_text(&schema_path).map(|t| serde_json::from_str::<Schema>(&t)) {
                Some(Ok(want)) => {
                    if read.schema != want {
                        problems.push(format!(
                            "{name}: schema differs\n--- got\n{}--- want\n{}",
                            json(&read.schema),
                            json(&want)
                        ));
                    }
                }
                Some(Err(e)) => problems.push(format!("{name}: expected.json: {e}")),
                None => problems.push(format!("{name}: no expected.json or error.txt")),
            }
            match read_text(&warnings_path).map(|t| serde_json::from_str::<Vec<Warning>>(&t)) {
                Some(Ok(want)) => {
                    if read.warnings != want {
                        problems.push(format!(
                            "{name}: warnings differ\n--- got\n{}--- want\n{}",
                            json(&read.warnings),
                            json(&want)
                        ));
                    }
                }
                Some(Err(e)) => problems.push(format!("{name}: warnings.json: {e}")),
                None => problems.push(format!("{name}: no warnings.json")),
            }
        }
    }
    problems
}

#[test]
fn scenarios() {
    let update = std::env::var("UPDATE_EXPECTED").is_ok_and(|v| v == "1");
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures())
        .expect("fixtures/sql")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "the scenarios are missing: {dirs:?}");
    let problems: Vec<String> = dirs.iter().flat_map(|d| check(d, update)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_error_names_its_file_and_line() {
    let files = [
        SqlFile {
            name: "001_init.sql".into(),
            sql: "CREATE TABLE a (id int);\n".into(),
        },
        SqlFile {
            name: "002_next.sql".into(),
            sql: "-- nothing yet\n\nALTER TABLE a ADD COLUMN b int;\nALTER TABLE missing\n  ADD COLUMN c int;\n".into(),
        },
    ];
    let err = read_files(&files).expect_err("missing table");
    assert_eq!(err.error.location(), ("002_next.sql", 4));
    assert_eq!(
        err.to_string(),
        "002_next.sql:4: table missing does not exist"
    );
    assert!(matches!(err.error, SqlError::UnknownTable { ref table, .. } if table == "missing"));
}

#[test]
fn warnings_gathered_before_an_error_survive_it() {
    let files = [SqlFile {
        name: "001.sql".into(),
        sql: "CREATE TABLE a (id int);\nDO $$ BEGIN END $$;\n\\echo next\nALTER TABLE missing ADD COLUMN c int;\n".into(),
    }];
    let err = read_files(&files).expect_err("missing table");
    let lines: Vec<usize> = err.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [2, 3], "{:?}", err.warnings);
    assert_eq!(err.error.location(), ("001.sql", 4));
}

#[test]
fn if_exists_skips_what_postgres_would_skip() {
    let files = [SqlFile {
        name: "x.sql".into(),
        sql: "ALTER TABLE IF EXISTS missing ADD COLUMN c int;\nDROP TABLE IF EXISTS missing;\n\
              DROP INDEX IF EXISTS missing_idx;\nDROP TYPE IF EXISTS missing_type;\n\
              DROP FUNCTION IF EXISTS missing_fn();\nDROP EXTENSION IF EXISTS missing_ext;\n\
              CREATE TABLE t (a int);\nCREATE TABLE IF NOT EXISTS t (b text);\n\
              ALTER TABLE t ADD COLUMN IF NOT EXISTS a text, DROP COLUMN IF EXISTS zz;\n\
              ALTER TABLE t DROP CONSTRAINT IF EXISTS nope;\nDROP TRIGGER IF EXISTS nope ON t;\n\
              ALTER TABLE IF EXISTS missing ALTER COLUMN a SET STATISTICS 50;\n\
              ALTER TABLE IF EXISTS ONLY t ALTER COLUMN a SET STATISTICS 50, ALTER COLUMN a SET STORAGE MAIN;\n"
            .into(),
    }];
    let read = read_files(&files).expect("all skipped");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let t = &read.schema.tables["t"];
    assert_eq!(t.columns.len(), 1);
    assert_eq!(t.columns["a"].data_type, "integer");
    // IF EXISTS of a table that exists: the narrow readers apply the statement.
    assert_eq!(t.columns["a"].statistics, Some(50));
    assert!(t.columns["a"].storage.is_some());
}

#[test]
fn no_input_no_schema() {
    let read = read_files(&[]).expect("empty");
    assert_eq!(read.schema, Schema::default());
    let read = read_files(&[SqlFile {
        name: "empty.sql".into(),
        sql: "-- only a comment\n/* and another */\n".into(),
    }])
    .expect("comments");
    assert_eq!(read.schema, Schema::default());
    assert!(read.warnings.is_empty());
}

/// Natively, a long file is parsed a statement ahead on a second thread: the replay must
/// still see each statement in order, with its own line, fall back for the statements
/// sqlparser rejects, and stop at an error with every warning before it.
#[test]
fn a_long_file_reads_as_a_short_one_does() {
    let mut sql = String::from("CREATE TABLE t (id int);\n");
    for i in 0..150 {
        sql.push_str(&format!("ALTER TABLE t ADD COLUMN c{i} int;\n"));
        if i % 50 == 0 {
            // sqlparser 0.64 rejects this; the narrow reader takes it.
            sql.push_str(&format!(
                "ALTER TABLE t ALTER COLUMN c{i} SET STATISTICS 200;\n"
            ));
            sql.push_str("DO $$ BEGIN END $$;\n");
        }
    }
    let long = read_files(&[SqlFile {
        name: "long.sql".into(),
        sql: sql.clone(),
    }])
    .expect("reads");
    let t = &long.schema.tables["t"];
    assert_eq!(t.columns.len(), 151);
    let names: Vec<&str> = t.columns.keys().map(String::as_str).collect();
    assert_eq!(names[1..4], ["c0", "c1", "c2"]);
    assert_eq!(t.columns["c50"].statistics, Some(200));
    let lines: Vec<usize> = long.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [4, 56, 108], "{:?}", long.warnings);

    let broken = sql.replace(
        "ADD COLUMN c120 int",
        "ADD COLUMN c120 int REFERENCES missing (id)",
    );
    let err = read_files(&[SqlFile {
        name: "long.sql".into(),
        sql: broken,
    }])
    .expect_err("missing table");
    assert_eq!(err.error.location(), ("long.sql", 128));
    assert_eq!(err.warnings.len(), 3, "{:?}", err.warnings);
}
