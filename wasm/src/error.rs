//! Every failure leaves as a JavaScript `Error` whose message says what is wrong.

use std::fmt::Display;

use wasm_bindgen::{JsCast, JsError, JsValue};

/// Longer messages are cut: they may quote a huge input back (an unknown key, a value).
const MAX_MESSAGE_CHARS: usize = 16 * 1024;

/// The one conversion: a message (a core error, a serde error, our own words) becomes
/// the `Error` the exported function throws.
pub fn fail(message: impl Display) -> JsError {
    let message = message.to_string();
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => JsError::new(&format!(
            "{}… (cut: {} more characters)",
            &message[..cut],
            message[cut..].chars().count()
        )),
        None => JsError::new(&message),
    }
}

/// A failed SQL read: its error, then the warnings gathered before it, which a user
/// fixing the error wants too (the CLI prints them above its error line).
pub fn read_failed(e: origin_schema_core::read::sql::ReadError) -> JsError {
    if e.warnings.is_empty() {
        return fail(e.error);
    }
    let warnings: Vec<String> = e
        .warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.file, w.line, w.message))
        .collect();
    fail(format!(
        "{} (warnings before it: {})",
        e.error,
        warnings.join("; ")
    ))
}

/// What JavaScript threw while we read a value (a cycle, a BigInt...), after `what`.
pub fn thrown(what: &str, value: &JsValue) -> JsError {
    let reason = match value.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => value
            .as_string()
            .unwrap_or_else(|| "it cannot be read".into()),
    };
    fail(format!("{what}: {reason}"))
}

/// At most 60 characters of a string the user gave, for a message.
pub fn excerpt(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
