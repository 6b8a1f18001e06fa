//! The crate's error type.

use thiserror::Error;

use crate::model::ModelError;
use crate::plan::PlanError;

/// Everything that can go wrong in the core. Each variant names what it concerns.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("{what} is not valid JSON for {expected}: {source}")]
    Json {
        what: String,
        expected: &'static str,
        #[source]
        source: serde_json::Error,
    },
}
