//! Adding a constraint (inline or table-level, CREATE TABLE or ALTER TABLE), with the
//! name PostgreSQL would give it.

use sqlparser::ast::{
    ConstraintCharacteristics, ConstraintReferenceMatchKind, IndexColumn, ReferentialAction,
    TableConstraint,
};

use super::super::expr::{self, Scope};
use super::super::names;
use super::columns::{expr_fail, idents, require};
use super::{backs_index, Done, Fail, Replay};
use crate::model::{Constraint, FkAction, Reference};

/// Add `c` to `table`; `column` is the column of an inline constraint.
pub fn add(r: &mut Replay, table: &str, c: &TableConstraint, column: Option<&str>) -> Done {
    let own = |cols: Vec<String>| match (column, cols.is_empty()) {
        (Some(c), true) => vec![c.to_string()],
        _ => cols,
    };
    match c {
        TableConstraint::PrimaryKey(pk) => {
            let cols = own(index_columns(&pk.columns).map_err(Fail::Rejected)?);
            options(
                r,
                table,
                "primary key",
                pk.characteristics.as_ref(),
                !pk.include.is_empty() || !pk.index_options.is_empty(),
            );
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
            t.constraints.insert(name, Constraint::primary_key(cols));
        }
        TableConstraint::Unique(u) => {
            let cols = own(index_columns(&u.columns).map_err(Fail::Rejected)?);
            options(
                r,
                table,
                "unique",
                u.characteristics.as_ref(),
                !u.include.is_empty() || !u.index_options.is_empty(),
            );
            if u.nulls_distinct == sqlparser::ast::NullsDistinctOption::NotDistinct {
                r.warn(format!(
                    "unique constraint on {table}: NULLS NOT DISTINCT is not modelled"
                ));
            }
            for col in &cols {
                require(r, table, col)?;
            }
            let name = index_backed_name(r, table, u.name.as_ref(), &cols, "key")?;
            r.table_mut(table)?
                .constraints
                .insert(name, Constraint::unique(cols));
        }
        TableConstraint::ForeignKey(fk) => {
            let cols = own(idents(&fk.columns));
            options(r, table, "foreign key", fk.characteristics.as_ref(), false);
            if fk
                .match_kind
                .is_some_and(|m| m != ConstraintReferenceMatchKind::Simple)
            {
                r.warn(format!(
                    "foreign key on {table}: MATCH FULL/PARTIAL is not modelled"
                ));
            }
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
                Constraint::foreign_key(
                    cols,
                    Reference {
                        table: target,
                        columns: referenced,
                    },
                    action(fk.on_delete),
                    action(fk.on_update),
                ),
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
            if ck.no_inherit {
                r.warn(format!(
                    "check {name} on {table}: NO INHERIT is not modelled"
                ));
            }
            if ck.enforced == Some(false) {
                r.warn(format!(
                    "check {name} on {table}: NOT ENFORCED is not modelled"
                ));
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
            r.table_mut(table)?
                .constraints
                .insert(name, Constraint::check(printed.text, source));
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
        other => r.warn(format!(
            "constraint `{other}` on {table} is not modelled; skipped"
        )),
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

/// Warn about what the model does not hold of a constraint.
fn options(
    r: &mut Replay,
    table: &str,
    what: &str,
    ch: Option<&ConstraintCharacteristics>,
    index_options: bool,
) {
    if ch.is_some_and(|c| c.deferrable.is_some() || c.initially.is_some() || c.enforced.is_some()) {
        r.warn(format!(
            "{what} on {table}: DEFERRABLE / INITIALLY / ENFORCED are not modelled"
        ));
    }
    if index_options {
        r.warn(format!(
            "{what} on {table}: INCLUDE and index options are not modelled"
        ));
    }
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
