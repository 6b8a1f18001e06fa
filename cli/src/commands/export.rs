//! `origin-schema export`: the project bundle as JSON, or one schema as JSON or SQL.

use std::fs;
use std::process::ExitCode;

use origin_schema_core::align::aligned;
use origin_schema_core::diagram;
use origin_schema_core::sql::export::schema_sql;

use crate::args::{ExportArgs, ExportFormat, Which};
use crate::error::CliError;
use crate::{input, output};

pub fn run(args: &ExportArgs) -> Result<ExitCode, CliError> {
    let project = input::project(&args.input)?;
    let schema = match args.which {
        Which::Bundle => None,
        Which::Origin => Some(project.origin.clone()),
        Which::Current => Some(project.current.clone()),
        Which::Aligned => Some(aligned(&project).map_err(origin_schema_core::Error::from)?),
    };
    let json = |value: Result<String, serde_json::Error>| {
        value.map(|s| s + "\n").map_err(|e| CliError::Input {
            path: "export".into(),
            message: e.to_string(),
        })
    };
    let text = match (args.format, &schema) {
        (ExportFormat::Json, None) => json(serde_json::to_string_pretty(&project))?,
        (ExportFormat::Json, Some(s)) => json(serde_json::to_string_pretty(s))?,
        (ExportFormat::Sql, Some(s)) => schema_sql(s),
        (ExportFormat::Mermaid, Some(s)) => diagram::mermaid(s),
        (ExportFormat::Dbml, Some(s)) => diagram::dbml(s),
        (ExportFormat::Dot, Some(s)) => diagram::dot(s),
        (_, None) => return Err(CliError::Usage(
            "only --format json exports the whole bundle: add --which origin, current or aligned"
                .into(),
        )),
    };
    match &args.out {
        Some(path) => fs::write(path, text).map_err(CliError::io("cannot write", path))?,
        None => output::text(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
