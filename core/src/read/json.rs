//! JSON → model: a schema, a project bundle, or a list of decisions.

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::model::{Decision, Project, Schema};

fn parse<T: DeserializeOwned>(what: &str, expected: &'static str, text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|source| Error::Json {
        what: what.to_string(),
        expected,
        source,
    })
}

/// A schema (`{"tables": ...}`); `what` names the input in errors (a file name).
pub fn schema(what: &str, text: &str) -> Result<Schema, Error> {
    parse(what, "a schema", text)
}

/// A project bundle: origin, current, decisions, modules and conventions.
pub fn project(what: &str, text: &str) -> Result<Project, Error> {
    parse(what, "a project bundle", text)
}

/// A list of decisions.
pub fn decisions(what: &str, text: &str) -> Result<Vec<Decision>, Error> {
    parse(what, "a list of decisions", text)
}
