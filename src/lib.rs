//! rectrack: check recommendation trackers and report their status.
pub mod check;
pub mod cli;
pub mod model;
pub mod present;
pub mod syntax;
pub mod sys;
