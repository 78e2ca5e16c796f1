//! Present.
pub mod catalog;
pub mod diff;
pub mod escape;
pub mod findings;
pub mod i18n;
pub mod report;
pub mod scaffold;
pub mod status;
