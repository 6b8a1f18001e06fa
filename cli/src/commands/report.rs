//! `origin-schema report`: the divergence report, Markdown or JSON.

use std::fs;
use std::process::ExitCode;

use origin_schema_core::report;

use crate::args::{ReportArgs, ReportFormat};
use crate::error::CliError;
use crate::{input, output};

pub fn run(args: &ReportArgs) -> Result<ExitCode, CliError> {
    let project = input::project(&args.input)?;
    let r = report::report(&project)?;
    let text = match args.format {
        ReportFormat::Markdown => report::to_markdown(&r),
        ReportFormat::Json => {
            let mut json = serde_json::to_string_pretty(&r).map_err(|e| CliError::Input {
                path: "report".into(),
                message: e.to_string(),
            })?;
            json.push('\n');
            json
        }
    };
    match &args.out {
        Some(path) => fs::write(path, text).map_err(CliError::io("cannot write", path))?,
        None => output::text(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
