//! What the files make that the model cannot hold. Such an object is not dropped with a
//! warning (SQL kept later may depend on it): it is remembered with where it was made,
//! and the read is refused at the end, naming every one still there. One dropped again
//! by a later statement of the same files costs nothing.

use super::Replay;
use crate::read::sql::Refused;

/// What an unmodelled thing belongs to: it is refused only while that still exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// An object the model lacks, remembered in `Opaque::relations` (a view, ...).
    Relation(String),
    /// In `Opaque::types` (a domain, a composite type, ...).
    Type(String),
    /// In `Opaque::functions` (a procedure, a function the model cannot hold).
    Function(String),
    /// A part of a modelled table (a policy, a rule, a table option, ...): goes with the
    /// table, follows its renames.
    Table(String),
    /// A statement that changes the schema in a way the model cannot follow.
    Statement,
}

/// One unmodelled thing, and where the files made it.
#[derive(Debug, Clone)]
pub struct Pending {
    holder: Holder,
    refused: Refused,
}

impl Replay {
    /// Remember `object` (e.g. `view active_members`), which the model cannot hold for
    /// `reason`, to be refused at the end unless its holder is gone by then. An object
    /// the model lacks keeps its name taken (`Opaque`) meanwhile.
    pub fn refuse(&mut self, holder: Holder, object: impl Into<String>, reason: impl Into<String>) {
        let object = object.into();
        match &holder {
            Holder::Relation(n) => self.opaque.relations.insert(n.clone()),
            Holder::Type(n) => self.opaque.types.insert(n.clone()),
            Holder::Function(n) => self.opaque.functions.insert(n.clone()),
            Holder::Table(_) | Holder::Statement => false,
        };
        // Made again (`CREATE OR REPLACE`, or after a drop): named once, where made last.
        if holder != Holder::Statement {
            self.pending
                .retain(|p| p.holder != holder || p.refused.object != object);
        }
        let (file, line) = self.location();
        self.pending.push(Pending {
            holder,
            refused: Refused {
                file,
                line,
                object,
                reason: reason.into(),
            },
        });
    }

    /// Whether `object` is waiting to be refused.
    pub fn refused_here(&self, object: &str) -> bool {
        self.pending.iter().any(|p| p.refused.object == object)
    }

    /// A later statement removed `object` (`DROP POLICY`, `DROP RULE`).
    pub fn unrefuse(&mut self, object: &str) {
        self.pending.retain(|p| p.refused.object != object);
    }

    /// Table `name` was dropped: what belonged to it goes too.
    pub fn forget_table(&mut self, name: &str) {
        self.pending
            .retain(|p| !matches!(&p.holder, Holder::Table(t) if t == name));
    }

    /// Table `from` is now called `to`.
    pub fn rename_table_holder(&mut self, from: &str, to: &str) {
        for p in &mut self.pending {
            if matches!(&p.holder, Holder::Table(t) if t == from) {
                p.holder = Holder::Table(to.to_string());
            }
        }
    }

    /// Everything still refused at the end of the files, in the order they were made.
    pub fn refused(&self) -> Vec<Refused> {
        self.pending
            .iter()
            .filter(|p| match &p.holder {
                Holder::Relation(n) => self.opaque.relations.contains(n),
                Holder::Type(n) => self.opaque.types.contains(n),
                Holder::Function(n) => self.opaque.functions.contains(n),
                Holder::Table(n) => self.schema.tables.contains_key(n),
                Holder::Statement => true,
            })
            .map(|p| p.refused.clone())
            .collect()
    }
}
