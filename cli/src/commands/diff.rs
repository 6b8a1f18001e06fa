//! `origin-schema diff`: a short, readable summary; exit 1 when a divergence is unresolved.

use std::io::IsTerminal;
use std::process::ExitCode;

use origin_schema_core::diff::{Divergence, Resolution};

use crate::args::{DiffArgs, DiffFormat};
use crate::error::{CliError, EXIT_DRIFT};
use crate::{input, output};

pub fn run(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let analysis = input::analysis(&args.input)?;
    let all = analysis.divergences();
    let unresolved = analysis.unresolved();
    match args.format {
        DiffFormat::Json => {
            let json = serde_json::to_string_pretty(all).map_err(|e| CliError::Input {
                path: "divergences".into(),
                message: e.to_string(),
            })?;
            output::line(&json)?;
        }
        DiffFormat::Text => output::text(&summary(
            &analysis.project().name,
            all,
            args.verbose,
            Colors::detect(),
        ))?,
    }
    Ok(if unresolved > 0 {
        ExitCode::from(EXIT_DRIFT)
    } else {
        ExitCode::SUCCESS
    })
}

/// ANSI colours on a terminal, none when piped or when NO_COLOR is set.
#[derive(Clone, Copy)]
struct Colors {
    on: bool,
}

impl Colors {
    fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Colors {
            on: std::io::stdout().is_terminal() && !no_color,
        }
    }
    fn paint(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn summary(project: &str, all: &[Divergence], verbose: bool, c: Colors) -> String {
    let by_decision = all
        .iter()
        .filter(|d| matches!(d.resolution, Resolution::Decision { .. }))
        .count();
    let added = all
        .iter()
        .filter(|d| d.resolution == Resolution::Add)
        .count();
    let unresolved: Vec<&Divergence> = all.iter().filter(|d| d.is_unresolved()).collect();
    let mut out = format!(
        "{}: {} divergences: {} resolved by decisions, {} added (no decision needed), {}\n",
        project,
        all.len(),
        by_decision,
        added,
        if unresolved.is_empty() {
            c.paint("32", "0 unresolved")
        } else {
            c.paint("31;1", &format!("{} unresolved", unresolved.len()))
        }
    );
    if verbose {
        let mut table: Option<String> = None;
        for d in all {
            let t = d
                .table()
                .map_or_else(|| "(schema)".to_string(), ToString::to_string);
            if table.as_deref() != Some(t.as_str()) {
                out.push_str(&format!("\n{}\n", c.paint("1", &t)));
                table = Some(t);
            }
            let mark = match d.resolution {
                Resolution::Unresolved => c.paint("31", "✗"),
                Resolution::Add => c.paint("32", "+"),
                Resolution::Decision { .. } => c.paint("36", "✓"),
            };
            out.push_str(&format!("  {mark} {d}  [{}]\n", d.resolution_text()));
        }
    } else if !unresolved.is_empty() {
        out.push_str("\nunresolved (each needs a decision):\n");
        for d in &unresolved {
            out.push_str(&format!("  {} {d}\n", c.paint("31", "✗")));
        }
    }
    out
}
