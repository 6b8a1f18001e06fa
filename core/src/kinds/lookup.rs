//! Finding the tables and columns a decision names, with the error that says which
//! decision named what in which schema.

use super::DecisionError;
use crate::model::{Column, Decision, Schema, Table};

/// Where a decision looks: the schema, its name in messages, and the decision.
#[derive(Debug, Clone, Copy)]
pub(crate) struct In {
    pub label: &'static str,
    pub decision: u32,
}

impl In {
    pub(crate) fn current(d: &Decision) -> Self {
        In {
            label: "current",
            decision: d.id,
        }
    }

    /// The end state while it is shaped: Origin, as far as the decision can tell.
    pub(crate) fn origin(d: &Decision) -> Self {
        In {
            label: "origin",
            decision: d.id,
        }
    }

    pub(crate) fn end_state(d: &Decision) -> Self {
        In {
            label: "end state",
            decision: d.id,
        }
    }

    pub(crate) fn table<'s>(self, s: &'s Schema, table: &str) -> Result<&'s Table, DecisionError> {
        s.tables.get(table).ok_or_else(|| self.no_table(table))
    }

    pub(crate) fn table_mut<'s>(
        self,
        s: &'s mut Schema,
        table: &str,
    ) -> Result<&'s mut Table, DecisionError> {
        s.tables.get_mut(table).ok_or_else(|| self.no_table(table))
    }

    pub(crate) fn column<'s>(
        self,
        s: &'s Schema,
        table: &str,
        column: &str,
    ) -> Result<&'s Column, DecisionError> {
        self.table(s, table)?
            .columns
            .get(column)
            .ok_or_else(|| self.no_column(table, column))
    }

    pub(crate) fn column_mut<'s>(
        self,
        s: &'s mut Schema,
        table: &str,
        column: &str,
    ) -> Result<&'s mut Column, DecisionError> {
        self.table_mut(s, table)?
            .columns
            .get_mut(column)
            .ok_or_else(|| self.no_column(table, column))
    }

    pub(crate) fn unknown(self, kind: &'static str, name: String) -> DecisionError {
        DecisionError::UnknownObject {
            decision: self.decision,
            schema: self.label,
            kind,
            name,
        }
    }

    fn no_table(self, table: &str) -> DecisionError {
        DecisionError::UnknownTable {
            decision: self.decision,
            schema: self.label,
            table: table.to_string(),
        }
    }

    fn no_column(self, table: &str, column: &str) -> DecisionError {
        DecisionError::UnknownColumn {
            decision: self.decision,
            schema: self.label,
            table: table.to_string(),
            column: column.to_string(),
        }
    }
}
