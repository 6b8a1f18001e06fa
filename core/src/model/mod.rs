//! The data the tool works on: schemas, decisions, modules and conventions, and the
//! names of a schema's objects. Everything here serializes with serde and round-trips
//! through JSON losslessly.

mod constraint;
mod conventions;
mod decision;
mod expr;
mod index;
mod printed;
mod project;
mod rename;
mod schema;
mod sequence;
mod subject;
mod validate;
pub mod value_sql;

pub use constraint::{Constraint, Deferral, ExcludeElement, FkAction, KeyIndex, Reference};
pub use conventions::{Conventions, PrimaryKeyConvention};
pub use decision::{
    Action, ActionKind, Add, ConvertType, Decision, Derive, Extract, KeepLegacyColumn,
    KeepLegacyName, Move, Relax, Rename, RenameIndex,
};
pub use expr::{Case, Literal, MapExpr, Normalize, Otherwise, ValueExpr, ValueMap};
pub use index::{Index, IndexKey, KeyTarget, StorageParams};
pub use printed::{ident_list, param_list, with_clause};
pub use project::{Module, Project};
pub use rename::Renames;
pub use schema::{
    Column, EnumType, Function, Namespace, Schema, Table, Trigger, TriggerEvent, TriggerLevel,
    TriggerTiming,
};
pub use sequence::{Identity, OwnedBy, Sequence, SequenceOptions};
pub use subject::{QualifiedName, Subject};
pub use validate::{validate_schema, ModelError};
