//! `origin-schema verify --db URL` on a real server, through the built binary (this crate may
//! not depend on the CLI crate): build it first with `cargo build -p origin-schema-cli`, or
//! point ORIGIN_SCHEMA_BIN at it.
//!
//! - the Veza preset verifies (exit 0), on PostgreSQL 15 and 18, with a URL and with
//!   `key=value` connection strings, and leaves no scratch database behind;
//! - a bundle whose check `source` does not print as its `expression` drifts (exit 1), and
//!   the drift lines name the constraint;
//! - a file that fails is an error (exit 2) naming the file, and both scratch databases are
//!   dropped all the same;
//! - a server that cannot be reached is an error (exit 2) that never shows the password;
//! - `--current postgres://...` reads a live V1 database: it verifies like the preset.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use std::process::{Command, Output};

use origin_schema_tests::cli::{binary, percent, url};
use origin_schema_tests::scenario::{load, new_db};
use origin_schema_tests::tempdir::TempDir;
use origin_schema_tests::{fixtures, with_cluster, Cluster, PgVersion};

fn run(args: &[&str]) -> Output {
    let out = Command::new(binary())
        .args(args)
        .env_remove("PGPASSWORD")
        .env_remove("PGSERVICE")
        .output()
        .expect("the binary starts");
    // Straight to the stream: shows up when a test fails.
    eprintln!(
        "$ origin-schema {}\n-- exit {:?}\n-- stdout\n{}-- stderr\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `host=... port=... user=postgres dbname=<db>`.
fn key_value(cluster: &Cluster, db: &str) -> String {
    format!(
        "host={} port={} user=postgres dbname={db}",
        cluster.socket_dir().display(),
        cluster.port()
    )
}

fn scratch_databases(cluster: &Cluster) -> Vec<String> {
    cluster
        .db("postgres")
        .query_column(
            "SELECT datname::text FROM pg_database WHERE datname LIKE 'origin_schema_verify%'",
        )
        .into_iter()
        .flatten()
        .collect()
}

fn assert_no_scratch_left(cluster: &Cluster) {
    let left = scratch_databases(cluster);
    assert!(left.is_empty(), "scratch databases left behind: {left:?}");
}

fn veza_verifies(version: PgVersion) {
    with_cluster(version, |cluster| {
        for db in [url(cluster, "postgres"), key_value(cluster, "postgres")] {
            let out = run(&["verify", "--db", &db]);
            assert_eq!(out.status.code(), Some(0), "{version}: verify {db}");
            let text = stdout(&out);
            assert!(
                text.contains("verify: project veza on PostgreSQL"),
                "{text}"
            );
            for file in [
                "001_extensions_and_types.sql",
                "010_auth.sql",
                "020_profiles.sql",
                "030_files.sql",
                "040_streaming.sql",
                "900_triggers.sql",
            ] {
                assert!(text.contains(&format!("  {file}\n")), "{file} in\n{text}");
            }
            assert!(
                text.contains("ok: the upgraded catalog equals the end state's"),
                "{text}"
            );
            assert!(stderr(&out).contains("dropping scratch database"));
            assert_no_scratch_left(cluster);
        }
    });
}

#[test]
fn veza_verifies_and_leaves_no_scratch_database() {
    veza_verifies(PgVersion::V15);
}

#[test]
fn veza_verifies_and_leaves_no_scratch_database_pg18() {
    veza_verifies(PgVersion::V18);
}

/// A check whose `source` (what gets rendered) is not its `expression` (what is compared): the
/// diff sees the same constraint on both sides, the generator leaves it alone, the end state is
/// built from the source. Only a real server shows the drift.
const DRIFT_BUNDLE: &str = r#"{
  "name": "drift",
  "origin": {"tables": {"t": {
    "columns": {"id": {"type": "integer", "not_null": true}, "n": {"type": "integer"}},
    "constraints": {"t_pkey": {"kind": "primary_key", "columns": ["id"]},
                    "t_n_check": {"kind": "check", "expression": "(n >= 0)", "source": "n > 0"}}}}},
  "current": {"tables": {"t": {
    "columns": {"id": {"type": "integer", "not_null": true}, "n": {"type": "integer"}},
    "constraints": {"t_pkey": {"kind": "primary_key", "columns": ["id"]},
                    "t_n_check": {"kind": "check", "expression": "(n >= 0)"}}}}},
  "modules": [{"file": "010_t.sql", "title": "t", "tables": ["t"]}]
}"#;

/// A function body PL/pgSQL refuses: the generator replaces the current function with it, so
/// the file fails on the server.
const FAILING_BUNDLE: &str = r#"{
  "name": "broken body",
  "origin": {"tables": {"t": {"columns": {"id": {"type": "integer"}}}},
             "functions": {"f": {"returns": "trigger", "language": "plpgsql", "body": "BEGIN RETURN NEW; EN"}}},
  "current": {"tables": {"t": {"columns": {"id": {"type": "integer"}}}},
             "functions": {"f": {"returns": "trigger", "language": "plpgsql", "body": "BEGIN RETURN NEW; END"}}},
  "modules": [{"file": "010_t.sql", "title": "t", "tables": ["t"], "functions": ["f"]}]
}"#;

fn bundle(dir: &TempDir, name: &str, json: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, json).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn drift_exits_1_and_names_the_drift() {
    with_cluster(PgVersion::V15, |cluster| {
        let dir = TempDir::new("origin-schema-verify-test").unwrap();
        let spec = bundle(&dir, "drift.json", DRIFT_BUNDLE);
        let out = run(&["verify", "--spec", &spec, "--db", &url(cluster, "postgres")]);
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        assert!(text.contains("  010_t.sql\n"), "{text}");
        assert!(text.contains("drift: 2 line(s) differ"), "{text}");
        assert!(
            text.contains("\n- constraint t.t_n_check CHECK ((n > 0))\n"),
            "{text}"
        );
        assert!(
            text.contains("\n+ constraint t.t_n_check CHECK ((n >= 0))\n"),
            "{text}"
        );
        assert!(!text.contains("ok:"), "{text}");
        assert_no_scratch_left(cluster);
    });
}

#[test]
fn a_failing_file_exits_2_names_the_file_and_drops_the_scratch_databases() {
    with_cluster(PgVersion::V15, |cluster| {
        let dir = TempDir::new("origin-schema-verify-test").unwrap();
        let spec = bundle(&dir, "failing.json", FAILING_BUNDLE);
        let out = run(&[
            "verify",
            "--spec",
            &spec,
            "--db",
            &key_value(cluster, "postgres"),
        ]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("010_t.sql failed (run 1 of 2): ERROR:"),
            "{err}"
        );
        assert!(err.contains("dropping scratch database"), "{err}");
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        assert_no_scratch_left(cluster);
    });
}

#[test]
fn an_unreachable_server_exits_2_without_showing_the_password() {
    with_cluster(PgVersion::V15, |cluster| {
        let wrong_port = cluster.port().wrapping_add(1);
        let socket = percent(&cluster.socket_dir().to_string_lossy());
        for db in [
            format!("postgres://postgres:hunter2@{socket}:{wrong_port}/postgres"),
            format!(
                "host={} port={wrong_port} user=postgres password=hunter2 dbname=postgres",
                cluster.socket_dir().display()
            ),
        ] {
            let out = run(&["verify", "--db", &db]);
            assert_eq!(out.status.code(), Some(2), "{db}");
            let err = stderr(&out);
            assert!(err.contains("cannot connect"), "{err}");
            assert!(err.contains("***"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
        // A database that is not there: the server's own words.
        let out = run(&["verify", "--db", &url(cluster, "no_such_db")]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("no_such_db"), "{}", stderr(&out));
        assert_no_scratch_left(cluster);
    });
}

/// The current schema read from a live V1 database is the preset's: verify passes the same way.
#[test]
fn a_live_current_schema_verifies_like_the_preset() {
    with_cluster(PgVersion::V15, |cluster| {
        let v1 = new_db(cluster, "v1");
        load(&v1, &fixtures::v1_sql());
        let out = run(&[
            "verify",
            "--preset",
            "veza",
            "--current",
            &url(cluster, v1.name()),
            "--db",
            &url(cluster, "postgres"),
        ]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            stdout(&out).contains("ok: the upgraded catalog equals the end state's"),
            "{}",
            stdout(&out)
        );
        assert_no_scratch_left(cluster);
    });
}
