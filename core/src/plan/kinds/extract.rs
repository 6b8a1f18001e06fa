//! Extract: one row of its own table per distinct value, linked back by a foreign key.

use indexmap::IndexMap;

use crate::align::{assignments, link_target};
use crate::model::{Decision, ValueExpr};
use crate::plan::context::Ctx;
use crate::plan::error::PlanError;
use crate::plan::step::{Backfill, Step};

#[allow(clippy::too_many_arguments)]
pub(crate) fn steps(
    ctx: &Ctx,
    d: &Decision,
    from_table: &str,
    to_table: &str,
    values: &IndexMap<String, ValueExpr>,
    key: &[String],
    order_by: &[String],
    link_column: &str,
) -> Result<Vec<Step>, PlanError> {
    Ok(vec![Step::Backfill(Backfill::Extract {
        from_table: from_table.to_string(),
        to_table: to_table.to_string(),
        values: assignments(ctx.aligned, d, from_table, to_table, values, key)?,
        key: key.to_vec(),
        order_by: order_by.to_vec(),
        link_column: link_column.to_string(),
        link_target: link_target(ctx.aligned, d, from_table, link_column, to_table)?,
        pause_triggers: ctx.pause_triggers(from_table),
    })])
}
