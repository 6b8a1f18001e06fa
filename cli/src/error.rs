//! Errors of the command line. Each becomes one line on stderr and exit code 2.

use std::path::PathBuf;

use thiserror::Error;

/// Exit code for bad usage, bad input, or a refusal to generate.
pub const EXIT_ERROR: u8 = 2;
/// Exit code for drift found by a check.
pub const EXIT_DRIFT: u8 = 1;

#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] origin_schema_core::Error),
    #[error("database {url}: {message}")]
    Database { url: String, message: String },
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    #[error("{0}")]
    Usage(String),
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl CliError {
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> CliError {
        let path = path.into();
        move |source| CliError::Io {
            action,
            path,
            source,
        }
    }
}
