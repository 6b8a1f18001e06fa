//! Rename index: `ALTER INDEX ... RENAME`, then create it if it is still missing.

use crate::model::Index;
use crate::plan::step::Step;

pub(crate) fn steps(table: &str, from: &str, to: &str, index: &Index) -> Vec<Step> {
    vec![
        Step::RenameIndex {
            table: table.to_string(),
            from: from.to_string(),
            to: to.to_string(),
        },
        Step::CreateIndex {
            table: table.to_string(),
            name: to.to_string(),
            index: index.clone(),
        },
    ]
}
