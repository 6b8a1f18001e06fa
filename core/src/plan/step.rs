//! What the migrations do, as data: files of groups of steps. The `sql` module prints
//! them; nothing here knows how.

use crate::model::{
    Column, Constraint, Function, Index, Literal, Table, Trigger, ValueExpr, ValueMap,
};

use crate::align::Assign;

/// The whole migration: one entry per generated file, in the order they apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub files: Vec<PlannedFile>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub name: String,
    pub title: String,
    /// The objects the file holds, for its header (e.g. `tables orders, customers`).
    pub holds: Vec<String>,
    pub groups: Vec<Group>,
}

/// Statements that carry out one thing, under one comment line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub reason: Reason,
    pub steps: Vec<Step>,
}

/// Why a group is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A decision, with what this group does for it.
    Decision { id: u32, kind: String, what: String },
    /// Origin has it and the current schema lacks it: the implicit "add".
    Add { what: String },
    /// Both have it; stated so that a database that lacks it (an empty one) gets it.
    Ensure { what: String },
}

/// One statement (or one guarded block) of a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    CreateExtension {
        name: String,
    },
    CreateEnum {
        name: String,
        labels: Vec<String>,
    },
    /// Add `label` right after `after` (or first, before `before`), when missing.
    AddEnumLabel {
        type_name: String,
        label: String,
        after: Option<String>,
        before: Option<String>,
    },
    /// `CREATE TABLE IF NOT EXISTS` with columns and constraints (no indexes, triggers
    /// or comments, which have steps of their own).
    CreateTable {
        name: String,
        table: Table,
    },
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    /// Rename a constraint when it exists under the old name (and not under the new).
    RenameConstraint {
        table: String,
        from: String,
        to: String,
    },
    /// Convert a column to `to_type` in place through `map`, refusing (and naming)
    /// values outside `valid`, when the column does not have that type yet.
    ConvertColumn {
        table: String,
        column: String,
        to_type: String,
        map: ValueMap,
        /// The normalized source values the map accepts.
        valid: Vec<Literal>,
        default: Option<String>,
    },
    AddColumn {
        table: String,
        name: String,
        column: Column,
    },
    AddConstraint {
        table: String,
        name: String,
        constraint: Constraint,
    },
    RenameIndex {
        table: String,
        from: String,
        to: String,
    },
    CreateIndex {
        table: String,
        name: String,
        index: Index,
    },
    CommentOnColumn {
        table: String,
        column: String,
        comment: Option<String>,
    },
    CreateFunction {
        name: String,
        function: Function,
    },
    CreateTrigger {
        table: String,
        name: String,
        trigger: Trigger,
    },
    Backfill(Backfill),
}

/// A data step. Each writes only the rows that need it, so a second run writes nothing,
/// and pauses the listed triggers (when they exist) so that back-fill writes keep
/// every value, `updated_at` included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backfill {
    /// `table.column := value(row)` where it differs.
    Update {
        table: String,
        column: String,
        value: ValueExpr,
        data_type: String,
        pause_triggers: Vec<String>,
    },
    /// One `to_table` row per `from_table` row that has none (matched on `key`).
    InsertMissing {
        from_table: String,
        to_table: String,
        values: Vec<Assign>,
        key: Vec<String>,
    },
    /// One `to_table` row per distinct key of the `from_table` rows not linked yet,
    /// from the first row in `order_by`; then link every such row.
    Extract {
        from_table: String,
        to_table: String,
        values: Vec<Assign>,
        key: Vec<String>,
        order_by: Vec<String>,
        link_column: String,
        link_target: String,
        pause_triggers: Vec<String>,
    },
}
