//! Prints the compared catalog of ALIGNED.sql (and, with `v1`, its diff against V1.sql) on a
//! throwaway PostgreSQL 15 cluster: `cargo run -p origin-schema-tests --example dump_catalog [v1]`.
use origin_schema_tests::scenario::{aligned_catalog, load, new_db};
use origin_schema_tests::{fixtures, with_cluster, Catalog, PgVersion};

fn main() {
    let version = if std::env::args().any(|a| a == "pg18") {
        PgVersion::V18
    } else {
        PgVersion::V15
    };
    with_cluster(version, |cluster| {
        let aligned = aligned_catalog(cluster);
        if std::env::args().any(|a| a == "v1") {
            let v1 = new_db(cluster, "v1");
            load(&v1, &fixtures::v1_sql());
            for line in aligned.diff(&Catalog::read(&v1)) {
                println!("{line}");
            }
        } else {
            print!("{aligned}");
        }
    });
}
