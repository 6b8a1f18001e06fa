//! JSON → model: a schema, a project bundle, a list of decisions, or conventions.

use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::model::{Conventions, Decision, Project, Schema};

/// JSON that is not what it should be, naming the input.
#[derive(Debug, Error)]
#[error("{what} is not valid JSON for {expected}: {source}")]
pub struct JsonError {
    pub what: String,
    pub expected: &'static str,
    #[source]
    pub source: serde_json::Error,
}

fn parse<T: DeserializeOwned>(
    what: &str,
    expected: &'static str,
    text: &str,
) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|source| JsonError {
        what: what.to_string(),
        expected,
        source,
    })
}

/// A JSON value (already parsed, as the wasm package has it) as `T`.
pub fn from_value<T: DeserializeOwned>(
    what: &str,
    expected: &'static str,
    value: serde_json::Value,
) -> Result<T, JsonError> {
    serde_json::from_value(value).map_err(|source| JsonError {
        what: what.to_string(),
        expected,
        source,
    })
}

/// A schema (`{"tables": ...}`); `what` names the input in errors (a file name).
pub fn schema(what: &str, text: &str) -> Result<Schema, JsonError> {
    parse(what, "a schema", text)
}

/// A project bundle: origin, current, decisions, modules and conventions.
pub fn project(what: &str, text: &str) -> Result<Project, JsonError> {
    parse(what, "a project bundle", text)
}

/// A list of decisions.
pub fn decisions(what: &str, text: &str) -> Result<Vec<Decision>, JsonError> {
    parse(what, "a list of decisions", text)
}

/// The project's conventions.
pub fn conventions(what: &str, text: &str) -> Result<Conventions, JsonError> {
    parse(what, "conventions", text)
}
