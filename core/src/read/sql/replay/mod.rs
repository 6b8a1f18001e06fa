//! Applying parsed statements to the schema, one at a time, as PostgreSQL would: the
//! same defaults, the same names, the same refusals.

mod alter;
mod columns;
mod constraints;
mod drop;
mod enums;
mod functions;
mod indexes;
mod options;
mod other;
mod refusals;
pub mod sequences;
mod tables;
mod triggers;
mod unmodelled;

use std::collections::{BTreeSet, HashSet};

use indexmap::IndexMap;
use sqlparser::ast::{AlterFunctionKind, ObjectName, SchemaName, Statement};

pub use indexes::alter as alter_index;
pub use refusals::Holder;

use super::names;
use super::Warning;
use crate::model::{Constraint, Schema, Table};

/// Why a statement fails; the caller adds the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fail {
    UnknownTable(String),
    UnknownColumn {
        table: String,
        column: String,
    },
    Unknown {
        kind: &'static str,
        name: String,
    },
    Exists {
        kind: &'static str,
        name: String,
    },
    /// PostgreSQL rejects the statement, for this reason.
    Rejected(String),
}

pub type Done = Result<(), Fail>;

/// Objects the files create that the model does not hold (views, sequences, indexes on
/// expressions, functions it cannot represent, ...): their names are taken, and later
/// statements about them are warned about rather than refused.
#[derive(Debug, Default)]
pub struct Opaque {
    pub relations: BTreeSet<String>,
    pub types: BTreeSet<String>,
    /// Function names, and `name(argument types)` of skipped overloads.
    pub functions: BTreeSet<String>,
    /// Migration runners' own tables (`crate::read::RUNNER_TABLES`), left out quietly.
    pub runner: BTreeSet<String>,
}

/// The schema being built, and where in the input the reader stands.
#[derive(Debug, Default)]
pub struct Replay {
    pub schema: Schema,
    pub warnings: Vec<Warning>,
    pub opaque: Opaque,
    /// Argument types of each modelled function (for DROP FUNCTION f(types)).
    pub signatures: IndexMap<String, Vec<String>>,
    /// Every name an index or a constraint was given (`relation_taken`).
    pub names: Taken,
    /// What the model cannot hold, refused at the end if still there (`refusals`).
    pending: Vec<refusals::Pending>,
    file: String,
    line: usize,
}

impl Replay {
    pub fn at(&mut self, file: &str, line: usize) {
        self.file = file.to_string();
        self.line = line;
    }

    fn location(&self) -> (String, usize) {
        (self.file.clone(), self.line)
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(Warning {
            file: self.file.clone(),
            line: self.line,
            message: message.into(),
        });
    }

    /// Apply one parsed statement; `text` is its source, for messages.
    pub fn statement(&mut self, stmt: &Statement, text: &str) -> Done {
        match stmt {
            Statement::CreateTable(ct) => tables::create(self, ct),
            Statement::AlterTable(at) => alter::alter_table(self, at),
            Statement::CreateIndex(ci) => indexes::create(self, ci),
            Statement::AlterIndex { name, operation } => {
                indexes::alter(self, name, operation, false)
            }
            Statement::Drop {
                object_type,
                if_exists,
                names,
                cascade,
                ..
            } => drop::drop(self, *object_type, *if_exists, names, *cascade, text),
            Statement::CreateType {
                name,
                representation,
            } => enums::create(self, name, representation.as_ref(), text),
            Statement::AlterType(at) => enums::alter(self, at, text),
            Statement::CreateFunction(cf) => functions::create(self, cf, text),
            Statement::DropFunction(df) => functions::drop(self, df),
            Statement::AlterFunction(af) if af.kind == AlterFunctionKind::Function => {
                functions::alter(self, af, text)
            }
            Statement::CreateTrigger(ct) => triggers::create(self, ct),
            Statement::DropTrigger(dt) => triggers::drop(self, dt),
            Statement::Comment {
                object_type,
                object_name,
                comment,
                if_exists,
            } => other::comment(
                self,
                *object_type,
                object_name,
                comment.as_deref(),
                *if_exists,
            ),
            Statement::CreateExtension(ce) => other::create_extension(self, ce),
            Statement::CreateSchema {
                schema_name: SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _),
                if_not_exists,
                ..
            } => other::create_schema(self, name, *if_not_exists),
            Statement::CreateSequence {
                temporary: false,
                if_not_exists,
                name,
                sequence_options,
            } => sequences::create(self, name, *if_not_exists, sequence_options),
            Statement::DropExtension(de) => other::drop_extension(self, de),
            other => {
                unmodelled::statement(self, other, text);
                Ok(())
            }
        }
    }

    /// The table `name` refers to: `Ok(None)` when the statement is to be skipped (with
    /// IF EXISTS, or about a relation the files made but the model does not hold).
    pub fn table_name(
        &mut self,
        name: &ObjectName,
        if_exists: bool,
        what: &str,
    ) -> Result<Option<String>, Fail> {
        let table = match names::local(name) {
            Ok(t) => t,
            Err(why) => {
                self.refuse(Holder::Statement, format!("`{what}`"), why);
                return Ok(None);
            }
        };
        if self.schema.tables.contains_key(&table) {
            return Ok(Some(table));
        }
        if self.opaque.runner.contains(&table) {
            return Ok(None);
        }
        // Refused already (or temporary): the statement goes with it.
        if self.opaque.relations.contains(&table) {
            return Ok(None);
        }
        if if_exists {
            return Ok(None);
        }
        Err(Fail::UnknownTable(table))
    }

    pub fn table(&self, name: &str) -> Result<&Table, Fail> {
        self.schema
            .tables
            .get(name)
            .ok_or_else(|| Fail::UnknownTable(name.to_string()))
    }

    pub fn table_mut(&mut self, name: &str) -> Result<&mut Table, Fail> {
        self.schema
            .tables
            .get_mut(name)
            .ok_or_else(|| Fail::UnknownTable(name.to_string()))
    }

    /// Whether a relation (table, index, the index of a primary key or unique
    /// constraint, or an unmodelled view or sequence) already has this name.
    pub fn relation_taken(&self, name: &str) -> bool {
        // Every place that names an index or a constraint records it in `names`.
        debug_assert!(
            self.names.may_be_index(name) || !self.index_named(name),
            "index {name} was named without `Replay::names` knowing"
        );
        self.opaque.relations.contains(name)
            || self.schema.sequences.contains_key(name)
            || self.schema.tables.contains_key(name)
            || (self.names.may_be_index(name) && self.index_named(name))
    }

    /// Whether an index, or the index of a key, of any table has this name: every table
    /// is asked, so only for a name that was given before (`Taken`).
    fn index_named(&self, name: &str) -> bool {
        self.schema.tables.values().any(|table| {
            table.indexes.contains_key(name) || table.constraints.get(name).is_some_and(backs_index)
        })
    }

    /// Whether any constraint of the schema has this name (PostgreSQL's
    /// `ChooseConstraintName` avoids them all).
    pub fn constraint_taken(&self, name: &str) -> bool {
        debug_assert!(
            self.names.constraints.contains(name)
                || !self
                    .schema
                    .tables
                    .values()
                    .any(|t| t.constraints.contains_key(name)),
            "constraint {name} was named without `Replay::names` knowing"
        );
        self.names.constraints.contains(name)
            && self
                .schema
                .tables
                .values()
                .any(|t| t.constraints.contains_key(name))
    }
}

/// Every name given to an index or a constraint so far: more than the schema holds
/// (dropped ones stay), so a name not here is free without asking each table, which
/// made choosing a name quadratic in the number of tables.
#[derive(Debug, Default)]
pub struct Taken {
    pub relations: HashSet<String>,
    pub constraints: HashSet<String>,
}

impl Taken {
    /// A key constraint's index takes its constraint's name.
    fn may_be_index(&self, name: &str) -> bool {
        self.relations.contains(name) || self.constraints.contains(name)
    }
}

/// Primary keys and unique constraints are backed by an index of the same name.
pub fn backs_index(c: &Constraint) -> bool {
    matches!(c, Constraint::PrimaryKey { .. } | Constraint::Unique { .. })
}

/// `map` with key `from` renamed to `to`, in place (order kept).
pub fn rename_key<V>(map: &mut IndexMap<String, V>, from: &str, to: &str) {
    if let Some(i) = map.get_index_of(from) {
        if let Some((_, v)) = map.shift_remove_index(i) {
            let (j, _) = map.insert_full(to.to_string(), v);
            map.move_index(j, i);
        }
    }
}
