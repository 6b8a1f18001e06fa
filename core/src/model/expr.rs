//! Value mappings as data: the little expression language decisions use to say how a
//! value is computed from a row (back-fills, sync triggers, type conversions).
//!
//! It is deliberately small: column references, literals, value maps with
//! normalization, and a few string and number functions. The `sql` module prints it.

use serde::{Deserialize, Serialize};

/// A constant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
}

/// An expression over one row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ValueExpr {
    /// The value of a column of the source row.
    Column(String),
    /// A constant.
    Literal(Literal),
    /// A value map applied to an expression.
    Map(Box<MapExpr>),
    /// The expression with normalization steps applied (`{"normalized": {"of": ..., "steps": ["btrim"]}}`).
    Normalized {
        of: Box<ValueExpr>,
        steps: Vec<Normalize>,
    },
    /// The part of the text after the last occurrence of `separator` (all of it when absent).
    AfterLast {
        of: Box<ValueExpr>,
        separator: String,
    },
    /// The first `chars` characters of the text.
    Left { of: Box<ValueExpr>, chars: u32 },
    /// NULL when the expression equals `value`.
    NullIf { of: Box<ValueExpr>, value: Literal },
    /// The first of the expressions that is not NULL.
    Coalesce(Vec<ValueExpr>),
    /// The largest of the expressions.
    Greatest(Vec<ValueExpr>),
}

/// A value map applied to an expression (`{"map": {"of": ..., "cases": ...}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapExpr {
    pub of: ValueExpr,
    #[serde(flatten)]
    pub map: ValueMap,
}

/// How source values become target values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueMap {
    /// Applied to the source value first, in order: `["btrim", "lower"]` is `lower(btrim(v))`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub normalize: Vec<Normalize>,
    /// Explicit pairs, tried in order on the normalized value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Case>,
    /// A normalized value that is already a valid target value (an enum label) maps to itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub identity: bool,
    /// What a value outside the cases becomes; NULL stays NULL under `error`.
    #[serde(rename = "else")]
    pub otherwise: Otherwise,
}

/// One `when → then` pair of a value map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub when: Literal,
    pub then: Literal,
}

/// A normalization step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Normalize {
    /// Strip leading and trailing spaces (`btrim`).
    Btrim,
    Lower,
    Upper,
}

/// The fallback of a value map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Otherwise {
    /// Refuse: the migration stops and names every offending value.
    Error,
    /// Map to this value.
    Value(Literal),
}

impl ValueExpr {
    /// A column reference.
    pub fn column(name: &str) -> Self {
        ValueExpr::Column(name.to_string())
    }

    /// The source columns the expression reads, in first-use order, without repeats.
    pub fn columns(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_columns(&mut out);
        out
    }

    fn collect_columns(&self, out: &mut Vec<String>) {
        match self {
            ValueExpr::Column(c) => {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
            ValueExpr::Literal(_) => {}
            ValueExpr::Map(m) => m.of.collect_columns(out),
            ValueExpr::AfterLast { of, .. }
            | ValueExpr::Normalized { of, .. }
            | ValueExpr::Left { of, .. }
            | ValueExpr::NullIf { of, .. } => of.collect_columns(out),
            ValueExpr::Coalesce(xs) | ValueExpr::Greatest(xs) => {
                xs.iter().for_each(|x| x.collect_columns(out))
            }
        }
    }
}

impl ValueMap {
    /// Whether some source value can make the mapping refuse.
    pub fn can_refuse(&self) -> bool {
        self.otherwise == Otherwise::Error
    }
}

impl std::fmt::Display for Literal {
    /// A human-readable spelling, for reports and messages (not SQL).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Null => f.write_str("NULL"),
            Literal::Bool(b) => write!(f, "{}", if *b { "TRUE" } else { "FALSE" }),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Text(s) => write!(f, "'{s}'"),
        }
    }
}
