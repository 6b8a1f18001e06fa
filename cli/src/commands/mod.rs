//! One module per command.

mod diff;
mod export;
mod gen_sql;
mod presets;
mod report;
mod verify;

use std::process::ExitCode;

use crate::args::{Cli, Command};
use crate::error::CliError;

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::GenSql(args) => gen_sql::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Verify(args) => verify::run(&crate::input::analysis(&args.input)?, &args.db),
        Command::Presets => presets::run(),
    }
}
