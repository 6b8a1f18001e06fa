//! CONTRACT.md "Convergence" and "Data", one test per scenario, each on its own throwaway
//! cluster. `interrupted_*` and `run_twice_*` also run on PostgreSQL 18 when
//! ORIGIN_SCHEMA_PG18_BIN is set (ORIGIN_SCHEMA_REQUIRE_PG=1 turns a missing server into a failure).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

mod common;

use origin_schema_tests::checks::{self, expected::bad_role_users, Expected, V1Baseline};
use origin_schema_tests::migrations::VEZA_FILES;
use origin_schema_tests::scenario::{aligned_catalog, load, new_db, v1_db};
use origin_schema_tests::{fixtures, with_cluster, Catalog, PgVersion, RowSnapshot};

use common::veza_migrations;

/// a. Empty database -> all six files -> ALIGNED; then the Go backend's writes.
#[test]
fn empty() {
    with_cluster(PgVersion::V15, |cluster| {
        let set = veza_migrations();
        let aligned = aligned_catalog(cluster);
        let db = new_db(cluster, "empty");
        set.expect_all(&db, "six files on an empty database");
        aligned.assert_matches(&Catalog::read(&db), "empty database after the six files");
        checks::assert_sync_triggers(&db);
        set.expect_all(&db, "six files again after Go-style writes");
        checks::assert_rerun_links_new_tracks(&db);
        aligned.assert_matches(
            &Catalog::read(&db),
            "after Go-style writes and a second run",
        );
    });
}

/// b. V1 with data -> all six files -> ALIGNED, every data rule, the Go backend's writes.
#[test]
fn v1_with_data() {
    with_cluster(PgVersion::V15, |cluster| {
        let set = veza_migrations();
        let aligned = aligned_catalog(cluster);
        let db = v1_db(cluster, "v1");
        let baseline = V1Baseline::capture(&db);
        set.expect_all(&db, "six files on V1 with data");
        aligned.assert_matches(&Catalog::read(&db), "V1 with data after the six files");
        checks::assert_v1_data_migrated(&db, &baseline, &Expected::v1_data());
        checks::assert_sync_triggers(&db);
        set.expect_all(&db, "six files again after Go-style writes");
        checks::assert_rerun_links_new_tracks(&db);
        aligned.assert_matches(
            &Catalog::read(&db),
            "after Go-style writes and a second run",
        );
    });
}

/// c. Only the first k files ran (k = 0..=6), then the whole set.
fn interrupted(version: PgVersion, from_v1: bool) {
    with_cluster(version, |cluster| {
        let set = veza_migrations();
        let aligned = aligned_catalog(cluster);
        for k in 0..=set.len() {
            let context = format!(
                "{version}, from {}, first {k} files then all",
                if from_v1 { "V1 with data" } else { "empty" }
            );
            let db = if from_v1 {
                v1_db(cluster, &format!("v1_k{k}"))
            } else {
                new_db(cluster, &format!("empty_k{k}"))
            };
            let baseline = from_v1.then(|| V1Baseline::capture(&db));
            set.expect_first(&db, k, &context);
            set.expect_all(&db, &context);
            aligned.assert_matches(&Catalog::read(&db), &context);
            if let Some(baseline) = baseline {
                checks::assert_v1_data_migrated(&db, &baseline, &Expected::v1_data());
            }
        }
    });
}

#[test]
fn interrupted_from_empty() {
    interrupted(PgVersion::V15, false);
}

#[test]
fn interrupted_from_v1() {
    interrupted(PgVersion::V15, true);
}

#[test]
fn interrupted_from_empty_pg18() {
    interrupted(PgVersion::V18, false);
}

#[test]
fn interrupted_from_v1_pg18() {
    interrupted(PgVersion::V18, true);
}

/// d. The set runs twice: the second run changes neither the catalog nor a single row.
fn run_twice(version: PgVersion, from_v1: bool) {
    with_cluster(version, |cluster| {
        let set = veza_migrations();
        let aligned = aligned_catalog(cluster);
        let db = if from_v1 {
            v1_db(cluster, "v1")
        } else {
            new_db(cluster, "empty")
        };
        let baseline = from_v1.then(|| V1Baseline::capture(&db));
        set.expect_all(&db, "first run");
        let catalog = Catalog::read(&db);
        let rows = RowSnapshot::read(&db);
        set.expect_all(&db, "second run");
        catalog.assert_matches(&Catalog::read(&db), &format!("{version}: second run"));
        rows.assert_matches(
            &RowSnapshot::read(&db),
            &format!("{version}: second run wrote rows (xmin changed)"),
        );
        aligned.assert_matches(&Catalog::read(&db), &format!("{version}: after two runs"));
        if let Some(baseline) = baseline {
            checks::assert_v1_data_migrated(&db, &baseline, &Expected::v1_data());
        }
    });
}

#[test]
fn run_twice_from_empty() {
    run_twice(PgVersion::V15, false);
}

#[test]
fn run_twice_from_v1() {
    run_twice(PgVersion::V15, true);
}

#[test]
fn run_twice_from_empty_pg18() {
    run_twice(PgVersion::V18, false);
}

#[test]
fn run_twice_from_v1_pg18() {
    run_twice(PgVersion::V18, true);
}

/// e. A role outside user_role: 010 stops, names users, role and each value, changes nothing;
/// once the data is fixed the set converges.
#[test]
fn bad_role() {
    with_cluster(PgVersion::V15, |cluster| {
        let set = veza_migrations();
        let aligned = aligned_catalog(cluster);
        let db = v1_db(cluster, "bad_role");
        load(&db, &fixtures::v1_bad_role_sql());

        if let Err(e) = set.apply_file(&db, VEZA_FILES[0]) {
            panic!("001 must succeed despite bad roles: {e}");
        }
        let catalog = Catalog::read(&db);
        let rows = RowSnapshot::read(&db);

        let err = match set.apply_file(&db, VEZA_FILES[1]) {
            Ok(out) => panic!("010 must refuse roles outside user_role, but succeeded:\n{out}"),
            Err(e) => e,
        };
        // Only the error itself counts: notices before it mention tables too.
        let stderr = &err.error.stderr;
        let message = stderr[stderr.find("ERROR:").unwrap_or(0)..].to_lowercase();
        for needle in ["users", "role", "superuser", "guest"] {
            assert!(
                message.contains(needle),
                "decision 1: the error must name {needle:?}; it was:\n{stderr}"
            );
        }
        catalog.assert_matches(&Catalog::read(&db), "the failing 010 changed the catalog");
        rows.assert_matches(&RowSnapshot::read(&db), "the failing 010 wrote rows");

        let ids: Vec<String> = bad_role_users()
            .into_iter()
            .map(|(id, _)| format!("'{id}'"))
            .collect();
        db.exec(&format!(
            "UPDATE users SET role = 'user' WHERE id IN ({})",
            ids.join(", ")
        ));
        let baseline = V1Baseline::capture(&db);
        set.expect_all(&db, "six files after fixing the roles");
        aligned.assert_matches(&Catalog::read(&db), "after fixing the roles");
        checks::assert_v1_data_migrated(&db, &baseline, &Expected::v1_data_with_fixed_bad_roles());
    });
}

/// CONTRACT.md "Files": one transaction per file, a comment header, byte-identical output.
#[test]
fn generated_files_follow_the_contract_layout() {
    let first = veza_migrations();
    let second = veza_migrations();
    for name in VEZA_FILES {
        let sql = first.sql(name);
        assert_eq!(sql, second.sql(name), "{name}: output is not deterministic");
        assert!(sql.starts_with("--"), "{name}: no comment header");
        let statements: Vec<&str> = sql
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("--"))
            .collect();
        assert_eq!(
            statements.first(),
            Some(&"BEGIN;"),
            "{name}: first statement"
        );
        assert_eq!(
            statements.last(),
            Some(&"COMMIT;"),
            "{name}: last statement"
        );
    }
}
