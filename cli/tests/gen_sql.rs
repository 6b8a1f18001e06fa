//! The `gen-sql` command, run as a user runs it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{run, stderr, stdout, TempDir};

use std::fs;

const FILES: [&str; 6] = [
    "001_extensions_and_types.sql",
    "010_auth.sql",
    "020_profiles.sql",
    "030_files.sql",
    "040_streaming.sql",
    "900_triggers.sql",
];

fn generated() -> Vec<origin_schema_core::GeneratedFile> {
    origin_schema_core::generate(&origin_schema_core::presets::veza()).expect("veza generates")
}

#[test]
fn out_writes_the_six_files_creating_the_directory() {
    let tmp = TempDir::new("out");
    let dir = tmp.path().join("nested/migrations");
    let o = run(&["gen-sql", "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, FILES);
    for f in generated() {
        assert_eq!(
            fs::read_to_string(dir.join(&f.name)).unwrap(),
            f.sql,
            "{}",
            f.name
        );
    }
}

#[test]
fn stdout_prints_each_file_after_a_marker() {
    let o = run(&["gen-sql", "--stdout"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected: String = generated()
        .iter()
        .map(|f| format!("-- file: {}\n{}", f.name, f.sql))
        .collect();
    assert_eq!(stdout(&o), expected);
}

#[test]
fn output_is_the_same_bytes_every_time() {
    let a = run(&["gen-sql", "--stdout"]);
    let b = run(&["gen-sql", "--stdout"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn check_passes_on_a_current_directory_and_ignores_other_files() {
    let tmp = TempDir::new("check-ok");
    let dir = tmp.path().to_str().unwrap();
    assert_eq!(run(&["gen-sql", "--out", dir]).status.code(), Some(0));
    fs::write(tmp.path().join("README.md"), "notes").unwrap();
    fs::write(tmp.path().join("backup.sql.bak"), "old").unwrap();
    let o = run(&["gen-sql", "--check", dir]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn check_names_missing_changed_and_extra_files() {
    let tmp = TempDir::new("check-drift");
    let dir = tmp.path().to_str().unwrap();
    assert_eq!(run(&["gen-sql", "--out", dir]).status.code(), Some(0));
    fs::remove_file(tmp.path().join("020_profiles.sql")).unwrap();
    let auth = tmp.path().join("010_auth.sql");
    let edited = fs::read_to_string(&auth)
        .unwrap()
        .replace("BEGIN;", "BEGIN; -- edited");
    fs::write(&auth, edited).unwrap();
    fs::write(tmp.path().join("050_extra.sql"), "SELECT 1;").unwrap();
    let o = run(&["gen-sql", "--check", dir]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("missing: ") && out.contains("020_profiles.sql"),
        "{out}"
    );
    assert!(
        out.contains("differs: ") && out.contains("010_auth.sql"),
        "{out}"
    );
    assert!(
        out.contains("extra: ") && out.contains("050_extra.sql"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
fn check_of_a_missing_directory_lists_every_file_as_missing() {
    let tmp = TempDir::new("check-none");
    let dir = tmp.path().join("absent");
    let o = run(&["gen-sql", "--check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for f in FILES {
        assert!(
            out.contains(&format!("missing: {}", dir.join(f).display())),
            "{out}"
        );
    }
}

#[test]
fn exactly_one_target_is_required() {
    let none = run(&["gen-sql"]);
    assert_eq!(none.status.code(), Some(2));
    let two = run(&["gen-sql", "--stdout", "--out", "x"]);
    assert_eq!(two.status.code(), Some(2));
    assert!(
        stderr(&two).contains("cannot be used with"),
        "{}",
        stderr(&two)
    );
}

#[test]
fn unknown_preset_is_a_clear_error() {
    let o = run(&["gen-sql", "--stdout", "--preset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no built-in preset `nope`") && err.contains("veza"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn an_unwritable_target_is_an_error_not_a_panic() {
    let tmp = TempDir::new("unwritable");
    let file = tmp.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let o = run(&["gen-sql", "--out", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot create"), "{}", stderr(&o));
}

#[test]
fn help_documents_the_exit_codes() {
    for args in [&["--help"][..], &["gen-sql", "--help"][..]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        assert!(
            out.contains("Exit codes:") && out.contains("1  drift"),
            "{out}"
        );
    }
}
