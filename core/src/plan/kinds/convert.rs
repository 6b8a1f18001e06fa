//! Convert type: change a column's type in place through a value map.

use crate::align::enum_of;
use crate::model::{Literal, Schema, ValueMap};
use crate::plan::step::Step;

/// The conversion of `table.column` to the end state's type and default. The map's
/// explicit values and, with `identity`, the enum's labels are what it accepts.
pub(crate) fn steps(aligned: &Schema, table: &str, column: &str, map: &ValueMap) -> Vec<Step> {
    let Some(target) = aligned
        .tables
        .get(table)
        .and_then(|t| t.columns.get(column))
    else {
        return Vec::new();
    };
    let mut valid: Vec<Literal> = map.cases.iter().map(|c| c.when.clone()).collect();
    if map.identity {
        if let Some((_, e)) = enum_of(aligned, &target.data_type) {
            for label in &e.labels {
                let l = Literal::Text(label.clone());
                if !valid.contains(&l) {
                    valid.push(l);
                }
            }
        }
    }
    vec![Step::ConvertColumn {
        table: table.to_string(),
        column: column.to_string(),
        to_type: target.data_type.clone(),
        map: map.clone(),
        valid,
        default: target.default.clone(),
    }]
}
