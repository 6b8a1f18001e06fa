//! The `input` argument → a project, with the CLI's rule (`core::input::assemble`):
//! a bundle, or `{ origin?, current?, decisions?, preset? }` where what is not given comes
//! from the preset. Names in headers say what kind of input it was, never a path.

use origin_schema_core::input::{assemble, Inputs, Named};
use origin_schema_core::model::{Decision, Project, Schema};
use origin_schema_core::read::{self, sql::SqlFile};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::convert::{json_kind, json_value, kind_of};
use crate::error::{excerpt, fail};

const PARTS: &str = "origin, current, decisions, preset";
const BUNDLE_KEYS: [&str; 3] = ["name", "modules", "conventions"];

pub fn project(input: &JsValue) -> Result<Project, JsError> {
    if input.is_undefined() || input.is_null() {
        return build(Inputs::default());
    }
    if let Some(text) = input.as_string() {
        return bundle(read::json::project("input", &text).map_err(fail)?);
    }
    if !input.is_object() {
        return Err(fail(format!(
            "input must be a project bundle or {{ {PARTS} }}, not {}",
            kind_of(input)
        )));
    }
    let map = match json_value("input", input)? {
        Value::Object(map) => map,
        other => {
            return Err(fail(format!(
                "input must be a project bundle or {{ {PARTS} }}, not {}",
                json_kind(&other)
            )))
        }
    };
    if BUNDLE_KEYS.iter().any(|k| map.contains_key(*k)) {
        return bundle(parse("input", "a project bundle", Value::Object(map))?);
    }
    parts(map)
}

/// A project bundle as it is: its name goes into the headers, as a preset's does.
fn bundle(project: Project) -> Result<Project, JsError> {
    // A header is a comment line: a line break in the name must not end it.
    let name = project.name.replace(|c: char| c.is_control(), " ");
    build(Inputs {
        spec: Some(Named {
            value: project,
            name,
        }),
        ..Inputs::default()
    })
}

fn parts(map: Map<String, Value>) -> Result<Project, JsError> {
    let mut inputs = Inputs::default();
    for (key, value) in map {
        match key.as_str() {
            "origin" => inputs.origin = schema(&key, value)?,
            "current" => inputs.current = schema(&key, value)?,
            "decisions" => inputs.decisions = decisions(value)?,
            "preset" => {
                inputs.preset = match value {
                    Value::Null => None,
                    Value::String(s) => Some(s),
                    other => {
                        return Err(fail(format!(
                            "preset must be a string, not {}",
                            json_kind(&other)
                        )))
                    }
                }
            }
            _ => {
                return Err(fail(format!(
                    "input has an unknown key `{}`: expected {PARTS}, or a project bundle \
                     (name, origin, current, decisions, modules, conventions)",
                    excerpt(&key)
                )))
            }
        }
    }
    build(inputs)
}

fn build(inputs: Inputs) -> Result<Project, JsError> {
    assemble(inputs).map_err(fail)
}

/// A schema: an object, a JSON string, or `{ sql: [{ name, sql }] }` read in order.
fn schema(what: &str, value: Value) -> Result<Option<Named<Schema>>, JsError> {
    let json = |value| {
        Some(Named {
            value,
            name: "(json)".into(),
        })
    };
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(json(read::json::schema(what, &text).map_err(fail)?)),
        Value::Object(mut map) if map.contains_key("sql") => {
            if let Some(extra) = map.keys().find(|k| *k != "sql") {
                return Err(fail(format!(
                    "{what} has an unknown key `{}` next to `sql`",
                    excerpt(extra)
                )));
            }
            let files = sql_files(&format!("{what}.sql"), map.remove("sql"))?;
            if files.is_empty() {
                return Err(fail(format!("{what}.sql holds no file")));
            }
            let read = read::sql::read_files(&files).map_err(fail)?;
            let n = files.len();
            Ok(Some(Named {
                value: read.schema,
                name: format!("({n} sql file{})", if n == 1 { "" } else { "s" }),
            }))
        }
        Value::Object(map) => Ok(json(parse(what, "a schema", Value::Object(map))?)),
        other => Err(fail(format!(
            "{what} must be a schema object, a JSON string or {{ sql: [{{ name, sql }}] }}, not {}",
            json_kind(&other)
        ))),
    }
}

fn decisions(value: Value) -> Result<Option<Named<Vec<Decision>>>, JsError> {
    let list = match value {
        Value::Null => return Ok(None),
        Value::String(text) => read::json::decisions("decisions", &text).map_err(fail)?,
        Value::Array(items) => parse("decisions", "a list of decisions", Value::Array(items))?,
        other => {
            return Err(fail(format!(
                "decisions must be an array or a JSON string, not {}",
                json_kind(&other)
            )))
        }
    };
    Ok(Some(Named {
        value: list,
        name: "(json)".into(),
    }))
}

/// `[{ name, sql }]`, as `what` (e.g. `files`, `origin.sql`).
pub fn sql_files(what: &str, value: Option<Value>) -> Result<Vec<SqlFile>, JsError> {
    match value {
        Some(Value::Array(items)) => parse(what, "a list of { name, sql }", Value::Array(items)),
        Some(other) => Err(fail(format!(
            "{what} must be an array of {{ name, sql }}, not {}",
            json_kind(&other)
        ))),
        None => Err(fail(format!("{what} must be an array of {{ name, sql }}"))),
    }
}

/// A JSON value as `T`, failing as core's JSON readers do.
pub fn parse<T: DeserializeOwned>(
    what: &str,
    expected: &'static str,
    value: Value,
) -> Result<T, JsError> {
    serde_json::from_value(value).map_err(|source| {
        fail(origin_schema_core::Error::Json {
            what: what.to_string(),
            expected,
            source,
        })
    })
}
