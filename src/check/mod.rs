//! Check.
pub mod base;
pub mod checker;
pub mod finding;
pub mod rules;
pub mod runner;
pub mod suggest;
