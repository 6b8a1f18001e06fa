//! Move: columns whose Origin home is another table. The sync trigger on the source
//! table first, then one target row for every source row that has none.

use indexmap::IndexMap;

use crate::align::assignments;
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
    trigger: &str,
    function: &str,
) -> Result<Vec<Step>, PlanError> {
    let mut steps = super::derive::sync_objects(ctx, from_table, trigger, function);
    steps.push(Step::Backfill(Backfill::InsertMissing {
        from_table: from_table.to_string(),
        to_table: to_table.to_string(),
        values: assignments(ctx.aligned, d, from_table, to_table, values, key)?,
        key: key.to_vec(),
    }));
    Ok(steps)
}
