//! Command-line arguments.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use origin_schema_core::analysis::{Format, ReportFormat, Which};

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  drift: `gen-sql --check` found files that differ, `diff` found an unresolved
     divergence, `verify` found the upgraded catalog differs from the end state
  2  bad usage or bad input, or a refusal to generate (an unresolved divergence)";

const INPUTS: &str = "Inputs: --spec BUNDLE.json, or --origin/--current/--decisions/--conventions PATH, \
where PATH is a JSON file, a .sql file or a folder of .sql migrations (applied in lexical order); --current \
also takes postgres://... to read a live database. With no input at all, the built-in preset veza. Files \
given alone make a project of their own (an Origin alone: empty current schema, no decisions, no \
conventions); add --preset NAME to take the parts not given from a preset (a new Origin takes the preset's \
decisions and modules away).";

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
    #[command(after_help = format!("{INPUTS}\n\n{EXIT_CODES}"))]
    GenSql(GenSqlArgs),
    /// Summarize how the current schema diverges from Origin, and what resolves each divergence.
    #[command(after_help = format!("{INPUTS}\n\n{EXIT_CODES}"))]
    Diff(DiffArgs),
    /// Write the divergence report (Markdown, or JSON for tools).
    #[command(after_help = format!("{INPUTS}\n\n{EXIT_CODES}"))]
    Report(ReportArgs),
    /// Write the project as a JSON bundle, or one schema as JSON or plain SQL.
    #[command(after_help = format!("{INPUTS}\n\n{EXIT_CODES}"))]
    Export(ExportArgs),
    /// Prove the generated migrations on a real server: build the current schema in a scratch
    /// database, apply the set twice, and compare its catalog with the end state's.
    #[command(after_help = format!("{INPUTS}\n\n{EXIT_CODES}"))]
    Verify(VerifyArgs),
    /// List the built-in presets.
    #[command(after_help = EXIT_CODES)]
    Presets,
}

/// Where the project comes from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// A project bundle (origin, current, decisions, modules, conventions); see docs/format.md.
    #[arg(long, value_name = "BUNDLE.json")]
    pub spec: Option<PathBuf>,
    /// Origin, the target schema: a .json schema, a .sql file or a folder of .sql migrations.
    #[arg(long, value_name = "PATH")]
    pub origin: Option<PathBuf>,
    /// The current schema: a .json schema, a .sql file, a folder of .sql migrations, or postgres://...
    #[arg(long, value_name = "PATH|URL")]
    pub current: Option<String>,
    /// The decisions: a .json list of decisions.
    #[arg(long, value_name = "PATH")]
    pub decisions: Option<PathBuf>,
    /// The conventions the report checks and the planner follows: a .json object (docs/format.md).
    #[arg(long, value_name = "PATH")]
    pub conventions: Option<PathBuf>,
    /// A built-in preset for the inputs not given (see `origin-schema presets`); the default
    /// project, veza, when no input is given at all.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `text`: a short summary (colour on a terminal, none when piped or NO_COLOR is set); `json`: every divergence.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// List every divergence, not only the unresolved ones and the counts.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `markdown`, or `json` (the same content, for tools).
    #[arg(long, default_value = "markdown", value_parser = PossibleValuesParser::new(ReportFormat::NAMES).try_map(|w| w.parse::<ReportFormat>()))]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `bundle` (the whole project, JSON only), `origin`, `current`, or `aligned` (the end state).
    #[arg(long, default_value = "bundle", value_parser = PossibleValuesParser::new(Which::NAMES).try_map(|w| w.parse::<Which>()))]
    pub which: Which,
    /// `json`, `sql` (plain CREATE statements), `mermaid`, `dbml` or `dot` (Graphviz).
    #[arg(long, default_value = "json", value_parser = PossibleValuesParser::new(Format::NAMES).try_map(|w| w.parse::<Format>()))]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// A server to verify on, through a database to connect to (e.g. postgres://postgres@localhost/postgres).
    /// Two scratch databases are created there and dropped afterwards.
    #[arg(long, value_name = "URL")]
    pub db: String,
}
