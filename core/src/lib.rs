//! origin-schema's core: the schema model, the Veza preset, the migration planner and
//! the PostgreSQL renderer. Pure Rust, no I/O: the CLI and the wasm package call it.
//!
//! ```
//! let project = origin_schema_core::presets::veza();
//! let files = origin_schema_core::generate(&project).unwrap();
//! assert_eq!(files[0].name, "001_extensions_and_types.sql");
//! ```

pub mod align;
pub mod diagram;
pub mod diff;
mod error;
pub mod input;
pub mod model;
pub mod plan;
pub mod presets;
pub mod read;
pub mod report;
pub mod sql;

pub use error::Error;

use sha2::{Digest, Sha256};

/// One generated migration file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GeneratedFile {
    pub name: String,
    pub sql: String,
}

/// Plan and render the migration files of `project`, in the order they apply.
pub fn generate(project: &model::Project) -> Result<Vec<GeneratedFile>, Error> {
    let plan = plan::plan(project)?;
    let provenance = sql::Provenance {
        source: project.name.clone(),
        inputs_sha256: inputs_sha256(project),
    };
    Ok(sql::render(&plan, &provenance))
}

/// SHA-256 (hex) of the project's content as canonical JSON: the same inputs, the same
/// digest, whichever program (CLI or wasm) computes it and whatever the inputs are called.
pub fn inputs_sha256(project: &model::Project) -> String {
    let content = model::Project {
        name: String::new(),
        ..project.clone()
    };
    let json = serde_json::to_string(&content).unwrap_or_default();
    Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
