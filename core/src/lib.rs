//! origin-schema's core: the schema model, the decision kinds, the diff, the migration
//! planner and the PostgreSQL renderer. Pure Rust, no I/O: the CLI and the wasm
//! package call it, through [`analysis::Analysis`].
//!
//! Layers, each using only those above it in this list (a test checks it):
//! `pg` (PostgreSQL text), `model`, `read`, `step`, `kinds`, `align`, `diff`, `plan`,
//! `sql`, `report` and `diagram`, `analysis`; `input` and `presets` use `model` and
//! `read` only.
//!
//! ```
//! let project = origin_schema_core::presets::veza();
//! let files = origin_schema_core::generate(&project).unwrap();
//! assert_eq!(files[0].name, "001_extensions_and_types.sql");
//! ```

pub mod pg;

pub mod model;

pub mod read;

pub mod step;

pub mod kinds;

pub mod align;

pub mod diff;

pub mod plan;

pub mod sql;

pub mod diagram;
pub mod report;

pub mod analysis;

mod error;
pub mod input;
pub mod presets;

pub use analysis::inputs_sha256;
pub use error::Error;
pub use sql::GeneratedFile;

/// Plan and render the migration files of `project`, in the order they apply.
pub fn generate(project: &model::Project) -> Result<Vec<GeneratedFile>, Error> {
    let analysis = analysis::Analysis::new(project.clone()).map_err(plan::PlanError::from)?;
    Ok(analysis.files()?)
}
