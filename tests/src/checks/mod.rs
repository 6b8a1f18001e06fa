//! Assertions of every data rule of DECISIONS.md and CONTRACT.md "Data", against the fixture
//! rows of `fixtures/v1_data.sql` (expected values written out in [`expected`], never recomputed
//! with the migration's own SQL).

pub mod compare;
pub mod data;
pub mod expected;
pub mod sync;

pub use data::{assert_v1_data_migrated, V1Baseline};
pub use expected::Expected;
pub use sync::{assert_rerun_links_new_tracks, assert_sync_triggers};
