//! Add: objects Origin has and the current schema lacks. Adding needs no decision (the
//! planner creates whatever is missing); an explicit one only claims the objects it
//! names, so that their divergences and statements name it.

use super::lookup::In;
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TableSteps};
use crate::model::{Add, Schema, Subject};

impl Kind for Add {
    fn shape(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn sync(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let at = In::end_state(cx.decision);
        let out = &*cx.end_state;
        if let Some(table) = &self.table {
            let t = at.table(out, table)?;
            for c in &self.columns {
                at.column(out, table, c)?;
            }
            if let Some(i) = self.indexes.iter().find(|i| !t.indexes.contains_key(*i)) {
                return Err(at.unknown("index", format!("{table}.{i}")));
            }
        }
        if let Some(tr) = self
            .triggers
            .iter()
            .find(|tr| out.trigger_table(tr).is_none())
        {
            return Err(at.unknown("trigger", tr.clone()));
        }
        if let Some(ty) = self.types.iter().find(|ty| !out.enums.contains_key(*ty)) {
            return Err(at.unknown("type", ty.clone()));
        }
        Ok(())
    }

    fn claims(&self, end_state: &Schema) -> Vec<Subject> {
        let mut out = Vec::new();
        if let Some(t) = &self.table {
            if self.columns.is_empty() && self.indexes.is_empty() {
                out.push(Subject::table(t));
            }
            out.extend(self.columns.iter().map(|c| Subject::column(t, c)));
            out.extend(self.indexes.iter().map(|i| Subject::index(t, i)));
        }
        for tr in &self.triggers {
            if let Some(t) = end_state.trigger_table(tr) {
                out.push(Subject::trigger(t, tr));
            }
        }
        out.extend(self.types.iter().map(|t| Subject::type_named(t)));
        out
    }

    fn resolves(&self, aspect: Aspect) -> bool {
        match aspect {
            Aspect::Missing => true,
            Aspect::Extra | Aspect::Type | Aspect::Nullability => false,
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
