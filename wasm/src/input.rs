//! The `input` argument → a project, with the CLI's rule (`core::input::assemble`):
//! nothing (the default preset), a bundle, or `{ origin?, current?, decisions?,
//! conventions?, preset? }`: files alone make a project of their own; with `preset`,
//! the parts not given come from it. Names in headers say what kind of input it was,
//! never a path. The SQL reader's warnings are kept.

use origin_schema_core::input::{assemble, Assembled, Inputs, Named};
use origin_schema_core::model::{Conventions, Decision, Project, Schema};
use origin_schema_core::read::{self, sql::SqlFile, sql::Warning};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::convert::{json_kind, json_value, kind_of};
use crate::error::{excerpt, fail, read_failed};

const PARTS: &str = "origin, current, decisions, conventions, preset";
/// The keys only a bundle has (both are required in one): `conventions` is also a part.
const BUNDLE_KEYS: [&str; 2] = ["name", "modules"];

/// The project, and the warnings of the SQL it was read from.
pub struct Read {
    pub assembled: Assembled,
    pub warnings: Vec<Warning>,
}

pub fn project(input: &JsValue) -> Result<Read, JsError> {
    let mut warnings = Vec::new();
    let assembled = assembled(input, &mut warnings)?;
    Ok(Read {
        assembled,
        warnings,
    })
}

fn assembled(input: &JsValue, warnings: &mut Vec<Warning>) -> Result<Assembled, JsError> {
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
    parts(map, warnings)
}

/// A project bundle as it is: its name goes into the headers, as a preset's does.
fn bundle(project: Project) -> Result<Assembled, JsError> {
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

fn parts(map: Map<String, Value>, warnings: &mut Vec<Warning>) -> Result<Assembled, JsError> {
    let mut inputs = Inputs::default();
    for (key, value) in map {
        match key.as_str() {
            "origin" => inputs.origin = schema(&key, value, warnings)?,
            "current" => inputs.current = schema(&key, value, warnings)?,
            "decisions" => inputs.decisions = decisions(value)?,
            "conventions" => inputs.conventions = conventions(value)?,
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

fn build(inputs: Inputs) -> Result<Assembled, JsError> {
    assemble(inputs).map_err(fail)
}

/// A schema: an object, a JSON string, or `{ sql: [{ name, sql }] }` read in order.
fn schema(
    what: &str,
    value: Value,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Named<Schema>>, JsError> {
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
            let read = read::sql::read_files(&files).map_err(read_failed)?;
            warnings.extend(read.warnings);
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

fn conventions(value: Value) -> Result<Option<Named<Conventions>>, JsError> {
    let conventions = match value {
        Value::Null => return Ok(None),
        Value::String(text) => read::json::conventions("conventions", &text).map_err(fail)?,
        Value::Object(map) => parse("conventions", "conventions", Value::Object(map))?,
        other => {
            return Err(fail(format!(
                "conventions must be an object or a JSON string, not {}",
                json_kind(&other)
            )))
        }
    };
    Ok(Some(Named {
        value: conventions,
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
    read::json::from_value(what, expected, value).map_err(fail)
}
