//! Putting a project together from the inputs a user gives, with one rule for every
//! front end (CLI and wasm): what is not given comes from the bundle or the built-in
//! preset, except that a new Origin without decisions means no decisions.

use thiserror::Error;

use crate::model::{Conventions, Decision, Module, Project, Schema};
use crate::presets;

/// One input and the name it goes by in headers (a file name, never a path).
#[derive(Debug, Clone)]
pub struct Named<T> {
    pub value: T,
    pub name: String,
}

/// What the user gave.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub spec: Option<Named<Project>>,
    pub origin: Option<Named<Schema>>,
    pub current: Option<Named<Schema>>,
    pub decisions: Option<Named<Vec<Decision>>>,
    /// The preset for what is not given; `veza` when None.
    pub preset: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("no built-in preset `{name}` (available: {available})")]
    UnknownPreset { name: String, available: String },
}

/// The default preset.
pub const DEFAULT_PRESET: &str = "veza";

pub fn assemble(inputs: Inputs) -> Result<Project, InputError> {
    let mut sources = Vec::new();
    let from_spec = inputs.spec.is_some();
    // The base (bundle or preset) is named only when it still provides a schema or the
    // decisions: a new Origin without decisions takes the base's decisions away.
    let base_provides =
        inputs.current.is_none() || (inputs.origin.is_none() && inputs.decisions.is_none());
    let mut project = match inputs.spec {
        Some(spec) => {
            if base_provides || from_spec {
                sources.push(spec.name);
            }
            spec.value
        }
        None => {
            let name = inputs.preset.as_deref().unwrap_or(DEFAULT_PRESET);
            let p = presets::get(name).ok_or_else(|| InputError::UnknownPreset {
                name: name.to_string(),
                available: presets::list()
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            if base_provides {
                sources.push(p.name.clone());
            }
            p
        }
    };
    let decisions_given = inputs.decisions.is_some();
    if let Some(origin) = inputs.origin {
        project.origin = origin.value;
        sources.push(format!("origin {}", origin.name));
        if !decisions_given {
            project.decisions = Vec::new();
        }
        if !from_spec {
            // The preset's modules and conventions describe the preset's tables.
            project.modules = Module::default_layout(&project.origin);
            project.conventions = Conventions::default();
        }
    }
    if let Some(current) = inputs.current {
        project.current = current.value;
        sources.push(format!("current {}", current.name));
    }
    if let Some(decisions) = inputs.decisions {
        project.decisions = decisions.value;
        sources.push(format!("decisions {}", decisions.name));
    }
    project.name = sources.join(", ");
    Ok(project)
}
