//! DROP TABLE / INDEX / TYPE (and of what the model does not hold), and the dependent
//! objects PostgreSQL drops along (or refuses to drop without CASCADE).

use sqlparser::ast::{ObjectName, ObjectType};

use super::super::names;
use super::{backs_index, Done, Fail, Holder, Replay};
use crate::model::Constraint;
use crate::pg::quote_ident;

pub fn drop(
    r: &mut Replay,
    kind: ObjectType,
    if_exists: bool,
    targets: &[ObjectName],
    cascade: bool,
    _text: &str,
) -> Done {
    for target in targets {
        let name = match names::local(target) {
            Ok(n) => n,
            Err(why) => {
                r.refuse(Holder::Statement, format!("`DROP {kind} {target}`"), why);
                continue;
            }
        };
        match kind {
            ObjectType::Table => table(r, &name, if_exists, cascade)?,
            // An index is named within its table's schema.
            ObjectType::Index => index(r, crate::pg::split_key(&name).1, if_exists)?,
            ObjectType::Schema => schema(r, &name, if_exists, cascade)?,
            ObjectType::Type => enum_type(r, &name, if_exists, cascade)?,
            // A sequence the files made but the model does not hold (a temporary one)
            // goes quietly; an unknown one is refused, as PostgreSQL refuses it.
            ObjectType::Sequence if !r.opaque.relations.remove(&name) => {
                super::sequences::drop(r, &name, if_exists)?
            }
            // Roles, databases: outside the schema.
            ObjectType::Role | ObjectType::User | ObjectType::Group | ObjectType::Database => {}
            _ => {
                let known = r.opaque.relations.remove(&name) || r.opaque.types.remove(&name);
                // Nothing the files made has this name: PostgreSQL refuses too.
                if !known && !if_exists {
                    let kind = kind.to_string().to_lowercase();
                    return Err(Fail::Rejected(format!("{kind} {name} does not exist")));
                }
            }
        }
    }
    Ok(())
}

/// `DROP SCHEMA name [CASCADE]`: with CASCADE its objects go too.
fn schema(r: &mut Replay, name: &str, if_exists: bool, cascade: bool) -> Done {
    if !r.schema.namespaces().iter().any(|s| s == name) {
        if if_exists {
            return Ok(());
        }
        return Err(Fail::Unknown {
            kind: "schema",
            name: name.to_string(),
        });
    }
    let prefix = format!("{name}.");
    let tables: Vec<String> = r
        .schema
        .tables
        .keys()
        .filter(|k| k.starts_with(&prefix))
        .cloned()
        .collect();
    let holds = !tables.is_empty()
        || r.schema.enums.keys().any(|k| k.starts_with(&prefix))
        || r.schema.sequences.keys().any(|k| k.starts_with(&prefix))
        || r.schema.functions.keys().any(|k| k.starts_with(&prefix))
        || r.schema.extension_schemas.values().any(|s| s == name);
    if holds && !cascade {
        return Err(Fail::Rejected(format!(
            "cannot drop schema {name} because other objects depend on it (use CASCADE)"
        )));
    }
    for t in tables {
        table(r, &t, false, true)?;
    }
    r.schema.enums.retain(|k, _| !k.starts_with(&prefix));
    r.schema.sequences.retain(|k, _| !k.starts_with(&prefix));
    r.schema.functions.retain(|k, _| !k.starts_with(&prefix));
    // An extension goes with its schema.
    let gone: Vec<String> = r
        .schema
        .extension_schemas
        .iter()
        .filter(|(_, s)| *s == name)
        .map(|(e, _)| e.clone())
        .collect();
    r.schema.extensions.retain(|e| !gone.contains(e));
    r.schema.extension_schemas.retain(|e, _| !gone.contains(e));
    r.schema.schemas.shift_remove(name);
    Ok(())
}

fn table(r: &mut Replay, name: &str, if_exists: bool, cascade: bool) -> Done {
    if !r.schema.tables.contains_key(name) {
        if r.opaque.relations.remove(name) || if_exists {
            return Ok(());
        }
        return Err(Fail::UnknownTable(name.to_string()));
    }
    let dependents: Vec<(String, String)> = r
        .schema
        .tables
        .iter()
        .filter(|(t, _)| t.as_str() != name)
        .flat_map(|(t, table)| {
            table.constraints.iter().filter_map(move |(c, k)| match k {
                Constraint::ForeignKey { references, .. } if references.table == name => {
                    Some((t.clone(), format!("constraint {c}")))
                }
                _ => None,
            })
        })
        .collect();
    refuse_unless(cascade, &dependents, &format!("table {name}"))?;
    remove(r, dependents);
    r.schema.tables.shift_remove(name);
    r.forget_table(name);
    // The sequences a table's columns own go with it.
    r.schema
        .sequences
        .retain(|_, s| s.owned_by.as_ref().is_none_or(|o| o.table != name));
    Ok(())
}

fn index(r: &mut Replay, name: &str, if_exists: bool) -> Done {
    for (t, table) in r.schema.tables.iter_mut() {
        if table.indexes.shift_remove(name).is_some() {
            return Ok(());
        }
        if table.constraints.get(name).is_some_and(backs_index) {
            return Err(Fail::Rejected(format!(
                "cannot drop index {name} because constraint {name} on table {t} requires it"
            )));
        }
    }
    if r.opaque.relations.remove(name) || if_exists {
        return Ok(());
    }
    Err(Fail::Unknown {
        kind: "index",
        name: name.to_string(),
    })
}

fn enum_type(r: &mut Replay, name: &str, if_exists: bool, cascade: bool) -> Done {
    if !r.schema.enums.contains_key(name) {
        if r.opaque.types.remove(name) || if_exists {
            return Ok(());
        }
        return Err(Fail::Unknown {
            kind: "type",
            name: name.to_string(),
        });
    }
    let (plain, array) = (quote_ident(name), format!("{}[]", quote_ident(name)));
    let users: Vec<(String, String)> = r
        .schema
        .tables
        .iter()
        .flat_map(|(t, table)| {
            table
                .columns
                .iter()
                .filter(|(_, c)| c.data_type == plain || c.data_type == array)
                .map(move |(c, _)| (t.clone(), c.clone()))
        })
        .collect();
    refuse_unless(cascade, &users, &format!("type {name}"))?;
    // DROP TYPE ... CASCADE drops the columns of that type.
    for (t, c) in users {
        column(r, &t, &c, true)?;
    }
    r.schema.enums.shift_remove(name);
    Ok(())
}

/// Drop column `column` of `table` (which has it), with the indexes and constraints on
/// it; foreign keys from elsewhere and triggers on it need CASCADE.
pub fn column(r: &mut Replay, table: &str, column: &str, cascade: bool) -> Done {
    let mut dependents: Vec<(String, String)> = Vec::new();
    for (t, other) in &r.schema.tables {
        for (c, k) in &other.constraints {
            if let Constraint::ForeignKey { references, .. } = k {
                let own = t == table && k.columns().iter().any(|x| x == column);
                if references.table == table
                    && references.columns.iter().any(|x| x == column)
                    && !own
                {
                    dependents.push((t.clone(), format!("constraint {c}")));
                }
            }
        }
    }
    for (name, tg) in &r.table(table)?.triggers {
        if tg.update_of.iter().any(|c| c == column) {
            dependents.push((table.to_string(), format!("trigger {name}")));
        }
    }
    refuse_unless(
        cascade,
        &dependents,
        &format!("column {column} of table {table}"),
    )?;
    remove(r, dependents);
    let t = r.table_mut(table)?;
    t.constraints.retain(|_, c| !c.uses_column(column));
    t.indexes.retain(|_, ix| !ix.uses_column(column));
    t.columns.shift_remove(column);
    // So does a sequence the column owns.
    r.schema.sequences.retain(|_, s| {
        s.owned_by
            .as_ref()
            .is_none_or(|o| o.table != table || o.column != column)
    });
    Ok(())
}

/// Drop constraint `name` of `table` (which has it); foreign keys that rely on a key
/// being dropped need CASCADE.
pub fn constraint(r: &mut Replay, table: &str, name: &str, cascade: bool) -> Done {
    let t = r.table(table)?;
    let mut dependents: Vec<(String, String)> = Vec::new();
    if let Some(k) = t.constraints.get(name).filter(|k| backs_index(k)) {
        let mut key = k.columns().to_vec();
        key.sort();
        for (other, ot) in &r.schema.tables {
            for (c, fk) in &ot.constraints {
                if let Constraint::ForeignKey { references, .. } = fk {
                    let mut cols = references.columns.clone();
                    cols.sort();
                    if references.table == table && cols == key {
                        dependents.push((other.clone(), format!("constraint {c}")));
                    }
                }
            }
        }
    }
    refuse_unless(
        cascade,
        &dependents,
        &format!("constraint {name} on table {table}"),
    )?;
    remove(r, dependents);
    r.table_mut(table)?.constraints.shift_remove(name);
    Ok(())
}

/// Remove dependents named `constraint x` or `trigger x` on their tables.
fn remove(r: &mut Replay, dependents: Vec<(String, String)>) {
    for (t, what) in dependents {
        if let Some(tab) = r.schema.tables.get_mut(&t) {
            if let Some(c) = what.strip_prefix("constraint ") {
                tab.constraints.shift_remove(c);
            } else if let Some(tg) = what.strip_prefix("trigger ") {
                tab.triggers.shift_remove(tg);
            }
        }
    }
}

fn refuse_unless(cascade: bool, dependents: &[(String, String)], what: &str) -> Done {
    if cascade || dependents.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = dependents
        .iter()
        .map(|(t, c)| format!("{c} on table {t}"))
        .collect();
    Err(Fail::Rejected(format!(
        "cannot drop {what} because other objects depend on it ({}); use CASCADE",
        list.join(", ")
    )))
}
