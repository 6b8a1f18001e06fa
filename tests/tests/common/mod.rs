//! The generator under test, behind one function, so that only this file knows its API.

use origin_schema_tests::migrations::VEZA_FILES;
use origin_schema_tests::MigrationSet;

/// The six files `origin_schema_core` generates for the Veza preset, written to a temp dir.
pub fn veza_migrations() -> MigrationSet {
    let project = origin_schema_core::presets::veza();
    let files: Vec<origin_schema_core::GeneratedFile> =
        origin_schema_core::generate(&project).expect("veza generates");
    let set = MigrationSet::write(files.into_iter().map(|f| (f.name, f.sql)))
        .expect("migration files written");
    assert_eq!(
        set.names(),
        VEZA_FILES,
        "CONTRACT.md: exactly these six files"
    );
    set
}
