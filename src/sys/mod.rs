//! The machine.
pub mod discover;
pub mod git;
pub mod read;
pub mod write;
