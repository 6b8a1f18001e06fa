//! ALTER TABLE: columns (add, drop, rename, type, default, NOT NULL), constraints (add,
//! drop, rename), RENAME TO, ENABLE / DISABLE TRIGGER.

use sqlparser::ast::{
    AlterColumnOperation, AlterTable, AlterTableOperation, DropBehavior, Ident, RenameTableNameKind,
};

use super::super::{names, types};
use super::columns::{self, require};
use super::{constraints, drop, options, rename_key, Done, Fail, Holder, Replay};
use crate::model::Constraint;
use crate::pg::quote_ident;
use crate::pg::refs;

pub fn alter_table(r: &mut Replay, at: &AlterTable) -> Done {
    // Ownership is not modelled, whatever the relation (pg_dump says it of sequences).
    if at
        .operations
        .iter()
        .all(|op| matches!(op, AlterTableOperation::OwnerTo { .. }))
    {
        return Ok(());
    }
    // ALTER TABLE renames a sequence too (Rails' rename_table does).
    if let ([AlterTableOperation::RenameTable { table_name }], Ok(seq)) =
        (at.operations.as_slice(), names::local(&at.name))
    {
        if r.schema.sequences.contains_key(&seq) {
            let (RenameTableNameKind::To(new) | RenameTableNameKind::As(new)) = table_name;
            let new = names::local(new).map_err(Fail::Rejected)?;
            return super::sequences::rename(r, &seq, &new);
        }
    }
    let what = format!("ALTER TABLE {}", at.name);
    let Some(table) = r.table_name(&at.name, at.if_exists, &what)? else {
        return Ok(());
    };
    // Operations apply in order; a rename changes the name later ones use.
    let mut table = table;
    for op in &at.operations {
        if let Some(renamed) = operation(r, &table, op)? {
            table = renamed;
        }
    }
    Ok(())
}

/// Apply one operation; the table's new name when it was renamed.
fn operation(
    r: &mut Replay,
    table: &str,
    op: &AlterTableOperation,
) -> Result<Option<String>, Fail> {
    use AlterTableOperation as Op;
    match op {
        Op::AddColumn {
            if_not_exists,
            column_def,
            ..
        } => {
            let name = names::ident(&column_def.name);
            if *if_not_exists && r.table(table)?.columns.contains_key(&name) {
                return Ok(None);
            }
            let inline = columns::add(r, table, column_def)?;
            for i in &inline {
                constraints::add(r, table, &i.constraint, Some(&i.column), false)?;
            }
        }
        Op::DropColumn {
            column_names,
            if_exists,
            drop_behavior,
            ..
        } => {
            let cascade = *drop_behavior == Some(DropBehavior::Cascade);
            for c in column_names {
                let column = names::ident(c);
                if !r.table(table)?.columns.contains_key(&column) {
                    if *if_exists {
                        continue;
                    }
                    require(r, table, &column)?;
                }
                drop::column(r, table, &column, cascade)?;
            }
        }
        Op::RenameColumn {
            old_column_name,
            new_column_name,
        } => rename_column(r, table, old_column_name, new_column_name)?,
        Op::RenameTable { table_name } => {
            let (RenameTableNameKind::To(new) | RenameTableNameKind::As(new)) = table_name;
            let new = match names::local(new) {
                Ok(n) => n,
                Err(why) => return Err(Fail::Rejected(why)),
            };
            rename_table(r, table, &new)?;
            return Ok(Some(new));
        }
        Op::AlterColumn { column_name, op } => alter_column(r, table, column_name, op)?,
        Op::AddConstraint {
            constraint,
            not_valid,
        } => constraints::add(r, table, constraint, None, *not_valid)?,
        Op::DropConstraint {
            if_exists,
            name,
            drop_behavior,
        } => {
            let name = names::ident(name);
            if !r.table(table)?.constraints.contains_key(&name) {
                if *if_exists {
                    return Ok(None);
                }
                return Err(Fail::Unknown {
                    kind: "constraint",
                    name: format!("{name} of relation {table}"),
                });
            }
            drop::constraint(
                r,
                table,
                &name,
                *drop_behavior == Some(DropBehavior::Cascade),
            )?;
        }
        Op::RenameConstraint { old_name, new_name } => {
            let (old, new) = (names::ident(old_name), names::ident(new_name));
            let t = r.table(table)?;
            let Some(c) = t.constraints.get(&old) else {
                return Err(Fail::Unknown {
                    kind: "constraint",
                    name: format!("{old} of relation {table}"),
                });
            };
            let taken = if super::backs_index(c) {
                r.relation_taken(&new)
            } else {
                t.constraints.contains_key(&new)
            };
            if taken {
                return Err(Fail::Exists {
                    kind: "constraint",
                    name: new,
                });
            }
            r.names.constraints.insert(new.clone());
            rename_key(&mut r.table_mut(table)?.constraints, &old, &new);
        }
        Op::EnableTrigger { name } => enable(r, table, name, true)?,
        Op::DisableTrigger { name } => enable(r, table, name, false)?,
        // Ownership and privileges are not part of the model.
        Op::ValidateConstraint { name } => {
            let name = names::ident(name);
            let Some(c) = r.table_mut(table)?.constraints.get_mut(&name) else {
                return Err(Fail::Unknown {
                    kind: "constraint",
                    name: format!("{name} of relation {table}"),
                });
            };
            c.validate();
        }
        Op::OwnerTo { .. } => {}
        Op::EnableRowLevelSecurity => r.table_mut(table)?.row_security = true,
        Op::DisableRowLevelSecurity => r.table_mut(table)?.row_security = false,
        Op::ForceRowLevelSecurity => r.table_mut(table)?.force_row_security = true,
        Op::NoForceRowLevelSecurity => r.table_mut(table)?.force_row_security = false,
        Op::SetLogged => r.table_mut(table)?.unlogged = false,
        Op::SetUnlogged => r.table_mut(table)?.unlogged = true,
        Op::SetOptionsParens { options } => {
            let given = options::table(options, table)?;
            r.table_mut(table)?.with.extend(given);
        }
        Op::ResetOptions { options } => {
            let t = r.table_mut(table)?;
            for o in options {
                t.with.shift_remove(&names::parts(o).join("."));
            }
        }
        other => r.refuse(
            Holder::Table(table.to_string()),
            format!("`ALTER TABLE {table} {other}`"),
            "not modelled",
        ),
    }
    Ok(None)
}

fn rename_column(r: &mut Replay, table: &str, old: &Ident, new: &Ident) -> Done {
    let (old, new) = (names::ident(old), names::ident(new));
    require(r, table, &old)?;
    if r.table(table)?.columns.contains_key(&new) {
        return Err(Fail::Exists {
            kind: "column",
            name: format!("{new} of relation {table}"),
        });
    }
    r.schema.rename_column(table, &old, &new);
    // An identity column's sequence keeps its name.
    if let Some(c) = r.table_mut(table)?.columns.get_mut(&new) {
        if let Some(id) = c.identity.as_mut() {
            let name = id.sequence_name(table, &old);
            id.set_sequence(table, &new, &name);
        }
    }
    Ok(())
}

fn rename_table(r: &mut Replay, table: &str, new: &str) -> Done {
    if r.relation_taken(new) {
        return Err(Fail::Exists {
            kind: "relation",
            name: new.to_string(),
        });
    }
    rename_key(&mut r.schema.tables, table, new);
    r.rename_table_holder(table, new);
    // An identity column's sequence keeps its name.
    if let Some(t) = r.schema.tables.get_mut(new) {
        for (cname, c) in t.columns.iter_mut() {
            if let Some(id) = c.identity.as_mut() {
                let name = id.sequence_name(table, cname);
                id.set_sequence(new, cname, &name);
            }
        }
    }
    for s in r.schema.sequences.values_mut() {
        if let Some(o) = s.owned_by.as_mut().filter(|o| o.table == table) {
            o.table = new.to_string();
        }
    }
    for t in r.schema.tables.values_mut() {
        for c in t.constraints.values_mut() {
            if let Constraint::ForeignKey { references, .. } = c {
                if references.table == table {
                    references.table = new.to_string();
                }
            }
        }
    }
    Ok(())
}

fn alter_column(r: &mut Replay, table: &str, column: &Ident, op: &AlterColumnOperation) -> Done {
    let column = names::ident(column);
    require(r, table, &column)?;
    match op {
        AlterColumnOperation::SetNotNull => set(r, table, &column, |c| c.not_null = true)?,
        AlterColumnOperation::DropNotNull => {
            let in_key = r.table(table)?.constraints.values().any(
                |c| matches!(c, Constraint::PrimaryKey { columns, .. } if columns.contains(&column)),
            );
            if in_key {
                return Err(Fail::Rejected(format!(
                    "column {column} of table {table} is in a primary key"
                )));
            }
            set(r, table, &column, |c| c.not_null = false)?;
        }
        AlterColumnOperation::SetDefault { value } => {
            let ty = r
                .table(table)?
                .columns
                .get(&column)
                .map(|c| c.data_type.clone())
                .unwrap_or_default();
            let default = columns::canonical_default(r, table, &column, value, &ty)?;
            set(r, table, &column, |c| c.default = default)?;
        }
        AlterColumnOperation::DropDefault => set(r, table, &column, |c| c.default = None)?,
        AlterColumnOperation::SetDataType { data_type, .. } => {
            retype(r, table, &column, data_type)?
        }
        other => r.refuse(
            Holder::Table(table.to_string()),
            format!("`ALTER TABLE {table} ALTER COLUMN {column} {other}`"),
            "not modelled",
        ),
    }
    Ok(())
}

fn set(
    r: &mut Replay,
    table: &str,
    column: &str,
    f: impl FnOnce(&mut crate::model::Column),
) -> Done {
    match r.table_mut(table)?.columns.get_mut(column) {
        Some(c) => {
            f(c);
            Ok(())
        }
        None => Err(Fail::UnknownColumn {
            table: table.to_string(),
            column: column.to_string(),
        }),
    }
}

/// ALTER COLUMN ... TYPE: the default keeps its printed form (PostgreSQL coerces the
/// stored expression implicitly), except that nothing else casts to an enum
/// automatically. Checks and predicates on the column are re-parsed by PostgreSQL;
/// their printed form is unchanged when the type behaves the same in expressions.
fn retype(r: &mut Replay, table: &str, column: &str, data_type: &sqlparser::ast::DataType) -> Done {
    let ty = types::canonical(data_type, &r.schema.enums);
    if ty.serial {
        return Err(Fail::Rejected(format!("type {data_type} does not exist")));
    }
    if let Some(note) = &ty.note {
        r.warn(format!("column {table}.{column}: {note}"));
    }
    let enums = &r.schema.enums;
    let t = r.table(table)?;
    let Some(old) = t.columns.get(column) else {
        return require(r, table, column);
    };
    let (was, will) = (
        types::Ty::of(&old.data_type, enums),
        types::Ty::of(&ty.name, enums),
    );
    if let (types::Ty::Enum(e), Some(default)) = (&will, &old.default) {
        if was != will && !default.ends_with(&format!("::{}", quote_ident(e))) {
            return Err(Fail::Rejected(format!(
                "default for column {column} cannot be cast automatically to type {}",
                ty.name
            )));
        }
    }
    let mut touched: Vec<String> = Vec::new();
    if was != will {
        for (name, c) in &t.constraints {
            if let Constraint::Check { expression, .. } = c {
                if refs::columns(expression).iter().any(|c| c == column) {
                    touched.push(format!("check {name}"));
                }
            }
        }
        for (name, ix) in &t.indexes {
            if ix
                .predicate
                .as_deref()
                .is_some_and(|p| refs::columns(p).iter().any(|c| c == column))
            {
                touched.push(format!("the predicate of index {name}"));
            }
        }
    }
    for what in touched {
        r.warn(format!(
            "{what} on {table}: PostgreSQL re-reads it for the new type of {column}; its printed form is kept and may differ"
        ));
    }
    set(r, table, column, |c| c.data_type = ty.name)
}

/// ENABLE / DISABLE TRIGGER name | ALL | USER.
fn enable(r: &mut Replay, table: &str, name: &Ident, on: bool) -> Done {
    let all = name.quote_style.is_none()
        && ["ALL", "USER"].contains(&name.value.to_ascii_uppercase().as_str());
    let t = r.table_mut(table)?;
    if all {
        for tg in t.triggers.values_mut() {
            tg.enabled = on;
        }
        return Ok(());
    }
    let name = names::ident(name);
    match t.triggers.get_mut(&name) {
        Some(tg) => {
            tg.enabled = on;
            Ok(())
        }
        None => Err(Fail::Unknown {
            kind: "trigger",
            name: format!("{name} for table {table}"),
        }),
    }
}
