//! CREATE [OR REPLACE] TRIGGER and DROP TRIGGER. The model's trigger is
//! BEFORE/AFTER/INSTEAD OF, events (UPDATE OF columns), FOR EACH ROW/STATEMENT and a
//! function without arguments; anything more (WHEN, REFERENCING, arguments, constraint
//! triggers) is refused with its table (`refusals`).

use sqlparser::ast::{
    CreateTrigger, DropTrigger, TriggerEvent as Event, TriggerObject, TriggerObjectKind,
    TriggerPeriod,
};

use super::super::names;
use super::columns::{idents, require};
use super::{Done, Fail, Holder, Replay};
use crate::model::{Trigger, TriggerEvent, TriggerLevel, TriggerTiming};

pub fn create(r: &mut Replay, ct: &CreateTrigger) -> Done {
    let name = ct
        .name
        .0
        .last()
        .map(|p| match p {
            sqlparser::ast::ObjectNamePart::Identifier(id) => names::ident(id),
            other => other.to_string(),
        })
        .unwrap_or_default();
    let Some(table) = r.table_name(&ct.table_name, false, &format!("CREATE TRIGGER {name}"))?
    else {
        return Ok(());
    };
    let unmodelled = if ct.is_constraint {
        Some("constraint triggers are not modelled")
    } else if ct.condition.is_some() {
        Some("WHEN conditions are not modelled")
    } else if !ct.referencing.is_empty() {
        Some("REFERENCING transition tables are not modelled")
    } else if ct
        .exec_body
        .as_ref()
        .is_some_and(|b| b.func_desc.args.as_ref().is_some_and(|a| !a.is_empty()))
    {
        Some("trigger function arguments are not modelled")
    } else {
        None
    };
    if let Some(why) = unmodelled {
        refuse(r, &name, &table, why);
        return Ok(());
    }
    let timing = match ct.period {
        Some(TriggerPeriod::Before) => TriggerTiming::Before,
        Some(TriggerPeriod::After) => TriggerTiming::After,
        Some(TriggerPeriod::InsteadOf) => TriggerTiming::InsteadOf,
        _ => {
            refuse(r, &name, &table, "no BEFORE/AFTER/INSTEAD OF");
            return Ok(());
        }
    };
    let mut update_of = Vec::new();
    let mut seen = Vec::new();
    for e in &ct.events {
        seen.push(match e {
            Event::Insert => TriggerEvent::Insert,
            Event::Update(cols) => {
                update_of.extend(idents(cols));
                TriggerEvent::Update
            }
            Event::Delete => TriggerEvent::Delete,
            Event::Truncate => TriggerEvent::Truncate,
        });
    }
    // The model lists events in its own order, as the catalog reader does.
    let events: Vec<TriggerEvent> = [
        TriggerEvent::Insert,
        TriggerEvent::Update,
        TriggerEvent::Delete,
        TriggerEvent::Truncate,
    ]
    .into_iter()
    .filter(|e| seen.contains(e))
    .collect();
    for c in &update_of {
        require(r, &table, c)?;
    }
    // PostgreSQL's default is FOR EACH STATEMENT.
    let level = match &ct.trigger_object {
        Some(
            TriggerObjectKind::ForEach(TriggerObject::Row)
            | TriggerObjectKind::For(TriggerObject::Row),
        ) => TriggerLevel::Row,
        _ => TriggerLevel::Statement,
    };
    let Some(body) = &ct.exec_body else {
        refuse(r, &name, &table, "no EXECUTE FUNCTION");
        return Ok(());
    };
    let function = match names::local(&body.func_desc.name) {
        Ok(f) => f,
        Err(why) => {
            refuse(r, &name, &table, &why);
            return Ok(());
        }
    };
    if !r.schema.functions.contains_key(&function) {
        if r.opaque.functions.contains(&function) {
            let why = format!("function {function} is not modelled");
            refuse(r, &name, &table, &why);
            return Ok(());
        }
        return Err(Fail::Unknown {
            kind: "function",
            name: format!("{function}()"),
        });
    }
    // Replaced by one the model holds.
    r.unrefuse(&object(&name, &table));
    let t = r.table_mut(&table)?;
    if t.triggers.contains_key(&name) && !ct.or_replace {
        return Err(Fail::Exists {
            kind: "trigger",
            name: format!("{name} for relation {table}"),
        });
    }
    t.triggers.insert(
        name,
        Trigger {
            timing,
            events,
            update_of,
            level,
            function,
            enabled: true,
        },
    );
    Ok(())
}

pub fn drop(r: &mut Replay, dt: &DropTrigger) -> Done {
    let name = names::local(&dt.trigger_name).unwrap_or_else(|_| dt.trigger_name.to_string());
    let Some(table_name) = &dt.table_name else {
        return Err(Fail::Rejected(format!(
            "DROP TRIGGER {name} needs ON table"
        )));
    };
    let Some(table) = r.table_name(table_name, dt.if_exists, &format!("DROP TRIGGER {name}"))?
    else {
        return Ok(());
    };
    let refused = object(&name, &table);
    let was_refused = r.refused_here(&refused);
    r.unrefuse(&refused);
    let t = r.table_mut(&table)?;
    if t.triggers.shift_remove(&name).is_none() && !dt.if_exists && !was_refused {
        return Err(Fail::Unknown {
            kind: "trigger",
            name: format!("{name} for table {table}"),
        });
    }
    Ok(())
}

/// How a refused trigger is named (and found again by `DROP TRIGGER`).
fn object(name: &str, table: &str) -> String {
    format!("trigger {name} on {table}")
}

/// A trigger the model cannot hold: refused with its table.
fn refuse(r: &mut Replay, name: &str, table: &str, why: &str) {
    r.refuse(Holder::Table(table.to_string()), object(name, table), why);
}
