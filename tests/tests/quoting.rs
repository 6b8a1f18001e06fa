//! `quote_ident` and `quote_literal` of the core agree with PostgreSQL's own functions:
//! on PostgreSQL 18 for every keyword it knows (the list the core is built on), and on
//! both versions for identifiers and strings that need care.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use origin_schema_core::sql::{quote_ident, quote_literal};
use origin_schema_tests::scenario::new_db;
use origin_schema_tests::{with_cluster, PgVersion};

const NAMES: &[&str] = &[
    "users",
    "_private",
    "a1",
    "1a",
    "Users",
    "tracksStatus",
    "IDX_refresh_tokens_expires",
    "with space",
    "dollar$sign",
    "quote\"inside",
    "ünïcode",
    "position",
    "user",
    "order",
    "name",
    "role",
    "left",
    "between",
    "authorization",
];

const STRINGS: &[&str] = &[
    "plain",
    "it's",
    "back\\slash",
    "both ' and \\",
    "line\nbreak",
    "tab\there",
    "ünïcode ☃",
    "",
    "$$",
];

/// Every keyword of the server, and the names above, through the server's `quote_ident`.
fn check_identifiers(version: PgVersion, all_keywords: bool) {
    with_cluster(version, |cluster| {
        let db = new_db(cluster, "quoting");
        let keywords = if all_keywords {
            db.query_column("SELECT word FROM pg_get_keywords()")
                .into_iter()
                .flatten()
                .collect()
        } else {
            Vec::new()
        };
        let names: Vec<String> = NAMES
            .iter()
            .map(|s| s.to_string())
            .chain(keywords)
            .collect();
        let mut checked = 0;
        for name in &names {
            let sql = format!("SELECT quote_ident({})", quote_literal(name));
            let server = db.query_value(&sql).unwrap();
            assert_eq!(
                quote_ident(name),
                server,
                "quote_ident({name:?}) on {version}"
            );
            checked += 1;
        }
        if all_keywords {
            assert!(checked > 400, "only {checked} identifiers checked");
        }
        for s in STRINGS {
            // The literal reads back as the same string, and matches the server's spelling.
            let sql = format!(
                "SELECT {} = {}, quote_literal({})",
                quote_literal(s),
                quote_literal(s),
                quote_literal(s)
            );
            let row = db.query(&sql).remove(0);
            assert_eq!(row[0].as_deref(), Some("t"));
            assert_eq!(
                row[1].as_deref(),
                Some(quote_literal(s).as_str()),
                "quote_literal({s:?}) on {version}"
            );
            let echoed = db.query_value(&format!("SELECT {}", quote_literal(s)));
            assert_eq!(echoed.as_deref(), Some(*s), "{s:?} reads back on {version}");
        }
    });
}

#[test]
fn quoting_matches_postgres_18_for_every_keyword() {
    check_identifiers(PgVersion::V18, true);
}

#[test]
fn quoting_matches_postgres_15_for_tricky_names() {
    check_identifiers(PgVersion::V15, false);
}
