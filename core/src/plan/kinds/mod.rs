//! One module per kind of decision that needs statements of its own: each turns its
//! decision into steps. (Add, keep legacy name or column, and relax only shape the end
//! state; the table planner creates what they shape.)

pub(crate) mod convert;
pub(crate) mod derive;
pub(crate) mod extract;
pub(crate) mod move_rows;
pub(crate) mod rename;
pub(crate) mod rename_index;
