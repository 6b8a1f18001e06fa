//! Why a group of statements is there: a decision, the implicit add, or "ensure" (an
//! object both schemas have, stated so that a database that lacks it gets it).

use crate::model::ActionKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A decision: its id, the kind of the action, its title.
    Decision {
        id: u32,
        kind: ActionKind,
        title: String,
    },
    /// Origin has it and the current schema lacks it: the implicit "add".
    Add(What),
    /// Both have it; stated so that a database that lacks it (an empty one) gets it.
    Ensure(What),
}

/// What a group of statements is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    Schema(String),
    Extension(String),
    Type(String),
    Function(String),
    Table(String),
    Sequence(String),
    /// `OWNED BY` of the sequences that belong to a table's columns.
    SequenceOwners {
        table: String,
    },
    Trigger(String),
    Columns {
        table: String,
    },
    Constraints {
        table: String,
    },
    Indexes {
        table: String,
    },
    /// The triggers of a table, or (`None`) those a module lists.
    Triggers {
        table: Option<String>,
    },
    Labels {
        type_name: String,
    },
    /// Foreign keys that wait for tables created after theirs.
    LaterForeignKeys {
        table: String,
    },
    ColumnComments {
        table: String,
    },
    /// The comments on a table and its constraints.
    Comments {
        table: String,
    },
}
