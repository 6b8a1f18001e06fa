//! Putting a project together from the inputs a user gives, with one rule for every
//! front end (CLI, wasm, the explorer):
//!
//! - nothing given: the built-in default preset;
//! - a bundle (`--spec`): that project, with the files given replacing its parts;
//! - files without a bundle or a preset: a project of their own. Origin alone has an
//!   empty current schema and no decisions; conventions apply only when given; the
//!   modules are the default layout of Origin;
//! - files with a preset named: the missing parts come from that preset, and
//!   [`Assembled::from_preset`] says which. A new Origin takes the preset's decisions and
//!   modules away (they describe the preset's Origin).

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
    pub conventions: Option<Named<Conventions>>,
    /// The preset named for the parts not given.
    pub preset: Option<String>,
}

/// The project, and which of its parts a preset supplied beside the user's files.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub project: Project,
    /// The preset and the parts taken from it, when files were given with `preset`.
    pub from_preset: Option<(String, Vec<&'static str>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("no built-in preset `{name}` (available: {available})")]
    UnknownPreset { name: String, available: String },
}

/// The default preset: what runs when nothing is given.
pub const DEFAULT_PRESET: &str = "veza";

pub fn assemble(inputs: Inputs) -> Result<Assembled, InputError> {
    let files_given = inputs.origin.is_some()
        || inputs.current.is_some()
        || inputs.decisions.is_some()
        || inputs.conventions.is_some();
    let mut sources = Vec::new();
    let mut from_preset = None;
    let (mut project, base_is_spec) = match (inputs.spec, &inputs.preset) {
        (Some(spec), _) => {
            sources.push(spec.name);
            (spec.value, true)
        }
        (None, Some(name)) => (preset(name)?, false),
        (None, None) if !files_given => (preset(DEFAULT_PRESET)?, false),
        (None, None) => (Project::default(), false),
    };
    let own = !base_is_spec && inputs.preset.is_none() && files_given;
    if !base_is_spec && !own {
        // What the preset still supplies, for the header and the note.
        let mut parts = Vec::new();
        if inputs.origin.is_none() {
            parts.extend(["origin", "modules"]);
            if inputs.decisions.is_none() {
                parts.push("decisions");
            }
        }
        if inputs.current.is_none() {
            parts.push("current");
        }
        if inputs.conventions.is_none() {
            parts.push("conventions");
        }
        if parts
            .iter()
            .any(|p| matches!(*p, "origin" | "current" | "decisions"))
        {
            sources.push(project.name.clone());
        }
        if files_given {
            from_preset = Some((project.name.clone(), parts));
        }
    }
    if let Some(origin) = inputs.origin {
        project.origin = origin.value;
        sources.push(format!("origin {}", origin.name));
        if !base_is_spec {
            // The preset's decisions and modules describe the preset's Origin.
            project.decisions = Vec::new();
            project.modules = Module::default_layout(&project.origin);
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
    if let Some(conventions) = inputs.conventions {
        // Not named in the headers: they shape the report, and the digest covers them.
        project.conventions = conventions.value;
    }
    if own && project.modules.is_empty() {
        project.modules = Module::default_layout(&project.origin);
    }
    project.name = sources.join(", ");
    Ok(Assembled {
        project,
        from_preset,
    })
}

fn preset(name: &str) -> Result<Project, InputError> {
    presets::get(name).ok_or_else(|| InputError::UnknownPreset {
        name: name.to_string(),
        available: presets::list()
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", "),
    })
}
