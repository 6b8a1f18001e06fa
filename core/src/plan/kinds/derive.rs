//! Derive: a column computed from other columns of its row; the sync trigger first,
//! then the back-fill it keeps true.

use crate::model::ValueExpr;
use crate::plan::context::Ctx;
use crate::plan::step::{Backfill, Step};

pub(crate) fn steps(
    ctx: &Ctx,
    table: &str,
    column: &str,
    value: &ValueExpr,
    trigger: &str,
    function: &str,
) -> Vec<Step> {
    let mut steps = sync_objects(ctx, table, trigger, function);
    let data_type = ctx
        .aligned
        .tables
        .get(table)
        .and_then(|t| t.columns.get(column))
        .map(|c| c.data_type.clone())
        .unwrap_or_default();
    steps.push(Step::Backfill(Backfill::Update {
        table: table.to_string(),
        column: column.to_string(),
        value: value.clone(),
        data_type,
        pause_triggers: ctx.pause_triggers(table),
    }));
    steps
}

/// The function and trigger a decision made, as the end state has them.
pub(crate) fn sync_objects(ctx: &Ctx, table: &str, trigger: &str, function: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(f) = ctx.aligned.functions.get(function) {
        steps.push(Step::CreateFunction {
            name: function.to_string(),
            function: f.clone(),
        });
    }
    if let Some(t) = ctx
        .aligned
        .tables
        .get(table)
        .and_then(|t| t.triggers.get(trigger))
    {
        steps.push(Step::CreateTrigger {
            table: table.to_string(),
            name: trigger.to_string(),
            trigger: t.clone(),
        });
    }
    steps
}
