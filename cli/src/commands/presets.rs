//! `origin-schema presets`

use std::process::ExitCode;

use origin_schema_core::presets;

use crate::error::CliError;

pub fn run() -> Result<ExitCode, CliError> {
    for (name, description) in presets::list() {
        crate::output::line(&format!("{name}\t{description}"))?;
    }
    Ok(ExitCode::SUCCESS)
}
