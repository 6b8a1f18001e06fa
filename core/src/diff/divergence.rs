//! A divergence: one place where the current schema differs from Origin, and what
//! resolves it.

use serde::{Deserialize, Serialize};

/// What differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    MissingExtension,
    ExtraExtension,
    MissingType,
    ExtraType,
    MissingEnumLabel,
    ExtraEnumLabel,
    EnumLabelOrder,
    MissingFunction,
    ExtraFunction,
    FunctionMismatch,
    MissingTable,
    ExtraTable,
    MissingColumn,
    ExtraColumn,
    /// Origin's column and the current column a decision pairs with it.
    NamingMismatch,
    TypeMismatch,
    NullabilityMismatch,
    DefaultMismatch,
    CommentMismatch,
    MissingConstraint,
    ExtraConstraint,
    ConstraintMismatch,
    MissingIndex,
    ExtraIndex,
    IndexMismatch,
    /// Convention: an index whose name is not `idx_<table>_<cols>`.
    IndexNaming,
    MissingTrigger,
    ExtraTrigger,
    TriggerMismatch,
    /// Convention: a user-facing table without the soft-delete column.
    MissingSoftDelete,
    /// Convention: a table with `updated_at` but without its trigger.
    MissingUpdatedAtTrigger,
}

impl Kind {
    /// Words for reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::MissingExtension => "missing extension",
            Kind::ExtraExtension => "extra extension",
            Kind::MissingType => "missing type",
            Kind::ExtraType => "extra type",
            Kind::MissingEnumLabel => "missing enum label",
            Kind::ExtraEnumLabel => "extra enum label",
            Kind::EnumLabelOrder => "enum label order",
            Kind::MissingFunction => "missing function",
            Kind::ExtraFunction => "extra function",
            Kind::FunctionMismatch => "function mismatch",
            Kind::MissingTable => "missing table",
            Kind::ExtraTable => "extra table",
            Kind::MissingColumn => "missing column",
            Kind::ExtraColumn => "extra column",
            Kind::NamingMismatch => "naming mismatch",
            Kind::TypeMismatch => "type mismatch",
            Kind::NullabilityMismatch => "nullability mismatch",
            Kind::DefaultMismatch => "default mismatch",
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

/// What resolves a divergence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Resolution {
    /// A decision, by id, and the kind of its action that applies.
    Decision { id: u32, kind: String },
    /// Origin has it and the current schema lacks it: it is added, no decision needed.
    Add,
    /// Nothing: a decision is needed.
    Unresolved,
}

/// One divergence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Divergence {
    pub kind: Kind,
    /// The table it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The object: `users.role`, `index users_role_idx`, `type user_role`...
    pub object: String,
    /// What Origin (or the end state, for names decisions derive) has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// What the current schema has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    pub resolution: Resolution,
}

impl Divergence {
    pub fn is_unresolved(&self) -> bool {
        self.resolution == Resolution::Unresolved
    }

    /// What differs, in words: `current: character varying(20); Origin: user_role`.
    pub fn detail(&self) -> String {
        match (&self.origin, &self.current) {
            (Some(o), None) => format!("Origin: {o}; the current schema has none"),
            (None, Some(c)) => format!("current: {c}; Origin has none"),
            (Some(o), Some(c)) => format!("current: {c}; Origin: {o}"),
            (None, None) => String::new(),
        }
    }

    /// How it is resolved, in words: `decision 1 (convert type)`, `added`, `unresolved`.
    pub fn resolution_text(&self) -> String {
        match &self.resolution {
            Resolution::Decision { id, kind } => format!("decision {id} ({kind})"),
            Resolution::Add => "added (needs no decision)".into(),
            Resolution::Unresolved => "unresolved: needs a decision".into(),
        }
    }
}

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.kind.label(),
            self.object,
            self.detail()
        )
    }
}
