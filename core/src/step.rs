//! What a migration does, as data: typed steps. Decision kinds produce them, the
//! planner orders them, `sql` prints them; nothing here decides or prints.

use crate::model::{
    Column, Constraint, Function, Index, Literal, OwnedBy, Sequence, Table, Trigger, ValueExpr,
    ValueMap,
};

/// One target column of a back-fill or sync: its name, how it is computed, its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    pub column: String,
    pub value: ValueExpr,
    pub data_type: String,
}

/// One statement (or one guarded block) of a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `CREATE SCHEMA IF NOT EXISTS` (and its comment).
    CreateSchema {
        name: String,
        comment: Option<String>,
    },
    /// `CREATE EXTENSION IF NOT EXISTS` in `schema` (`None`: public).
    CreateExtension {
        name: String,
        schema: Option<String>,
    },
    /// `ALTER EXTENSION ... SET SCHEMA` of an extension that exists, when it is in
    /// another schema (`None`: public).
    ExtensionSchema {
        name: String,
        schema: Option<String>,
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
    /// `CREATE SEQUENCE IF NOT EXISTS` with its options (and its comment).
    CreateSequence {
        name: String,
        sequence: Sequence,
    },
    /// `ALTER SEQUENCE ... OWNED BY`, once the owning column exists.
    SequenceOwnedBy {
        name: String,
        owned_by: OwnedBy,
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
    /// `ALTER TABLE ... ALTER COLUMN ... TYPE data_type [COLLATE collation]` of a column
    /// that exists with its type, when its collation is not `collation` (`None`: the
    /// type's default). PostgreSQL changes a collation only along with the type.
    ColumnCollation {
        table: String,
        column: String,
        data_type: String,
        collation: Option<String>,
    },
    /// `ALTER TABLE ... ALTER COLUMN ... SET STORAGE / SET STATISTICS` of a column that
    /// exists, as `column` says them (each idempotent).
    ColumnSettings {
        table: String,
        name: String,
        column: Column,
    },
    /// `ALTER TABLE ... SET LOGGED / UNLOGGED` and `SET (...)` of a table that exists, and
    /// its row level security (`ENABLE` / `FORCE`, also of a table just created); `None`
    /// leaves a setting as it is.
    TableOptions {
        table: String,
        unlogged: Option<bool>,
        with: crate::model::StorageParams,
        row_security: Option<bool>,
        force_row_security: Option<bool>,
    },
    /// `COMMENT ON TABLE` / `COMMENT ON CONSTRAINT`.
    Comment {
        on: Commented,
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

/// An object a comment is on (columns, indexes and sequences have their own steps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commented {
    Table { table: String },
    Constraint { table: String, name: String },
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

/// What a unit of the plan holds, for its header and the report's plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Held {
    Extensions {
        names: Vec<String>,
    },
    Types {
        names: Vec<String>,
    },
    Sequences {
        names: Vec<String>,
    },
    Functions {
        names: Vec<String>,
    },
    Tables {
        names: Vec<String>,
    },
    Triggers {
        names: Vec<String>,
    },
    /// A derived column's sync trigger and the back-fill it keeps true.
    SyncTrigger {
        decision: u32,
        trigger: String,
        table: String,
    },
    /// A moved table's sync trigger on its source and its back-fill.
    SyncAndBackfill {
        decision: u32,
        trigger: String,
        from_table: String,
        to_table: String,
    },
    /// An extracted table's back-fill.
    Backfill {
        decision: u32,
        from_table: String,
        to_table: String,
    },
}
