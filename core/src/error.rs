//! The crate's error type.

use thiserror::Error;

use crate::model::ModelError;
use crate::plan::PlanError;
use crate::read::catalog::CatalogError;
use crate::read::sql::SqlError;

/// Everything that can go wrong in the core. Each variant names what it concerns.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    #[error(transparent)]
    Sql(#[from] SqlError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("{what} is not valid JSON for {expected}: {source}")]
    Json {
        what: String,
        expected: &'static str,
        #[source]
        source: serde_json::Error,
    },
}
