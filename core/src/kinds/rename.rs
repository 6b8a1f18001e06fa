//! Rename: the current column takes Origin's name, and the constraint and index names
//! derived from the old name follow (PostgreSQL 18's NOT NULL constraint too).

use super::lookup::In;
use super::names::derived_renames;
use super::{
    Aspect, DecisionError, Kind, OwnSteps, Pair, Paired, Planning, Shaping, TablePhase, TableSteps,
};
use crate::model::{Rename, Schema, Subject};
use crate::step::Step;

impl Kind for Rename {
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        In::current(cx.decision).column(&cx.project.current, &self.table, &self.from)?;
        In::origin(cx.decision).column(cx.end_state, &self.table, &self.to)?;
        Ok(())
    }

    fn sync(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        vec![Subject::column(&self.table, &self.to)]
    }

    fn resolves(&self, aspect: Aspect) -> bool {
        match aspect {
            Aspect::Missing => true,
            Aspect::Extra | Aspect::Type | Aspect::Nullability => false,
        }
    }

    fn pairs(&self) -> Vec<Pair> {
        vec![Pair {
            table: self.table.clone(),
            object: Paired::Column,
            origin: self.to.clone(),
            current: self.from.clone(),
            renamed: true,
        }]
    }

    fn creates(&self) -> Vec<Subject> {
        Vec::new()
    }

    /// The column, then the derived names the end state has under the new name
    /// (PostgreSQL 18's NOT NULL constraint always, guarded by existence).
    fn table_steps(&self, cx: &Planning<'_>, table: &str) -> Option<TableSteps> {
        if table != self.table {
            return None;
        }
        let current = cx.project.current.tables.get(table)?;
        let target = cx.end_state.tables.get(table)?;
        let (from, to) = (&self.from, &self.to);
        let mut steps = vec![Step::RenameColumn {
            table: table.to_string(),
            from: from.clone(),
            to: to.clone(),
        }];
        let derived = derived_renames(table, current, from, to, &cx.project.conventions);
        for (old, new) in derived.constraints {
            if target.constraints.contains_key(&new) || new.ends_with("_not_null") {
                steps.push(Step::RenameConstraint {
                    table: table.to_string(),
                    from: old,
                    to: new,
                });
            }
        }
        for (old, new) in derived.indexes {
            if target.indexes.contains_key(&new) {
                steps.push(Step::RenameIndex {
                    table: table.to_string(),
                    from: old,
                    to: new,
                });
            }
        }
        Some(TableSteps {
            phase: TablePhase::Reshape,
            steps,
        })
    }

    fn own_steps(&self, _: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        Ok(None)
    }
}
