//! A live database's catalog → model. Pure: the CLI runs [`QUERIES`] and hands the rows
//! over; every value arrives as text (or NULL), as a client prints it.

use thiserror::Error;

use crate::model::Schema;

/// One row of a query's result, every column as text.
pub type Row = Vec<Option<String>>;

/// The queries, in the order of [`CatalogRows`]'s fields.
#[derive(Debug, Clone, Copy)]
pub struct Queries {
    pub extensions: &'static str,
    pub enums: &'static str,
    pub columns: &'static str,
    pub constraints: &'static str,
    pub indexes: &'static str,
    pub triggers: &'static str,
    pub functions: &'static str,
}

/// What the queries returned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogRows {
    pub extensions: Vec<Row>,
    pub enums: Vec<Row>,
    pub columns: Vec<Row>,
    pub constraints: Vec<Row>,
    pub indexes: Vec<Row>,
    pub triggers: Vec<Row>,
    pub functions: Vec<Row>,
}

/// Why catalog rows could not become a model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogError {
    #[error("catalog {query}: {message}")]
    Row { query: &'static str, message: String },
}

/// Filled in by the catalog reader work.
pub const QUERIES: Queries = Queries {
    extensions: "",
    enums: "",
    columns: "",
    constraints: "",
    indexes: "",
    triggers: "",
    functions: "",
};

/// Build the model of the `public` schema from the rows of [`QUERIES`].
pub fn schema_from_rows(rows: &CatalogRows) -> Result<Schema, CatalogError> {
    let _ = rows;
    Err(CatalogError::Row {
        query: "all",
        message: "the catalog reader is not built yet".into(),
    })
}
