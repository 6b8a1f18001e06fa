//! Golden files: the diagrams of the Veza end state (Origin with the decisions applied),
//! byte for byte. `UPDATE_EXPECTED=1 cargo test -p origin-schema-core --test diagrams`
//! rewrites them; read the diff first.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::path::PathBuf;

use origin_schema_core::{align, diagram, presets};

fn check(file: &str, render: fn(&origin_schema_core::model::Schema) -> String) {
    let schema = align::aligned(&presets::veza()).expect("the Veza end state");
    let text = render(&schema);
    assert_eq!(text, render(&schema), "{file}: not deterministic");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/diagrams")
        .join(file);
    if let Some(problem) = common::check_file(&path, &text) {
        panic!("{problem}");
    }
}

#[test]
fn veza_mermaid() {
    check("veza.mmd", diagram::mermaid);
}

#[test]
fn veza_dbml() {
    check("veza.dbml", diagram::dbml);
}

#[test]
fn veza_dot() {
    check("veza.dot", diagram::dot);
}

/// Relationship shapes on the Veza end state (here, not in core/src: the core stays generic).
#[test]
fn mermaid_marks_one_to_one_and_identifying_relationships() {
    let veza = origin_schema_core::align::aligned(&origin_schema_core::presets::veza()).unwrap();
    let out = origin_schema_core::diagram::mermaid(&veza);
    // user_profiles.user_id is unique and NOT NULL: one profile per user at most.
    assert!(
        out.contains("\"users\" ||..o| \"user_profiles\" : \"user_id\""),
        "{out}"
    );
    // playlist_tracks' key holds playlist_id: an identifying relationship.
    assert!(
        out.contains("\"playlists\" ||--o{ \"playlist_tracks\" : \"playlist_id\""),
        "{out}"
    );
}
