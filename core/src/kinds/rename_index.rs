//! Rename index: `ALTER INDEX ... RENAME` to the conventional name, then create it if
//! it is still missing. The end state holds the current index under the new name, its
//! columns renamed by the table's column renames.

use super::lookup::In;
use super::{
    actions, rules, Aspect, DecisionError, Kind, OwnSteps, Pair, Paired, Planning, Shaping,
    TablePhase, TableSteps,
};
use crate::model::{RenameIndex, Schema, Subject};
use crate::step::Step;

impl Kind for RenameIndex {
    fn shape(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let (table, from, to) = (&self.table, &self.from, &self.to);
        let current = In::current(cx.decision);
        let index = current
            .table(&cx.project.current, table)?
            .indexes
            .get(from)
            .ok_or_else(|| current.unknown("index", format!("{table}.{from}")))?;
        let renames: Vec<Pair> = actions(cx.project)
            .flat_map(|(_, a)| rules(a).pairs())
            .filter(|p| p.table == *table && p.object == Paired::Column && p.renamed)
            .collect();
        let index = index.map_columns(&|c| {
            renames
                .iter()
                .find(|p| p.current == c)
                .map(|p| p.origin.clone())
        });
        let t = In::origin(cx.decision).table_mut(cx.end_state, table)?;
        if !t.indexes.contains_key(to) {
            t.indexes.insert(to.clone(), index);
        }
        Ok(())
    }

    fn sync(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        vec![Subject::index(&self.table, &self.to)]
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
            object: Paired::Index,
            origin: self.to.clone(),
            current: self.from.clone(),
            renamed: true,
        }]
    }

    fn creates(&self) -> Vec<Subject> {
        Vec::new()
    }

    fn table_steps(&self, cx: &Planning<'_>, table: &str) -> Option<TableSteps> {
        if table != self.table {
            return None;
        }
        let index = cx.end_state.tables.get(table)?.indexes.get(&self.to)?;
        Some(TableSteps {
            phase: TablePhase::Indexes,
            steps: vec![
                Step::RenameIndex {
                    table: table.to_string(),
                    from: self.from.clone(),
                    to: self.to.clone(),
                },
                Step::CreateIndex {
                    table: table.to_string(),
                    name: self.to.clone(),
                    index: index.clone(),
                },
            ],
        })
    }

    fn own_steps(&self, _: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        Ok(None)
    }
}
