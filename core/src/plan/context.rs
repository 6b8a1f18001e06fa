//! What every planning step reads.

use super::modules::Assignment;
use super::reason::{Reason, What};
use crate::kinds::Claims;
use crate::model::{Action, Decision, Project, Schema, Subject};

#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub project: &'a Project,
    pub end_state: &'a Schema,
    pub assignment: &'a Assignment<'a>,
    pub claims: &'a Claims<'a>,
}

impl Ctx<'_> {
    /// The reason for creating `subject`: the decision that claims it, or the implicit add.
    pub(crate) fn add_reason(&self, subject: &Subject, what: What) -> Reason {
        match self.claims.creator(subject) {
            Some((d, a)) => decision_reason(d, a),
            None => Reason::Add(what),
        }
    }
}

/// The reason a decision gives a group of statements.
pub(crate) fn decision_reason(d: &Decision, a: &Action) -> Reason {
    Reason::Decision {
        id: d.id,
        kind: a.kind(),
        title: d.title.clone(),
    }
}
