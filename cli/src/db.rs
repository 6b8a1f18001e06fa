//! The database connection: reading a live schema through the catalog.

use origin_schema_core::model::Schema;

use crate::error::CliError;

/// The model of the `public` schema of the database at `url` (`postgres://...`).
pub fn read_schema(url: &str) -> Result<Schema, CliError> {
    // Filled in by the catalog reader work.
    Err(CliError::Database {
        url: url.to_string(),
        message: "reading a live database is not built yet".into(),
    })
}
