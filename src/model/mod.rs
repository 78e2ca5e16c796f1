//! Model: what a tracker says, as typed data.
//!
//! Enters: the spanned document of `syntax`. Leaves: the catalog, the typed tracker
//! (every value with its span), statuses, dates of a period, each step's timeline, the
//! schema generated from the catalog, and `change`, the comparison of a tracker with
//! its version at a base; beside them, `config`: the project's settings file
//! (`rectrack.toml`'s text) as typed settings with their spans. Nothing here judges:
//! findings are `check`'s.
pub mod catalog;
pub mod change;
pub mod config;
pub mod date;
pub mod edit;
pub mod period;
pub mod schema;
pub mod status;
pub mod timeline;
pub mod tracker;
