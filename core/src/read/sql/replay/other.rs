//! COMMENT ON COLUMN, CREATE / DROP EXTENSION, and every other statement: skipped
//! quietly when it does not change the schema's objects, warned about when it does.

use sqlparser::ast::{CommentObject, CreateExtension, DropExtension, ObjectName, Statement};

use super::super::fallback::head;
use super::super::names;
use super::{Done, Fail, Replay};

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
            None if taken => r.warn(format!(
                "COMMENT ON INDEX {name}: comments on the index of a key constraint are not modelled (a comment on the constraint is); skipped"
            )),
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
        r.warn(format!(
            "COMMENT ON {kind} {object}: comments on {kind} are not modelled; skipped"
        ));
        return Ok(());
    }
    let parts = names::parts(object);
    let (table, column) = match parts.as_slice() {
        [t, c] => (vec![t.clone()], c.clone()),
        [s, t, c] => (vec![s.clone(), t.clone()], c.clone()),
        _ => {
            r.warn(format!(
                "COMMENT ON COLUMN {object}: a name qualified with a database is not modelled; skipped"
            ));
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

/// A statement the model has no place for: quiet when it leaves the schema's objects
/// alone (data, transactions, privileges, settings), a warning otherwise.
pub fn unmodelled(r: &mut Replay, stmt: &Statement, text: &str) {
    use Statement as S;
    let what = match stmt {
        S::Query(_)
        | S::Insert(_)
        | S::Update(_)
        | S::Delete(_)
        | S::Merge(_)
        | S::Copy { .. }
        | S::Set(_)
        | S::StartTransaction { .. }
        | S::Commit { .. }
        | S::Rollback { .. }
        | S::Savepoint { .. }
        | S::ReleaseSavepoint { .. }
        | S::Grant(_)
        | S::Revoke(_)
        | S::GrantRole(_)
        | S::RevokeRole(_)
        | S::Deny(_)
        | S::AlterDefaultPrivileges(_)
        | S::Analyze(_)
        | S::Vacuum(_)
        | S::Explain { .. }
        | S::ExplainTable { .. }
        | S::Declare { .. }
        | S::Fetch { .. }
        | S::Close { .. }
        | S::Discard { .. }
        | S::Lock(_)
        | S::LockTables { .. }
        | S::UnlockTables
        | S::NOTIFY { .. }
        | S::LISTEN { .. }
        | S::UNLISTEN { .. }
        | S::Prepare { .. }
        | S::Execute { .. }
        | S::Deallocate { .. }
        | S::Truncate(_)
        | S::Call(_)
        | S::CreateRole(_)
        | S::AlterRole { .. }
        | S::CreateUser(_)
        | S::AlterUser(_)
        | S::CreateDatabase { .. }
        | S::RefreshMaterializedView(_)
        | S::Reset(_) => return,
        S::ShowFunctions { .. }
        | S::ShowVariable { .. }
        | S::ShowStatus { .. }
        | S::ShowVariables { .. }
        | S::ShowCreate { .. }
        | S::ShowColumns { .. }
        | S::ShowTables { .. } => return,
        S::AlterFunction(f) if f.to_string().contains(" OWNER TO ") => return,
        S::AlterType(_) => "this ALTER TYPE is not modelled",
        S::CreateView(_) => "views are not modelled",
        S::CreateSequence { .. } => "temporary sequences are not modelled",
        S::CreatePolicy(_) | S::AlterPolicy(_) | S::DropPolicy(_) => {
            "row-level security policies are not modelled"
        }
        S::CreateDomain(_) | S::DropDomain(_) => "domains are not modelled",
        S::CreateSchema { .. } => "CREATE SCHEMA AUTHORIZATION without a name is not modelled",
        S::CreateProcedure { .. } | S::DropProcedure { .. } => "procedures are not modelled",
        S::CreateRule(_) | S::DropRule(_) => "rules are not modelled",
        S::AlterFunction(_) => "function properties changed after CREATE FUNCTION are not modelled",
        _ => "this kind of statement is not modelled",
    };
    let head = head(text);
    r.warn(format!("`{head}`: {what}; skipped"));
    // Remember the name of what it creates, so later statements about it only warn.
    match stmt {
        S::CreateView(v) => {
            if let Ok(n) = names::local(&v.name) {
                r.opaque.relations.insert(n);
            }
        }
        S::CreateSequence { name, .. } => {
            if let Ok(n) = names::local(name) {
                r.opaque.relations.insert(n);
            }
        }
        S::CreateDomain(d) => {
            if let Ok(n) = names::local(&d.name) {
                r.opaque.types.insert(n);
            }
        }
        S::CreateProcedure { name, .. } => {
            if let Ok(n) = names::local(name) {
                r.opaque.functions.insert(n);
            }
        }
        _ => {}
    }
}
