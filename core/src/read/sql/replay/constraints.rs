//! Adding a constraint (inline or table-level, CREATE TABLE or ALTER TABLE), with the
//! name PostgreSQL would give it.

use sqlparser::ast::{
    ConstraintCharacteristics, ConstraintReferenceMatchKind, DeferrableInitial,
    ExcludeConstraintOperator, IndexColumn, ReferentialAction, TableConstraint,
};

use super::super::expr::{self, Scope};
use super::super::names;
use super::columns::{expr_fail, idents, require};
use super::{backs_index, indexes, Done, Fail, Holder, Replay};
use crate::model::{Constraint, Deferral, ExcludeElement, FkAction, KeyIndex, Reference};

/// Add `c` to `table`; `column` is the column of an inline constraint.
/// `not_valid`: added by `ALTER TABLE ... ADD ... NOT VALID` (CREATE TABLE ignores it).
pub fn add(
    r: &mut Replay,
    table: &str,
    c: &TableConstraint,
    column: Option<&str>,
    not_valid: bool,
) -> Done {
    add_one(r, table, c, column, not_valid)?;
    // Whatever name it took is now taken (`Replay::relation_taken`).
    if let Some(t) = r.schema.tables.get(table) {
        r.names.constraints.extend(t.constraints.keys().cloned());
    }
    Ok(())
}

fn add_one(
    r: &mut Replay,
    table: &str,
    c: &TableConstraint,
    column: Option<&str>,
    not_valid: bool,
) -> Done {
    let own = |cols: Vec<String>| match (column, cols.is_empty()) {
        (Some(c), true) => vec![c.to_string()],
        _ => cols,
    };
    match c {
        TableConstraint::PrimaryKey(pk) => {
            let cols = own(index_columns(&pk.columns).map_err(Fail::Rejected)?);
            let deferrable = deferral(r, table, "primary key", pk.characteristics.as_ref());
            let index = key_index(r, table, &pk.include, !pk.index_options.is_empty())?;
            let t = r.table(table)?;
            if t.constraints
                .values()
                .any(|c| matches!(c, Constraint::PrimaryKey { .. }))
            {
                return Err(Fail::Rejected(format!(
                    "multiple primary keys for table {table} are not allowed"
                )));
            }
            let name = index_backed_name(r, table, pk.name.as_ref(), &[], "pkey")?;
            for col in &cols {
                require(r, table, col)?;
            }
            let t = r.table_mut(table)?;
            for col in &cols {
                if let Some(c) = t.columns.get_mut(col) {
                    c.not_null = true;
                }
            }
            t.constraints.insert(
                name,
                Constraint::PrimaryKey {
                    columns: cols,
                    index,
                    deferrable,
                    comment: None,
                },
            );
        }
        TableConstraint::Unique(u) => {
            let cols = own(index_columns(&u.columns).map_err(Fail::Rejected)?);
            let deferrable = deferral(r, table, "unique", u.characteristics.as_ref());
            let index = key_index(r, table, &u.include, !u.index_options.is_empty())?;
            let nulls_not_distinct =
                u.nulls_distinct == sqlparser::ast::NullsDistinctOption::NotDistinct;
            for col in &cols {
                require(r, table, col)?;
            }
            let name = index_backed_name(r, table, u.name.as_ref(), &cols, "key")?;
            r.table_mut(table)?.constraints.insert(
                name,
                Constraint::Unique {
                    columns: cols,
                    nulls_not_distinct,
                    index,
                    deferrable,
                    comment: None,
                },
            );
        }
        TableConstraint::ForeignKey(fk) => {
            let cols = own(idents(&fk.columns));
            let deferrable = deferral(r, table, "foreign key", fk.characteristics.as_ref());
            let match_full = match fk.match_kind {
                None | Some(ConstraintReferenceMatchKind::Simple) => false,
                Some(ConstraintReferenceMatchKind::Full) => true,
                Some(ConstraintReferenceMatchKind::Partial) => {
                    return Err(Fail::Rejected(format!(
                        "foreign key on {table}: MATCH PARTIAL is not implemented (PostgreSQL refuses it too)"
                    )))
                }
            };
            for col in &cols {
                require(r, table, col)?;
            }
            let Some(target) =
                r.table_name(&fk.foreign_table, false, &format!("foreign key of {table}"))?
            else {
                return Ok(());
            };
            let referenced = referenced_columns(r, &target, idents(&fk.referred_columns))?;
            if referenced.len() != cols.len() {
                return Err(Fail::Rejected(format!(
                    "number of referencing and referenced columns for foreign key on {table} disagree"
                )));
            }
            let name = match &fk.name {
                Some(n) => checked_name(r, table, names::ident(n))?,
                None => names::choose(table, &cols, "fkey", |n| r.constraint_taken(n)),
            };
            r.table_mut(table)?.constraints.insert(
                name,
                Constraint::ForeignKey {
                    columns: cols,
                    references: Reference {
                        table: target,
                        columns: referenced,
                    },
                    on_delete: action(fk.on_delete),
                    on_update: action(fk.on_update),
                    match_full,
                    deferrable,
                    not_valid,
                    comment: None,
                },
            );
        }
        TableConstraint::Check(ck) => {
            let t = r.table(table)?;
            let scope = Scope {
                columns: Some(&t.columns),
                enums: &r.schema.enums,
            };
            let printed = expr::condition(&ck.expr, scope).map_err(|e| expr_fail(table, e))?;
            // PostgreSQL names a check after its column when it refers to exactly one.
            let name = match &ck.name {
                Some(n) => checked_name(r, table, names::ident(n))?,
                None => {
                    let cols = if printed.columns.len() == 1 {
                        printed.columns.clone()
                    } else {
                        Vec::new()
                    };
                    names::choose(table, &cols, "check", |n| r.constraint_taken(n))
                }
            };
            if ck.enforced == Some(false) {
                r.refuse(
                    Holder::Table(table.to_string()),
                    format!("check {name} on {table}"),
                    "NOT ENFORCED is not modelled",
                );
            }
            let written = ck.expr.to_string();
            if !printed.exact {
                r.warn(format!(
                    "check {name} on {table}: `{written}` kept as `{}`, which may not be exactly how PostgreSQL prints it",
                    printed.text
                ));
            }
            // The written form is kept only where the printed one does not read back.
            let t = r.table(table)?;
            let scope = Scope {
                columns: Some(&t.columns),
                enums: &r.schema.enums,
            };
            let source = (!expr::reads_back(&printed.text, scope)).then_some(written);
            r.table_mut(table)?.constraints.insert(
                name,
                Constraint::Check {
                    expression: printed.text,
                    source,
                    no_inherit: ck.no_inherit,
                    not_valid,
                    comment: None,
                },
            );
        }
        TableConstraint::PrimaryKeyUsingIndex(u) | TableConstraint::UniqueUsingIndex(u) => {
            let primary = matches!(c, TableConstraint::PrimaryKeyUsingIndex(_));
            let index = names::ident(&u.index_name);
            let t = r.table_mut(table)?;
            let Some(ix) = t.indexes.shift_remove(&index) else {
                return Err(Fail::Unknown {
                    kind: "index",
                    name: index,
                });
            };
            if !ix.unique || ix.method.is_some() || ix.predicate.is_some() || !ix.is_plain() {
                return Err(Fail::Rejected(format!(
                    "index {index} cannot back a constraint"
                )));
            }
            // The index takes the constraint's name.
            let name = u.name.as_ref().map_or_else(|| index.clone(), names::ident);
            let cols = ix.key_columns();
            if primary {
                for col in &cols {
                    if let Some(c) = t.columns.get_mut(col) {
                        c.not_null = true;
                    }
                }
                t.constraints.insert(name, Constraint::primary_key(cols));
            } else {
                t.constraints.insert(name, Constraint::unique(cols));
            }
        }
        TableConstraint::Exclude(ex) => {
            let deferrable = deferral(r, table, "exclusion", ex.characteristics.as_ref());
            let columns: Vec<IndexColumn> = ex.elements.iter().map(|e| e.column.clone()).collect();
            let keys = indexes::keys(r, table, &columns)?;
            let elements = keys
                .into_iter()
                .zip(&ex.elements)
                .map(|(key, e)| ExcludeElement {
                    key,
                    operator: match &e.operator {
                        ExcludeConstraintOperator::Token(t) => t.clone(),
                        ExcludeConstraintOperator::PGOperator(parts) => {
                            parts.last().cloned().unwrap_or_default()
                        }
                    },
                })
                .collect::<Vec<_>>();
            let index = key_index(r, table, &ex.include, false)?;
            let name = match &ex.name {
                Some(n) => index_backed_name(r, table, Some(n), &[], "excl")?,
                None => {
                    let parts: Vec<String> = elements
                        .iter()
                        .map(|e| indexes::key_name_part(&e.key))
                        .collect();
                    index_backed_name(r, table, None, &parts, "excl")?
                }
            };
            let predicate = indexes::predicate(r, table, &name, ex.where_clause.as_deref())?;
            let method = ex
                .index_method
                .as_ref()
                .map_or_else(|| "btree".to_string(), names::ident);
            r.table_mut(table)?.constraints.insert(
                name,
                Constraint::Exclude {
                    method,
                    elements,
                    index,
                    predicate,
                    deferrable,
                    comment: None,
                },
            );
        }
        other => r.refuse(
            Holder::Table(table.to_string()),
            format!("constraint `{other}` on {table}"),
            "this form is not modelled",
        ),
    }
    Ok(())
}

/// The columns of a key: plain column names only.
pub fn index_columns(cols: &[IndexColumn]) -> Result<Vec<String>, String> {
    cols.iter()
        .map(|c| {
            let o = &c.column.options;
            let plain = c.operator_class.is_none()
                && c.column.with_fill.is_none()
                && matches!(o.sort, None | Some(sqlparser::ast::OrderBySort::Asc))
                && o.nulls_first.is_none();
            match &c.column.expr {
                sqlparser::ast::Expr::Identifier(id) if plain => Ok(names::ident(id)),
                _ => Err(format!(
                    "`{c}`: only plain columns are modelled as keys (no expression, ordering or operator class)"
                )),
            }
        })
        .collect()
}

/// `DEFERRABLE` / `INITIALLY DEFERRED` (`NOT ENFORCED`, which PostgreSQL 18 accepts
/// only on checks and foreign keys, is refused).
fn deferral(
    r: &mut Replay,
    table: &str,
    what: &str,
    ch: Option<&ConstraintCharacteristics>,
) -> Deferral {
    let Some(ch) = ch else {
        return Deferral::No;
    };
    if ch.enforced.is_some() {
        r.refuse(
            Holder::Table(table.to_string()),
            format!("{what} on {table}"),
            "ENFORCED / NOT ENFORCED is not modelled",
        );
    }
    let deferred = ch.initially == Some(DeferrableInitial::Deferred);
    match (ch.deferrable, deferred) {
        // INITIALLY DEFERRED implies DEFERRABLE.
        (_, true) => Deferral::Deferred,
        (Some(true), false) => Deferral::Immediate,
        _ => Deferral::No,
    }
}

/// The index options of a key: `INCLUDE` columns (which must exist).
fn key_index(
    r: &mut Replay,
    table: &str,
    include: &[sqlparser::ast::Ident],
    other_options: bool,
) -> Result<KeyIndex, Fail> {
    if other_options {
        r.refuse(
            Holder::Table(table.to_string()),
            format!("key on {table}"),
            "index options are not modelled",
        );
    }
    let include: Vec<String> = include.iter().map(names::ident).collect();
    for c in &include {
        require(r, table, c)?;
    }
    Ok(KeyIndex {
        include,
        with: Default::default(),
    })
}

/// The name of a primary key or unique constraint: given (then no relation may have
/// it), or PostgreSQL's default.
fn index_backed_name(
    r: &Replay,
    table: &str,
    given: Option<&sqlparser::ast::Ident>,
    cols: &[String],
    label: &str,
) -> Result<String, Fail> {
    match given {
        Some(n) => {
            let name = names::ident(n);
            if r.relation_taken(&name) {
                return Err(Fail::Exists {
                    kind: "relation",
                    name,
                });
            }
            Ok(name)
        }
        None => Ok(names::choose(table, cols, label, |n| r.relation_taken(n))),
    }
}

/// A given constraint name, free on its table.
fn checked_name(r: &Replay, table: &str, name: String) -> Result<String, Fail> {
    if r.table(table)?.constraints.contains_key(&name) {
        return Err(Fail::Exists {
            kind: "constraint",
            name: format!("{name} for relation {table}"),
        });
    }
    Ok(name)
}

/// The referenced columns: as written, or the referenced table's primary key.
fn referenced_columns(r: &Replay, target: &str, written: Vec<String>) -> Result<Vec<String>, Fail> {
    let t = r.table(target)?;
    if written.is_empty() {
        return t
            .constraints
            .values()
            .find_map(|c| match c {
                Constraint::PrimaryKey { columns, .. } => Some(columns.clone()),
                _ => None,
            })
            .ok_or_else(|| {
                Fail::Rejected(format!(
                    "there is no primary key for referenced table {target}"
                ))
            });
    }
    for col in &written {
        require(r, target, col)?;
    }
    // Any key on the same set of columns will do, in any order.
    let sorted = |cols: &[String]| {
        let mut v = cols.to_vec();
        v.sort();
        v
    };
    let want = sorted(&written);
    let keyed = t
        .constraints
        .values()
        .any(|c| backs_index(c) && sorted(c.columns()) == want);
    let unique_index = t.indexes.values().any(|i| {
        i.unique
            && i.predicate.is_none()
            && i.method.is_none()
            && i.is_plain()
            && sorted(&i.key_columns()) == want
    });
    if !keyed && !unique_index {
        return Err(Fail::Rejected(format!(
            "there is no unique constraint matching given keys for referenced table {target}"
        )));
    }
    Ok(written)
}

fn action(a: Option<ReferentialAction>) -> FkAction {
    match a {
        None | Some(ReferentialAction::NoAction) => FkAction::NoAction,
        Some(ReferentialAction::Restrict) => FkAction::Restrict,
        Some(ReferentialAction::Cascade) => FkAction::Cascade,
        Some(ReferentialAction::SetNull) => FkAction::SetNull,
        Some(ReferentialAction::SetDefault) => FkAction::SetDefault,
    }
}
