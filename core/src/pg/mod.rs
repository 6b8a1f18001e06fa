//! PostgreSQL text, the bottom layer: quoting (one function each for identifiers and
//! literals), keywords, identifier length, and edits of printed expression text (the
//! one place where a column, type or label is renamed inside an expression). Knows
//! nothing of the model.

mod keywords;
pub mod names;
mod quote;
pub mod readback;
pub mod refs;

pub use quote::{
    dollar_quote, key_of, printed_literal, quote_ident, quote_literal, quote_qualified, split_key,
    unquote_ident, unquote_qualified,
};
