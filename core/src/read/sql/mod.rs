//! SQL text → model: a folder of migrations (applied in order) or one file, parsed with
//! sqlparser-rs (PostgreSQL dialect) and replayed statement by statement.

use thiserror::Error;

use crate::model::Schema;

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SqlFile {
    pub name: String,
    pub sql: String,
}

/// A statement that changes the schema but that the reader cannot model.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The schema the files build, and what could not be modelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlRead {
    pub schema: Schema,
    pub warnings: Vec<Warning>,
}

/// Why SQL could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SqlError {
    #[error("{file}:{line}: {message}")]
    Statement {
        file: String,
        line: usize,
        message: String,
    },
}

/// Replay `files` in the order given (callers sort a folder lexically).
pub fn read_files(files: &[SqlFile]) -> Result<SqlRead, SqlError> {
    // Filled in by the SQL reader work; until then every file is refused, by name.
    match files.first() {
        Some(f) => Err(SqlError::Statement {
            file: f.name.clone(),
            line: 1,
            message: "the SQL reader is not built yet".into(),
        }),
        None => Ok(SqlRead {
            schema: Schema::default(),
            warnings: Vec::new(),
        }),
    }
}
