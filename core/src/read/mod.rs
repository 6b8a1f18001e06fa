//! Reading schemas from where they live: SQL migrations (`sql`), a live database's
//! catalog rows (`catalog`; the CLI runs the queries and hands the rows over), JSON.

pub mod catalog;
pub mod json;
pub mod sql;

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
