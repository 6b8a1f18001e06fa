//! Adding a decision kind touches exactly the places `core/src/kinds/mod.rs` lists; this
//! test fails when one of them is missing, and when code outside the kind files looks
//! inside an `Action` (where a new kind would be silently skipped).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use origin_schema_core::model::ActionKind;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn snake(kind: ActionKind) -> String {
    serde_json::to_value(kind)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_kind_has_its_file_registry_line_fixture_and_docs() {
    let registry = fs::read_to_string(repo().join("core/src/kinds/mod.rs")).unwrap();
    let docs = fs::read_to_string(repo().join("docs/decisions.md")).unwrap();
    let types = fs::read_to_string(repo().join("wasm/src/types.d.ts")).unwrap();
    let mut missing = Vec::new();
    for &kind in ActionKind::ALL {
        let name = snake(kind);
        let variant = format!("{kind:?}");
        let file = repo().join(format!("core/src/kinds/{name}.rs"));
        if !file.is_file() {
            missing.push(format!("{}", file.display()));
        }
        if !registry.contains(&format!("Action::{variant}(a) => a,")) {
            missing.push(format!("`Action::{variant}(a) => a,` in kinds::rules"));
        }
        let fixture = repo().join(format!("core/tests/fixtures/pipeline/kind-{name}"));
        if !fixture.is_dir() {
            missing.push(format!("{}", fixture.display()));
        }
        if !docs.contains(&format!("| `{name}` |")) {
            missing.push(format!("a row `| `{name}` |` in docs/decisions.md"));
        }
        if !types.contains(&format!("kind: \"{name}\"")) {
            missing.push(format!("`kind: \"{name}\"` in wasm/src/types.d.ts"));
        }
    }
    assert!(missing.is_empty(), "missing: {missing:#?}");
}

/// Files of `dir` (recursively) ending in `.rs`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_kind_files_look_inside_an_action() {
    let mut files = Vec::new();
    for dir in ["core/src", "cli/src", "wasm/src"] {
        rust_files(&repo().join(dir), &mut files);
    }
    let allowed = [
        repo().join("core/src/kinds"),
        repo().join("core/src/model/decision.rs"),
    ];
    let mut found = Vec::new();
    for file in files {
        if allowed.iter().any(|a| file.starts_with(a)) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let names_action = line.match_indices("Action::").any(|(at, _)| {
                !line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if names_action && !line.trim_start().starts_with("//") {
                found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "ask `kinds::rules(action)` instead of matching on Action here:\n{}",
        found.join("\n")
    );
}
