//! `rectrack diff REV`: what a change does to the record, in plain words.
//!
//! Enters: the judged comparisons of `check --base` (`check::rules::append_only::Judged`,
//! each a `model::change::TrackerChange` with its verdicts), so every finding of
//! `check --base` has its line here ([`Diff`]). Leaves: text, Markdown or JSON, one
//! [`Render`](crate::present::Render) each:
//! refused changes first and marked with their rule, then moves, new entries,
//! corrections with the before and after of every changed field, and sources.

mod json;
mod markdown;
mod text;

pub use json::Json;
pub use markdown::Markdown;
pub use text::Text;

use crate::check::base::BaseInfo;
use crate::present::text::escape;

/// The view: every judged comparison of a run, and the base they were made against.
#[derive(Debug, Clone, Copy)]
pub struct Diff<'a> {
    /// One per tracker, in the order the files were found.
    pub changes: &'a [Judged],
    /// The revision, its merge base and the day corrections are judged on.
    pub base: &'a BaseInfo<'a>,
}
use crate::check::finding::{Finding, Severity};
use crate::check::rules::append_only::{Judged, Part};
use crate::model::change::EntryChange;
use crate::model::tracker::{Correction, Entry};

/// "no tracker changes since REV" when nothing changed.
fn nothing(base: &BaseInfo<'_>) -> String {
    format!("no tracker changes since {}\n", escape::human(base.rev))
}

fn changed(changes: &[Judged]) -> Vec<&Judged> {
    // Removed trackers first: the most destructive change leads.
    let mut out: Vec<_> = changes.iter().filter(|c| !c.is_empty()).collect();
    out.sort_by_key(|c| !c.change.is_removed());
    out
}

/// A date as shown (empty when there is none).
fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A correction's date and reason as shown.
fn correction(c: &Correction) -> (String, String) {
    (
        date(c.date.as_ref().map(|d| d.value)),
        c.reason.clone().unwrap_or_default(),
    )
}

/// What a history entry says, as the diff shows it.
struct EntryView {
    date: String,
    status: String,
    note: Option<String>,
    /// Cited sources: id and locator.
    sources: Vec<(String, Option<String>)>,
    /// Its correction: date and reason.
    correction: Option<(String, String)>,
}

fn view(e: &Entry) -> EntryView {
    EntryView {
        date: date(e.date.as_ref().map(|d| d.value)),
        status: e
            .status
            .as_ref()
            .map(|s| s.value.id().to_string())
            .unwrap_or_default(),
        note: e.note().map(str::to_string),
        sources: e
            .evidence()
            .filter_map(|ev| Some((ev.source?.value.to_string(), ev.locator.map(str::to_string))))
            .collect(),
        correction: e.correction.as_deref().map(correction),
    }
}

fn transition(e: &EntryChange) -> String {
    let to = e
        .after
        .as_ref()
        .and_then(|a| a.status.as_ref())
        .map_or("", |s| s.value.id());
    match e.status_from.map(super::super::model::status::Status::id) {
        Some(from) if from != to && from != "unknown" => format!("{from} → {to}"),
        Some(from) if from == to => format!("still {to}"),
        _ => to.to_string(),
    }
}

fn sources(v: &EntryView) -> String {
    v.sources
        .iter()
        .map(|(id, loc)| match loc {
            Some(l) => format!("{id} ({l})"),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn shown(v: Option<&String>) -> String {
    v.map_or_else(|| "(none)".to_string(), |s| format!("\"{s}\""))
}

/// Whether `check --base` refuses the part.
fn refused(j: &Judged, part: Part) -> bool {
    j.at(part).any(|f| f.severity == Severity::Error)
}

/// Every refused change of a tracker, destructive first: (part, finding).
fn refusals(j: &Judged) -> Vec<(String, &Finding)> {
    let mut out = Vec::new();
    let mut add = |name: &str, part: Part| {
        let errors = j.at(part).filter(|f| f.severity == Severity::Error);
        out.extend(errors.map(|f| (name.to_string(), f)));
    };
    let c = &j.change;
    add("tracker", Part::Tracker);
    for (i, s) in c.sources.iter().enumerate() {
        add(&format!("source {}", s.id), Part::Source(i));
    }
    for (i, step) in c.steps.iter().enumerate() {
        add(&step.step, Part::Step(i));
        for k in 0..step.entries.len() {
            add(&step.step, Part::Entry(i, k));
        }
    }
    out
}
