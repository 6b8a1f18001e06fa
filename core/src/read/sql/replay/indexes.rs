//! CREATE INDEX and ALTER INDEX ... RENAME TO.

use sqlparser::ast::{AlterIndexOperation, CreateIndex, IndexType, ObjectName};

use super::super::expr::{self, Scope};
use super::super::names;
use super::columns::{expr_fail, require};
use super::constraints::index_columns;
use super::{backs_index, rename_key, Done, Fail, Replay};
use crate::model::{Index, IndexKey};

pub fn create(r: &mut Replay, ci: &CreateIndex) -> Done {
    let given = match &ci.name {
        Some(n) => match names::local(n) {
            Ok(n) => Some(n),
            Err(why) => return Err(Fail::Rejected(why)),
        },
        None => None,
    };
    let label = given.clone().unwrap_or_else(|| "(unnamed)".into());
    let Some(table) = r.table_name(&ci.table_name, false, &format!("CREATE INDEX {label}"))? else {
        if let Some(n) = given {
            r.opaque.relations.insert(n);
        }
        return Ok(());
    };
    if let Some(n) = &given {
        if r.relation_taken(n) {
            if ci.if_not_exists {
                return Ok(());
            }
            return Err(Fail::Exists {
                kind: "relation",
                name: n.clone(),
            });
        }
    }
    let unmodelled = match index_columns(&ci.columns) {
        Err(why) => Some(why),
        Ok(_) if !ci.include.is_empty() => Some("INCLUDE columns are not modelled".to_string()),
        Ok(_) if ci.nulls_distinct == Some(false) => {
            Some("NULLS NOT DISTINCT is not modelled".to_string())
        }
        Ok(_) => None,
    };
    if let Some(why) = unmodelled {
        r.warn(format!(
            "CREATE INDEX {label} ON {table}: {why}; index skipped"
        ));
        if let Some(n) = given {
            r.opaque.relations.insert(n);
        }
        return Ok(());
    }
    let columns = index_columns(&ci.columns).unwrap_or_default();
    for c in &columns {
        require(r, &table, c)?;
    }
    let name = match given {
        Some(n) => n,
        None => names::choose(&table, &columns, "idx", |n| r.relation_taken(n)),
    };
    if !ci.with.is_empty() || !ci.index_options.is_empty() || !ci.alter_options.is_empty() {
        r.warn(format!(
            "index {name}: storage parameters and options are not modelled"
        ));
    }
    let method = match &ci.using {
        None | Some(IndexType::BTree) => None,
        Some(IndexType::Custom(id)) => Some(names::ident(id)).filter(|m| m != "btree"),
        Some(other) => Some(other.to_string().to_ascii_lowercase()),
    };
    let predicate = match &ci.predicate {
        None => None,
        Some(p) => {
            let t = r.table(&table)?;
            let scope = Scope {
                columns: Some(&t.columns),
                enums: &r.schema.enums,
            };
            let printed = expr::condition(p, scope).map_err(|e| expr_fail(&table, e))?;
            if !printed.exact {
                r.warn(format!(
                    "index {name}: predicate `{p}` kept as `{}`, which may not be exactly how PostgreSQL prints it",
                    printed.text
                ));
            }
            Some(printed.text)
        }
    };
    r.table_mut(&table)?.indexes.insert(
        name,
        Index {
            columns: columns.into_iter().map(IndexKey::column).collect(),
            unique: ci.unique,
            method,
            predicate,
            ..Index::on(&[])
        },
    );
    Ok(())
}

/// ALTER INDEX [IF EXISTS] name RENAME TO new; the index of a key renames its constraint.
pub fn alter(r: &mut Replay, name: &ObjectName, op: &AlterIndexOperation, if_exists: bool) -> Done {
    let AlterIndexOperation::RenameIndex { index_name } = op;
    let (old, new) = match (names::local(name), names::local(index_name)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(why), _) | (_, Err(why)) => return Err(Fail::Rejected(why)),
    };
    let table = r.schema.tables.iter().find_map(|(t, table)| {
        (table.indexes.contains_key(&old) || table.constraints.get(&old).is_some_and(backs_index))
            .then(|| t.clone())
    });
    let Some(table) = table else {
        if r.opaque.relations.remove(&old) {
            r.opaque.relations.insert(new);
            return Ok(());
        }
        if if_exists {
            return Ok(());
        }
        return Err(Fail::Unknown {
            kind: "index",
            name: old,
        });
    };
    if r.relation_taken(&new) {
        return Err(Fail::Exists {
            kind: "relation",
            name: new,
        });
    }
    let t = r.table_mut(&table)?;
    if t.indexes.contains_key(&old) {
        rename_key(&mut t.indexes, &old, &new);
    } else {
        rename_key(&mut t.constraints, &old, &new);
    }
    Ok(())
}
