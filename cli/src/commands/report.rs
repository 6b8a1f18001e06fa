//! `origin-schema report`: the divergence report, Markdown or JSON.

use std::fs;
use std::process::ExitCode;

use crate::args::ReportArgs;
use crate::error::CliError;
use crate::{input, output};

pub fn run(args: &ReportArgs) -> Result<ExitCode, CliError> {
    let text = input::analysis(&args.input)?.report_text(args.format);
    match &args.out {
        Some(path) => fs::write(path, text).map_err(CliError::io("cannot write", path))?,
        None => output::text(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
