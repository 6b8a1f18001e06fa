//! Storage parameters (`WITH (fillfactor = 70)`) of tables and indexes, as PostgreSQL
//! keeps them in `reloptions`: lower-case names, values as written.

use sqlparser::ast::{BinaryOperator, Expr, SqlOption, Value};

use super::super::names;
use super::Fail;
use crate::model::StorageParams;

/// The parameters of a table's `WITH (...)`.
pub fn table(options: &[SqlOption], table: &str) -> Result<StorageParams, Fail> {
    let mut out = StorageParams::new();
    for o in options {
        let SqlOption::KeyValue { key, value } = o else {
            return Err(unsupported(table, &o.to_string()));
        };
        let name = names::parts(key).join(".");
        out.insert(
            name,
            value_text(value).ok_or_else(|| unsupported(table, &o.to_string()))?,
        );
    }
    Ok(out)
}

/// The parameters of an index's `WITH (...)`, which sqlparser reads as `name = value`
/// expressions.
pub fn index(with: &[Expr], index: &str) -> Result<StorageParams, Fail> {
    let mut out = StorageParams::new();
    for e in with {
        let pair = match e {
            Expr::BinaryOp {
                left,
                op: BinaryOperator::Eq,
                right,
            } => match &**left {
                Expr::Identifier(id) => value_text(right).map(|v| (names::ident(id), v)),
                _ => None,
            },
            _ => None,
        };
        let Some((name, value)) = pair else {
            return Err(unsupported(index, &e.to_string()));
        };
        out.insert(name, value);
    }
    Ok(out)
}

/// A value as `reloptions` stores it: numbers and strings as written, a bare word
/// folded to lower case.
fn value_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => Some(n.to_string()),
            Value::SingleQuotedString(s) => Some(s.clone()),
            Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        },
        Expr::Identifier(id) => Some(names::ident(id)),
        Expr::UnaryOp {
            op: sqlparser::ast::UnaryOperator::Minus,
            expr,
        } => value_text(expr).map(|v| format!("-{v}")),
        _ => None,
    }
}

fn unsupported(on: &str, option: &str) -> Fail {
    Fail::Rejected(format!(
        "{on}: storage parameter `{option}` is not a `name = value` pair"
    ))
}
