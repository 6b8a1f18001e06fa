//! PostgreSQL text: the plan's steps as idempotent statements, files with headers.

mod backfill;
mod block;
pub(crate) mod bodies;
mod ddl;
pub mod export;
mod expr;
mod file;
mod guard;
mod keywords;
mod quote;
mod step;

pub use file::Provenance;
pub use quote::{dollar_quote, quote_ident, quote_literal};

use crate::plan::Plan;
use crate::GeneratedFile;

/// Render every file of `plan`.
pub fn render(plan: &Plan, provenance: &Provenance) -> Vec<GeneratedFile> {
    plan.files
        .iter()
        .map(|f| GeneratedFile {
            name: f.name.clone(),
            sql: file::render(f, provenance),
        })
        .collect()
}
