//! Golden files: the generated SQL of each preset, byte for byte. A change to the
//! output shows up as a diff here, to be read by a person before it is accepted with
//! `UPDATE_GOLDEN=1 cargo test -p origin-schema-core --test golden`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::fs;
use std::path::PathBuf;

fn golden_dir(preset: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(preset)
}

fn check_preset(preset: &str) {
    let project = origin_schema_core::presets::get(preset).expect("preset exists");
    let files = origin_schema_core::generate(&project).expect("preset generates");
    let dir = golden_dir(preset);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for f in &files {
            fs::write(dir.join(&f.name), &f.sql).unwrap();
        }
        return;
    }
    let mut on_disk: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
                dir.display()
            )
        })
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    assert_eq!(on_disk, names, "file names differ from the golden files");
    for f in &files {
        let expected = fs::read_to_string(dir.join(&f.name)).unwrap();
        if expected != f.sql {
            let first = expected
                .lines()
                .zip(f.sql.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(f.sql.lines().count()));
            panic!(
                "{} differs from its golden file at line {}:\n  golden:    {:?}\n  generated: {:?}\n(UPDATE_GOLDEN=1 rewrites the golden files; read the diff first)",
                f.name,
                first + 1,
                expected.lines().nth(first),
                f.sql.lines().nth(first)
            );
        }
    }
}

#[test]
fn veza_matches_its_golden_files() {
    check_preset("veza");
}
