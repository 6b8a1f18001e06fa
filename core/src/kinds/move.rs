//! Move: columns whose Origin home is another table. An `AFTER` trigger on the source
//! table upserts the row that mirrors each source row; it is created, then one target
//! row is back-filled for every source row that has none, in the same file.

use super::sync::{add_function, add_trigger, assignments, sync_steps};
use super::{Aspect, DecisionError, Kind, OwnSteps, Pair, Planning, Shaping, TableSteps};
use crate::model::value_sql::{self, Row};
use crate::model::{Move, Schema, Subject, Trigger, TriggerEvent, TriggerLevel, TriggerTiming};
use crate::pg::quote_ident;
use crate::step::{Assign, Backfill, Held, Step};

impl Kind for Move {
    fn shape(&self, _: &mut Shaping<'_>) -> Result<(), DecisionError> {
        Ok(())
    }

    fn sync(&self, cx: &mut Shaping<'_>) -> Result<(), DecisionError> {
        let d = cx.decision;
        let assigns = assignments(
            cx.end_state,
            d,
            &self.from_table,
            &self.to_table,
            &self.values,
            &self.key,
        )?;
        let body = upsert(&self.to_table, &assigns, &self.key);
        add_function(
            cx.end_state,
            d,
            &self.function,
            body,
            self.security_definer,
            self.config.clone(),
        )?;
        // The trigger watches the columns the copied values read, not the key's.
        let mut watched: Vec<String> = Vec::new();
        for (target, value) in &self.values {
            if self.key.contains(target) {
                continue;
            }
            for c in value.columns() {
                if !watched.contains(&c) {
                    watched.push(c);
                }
            }
        }
        let trigger = Trigger {
            timing: TriggerTiming::After,
            events: vec![TriggerEvent::Insert, TriggerEvent::Update],
            update_of: watched,
            level: TriggerLevel::Row,
            function: self.function.clone(),
            enabled: true,
        };
        add_trigger(cx.end_state, d, &self.from_table, &self.trigger, trigger)
    }

    fn claims(&self, _: &Schema) -> Vec<Subject> {
        vec![
            Subject::table(&self.to_table),
            Subject::trigger(&self.from_table, &self.trigger),
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
            Subject::trigger(&self.from_table, &self.trigger),
            Subject::function(&self.function, ""),
        ]
    }

    fn table_steps(&self, _: &Planning<'_>, _: &str) -> Option<TableSteps> {
        None
    }

    fn own_steps(&self, cx: &Planning<'_>) -> Result<Option<OwnSteps>, DecisionError> {
        let (from, to) = (&self.from_table, &self.to_table);
        let mut steps = sync_steps(cx.end_state, from, &self.trigger, &self.function);
        steps.push(Step::Backfill(Backfill::InsertMissing {
            from_table: from.clone(),
            to_table: to.clone(),
            values: assignments(cx.end_state, cx.decision, from, to, &self.values, &self.key)?,
            key: self.key.clone(),
        }));
        Ok(Some(OwnSteps {
            tables: vec![from.clone(), to.clone()],
            held: Held::SyncAndBackfill {
                decision: cx.decision.id,
                trigger: self.trigger.clone(),
                from_table: from.clone(),
                to_table: to.clone(),
            },
            steps,
        }))
    }
}

/// The trigger function's body: upsert the row of `to_table` that mirrors the source
/// row, writing only when something differs.
fn upsert(to_table: &str, values: &[Assign], key: &[String]) -> String {
    let cols = values
        .iter()
        .map(|a| quote_ident(&a.column))
        .collect::<Vec<_>>()
        .join(", ");
    let vals = values
        .iter()
        .map(|a| value_sql::value(&a.value, Row::New, Some(&a.data_type)))
        .collect::<Vec<_>>()
        .join(", ");
    let keys = key
        .iter()
        .map(|k| quote_ident(k))
        .collect::<Vec<_>>()
        .join(", ");
    let rest: Vec<&Assign> = values.iter().filter(|a| !key.contains(&a.column)).collect();
    let on_conflict = if rest.is_empty() {
        "DO NOTHING".to_string()
    } else {
        let set = rest
            .iter()
            .map(|a| format!("{0} = EXCLUDED.{0}", quote_ident(&a.column)))
            .collect::<Vec<_>>()
            .join(", ");
        let old = rest
            .iter()
            .map(|a| format!("t.{}", quote_ident(&a.column)))
            .collect::<Vec<_>>()
            .join(", ");
        let new = rest
            .iter()
            .map(|a| format!("EXCLUDED.{}", quote_ident(&a.column)))
            .collect::<Vec<_>>()
            .join(", ");
        format!("DO UPDATE SET {set}\n        WHERE ROW({old}) IS DISTINCT FROM ROW({new})")
    };
    format!(
        "\nBEGIN\n    INSERT INTO {} AS t ({cols})\n    VALUES ({vals})\n    ON CONFLICT ({keys}) {on_conflict};\n    RETURN NULL;\nEND;\n",
        quote_ident(to_table)
    )
}
