//! Derive: a new column computed from other columns of its row. A `BEFORE` trigger
//! keeps it in step with what the application writes; it is created, then the
//! back-fill it keeps true runs, in the same file.

use indexmap::IndexMap;

use super::lookup::In;
use super::sync::{add_function, add_trigger, check_map, sync_steps};
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TableSteps};
use crate::model::value_sql::{self, Row};
use crate::model::{
    Derive, Schema, Subject, Trigger, TriggerEvent, TriggerLevel, TriggerTiming, ValueExpr,
};
use crate::pg::quote_ident;
use crate::step::{Backfill, Held, Step};

impl Kind for Derive {
    fn shape(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn sync(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let (d, table) = (cx.decision, &self.table);
        check_map(d, &self.value)?;
        let at = In::end_state(d);
        let target = at.column(cx.end_state, table, &self.column)?.clone();
        for source in self.value.columns() {
            at.column(cx.end_state, table, &source)?;
        }
        let body = body(&self.column, &self.value, &target.data_type);
        add_function(
            cx.end_state,
            d,
            &self.function,
            body,
            false,
            IndexMap::new(),
        )?;
        let trigger = Trigger {
            timing: TriggerTiming::Before,
            events: vec![TriggerEvent::Insert, TriggerEvent::Update],
            update_of: self.value.columns(),
            level: TriggerLevel::Row,
            function: self.function.clone(),
            enabled: true,
        };
        add_trigger(cx.end_state, d, table, &self.trigger, trigger)
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        vec![
            Subject::column(&self.table, &self.column),
            Subject::trigger(&self.table, &self.trigger),
            Subject::function(&self.function, ""),
        ]
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
        vec![
            Subject::trigger(&self.table, &self.trigger),
            Subject::function(&self.function, ""),
        ]
    }

    fn table_steps(&self, _: &Planning<'_>, _: &str) -> Option<TableSteps> {
        None
    }

    fn own_steps(&self, cx: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        let table = &self.table;
        let mut steps = sync_steps(cx.end_state, table, &self.trigger, &self.function);
        let data_type = cx
            .end_state
            .tables
            .get(table)
            .and_then(|t| t.columns.get(&self.column))
            .map(|c| c.data_type.clone())
            .unwrap_or_default();
        steps.push(Step::Backfill(Backfill::Update {
            table: table.clone(),
            column: self.column.clone(),
            value: self.value.clone(),
            data_type,
            pause_triggers: cx.pause_triggers(table),
        }));
        Ok(Some(OwnSteps {
            tables: vec![table.clone()],
            held: Held::SyncTrigger {
                decision: cx.decision.id,
                trigger: self.trigger.clone(),
                table: table.clone(),
            },
            steps,
        }))
    }
}

/// The trigger function's body: recompute `column` from the row being written.
fn body(column: &str, value: &ValueExpr, data_type: &str) -> String {
    format!(
        "\nBEGIN\n    NEW.{} := {};\n    RETURN NEW;\nEND;\n",
        quote_ident(column),
        value_sql::value(value, Row::New, Some(data_type))
    )
}
