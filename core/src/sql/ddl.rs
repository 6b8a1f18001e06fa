//! Definitions of columns, constraints, indexes, functions and triggers.

use crate::model::{Column, Constraint, FkAction, Function, Index, Trigger};
use crate::pg::{dollar_quote, quote_ident, quote_literal};

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

/// The action when it is not the default (`NO ACTION`, which is not printed).
fn action(a: FkAction) -> Option<&'static str> {
    (a != FkAction::NoAction).then(|| a.sql())
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
    s.push_str(&dollar_quote(&f.body));
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
    let mut s = format!(
        "CREATE OR REPLACE TRIGGER {} {} {} ON {}\n    FOR EACH {} EXECUTE FUNCTION {}();",
        quote_ident(name),
        t.timing.sql(),
        t.events_sql(),
        quote_ident(table),
        t.level.sql(),
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
