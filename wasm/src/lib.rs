//! origin-schema for JavaScript: the core compiled to WebAssembly. Thin on purpose: it
//! converts arguments, calls the core, and converts results; every failure is a thrown
//! `Error` with a message (see `error.rs`).
//!
//! [`Analysis`] holds one analysed project (built once, queried many times: the
//! divergences, the files, the report, every export). The free functions (`diff`,
//! `genSql`, `report`, `exportSchema`) build one and ask it one thing, for callers that
//! need one answer. `input` is a project bundle (object or JSON string) or `{ origin?,
//! current?, decisions?, conventions?, preset? }`, assembled by the CLI's rule.
//!
//! A panic never leaves the module broken: the hook installed at start-up turns it into
//! a thrown `Error` carrying the panic's message and schedules a fresh instance for the
//! next call. Objects made before the panic lived in the old instance's memory: every
//! use of one throws "Invalid stale object from previous Wasm instance…" (the first one
//! too, thanks to `wasm/patch-glue.mjs`); make them again.

mod convert;
mod error;
mod input;

use origin_schema_core::analysis::{self, Export, ReportFormat, Which};
use origin_schema_core::input::Assembled;
use origin_schema_core::read::sql::Warning;
use origin_schema_core::{presets as core_presets, read};
use wasm_bindgen::prelude::*;

use convert::{choice, to_js};
use error::{fail, read_failed};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Installs the panic hook when the module is instantiated (again after a reinit).
/// `private`: it runs by itself and is not one of the package's exports.
#[wasm_bindgen(start, private)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        // The instance is unusable after a panic (its stack and state are half-way):
        // the next call to any export gets a fresh one.
        wasm_bindgen::handler::schedule_reinit();
        wasm_bindgen::throw_str(&format!("origin-schema panicked: {info}"));
    }));
}

/// For the package's tests only: panics with `message`, to show that the panic reaches
/// JavaScript as an `Error` and that the next call works.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests(message: String) {
    #[allow(clippy::panic)]
    {
        panic!("{message}");
    }
}

/// One project analysed once: its end state, divergences and plan (or refusal).
#[wasm_bindgen(js_name = Analysis)]
#[derive(Debug)]
pub struct JsAnalysis {
    analysis: analysis::Analysis,
    warnings: Vec<Warning>,
    from_preset: Option<(String, Vec<&'static str>)>,
}

#[wasm_bindgen(js_class = Analysis)]
impl JsAnalysis {
    /// Assemble `input` (the CLI's rule) and analyse it.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Input | null | undefined")] input: JsValue,
    ) -> Result<JsAnalysis, JsError> {
        let read = input::project(&input)?;
        let Assembled {
            project,
            from_preset,
        } = read.assembled;
        Ok(JsAnalysis {
            analysis: analysis::Analysis::new(project).map_err(fail)?,
            warnings: read.warnings,
            from_preset,
        })
    }

    /// The project's name, as file headers give it.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.analysis.project().name.clone()
    }

    /// The SHA-256 of the inputs, as file headers give it.
    #[wasm_bindgen(getter, js_name = inputsSha256)]
    pub fn inputs_sha256(&self) -> String {
        self.analysis.inputs_sha256().to_string()
    }

    /// What the SQL reader could not model, file by file.
    #[wasm_bindgen(getter, unchecked_return_type = "SqlWarning[]")]
    pub fn warnings(&self) -> Result<JsValue, JsError> {
        to_js(&self.warnings)
    }

    /// The preset and the parts it supplied beside the files given, if any.
    #[wasm_bindgen(getter, js_name = fromPreset, unchecked_return_type = "FromPreset | undefined")]
    pub fn from_preset(&self) -> Result<JsValue, JsError> {
        match &self.from_preset {
            None => Ok(JsValue::UNDEFINED),
            Some((preset, parts)) => to_js(&FromPreset { preset, parts }),
        }
    }

    /// The project as a bundle.
    #[wasm_bindgen(unchecked_return_type = "Project")]
    pub fn project(&self) -> Result<JsValue, JsError> {
        to_js(self.analysis.project())
    }

    /// Origin, the current schema, or the end state (`aligned`).
    #[wasm_bindgen(unchecked_return_type = "Schema")]
    pub fn schema(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SchemaWhich")] which: JsValue,
    ) -> Result<JsValue, JsError> {
        let which: Which = choice("which", &which, &["origin", "current", "aligned"])?
            .parse()
            .map_err(fail)?;
        match self.analysis.schema(which) {
            Some(schema) => to_js(schema),
            None => Err(fail("the bundle is not a schema")),
        }
    }

    /// Every divergence of the current schema from Origin, and what resolves it.
    #[wasm_bindgen(unchecked_return_type = "Divergence[]")]
    pub fn divergences(&self) -> Result<JsValue, JsError> {
        to_js(self.analysis.divergences())
    }

    /// How many divergences no decision resolves.
    pub fn unresolved(&self) -> usize {
        self.analysis.unresolved()
    }

    /// The migration files, in the order they apply; throws the planner's refusal.
    #[wasm_bindgen(unchecked_return_type = "GeneratedFile[]")]
    pub fn files(&self) -> Result<JsValue, JsError> {
        to_js(&self.analysis.files().map_err(fail)?)
    }

    /// The divergence report: Markdown text, or the report as an object.
    #[wasm_bindgen(unchecked_return_type = "string | Report")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: JsValue,
    ) -> Result<JsValue, JsError> {
        let format: ReportFormat = choice("format", &format, ReportFormat::NAMES)?
            .parse()
            .map_err(fail)?;
        match format {
            ReportFormat::Markdown => Ok(JsValue::from_str(
                &self.analysis.report_text(ReportFormat::Markdown),
            )),
            ReportFormat::Json => to_js(&self.analysis.report()),
        }
    }

    /// The bundle as JSON (`bundle`), or one schema as JSON, SQL or a diagram.
    pub fn export(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ExportWhich")] which: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: JsValue,
    ) -> Result<String, JsError> {
        let which = choice("which", &which, Which::NAMES)?;
        let format = choice("format", &format, analysis::Format::NAMES)?;
        let export = Export::parse(which, format).map_err(fail)?;
        self.analysis.export(export).map_err(fail)
    }
}

#[derive(serde::Serialize)]
struct FromPreset<'a> {
    preset: &'a str,
    parts: &'a [&'static str],
}

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
    let read = read::sql::read_files(&files).map_err(read_failed)?;
    to_js(&SqlRead {
        schema: &read.schema,
        warnings: &read.warnings,
    })
}

#[derive(serde::Serialize)]
struct SqlRead<'a> {
    schema: &'a origin_schema_core::model::Schema,
    warnings: &'a [Warning],
}

/// Every divergence of the current schema from Origin: `new Analysis(input).divergences()`.
#[wasm_bindgen(js_name = diff, unchecked_return_type = "Divergence[]")]
pub fn diff(
    #[wasm_bindgen(unchecked_optional_param_type = "Input | null")] input: JsValue,
) -> Result<JsValue, JsError> {
    JsAnalysis::new(input)?.divergences()
}

/// The migration files (what `gen-sql --out` writes): `new Analysis(input).files()`.
#[wasm_bindgen(js_name = genSql, unchecked_return_type = "GeneratedFile[]")]
pub fn gen_sql(
    #[wasm_bindgen(unchecked_optional_param_type = "Input | null")] input: JsValue,
) -> Result<JsValue, JsError> {
    JsAnalysis::new(input)?.files()
}

/// The divergence report: `new Analysis(input).report(format)`.
#[wasm_bindgen(js_name = report, unchecked_return_type = "string | Report")]
pub fn report(
    #[wasm_bindgen(unchecked_param_type = "Input | null | undefined")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: JsValue,
) -> Result<JsValue, JsError> {
    // The format is checked before the (costlier) analysis, as before.
    choice("format", &format, ReportFormat::NAMES)?;
    JsAnalysis::new(input)?.report(format)
}

/// One schema as JSON, SQL or a diagram: `new Analysis(input).export(which, format)`.
#[wasm_bindgen(js_name = exportSchema)]
pub fn export_schema(
    #[wasm_bindgen(unchecked_param_type = "Input | null | undefined")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SchemaWhich")] which: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: JsValue,
) -> Result<String, JsError> {
    let which = choice("which", &which, &["origin", "current", "aligned"])?;
    let format = choice("format", &format, analysis::Format::NAMES)?;
    let export = Export::parse(which, format).map_err(fail)?;
    analysis::export_project(input::project(&input)?.assembled.project, export).map_err(fail)
}
