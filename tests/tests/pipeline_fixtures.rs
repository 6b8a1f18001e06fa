//! Every pipeline fixture case of the core (`core/tests/fixtures/pipeline/`) that
//! generates files, applied for real on PostgreSQL 15: from an empty database and from
//! the case's current schema (its `current.sql`, run as is), the set twice; the catalog
//! must then equal that of a database built from the case's `end_state.sql`, and so must
//! the schema of each extension (which the compared catalog leaves out).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use origin_schema_tests::scenario::{load, new_db};
use origin_schema_tests::{with_cluster, Catalog, Db, MigrationSet, PgVersion};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/pipeline");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected").is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// `name in schema` of each extension, sorted.
fn extensions(db: &Db) -> Vec<Option<String>> {
    db.query_column(
        "SELECT e.extname || ' in ' || n.nspname FROM pg_extension e \
         JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY 1",
    )
}

fn files(dir: &Path) -> MigrationSet {
    let mut names: Vec<String> = fs::read_dir(dir.join("expected"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    let files: Vec<(String, String)> = names
        .into_iter()
        .map(|n| {
            let sql = fs::read_to_string(dir.join("expected").join(&n)).unwrap();
            (n, sql)
        })
        .collect();
    MigrationSet::write(files).unwrap()
}

#[test]
fn every_generated_set_converges_from_empty_and_from_its_current_schema() {
    let cases = cases();
    assert!(
        cases.len() >= 10,
        "only {} cases generate files",
        cases.len()
    );
    with_cluster(PgVersion::V15, |cluster| {
        for dir in &cases {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let set = files(dir);
            let end = new_db(cluster, "end");
            load(&end, &dir.join("end_state.sql"));
            let expected = Catalog::read(&end);
            let expected_extensions = extensions(&end);
            let empty = new_db(cluster, "empty");
            set.expect_all(&empty, &format!("{name} from empty"));
            set.expect_all(&empty, &format!("{name} from empty, again"));
            expected.assert_matches(&Catalog::read(&empty), &format!("{name} from empty"));
            assert_eq!(extensions(&empty), expected_extensions, "{name} from empty");
            if dir.join("current.sql").is_file() {
                let current = new_db(cluster, "current");
                load(&current, &dir.join("current.sql"));
                set.expect_all(&current, &format!("{name} from its current schema"));
                set.expect_all(&current, &format!("{name} from its current schema, again"));
                expected.assert_matches(&Catalog::read(&current), &format!("{name} from current"));
                assert_eq!(
                    extensions(&current),
                    expected_extensions,
                    "{name} from current"
                );
            }
            eprintln!("{name}: converges");
        }
    });
}
