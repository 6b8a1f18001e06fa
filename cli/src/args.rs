//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  drift: `gen-sql --check` found files that differ from what gen-sql writes
  2  bad usage or bad input, or a refusal to generate (an unresolved divergence)";

#[derive(Debug, Parser)]
#[command(
    name = "origin-schema",
    version,
    about = "Move a live PostgreSQL database to the schema it was meant to have, without breaking the code that runs on it.",
    long_about = "Move a live PostgreSQL database to the schema it was meant to have, without breaking the code that runs on it.\n\norigin-schema models the target schema (Origin), the current schema and the compatibility decisions between them, and generates ordered, idempotent migration SQL. The built-in preset `veza` is the default project.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate the migration files (or check that a folder holds them unchanged).
    #[command(after_help = EXIT_CODES)]
    GenSql(GenSqlArgs),
    /// List the built-in presets.
    #[command(after_help = EXIT_CODES)]
    Presets,
}

/// Where the project comes from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The built-in preset to use (see `origin-schema presets`).
    #[arg(long, value_name = "NAME", default_value = "veza")]
    pub preset: String,
}

#[derive(Debug, Args)]
pub struct GenSqlArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub target: GenSqlTarget,
}

/// Exactly one of these.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct GenSqlTarget {
    /// Write the files into DIR (created when missing; other files are left alone).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print the files, each after a `-- file: NAME` line.
    #[arg(long)]
    pub stdout: bool,
    /// Compare DIR with what gen-sql would write: name each file that is missing,
    /// differs, or is an extra `.sql` file, and exit 1 if there is any (other files in
    /// DIR are ignored; a missing DIR means every file is missing).
    #[arg(long, value_name = "DIR")]
    pub check: Option<PathBuf>,
}
