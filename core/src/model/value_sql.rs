//! Value expressions and literals as SQL: what trigger bodies of the end state and
//! back-fills compute. Printed here, with the expression language, so that both the
//! layer that builds the end state and the renderer use one spelling.

use super::expr::{Literal, Normalize, Otherwise, ValueExpr, ValueMap};
use crate::pg::{quote_ident, quote_literal};

/// How a column of the source row is referred to.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    /// `NEW.col`, inside a trigger function.
    New,
    /// `alias.col`, inside a back-fill query.
    Alias(&'a str),
}

pub fn column(row: Row, name: &str) -> String {
    match row {
        Row::New => format!("NEW.{}", quote_ident(name)),
        Row::Alias(a) => format!("{a}.{}", quote_ident(name)),
    }
}

/// A constant as SQL.
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Null => "NULL".into(),
        Literal::Bool(b) => if *b { "true" } else { "false" }.into(),
        Literal::Int(i) => i.to_string(),
        Literal::Text(s) => quote_literal(s),
    }
}

/// A constant cast to the destination type (`'public'::visibility`), so that it is
/// accepted where only an explicit cast converts text.
fn typed(l: &Literal, cast: Option<&str>) -> String {
    match cast {
        Some(t) => format!("{}::{t}", literal(l)),
        None => literal(l),
    }
}

/// `expr` as SQL over `row`. `cast` is the destination column's type: constants that
/// the expression yields directly are cast to it.
pub fn value(expr: &ValueExpr, row: Row, cast: Option<&str>) -> String {
    match expr {
        ValueExpr::Column(c) => column(row, c),
        ValueExpr::Literal(l) => typed(l, cast),
        ValueExpr::Map(m) => map(&value(&m.of, row, None), &m.map, cast),
        ValueExpr::Normalized { of, steps } => normalized(&value(of, row, None), steps),
        ValueExpr::AfterLast { of, separator } => format!(
            "pg_catalog.split_part({}, {}, -1)",
            value(of, row, None),
            quote_literal(separator)
        ),
        ValueExpr::Left { of, chars } => {
            format!("pg_catalog.substr({}, 1, {chars})", value(of, row, None))
        }
        ValueExpr::NullIf { of, value: v } => {
            format!("NULLIF({}, {})", value(of, row, None), literal(v))
        }
        ValueExpr::Coalesce(xs) => format!("COALESCE({})", list(xs, row)),
        ValueExpr::Greatest(xs) => format!("GREATEST({})", list(xs, row)),
    }
}

fn list(xs: &[ValueExpr], row: Row) -> String {
    xs.iter()
        .map(|x| value(x, row, None))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The normalization steps applied to `of`, innermost first.
pub fn normalized(of: &str, steps: &[Normalize]) -> String {
    steps.iter().fold(of.to_string(), |acc, step| match step {
        Normalize::Btrim => format!("pg_catalog.btrim({acc})"),
        Normalize::Lower => format!("pg_catalog.lower({acc})"),
        Normalize::Upper => format!("pg_catalog.upper({acc})"),
    })
}

/// A value map as a `CASE` over the normalized value. Under `identity` an unlisted value
/// is cast as it is; under `error` (after the conversion's check) it cannot occur.
pub fn map(of: &str, m: &ValueMap, cast: Option<&str>) -> String {
    let n = normalized(of, &m.normalize);
    let fallback = match (&m.otherwise, m.identity) {
        (Otherwise::Value(v), _) => typed(v, cast),
        (Otherwise::Error, true) => match cast {
            Some(t) => format!("{n}::{t}"),
            None => n.clone(),
        },
        (Otherwise::Error, false) => typed(&Literal::Null, cast),
    };
    if m.cases.is_empty() {
        return fallback;
    }
    let whens: String = m
        .cases
        .iter()
        .map(|c| format!(" WHEN {} THEN {}", literal(&c.when), typed(&c.then, cast)))
        .collect();
    format!("CASE {n}{whens} ELSE {fallback} END")
}
