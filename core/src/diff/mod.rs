//! Model × model → divergences: every place where the current schema differs from
//! Origin, each with its kind and what resolves it (a decision, the implicit add, or
//! nothing). Tables and columns are compared with Origin; names that decisions derive
//! (constraints, indexes, triggers) with the end state.

mod describe;
mod divergence;
mod tables;

pub use divergence::{Divergence, Kind, Resolution};

use crate::align::claims::{Claims, Key};
use crate::model::{Project, Schema};
use crate::plan::PlanError;

/// The divergences of `project`'s current schema from its Origin, resolved by its decisions.
pub fn diff(project: &Project) -> Result<Vec<Divergence>, PlanError> {
    Ok(against(project, &crate::align::aligned(project)?))
}

/// The divergences, given the end state already computed (the planner has it).
pub(crate) fn against(project: &Project, aligned: &Schema) -> Vec<Divergence> {
    let claims = Claims::new(project, aligned);
    let ctx = Ctx {
        project,
        aligned,
        claims: &claims,
    };
    let mut out = Vec::new();
    schema_objects(&ctx, &mut out);
    tables::tables(&ctx, &mut out);
    out
}

/// The divergences between two schemas, with no decisions: what `current` lacks is
/// added, anything else is unresolved. `schemas(a, a)` is empty.
pub fn schemas(origin: &Schema, current: &Schema) -> Result<Vec<Divergence>, PlanError> {
    diff(&Project {
        name: String::new(),
        origin: origin.clone(),
        current: current.clone(),
        decisions: Vec::new(),
        modules: Vec::new(),
        conventions: Default::default(),
    })
}

pub(crate) struct Ctx<'a> {
    pub project: &'a Project,
    pub aligned: &'a Schema,
    pub claims: &'a Claims<'a>,
}

impl Ctx<'_> {
    /// The resolution of an object the end state has and the current schema lacks.
    pub(crate) fn added(&self, key: &Key) -> Resolution {
        match self.claims.get(key) {
            Some((d, a)) => Resolution::Decision {
                id: d.id,
                kind: a.kind_name().to_string(),
            },
            None => Resolution::Add,
        }
    }
}

pub(crate) fn push(
    out: &mut Vec<Divergence>,
    kind: Kind,
    table: Option<&str>,
    object: String,
    origin: Option<String>,
    current: Option<String>,
    resolution: Resolution,
) {
    out.push(Divergence {
        kind,
        table: table.map(str::to_string),
        object,
        origin,
        current,
        resolution,
    });
}

fn schema_objects(ctx: &Ctx, out: &mut Vec<Divergence>) {
    let (origin, current, aligned) = (&ctx.project.origin, &ctx.project.current, ctx.aligned);
    for ext in &origin.extensions {
        if !current.extensions.contains(ext) {
            push(
                out,
                Kind::MissingExtension,
                None,
                ext.to_string(),
                Some(ext.clone()),
                None,
                Resolution::Add,
            );
        }
    }
    for ext in &current.extensions {
        if !aligned.extensions.contains(ext) {
            push(
                out,
                Kind::ExtraExtension,
                None,
                ext.to_string(),
                None,
                Some(ext.clone()),
                Resolution::Unresolved,
            );
        }
    }
    for (name, e) in &origin.enums {
        let Some(cur) = current.enums.get(name) else {
            let labels = e.labels.join(", ");
            push(
                out,
                Kind::MissingType,
                None,
                name.to_string(),
                Some(format!("enum ({labels})")),
                None,
                ctx.added(&Key::Type(name.clone())),
            );
            continue;
        };
        for label in &e.labels {
            if !cur.labels.contains(label) {
                push(
                    out,
                    Kind::MissingEnumLabel,
                    None,
                    format!("{name}.{label}"),
                    Some(label.clone()),
                    None,
                    Resolution::Add,
                );
            }
        }
        for label in &cur.labels {
            if !e.labels.contains(label) {
                push(
                    out,
                    Kind::ExtraEnumLabel,
                    None,
                    format!("{name}.{label}"),
                    None,
                    Some(label.clone()),
                    Resolution::Unresolved,
                );
            }
        }
        let common_origin: Vec<&String> =
            e.labels.iter().filter(|l| cur.labels.contains(l)).collect();
        let common_current: Vec<&String> =
            cur.labels.iter().filter(|l| e.labels.contains(l)).collect();
        if common_origin != common_current {
            push(
                out,
                Kind::EnumLabelOrder,
                None,
                name.to_string(),
                Some(e.labels.join(", ")),
                Some(cur.labels.join(", ")),
                Resolution::Unresolved,
            );
        }
    }
    for (name, e) in &current.enums {
        if !aligned.enums.contains_key(name) {
            push(
                out,
                Kind::ExtraType,
                None,
                name.to_string(),
                None,
                Some(format!("enum ({})", e.labels.join(", "))),
                Resolution::Unresolved,
            );
        }
    }
    for (name, f) in &aligned.functions {
        match current.functions.get(name) {
            None => push(
                out,
                Kind::MissingFunction,
                None,
                name.to_string(),
                Some(format!("{name}({}) RETURNS {}", f.arguments, f.returns)),
                None,
                ctx.added(&Key::Function(name.clone())),
            ),
            Some(c) if c.arguments != f.arguments || c.returns != f.returns => push(
                out,
                Kind::FunctionMismatch,
                None,
                name.to_string(),
                Some(format!("{name}({}) RETURNS {}", f.arguments, f.returns)),
                Some(format!("{name}({}) RETURNS {}", c.arguments, c.returns)),
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }
    for (name, c) in &current.functions {
        if !aligned.functions.contains_key(name) {
            push(
                out,
                Kind::ExtraFunction,
                None,
                name.to_string(),
                None,
                Some(format!("{name}({}) RETURNS {}", c.arguments, c.returns)),
                Resolution::Unresolved,
            );
        }
    }
}
