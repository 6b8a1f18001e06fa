//! Divergences in words, for the report, the command line and error messages: the
//! kind's label, what differs (`current: character varying(20); Origin: user_role`)
//! and what resolves it. The data itself carries no prose.

use std::fmt;

use super::divergence::{Detail, Divergence, Kind, Resolution, Signature};
use crate::model::{Column, Constraint, Index, Subject, Trigger};

impl Kind {
    /// Words for reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::MissingExtension => "missing extension",
            Kind::ExtraExtension => "extra extension",
            Kind::ExtensionSchemaMismatch => "extension schema mismatch",
            Kind::MissingType => "missing type",
            Kind::ExtraType => "extra type",
            Kind::MissingEnumLabel => "missing enum label",
            Kind::ExtraEnumLabel => "extra enum label",
            Kind::EnumLabelOrder => "enum label order",
            Kind::MissingFunction => "missing function",
            Kind::ExtraFunction => "extra function",
            Kind::FunctionMismatch => "function mismatch",
            Kind::MissingSequence => "missing sequence",
            Kind::ExtraSequence => "extra sequence",
            Kind::SequenceMismatch => "sequence mismatch",
            Kind::MissingTable => "missing table",
            Kind::ExtraTable => "extra table",
            Kind::MissingColumn => "missing column",
            Kind::ExtraColumn => "extra column",
            Kind::NamingMismatch => "naming mismatch",
            Kind::TypeMismatch => "type mismatch",
            Kind::NullabilityMismatch => "nullability mismatch",
            Kind::DefaultMismatch => "default mismatch",
            Kind::CollationMismatch => "collation mismatch",
            Kind::IdentityMismatch => "identity mismatch",
            Kind::GeneratedMismatch => "generated column mismatch",
            Kind::CommentMismatch => "comment mismatch",
            Kind::MissingConstraint => "missing constraint",
            Kind::ExtraConstraint => "extra constraint",
            Kind::ConstraintMismatch => "constraint mismatch",
            Kind::MissingIndex => "missing index",
            Kind::ExtraIndex => "extra index",
            Kind::IndexMismatch => "index mismatch",
            Kind::IndexNaming => "index naming",
            Kind::MissingTrigger => "missing trigger",
            Kind::ExtraTrigger => "extra trigger",
            Kind::TriggerMismatch => "trigger mismatch",
            Kind::MissingSoftDelete => "missing soft delete",
            Kind::MissingUpdatedAtTrigger => "missing updated_at trigger",
        }
    }
}

impl Divergence {
    /// What differs, in words: `current: character varying(20); Origin: user_role`.
    pub fn detail_text(&self) -> String {
        let (origin, current) = sides(&self.subject, &self.detail);
        match (origin, current) {
            (Some(o), None) => format!("Origin: {o}; the current schema has none"),
            (None, Some(c)) => format!("current: {c}; Origin has none"),
            (Some(o), Some(c)) => format!("current: {c}; Origin: {o}"),
            (None, None) => String::new(),
        }
    }

    /// How it is resolved, in words: `decision 1 (convert type)`, `added`, `unresolved`.
    pub fn resolution_text(&self) -> String {
        match &self.resolution {
            Resolution::Decision { id, kind } => format!("decision {id} ({})", kind.words()),
            Resolution::Add => "added (needs no decision)".into(),
            Resolution::Unresolved => "unresolved: needs a decision".into(),
        }
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.kind().label(),
            self.subject,
            self.detail_text()
        )
    }
}

/// What Origin has and what the current schema has, in words (`None`: nothing).
fn sides(subject: &Subject, detail: &Detail) -> (Option<String>, Option<String>) {
    let object = subject.to_string();
    let labels = |l: &[String]| format!("enum ({})", l.join(", "));
    let signature = |s: &Signature| {
        let name = match subject {
            Subject::Function { name, .. } => name.to_string(),
            _ => object.clone(),
        };
        format!("{name}({}) RETURNS {}", s.arguments, s.returns)
    };
    let label = || match subject {
        Subject::EnumLabel { label, .. } => label.clone(),
        _ => object.clone(),
    };
    let none_or = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
    match detail {
        Detail::MissingExtension => (Some(object.clone()), None),
        Detail::ExtraExtension => (None, Some(object.clone())),
        Detail::ExtensionSchemaMismatch { origin, current } => (
            Some(format!("in schema {origin}")),
            Some(format!("in schema {current}")),
        ),
        Detail::MissingType { labels: l } => (Some(labels(l)), None),
        Detail::ExtraType { labels: l } => (None, Some(labels(l))),
        Detail::MissingEnumLabel => (Some(label()), None),
        Detail::ExtraEnumLabel => (None, Some(label())),
        Detail::EnumLabelOrder { origin, current } => {
            (Some(origin.join(", ")), Some(current.join(", ")))
        }
        Detail::MissingFunction { signature: s } => (Some(signature(s)), None),
        Detail::ExtraFunction { signature: s } => (None, Some(signature(s))),
        Detail::FunctionMismatch { origin, current } => {
            (Some(signature(origin)), Some(signature(current)))
        }
        Detail::MissingSequence { sequence } => (Some(describe_sequence(sequence)), None),
        Detail::ExtraSequence { sequence } => (None, Some(describe_sequence(sequence))),
        Detail::SequenceMismatch { origin, current } => (
            Some(describe_sequence(origin)),
            Some(describe_sequence(current)),
        ),
        Detail::IdentityMismatch { origin, current } => {
            let show = |i: &Option<crate::model::Identity>| match i {
                None => "none".to_string(),
                Some(i) => format!(
                    "GENERATED {} AS IDENTITY{}",
                    if i.always { "ALWAYS" } else { "BY DEFAULT" },
                    crate::model::Sequence {
                        options: i.options.clone(),
                        owned_by: None,
                        comment: None
                    }
                    .options_text()
                ),
            };
            (Some(show(origin)), Some(show(current)))
        }
        Detail::GeneratedMismatch { origin, current } => {
            let show = |g: &Option<String>| match g {
                None => "none".to_string(),
                Some(e) => format!("GENERATED ALWAYS AS ({e}) STORED"),
            };
            (Some(show(origin)), Some(show(current)))
        }
        Detail::MissingTable { columns } => (Some(column_count(*columns)), None),
        Detail::ExtraTable { columns } => (None, Some(column_count(*columns))),
        Detail::MissingColumn { column } | Detail::MissingSoftDelete { column } => {
            (Some(describe_column(column)), None)
        }
        Detail::ExtraColumn { column } => (None, Some(describe_column(column))),
        Detail::NamingMismatch { origin, current }
        | Detail::IndexNaming { origin, current }
        | Detail::TypeMismatch { origin, current } => (Some(origin.clone()), Some(current.clone())),
        Detail::NullabilityMismatch {
            origin_not_null,
            current_not_null,
        } => (
            Some(nullability(*origin_not_null)),
            Some(nullability(*current_not_null)),
        ),
        Detail::DefaultMismatch { origin, current } => {
            (Some(none_or(origin)), Some(none_or(current)))
        }
        Detail::CollationMismatch { origin, current } => {
            let collation = |c: &Option<String>| {
                c.as_ref().map_or_else(
                    || "the type's default".to_string(),
                    |c| format!("COLLATE {c}"),
                )
            };
            (Some(collation(origin)), Some(collation(current)))
        }
        Detail::CommentMismatch { current } => (Some("none".into()), Some(current.clone())),
        Detail::MissingConstraint { constraint } => (Some(describe_constraint(constraint)), None),
        Detail::ExtraConstraint { constraint } => (None, Some(describe_constraint(constraint))),
        Detail::ConstraintMismatch { origin, current } => (
            Some(describe_constraint(origin)),
            Some(describe_constraint(current)),
        ),
        Detail::MissingIndex { index } => (Some(describe_index(index)), None),
        Detail::ExtraIndex { index } => (None, Some(describe_index(index))),
        Detail::IndexMismatch { origin, current } => {
            (Some(describe_index(origin)), Some(describe_index(current)))
        }
        Detail::MissingTrigger { trigger } | Detail::MissingUpdatedAtTrigger { trigger } => {
            (Some(describe_trigger(trigger)), None)
        }
        Detail::ExtraTrigger { trigger } => (None, Some(describe_trigger(trigger))),
        Detail::TriggerMismatch { origin, current } => (
            Some(describe_trigger(origin)),
            Some(describe_trigger(current)),
        ),
    }
}

fn describe_sequence(s: &crate::model::Sequence) -> String {
    let mut text = format!("sequence{}", s.options_text());
    if let Some(o) = &s.owned_by {
        text.push_str(&format!(" OWNED BY {}.{}", o.table, o.column));
    }
    text
}

fn column_count(n: usize) -> String {
    format!("{n} column{}", if n == 1 { "" } else { "s" })
}

/// `type [NOT NULL] [DEFAULT expr]`
pub fn describe_column(c: &Column) -> String {
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

fn nullability(not_null: bool) -> String {
    if not_null { "NOT NULL" } else { "nullable" }.to_string()
}

/// A constraint as `pg_get_constraintdef` prints it.
fn describe_constraint(c: &Constraint) -> String {
    c.to_string()
}

fn describe_index(i: &Index) -> String {
    let def = i.definition();
    // A btree is the default: say only what differs.
    let def = def.strip_prefix("USING btree ").unwrap_or(&def);
    format!("{}{def}", if i.unique { "UNIQUE " } else { "" })
}

/// A trigger in short: when it fires and what it runs (not its table or level).
fn describe_trigger(t: &Trigger) -> String {
    format!(
        "{} {} EXECUTE FUNCTION {}()",
        t.timing.sql(),
        t.events_sql(),
        t.function
    )
}
