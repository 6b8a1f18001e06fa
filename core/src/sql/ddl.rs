//! Definitions of columns, constraints, indexes, functions and triggers.

use super::quote::{quote_ident, quote_literal};
use crate::model::{
    Column, Constraint, FkAction, Function, Index, Trigger, TriggerEvent, TriggerLevel,
    TriggerTiming,
};

pub(crate) fn idents(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote_ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name type [DEFAULT expr] [NOT NULL]`
pub(crate) fn column(name: &str, c: &Column) -> String {
    let mut s = format!("{} {}", quote_ident(name), c.data_type);
    if let Some(d) = &c.default {
        s.push_str(" DEFAULT ");
        s.push_str(d);
    }
    if c.not_null {
        s.push_str(" NOT NULL");
    }
    s
}

/// `CONSTRAINT name <definition>`
pub(crate) fn constraint(name: &str, c: &Constraint) -> String {
    let def = match c {
        Constraint::PrimaryKey { columns } => format!("PRIMARY KEY ({})", idents(columns)),
        Constraint::Unique { columns } => format!("UNIQUE ({})", idents(columns)),
        Constraint::Check { expression, source } => {
            format!("CHECK ({})", source.as_deref().unwrap_or(expression))
        }
        Constraint::ForeignKey {
            columns,
            references,
            on_delete,
            on_update,
        } => {
            let mut s = format!(
                "FOREIGN KEY ({}) REFERENCES {} ({})",
                idents(columns),
                quote_ident(&references.table),
                idents(&references.columns)
            );
            if let Some(a) = action(*on_update) {
                s.push_str(" ON UPDATE ");
                s.push_str(a);
            }
            if let Some(a) = action(*on_delete) {
                s.push_str(" ON DELETE ");
                s.push_str(a);
            }
            s
        }
    };
    format!("CONSTRAINT {} {def}", quote_ident(name))
}

fn action(a: FkAction) -> Option<&'static str> {
    match a {
        FkAction::NoAction => None,
        FkAction::Restrict => Some("RESTRICT"),
        FkAction::Cascade => Some("CASCADE"),
        FkAction::SetNull => Some("SET NULL"),
        FkAction::SetDefault => Some("SET DEFAULT"),
    }
}

pub(crate) fn create_index(table: &str, name: &str, index: &Index) -> String {
    let mut s = format!(
        "CREATE {}INDEX IF NOT EXISTS {} ON {}",
        if index.unique { "UNIQUE " } else { "" },
        quote_ident(name),
        quote_ident(table)
    );
    if let Some(m) = &index.method {
        s.push_str(" USING ");
        s.push_str(&quote_ident(m));
    }
    s.push_str(&format!(" ({})", idents(&index.columns)));
    if let Some(p) = &index.predicate {
        s.push_str(&format!(" WHERE ({p})"));
    }
    s.push(';');
    s
}

pub(crate) fn create_function(name: &str, f: &Function) -> String {
    let mut s = format!(
        "CREATE OR REPLACE FUNCTION {}({}) RETURNS {}\n    LANGUAGE {}",
        quote_ident(name),
        f.arguments,
        f.returns,
        quote_ident(&f.language)
    );
    if f.security_definer {
        s.push_str(" SECURITY DEFINER");
    }
    for (setting, values) in &f.config {
        let values = values
            .iter()
            .map(|v| setting_value(v))
            .collect::<Vec<_>>()
            .join(", ");
        s.push_str(&format!("\n    SET {} = {values}", quote_ident(setting)));
    }
    s.push_str("\n    AS ");
    s.push_str(&super::quote::dollar_quote(&f.body));
    s.push(';');
    s
}

/// A `SET` value: bare when it reads back as itself (a plain name), else a literal.
fn setting_value(v: &str) -> String {
    if quote_ident(v) == v {
        v.to_string()
    } else {
        quote_literal(v)
    }
}

pub(crate) fn create_trigger(table: &str, name: &str, t: &Trigger) -> String {
    let timing = match t.timing {
        TriggerTiming::Before => "BEFORE",
        TriggerTiming::After => "AFTER",
        TriggerTiming::InsteadOf => "INSTEAD OF",
    };
    let events = t
        .events
        .iter()
        .map(|e| match e {
            TriggerEvent::Insert => "INSERT".to_string(),
            TriggerEvent::Update if !t.update_of.is_empty() => {
                format!("UPDATE OF {}", idents(&t.update_of))
            }
            TriggerEvent::Update => "UPDATE".to_string(),
            TriggerEvent::Delete => "DELETE".to_string(),
            TriggerEvent::Truncate => "TRUNCATE".to_string(),
        })
        .collect::<Vec<_>>()
        .join(" OR ");
    let level = match t.level {
        TriggerLevel::Row => "ROW",
        TriggerLevel::Statement => "STATEMENT",
    };
    let mut s = format!(
        "CREATE OR REPLACE TRIGGER {} {timing} {events} ON {}\n    FOR EACH {level} EXECUTE FUNCTION {}();",
        quote_ident(name),
        quote_ident(table),
        quote_ident(&t.function)
    );
    if !t.enabled {
        s.push_str(&format!(
            "\nALTER TABLE {} DISABLE TRIGGER {};",
            quote_ident(table),
            quote_ident(name)
        ));
    }
    s
}
