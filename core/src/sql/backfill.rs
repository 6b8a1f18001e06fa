//! Back-fills as SQL. Each writes only rows that need it and pauses the listed
//! triggers around its writes (inside the file's transaction, so a failure leaves them
//! as they were).

use super::block::{do_block, if_then};
use super::guard;
use crate::model::value_sql::{self as expr, Row};
use crate::model::ValueExpr;
use crate::pg::{quote_ident, quote_qualified};
use crate::step::{Assign, Backfill};

const SOURCE: &str = "s";
const TARGET: &str = "t";

pub(crate) fn render(b: &Backfill) -> String {
    match b {
        Backfill::Update {
            table,
            column,
            value,
            data_type,
            pause_triggers,
        } => {
            let v = expr::value(value, Row::Alias(SOURCE), Some(data_type));
            let differs = format!(
                "{} IS DISTINCT FROM ({v})",
                expr::column(Row::Alias(SOURCE), column)
            );
            let t = quote_qualified(table);
            let update = format!(
                "UPDATE {t} AS {SOURCE} SET {} = {v}\nWHERE {differs};",
                quote_ident(column)
            );
            let needed = format!("EXISTS (SELECT 1 FROM {t} AS {SOURCE} WHERE {differs})");
            do_block(
                &[],
                &if_then(&needed, &paused(table, pause_triggers, &update)),
            )
        }
        Backfill::InsertMissing {
            from_table,
            to_table,
            values,
            key,
        } => {
            let mut conditions = vec![format!(
                "NOT EXISTS (SELECT 1 FROM {} AS {TARGET} WHERE {})",
                quote_qualified(to_table),
                key_match(values, key)
            )];
            conditions.extend(not_null_sources(values, key));
            format!(
                "{}\nWHERE {}\nON CONFLICT ({}) DO NOTHING;",
                insert_select(to_table, values, from_table, None),
                conditions.join("\n  AND "),
                crate::model::ident_list(key)
            )
        }
        Backfill::Extract {
            from_table,
            to_table,
            values,
            key,
            order_by,
            link_column,
            link_target,
            pause_triggers,
        } => {
            let link = expr::column(Row::Alias(SOURCE), link_column);
            let mut pending = vec![format!("{link} IS NULL")];
            pending.extend(not_null_sources(values, key));
            let pending = pending.join(" AND ");
            let distinct: Vec<String> = key_values(values, key)
                .filter(|v| !v.columns().is_empty())
                .map(|v| expr::value(v, Row::Alias(SOURCE), None))
                .collect();
            let mut order = distinct.clone();
            order.extend(order_by.iter().map(|c| expr::column(Row::Alias(SOURCE), c)));
            let insert = format!(
                "{}\nWHERE {pending}\nORDER BY {}\nON CONFLICT ({}) DO NOTHING;",
                insert_select(to_table, values, from_table, Some(&distinct)),
                order.join(", "),
                crate::model::ident_list(key)
            );
            let update = format!(
                "UPDATE {} AS {SOURCE} SET {} = {TARGET}.{}\nFROM {} AS {TARGET}\nWHERE {link} IS NULL AND {};",
                quote_qualified(from_table),
                quote_ident(link_column),
                quote_ident(link_target),
                quote_qualified(to_table),
                key_match(values, key)
            );
            let needed = format!(
                "EXISTS (SELECT 1 FROM {} AS {SOURCE} WHERE {pending})",
                quote_qualified(from_table)
            );
            let body = format!("{insert}\n{}", paused(from_table, pause_triggers, &update));
            do_block(&[], &if_then(&needed, &body))
        }
    }
}

/// `INSERT INTO to (cols) SELECT [DISTINCT ON (...)] values FROM from AS s`
fn insert_select(
    to_table: &str,
    values: &[Assign],
    from_table: &str,
    distinct_on: Option<&[String]>,
) -> String {
    let cols = values
        .iter()
        .map(|a| quote_ident(&a.column))
        .collect::<Vec<_>>()
        .join(", ");
    let exprs = values
        .iter()
        .map(|a| {
            format!(
                "    {}",
                expr::value(&a.value, Row::Alias(SOURCE), Some(&a.data_type))
            )
        })
        .collect::<Vec<_>>()
        .join(",\n");
    let distinct = match distinct_on {
        Some(d) if !d.is_empty() => format!(" DISTINCT ON ({})", d.join(", ")),
        _ => String::new(),
    };
    format!(
        "INSERT INTO {} ({cols})\nSELECT{distinct}\n{exprs}\nFROM {} AS {SOURCE}",
        quote_qualified(to_table),
        quote_qualified(from_table)
    )
}

fn key_values<'a>(values: &'a [Assign], key: &'a [String]) -> impl Iterator<Item = &'a ValueExpr> {
    key.iter()
        .filter_map(move |k| values.iter().find(|a| a.column == *k).map(|a| &a.value))
}

/// `t.k1 = <value of k1 over s> AND ...`
fn key_match(values: &[Assign], key: &[String]) -> String {
    key.iter()
        .filter_map(|k| values.iter().find(|a| a.column == *k))
        .map(|a| {
            format!(
                "{TARGET}.{} = {}",
                quote_ident(&a.column),
                expr::value(&a.value, Row::Alias(SOURCE), Some(&a.data_type))
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// A NULL key can match no row (and a key column is rarely nullable): rows whose key
/// computes to NULL are skipped. Constant parts of the key cannot be NULL.
fn not_null_sources(values: &[Assign], key: &[String]) -> Vec<String> {
    key_values(values, key)
        .filter(|v| !v.columns().is_empty())
        .map(|v| format!("{} IS NOT NULL", expr::value(v, Row::Alias(SOURCE), None)))
        .collect()
}

/// `statements` with each of `triggers` of `table` disabled around it, when it exists.
fn paused(table: &str, triggers: &[String], statements: &str) -> String {
    let t = quote_qualified(table);
    let toggle = |word: &str| {
        triggers
            .iter()
            .map(|tr| {
                if_then(
                    &guard::trigger_exists(table, tr),
                    &format!("ALTER TABLE {t} {word} TRIGGER {};", quote_ident(tr)),
                )
            })
            .collect::<Vec<_>>()
    };
    let mut parts = toggle("DISABLE");
    parts.push(statements.to_string());
    parts.extend(toggle("ENABLE"));
    parts.join("\n")
}
