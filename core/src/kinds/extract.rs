//! Extract: a value that becomes a row of its own table. One row per distinct key,
//! taken from the first source row in `order_by`, then every source row is linked to
//! it through `link_column`.

use super::lookup::In;
use super::sync::assignments;
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TableSteps};
use crate::model::{Constraint, Decision, Extract, Schema, Subject};
use crate::step::{Backfill, Held, Step};

impl Kind for Extract {
    fn shape(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn sync(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let (d, out) = (cx.decision, &*cx.end_state);
        assignments(
            out,
            d,
            &self.from_table,
            &self.to_table,
            &self.values,
            &self.key,
        )?;
        for c in &self.order_by {
            In::end_state(d).column(out, &self.from_table, c)?;
        }
        self.link_target(out, d)?;
        Ok(())
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        Vec::new()
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

    fn own_steps(&self, cx: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        let (d, (from, to)) = (cx.decision, (&self.from_table, &self.to_table));
        let step = Step::Backfill(Backfill::Extract {
            from_table: from.clone(),
            to_table: to.clone(),
            values: assignments(cx.end_state, d, from, to, &self.values, &self.key)?,
            key: self.key.clone(),
            order_by: self.order_by.clone(),
            link_column: self.link_column.clone(),
            link_target: self.link_target(cx.end_state, d)?,
            pause_triggers: cx.pause_triggers(from),
        });
        Ok(Some(OwnSteps {
            tables: vec![from.clone(), to.clone()],
            held: Held::Backfill {
                decision: d.id,
                from_table: from.clone(),
                to_table: to.clone(),
            },
            steps: vec![step],
        }))
    }
}

impl Extract {
    /// The column of `to_table` that `from_table.link_column` references.
    fn link_target(&self, schema: &Schema, d: &Decision) -> Result<String, DecisionError> {
        let (from, link) = (&self.from_table, &self.link_column);
        let at = In::end_state(d);
        at.column(schema, from, link)?;
        at.table(schema, from)?
            .constraints
            .values()
            .find_map(|c| match c {
                Constraint::ForeignKey {
                    columns,
                    references,
                    ..
                } if columns.len() == 1
                    && columns[0] == *link
                    && references.table == self.to_table
                    && references.columns.len() == 1 =>
                {
                    Some(references.columns[0].clone())
                }
                _ => None,
            })
            .ok_or_else(|| DecisionError::NoLink {
                decision: d.id,
                table: from.clone(),
                column: link.clone(),
                target: self.to_table.clone(),
            })
    }
}
