//! What a decision can get wrong. Each error names the decision and the object.

use thiserror::Error;

/// A decision that cannot be carried out as written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecisionError {
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
}
