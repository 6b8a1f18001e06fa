//! Golden files: the generated SQL of each preset, byte for byte. A change to the
//! output shows up as a diff here, to be read by a person before it is accepted with
//! `UPDATE_EXPECTED=1 cargo test -p origin-schema-core --test golden`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::path::PathBuf;

fn golden_dir(preset: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(preset)
}

fn check_preset(preset: &str) {
    let project = origin_schema_core::presets::get(preset).expect("preset exists");
    let files = origin_schema_core::generate(&project).expect("preset generates");
    let files: Vec<(String, String)> = files.into_iter().map(|f| (f.name, f.sql)).collect();
    let problems = common::check_dir(&golden_dir(preset), ".sql", &files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn veza_matches_its_golden_files() {
    check_preset("veza");
}
