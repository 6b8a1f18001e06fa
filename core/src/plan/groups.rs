//! Collecting steps under their reasons.

use super::reason::Reason;
use super::Group;
use crate::step::Step;

/// Steps of one section of a file, merged by reason in first-seen order, so that all
/// the columns one decision adds stand under one comment.
#[derive(Debug, Default)]
pub(crate) struct Groups(Vec<Group>);

impl Groups {
    pub(crate) fn add(&mut self, reason: Reason, step: Step) {
        match self.0.iter_mut().find(|g| g.reason == reason) {
            Some(group) => group.steps.push(step),
            None => self.0.push(Group {
                reason,
                steps: vec![step],
            }),
        }
    }

    pub(crate) fn add_all(&mut self, reason: Reason, steps: Vec<Step>) {
        for step in steps {
            self.add(reason.clone(), step);
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Group> {
        self.0
    }
}
