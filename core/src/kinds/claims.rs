//! Which decision speaks for which object of the end state, so that every divergence
//! and every group of statements can name the decision behind it.

use indexmap::IndexMap;

use super::{actions, rules};
use crate::model::{Action, Decision, Project, Schema, Subject};

/// A difference between Origin's object and the current one that a decision may resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// The current schema lacks it: the decision says how it is created.
    Missing,
    /// Only the current schema has it: the decision keeps it.
    Extra,
    /// The column's type, or its default (which follows the type), differs.
    Type,
    /// The column's nullability differs, and the end state takes the current one.
    Nullability,
}

/// Every decision that claims each object, in the order of the decisions.
#[derive(Debug, Default)]
pub struct Claims<'a> {
    by_subject: IndexMap<Subject, Vec<(usize, &'a Decision, &'a Action)>>,
}

impl<'a> Claims<'a> {
    pub fn new(project: &'a Project, end_state: &Schema) -> Self {
        let mut claims = Claims::default();
        for (order, (d, a)) in actions(project).enumerate() {
            for subject in rules(a).claims(end_state) {
                claims
                    .by_subject
                    .entry(subject)
                    .or_default()
                    .push((order, d, a));
            }
        }
        claims
    }

    /// The first decision (and action) that claims one of `subjects` and resolves
    /// `aspect` of it.
    pub fn resolving(
        &self,
        subjects: &[Subject],
        aspect: Aspect,
    ) -> Option<(&'a Decision, &'a Action)> {
        subjects
            .iter()
            .filter_map(|s| self.by_subject.get(s))
            .flatten()
            .filter(|(_, _, a)| rules(a).resolves(aspect))
            .min_by_key(|(order, _, _)| *order)
            .map(|(_, d, a)| (*d, *a))
    }

    /// The decision that claims `subject` as something it creates, if any.
    pub fn creator(&self, subject: &Subject) -> Option<(&'a Decision, &'a Action)> {
        self.resolving(std::slice::from_ref(subject), Aspect::Missing)
    }
}
