//! The end state: Origin with the decisions applied ("aligned"). This is what the
//! generated migrations converge on, from an empty database or from the current one;
//! the diff measures the current schema against it and the planner builds it. What
//! each decision does to it is in its kind's file (`crate::kinds`).

use thiserror::Error;

use crate::kinds::{actions, rules, DecisionError, Shaping};
use crate::model::{validate_schema, ModelError, Project, Schema};

/// Why the end state cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AlignError {
    /// Origin, the current schema or the result refers to something it lacks.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A decision that cannot be carried out as written.
    #[error(transparent)]
    Decision(#[from] DecisionError),
}

/// Origin with every decision of `project` applied: legacy names and columns kept,
/// relaxed constraints, indexes renamed rather than dropped, and the sync functions
/// and triggers the decisions need.
pub fn aligned(project: &Project) -> Result<Schema, AlignError> {
    validate_schema("origin", &project.origin)?;
    validate_schema("current", &project.current)?;
    let mut end_state = project.origin.clone();
    // Shape first (names and columns), then what refers to the shaped tables.
    for (decision, action) in actions(project) {
        rules(action).shape(&mut Shaping {
            project,
            decision,
            end_state: &mut end_state,
        })?;
    }
    for (decision, action) in actions(project) {
        rules(action).sync(&mut Shaping {
            project,
            decision,
            end_state: &mut end_state,
        })?;
    }
    validate_schema("end state", &end_state)?;
    Ok(end_state)
}
