//! What every planning step reads.

use super::modules::Assignment;
use crate::align::claims::Claims;
use crate::model::{Project, Schema, TriggerEvent};

#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub project: &'a Project,
    pub aligned: &'a Schema,
    pub assignment: &'a Assignment<'a>,
    pub claims: &'a Claims<'a>,
}

impl Ctx<'_> {
    /// The triggers a back-fill of `table` pauses: those of the end state that run the
    /// convention's `updated_at` function on UPDATE, so back-filled rows keep their
    /// `updated_at`.
    pub(crate) fn pause_triggers(&self, table: &str) -> Vec<String> {
        let function = &self.project.conventions.updated_at_function;
        self.aligned
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
