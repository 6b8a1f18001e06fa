//! One project analysed once: its end state, its divergences and its plan (or the
//! planner's refusal), with every output as a method. The command line and the wasm
//! package both call this; neither recomputes what it already holds.

mod export;

pub use export::{export_project, Export, ExportError, Format, ReportFormat, Which};

use sha2::{Digest, Sha256};

use crate::align::{aligned, AlignError};
use crate::diff::{self, Divergence};
use crate::model::{Project, Schema};
use crate::plan::{self, Plan, PlanError};
use crate::report::{self, Report};
use crate::sql::{self, GeneratedFile, Provenance};

/// A project and everything computed from it.
#[derive(Debug, Clone)]
pub struct Analysis {
    project: Project,
    end_state: Schema,
    divergences: Vec<Divergence>,
    plan: Result<Plan, PlanError>,
    inputs_sha256: String,
}

impl Analysis {
    /// Analyse `project`. Fails only when the end state cannot be built (a schema that
    /// refers to what it lacks, a decision about what does not exist); a divergence
    /// without a decision is not a failure here: [`Analysis::plan`] holds the refusal.
    pub fn new(project: Project) -> Result<Self, AlignError> {
        let end_state = aligned(&project)?;
        let divergences = diff::against(&project, &end_state);
        let plan = plan::plan(&project, &end_state, &divergences);
        let inputs_sha256 = inputs_sha256(&project);
        Ok(Analysis {
            project,
            end_state,
            divergences,
            plan,
            inputs_sha256,
        })
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Origin with the decisions applied: what the migrations converge on.
    pub fn end_state(&self) -> &Schema {
        &self.end_state
    }

    pub fn divergences(&self) -> &[Divergence] {
        &self.divergences
    }

    /// How many divergences no decision resolves.
    pub fn unresolved(&self) -> usize {
        self.divergences
            .iter()
            .filter(|d| d.is_unresolved())
            .count()
    }

    /// The plan, or why the planner refuses.
    pub fn plan(&self) -> Result<&Plan, &PlanError> {
        self.plan.as_ref()
    }

    /// SHA-256 (hex) of the project's content, as every file header gives it.
    pub fn inputs_sha256(&self) -> &str {
        &self.inputs_sha256
    }

    /// The migration files, in the order they apply.
    pub fn files(&self) -> Result<Vec<GeneratedFile>, PlanError> {
        let provenance = Provenance {
            source: self.project.name.clone(),
            inputs_sha256: self.inputs_sha256.clone(),
        };
        Ok(sql::render(
            self.plan.as_ref().map_err(Clone::clone)?,
            &provenance,
        ))
    }

    /// The divergence report.
    pub fn report(&self) -> Report {
        report::build(&self.project, &self.divergences, self.plan.as_ref())
    }

    /// The report as text: Markdown, or its JSON twin.
    pub fn report_text(&self, format: ReportFormat) -> String {
        let report = self.report();
        match format {
            ReportFormat::Markdown => report::to_markdown(&report),
            ReportFormat::Json => export::json(&report),
        }
    }

    /// One schema of the project: Origin, the current one or the end state (the bundle
    /// is not a schema).
    pub fn schema(&self, which: Which) -> Option<&Schema> {
        match which {
            Which::Bundle => None,
            Which::Origin => Some(&self.project.origin),
            Which::Current => Some(&self.project.current),
            Which::Aligned => Some(&self.end_state),
        }
    }

    /// The bundle as JSON, or one schema as JSON, SQL or a diagram.
    pub fn export(&self, export: Export) -> Result<String, ExportError> {
        export::render(self, export)
    }
}

/// SHA-256 (hex) of the project's content as canonical JSON: the same inputs, the same
/// digest, whichever program (CLI or wasm) computes it and whatever the inputs are called.
pub fn inputs_sha256(project: &Project) -> String {
    let content = Project {
        name: String::new(),
        ..project.clone()
    };
    let json = serde_json::to_string(&content).unwrap_or_default();
    Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
