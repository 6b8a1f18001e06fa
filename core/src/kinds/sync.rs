//! What the kinds that keep data in step share: the checks of their value maps and
//! keys, and the trigger functions and triggers they add to the end state.

use indexmap::IndexMap;

use super::lookup::In;
use super::DecisionError;
use crate::model::{Constraint, Decision, Function, Otherwise, Schema, Trigger, ValueExpr};
use crate::step::{Assign, Step};

/// `else: error` refuses inside a type conversion; a back-fill or a trigger has no one
/// to refuse to, so its maps must say what every value becomes.
pub(super) fn check_map(d: &Decision, value: &ValueExpr) -> Result<(), DecisionError> {
    let refuses = match value {
        ValueExpr::Map(m) => m.map.otherwise == Otherwise::Error,
        _ => false,
    };
    if refuses {
        return Err(DecisionError::RefusingMap { decision: d.id });
    }
    Ok(())
}

/// Check a move's or extract's columns and key, and pair each value with its type.
pub(super) fn assignments(
    schema: &Schema,
    d: &Decision,
    from_table: &str,
    to_table: &str,
    values: &IndexMap<String, ValueExpr>,
    key: &[String],
) -> Result<Vec<Assign>, DecisionError> {
    let at = In::end_state(d);
    at.table(schema, from_table)?;
    let target = at.table(schema, to_table)?;
    let mut out = Vec::new();
    for (column, value) in values {
        check_map(d, value)?;
        let c = at.column(schema, to_table, column)?;
        for source in value.columns() {
            at.column(schema, from_table, &source)?;
        }
        out.push(Assign {
            column: column.clone(),
            value: value.clone(),
            data_type: c.data_type.clone(),
        });
    }
    for k in key {
        if !values.contains_key(k) {
            return Err(DecisionError::KeyWithoutValue {
                decision: d.id,
                table: to_table.to_string(),
                column: k.clone(),
            });
        }
    }
    let unique = target.constraints.values().any(|c| match c {
        Constraint::PrimaryKey { columns, .. } | Constraint::Unique { columns, .. } => {
            columns.len() == key.len() && key.iter().all(|k| columns.contains(k))
        }
        Constraint::Check { .. } | Constraint::ForeignKey { .. } | Constraint::Exclude { .. } => {
            false
        }
    });
    if !unique {
        return Err(DecisionError::NoUniqueKey {
            decision: d.id,
            table: to_table.to_string(),
            columns: key.join(", "),
        });
    }
    Ok(out)
}

/// A trigger function the decision adds to the end state.
pub(super) fn add_function(
    out: &mut Schema,
    d: &Decision,
    name: &str,
    body: String,
    security_definer: bool,
    config: IndexMap<String, Vec<String>>,
) -> Result<(), DecisionError> {
    if out.functions.contains_key(name) {
        return Err(DecisionError::Duplicate {
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

/// A trigger the decision adds to `table` of the end state.
pub(super) fn add_trigger(
    out: &mut Schema,
    d: &Decision,
    table: &str,
    name: &str,
    trigger: Trigger,
) -> Result<(), DecisionError> {
    if out.trigger_table(name).is_some() {
        return Err(DecisionError::Duplicate {
            decision: d.id,
            object: "trigger",
            name: name.to_string(),
        });
    }
    In::end_state(d)
        .table_mut(out, table)?
        .triggers
        .insert(name.to_string(), trigger);
    Ok(())
}

/// The function and trigger a decision made, as the end state has them: created
/// before the back-fill they keep true, so that no write slips between the two.
pub(super) fn sync_steps(
    end_state: &Schema,
    table: &str,
    trigger: &str,
    function: &str,
) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(f) = end_state.functions.get(function) {
        steps.push(Step::CreateFunction {
            name: function.to_string(),
            function: f.clone(),
        });
    }
    if let Some(t) = end_state
        .tables
        .get(table)
        .and_then(|t| t.triggers.get(trigger))
    {
        steps.push(Step::CreateTrigger {
            table: table.to_string(),
            name: trigger.to_string(),
            trigger: t.clone(),
        });
    }
    steps
}
