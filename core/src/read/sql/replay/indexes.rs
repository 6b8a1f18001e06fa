//! CREATE INDEX and ALTER INDEX ... RENAME TO.

use sqlparser::ast::{
    AlterIndexOperation, CreateIndex, Expr, IndexColumn, IndexType, ObjectName, OrderBySort,
};

use super::super::expr::{self, Scope};
use super::super::names;
use super::columns::{expr_fail, require};
use super::{backs_index, options, rename_key, Done, Fail, Holder, Replay};
use crate::model::{Index, IndexKey, KeyTarget};
use crate::pg::quote_ident;

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
    let columns = keys(r, &table, &ci.columns)?;
    let include: Vec<String> = ci.include.iter().map(names::ident).collect();
    for c in &include {
        require(r, &table, c)?;
    }
    let name = match given {
        Some(n) => n,
        None => {
            // PostgreSQL names an index after every column, INCLUDE ones too, and an
            // expression after its function (or `expr`).
            let parts: Vec<String> = columns
                .iter()
                .map(key_name_part)
                .chain(include.iter().cloned())
                .collect();
            names::choose(&table, &parts, "idx", |n| r.relation_taken(n))
        }
    };
    if !ci.index_options.is_empty() || !ci.alter_options.is_empty() {
        r.refuse(
            Holder::Table(table.clone()),
            format!("index {name}"),
            "index options are not modelled",
        );
    }
    let with = options::index(&ci.with, &name)?;
    let method = match &ci.using {
        None | Some(IndexType::BTree) => None,
        Some(IndexType::Custom(id)) => Some(names::ident(id)).filter(|m| m != "btree"),
        Some(other) => Some(other.to_string().to_ascii_lowercase()),
    };
    let predicate = predicate(r, &table, &name, ci.predicate.as_ref())?;
    r.names.relations.insert(name.clone());
    r.table_mut(&table)?.indexes.insert(
        name,
        Index {
            columns,
            include,
            unique: ci.unique,
            nulls_not_distinct: ci.nulls_distinct == Some(false),
            method,
            with,
            predicate,
            comment: None,
        },
    );
    Ok(())
}

/// An index's (or exclusion constraint's) `WHERE`, as `pg_get_expr` prints it.
pub fn predicate(
    r: &mut Replay,
    table: &str,
    name: &str,
    p: Option<&Expr>,
) -> Result<Option<String>, Fail> {
    let Some(p) = p else { return Ok(None) };
    let t = r.table(table)?;
    let scope = Scope {
        columns: Some(&t.columns),
        enums: &r.schema.enums,
    };
    let printed = expr::condition(p, scope).map_err(|e| expr_fail(table, e))?;
    if !printed.exact {
        r.warn(format!(
            "index {name}: predicate `{p}` kept as `{}`, which may not be exactly how PostgreSQL prints it",
            printed.text
        ));
    }
    Ok(Some(printed.text))
}

/// The keys of an index or exclusion constraint on `table`: columns or expressions,
/// with collation, operator class and ordering as `pg_get_indexdef` prints them.
pub fn keys(r: &mut Replay, table: &str, cols: &[IndexColumn]) -> Result<Vec<IndexKey>, Fail> {
    let mut out = Vec::new();
    for c in cols {
        let mut e = &c.column.expr;
        while let Expr::Nested(inner) = e {
            e = inner;
        }
        let mut collation = None;
        if let Expr::Collate {
            expr: inner,
            collation: coll,
        } = e
        {
            collation = names::parts(coll).last().map(|n| quote_ident(n));
            e = inner;
            while let Expr::Nested(inner) = e {
                e = inner;
            }
        }
        let t = r.table(table)?;
        let (target, own_collation) = match e {
            Expr::Identifier(id) => {
                let column = names::ident(id);
                let own = t.columns.get(&column).and_then(|c| c.collation.clone());
                require(r, table, &column)?;
                (KeyTarget::Column(column), own)
            }
            other => {
                let scope = Scope {
                    columns: Some(&t.columns),
                    enums: &r.schema.enums,
                };
                let printed = expr::index_key(other, scope).map_err(|err| expr_fail(table, err))?;
                if !printed.exact {
                    r.warn(format!(
                        "index key `{other}` on {table} kept as `{}`, which may not be exactly how PostgreSQL prints it",
                        printed.text
                    ));
                }
                (KeyTarget::Expression(printed.text), None)
            }
        };
        let o = &c.column.options;
        let descending = matches!(o.sort, Some(OrderBySort::Desc));
        out.push(
            IndexKey {
                target,
                // The key's own collation is not repeated.
                collation: collation.filter(|c| Some(c) != own_collation.as_ref()),
                opclass: c
                    .operator_class
                    .as_ref()
                    .and_then(|o| names::opclass(&names::parts(o))),
                // Parameters (`gist_trgm_ops (siglen=32)`) come from narrow::rewrite.
                opclass_params: Default::default(),
                descending: false,
                nulls_first: None,
            }
            .ordered(descending, o.nulls_first),
        );
    }
    Ok(out)
}

/// What an index key adds to a default index name: the column, or the function an
/// expression calls (`lower`), or `expr`.
pub fn key_name_part(k: &IndexKey) -> String {
    match &k.target {
        KeyTarget::Column(c) => c.clone(),
        KeyTarget::Expression(e) if expr::looks_like_function(e) => {
            let name = &e[..e.find('(').unwrap_or(e.len())];
            let last = name.rsplit('.').next().unwrap_or(name);
            let last = crate::pg::unquote_ident(last);
            // COALESCE and friends name themselves in lower case.
            if last.chars().any(|c| c.is_ascii_lowercase()) {
                last
            } else {
                last.to_ascii_lowercase()
            }
        }
        KeyTarget::Expression(_) => "expr".into(),
    }
}

/// ALTER INDEX [IF EXISTS] name RENAME TO new; the index of a key renames its constraint.
pub fn alter(r: &mut Replay, name: &ObjectName, op: &AlterIndexOperation, if_exists: bool) -> Done {
    let AlterIndexOperation::RenameIndex { index_name } = op;
    let (old, new) = match (names::local(name), names::local(index_name)) {
        // An index is named within its table's schema (so is the new name).
        (Ok(o), Ok(n)) => (
            crate::pg::split_key(&o).1.to_string(),
            crate::pg::split_key(&n).1.to_string(),
        ),
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
    r.names.relations.insert(new.clone());
    r.names.constraints.insert(new.clone());
    let t = r.table_mut(&table)?;
    if t.indexes.contains_key(&old) {
        rename_key(&mut t.indexes, &old, &new);
    } else {
        rename_key(&mut t.constraints, &old, &new);
    }
    Ok(())
}
