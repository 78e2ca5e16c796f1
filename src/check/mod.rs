//! Check: what is wrong with a tracker, and with a change to one.
//!
//! Enters: a file's bytes (loaded through `syntax`, read into the typed `model::tracker`),
//! each tracker's catalog (`catalogs`: resolved from its `catalog:` and compiled once
//! per run), and with `check --base` the trackers of the base (`base`). Leaves:
//! findings (`finding`), each of a rule declared in the one table of `rules`, where
//! every rule's detection lives; `checker` runs them on one file, `runner` on many.
pub mod base;
pub mod catalogs;
pub mod checker;
pub mod exit;
pub mod finding;
pub mod rules;
pub mod runner;
pub mod suggest;
