//! The crate's error type: it only wraps the error of each layer.

use thiserror::Error;

/// Everything that can go wrong in the core. Each variant names what it concerns.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
    #[error(transparent)]
    Sql(#[from] crate::read::sql::SqlError),
    #[error(transparent)]
    Catalog(#[from] crate::read::catalog::CatalogError),
    #[error(transparent)]
    Json(#[from] crate::read::json::JsonError),
    #[error(transparent)]
    Align(#[from] crate::align::AlignError),
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanError),
    #[error(transparent)]
    Export(#[from] crate::analysis::ExportError),
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
}
