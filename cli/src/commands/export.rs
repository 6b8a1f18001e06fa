//! `origin-schema export`: the project bundle as JSON, or one schema as JSON, SQL or a
//! diagram.

use std::fs;
use std::process::ExitCode;

use origin_schema_core::analysis::{without_end_state, Analysis, Export, ExportError};

use crate::args::ExportArgs;
use crate::error::CliError;
use crate::{input, output};

pub fn run(args: &ExportArgs) -> Result<ExitCode, CliError> {
    let export = Export {
        which: args.which,
        format: args.format,
    };
    // Only the end state needs the analysis: Origin and the current schema export even
    // when the decisions cannot be applied.
    let project = input::project(&args.input)?;
    let text = match without_end_state(&project, export) {
        Some(text) => text,
        None => Analysis::new(project)
            .map_err(origin_schema_core::Error::from)?
            .export(export),
    };
    let text = text.map_err(|e| match e {
        ExportError::BundleIsJson { .. } => CliError::Usage(
            "only --format json exports the whole bundle: add --which origin, current or aligned"
                .into(),
        ),
        other => CliError::Usage(other.to_string()),
    })?;
    match &args.out {
        Some(path) => fs::write(path, text).map_err(CliError::io("cannot write", path))?,
        None => output::text(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
