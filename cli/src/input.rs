//! Turning the input options into a project.

use origin_schema_core::model::Project;
use origin_schema_core::presets;

use crate::args::InputArgs;
use crate::error::CliError;

pub fn project(input: &InputArgs) -> Result<Project, CliError> {
    presets::get(&input.preset).ok_or_else(|| CliError::UnknownPreset {
        name: input.preset.clone(),
        available: presets::list()
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", "),
    })
}
