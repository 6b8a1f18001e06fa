//! Model × model → divergences: every place where the current schema differs from
//! Origin, each with its kind, the values that differ, and what resolves it (a
//! decision, the implicit add, or nothing). Tables and columns are compared with
//! Origin; names that decisions derive (constraints, indexes, triggers) with the end
//! state. Which decision resolves what is asked of the decision kinds (`crate::kinds`).

mod divergence;
mod tables;
mod text;

pub use divergence::{Detail, Divergence, Kind, Resolution, Signature};
pub use text::describe_column;

use crate::align::{aligned, AlignError};
use crate::kinds::{Aspect, Claims};
use crate::model::{Project, Schema, Subject};

/// The divergences of `project`'s current schema from its Origin, resolved by its decisions.
pub fn diff(project: &Project) -> Result<Vec<Divergence>, AlignError> {
    Ok(against(project, &aligned(project)?))
}

/// The divergences, given the end state already computed.
pub fn against(project: &Project, end_state: &Schema) -> Vec<Divergence> {
    let claims = Claims::new(project, end_state);
    let ctx = Ctx {
        project,
        end_state,
        claims: &claims,
    };
    let mut out = Vec::new();
    schema_objects(&ctx, &mut out);
    tables::tables(&ctx, &mut out);
    out
}

/// The divergences between two schemas, with no decisions: what `current` lacks is
/// added, anything else is unresolved. `schemas(a, a)` is empty.
pub fn schemas(origin: &Schema, current: &Schema) -> Result<Vec<Divergence>, AlignError> {
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
    pub end_state: &'a Schema,
    pub claims: &'a Claims<'a>,
}

impl Ctx<'_> {
    /// The decision that resolves `aspect` of one of `subjects`, or `otherwise`.
    pub(crate) fn resolution(
        &self,
        subjects: &[Subject],
        aspect: Aspect,
        otherwise: Resolution,
    ) -> Resolution {
        match self.claims.resolving(subjects, aspect) {
            Some((d, a)) => Resolution::Decision {
                id: d.id,
                kind: a.kind(),
            },
            None => otherwise,
        }
    }

    /// The resolution of an object the end state has and the current schema lacks.
    pub(crate) fn added(&self, subject: Subject) -> Resolution {
        self.resolution(&[subject], Aspect::Missing, Resolution::Add)
    }
}

fn push(out: &mut Vec<Divergence>, subject: Subject, detail: Detail, resolution: Resolution) {
    out.push(Divergence {
        subject,
        detail,
        resolution,
    });
}

fn schema_objects(ctx: &Ctx, out: &mut Vec<Divergence>) {
    let (origin, current, end_state) = (&ctx.project.origin, &ctx.project.current, ctx.end_state);
    let extension = |name: &String| Subject::Extension { name: name.clone() };
    let in_schema = |s: &Schema, ext: &str| s.extension_schema(ext).unwrap_or("public").to_string();
    for ext in &origin.extensions {
        if !current.extensions.contains(ext) {
            push(
                out,
                extension(ext),
                Detail::MissingExtension,
                Resolution::Add,
            );
        } else if origin.extension_schema(ext) != current.extension_schema(ext) {
            // The planner moves it (ALTER EXTENSION ... SET SCHEMA), no decision needed.
            push(
                out,
                extension(ext),
                Detail::ExtensionSchemaMismatch {
                    origin: in_schema(origin, ext),
                    current: in_schema(current, ext),
                },
                Resolution::Add,
            );
        }
    }
    for ext in &current.extensions {
        if !end_state.extensions.contains(ext) {
            push(
                out,
                extension(ext),
                Detail::ExtraExtension,
                Resolution::Unresolved,
            );
        }
    }
    for (name, e) in &origin.enums {
        let Some(cur) = current.enums.get(name) else {
            push(
                out,
                Subject::type_named(name),
                Detail::MissingType {
                    labels: e.labels.clone(),
                },
                ctx.added(Subject::type_named(name)),
            );
            continue;
        };
        let label = |label: &String| Subject::EnumLabel {
            type_name: crate::model::QualifiedName::of_key(name),
            label: label.clone(),
        };
        for l in e.labels.iter().filter(|l| !cur.labels.contains(l)) {
            push(out, label(l), Detail::MissingEnumLabel, Resolution::Add);
        }
        for l in cur.labels.iter().filter(|l| !e.labels.contains(l)) {
            push(
                out,
                label(l),
                Detail::ExtraEnumLabel,
                Resolution::Unresolved,
            );
        }
        let common_origin: Vec<&String> =
            e.labels.iter().filter(|l| cur.labels.contains(l)).collect();
        let common_current: Vec<&String> =
            cur.labels.iter().filter(|l| e.labels.contains(l)).collect();
        if common_origin != common_current {
            push(
                out,
                Subject::type_named(name),
                Detail::EnumLabelOrder {
                    origin: e.labels.clone(),
                    current: cur.labels.clone(),
                },
                Resolution::Unresolved,
            );
        }
    }
    for (name, e) in &current.enums {
        if !end_state.enums.contains_key(name) {
            push(
                out,
                Subject::type_named(name),
                Detail::ExtraType {
                    labels: e.labels.clone(),
                },
                Resolution::Unresolved,
            );
        }
    }
    for (name, seq) in &end_state.sequences {
        let subject = Subject::sequence(name);
        match current.sequences.get(name) {
            None => push(
                out,
                subject.clone(),
                Detail::MissingSequence {
                    sequence: seq.clone(),
                },
                ctx.added(subject),
            ),
            // Ownership follows (the plan states it); the options must already agree.
            Some(c) if c.options != seq.options => push(
                out,
                subject,
                Detail::SequenceMismatch {
                    origin: seq.clone(),
                    current: c.clone(),
                },
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }
    for (name, seq) in &current.sequences {
        if !end_state.sequences.contains_key(name) {
            push(
                out,
                Subject::sequence(name),
                Detail::ExtraSequence {
                    sequence: seq.clone(),
                },
                Resolution::Unresolved,
            );
        }
    }
    let signature = |f: &crate::model::Function| Signature {
        arguments: f.arguments.clone(),
        returns: f.returns.clone(),
    };
    for (name, f) in &end_state.functions {
        let subject = Subject::function(name, &f.arguments);
        match current.functions.get(name) {
            None => push(
                out,
                subject.clone(),
                Detail::MissingFunction {
                    signature: signature(f),
                },
                ctx.added(subject),
            ),
            Some(c) if c.arguments != f.arguments || c.returns != f.returns => push(
                out,
                subject,
                Detail::FunctionMismatch {
                    origin: signature(f),
                    current: signature(c),
                },
                Resolution::Unresolved,
            ),
            Some(_) => {}
        }
    }
    for (name, c) in &current.functions {
        if !end_state.functions.contains_key(name) {
            push(
                out,
                Subject::function(name, &c.arguments),
                Detail::ExtraFunction {
                    signature: signature(c),
                },
                Resolution::Unresolved,
            );
        }
    }
}
