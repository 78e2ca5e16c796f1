//! rectrack: check recommendation trackers and report their status.
pub mod document;
pub mod load;
pub mod span;
pub mod catalog;
pub mod status;
