//! Reading schemas from where they live: SQL migrations (`sql`), a live database's
//! catalog rows (`catalog`; the CLI runs the queries and hands the rows over), JSON.

pub mod catalog;
pub mod json;
pub mod sql;
