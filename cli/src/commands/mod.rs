//! One module per command.

mod gen_sql;
mod presets;

use std::process::ExitCode;

use crate::args::{Cli, Command};
use crate::error::CliError;

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::GenSql(args) => gen_sql::run(&args),
        Command::Presets => presets::run(),
    }
}
