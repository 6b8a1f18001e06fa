//! Built-in presets: projects shipped with the tool, kept as data files in the same
//! JSON format a user writes for their own project.

use crate::model::{Conventions, Decision, Module, Project, Schema};
use serde::de::DeserializeOwned;

/// A preset's files, embedded at build time.
struct PresetFiles {
    name: &'static str,
    description: &'static str,
    origin: &'static str,
    current: &'static str,
    decisions: &'static str,
    modules: &'static str,
    conventions: &'static str,
}

const VEZA: PresetFiles = PresetFiles {
    name: "veza",
    description:
        "The Veza backend: V1 (what production runs) to Origin, keeping the Go code working",
    origin: include_str!("veza/origin.json"),
    current: include_str!("veza/current.json"),
    decisions: include_str!("veza/decisions.json"),
    modules: include_str!("veza/modules.json"),
    conventions: include_str!("veza/conventions.json"),
};

const PRESETS: &[PresetFiles] = &[VEZA];

/// The names and one-line descriptions of the built-in presets.
pub fn list() -> Vec<(&'static str, &'static str)> {
    PRESETS.iter().map(|p| (p.name, p.description)).collect()
}

/// The built-in preset called `name`, if there is one.
pub fn get(name: &str) -> Option<Project> {
    PRESETS.iter().find(|p| p.name == name).map(load)
}

/// The Veza preset: Origin, V1, the 19 decisions and the six modules.
pub fn veza() -> Project {
    load(&VEZA)
}

fn load(files: &PresetFiles) -> Project {
    Project {
        name: files.name.to_string(),
        origin: parse::<Schema>(files.name, "origin.json", files.origin),
        current: parse::<Schema>(files.name, "current.json", files.current),
        decisions: parse::<Vec<Decision>>(files.name, "decisions.json", files.decisions),
        modules: parse::<Vec<Module>>(files.name, "modules.json", files.modules),
        conventions: parse::<Conventions>(files.name, "conventions.json", files.conventions),
    }
}

/// The preset files are part of the program: a parse failure is a build defect that
/// the tests catch, not an input error, hence the panic.
#[allow(clippy::panic)]
fn parse<T: DeserializeOwned>(preset: &str, file: &str, text: &str) -> T {
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => panic!("built-in preset {preset}: {file} is not valid: {e}"),
    }
}
