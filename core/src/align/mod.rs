//! The end state: Origin with the decisions applied ("aligned"). This is what the
//! generated migrations converge on, from an empty database or from the current one;
//! the diff measures the current schema against it and the planner builds it.

pub(crate) mod claims;
pub(crate) mod rename;

use indexmap::IndexMap;

use crate::model::{
    validate_schema, Action, Column, Constraint, Decision, Function, Otherwise, Project, Schema,
    Table, Trigger, TriggerEvent, TriggerLevel, TriggerTiming, ValueExpr,
};
use crate::plan::PlanError;
use crate::sql::{bodies, quote_ident};
use rename::rename_column;

/// Origin with every decision of `project` applied: legacy names and columns kept,
/// relaxed constraints, indexes renamed rather than dropped, and the sync functions
/// and triggers the decisions need.
pub fn aligned(project: &Project) -> Result<Schema, PlanError> {
    validate_schema("origin", &project.origin)?;
    validate_schema("current", &project.current)?;
    let mut out = project.origin.clone();
    // Shape first (names and columns), then what refers to the shaped tables.
    for d in &project.decisions {
        for action in &d.actions {
            shape(project, &mut out, d, action)?;
        }
    }
    for d in &project.decisions {
        for action in &d.actions {
            sync_objects(&mut out, d, action)?;
        }
    }
    validate_schema("end state", &out)?;
    Ok(out)
}

fn shape(
    project: &Project,
    out: &mut Schema,
    d: &Decision,
    action: &Action,
) -> Result<(), PlanError> {
    let current = &project.current;
    match action {
        Action::KeepLegacyName {
            table,
            column,
            legacy,
            note,
        } => {
            col(current, "current", d, table, legacy)?;
            col(out, "origin", d, table, column)?;
            if table_of(out, "origin", d, table)?
                .columns
                .contains_key(legacy)
            {
                return Err(PlanError::Duplicate {
                    decision: d.id,
                    object: "column",
                    name: format!("{table}.{legacy}"),
                });
            }
            let t = table_mut(out, "origin", d, table)?;
            rename_column(table, t, column, legacy, &project.conventions);
            if let Some(c) = t.columns.get_mut(legacy) {
                c.comment = Some(format!("legacy: {note}"));
            }
            for other in out.tables.values_mut() {
                for c in other.constraints.values_mut() {
                    if let Constraint::ForeignKey { references, .. } = c {
                        if references.table == *table {
                            for rc in references.columns.iter_mut() {
                                if rc == column {
                                    *rc = legacy.clone();
                                }
                            }
                        }
                    }
                }
            }
        }
        Action::KeepLegacyColumn {
            table,
            column,
            note,
        } => {
            let mut kept = col(current, "current", d, table, column)?.clone();
            let t = table_mut(out, "origin", d, table)?;
            if t.columns.contains_key(column) {
                return Err(PlanError::NotLegacy {
                    decision: d.id,
                    table: table.clone(),
                    column: column.clone(),
                });
            }
            kept.comment = Some(format!("legacy: {note}"));
            t.columns.insert(column.clone(), kept);
        }
        Action::Relax { table, column } => {
            col_mut(out, "origin", d, table, column)?.not_null = false;
        }
        Action::Rename { table, from, to } => {
            col(current, "current", d, table, from)?;
            col(out, "origin", d, table, to)?;
        }
        Action::ConvertType { table, column, map } => {
            col(current, "current", d, table, column)?;
            let target = col(out, "origin", d, table, column)?;
            if map.identity && enum_of(out, &target.data_type).is_none() {
                return Err(PlanError::IdentityNeedsEnum {
                    decision: d.id,
                    table: table.clone(),
                    column: column.clone(),
                    data_type: target.data_type.clone(),
                });
            }
        }
        Action::RenameIndex { table, from, to } => {
            let renames = column_renames(project, table);
            let index = table_of(current, "current", d, table)?
                .indexes
                .get(from)
                .ok_or_else(|| PlanError::UnknownObject {
                    decision: d.id,
                    schema: "current",
                    kind: "index",
                    name: format!("{table}.{from}"),
                })?
                .clone();
            let t = table_mut(out, "origin", d, table)?;
            if !t.indexes.contains_key(to) {
                let mut index = index;
                index.columns = index
                    .columns
                    .iter()
                    .map(|c| renames.get(c).cloned().unwrap_or_else(|| c.clone()))
                    .collect();
                t.indexes.insert(to.clone(), index);
            }
        }
        Action::Add { .. }
        | Action::Derive { .. }
        | Action::Move { .. }
        | Action::Extract { .. } => {}
    }
    Ok(())
}

fn sync_objects(out: &mut Schema, d: &Decision, action: &Action) -> Result<(), PlanError> {
    match action {
        Action::Add {
            table,
            columns,
            indexes,
            triggers,
            types,
        } => {
            if let Some(table) = table {
                let t = table_of(out, "end state", d, table)?;
                for c in columns {
                    col(out, "end state", d, table, c)?;
                }
                for i in indexes {
                    if !t.indexes.contains_key(i) {
                        return Err(unknown(d, "index", format!("{table}.{i}")));
                    }
                }
            }
            for tr in triggers {
                if out.trigger_table(tr).is_none() {
                    return Err(unknown(d, "trigger", tr.clone()));
                }
            }
            for ty in types {
                if !out.enums.contains_key(ty) {
                    return Err(unknown(d, "type", ty.clone()));
                }
            }
        }
        Action::Derive {
            table,
            column,
            value,
            trigger,
            function,
        } => {
            check_map(d, value)?;
            let target = col(out, "end state", d, table, column)?.clone();
            for source in value.columns() {
                col(out, "end state", d, table, &source)?;
            }
            let body = bodies::derive(column, value, &target.data_type);
            add_function(out, d, function, body, false, IndexMap::new())?;
            let trig = Trigger {
                timing: TriggerTiming::Before,
                events: vec![TriggerEvent::Insert, TriggerEvent::Update],
                update_of: value.columns(),
                level: TriggerLevel::Row,
                function: function.clone(),
                enabled: true,
            };
            add_trigger(out, d, table, trigger, trig)?;
        }
        Action::Move {
            from_table,
            to_table,
            values,
            key,
            trigger,
            function,
            security_definer,
            config,
        } => {
            let assigns = assignments(out, d, from_table, to_table, values, key)?;
            let body = bodies::upsert(to_table, &assigns, key);
            add_function(out, d, function, body, *security_definer, config.clone())?;
            let watched: Vec<String> = values
                .iter()
                .filter(|(target, _)| !key.contains(target))
                .flat_map(|(_, v)| v.columns())
                .fold(Vec::new(), |mut acc, c| {
                    if !acc.contains(&c) {
                        acc.push(c);
                    }
                    acc
                });
            let trig = Trigger {
                timing: TriggerTiming::After,
                events: vec![TriggerEvent::Insert, TriggerEvent::Update],
                update_of: watched,
                level: TriggerLevel::Row,
                function: function.clone(),
                enabled: true,
            };
            add_trigger(out, d, from_table, trigger, trig)?;
        }
        Action::Extract {
            from_table,
            to_table,
            values,
            key,
            order_by,
            link_column,
        } => {
            assignments(out, d, from_table, to_table, values, key)?;
            for c in order_by {
                col(out, "end state", d, from_table, c)?;
            }
            link_target(out, d, from_table, link_column, to_table)?;
        }
        _ => {}
    }
    Ok(())
}

/// One target column of a back-fill or sync: its name, how it is computed, its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    pub column: String,
    pub value: ValueExpr,
    pub data_type: String,
}

/// Check a move's or extract's columns and key, and pair each value with its type.
pub(crate) fn assignments(
    schema: &Schema,
    d: &Decision,
    from_table: &str,
    to_table: &str,
    values: &IndexMap<String, ValueExpr>,
    key: &[String],
) -> Result<Vec<Assign>, PlanError> {
    table_of(schema, "end state", d, from_table)?;
    let target = table_of(schema, "end state", d, to_table)?;
    let mut out = Vec::new();
    for (column, value) in values {
        check_map(d, value)?;
        let c = col(schema, "end state", d, to_table, column)?;
        for source in value.columns() {
            col(schema, "end state", d, from_table, &source)?;
        }
        out.push(Assign {
            column: column.clone(),
            value: value.clone(),
            data_type: c.data_type.clone(),
        });
    }
    for k in key {
        if !values.contains_key(k) {
            return Err(PlanError::KeyWithoutValue {
                decision: d.id,
                table: to_table.to_string(),
                column: k.clone(),
            });
        }
    }
    let unique = target.constraints.values().any(|c| match c {
        Constraint::PrimaryKey { columns } | Constraint::Unique { columns } => {
            columns.len() == key.len() && key.iter().all(|k| columns.contains(k))
        }
        _ => false,
    });
    if !unique {
        return Err(PlanError::NoUniqueKey {
            decision: d.id,
            table: to_table.to_string(),
            columns: key.join(", "),
        });
    }
    Ok(out)
}

/// The column of `to_table` that `from_table.link_column` references.
pub(crate) fn link_target(
    schema: &Schema,
    d: &Decision,
    from_table: &str,
    link_column: &str,
    to_table: &str,
) -> Result<String, PlanError> {
    col(schema, "end state", d, from_table, link_column)?;
    table_of(schema, "end state", d, from_table)?
        .constraints
        .values()
        .find_map(|c| match c {
            Constraint::ForeignKey {
                columns,
                references,
                ..
            } if columns.len() == 1
                && columns[0] == link_column
                && references.table == to_table
                && references.columns.len() == 1 =>
            {
                Some(references.columns[0].clone())
            }
            _ => None,
        })
        .ok_or_else(|| PlanError::NoLink {
            decision: d.id,
            table: from_table.to_string(),
            column: link_column.to_string(),
            target: to_table.to_string(),
        })
}

/// `else: error` refuses inside a type conversion; a back-fill or a trigger has no one
/// to refuse to, so its maps must say what every value becomes.
fn check_map(d: &Decision, value: &ValueExpr) -> Result<(), PlanError> {
    let refuses = match value {
        ValueExpr::Map(m) => m.map.otherwise == Otherwise::Error,
        _ => false,
    };
    if refuses {
        return Err(PlanError::RefusingMap { decision: d.id });
    }
    Ok(())
}

fn add_function(
    out: &mut Schema,
    d: &Decision,
    name: &str,
    body: String,
    security_definer: bool,
    config: IndexMap<String, Vec<String>>,
) -> Result<(), PlanError> {
    if out.functions.contains_key(name) {
        return Err(PlanError::Duplicate {
            decision: d.id,
            object: "function",
            name: name.to_string(),
        });
    }
    out.functions.insert(
        name.to_string(),
        Function {
            arguments: String::new(),
            returns: "trigger".into(),
            language: "plpgsql".into(),
            body,
            security_definer,
            config,
        },
    );
    Ok(())
}

fn add_trigger(
    out: &mut Schema,
    d: &Decision,
    table: &str,
    name: &str,
    trigger: Trigger,
) -> Result<(), PlanError> {
    if out.trigger_table(name).is_some() {
        return Err(PlanError::Duplicate {
            decision: d.id,
            object: "trigger",
            name: name.to_string(),
        });
    }
    table_mut(out, "end state", d, table)?
        .triggers
        .insert(name.to_string(), trigger);
    Ok(())
}

/// The rename decisions of `table`, current name → Origin name.
pub(crate) fn column_renames(project: &Project, table: &str) -> IndexMap<String, String> {
    project
        .decisions
        .iter()
        .flat_map(|d| &d.actions)
        .filter_map(|a| match a {
            Action::Rename { table: t, from, to } if t == table => Some((from.clone(), to.clone())),
            _ => None,
        })
        .collect()
}

/// The enum type a column type names, if the schema has it.
pub(crate) fn enum_of<'a>(
    schema: &'a Schema,
    data_type: &str,
) -> Option<(&'a String, &'a crate::model::EnumType)> {
    schema
        .enums
        .iter()
        .find(|(name, _)| quote_ident(name) == data_type)
}

fn unknown(d: &Decision, kind: &'static str, name: String) -> PlanError {
    PlanError::UnknownObject {
        decision: d.id,
        schema: "end state",
        kind,
        name,
    }
}

fn table_of<'a>(
    s: &'a Schema,
    schema: &'static str,
    d: &Decision,
    table: &str,
) -> Result<&'a Table, PlanError> {
    s.tables.get(table).ok_or_else(|| PlanError::UnknownTable {
        decision: d.id,
        schema,
        table: table.to_string(),
    })
}

fn table_mut<'a>(
    s: &'a mut Schema,
    schema: &'static str,
    d: &Decision,
    table: &str,
) -> Result<&'a mut Table, PlanError> {
    s.tables
        .get_mut(table)
        .ok_or_else(|| PlanError::UnknownTable {
            decision: d.id,
            schema,
            table: table.to_string(),
        })
}

fn col<'a>(
    s: &'a Schema,
    schema: &'static str,
    d: &Decision,
    table: &str,
    column: &str,
) -> Result<&'a Column, PlanError> {
    table_of(s, schema, d, table)?
        .columns
        .get(column)
        .ok_or_else(|| PlanError::UnknownColumn {
            decision: d.id,
            schema,
            table: table.to_string(),
            column: column.to_string(),
        })
}

fn col_mut<'a>(
    s: &'a mut Schema,
    schema: &'static str,
    d: &Decision,
    table: &str,
    column: &str,
) -> Result<&'a mut Column, PlanError> {
    table_mut(s, schema, d, table)?
        .columns
        .get_mut(column)
        .ok_or_else(|| PlanError::UnknownColumn {
            decision: d.id,
            schema,
            table: table.to_string(),
            column: column.to_string(),
        })
}
