//! The data the tool works on: schemas, decisions, modules and conventions.
//! Everything here serializes with serde and round-trips through JSON losslessly.

mod conventions;
mod decision;
mod expr;
pub mod naming;
mod project;
mod schema;
mod validate;

pub use conventions::{Conventions, PrimaryKeyConvention};
pub use decision::{Action, Decision};
pub use expr::{Case, Literal, MapExpr, Normalize, Otherwise, ValueExpr, ValueMap};
pub use project::{Module, Project};
pub use schema::{
    Column, Constraint, EnumType, FkAction, Function, Index, Reference, Schema, Table, Trigger,
    TriggerEvent, TriggerLevel, TriggerTiming,
};
pub use validate::{validate_schema, ModelError};
