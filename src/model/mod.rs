//! Model.
pub mod catalog;
pub mod change;
pub mod period;
pub mod schema;
pub mod status;
pub mod timeline;
pub mod tracker;
