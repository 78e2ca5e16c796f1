//! Editing a tracker's text in place: `record`, `correct`, `source add` and `sync`.
//!
//! Enters: a tracker file's text and the spanned document parsed from it. Leaves: the
//! new text. Nothing is re-serialised: the edit inserts or replaces text at the
//! loader's spans, in the file's own indentation, quoting and line ends, so every byte
//! outside what changes stays as it was. Each edit then parses its own result and
//! compares it with the intended change, so a layout the editor does not understand
//! is refused rather than written wrong. Whether the result *passes* is `check`'s
//! business: the command runs every rule on the new text before writing it.

mod correct;
mod place;
mod record;
mod render;
mod scalar;
mod source;
mod style;
mod sync;
mod text;
mod verify;
mod walk;

use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::model::tracker::Stance;
use crate::syntax::document::Node;
use crate::syntax::shape::{Shape, shape};
use crate::syntax::span::Span;
use chrono::NaiveDate;
use place::{Editor, Splice};
use style::Style;
use text::Text;
use walk::At;

/// A history entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// When it happened.
    pub date: NaiveDate,
    /// The step's status from that date.
    pub status: Status,
    /// What happened, in the monitor's words.
    pub note: Option<String>,
    /// The sources behind it, in order.
    pub evidence: Vec<NewEvidence>,
}

/// One piece of evidence for a new or amended entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// The source's id.
    pub source: String,
    /// Where in the source (a paragraph, a section).
    pub locator: Option<String>,
    /// A link to the passage.
    pub url: Option<String>,
    /// Written only when it is `contradicts` (`supports` is the default).
    pub stance: Stance,
}

/// A source to declare under `sources:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    /// Its id (kebab-case).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Its series or number ("Africa Report N°306").
    pub reference: Option<String>,
    /// When it was published.
    pub published: Option<NaiveDate>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Its authors, in order.
    pub authors: Vec<String>,
}

/// An amendment of a recorded entry, with the correction that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    /// The date of the entry to amend.
    pub entry: NaiveDate,
    /// Why it is amended (the correction's `reason`).
    pub reason: String,
    /// The correction's `date` (today).
    pub today: NaiveDate,
    /// A new status for the entry.
    pub status: Option<Status>,
    /// A new note for the entry.
    pub note: Option<String>,
    /// New evidence, replacing the entry's list.
    pub evidence: Option<Vec<NewEvidence>>,
}

/// What the step's `status` and the tracker's `as_of` become with a new entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordOptions {
    /// `--as-of`: set `as_of` to this date; otherwise it moves forward to the entry's
    /// date when that is later.
    pub as_of: Option<NaiveDate>,
}

/// One change `sync` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncChange {
    /// A party added under `parties`, with the catalog's name (in its default language).
    AddedParty {
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// A party the catalog no longer has, removed from `parties`.
    DroppedParty {
        /// Its id.
        id: String,
    },
    /// A recommendation added with all its steps as `unknown`.
    AddedRecommendation {
        /// Its id.
        rec: String,
        /// How many steps.
        steps: usize,
    },
    /// A recommendation the catalog no longer has, removed (no step had history).
    DroppedRecommendation {
        /// Its id.
        rec: String,
    },
    /// A step added as `unknown`.
    AddedStep {
        /// Its recommendation.
        rec: String,
        /// Its id.
        step: String,
    },
    /// A step key given its new id (`renamed_from`).
    Renamed {
        /// Its recommendation.
        rec: String,
        /// The id it had.
        from: String,
        /// The id it has now.
        to: String,
    },
    /// A step without history removed: the catalog no longer has it.
    DroppedStep {
        /// Its recommendation.
        rec: String,
        /// Its id.
        step: String,
        /// The step that took its place, when the catalog renamed it and the tracker
        /// already had the new id (or another old id) with the record.
        renamed_to: Option<String>,
    },
}

/// A step `sync` will not remove: it has history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// `recommendation/step`.
    pub step: String,
    /// Its key.
    pub span: Span,
    /// How many history entries it has.
    pub entries: usize,
    /// Set when the catalog renamed it to a step that another recorded key also
    /// becomes: two histories would have to be merged.
    pub merge_into: Option<String>,
}

/// What `sync` did, or would do.
#[derive(Debug, Clone)]
pub struct Synced {
    /// The new text (the text as it was when something is held).
    pub text: String,
    /// Each change, parties first, then recommendations in catalog order.
    pub changes: Vec<SyncChange>,
    /// Steps with history the catalog no longer has: when any, nothing is changed.
    pub held: Vec<Held>,
}

/// Why an edit was not made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    /// The file has no such step.
    #[error("the tracker has no step `{0}`")]
    NoStep(String),
    /// The step has no entry of that date.
    #[error("step `{step}` has no entry dated {date}")]
    NoEntry {
        /// `recommendation/step`.
        step: String,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The step has several entries of that date.
    #[error("step `{step}` has {count} entries dated {date}; amend one by hand")]
    SeveralEntries {
        /// `recommendation/step`.
        step: String,
        /// The date asked for.
        date: NaiveDate,
        /// How many.
        count: usize,
    },
    /// `sources` already declares the id.
    #[error("source `{0}` is already declared")]
    SourceExists(String),
    /// The file is written in a way the editor cannot change safely.
    #[error("{what} (line {line}); make this change by hand")]
    Unsupported {
        /// What stands in the way, e.g. "the step is an alias".
        what: String,
        /// Where.
        line: usize,
    },
    /// The edited text did not read back as the original plus the intended change (a
    /// layout the editor misjudged): nothing is written.
    #[error("the editor could not make this change safely: {0}; make it by hand")]
    Verify(String),
}

/// Runs `edit` on the text with its written form and style read.
fn edit<T>(
    text: &str,
    root: &Node,
    edit: impl FnOnce(&mut Editor<'_>, At<'_>) -> Result<T, EditError>,
) -> Result<T, EditError> {
    let shape: Shape = shape(text).map_err(|e| EditError::Unsupported {
        what: format!("the file does not load ({})", e.message),
        line: e.span.start.line as usize,
    })?;
    let text = Text::new(text);
    let at = At {
        node: root,
        shape: &shape,
    };
    let style = Style::detect(&text, at);
    let mut editor = Editor {
        text,
        style,
        root: &shape,
        splice: Splice::default(),
    };
    edit(&mut editor, at)
}

/// Appends `entry` to the history of step `rec/step`, sets the step's `status` to the
/// entry's (it is now the last entry), and moves `as_of` (see [`RecordOptions`]).
pub fn record(
    text: &str,
    root: &Node,
    rec: &str,
    step: &str,
    entry: &NewEntry,
    options: RecordOptions,
) -> Result<String, EditError> {
    edit(text, root, |ed, at| {
        record::record(ed, at, rec, step, entry, options)
    })
}

/// Amends the entry of step `rec/step` dated `amendment.entry` and adds its `correction`.
pub fn correct(
    text: &str,
    root: &Node,
    rec: &str,
    step: &str,
    amendment: &Amendment,
) -> Result<String, EditError> {
    edit(text, root, |ed, at| {
        correct::correct(ed, at, rec, step, amendment)
    })
}

/// Brings the tracker in line with `catalog` (see [`Synced`]).
pub fn sync(text: &str, root: &Node, catalog: &Catalog) -> Result<Synced, EditError> {
    edit(text, root, |ed, at| sync::sync(ed, at, catalog))
}

/// Declares `source` at the end of `sources:`.
pub fn add_source(text: &str, root: &Node, source: &NewSource) -> Result<String, EditError> {
    edit(text, root, |ed, at| source::add_source(ed, at, source))
}

#[cfg(test)]
mod tests;
