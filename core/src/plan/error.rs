//! Why a project cannot be planned. Each error names the decision, table, column or
//! file it concerns.

use thiserror::Error;

use crate::align::AlignError;
use crate::diff::Divergence;
use crate::kinds::DecisionError;

/// Why planning failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanError {
    /// The end state cannot be built (an invalid schema or decision).
    #[error(transparent)]
    Align(#[from] AlignError),
    #[error("column `{table}.{column}` is NOT NULL without a default: rows that exist cannot take it (relax it, or give it a default)")]
    NotNullWithoutDefault { table: String, column: String },
    #[error("column `{table}.{column}` changes collation, which PostgreSQL does only by ALTER COLUMN ... TYPE, and it refuses that while {dependent} depends on the column: drop it before the upgrade and create it again after, or keep the current collation in Origin")]
    CollationWithDependent {
        table: String,
        column: String,
        /// What depends on it: `generated column c` or `trigger t (UPDATE OF)`.
        dependent: String,
    },
    #[error("{} unresolved divergence(s): each needs a decision, and gen-sql does not guess:\n{}", .0.len(), list(.0))]
    Unresolved(Vec<Divergence>),
    #[error("module file name `{file}` must end in `.sql` and be unique")]
    BadModuleFile { file: String },
    #[error("{kind} `{name}` is in no module: list it in one of the modules")]
    Unassigned { kind: &'static str, name: String },
    #[error("{kind} `{name}` is listed in module `{first}` and in module `{second}`")]
    AssignedTwice {
        kind: &'static str,
        name: String,
        first: String,
        second: String,
    },
    #[error("module `{file}` lists {kind} `{name}`, which the end state does not have")]
    UnknownInModule {
        file: String,
        kind: &'static str,
        name: String,
    },
    #[error("module order: {object} in `{file}` needs {needs}, which only `{later}` creates (files apply in lexical order)")]
    LaterModule {
        object: String,
        file: String,
        needs: String,
        later: String,
    },
    #[error("module order: enum `{type_name}` gains labels in `{file}`, so {user} that uses it must be in a later file than `{file}` (PostgreSQL refuses a new label in the transaction that added it)")]
    LabelUsedTooEarly {
        type_name: String,
        file: String,
        user: String,
    },
}

impl From<DecisionError> for PlanError {
    fn from(e: DecisionError) -> Self {
        PlanError::Align(AlignError::Decision(e))
    }
}

fn list(items: &[Divergence]) -> String {
    items
        .iter()
        .map(|u| format!("  - {u}"))
        .collect::<Vec<_>>()
        .join("\n")
}
