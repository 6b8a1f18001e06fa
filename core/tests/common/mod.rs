//! Expected files shared by the data-driven tests: compare what a test produced with the
//! file on disk, or rewrite the file when `UPDATE_EXPECTED=1` (then read the diff before
//! committing it).

#![allow(dead_code)] // each test binary uses part of it

use std::fs;
use std::path::Path;

/// Whether this run rewrites the expected files instead of comparing.
pub fn update() -> bool {
    std::env::var("UPDATE_EXPECTED").is_ok_and(|v| v == "1")
}

/// Compare `actual` with the file at `path` (or write it, when updating); a problem is
/// described with the first line that differs.
pub fn check_file(path: &Path, actual: &str) -> Option<String> {
    if update() {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).unwrap();
        }
        fs::write(path, actual).unwrap();
        return None;
    }
    let expected = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            return Some(format!(
                "{}: {e}; run with UPDATE_EXPECTED=1 to create it",
                path.display()
            ))
        }
    };
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n(UPDATE_EXPECTED=1 rewrites it; read the diff first)",
        path.display(),
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    ))
}

/// Compare the files of `dir` (only those ending in `ext`) with `files`, or rewrite the
/// folder when updating: a missing, changed or extra file is a problem.
pub fn check_dir(dir: &Path, ext: &str, files: &[(String, String)]) -> Vec<String> {
    if update() {
        let _ = fs::remove_dir_all(dir);
    }
    let mut problems: Vec<String> = files
        .iter()
        .filter_map(|(name, text)| check_file(&dir.join(name), text))
        .collect();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(ext) && !files.iter().any(|(n, _)| *n == name) {
                problems.push(format!("{}: extra file {name}", dir.display()));
            }
        }
    }
    problems
}
