//! A second project end to end (examples/bookshop): its own Origin (SQL), its own
//! migrations folder, its own decisions (a rename, an enum conversion, an extract
//! back-fill, an index rename). Parse, diff, report, generate, and converge on a real
//! PostgreSQL from empty and from its current schema with data.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use std::fs;
use std::path::PathBuf;

use origin_schema_core::diff::{diff, Resolution};
use origin_schema_core::input::{assemble, Inputs, Named};
use origin_schema_core::model::Project;
use origin_schema_core::read::sql::{read_files, SqlFile};
use origin_schema_core::{generate, read, report};
use origin_schema_tests::scenario::{load, new_db};
use origin_schema_tests::{with_cluster, Catalog, MigrationSet, PgVersion, RowSnapshot};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/bookshop")
}

fn sql_file(path: PathBuf) -> SqlFile {
    SqlFile {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        sql: fs::read_to_string(&path).unwrap(),
    }
}

fn migrations() -> Vec<SqlFile> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir().join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    paths.sort();
    paths.into_iter().map(sql_file).collect()
}

fn project() -> Project {
    let origin = read_files(&[sql_file(dir().join("origin.sql"))]).unwrap();
    assert!(origin.warnings.is_empty(), "{:?}", origin.warnings);
    let current = read_files(&migrations()).unwrap();
    assert!(current.warnings.is_empty(), "{:?}", current.warnings);
    let decisions = read::json::decisions(
        "decisions.json",
        &fs::read_to_string(dir().join("decisions.json")).unwrap(),
    )
    .unwrap();
    assemble(Inputs {
        origin: Some(Named {
            value: origin.schema,
            name: "origin.sql".into(),
        }),
        current: Some(Named {
            value: current.schema,
            name: "migrations/".into(),
        }),
        decisions: Some(Named {
            value: decisions,
            name: "decisions.json".into(),
        }),
        ..Inputs::default()
    })
    .unwrap()
    .project
}

#[test]
fn parses_and_diffs_with_every_divergence_resolved() {
    let p = project();
    assert!(!p.name.contains("veza"), "{}", p.name);
    assert!(p.current.tables["customers"]
        .columns
        .contains_key("fullname"));
    assert_eq!(
        p.current.tables["orders"].columns["state"].data_type,
        "character varying(16)"
    );
    let all = diff(&p).unwrap();
    let unresolved: Vec<String> = all
        .iter()
        .filter(|d| d.is_unresolved())
        .map(|d| d.to_string())
        .collect();
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    let by = |object: &str, id: u32| {
        let d = all
            .iter()
            .find(|d| d.subject.to_string() == object)
            .unwrap_or_else(|| panic!("no divergence {object}"));
        assert!(
            matches!(d.resolution, Resolution::Decision { id: i, .. } if i == id),
            "{d}: {}",
            d.resolution_text()
        );
    };
    by("customers.display_name", 1);
    by("orders.state", 2);
    by("publishers", 3);
    by("books.publisher", 3);
    by("books.publisher_id", 3);
    by("idx_orders_customer_id", 4);
}

#[test]
fn reports_in_the_seed_shape() {
    let md = report::to_markdown(&report::report(&project()).unwrap());
    for needle in [
        "## 1. Global divergences",
        "### `orders`",
        "`orders.state` — type mismatch",
        "## 3. Plan of action",
        "0 unresolved",
    ] {
        assert!(md.contains(needle), "no {needle:?} in:\n{md}");
    }
}

fn files() -> MigrationSet {
    let files = generate(&project()).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["001_extensions_and_types.sql", "010_schema.sql"]);
    MigrationSet::write(files.into_iter().map(|f| (f.name, f.sql))).unwrap()
}

/// The end state built from `export --which aligned --format sql`.
fn aligned_catalog(cluster: &origin_schema_tests::Cluster) -> Catalog {
    let end = origin_schema_core::align::aligned(&project()).unwrap();
    let db = new_db(cluster, "bookshop_aligned");
    db.run_sql(&origin_schema_core::sql::export::schema_sql(&end))
        .unwrap();
    Catalog::read(&db)
}

#[test]
fn converges_from_empty() {
    with_cluster(PgVersion::V15, |cluster| {
        let aligned = aligned_catalog(cluster);
        let set = files();
        let db = new_db(cluster, "bookshop_empty");
        set.expect_all(&db, "bookshop from empty");
        aligned.assert_matches(&Catalog::read(&db), "bookshop from empty");
        set.expect_all(&db, "bookshop from empty, again");
        aligned.assert_matches(&Catalog::read(&db), "bookshop from empty, run twice");
    });
}

#[test]
fn converges_from_the_current_schema_with_data() {
    with_cluster(PgVersion::V15, |cluster| {
        let aligned = aligned_catalog(cluster);
        let set = files();
        let db = new_db(cluster, "bookshop_v1");
        for m in migrations() {
            load(&db, &dir().join("migrations").join(&m.name));
        }
        load(&db, &dir().join("seed.sql"));
        let customers_before =
            db.query("SELECT id, email, fullname, created_at FROM customers ORDER BY id");

        set.expect_all(&db, "bookshop from v1");
        aligned.assert_matches(&Catalog::read(&db), "bookshop from v1 with data");

        // Decision 1: the rename kept every value.
        let customers_after =
            db.query("SELECT id, email, display_name, created_at FROM customers ORDER BY id");
        assert_eq!(customers_after, customers_before);
        // Decision 2: states mapped, 'canceled' through its case, the rest by identity.
        let states = db.query_column("SELECT state::text FROM orders ORDER BY id");
        let states: Vec<&str> = states.iter().map(|s| s.as_deref().unwrap()).collect();
        assert_eq!(states, ["new", "paid", "cancelled", "shipped"]);
        // Decision 3: one publisher per distinct trimmed name, every book linked but the one without.
        let publishers = db.query_column("SELECT name FROM publishers ORDER BY name");
        let publishers: Vec<&str> = publishers.iter().map(|s| s.as_deref().unwrap()).collect();
        assert_eq!(publishers, ["Gallimard", "Penguin"]);
        let links = db.query(
            "SELECT b.isbn, b.publisher, p.name FROM books b LEFT JOIN publishers p ON p.id = b.publisher_id ORDER BY b.isbn",
        );
        let links: Vec<Vec<Option<&str>>> = links
            .iter()
            .map(|r| r.iter().map(|v| v.as_deref()).collect())
            .collect();
        assert_eq!(
            links,
            [
                vec![Some("978-0"), Some("Penguin"), Some("Penguin")],
                vec![Some("978-1"), Some(" Penguin "), Some("Penguin")],
                vec![Some("978-2"), None, None],
                vec![Some("978-3"), Some("Gallimard"), Some("Gallimard")],
            ]
        );
        // Decision 4: the index under its conventional name, the old one gone.
        let indexes = db
            .query_column("SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1");
        assert!(
            indexes.contains(&Some("idx_orders_customer_id".into())),
            "{indexes:?}"
        );
        assert!(
            !indexes.contains(&Some("orders_customer".into())),
            "{indexes:?}"
        );

        // A second run writes nothing.
        let rows = RowSnapshot::read(&db);
        set.expect_all(&db, "bookshop from v1, again");
        rows.assert_matches(&RowSnapshot::read(&db), "bookshop second run wrote rows");
        aligned.assert_matches(&Catalog::read(&db), "bookshop from v1, run twice");
    });
}

#[test]
fn refuses_an_order_state_outside_the_enum_and_names_it() {
    with_cluster(PgVersion::V15, |cluster| {
        let set = files();
        let db = new_db(cluster, "bookshop_bad");
        for m in migrations() {
            load(&db, &dir().join("migrations").join(&m.name));
        }
        load(&db, &dir().join("seed.sql"));
        db.exec("UPDATE orders SET state = 'Lost in transit' WHERE id = 'd0000000-0000-0000-0000-000000000004'");
        set.apply_file(&db, "001_extensions_and_types.sql").unwrap();
        let before = RowSnapshot::read(&db);
        let err = set.apply_file(&db, "010_schema.sql").unwrap_err();
        let stderr = &err.error.stderr;
        assert!(
            stderr.contains("orders")
                && stderr.contains("state")
                && stderr.contains("'Lost in transit'"),
            "{stderr}"
        );
        before.assert_matches(&RowSnapshot::read(&db), "the refused file wrote rows");
    });
}
