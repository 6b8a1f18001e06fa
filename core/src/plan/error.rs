//! Why a project cannot be planned. Each error names the decision, table, column or
//! file it concerns.

use thiserror::Error;

use crate::diff::Divergence;
use crate::model::ModelError;

/// Why planning failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("decision {decision}: the {schema} schema has no table `{table}`")]
    UnknownTable {
        decision: u32,
        schema: &'static str,
        table: String,
    },
    #[error("decision {decision}: the {schema} schema has no column `{table}.{column}`")]
    UnknownColumn {
        decision: u32,
        schema: &'static str,
        table: String,
        column: String,
    },
    #[error("decision {decision}: the {schema} schema has no {kind} `{name}`")]
    UnknownObject {
        decision: u32,
        schema: &'static str,
        kind: &'static str,
        name: String,
    },
    #[error("decision {decision}: `{table}.{column}` is in Origin already, so it is not a legacy column")]
    NotLegacy {
        decision: u32,
        table: String,
        column: String,
    },
    #[error("decision {decision}: `{table}` has no unique key on ({columns}), which `key` needs")]
    NoUniqueKey {
        decision: u32,
        table: String,
        columns: String,
    },
    #[error("decision {decision}: key column `{column}` of `{table}` has no value")]
    KeyWithoutValue {
        decision: u32,
        table: String,
        column: String,
    },
    #[error("decision {decision}: `{table}.{column}` has no foreign key to `{target}`, which the link needs")]
    NoLink {
        decision: u32,
        table: String,
        column: String,
        target: String,
    },
    #[error("decision {decision}: `identity` maps onto enum labels, but `{table}.{column}` has type `{data_type}`, not an enum of the schema")]
    IdentityNeedsEnum {
        decision: u32,
        table: String,
        column: String,
        data_type: String,
    },
    #[error("decision {decision}: {object} `{name}` is created by two decisions or twice by one")]
    Duplicate {
        decision: u32,
        object: &'static str,
        name: String,
    },
    #[error("decision {decision}: a map with `else: error` can only convert a type in place; a back-fill or a sync trigger must say what every value becomes")]
    RefusingMap { decision: u32 },
    #[error("column `{table}.{column}` is NOT NULL without a default: rows that exist cannot take it (relax it, or give it a default)")]
    NotNullWithoutDefault { table: String, column: String },
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
    #[error("module order: enum `{type_name}` gains labels in `{file}`, so `{user}` that uses it must be in a later file than `{file}` (PostgreSQL refuses a new label in the transaction that added it)")]
    LabelUsedTooEarly {
        type_name: String,
        file: String,
        user: String,
    },
}

fn list(items: &[Divergence]) -> String {
    items
        .iter()
        .map(|u| format!("  - {u}"))
        .collect::<Vec<_>>()
        .join("\n")
}
