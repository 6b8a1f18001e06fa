//! COMMENT ON, CREATE / DROP EXTENSION and CREATE SCHEMA.

use sqlparser::ast::{CommentObject, CreateExtension, DropExtension, ObjectName};

use super::super::names;
use super::{Done, Fail, Holder, Replay};

/// A comment on what the model holds no comments for: outside the schema (a role, a
/// database) it is skipped with a warning; on an object already refused it goes with it;
/// otherwise it is refused.
fn comment_elsewhere(r: &mut Replay, kind: CommentObject, object: &ObjectName) {
    if matches!(
        kind,
        CommentObject::Role | CommentObject::User | CommentObject::Database
    ) {
        r.warn(format!(
            "COMMENT ON {kind} {object}: {kind} is outside the schema; skipped"
        ));
        return;
    }
    let opaque = names::local(object).is_ok_and(|n| {
        r.opaque.relations.contains(&n)
            || r.opaque.types.contains(&n)
            || r.opaque.functions.contains(&n)
    });
    if !opaque {
        let what = kind.to_string().to_lowercase();
        r.refuse(
            Holder::Statement,
            format!("comment on {what} {object}"),
            format!("comments on {what} are not modelled"),
        );
    }
}

pub fn comment(
    r: &mut Replay,
    kind: CommentObject,
    object: &ObjectName,
    text: Option<&str>,
    if_exists: bool,
) -> Done {
    if kind == CommentObject::Sequence {
        let name = names::local(object).map_err(Fail::Rejected)?;
        let Some(seq) = r.schema.sequences.get_mut(&name) else {
            return Err(Fail::Unknown {
                kind: "sequence",
                name,
            });
        };
        seq.comment = text.filter(|t| !t.is_empty()).map(str::to_string);
        return Ok(());
    }
    // An empty comment removes it, as NULL does.
    let text = text.filter(|t| !t.is_empty()).map(str::to_string);
    if kind == CommentObject::Table {
        let label = format!("COMMENT ON TABLE {object}");
        let Some(table) = r.table_name(object, if_exists, &label)? else {
            return Ok(());
        };
        r.table_mut(&table)?.comment = text;
        return Ok(());
    }
    if kind == CommentObject::Index {
        let name = names::local(object).map_err(Fail::Rejected)?;
        // An index is named within its table's schema.
        let name = crate::pg::split_key(&name).1.to_string();
        let taken = r.relation_taken(&name);
        let index = r
            .schema
            .tables
            .values_mut()
            .find_map(|t| t.indexes.get_mut(&name));
        match index {
            Some(index) => index.comment = text,
            None if r.opaque.relations.contains(&name) => {}
            None if taken => r.refuse(
                Holder::Statement,
                format!("comment on index {name}"),
                "comments on the index of a key constraint are not modelled (a comment on the constraint is)",
            ),
            None => {
                return Err(Fail::Unknown {
                    kind: "index",
                    name,
                })
            }
        }
        return Ok(());
    }
    if kind == CommentObject::Schema {
        let name = names::parts(object).join(".");
        if name != "public" && !r.schema.schemas.contains_key(&name) {
            return Err(Fail::Unknown {
                kind: "schema",
                name,
            });
        }
        let entry = r.schema.schemas.entry(name.clone()).or_default();
        entry.comment = text;
        // public is listed only to hold its comment.
        if name == "public" && entry.comment.is_none() {
            r.schema.schemas.shift_remove("public");
        }
        return Ok(());
    }
    // An extension's comment is its own (CREATE EXTENSION sets it; pg_dump repeats it).
    if kind == CommentObject::Extension {
        return Ok(());
    }
    if kind != CommentObject::Column {
        comment_elsewhere(r, kind, object);
        return Ok(());
    }
    let parts = names::parts(object);
    let (table, column) = match parts.as_slice() {
        [t, c] => (vec![t.clone()], c.clone()),
        [s, t, c] => (vec![s.clone(), t.clone()], c.clone()),
        _ => {
            r.refuse(
                Holder::Statement,
                format!("comment on column {object}"),
                "a name qualified with a database is not modelled",
            );
            return Ok(());
        }
    };
    let table: Vec<sqlparser::ast::Ident> = table
        .into_iter()
        .map(|p| sqlparser::ast::Ident::with_quote('"', p))
        .collect();
    let Some(table) = r.table_name(
        &ObjectName::from(table),
        if_exists,
        &format!("COMMENT ON COLUMN {object}"),
    )?
    else {
        return Ok(());
    };
    let t = r.table_mut(&table)?;
    let Some(c) = t.columns.get_mut(&column) else {
        return Err(Fail::UnknownColumn { table, column });
    };
    c.comment = text;
    Ok(())
}

/// `CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]` (ownership is not kept).
pub fn create_schema(r: &mut Replay, name: &ObjectName, if_not_exists: bool) -> Done {
    let name = names::parts(name).join(".");
    // A migration runner's schema (sqitch's registry) is the runner's.
    if crate::read::RUNNER_SCHEMAS.contains(&name.as_str()) {
        return Ok(());
    }
    if name == "public" || r.schema.schemas.contains_key(&name) {
        if if_not_exists {
            return Ok(());
        }
        return Err(Fail::Exists {
            kind: "schema",
            name,
        });
    }
    r.schema.schemas.insert(name, Default::default());
    Ok(())
}

pub fn create_extension(r: &mut Replay, ce: &CreateExtension) -> Done {
    let name = names::ident(&ce.name);
    // plpgsql is always there and never listed.
    if name == "plpgsql" {
        return Ok(());
    }
    if r.schema.extensions.contains(&name) {
        if ce.if_not_exists {
            return Ok(());
        }
        return Err(Fail::Exists {
            kind: "extension",
            name,
        });
    }
    if let Some(schema) = &ce.schema {
        let schema = names::ident(schema);
        // WITH SCHEMA names a schema that must exist (adminpack's pg_catalog always does).
        if schema != "public" {
            if schema != "pg_catalog" && !r.schema.namespaces().contains(&schema) {
                return Err(Fail::Unknown {
                    kind: "schema",
                    name: schema,
                });
            }
            r.schema.extension_schemas.insert(name.clone(), schema);
        }
    }
    r.schema.extensions.push(name);
    Ok(())
}

pub fn drop_extension(r: &mut Replay, de: &DropExtension) -> Done {
    for id in &de.names {
        let name = names::ident(id);
        if name == "plpgsql" {
            r.warn("DROP EXTENSION plpgsql: the model always has plpgsql; skipped");
            continue;
        }
        match r.schema.extensions.iter().position(|e| *e == name) {
            Some(i) => {
                r.schema.extensions.remove(i);
                r.schema.extension_schemas.shift_remove(&name);
            }
            None if de.if_exists => {}
            None => {
                return Err(Fail::Unknown {
                    kind: "extension",
                    name,
                })
            }
        }
    }
    Ok(())
}
