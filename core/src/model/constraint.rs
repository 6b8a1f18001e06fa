//! Table constraints of every form: primary key, unique, check, foreign key and
//! exclusion, with what PostgreSQL lets each say (deferrable, `NOT VALID`, `NO
//! INHERIT`, `MATCH FULL`, the index options of a key).

use serde::{Deserialize, Serialize};

use super::index::{IndexKey, StorageParams};

/// A table constraint. Its name is the key it is stored under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Constraint {
    PrimaryKey {
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "KeyIndex::is_default")]
        index: KeyIndex,
        #[serde(default, skip_serializing_if = "Deferral::is_default")]
        deferrable: Deferral,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    Unique {
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "is_false")]
        nulls_not_distinct: bool,
        #[serde(default, skip_serializing_if = "KeyIndex::is_default")]
        index: KeyIndex,
        #[serde(default, skip_serializing_if = "Deferral::is_default")]
        deferrable: Deferral,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// `expression` is what stands inside `CHECK (...)` in `pg_get_constraintdef`: the
    /// form that is compared. `source` is the expression as written, which is what gets
    /// rendered when set: PostgreSQL's printed form of some expressions (`x IN (...)` on
    /// a varchar) does not read back to itself.
    Check {
        expression: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
        #[serde(default, skip_serializing_if = "is_false")]
        no_inherit: bool,
        /// Added `NOT VALID`: existing rows were not checked.
        #[serde(default, skip_serializing_if = "is_false")]
        not_valid: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    ForeignKey {
        columns: Vec<String>,
        references: Reference,
        #[serde(default, skip_serializing_if = "FkAction::is_default")]
        on_delete: FkAction,
        #[serde(default, skip_serializing_if = "FkAction::is_default")]
        on_update: FkAction,
        #[serde(default, skip_serializing_if = "is_false")]
        match_full: bool,
        #[serde(default, skip_serializing_if = "Deferral::is_default")]
        deferrable: Deferral,
        #[serde(default, skip_serializing_if = "is_false")]
        not_valid: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// `EXCLUDE USING method (key WITH operator, ...)`.
    Exclude {
        #[serde(default = "gist")]
        method: String,
        elements: Vec<ExcludeElement>,
        #[serde(default, skip_serializing_if = "KeyIndex::is_default")]
        index: KeyIndex,
        #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
        predicate: Option<String>,
        #[serde(default, skip_serializing_if = "Deferral::is_default")]
        deferrable: Deferral,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
}

/// One element of an exclusion constraint: a key and the operator it is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludeElement {
    pub key: IndexKey,
    pub operator: String,
}

/// What the index of a primary key, unique or exclusion constraint says beyond its
/// columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyIndex {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "StorageParams::is_empty")]
    pub with: StorageParams,
}

impl KeyIndex {
    fn is_default(&self) -> bool {
        *self == KeyIndex::default()
    }
}

/// Whether a constraint can be deferred, and whether it is by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deferral {
    #[default]
    No,
    /// `DEFERRABLE INITIALLY IMMEDIATE`
    Immediate,
    /// `DEFERRABLE INITIALLY DEFERRED`
    Deferred,
}

impl Deferral {
    fn is_default(&self) -> bool {
        *self == Deferral::No
    }

    /// The clause as `pg_get_constraintdef` ends with it (empty when not deferrable).
    pub fn sql(self) -> &'static str {
        match self {
            Deferral::No => "",
            Deferral::Immediate => " DEFERRABLE",
            Deferral::Deferred => " DEFERRABLE INITIALLY DEFERRED",
        }
    }
}

impl Constraint {
    pub fn primary_key(columns: Vec<String>) -> Self {
        Constraint::PrimaryKey {
            columns,
            index: KeyIndex::default(),
            deferrable: Deferral::No,
            comment: None,
        }
    }

    pub fn unique(columns: Vec<String>) -> Self {
        Constraint::Unique {
            columns,
            nulls_not_distinct: false,
            index: KeyIndex::default(),
            deferrable: Deferral::No,
            comment: None,
        }
    }

    pub fn check(expression: String, source: Option<String>) -> Self {
        Constraint::Check {
            expression,
            source,
            no_inherit: false,
            not_valid: false,
            comment: None,
        }
    }

    pub fn foreign_key(
        columns: Vec<String>,
        references: Reference,
        on_delete: FkAction,
        on_update: FkAction,
    ) -> Self {
        Constraint::ForeignKey {
            columns,
            references,
            on_delete,
            on_update,
            match_full: false,
            deferrable: Deferral::No,
            not_valid: false,
            comment: None,
        }
    }

    /// The columns of this table the constraint is about (none for a check or an
    /// exclusion).
    pub fn columns(&self) -> &[String] {
        match self {
            Constraint::PrimaryKey { columns, .. }
            | Constraint::Unique { columns, .. }
            | Constraint::ForeignKey { columns, .. } => columns,
            Constraint::Check { .. } | Constraint::Exclude { .. } => &[],
        }
    }

    /// The suffix PostgreSQL gives the default name of such a constraint.
    pub fn name_suffix(&self) -> &'static str {
        match self {
            Constraint::PrimaryKey { .. } => "pkey",
            Constraint::Unique { .. } => "key",
            Constraint::Check { .. } => "check",
            Constraint::ForeignKey { .. } => "fkey",
            Constraint::Exclude { .. } => "excl",
        }
    }

    /// A short word for messages and reports.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Constraint::PrimaryKey { .. } => "primary key",
            Constraint::Unique { .. } => "unique",
            Constraint::Check { .. } => "check",
            Constraint::ForeignKey { .. } => "foreign key",
            Constraint::Exclude { .. } => "exclusion",
        }
    }

    /// Whether the constraint reads `column` of its own table (dropping the column
    /// drops the constraint).
    pub fn uses_column(&self, column: &str) -> bool {
        let in_text = |t: &str| crate::pg::refs::columns(t).iter().any(|c| c == column);
        self.columns().iter().any(|c| c == column)
            || match self {
                Constraint::PrimaryKey { index, .. } | Constraint::Unique { index, .. } => {
                    index.include.iter().any(|c| c == column)
                }
                Constraint::Check { expression, .. } => in_text(expression),
                Constraint::Exclude {
                    elements,
                    index,
                    predicate,
                    ..
                } => {
                    elements.iter().any(|e| e.key.uses_column(column))
                        || index.include.iter().any(|c| c == column)
                        || predicate.as_deref().is_some_and(in_text)
                }
                Constraint::ForeignKey { .. } => false,
            }
    }

    /// Whether an index backs the constraint (it has the constraint's name).
    pub fn has_index(&self) -> bool {
        matches!(
            self,
            Constraint::PrimaryKey { .. } | Constraint::Unique { .. } | Constraint::Exclude { .. }
        )
    }

    pub fn comment(&self) -> Option<&str> {
        match self {
            Constraint::PrimaryKey { comment, .. }
            | Constraint::Unique { comment, .. }
            | Constraint::Check { comment, .. }
            | Constraint::ForeignKey { comment, .. }
            | Constraint::Exclude { comment, .. } => comment.as_deref(),
        }
    }

    pub fn comment_mut(&mut self) -> &mut Option<String> {
        match self {
            Constraint::PrimaryKey { comment, .. }
            | Constraint::Unique { comment, .. }
            | Constraint::Check { comment, .. }
            | Constraint::ForeignKey { comment, .. }
            | Constraint::Exclude { comment, .. } => comment,
        }
    }

    /// Whether the constraint was added `NOT VALID` and not validated since.
    pub fn not_valid(&self) -> bool {
        matches!(
            self,
            Constraint::Check {
                not_valid: true,
                ..
            } | Constraint::ForeignKey {
                not_valid: true,
                ..
            }
        )
    }

    /// `VALIDATE CONSTRAINT`: the constraint holds for every row now.
    pub fn validate(&mut self) {
        if let Constraint::Check { not_valid, .. } | Constraint::ForeignKey { not_valid, .. } = self
        {
            *not_valid = false;
        }
    }

    /// The deferral of a constraint that can have one (`None` for a check).
    pub fn deferral_mut(&mut self) -> Option<&mut Deferral> {
        match self {
            Constraint::PrimaryKey { deferrable, .. }
            | Constraint::Unique { deferrable, .. }
            | Constraint::ForeignKey { deferrable, .. }
            | Constraint::Exclude { deferrable, .. } => Some(deferrable),
            Constraint::Check { .. } => None,
        }
    }

    /// Whether both define the same constraint (a check's `source` spelling and the
    /// comment aside).
    pub fn same_definition(&self, other: &Constraint) -> bool {
        self.comparable() == other.comparable()
    }

    fn comparable(&self) -> Constraint {
        let mut c = self.clone();
        *c.comment_mut() = None;
        if let Constraint::Check { source, .. } = &mut c {
            *source = None;
        }
        c
    }
}

/// The target of a foreign key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub table: String,
    pub columns: Vec<String>,
}

/// What a foreign key does when the referenced row goes away or changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }

    /// The action as SQL spells it.
    pub fn sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn gist() -> String {
    "gist".into()
}
