//! Decision kinds, one file each. A kind's file answers everything the pipeline asks
//! of it through [`Kind`]: its effect on the end state, the sync objects it needs, the
//! objects it claims, the names it pairs, which divergences it resolves, and its steps.
//! Its words are [`ActionKind::words`]. Nothing outside these files looks inside an
//! [`Action`]: the rest of the core asks [`rules`].
//!
//! Adding a kind: one line in `model::decision`'s `actions!` list with its data
//! struct, one file here with `impl Kind`, one line in [`rules`], one fixture folder
//! under `core/tests/fixtures/pipeline/`, and one entry each in `docs/decisions.md` and
//! `wasm/src/types.d.ts` (a test checks all of them).

mod add;
mod claims;
mod convert_type;
mod derive;
mod error;
mod extract;
mod keep_legacy_column;
mod keep_legacy_name;
mod lookup;
mod r#move;
mod names;
mod relax;
mod rename;
mod rename_index;
mod sync;

pub use claims::{Aspect, Claims};
pub use error::DecisionError;
pub use names::{derived_renames, DerivedRenames, Pair, Paired, Renamed, TableNames};

use crate::model::{Action, Decision, Project, Schema, Subject, TriggerEvent};
use crate::step::{Held, Step};

/// What the pipeline asks of a decision kind. Every kind answers every question, if
/// only with "nothing": a new kind cannot compile while silently doing nothing.
pub trait Kind {
    /// First pass over the end state: names and columns (rename, keep, relax, ...).
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError>;
    /// Second pass, once every table has its shape: the functions and triggers the
    /// decision needs, and the checks of what it refers to in the end state.
    fn sync(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError>;
    /// The objects of the end state it speaks for: divergences about them and the
    /// statements that create them name this decision.
    fn claims(&self, end_state: &Schema) -> Vec<Subject>;
    /// Which differences of the objects it claims it resolves.
    fn resolves(&self, aspect: Aspect) -> bool;
    /// The columns and indexes it pairs between Origin and the current schema.
    fn pairs(&self) -> Vec<Pair>;
    /// The functions and triggers its own steps create (no module lists them).
    fn creates(&self) -> Vec<Subject>;
    /// Steps that turn the current table `table` into the end state's, if any.
    fn table_steps(&self, cx: &Planning<'_>, table: &str) -> Option<TableSteps>;
    /// Steps of its own, in the file of the last table they touch (sync triggers and
    /// back-fills), if any.
    fn own_steps(&self, cx: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError>;
}

/// The one dispatch from an action to its kind's rules. No other code matches on
/// [`Action`] (`core/tests/kinds.rs` checks it); a wildcard here is refused too.
#[deny(clippy::wildcard_enum_match_arm)]
pub fn rules(action: &Action) -> &dyn Kind {
    match action {
        Action::Add(a) => a,
        Action::KeepLegacyName(a) => a,
        Action::KeepLegacyColumn(a) => a,
        Action::Relax(a) => a,
        Action::Rename(a) => a,
        Action::ConvertType(a) => a,
        Action::Derive(a) => a,
        Action::Move(a) => a,
        Action::Extract(a) => a,
        Action::RenameIndex(a) => a,
    }
}

/// Every action of the project with its decision, in order.
pub fn actions(project: &Project) -> impl Iterator<Item = (&Decision, &Action)> {
    project
        .decisions
        .iter()
        .flat_map(|d| d.actions.iter().map(move |a| (d, a)))
}

/// What shaping the end state reads and writes.
#[derive(Debug)]
pub struct Shaping<'a> {
    pub project: &'a Project,
    pub decision: &'a Decision,
    /// Origin with the decisions before this one applied.
    pub end_state: &'a mut Schema,
}

/// What planning a decision's steps reads.
#[derive(Debug, Clone, Copy)]
pub struct Planning<'a> {
    pub project: &'a Project,
    pub decision: &'a Decision,
    pub end_state: &'a Schema,
}

impl Planning<'_> {
    /// The triggers a back-fill of `table` pauses: those of the end state that run the
    /// convention's `updated_at` function on UPDATE, so back-filled rows keep their
    /// `updated_at`. None without that convention.
    pub fn pause_triggers(&self, table: &str) -> Vec<String> {
        let Some(function) = &self.project.conventions.updated_at_function else {
            return Vec::new();
        };
        self.end_state
            .tables
            .get(table)
            .map(|t| {
                t.triggers
                    .iter()
                    .filter(|(_, tr)| {
                        tr.function == *function && tr.events.contains(&TriggerEvent::Update)
                    })
                    .map(|(name, _)| name.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Where a kind's steps on an existing table go, among the table's own steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePhase {
    /// Before the new columns: renames and conversions of existing columns.
    Reshape,
    /// With the indexes, before the missing ones are created.
    Indexes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSteps {
    pub phase: TablePhase,
    pub steps: Vec<Step>,
}

/// A decision's own steps: they go into the file of the last of `tables`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnSteps {
    pub tables: Vec<String>,
    pub held: Held,
    pub steps: Vec<Step>,
}
