//! The harness checked against real PostgreSQL before the generator exists: the fixtures load,
//! a hand-written upgrade (fixtures/reference_upgrade.sql) passes every check, and each check
//! fails, with a readable message, when its rule is broken.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::catalog::Catalog;
use crate::checks::{self, data, expected::user_id, Expected, V1Baseline};
use crate::cluster::{Cluster, PgVersion};
use crate::db::Db;
use crate::fixtures;
use crate::rows::RowSnapshot;
use crate::scenario::{aligned_catalog, load, new_db, v1_db, with_cluster};

fn upgrade(db: &Db) {
    load(db, &fixtures::reference_upgrade_sql());
}

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("the check should have failed");
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

fn reference_upgrade_passes_every_check(version: PgVersion) {
    with_cluster(version, |cluster| {
        let aligned = aligned_catalog(cluster);
        let v1 = new_db(cluster, "v1_only");
        load(&v1, &fixtures::v1_sql());
        assert!(!aligned.diff(&Catalog::read(&v1)).is_empty());

        let db = v1_db(cluster, "v1");
        let baseline = V1Baseline::capture(&db);
        assert_eq!(
            baseline.rows().len(),
            6 + 3 + 3 + 12 + 3 + 4,
            "{}",
            baseline.rows()
        );
        upgrade(&db);
        aligned.assert_matches(&Catalog::read(&db), "reference upgrade");
        checks::assert_v1_data_migrated(&db, &baseline, &Expected::v1_data());

        let catalog = Catalog::read(&db);
        let rows = RowSnapshot::read(&db);
        upgrade(&db);
        catalog.assert_matches(&Catalog::read(&db), "reference upgrade run twice");
        rows.assert_matches(&RowSnapshot::read(&db), "reference upgrade run twice");

        checks::assert_sync_triggers(&db);
        upgrade(&db);
        checks::assert_rerun_links_new_tracks(&db);
        aligned.assert_matches(&Catalog::read(&db), "after Go-style writes and a rerun");
    });
}

#[test]
fn reference_upgrade_passes_every_check_pg15() {
    reference_upgrade_passes_every_check(PgVersion::V15);
}

#[test]
fn reference_upgrade_passes_every_check_pg18() {
    reference_upgrade_passes_every_check(PgVersion::V18);
}

#[test]
fn fixtures_load_on_pg18_and_its_not_null_constraints_are_compared() {
    with_cluster(PgVersion::V18, |cluster| {
        let db = v1_db(cluster, "v1");
        assert_eq!(
            db.query_value("SELECT count(*)::text FROM tracks"),
            Some("12".into())
        );
        let catalog = Catalog::read(&db);
        assert!(
            catalog.contains(
                "constraint federated_identities.federated_identities_provider_id_not_null NOT NULL provider_id"
            ),
            "{catalog}"
        );
        let db = new_db(cluster, "bad");
        load(&db, &fixtures::v1_sql());
        load(&db, &fixtures::v1_data_sql());
        load(&db, &fixtures::v1_bad_role_sql());
    });
}

#[test]
fn bad_roles_load_and_stop_the_reference_upgrade() {
    with_cluster(PgVersion::V15, |cluster| {
        let db = v1_db(cluster, "bad");
        load(&db, &fixtures::v1_bad_role_sql());
        let err = db.run_file(&fixtures::reference_upgrade_sql()).unwrap_err();
        assert!(
            err.stderr.contains("'superuser'") && err.stderr.contains("' Guest '"),
            "{err}"
        );
    });
}

/// Each sabotage breaks one rule on a copy of a correctly upgraded database; the matching check
/// must fail and name its decision.
#[test]
fn checks_fail_on_broken_rules() {
    with_cluster(PgVersion::V15, |cluster| {
        let good = v1_db(cluster, "good");
        let baseline = V1Baseline::capture(&good);
        upgrade(&good);
        let expected = Expected::v1_data();
        let copy = |sabotage: &str| {
            let db = cluster.db(&format!("{}_copy", good.name()));
            cluster.db("postgres").exec(&format!(
                "DROP DATABASE IF EXISTS {0}; CREATE DATABASE {0} TEMPLATE {1}",
                db.name(),
                good.name()
            ));
            db.exec(sabotage);
            db
        };
        type Check<'a> = Box<dyn Fn(&Db) + 'a>;
        let cases: Vec<(&str, &str, Check)> = vec![
            (
                // A back-fill that let V1's updated_at trigger fire.
                "UPDATE users SET bio = bio WHERE id = 'a0000000-0000-4000-8000-000000000001'",
                "every V1 row keeps every V1 value",
                Box::new(|db| data::assert_nothing_lost(db, &baseline)),
            ),
            (
                "DELETE FROM playlist_tracks WHERE position = 5",
                "every V1 row keeps every V1 value",
                Box::new(|db| data::assert_nothing_lost(db, &baseline)),
            ),
            (
                "UPDATE users SET role = 'user' WHERE role = 'super_admin'",
                "decision 1",
                Box::new(|db| data::assert_role_mapping(db, &expected)),
            ),
            (
                "UPDATE users SET login_count = 1",
                "decision 2",
                Box::new(|db| data::assert_added_columns_take_defaults(db, &expected)),
            ),
            (
                "DELETE FROM user_profiles WHERE user_id = 'a0000000-0000-4000-8000-000000000004'",
                "decision 4",
                Box::new(|db| data::assert_profiles_moved(db, &expected)),
            ),
            (
                "UPDATE user_profiles SET bio = NULL WHERE bio = ''",
                "decision 4",
                Box::new(|db| data::assert_profiles_moved(db, &expected)),
            ),
            (
                // The tie broken by the larger id.
                "UPDATE files SET owner_id = 'a0000000-0000-4000-8000-000000000005' WHERE storage_key = 'tie/pair.wav'",
                "decision 8",
                Box::new(|db| data::assert_files_extracted(db, &expected)),
            ),
            (
                // Cut at 255 bytes instead of 255 characters (each ñ is two bytes).
                "UPDATE files SET original_filename = left(original_filename, 127) WHERE storage_key LIKE '/long/%'",
                "decision 8",
                Box::new(|db| data::assert_files_extracted(db, &expected)),
            ),
            (
                "UPDATE tracks SET file_id = NULL WHERE file_path = 'negative.ogg'",
                "decision 10",
                Box::new(|db| data::assert_tracks_linked_to_files(db, &expected)),
            ),
            (
                "UPDATE tracks SET visibility = 'public' WHERE status = 'draft'",
                "decision 11",
                Box::new(|db| data::assert_visibility_derived(db, &expected)),
            ),
            (
                "UPDATE playlists SET visibility = 'public' WHERE is_public IS NULL",
                "decision 15",
                Box::new(|db| data::assert_visibility_derived(db, &expected)),
            ),
            (
                "ALTER TABLE tracks DISABLE TRIGGER sync_tracks_visibility",
                "decision 11",
                Box::new(checks::assert_sync_triggers),
            ),
            (
                "DROP TRIGGER update_files_updated_at ON files",
                "updated_at trigger on files",
                Box::new(checks::assert_sync_triggers),
            ),
            (
                "ALTER FUNCTION sync_user_profile_from_users() SET search_path = pg_temp",
                "decision 4",
                Box::new(checks::assert_sync_triggers),
            ),
        ];
        // The unbroken copy passes everything first.
        let db = copy("SELECT 1");
        checks::assert_v1_data_migrated(&db, &baseline, &expected);
        checks::assert_sync_triggers(&db);
        for (sabotage, needle, check) in &cases {
            let db = copy(sabotage);
            let msg = panic_message(|| check(&db));
            assert!(
                msg.contains(needle),
                "sabotage {sabotage:?}: expected {needle:?} in\n{msg}"
            );
        }
        // An extra user without a profile is caught too.
        let db = copy(&format!(
            "INSERT INTO users (id, email, username, password_hash) VALUES ('{}', 'x@x', 'x', 'x')",
            user_id(9)
        ));
        let msg = panic_message(|| data::assert_profiles_moved(&db, &expected));
        assert!(msg.contains("+ "), "{msg}");
    });
}

#[test]
fn pg18_clusters_are_skipped_or_required_as_configured() {
    // Only meaningful without PG18 and without the requirement; otherwise the other PG18
    // tests run for real (or fail, as required).
    if Cluster::available(PgVersion::V18) || crate::scenario::pg_required() {
        return;
    }
    let mut ran = false;
    with_cluster(PgVersion::V18, |_| ran = true);
    assert!(!ran);
}
