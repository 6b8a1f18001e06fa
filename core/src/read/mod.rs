//! Reading schemas from where they live: SQL migrations (`sql`), a live database's
//! catalog rows (`catalog`; the CLI runs the queries and hands the rows over), JSON.

pub mod catalog;
pub mod json;
pub mod sql;

/// The tables migration runners keep their own state in (Rails, Django, Prisma, goose,
/// Flyway, diesel, sqlx, refinery, sql-migrate): the runner makes them, so both readers
/// leave them out of the schema.
pub const RUNNER_TABLES: &[&str] = &[
    "schema_migrations",
    "ar_internal_metadata",
    "django_migrations",
    "_prisma_migrations",
    "goose_db_version",
    "flyway_schema_history",
    "__diesel_schema_migrations",
    "_sqlx_migrations",
    "refinery_schema_history",
    "gorp_migrations",
];

/// Schemas that belong to a migration runner as a whole (sqitch's registry).
pub const RUNNER_SCHEMAS: &[&str] = &["sqitch"];

/// Whether the object of this key is a migration runner's own: one of its tables in
/// `public`, or anything in its schema.
pub fn is_runner_table(key: &str) -> bool {
    match crate::pg::split_key(key) {
        (None, name) => RUNNER_TABLES.contains(&name),
        (Some(schema), _) => RUNNER_SCHEMAS.contains(&schema),
    }
}

/// Each item as it prints, separated by `; `: how both readers list what they refuse.
pub(crate) fn joined<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Settings whose value PostgreSQL stores as a list of (double-quoted when needed) names
/// (`GUC_LIST_QUOTE`), e.g. `search_path=public, "My Schema"`: both readers split them.
const LIST_SETTINGS: &[&str] = &[
    "search_path",
    "temp_tablespaces",
    "session_preload_libraries",
    "shared_preload_libraries",
    "local_preload_libraries",
];

/// Whether a function's `SET` option holds a list of names (case-insensitive).
pub(crate) fn is_list_setting(setting: &str) -> bool {
    LIST_SETTINGS.contains(&setting.to_ascii_lowercase().as_str())
}
