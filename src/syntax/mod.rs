//! Syntax.
pub mod document;
pub mod load;
pub mod span;
