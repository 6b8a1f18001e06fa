//! Test support for origin-schema: throwaway PostgreSQL clusters, a psql-based client, catalog
//! and row snapshots, the V1 fixture data and assertions of every data rule of DECISIONS.md.
//!
//! Everything runs through the `psql` and server binaries of the machine, so the crate needs no
//! database driver. Assertion helpers panic with a readable diff: that is their job.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod catalog;
pub mod checks;
pub mod cli;
pub mod cluster;
pub mod csv;
pub mod db;
pub mod dump;
pub mod fixtures;
pub mod generate;
pub mod migrations;
pub mod rows;
pub mod scenario;
#[cfg(test)]
mod selftest;
pub mod tempdir;

pub use catalog::Catalog;
pub use cluster::{Cluster, HarnessError, PgVersion};
pub use db::{Db, PsqlError};
pub use migrations::{ApplyError, MigrationSet};
pub use rows::{Projection, RowSnapshot};
pub use scenario::with_cluster;
