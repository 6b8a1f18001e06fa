//! The whole pipeline, one fixture folder per case under `fixtures/pipeline/`: the
//! inputs, and what the analysis gives for them.
//!
//! Inputs: `origin.sql` (or `origin.json`), optional `current.sql` / `current.json`,
//! `decisions.json`, `conventions.json` and `modules.json`; or `project.json`, a whole
//! bundle (for schemas SQL cannot even state). The project is put together by the same
//! rule as the command line's (files of their own, no preset).
//!
//! Expected: `expected/*.sql` (the generated files), `end_state.sql` (the end state's
//! export), `diff.json` and `report.md`; `error.txt` when the analysis fails or the
//! planner refuses. `UPDATE_EXPECTED=1 cargo test -p origin-schema-core --test pipeline`
//! rewrites them: read the diff before committing. The PostgreSQL suite
//! (`tests/tests/pipeline_fixtures.rs`) applies every generated set for real.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use origin_schema_core::align::AlignError;
use origin_schema_core::analysis::{Analysis, ReportFormat};
use origin_schema_core::input::{assemble, Inputs, Named};
use origin_schema_core::kinds::DecisionError;
use origin_schema_core::model::{ActionKind, ModelError, Project, Schema};
use origin_schema_core::plan::PlanError;
use origin_schema_core::read::{self, sql::SqlFile};
use origin_schema_core::sql::export::schema_sql;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipeline")
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn text(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok()
}

/// A schema from `<name>.sql` or `<name>.json` in `dir`, if either is there.
fn schema(dir: &Path, name: &str) -> Option<Named<Schema>> {
    if let Some(sql) = text(&dir.join(format!("{name}.sql"))) {
        let file = format!("{name}.sql");
        let read = read::sql::read_files(&[SqlFile {
            name: file.clone(),
            sql,
        }])
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        assert!(
            read.warnings.is_empty(),
            "{}: {:?}",
            dir.display(),
            read.warnings
        );
        return Some(Named {
            value: read.schema,
            name: file,
        });
    }
    let json = text(&dir.join(format!("{name}.json")))?;
    Some(Named {
        value: read::json::schema(name, &json).unwrap(),
        name: format!("{name}.json"),
    })
}

/// The case's project, by the command line's rule.
pub fn project(dir: &Path) -> Project {
    if let Some(bundle) = text(&dir.join("project.json")) {
        return read::json::project("project.json", &bundle).unwrap();
    }
    let named = |file: &str| text(&dir.join(file)).map(|t| (file.to_string(), t));
    let inputs = Inputs {
        origin: schema(dir, "origin"),
        current: schema(dir, "current"),
        decisions: named("decisions.json").map(|(name, t)| Named {
            value: read::json::decisions(&name, &t).unwrap(),
            name,
        }),
        conventions: named("conventions.json").map(|(name, t)| Named {
            value: read::json::conventions(&name, &t).unwrap(),
            name,
        }),
        ..Inputs::default()
    };
    let mut project = assemble(inputs).unwrap().project;
    if let Some(modules) = text(&dir.join("modules.json")) {
        project.modules = serde_json::from_str(&modules).unwrap();
    }
    project
}

/// What went wrong in a case, by error type and variant, e.g. `PlanError::LaterModule`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Variant(&'static str, &'static str);

/// An exhaustive match that names each variant, and the list of all of them: a new
/// variant does not compile until it is listed here, and once listed it needs a case.
macro_rules! variants {
    ($fn:ident, $all:ident, $ty:ident, [$($v:ident),* $(,)?]) => {
        fn $fn(e: &$ty) -> Variant {
            match e {
                $($ty::$v { .. } => Variant(stringify!($ty), stringify!($v)),)*
            }
        }
        const $all: &[Variant] = &[$(Variant(stringify!($ty), stringify!($v)),)*];
    };
}

variants!(
    plan_variant,
    PLAN_ERRORS,
    PlanError,
    [
        Align,
        NotNullWithoutDefault,
        CollationWithDependent,
        Unresolved,
        BadModuleFile,
        Unassigned,
        AssignedTwice,
        UnknownInModule,
        LaterModule,
        LabelUsedTooEarly,
    ]
);
variants!(
    decision_variant,
    DECISION_ERRORS,
    DecisionError,
    [
        UnknownTable,
        UnknownColumn,
        UnknownObject,
        NotLegacy,
        NoUniqueKey,
        KeyWithoutValue,
        NoLink,
        IdentityNeedsEnum,
        Duplicate,
        RefusingMap,
    ]
);
variants!(
    model_variant,
    MODEL_ERRORS,
    ModelError,
    [
        UnknownColumn,
        UnknownReferencedTable,
        UnknownTriggerFunction,
        UnknownExtension,
        PublicExtensionSchema,
        TwoPrimaryKeys,
        Empty,
    ]
);

/// Every variant the cases must reach: `Align` stands for its parts.
fn all_variants() -> BTreeSet<&'static Variant> {
    PLAN_ERRORS
        .iter()
        .chain(DECISION_ERRORS)
        .chain(MODEL_ERRORS)
        .filter(|v| **v != Variant("PlanError", "Align"))
        .collect()
}

fn align_variant(e: &AlignError) -> Variant {
    match e {
        AlignError::Model(m) => model_variant(m),
        AlignError::Decision(d) => decision_variant(d),
    }
}

/// Run one case: compare every output with the expected files; the variant of the error,
/// if the case ends in one.
fn run(dir: &Path) -> (Vec<String>, Option<Variant>) {
    let project = project(dir);
    let mut problems = Vec::new();
    let mut check = |file: &str, actual: &str| {
        problems.extend(common::check_file(&dir.join(file), actual));
    };
    let analysis = match Analysis::new(project) {
        Ok(a) => a,
        Err(e) => {
            check("error.txt", &format!("{e}\n"));
            return (problems, Some(align_variant(&e)));
        }
    };
    let mut json = serde_json::to_string_pretty(analysis.divergences()).unwrap();
    json.push('\n');
    check("diff.json", &json);
    check("report.md", &analysis.report_text(ReportFormat::Markdown));
    check("end_state.sql", &schema_sql(analysis.end_state()));
    let variant = match analysis.files() {
        Ok(files) => {
            let files: Vec<(String, String)> = files.into_iter().map(|f| (f.name, f.sql)).collect();
            problems.extend(common::check_dir(&dir.join("expected"), ".sql", &files));
            None
        }
        Err(e) => {
            check("error.txt", &format!("{e}\n"));
            let variant = match &e {
                PlanError::Align(a) => align_variant(a),
                other => plan_variant(other),
            };
            Some(variant)
        }
    };
    (problems, variant)
}

#[test]
fn every_case_gives_its_expected_outputs() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut problems = Vec::new();
    for dir in &cases {
        let (p, variant) = run(dir);
        problems.extend(p);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        // A case named error-<Type>-<Variant> must end in exactly that error.
        if let Some(expected) = name.strip_prefix("error-") {
            let got = variant.map(|Variant(t, v)| format!("{t}-{v}"));
            if got.as_deref() != Some(expected) {
                problems.push(format!("{name}: ends in {got:?}, not {expected}"));
            }
        } else if let Some(v) = variant {
            problems.push(format!("{name}: unexpected {}::{}", v.0, v.1));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_error_variant_has_a_case() {
    let reached: BTreeSet<Variant> = cases().iter().filter_map(|d| run(d).1).collect();
    let missing: Vec<String> = all_variants()
        .into_iter()
        .filter(|v| !reached.contains(*v))
        .map(|Variant(t, v)| format!("error-{t}-{v}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no case reaches these (add a folder, or remove a variant no input can reach): {missing:?}"
    );
}

#[test]
fn every_decision_kind_has_a_case() {
    for kind in ActionKind::ALL {
        let name = serde_json::to_value(kind).unwrap();
        let name = name.as_str().unwrap();
        let case = fixtures().join(format!("kind-{name}"));
        assert!(case.is_dir(), "no case {}", case.display());
        let project = project(&case);
        assert!(
            project
                .decisions
                .iter()
                .flat_map(|d| &d.actions)
                .any(|a| a.kind() == *kind),
            "{} has no {name} decision",
            case.display()
        );
    }
}
