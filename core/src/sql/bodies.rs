//! Bodies of the trigger functions that keep derived and moved data in step.

use super::expr::{self, Row};
use super::quote::quote_ident;
use crate::model::ValueExpr;
use crate::plan::Assign;

/// `BEFORE` trigger body: recompute `column` from the row being written.
pub(crate) fn derive(column: &str, value: &ValueExpr, data_type: &str) -> String {
    format!(
        "\nBEGIN\n    NEW.{} := {};\n    RETURN NEW;\nEND;\n",
        quote_ident(column),
        expr::value(value, Row::New, Some(data_type))
    )
}

/// `AFTER` trigger body: upsert the row of `to_table` that mirrors the source row,
/// writing only when something differs.
pub(crate) fn upsert(to_table: &str, values: &[Assign], key: &[String]) -> String {
    let cols = values
        .iter()
        .map(|a| quote_ident(&a.column))
        .collect::<Vec<_>>()
        .join(", ");
    let vals = values
        .iter()
        .map(|a| expr::value(&a.value, Row::New, Some(&a.data_type)))
        .collect::<Vec<_>>()
        .join(", ");
    let keys = key
        .iter()
        .map(|k| quote_ident(k))
        .collect::<Vec<_>>()
        .join(", ");
    let rest: Vec<&Assign> = values.iter().filter(|a| !key.contains(&a.column)).collect();
    let on_conflict = if rest.is_empty() {
        "DO NOTHING".to_string()
    } else {
        let set = rest
            .iter()
            .map(|a| format!("{0} = EXCLUDED.{0}", quote_ident(&a.column)))
            .collect::<Vec<_>>()
            .join(", ");
        let old = rest
            .iter()
            .map(|a| format!("t.{}", quote_ident(&a.column)))
            .collect::<Vec<_>>()
            .join(", ");
        let new = rest
            .iter()
            .map(|a| format!("EXCLUDED.{}", quote_ident(&a.column)))
            .collect::<Vec<_>>()
            .join(", ");
        format!("DO UPDATE SET {set}\n        WHERE ROW({old}) IS DISTINCT FROM ROW({new})")
    };
    format!(
        "\nBEGIN\n    INSERT INTO {} AS t ({cols})\n    VALUES ({vals})\n    ON CONFLICT ({keys}) {on_conflict};\n    RETURN NULL;\nEND;\n",
        quote_ident(to_table)
    )
}
