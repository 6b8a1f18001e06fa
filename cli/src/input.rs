//! Turning the input options into an analysed project: a bundle, a preset, and the
//! schemas, decisions and conventions given on the command line, read from JSON, SQL or
//! a live database. The rule that puts them together is core's (`input::assemble`).

use std::fs;
use std::path::Path;

use origin_schema_core::analysis::Analysis;
use origin_schema_core::input::{assemble, Inputs, Named};
use origin_schema_core::model::{Project, Schema};
use origin_schema_core::read;
use origin_schema_core::read::sql::{read_files, SqlFile, Warning};

use crate::args::InputArgs;
use crate::error::CliError;

/// The project, and what the SQL reader could not model.
pub struct Loaded {
    pub project: Project,
    pub warnings: Vec<Warning>,
}

/// Build the project, print the reader's warnings on stderr, and analyse it.
pub fn analysis(input: &InputArgs) -> Result<Analysis, CliError> {
    let project = project(input)?;
    Ok(Analysis::new(project).map_err(origin_schema_core::Error::from)?)
}

/// Build the project and print the reader's warnings on stderr.
pub fn project(input: &InputArgs) -> Result<Project, CliError> {
    let loaded = load(input)?;
    print_warnings(&loaded.warnings);
    Ok(loaded.project)
}

fn print_warnings(warnings: &[Warning]) {
    for w in warnings {
        eprintln!(
            "origin-schema: warning: {}:{}: {}",
            w.file, w.line, w.message
        );
    }
}

pub fn load(input: &InputArgs) -> Result<Loaded, CliError> {
    let mut warnings = Vec::new();
    let spec = match &input.spec {
        Some(path) => Some(Named {
            value: read::json::project(&display_name(path), &read_text(path)?)
                .map_err(origin_schema_core::Error::from)?,
            name: display_name(path),
        }),
        None => None,
    };
    let origin = match &input.origin {
        Some(path) => Some(Named {
            value: schema_from_path(path, &mut warnings)?,
            name: display_name(path),
        }),
        None => None,
    };
    let current = match &input.current {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Some(Named {
                value: crate::db::read_schema(url)?,
                name: "live database".into(),
            })
        }
        Some(path) => {
            let path = Path::new(path);
            Some(Named {
                value: schema_from_path(path, &mut warnings)?,
                name: display_name(path),
            })
        }
        None => None,
    };
    let decisions = match &input.decisions {
        Some(path) => Some(Named {
            value: read::json::decisions(&display_name(path), &read_text(path)?)
                .map_err(origin_schema_core::Error::from)?,
            name: display_name(path),
        }),
        None => None,
    };
    let conventions = match &input.conventions {
        Some(path) => Some(Named {
            value: read::json::conventions(&display_name(path), &read_text(path)?)
                .map_err(origin_schema_core::Error::from)?,
            name: display_name(path),
        }),
        None => None,
    };
    let assembled = assemble(Inputs {
        spec,
        origin,
        current,
        decisions,
        conventions,
        preset: input.preset.clone(),
    })
    .map_err(origin_schema_core::Error::from)?;
    if let Some((preset, parts)) = &assembled.from_preset {
        if !parts.is_empty() {
            eprintln!(
                "origin-schema: note: {} from preset {preset}",
                parts.join(", ")
            );
        }
    }
    Ok(Loaded {
        project: assembled.project,
        warnings,
    })
}

/// A schema from a .json file, a .sql file, or a folder of .sql migrations.
fn schema_from_path(path: &Path, warnings: &mut Vec<Warning>) -> Result<Schema, CliError> {
    let files = if path.is_dir() {
        let mut names: Vec<String> = fs::read_dir(path)
            .map_err(CliError::io("cannot list", path))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(CliError::Input {
                path: path.display().to_string(),
                message: "the folder holds no .sql file".into(),
            });
        }
        names
            .into_iter()
            .map(|name| {
                let sql = read_text(&path.join(&name))?;
                Ok(SqlFile { name, sql })
            })
            .collect::<Result<Vec<_>, CliError>>()?
    } else if has_extension(path, "sql") {
        vec![SqlFile {
            name: display_name(path),
            sql: read_text(path)?,
        }]
    } else if has_extension(path, "json") {
        return Ok(read::json::schema(&display_name(path), &read_text(path)?)
            .map_err(origin_schema_core::Error::from)?);
    } else if !path.exists() {
        return Err(CliError::Input {
            path: path.display().to_string(),
            message: "no such file or folder".into(),
        });
    } else {
        return Err(CliError::Input {
            path: path.display().to_string(),
            message: "expected a .json or .sql file, or a folder of .sql migrations".into(),
        });
    };
    match read_files(&files) {
        Ok(read) => {
            warnings.extend(read.warnings);
            Ok(read.schema)
        }
        Err(e) => {
            // The warnings gathered before the error still tell the user something.
            warnings.extend(e.warnings);
            print_warnings(warnings);
            Err(origin_schema_core::Error::Sql(e.error).into())
        }
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn read_text(path: &Path) -> Result<String, CliError> {
    fs::read_to_string(path).map_err(CliError::io("cannot read", path))
}

/// The name a header shows: the file or folder name, never an absolute path.
fn display_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if path.is_dir() {
        format!("{name}/")
    } else {
        name
    }
}
