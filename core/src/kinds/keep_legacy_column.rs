//! Keep legacy column: a current column Origin does not have stays, with a `legacy:`
//! comment saying where Origin keeps that data.

use super::lookup::In;
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TableSteps};
use crate::model::{KeepLegacyColumn, Schema, Subject};

impl Kind for KeepLegacyColumn {
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let (table, column) = (&self.table, &self.column);
        let mut kept = In::current(cx.decision)
            .column(&cx.project.current, table, column)?
            .clone();
        let t = In::origin(cx.decision).table_mut(cx.end_state, table)?;
        if t.columns.contains_key(column) {
            return Err(DecisionError::NotLegacy {
                decision: cx.decision.id,
                table: table.clone(),
                column: column.clone(),
            });
        }
        kept.comment = Some(format!("legacy: {}", self.note));
        t.columns.insert(column.clone(), kept);
        Ok(())
    }

    fn sync(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        vec![Subject::column(&self.table, &self.column)]
    }

    fn resolves(&self, aspect: Aspect) -> bool {
        match aspect {
            Aspect::Missing | Aspect::Extra => true,
            Aspect::Type | Aspect::Nullability => false,
        }
    }

    fn pairs(&self) -> Vec<Pair> {
        Vec::new()
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
