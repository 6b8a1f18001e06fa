//! The built `origin-schema` binary, for tests that run the CLI as a user does (this
//! crate may not depend on the CLI crate), and the URL of a test database.

use std::path::{Path, PathBuf};

use crate::Cluster;

/// The CLI binary: ORIGIN_SCHEMA_BIN, else `target/debug/origin-schema` of the workspace
/// (CARGO_TARGET_DIR when set).
pub fn binary() -> PathBuf {
    if let Some(p) = std::env::var_os("ORIGIN_SCHEMA_BIN").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "ORIGIN_SCHEMA_BIN={} is not a file",
            p.display()
        );
        return p;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let exe = target.join("debug").join("origin-schema");
    assert!(
        exe.is_file(),
        "{} is missing: these tests run the CLI binary; build it first with \
         `cargo build -p origin-schema-cli` (or set ORIGIN_SCHEMA_BIN to it)",
        exe.display()
    );
    exe
}

/// Every byte outside `[A-Za-z0-9-._~]` as `%XX`, as a URL host holding a socket dir needs.
pub fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `postgres://postgres@<socket dir>:<port>/<db>` for a database of `cluster`.
pub fn url(cluster: &Cluster, db: &str) -> String {
    format!(
        "postgres://postgres@{}:{}/{}",
        percent(&cluster.socket_dir().to_string_lossy()),
        cluster.port(),
        db
    )
}
