//! Keep legacy name: Origin's column keeps the current schema's name, with a `legacy:`
//! comment. The end state renames Origin's column wherever it is referred to, and the
//! constraint and index names derived from it follow.

use super::lookup::In;
use super::names::derived_renames;
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Paired, Planning, Shaping, TableSteps};
use crate::model::{KeepLegacyName, Schema, Subject};

impl Kind for KeepLegacyName {
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let (table, column, legacy) = (&self.table, &self.column, &self.legacy);
        In::current(cx.decision).column(&cx.project.current, table, legacy)?;
        let origin = In::origin(cx.decision);
        origin.column(cx.end_state, table, column)?;
        let t = origin.table(cx.end_state, table)?;
        if t.columns.contains_key(legacy) {
            return Err(DecisionError::Duplicate {
                decision: cx.decision.id,
                object: "column",
                name: format!("{table}.{legacy}"),
            });
        }
        let derived = derived_renames(table, t, column, legacy, &cx.project.conventions);
        cx.end_state.rename_column(table, column, legacy);
        let t = origin.table_mut(cx.end_state, table)?;
        let new_name = |renames: &[(String, String)], name: String| {
            renames
                .iter()
                .find(|(old, _)| *old == name)
                .map_or(name, |(_, new)| new.clone())
        };
        t.constraints = std::mem::take(&mut t.constraints)
            .into_iter()
            .map(|(name, c)| (new_name(&derived.constraints, name), c))
            .collect();
        t.indexes = std::mem::take(&mut t.indexes)
            .into_iter()
            .map(|(name, i)| (new_name(&derived.indexes, name), i))
            .collect();
        if let Some(c) = t.columns.get_mut(legacy) {
            c.comment = Some(format!("legacy: {}", self.note));
        }
        Ok(())
    }

    fn sync(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        vec![Subject::column(&self.table, &self.legacy)]
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
            origin: self.column.clone(),
            current: self.legacy.clone(),
            renamed: false,
        }]
    }

    fn creates(&self) -> Vec<Subject> {
        Vec::new()
    }

    fn table_steps(&self, _: &Planning<'_>, _: &str) -> Option<TableSteps> {
        None
    }

    fn own_steps(&self, _: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        Ok(None)
    }
}
