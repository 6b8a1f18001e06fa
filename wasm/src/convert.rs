//! Values across the boundary: JavaScript → JSON text → core types (so errors read as
//! the CLI's), and core types → plain JavaScript objects and arrays (never Maps).

use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;

use crate::error::{excerpt, fail, thrown};

/// JSON.stringify, with a replacer that refuses what JSON would silently drop or cannot
/// write, so that a mistake is an error rather than a missing field.
fn to_json(value: &JsValue) -> Result<JsValue, JsValue> {
    let replacer = Closure::<dyn FnMut(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        |key: JsValue, v: JsValue| {
            let what = match key.as_string() {
                Some(k) if !k.is_empty() => format!("`{}`", excerpt(&k)),
                _ => "the value".to_string(),
            };
            let kind = if v.is_function() || v.is_symbol() || v.is_bigint() {
                Some(kind_of(&v))
            } else if v.is_instance_of::<js_sys::Map>() {
                Some("a Map")
            } else if v.is_instance_of::<js_sys::Set>() {
                Some("a Set")
            } else {
                None
            };
            match kind {
                Some(kind) => Err(js_sys::TypeError::new(&format!(
                    "{what} is {kind}, which JSON cannot hold (use plain objects, arrays, strings, numbers, booleans)"
                ))
                .into()),
                None => Ok(v),
            }
        },
    );
    js_sys::JSON::stringify_with_replacer(value, replacer.as_ref()).map(JsValue::from)
}

/// What a JavaScript value is, in words, for messages.
pub fn kind_of(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.is_string() {
        "a string"
    } else if v.is_bigint() {
        "a bigint"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_function() {
        "a function"
    } else {
        "an object"
    }
}

/// The kind of a JSON value, in words, for messages.
pub fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// An object or array (`what` names it in errors) as a JSON value.
pub fn json_value(what: &str, v: &JsValue) -> Result<serde_json::Value, JsError> {
    let text = to_json(v)
        .map_err(|e| thrown(&format!("{what} cannot be read"), &e))?
        .as_string()
        .ok_or_else(|| fail(format!("{what} cannot be read: it is {}", kind_of(v))))?;
    serde_json::from_str(&text).map_err(|e| fail(format!("{what} cannot be read: {e}")))
}

/// A core value as a plain JavaScript value.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&Serializer::json_compatible())
        .map_err(|e| fail(format!("cannot convert the result to JavaScript: {e}")))
}

/// One of `choices`, given as a string argument called `what`.
pub fn choice(what: &str, v: &JsValue, choices: &[&'static str]) -> Result<&'static str, JsError> {
    let expected = choices.join(", ");
    match v.as_string() {
        Some(s) => choices.iter().find(|c| **c == s).copied().ok_or_else(|| {
            fail(format!(
                "unknown {what} `{}` (expected one of: {expected})",
                excerpt(&s)
            ))
        }),
        None => Err(fail(format!(
            "{what} must be a string (one of: {expected}), not {}",
            kind_of(v)
        ))),
    }
}
