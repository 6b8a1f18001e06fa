//! origin-schema for JavaScript: the core compiled to WebAssembly. Thin on purpose: each
//! function converts its arguments, calls the core, and converts the result; every
//! failure is a thrown `Error` with a message (see `error.rs`), never a trap.
//!
//! `input` is a project bundle (object or JSON string) or `{ origin?, current?,
//! decisions?, preset? }`; what is not given comes from the preset, as on the CLI.

mod convert;
mod error;
mod input;

use origin_schema_core::{align, diagram, presets as core_presets, read, report as core_report};
use wasm_bindgen::prelude::*;

use convert::{choice, to_js};
use error::fail;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The names of the built-in presets.
#[wasm_bindgen(js_name = presets)]
pub fn presets() -> Vec<String> {
    core_presets::list()
        .iter()
        .map(|(name, _)| name.to_string())
        .collect()
}

/// A project bundle (the JSON of the CLI's `--spec`), checked and with defaults filled in.
#[wasm_bindgen(js_name = loadSpec, unchecked_return_type = "Project")]
pub fn load_spec(
    #[wasm_bindgen(unchecked_param_type = "string | Bundle")] json: JsValue,
) -> Result<JsValue, JsError> {
    let project = match json.as_string() {
        Some(text) => read::json::project("spec", &text).map_err(fail)?,
        None if json.is_object() => {
            let value = convert::json_value("spec", &json)?;
            input::parse("spec", "a project bundle", value)?
        }
        None => {
            return Err(fail(format!(
                "spec must be a JSON string or a project bundle object, not {}",
                convert::kind_of(&json)
            )))
        }
    };
    to_js(&project)
}

/// The schema that SQL migrations build, applied in the order given, and what the
/// reader could not model.
#[wasm_bindgen(js_name = readSql, unchecked_return_type = "SqlRead")]
pub fn read_sql(
    #[wasm_bindgen(unchecked_param_type = "SqlFile[]")] files: JsValue,
) -> Result<JsValue, JsError> {
    if !files.is_object() {
        return Err(fail(format!(
            "files must be an array of {{ name, sql }}, not {}",
            convert::kind_of(&files)
        )));
    }
    let value = convert::json_value("files", &files)?;
    let files = input::sql_files("files", Some(value))?;
    let read = read::sql::read_files(&files).map_err(fail)?;
    to_js(&SqlRead {
        schema: &read.schema,
        warnings: &read.warnings,
    })
}

#[derive(serde::Serialize)]
struct SqlRead<'a> {
    schema: &'a origin_schema_core::model::Schema,
    warnings: &'a [read::sql::Warning],
}

/// Every divergence of the current schema from Origin, and what resolves it.
#[wasm_bindgen(js_name = diff, unchecked_return_type = "Divergence[]")]
pub fn diff(
    #[wasm_bindgen(unchecked_optional_param_type = "Input | null")] input: JsValue,
) -> Result<JsValue, JsError> {
    let project = input::project(&input)?;
    to_js(&origin_schema_core::diff::diff(&project).map_err(fail)?)
}

/// The migration files, in the order they apply (what `gen-sql --out` writes).
#[wasm_bindgen(js_name = genSql, unchecked_return_type = "GeneratedFile[]")]
pub fn gen_sql(
    #[wasm_bindgen(unchecked_optional_param_type = "Input | null")] input: JsValue,
) -> Result<JsValue, JsError> {
    let project = input::project(&input)?;
    to_js(&origin_schema_core::generate(&project).map_err(fail)?)
}

/// The divergence report: Markdown text, or the report as an object.
#[wasm_bindgen(js_name = report, unchecked_return_type = "string | Report")]
pub fn report(
    #[wasm_bindgen(unchecked_param_type = "Input | null | undefined")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: JsValue,
) -> Result<JsValue, JsError> {
    let format = choice("format", &format, &["markdown", "json"])?;
    let project = input::project(&input)?;
    let report = core_report::report(&project).map_err(fail)?;
    match format {
        "markdown" => Ok(JsValue::from_str(&core_report::to_markdown(&report))),
        _ => to_js(&report),
    }
}

/// One schema (Origin, the current one, or the end state) as JSON, SQL or a diagram.
#[wasm_bindgen(js_name = exportSchema)]
pub fn export_schema(
    #[wasm_bindgen(unchecked_param_type = "Input | null | undefined")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Which")] which: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: JsValue,
) -> Result<String, JsError> {
    let which = choice("which", &which, &["origin", "current", "aligned"])?;
    let format = choice(
        "format",
        &format,
        &["json", "sql", "mermaid", "dbml", "dot"],
    )?;
    let project = input::project(&input)?;
    let schema = match which {
        "origin" => project.origin,
        "current" => project.current,
        _ => align::aligned(&project).map_err(fail)?,
    };
    Ok(match format {
        "json" => serde_json::to_string_pretty(&schema).map_err(fail)? + "\n",
        "sql" => origin_schema_core::sql::export::schema_sql(&schema),
        "mermaid" => diagram::mermaid(&schema),
        "dbml" => diagram::dbml(&schema),
        _ => diagram::dot(&schema),
    })
}
