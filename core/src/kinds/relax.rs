//! Relax: Origin's column, created nullable because existing rows cannot meet its
//! NOT NULL yet.

use super::lookup::In;
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TableSteps};
use crate::model::{Relax, Schema, Subject};

impl Kind for Relax {
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        In::origin(cx.decision)
            .column_mut(cx.end_state, &self.table, &self.column)?
            .not_null = false;
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
            Aspect::Missing | Aspect::Nullability => true,
            Aspect::Extra | Aspect::Type => false,
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
