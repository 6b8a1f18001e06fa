//! What can be exported, parsed once for both faces: which part of the project ×
//! which format, and the text of each pair.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use thiserror::Error;

use super::Analysis;
use crate::align::AlignError;
use crate::diagram;
use crate::model::{Project, Schema};
use crate::sql::export::schema_sql;

/// Which part of the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The whole project (JSON only).
    Bundle,
    Origin,
    Current,
    /// The end state: Origin with the decisions applied.
    Aligned,
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// Plain `CREATE` statements.
    Sql,
    /// A Mermaid `erDiagram`.
    Mermaid,
    /// DBML (dbdiagram.io).
    Dbml,
    /// Graphviz DOT.
    Dot,
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Json,
}

/// One export: a part of the project in a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Export {
    pub which: Which,
    pub format: Format,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("unknown {what} `{given}` (expected one of: {})", expected.join(", "))]
    Unknown {
        what: &'static str,
        given: String,
        expected: &'static [&'static str],
    },
    #[error("only the json format exports the whole bundle: choose origin, current or aligned for {format}")]
    BundleIsJson { format: &'static str },
    /// The end state was asked for and cannot be built.
    #[error(transparent)]
    Align(#[from] AlignError),
}

/// Names in both directions, for a type whose values are spelled as words.
macro_rules! words {
    ($ty:ident, $what:literal, $($variant:ident = $word:literal),*) => {
        impl $ty {
            /// Every value's name, as the command line and JavaScript spell it.
            pub const NAMES: &'static [&'static str] = &[$($word),*];

            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $word,)*
                }
            }
        }

        impl FromStr for $ty {
            type Err = ExportError;
            fn from_str(s: &str) -> Result<Self, ExportError> {
                match s {
                    $($word => Ok($ty::$variant),)*
                    _ => Err(ExportError::Unknown {
                        what: $what,
                        given: s.chars().take(60).collect(),
                        expected: Self::NAMES,
                    }),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

words!(
    Which,
    "which",
    Bundle = "bundle",
    Origin = "origin",
    Current = "current",
    Aligned = "aligned"
);
words!(
    Format,
    "format",
    Json = "json",
    Sql = "sql",
    Mermaid = "mermaid",
    Dbml = "dbml",
    Dot = "dot"
);
words!(ReportFormat, "format", Markdown = "markdown", Json = "json");

impl Export {
    /// Parse both words, as given on the command line or from JavaScript.
    pub fn parse(which: &str, format: &str) -> Result<Export, ExportError> {
        Ok(Export {
            which: which.parse()?,
            format: format.parse()?,
        })
    }
}

pub(super) fn render(analysis: &Analysis, export: Export) -> Result<String, ExportError> {
    match without_end_state(analysis.project(), export) {
        Some(text) => text,
        None => Ok(schema_text(analysis.end_state(), export.format)),
    }
}

/// One export of `project`, for a face that has no analysis yet: the end state is
/// analysed only when it is asked for, so that the bundle, Origin and the current schema
/// export even when the decisions cannot be applied.
pub fn export_project(project: Project, export: Export) -> Result<String, ExportError> {
    match without_end_state(&project, export) {
        Some(text) => text,
        None => Analysis::new(project)?.export(export),
    }
}

/// An export that does not need the end state; `None` for the end state.
fn without_end_state(project: &Project, export: Export) -> Option<Result<String, ExportError>> {
    let schema = match export.which {
        Which::Aligned => return None,
        Which::Origin => &project.origin,
        Which::Current => &project.current,
        Which::Bundle => {
            return Some(match export.format {
                Format::Json => Ok(json(project)),
                other => Err(ExportError::BundleIsJson {
                    format: other.name(),
                }),
            })
        }
    };
    Some(Ok(schema_text(schema, export.format)))
}

fn schema_text(schema: &Schema, format: Format) -> String {
    match format {
        Format::Json => json(schema),
        Format::Sql => schema_sql(schema),
        Format::Mermaid => diagram::mermaid(schema),
        Format::Dbml => diagram::dbml(schema),
        Format::Dot => diagram::dot(schema),
    }
}

/// Pretty JSON and a final line break. The model serializes to JSON without fail
/// (string keys, no floats), so a failure here would be a defect: it yields `null`.
pub(super) fn json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    text.push('\n');
    text
}
