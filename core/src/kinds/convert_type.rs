//! Convert type: the current column changes type in place through a value map; values
//! outside the map stop the migration, which names each of them.

use super::lookup::In;
use super::{
    Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TablePhase, TableSteps,
};
use crate::model::{ConvertType, Literal, Schema, Subject};
use crate::step::Step;

impl Kind for ConvertType {
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let (table, column) = (&self.table, &self.column);
        In::current(cx.decision).column(&cx.project.current, table, column)?;
        let target = In::origin(cx.decision).column(cx.end_state, table, column)?;
        if self.map.identity && cx.end_state.enum_of_type(&target.data_type).is_none() {
            return Err(DecisionError::IdentityNeedsEnum {
                decision: cx.decision.id,
                table: table.clone(),
                column: column.clone(),
                data_type: target.data_type.clone(),
            });
        }
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
            Aspect::Missing | Aspect::Type => true,
            Aspect::Extra | Aspect::Nullability => false,
        }
    }

    fn pairs(&self) -> Vec<Pair> {
        Vec::new()
    }

    fn creates(&self) -> Vec<Subject> {
        Vec::new()
    }

    /// The conversion to the end state's type and default. The map's explicit values
    /// and, with `identity`, the enum's labels are what it accepts.
    fn table_steps(&self, cx: &Planning<'_>, table: &str) -> Option<TableSteps> {
        if table != self.table {
            return None;
        }
        let target = cx.end_state.tables.get(table)?.columns.get(&self.column)?;
        let mut valid: Vec<Literal> = self.map.cases.iter().map(|c| c.when.clone()).collect();
        if self.map.identity {
            if let Some((_, e)) = cx.end_state.enum_of_type(&target.data_type) {
                for label in &e.labels {
                    let l = Literal::Text(label.clone());
                    if !valid.contains(&l) {
                        valid.push(l);
                    }
                }
            }
        }
        Some(TableSteps {
            phase: TablePhase::Reshape,
            steps: vec![Step::ConvertColumn {
                table: table.to_string(),
                column: self.column.clone(),
                to_type: target.data_type.clone(),
                map: self.map.clone(),
                valid,
                default: target.default.clone(),
            }],
        })
    }

    fn own_steps(&self, _: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        Ok(None)
    }
}
