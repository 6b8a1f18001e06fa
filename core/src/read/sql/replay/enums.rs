//! CREATE TYPE ... AS ENUM, ALTER TYPE (ADD VALUE, RENAME VALUE, RENAME TO).

use sqlparser::ast::{
    AlterType, AlterTypeAddValuePosition, AlterTypeOperation, Ident, ObjectName,
    UserDefinedTypeRepresentation,
};

use super::super::names;
use super::{rename_key, Done, Fail, Holder, Replay};
use crate::model::{Constraint, EnumType};
use crate::pg::quote_ident;
use crate::pg::refs;

pub fn create(
    r: &mut Replay,
    name: &ObjectName,
    representation: Option<&UserDefinedTypeRepresentation>,
    text: &str,
) -> Done {
    let name = match names::local(name) {
        Ok(n) => n,
        Err(why) => {
            let head = super::super::fallback::head(text);
            r.refuse(Holder::Statement, format!("`{head}`"), why);
            return Ok(());
        }
    };
    if r.schema.enums.contains_key(&name) || r.opaque.types.contains(&name) {
        return Err(Fail::Exists { kind: "type", name });
    }
    let Some(UserDefinedTypeRepresentation::Enum { labels }) = representation else {
        r.refuse(
            Holder::Type(name.clone()),
            format!("type {name}"),
            "only enum types are modelled",
        );
        return Ok(());
    };
    let mut out: Vec<String> = Vec::new();
    for l in labels {
        let l = label(l);
        if out.contains(&l) {
            return Err(Fail::Rejected(format!(
                "enum labels must be unique: {l} is repeated"
            )));
        }
        out.push(l);
    }
    r.schema.enums.insert(name, EnumType { labels: out });
    Ok(())
}

/// Enum labels are string literals, not identifiers: no folding, no truncation.
fn label(id: &Ident) -> String {
    id.value.clone()
}

pub fn alter(r: &mut Replay, at: &AlterType, text: &str) -> Done {
    let name = match names::local(&at.name) {
        Ok(n) => n,
        Err(why) => {
            let head = super::super::fallback::head(text);
            r.refuse(Holder::Statement, format!("`{head}`"), why);
            return Ok(());
        }
    };
    if !r.schema.enums.contains_key(&name) {
        // The type is refused already; this goes with it.
        if r.opaque.types.contains(&name) {
            return Ok(());
        }
        return Err(Fail::Unknown { kind: "type", name });
    }
    match &at.operation {
        AlterTypeOperation::AddValue(add) => {
            let value = label(&add.value);
            let labels = &mut r
                .schema
                .enums
                .get_mut(&name)
                .ok_or_else(|| Fail::Unknown {
                    kind: "type",
                    name: name.clone(),
                })?
                .labels;
            if labels.contains(&value) {
                if add.if_not_exists {
                    return Ok(());
                }
                return Err(Fail::Rejected(format!(
                    "enum label {value} already exists in type {name}"
                )));
            }
            let at = match &add.position {
                None => labels.len(),
                Some(AlterTypeAddValuePosition::Before(n)) => position(labels, &label(n))?,
                Some(AlterTypeAddValuePosition::After(n)) => position(labels, &label(n))? + 1,
            };
            labels.insert(at, value);
        }
        AlterTypeOperation::RenameValue(rv) => {
            let (from, to) = (label(&rv.from), label(&rv.to));
            let labels = &mut r
                .schema
                .enums
                .get_mut(&name)
                .ok_or_else(|| Fail::Unknown {
                    kind: "type",
                    name: name.clone(),
                })?
                .labels;
            if labels.contains(&to) {
                return Err(Fail::Rejected(format!(
                    "enum label {to} already exists in type {name}"
                )));
            }
            let i = position(labels, &from)?;
            labels[i] = to.clone();
            // Constants of the type print their label: defaults and checks follow.
            edit_texts(r, |t| refs::rename_label(t, &name, &from, &to));
        }
        AlterTypeOperation::Rename(rename) => {
            let new = names::ident(&rename.new_name);
            if r.schema.enums.contains_key(&new) || r.opaque.types.contains(&new) {
                return Err(Fail::Exists {
                    kind: "type",
                    name: new,
                });
            }
            rename_key(&mut r.schema.enums, &name, &new);
            let (old_q, new_q) = (quote_ident(&name), quote_ident(&new));
            for t in r.schema.tables.values_mut() {
                for c in t.columns.values_mut() {
                    if c.data_type == old_q {
                        c.data_type = new_q.clone();
                    } else if c.data_type == format!("{old_q}[]") {
                        c.data_type = format!("{new_q}[]");
                    }
                }
            }
            edit_texts(r, |t| refs::rename_type(t, &name, &new));
        }
    }
    Ok(())
}

fn position(labels: &[String], neighbour: &str) -> Result<usize, Fail> {
    labels
        .iter()
        .position(|l| l == neighbour)
        .ok_or_else(|| Fail::Rejected(format!("{neighbour} is not an existing enum label")))
}

/// Apply `edit` to every default, check expression and index predicate (a check's
/// written form is dropped when its printed form changes: for enum constants the
/// printed form reads back as itself).
fn edit_texts(r: &mut Replay, edit: impl Fn(&str) -> String) {
    for t in r.schema.tables.values_mut() {
        for c in t.columns.values_mut() {
            if let Some(d) = &mut c.default {
                *d = edit(d);
            }
        }
        for c in t.constraints.values_mut() {
            if let Constraint::Check {
                expression, source, ..
            } = c
            {
                let edited = edit(expression);
                // The written form no longer says the same; the printed one reads back.
                if edited != *expression {
                    *source = None;
                }
                *expression = edited;
            }
        }
        for ix in t.indexes.values_mut() {
            if let Some(p) = &mut ix.predicate {
                *p = edit(p);
            }
        }
    }
}
