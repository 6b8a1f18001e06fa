//! The data the tool works on: schemas, decisions, modules and conventions, and the
//! names of a schema's objects. Everything here serializes with serde and round-trips
//! through JSON losslessly.

mod conventions;
mod decision;
mod expr;
mod project;
mod rename;
mod schema;
mod sequence;
mod subject;
mod validate;
pub mod value_sql;

pub use conventions::{Conventions, PrimaryKeyConvention};
pub use decision::{
    Action, ActionKind, Add, ConvertType, Decision, Derive, Extract, KeepLegacyColumn,
    KeepLegacyName, Move, Relax, Rename, RenameIndex,
};
pub use expr::{Case, Literal, MapExpr, Normalize, Otherwise, ValueExpr, ValueMap};
pub use project::{Module, Project};
pub use rename::Renames;
pub use schema::{
    Column, Constraint, EnumType, FkAction, Function, Index, Reference, Schema, Table, Trigger,
    TriggerEvent, TriggerLevel, TriggerTiming,
};
pub use sequence::{Identity, OwnedBy, Sequence, SequenceOptions};
pub use subject::{QualifiedName, Subject};
pub use validate::{validate_schema, ModelError};
