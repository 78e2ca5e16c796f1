//! Present: what the checks found and what the trackers say, written as text for a
//! terminal, a script, a CI service or a reader. Enters: findings (`check`) and the
//! typed model (`model`: catalog, tracker, timeline). Leaves: text, never a file or
//! an exit code (the CLI writes and decides).
//!
//! One convention for every view: a view is a plain data model, built once, and each
//! output format is a small value (holding what that format needs besides the model:
//! the reader's language, options) that implements [`Render`] for the model.
//!
//! | view        | model                    | formats                                  |
//! |-------------|--------------------------|------------------------------------------|
//! | [`findings`]| [`findings::CheckRun`]   | human, json, github, junit, sarif        |
//! | [`report`]  | [`report::Report`]       | markdown, html, json, csv, csv long, svg |
//! | [`status`]  | a one-day [`report::Report`] | table, markdown, csv, json, html     |
//! | [`catalog`] | [`crate::model::catalog::Catalog`] | table, markdown, json          |
//! | [`diff`]    | the old-versus-new comparison | text, markdown, json                |
//! | [`patch`]   | a file's text, old and proposed | unified diff                          |
//!
//! Every string leaves through [`text`]: one escaper per output kind, one JSON writer,
//! one CSV writer. Words in the reader's language come from [`i18n`]; `init`'s tracker
//! skeleton from [`scaffold`]; the build's version, commit and date from [`version`].

pub mod catalog;
pub mod diff;
pub mod findings;
pub mod i18n;
pub mod patch;
pub mod report;
pub mod scaffold;
pub mod status;
pub mod text;
pub mod version;

/// One output format of one view: writes the view's model as text.
pub trait Render<Model: ?Sized> {
    /// The whole output.
    fn render(&self, model: &Model) -> String;
}
