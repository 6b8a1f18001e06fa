//! PostgreSQL text of a plan: each step as an idempotent statement (`Display`), units as
//! files with headers; and a schema as plain `CREATE` statements (`export`).

mod backfill;
mod block;
mod ddl;
pub mod export;
mod file;
mod guard;
mod step;

pub use crate::pg::{dollar_quote, quote_ident, quote_literal};
pub use file::Provenance;

use crate::plan::Plan;

/// One generated migration file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GeneratedFile {
    pub name: String,
    pub sql: String,
}

/// Render every unit of `plan` as a file.
pub fn render(plan: &Plan, provenance: &Provenance) -> Vec<GeneratedFile> {
    plan.units
        .iter()
        .map(|u| GeneratedFile {
            name: u.name.clone(),
            sql: file::render(u, provenance),
        })
        .collect()
}
