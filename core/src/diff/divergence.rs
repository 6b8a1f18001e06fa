//! A divergence: one place where the current schema differs from Origin, what differs
//! (typed, per kind), and what resolves it. Words for people are in `text.rs`.

use serde::Serialize;

use crate::model::{
    ActionKind, Column, Constraint, Identity, Index, QualifiedName, Sequence, Subject, Trigger,
};

/// One divergence. In JSON: `subject`, the detail's fields beside `"kind"`, `resolution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Divergence {
    /// The object it is about (for a naming mismatch, by Origin's name).
    pub subject: Subject,
    #[serde(flatten)]
    pub detail: Detail,
    pub resolution: Resolution,
}

/// A function's signature, as a divergence shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub arguments: String,
    pub returns: String,
}

/// What differs, with the values that differ. `origin` is what Origin (or the end
/// state, for names decisions derive) has; `current` what the current schema has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    MissingExtension,
    ExtraExtension,
    /// The schema the extension is installed in, by name (`public` included).
    ExtensionSchemaMismatch {
        origin: String,
        current: String,
    },
    MissingType {
        labels: Vec<String>,
    },
    ExtraType {
        labels: Vec<String>,
    },
    MissingEnumLabel,
    ExtraEnumLabel,
    EnumLabelOrder {
        origin: Vec<String>,
        current: Vec<String>,
    },
    MissingFunction {
        signature: Signature,
    },
    ExtraFunction {
        signature: Signature,
    },
    FunctionMismatch {
        origin: Signature,
        current: Signature,
    },
    MissingSequence {
        sequence: Sequence,
    },
    ExtraSequence {
        sequence: Sequence,
    },
    SequenceMismatch {
        origin: Sequence,
        current: Sequence,
    },
    MissingTable {
        columns: usize,
    },
    ExtraTable {
        columns: usize,
    },
    MissingColumn {
        column: Column,
    },
    ExtraColumn {
        column: Column,
    },
    /// Origin's name and the current name of an object a decision pairs or renames.
    NamingMismatch {
        origin: String,
        current: String,
    },
    TypeMismatch {
        origin: String,
        current: String,
    },
    NullabilityMismatch {
        origin_not_null: bool,
        current_not_null: bool,
    },
    IdentityMismatch {
        origin: Option<Identity>,
        current: Option<Identity>,
    },
    GeneratedMismatch {
        origin: Option<String>,
        current: Option<String>,
    },
    DefaultMismatch {
        origin: Option<String>,
        current: Option<String>,
    },
    /// The column's collation, as `COLLATE` names it (`None`: its type's default).
    CollationMismatch {
        origin: Option<String>,
        current: Option<String>,
    },
    /// The current column has a comment the end state does not.
    CommentMismatch {
        current: String,
    },
    MissingConstraint {
        constraint: Constraint,
    },
    ExtraConstraint {
        constraint: Constraint,
    },
    ConstraintMismatch {
        origin: Constraint,
        current: Constraint,
    },
    MissingIndex {
        index: Index,
    },
    ExtraIndex {
        index: Index,
    },
    IndexMismatch {
        origin: Index,
        current: Index,
    },
    /// Convention: an index renamed to the project's index name.
    IndexNaming {
        origin: String,
        current: String,
    },
    MissingTrigger {
        trigger: Trigger,
    },
    ExtraTrigger {
        trigger: Trigger,
    },
    TriggerMismatch {
        origin: Trigger,
        current: Trigger,
    },
    /// Convention: a user-facing table without the soft-delete column.
    MissingSoftDelete {
        column: Column,
    },
    /// Convention: a table with `updated_at` but without its trigger.
    MissingUpdatedAtTrigger {
        trigger: Trigger,
    },
}

/// The kind of a divergence, without its values: for counting and filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    MissingExtension,
    ExtraExtension,
    ExtensionSchemaMismatch,
    MissingType,
    ExtraType,
    MissingEnumLabel,
    ExtraEnumLabel,
    EnumLabelOrder,
    MissingFunction,
    ExtraFunction,
    FunctionMismatch,
    MissingSequence,
    ExtraSequence,
    SequenceMismatch,
    MissingTable,
    ExtraTable,
    MissingColumn,
    ExtraColumn,
    NamingMismatch,
    TypeMismatch,
    NullabilityMismatch,
    DefaultMismatch,
    CollationMismatch,
    IdentityMismatch,
    GeneratedMismatch,
    CommentMismatch,
    MissingConstraint,
    ExtraConstraint,
    ConstraintMismatch,
    MissingIndex,
    ExtraIndex,
    IndexMismatch,
    IndexNaming,
    MissingTrigger,
    ExtraTrigger,
    TriggerMismatch,
    MissingSoftDelete,
    MissingUpdatedAtTrigger,
}

impl Detail {
    pub fn kind(&self) -> Kind {
        match self {
            Detail::MissingExtension => Kind::MissingExtension,
            Detail::ExtraExtension => Kind::ExtraExtension,
            Detail::ExtensionSchemaMismatch { .. } => Kind::ExtensionSchemaMismatch,
            Detail::MissingType { .. } => Kind::MissingType,
            Detail::ExtraType { .. } => Kind::ExtraType,
            Detail::MissingEnumLabel => Kind::MissingEnumLabel,
            Detail::ExtraEnumLabel => Kind::ExtraEnumLabel,
            Detail::EnumLabelOrder { .. } => Kind::EnumLabelOrder,
            Detail::MissingFunction { .. } => Kind::MissingFunction,
            Detail::ExtraFunction { .. } => Kind::ExtraFunction,
            Detail::FunctionMismatch { .. } => Kind::FunctionMismatch,
            Detail::MissingSequence { .. } => Kind::MissingSequence,
            Detail::ExtraSequence { .. } => Kind::ExtraSequence,
            Detail::SequenceMismatch { .. } => Kind::SequenceMismatch,
            Detail::MissingTable { .. } => Kind::MissingTable,
            Detail::ExtraTable { .. } => Kind::ExtraTable,
            Detail::MissingColumn { .. } => Kind::MissingColumn,
            Detail::ExtraColumn { .. } => Kind::ExtraColumn,
            Detail::NamingMismatch { .. } => Kind::NamingMismatch,
            Detail::TypeMismatch { .. } => Kind::TypeMismatch,
            Detail::NullabilityMismatch { .. } => Kind::NullabilityMismatch,
            Detail::DefaultMismatch { .. } => Kind::DefaultMismatch,
            Detail::CollationMismatch { .. } => Kind::CollationMismatch,
            Detail::IdentityMismatch { .. } => Kind::IdentityMismatch,
            Detail::GeneratedMismatch { .. } => Kind::GeneratedMismatch,
            Detail::CommentMismatch { .. } => Kind::CommentMismatch,
            Detail::MissingConstraint { .. } => Kind::MissingConstraint,
            Detail::ExtraConstraint { .. } => Kind::ExtraConstraint,
            Detail::ConstraintMismatch { .. } => Kind::ConstraintMismatch,
            Detail::MissingIndex { .. } => Kind::MissingIndex,
            Detail::ExtraIndex { .. } => Kind::ExtraIndex,
            Detail::IndexMismatch { .. } => Kind::IndexMismatch,
            Detail::IndexNaming { .. } => Kind::IndexNaming,
            Detail::MissingTrigger { .. } => Kind::MissingTrigger,
            Detail::ExtraTrigger { .. } => Kind::ExtraTrigger,
            Detail::TriggerMismatch { .. } => Kind::TriggerMismatch,
            Detail::MissingSoftDelete { .. } => Kind::MissingSoftDelete,
            Detail::MissingUpdatedAtTrigger { .. } => Kind::MissingUpdatedAtTrigger,
        }
    }
}

/// What resolves a divergence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Resolution {
    /// A decision, by id, and the kind of its action that applies.
    Decision { id: u32, kind: ActionKind },
    /// Origin has it and the current schema lacks it: it is added, no decision needed.
    Add,
    /// Nothing: a decision is needed.
    Unresolved,
}

impl Divergence {
    pub fn kind(&self) -> Kind {
        self.detail.kind()
    }

    pub fn is_unresolved(&self) -> bool {
        self.resolution == Resolution::Unresolved
    }

    /// The table it concerns, if any.
    pub fn table(&self) -> Option<&QualifiedName> {
        self.subject.owning_table()
    }
}
