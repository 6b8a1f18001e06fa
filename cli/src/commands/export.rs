//! `origin-schema export`: the project bundle as JSON, or one schema as JSON, SQL or a
//! diagram.

use std::fs;
use std::process::ExitCode;

use origin_schema_core::analysis::{export_project, Export, ExportError};

use crate::args::ExportArgs;
use crate::error::CliError;
use crate::{input, output};

pub fn run(args: &ExportArgs) -> Result<ExitCode, CliError> {
    let export = Export {
        which: args.which,
        format: args.format,
    };
    let text = export_project(input::project(&args.input)?, export).map_err(|e| match e {
        ExportError::BundleIsJson { .. } => CliError::Usage(
            "only --format json exports the whole bundle: add --which origin, current or aligned"
                .into(),
        ),
        ExportError::Align(e) => origin_schema_core::Error::from(e).into(),
        other => CliError::Usage(other.to_string()),
    })?;
    match &args.out {
        Some(path) => fs::write(path, text).map_err(CliError::io("cannot write", path))?,
        None => output::text(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
