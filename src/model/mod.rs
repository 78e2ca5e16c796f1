//! Model.
pub mod catalog;
pub mod change;
pub mod date;
pub mod period;
pub mod status;
pub mod timeline;
pub mod tracker;
