//! Building blocks of the scenario tests: one throwaway cluster per test, the reference catalog,
//! a V1 database with data.

use std::io::Write;

use origin_schema_core::analysis::Analysis;
use origin_schema_core::input::{assemble, Inputs, Named};
use origin_schema_core::model::Schema;

use crate::catalog::Catalog;
use crate::cluster::{Cluster, PgVersion};
use crate::db::Db;
use crate::fixtures;

/// Set to 1 to make a missing PostgreSQL (any version a test asks for) a failure instead
/// of a skip: `scripts/test.sh` sets it.
pub const REQUIRE_PG_ENV: &str = "ORIGIN_SCHEMA_REQUIRE_PG";

/// Whether a missing server must fail the test rather than skip it.
pub fn pg_required() -> bool {
    std::env::var(REQUIRE_PG_ENV).is_ok_and(|v| v.trim() == "1")
}

/// Runs `f` against a fresh cluster of `version`, stopped and removed afterwards (also when `f`
/// panics). When the version's binaries are not there, the test prints one `SKIP` line on
/// stderr and passes, unless `ORIGIN_SCHEMA_REQUIRE_PG=1`.
pub fn with_cluster(version: PgVersion, f: impl FnOnce(&Cluster)) {
    if !available_or_skip(version) {
        return;
    }
    let cluster = match Cluster::start(version) {
        Ok(c) => c,
        Err(e) => panic!("cannot start {version}: {e}"),
    };
    f(&cluster);
}

/// Runs a fixture or schema file, panicking with psql's error.
pub fn load(db: &Db, file: &std::path::Path) {
    if let Err(e) = db.run_file(file) {
        panic!("loading {} into {} failed: {e}", file.display(), db.name());
    }
}

/// Whether `version` can run; if not, prints the `SKIP` line (or panics when required).
pub fn available_or_skip(version: PgVersion) -> bool {
    let Some(why) = Cluster::unavailable_reason(version) else {
        return true;
    };
    if pg_required() {
        panic!(
            "{why} (required by {REQUIRE_PG_ENV}=1: set {} to its bin dir)",
            version.bin_env()
        );
    }
    // Straight to the stream, not through the test harness's output capture.
    let test = std::thread::current().name().unwrap_or("test").to_owned();
    let _ = writeln!(
        std::io::stderr(),
        "SKIP {test}: {why}; set {} to run it, {REQUIRE_PG_ENV}=1 to make this a failure",
        version.bin_env()
    );
    false
}

/// The catalog of a database created from ALIGNED.sql on `cluster`.
pub fn aligned_catalog(cluster: &Cluster) -> Catalog {
    let db = new_db(cluster, "aligned");
    load(&db, &fixtures::aligned_sql());
    Catalog::read(&db)
}

/// A fresh, empty database.
pub fn new_db(cluster: &Cluster, prefix: &str) -> Db {
    match cluster.fresh_db(prefix) {
        Ok(db) => db,
        Err(e) => panic!("cannot create database {prefix}: {e}"),
    }
}

/// A fresh database from V1.sql holding v1_data.sql.
pub fn v1_db(cluster: &Cluster, prefix: &str) -> Db {
    let db = new_db(cluster, prefix);
    load(&db, &fixtures::v1_sql());
    load(&db, &fixtures::v1_data_sql());
    db
}

/// Apply the files `gen-sql` writes for `origin` over `current` (an empty schema when
/// `None`) to `db`, twice: the second run must pass too.
pub fn apply_gen_sql(db: &Db, what: &str, origin: Schema, current: Option<Schema>) {
    let project = assemble(Inputs {
        origin: Some(Named {
            value: origin,
            name: what.into(),
        }),
        current: current.map(|value| Named {
            value,
            name: "current".into(),
        }),
        ..Inputs::default()
    })
    .unwrap_or_else(|e| panic!("{what}: {e}"))
    .project;
    let files = match Analysis::new(project).map(|a| a.files()) {
        Ok(Ok(files)) => files,
        Ok(Err(e)) => panic!("{what}: gen-sql: {e}"),
        Err(e) => panic!("{what}: {e}"),
    };
    let set = crate::MigrationSet::write(files.into_iter().map(|f| (f.name, f.sql)))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    set.expect_all(db, what);
    set.expect_all(db, &format!("{what}, again"));
}
