//! Paths of the fixture files, which live in this crate: tests never read the spec directory.

use std::path::PathBuf;

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Exact copy of the spec's V1.sql: the schema deployed today.
pub fn v1_sql() -> PathBuf {
    dir().join("V1.sql")
}

/// Exact copy of the spec's ALIGNED.sql: the catalog every run must converge to.
pub fn aligned_sql() -> PathBuf {
    dir().join("ALIGNED.sql")
}

/// Rows for a V1 database, with fixed ids and timestamps (see `checks::expected`).
pub fn v1_data_sql() -> PathBuf {
    dir().join("v1_data.sql")
}

/// Extra users whose role is outside `user_role` even after `lower(btrim(...))`.
pub fn v1_bad_role_sql() -> PathBuf {
    dir().join("v1_bad_role.sql")
}

/// Hand-written V1 -> ALIGNED upgrade, for the harness's self-tests only.
pub fn reference_upgrade_sql() -> PathBuf {
    dir().join("reference_upgrade.sql")
}
