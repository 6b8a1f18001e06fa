//! Short descriptions of objects, for divergences and reports.

use crate::model::{Column, Constraint, Index, Trigger, TriggerEvent, TriggerTiming};

pub(crate) fn column(c: &Column) -> String {
    let mut s = c.data_type.clone();
    if c.not_null {
        s.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        s.push_str(" DEFAULT ");
        s.push_str(d);
    }
    s
}

pub(crate) fn nullability(not_null: bool) -> String {
    if not_null { "NOT NULL" } else { "nullable" }.to_string()
}

pub(crate) fn constraint(c: &Constraint) -> String {
    match c {
        Constraint::PrimaryKey { columns } => format!("PRIMARY KEY ({})", columns.join(", ")),
        Constraint::Unique { columns } => format!("UNIQUE ({})", columns.join(", ")),
        Constraint::Check { expression, .. } => format!("CHECK ({expression})"),
        Constraint::ForeignKey {
            columns,
            references,
            ..
        } => format!(
            "FOREIGN KEY ({}) REFERENCES {}({})",
            columns.join(", "),
            references.table,
            references.columns.join(", ")
        ),
    }
}

pub(crate) fn index(i: &Index) -> String {
    let mut s = format!(
        "{}({})",
        if i.unique { "UNIQUE " } else { "" },
        i.columns.join(", ")
    );
    if let Some(m) = &i.method {
        s = format!("USING {m} {s}");
    }
    if let Some(p) = &i.predicate {
        s.push_str(&format!(" WHERE {p}"));
    }
    s
}

pub(crate) fn trigger(t: &Trigger) -> String {
    let timing = match t.timing {
        TriggerTiming::Before => "BEFORE",
        TriggerTiming::After => "AFTER",
        TriggerTiming::InsteadOf => "INSTEAD OF",
    };
    let events: Vec<String> = t
        .events
        .iter()
        .map(|e| match e {
            TriggerEvent::Insert => "INSERT".to_string(),
            TriggerEvent::Update if !t.update_of.is_empty() => {
                format!("UPDATE OF {}", t.update_of.join(", "))
            }
            TriggerEvent::Update => "UPDATE".to_string(),
            TriggerEvent::Delete => "DELETE".to_string(),
            TriggerEvent::Truncate => "TRUNCATE".to_string(),
        })
        .collect();
    format!(
        "{timing} {} EXECUTE FUNCTION {}()",
        events.join(" OR "),
        t.function
    )
}
