//! Sequences: `CREATE SEQUENCE` with its options and `OWNED BY`, the sequence a
//! `serial` column makes, `ALTER SEQUENCE ... OWNED BY` (read by the narrow reader in
//! `fallback.rs`, which sqlparser does not parse), `DROP SEQUENCE`, and the options of an
//! identity column.

use sqlparser::ast::{self, ObjectName};

use super::super::names;
use super::{Done, Fail, Replay};
use crate::model::{OwnedBy, Sequence, SequenceOptions};
use crate::pg::printed_literal;

/// `CREATE SEQUENCE [IF NOT EXISTS] name [options]`.
pub fn create(
    r: &mut Replay,
    name: &ObjectName,
    if_not_exists: bool,
    options: &[ast::SequenceOptions],
) -> Done {
    let name = names::local(name).map_err(Fail::Rejected)?;
    if r.relation_taken(&name) {
        if if_not_exists {
            return Ok(());
        }
        return Err(Fail::Exists {
            kind: "relation",
            name,
        });
    }
    let (options, owned_by) = read_options(options)?;
    let sequence = Sequence {
        options,
        owned_by: None,
        comment: None,
    };
    r.schema.sequences.insert(name.clone(), sequence);
    if let Some(target) = owned_by {
        owned(r, &name, target.as_ref())?;
    }
    Ok(())
}

/// `ALTER SEQUENCE name OWNED BY table.column | NONE`.
pub fn owned(r: &mut Replay, sequence: &str, target: Option<&ObjectName>) -> Done {
    let owned_by = match target {
        None => None,
        Some(target) => {
            let parts = names::parts(target);
            let (table, column) = match parts.as_slice() {
                [table, column] => (table.clone(), column.clone()),
                [schema, table, column] => (crate::pg::key_of(schema, table), column.clone()),
                _ => {
                    return Err(Fail::Rejected(format!(
                        "OWNED BY {target}: expected [schema.]table.column"
                    )))
                }
            };
            super::columns::require(r, &table, &column)?;
            Some(OwnedBy { table, column })
        }
    };
    let Some(seq) = r.schema.sequences.get_mut(sequence) else {
        return Err(Fail::Unknown {
            kind: "sequence",
            name: sequence.to_string(),
        });
    };
    seq.owned_by = owned_by;
    Ok(())
}

/// `ALTER SEQUENCE name RENAME TO new` (or ALTER TABLE): the defaults that take its
/// next value follow, as PostgreSQL's `regclass` does.
pub fn rename(r: &mut Replay, name: &str, new: &str) -> Done {
    // The sequence of an identity column is the column's.
    for (tname, t) in r.schema.tables.iter_mut() {
        for (cname, c) in t.columns.iter_mut() {
            if let Some(id) = c.identity.as_mut() {
                if id.sequence_name(tname, cname) == name {
                    id.set_sequence(tname, cname, new);
                    return Ok(());
                }
            }
        }
    }
    if !r.schema.sequences.contains_key(name) {
        return Err(Fail::Unknown {
            kind: "sequence",
            name: name.to_string(),
        });
    }
    if r.relation_taken(new) {
        return Err(Fail::Exists {
            kind: "relation",
            name: new.to_string(),
        });
    }
    super::rename_key(&mut r.schema.sequences, name, new);
    let default = format!(
        "nextval({}::regclass)",
        printed_literal(&crate::pg::quote_qualified(new))
    );
    for t in r.schema.tables.values_mut() {
        for c in t.columns.values_mut() {
            if c.sequence_used().as_deref() == Some(name) {
                c.default = Some(default.clone());
            }
        }
    }
    Ok(())
}

/// `ALTER SEQUENCE name <options>`: the options given replace the sequence's, the others
/// stay as they are (PostgreSQL keeps the bounds it has).
pub fn alter(r: &mut Replay, name: &str, options: &[ast::SequenceOptions]) -> Done {
    let Some(seq) = r.schema.sequences.get_mut(name) else {
        return Err(Fail::Unknown {
            kind: "sequence",
            name: name.to_string(),
        });
    };
    let mut o = seq.options.resolved();
    let mut owned_by = None;
    for option in options {
        match option {
            ast::SequenceOptions::DataType(_) => {
                let (given, _) = read_options(std::slice::from_ref(option))?;
                o.data_type = given.data_type.or(Some("bigint".into()));
            }
            ast::SequenceOptions::IncrementBy(e, _) => o.increment = Some(number(e)?),
            ast::SequenceOptions::MinValue(e) => {
                o.min_value = e.as_ref().map(number).transpose()?
            }
            ast::SequenceOptions::MaxValue(e) => {
                o.max_value = e.as_ref().map(number).transpose()?
            }
            ast::SequenceOptions::StartWith(e, _) => o.start = Some(number(e)?),
            ast::SequenceOptions::Cache(e) => o.cache = Some(number(e)?),
            ast::SequenceOptions::Cycle(no) => o.cycle = !no,
            ast::SequenceOptions::OwnedBy(target) => owned_by = Some(target.clone()),
        }
    }
    seq.options = o.normalized();
    match owned_by {
        Some(target) => owned(r, name, target.as_ref()),
        None => Ok(()),
    }
}

/// `DROP SEQUENCE name`.
pub fn drop(r: &mut Replay, name: &str, if_exists: bool) -> Done {
    if r.schema.sequences.shift_remove(name).is_none() && !if_exists {
        return Err(Fail::Unknown {
            kind: "sequence",
            name: name.to_string(),
        });
    }
    Ok(())
}

/// A sequence's options as the model keeps them (defaults left out), and its `OWNED BY`
/// when given (`Some(None)` for `OWNED BY NONE`).
pub fn read_options(
    options: &[ast::SequenceOptions],
) -> Result<(SequenceOptions, Option<Option<ObjectName>>), Fail> {
    let mut out = SequenceOptions::default();
    let mut owned_by = None;
    for option in options {
        match option {
            ast::SequenceOptions::DataType(t) => {
                let name = match t.to_string().to_ascii_lowercase().as_str() {
                    "smallint" | "int2" => "smallint",
                    "integer" | "int" | "int4" => "integer",
                    "bigint" | "int8" => "bigint",
                    other => {
                        return Err(Fail::Rejected(format!(
                            "sequence type must be smallint, integer, or bigint, not {other}"
                        )))
                    }
                };
                out.data_type = Some(name.to_string());
            }
            ast::SequenceOptions::IncrementBy(e, _) => out.increment = Some(number(e)?),
            ast::SequenceOptions::MinValue(e) => {
                out.min_value = e.as_ref().map(number).transpose()?
            }
            ast::SequenceOptions::MaxValue(e) => {
                out.max_value = e.as_ref().map(number).transpose()?
            }
            ast::SequenceOptions::StartWith(e, _) => out.start = Some(number(e)?),
            ast::SequenceOptions::Cache(e) => out.cache = Some(number(e)?),
            ast::SequenceOptions::Cycle(no) => out.cycle = !no,
            ast::SequenceOptions::OwnedBy(target) => owned_by = Some(target.clone()),
        }
    }
    Ok((out.normalized(), owned_by))
}

/// An integer constant, possibly negative.
fn number(e: &ast::Expr) -> Result<i64, Fail> {
    let text = e.to_string().replace(' ', "");
    text.parse()
        .map_err(|_| Fail::Rejected(format!("`{e}` is not an integer of 64 bits")))
}
