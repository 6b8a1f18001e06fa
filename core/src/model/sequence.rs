//! Sequences, and the sequence options an identity column carries. Options are kept
//! only where they differ from PostgreSQL's defaults for the sequence's type and
//! direction, so that a sequence written with every option spelled out, one written
//! with none, and one read from the catalog compare equal.

use serde::{Deserialize, Serialize};

/// A sequence of the schema. Its name is the key it is stored under.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    #[serde(flatten)]
    pub options: SequenceOptions,
    /// The column whose drop drops the sequence (`OWNED BY table.column`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<OwnedBy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// `OWNED BY table.column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnedBy {
    pub table: String,
    pub column: String,
}

/// The options of a sequence; `None` (and `cycle: false`) is PostgreSQL's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SequenceOptions {
    /// `smallint`, `integer` or `bigint` (the default, not stored).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cycle: bool,
}

impl Sequence {
    /// The options that differ from the defaults, in words (` AS integer START WITH 10`),
    /// for reports.
    pub fn options_text(&self) -> String {
        let o = &self.options;
        let mut s = String::new();
        let mut put = |word: &str, v: Option<i64>| {
            if let Some(v) = v {
                s.push_str(&format!(" {word} {v}"));
            }
        };
        put("INCREMENT BY", o.increment);
        put("MINVALUE", o.min_value);
        put("MAXVALUE", o.max_value);
        put("START WITH", o.start);
        put("CACHE", o.cache);
        let mut out = o
            .data_type
            .as_ref()
            .map(|t| format!(" AS {t}"))
            .unwrap_or_default();
        out.push_str(&s);
        if o.cycle {
            out.push_str(" CYCLE");
        }
        out
    }
}

impl SequenceOptions {
    /// The options of an identity column of `column_type`, normalized for that type,
    /// which they then leave out (it is the column's).
    pub fn for_identity(self, column_type: &str) -> SequenceOptions {
        SequenceOptions {
            data_type: Some(column_type.to_string()),
            ..self
        }
        .normalized()
        .without_type()
    }

    fn without_type(self) -> SequenceOptions {
        SequenceOptions {
            data_type: None,
            ..self
        }
    }

    /// Every option spelled out, PostgreSQL's choice where none is given (the inverse
    /// of [`SequenceOptions::normalized`]).
    pub fn resolved(&self) -> SequenceOptions {
        let n = self.clone().normalized();
        let data_type = n.data_type.clone().unwrap_or_else(|| "bigint".into());
        let (type_min, type_max) = match data_type.as_str() {
            "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
            "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        let increment = n.increment.unwrap_or(1);
        let ascending = increment > 0;
        let min = n.min_value.unwrap_or(if ascending { 1 } else { type_min });
        let max = n.max_value.unwrap_or(if ascending { type_max } else { -1 });
        SequenceOptions {
            data_type: Some(data_type),
            increment: Some(increment),
            min_value: Some(min),
            max_value: Some(max),
            start: Some(n.start.unwrap_or(if ascending { min } else { max })),
            cache: Some(n.cache.unwrap_or(1)),
            cycle: n.cycle,
        }
    }

    /// The options with every value PostgreSQL would choose by itself left out:
    /// `bigint`, increment 1, the type's bounds in the direction of the increment, a
    /// start at the bound the sequence counts from, cache 1.
    pub fn normalized(self) -> SequenceOptions {
        let data_type = self.data_type.filter(|t| t != "bigint");
        let type_max = match data_type.as_deref() {
            Some("smallint") => i64::from(i16::MAX),
            Some("integer") => i64::from(i32::MAX),
            _ => i64::MAX,
        };
        let type_min = match data_type.as_deref() {
            Some("smallint") => i64::from(i16::MIN),
            Some("integer") => i64::from(i32::MIN),
            _ => i64::MIN,
        };
        let increment = self.increment.unwrap_or(1);
        let ascending = increment > 0;
        let default_min = if ascending { 1 } else { type_min };
        let default_max = if ascending { type_max } else { -1 };
        let min = self.min_value.unwrap_or(default_min);
        let max = self.max_value.unwrap_or(default_max);
        let start = self.start.unwrap_or(if ascending { min } else { max });
        SequenceOptions {
            data_type,
            increment: (increment != 1).then_some(increment),
            min_value: (min != default_min).then_some(min),
            max_value: (max != default_max).then_some(max),
            start: (start != if ascending { min } else { max }).then_some(start),
            cache: self.cache.filter(|c| *c != 1),
            cycle: self.cycle,
        }
    }
}

/// An identity column: `GENERATED ALWAYS` or `BY DEFAULT AS IDENTITY`, with the options
/// of the sequence PostgreSQL makes for it (the sequence itself is not an object of the
/// model: it comes and goes with the column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub always: bool,
    /// The name of its sequence when it is not PostgreSQL's default for the column
    /// (`{table}_{column}_seq`): a renamed table or sequence, or `SEQUENCE NAME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<String>,
    #[serde(flatten)]
    pub options: SequenceOptions,
}

impl Identity {
    /// The key of the sequence PostgreSQL gives identity column `table.column` (in the
    /// table's schema).
    pub fn default_sequence(table: &str, column: &str) -> String {
        let (schema, name) = crate::pg::split_key(table);
        let seq = crate::pg::names::default_constraint_name(name, &[column.to_string()], "seq");
        crate::pg::key_of(schema.unwrap_or("public"), &seq)
    }

    /// The key of the sequence behind `table.column`.
    pub fn sequence_name(&self, table: &str, column: &str) -> String {
        match &self.sequence {
            Some(name) => {
                crate::pg::key_of(crate::pg::split_key(table).0.unwrap_or("public"), name)
            }
            None => Identity::default_sequence(table, column),
        }
    }

    /// Record the sequence `name` (a key, or a name in the table's schema), kept only
    /// when it is not the default.
    pub fn set_sequence(&mut self, table: &str, column: &str, name: &str) {
        let bare = crate::pg::split_key(name).1;
        let key = crate::pg::key_of(crate::pg::split_key(table).0.unwrap_or("public"), bare);
        self.sequence = (key != Identity::default_sequence(table, column)).then(|| bare.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_left_out_whatever_their_spelling() {
        let spelled = SequenceOptions {
            data_type: Some("integer".into()),
            increment: Some(1),
            min_value: Some(1),
            max_value: Some(2_147_483_647),
            start: Some(1),
            cache: Some(1),
            cycle: false,
        };
        assert_eq!(
            spelled.normalized(),
            SequenceOptions {
                data_type: Some("integer".into()),
                ..SequenceOptions::default()
            }
        );
        let down = SequenceOptions {
            increment: Some(-1),
            max_value: Some(-1),
            start: Some(-1),
            ..SequenceOptions::default()
        };
        assert_eq!(
            down.normalized(),
            SequenceOptions {
                increment: Some(-1),
                ..SequenceOptions::default()
            }
        );
        let from_100 = SequenceOptions {
            start: Some(100),
            ..SequenceOptions::default()
        };
        assert_eq!(from_100.clone().normalized(), from_100);
    }
}
