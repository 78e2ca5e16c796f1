//! Old against new: one tracker compared with its version at the base of a change.
//!
//! This is the one comparison behind both `check --base`, which judges it
//! (`check::rules::append_only`), and `diff`, which shows it (`present::diff`): so the
//! two can never disagree about what a change did. It is pure data, read off the two
//! typed trackers: steps are matched by id, entries are aligned so that an entry put
//! in front of recorded ones, a recorded entry removed and a recorded entry changed
//! are told apart, sources by id. Recorded entries and sources are compared as
//! written, every key included ([`Written`]): re-indenting, re-quoting, reordering
//! keys, comments, or rewriting the file in JSON syntax change nothing; any other
//! change to them is seen.

mod align;
mod steps;

use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::model::tracker::{
    Correction, Entry, Recommendation, SourceInfo, Spanned, Step, Tracker, Written,
};
use crate::syntax::span::Span;
use align::{Op, align};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A date before and after, with where the new one stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// At the base (`None`: absent, or not a date).
    pub before: Option<NaiveDate>,
    /// Now (`None`: absent, or not a date).
    pub after: Option<NaiveDate>,
    /// Where the new value (or its mapping) stands in the new file.
    pub span: Span,
}

/// One leaf of a changed entry or source: `note`, `evidence[0].locator`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// The path of the leaf inside the entry.
    pub field: String,
    /// At the base.
    pub before: Option<String>,
    /// Now.
    pub after: Option<String>,
}

/// How an entry changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// New, after every recorded entry.
    Appended,
    /// New, put in front of recorded entries.
    Inserted,
    /// Recorded at the base and gone.
    Removed,
    /// Recorded at the base and different now.
    Changed,
}

/// One entry that is not as it was.
#[derive(Debug, Clone)]
pub struct EntryChange {
    /// How.
    pub kind: EntryKind,
    /// The new entry, or (removed) where it stood: the entry now in its place, or the
    /// step's `history` key.
    pub span: Span,
    /// The entry at the base (removed, changed).
    pub before: Option<Entry>,
    /// The entry now (appended, inserted, changed).
    pub after: Option<Entry>,
    /// Changed: every leaf that differs (the correction is shown on its own).
    pub fields: Vec<FieldDiff>,
    /// Appended and inserted: the step's status before this entry (the last one an
    /// earlier entry gives, else the step's status at the base).
    pub status_from: Option<Status>,
    /// Inserted: the date of the recorded entry it was put in front of.
    pub precedes: Option<NaiveDate>,
}

/// How a step changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// New since the base.
    Added,
    /// Gone since the base.
    Removed,
    /// There at both.
    Kept,
}

/// One step whose record is not as it was.
#[derive(Debug, Clone)]
pub struct StepChange {
    /// `recommendation/step`.
    pub step: String,
    /// How.
    pub kind: StepKind,
    /// The step's key now, or where a removed one was.
    pub span: Span,
    /// Removed: how many entries its history had.
    pub lost_entries: usize,
    /// Kept under a new id: the id it had at the base, which the new side's catalog
    /// lists in the step's `renamed_from`.
    pub renamed_from: Option<String>,
    /// Removed: the new side's catalog no longer has a step of that id in its
    /// recommendation (the catalog dropped or renamed it).
    pub retired: bool,
    /// Entries that changed, in the new history's order (removed ones where they were).
    pub entries: Vec<EntryChange>,
}

/// How a source changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// New since the base.
    Added,
    /// Gone since the base.
    Removed,
    /// Its metadata changed.
    Changed,
}

/// One source that is not as it was.
#[derive(Debug, Clone)]
pub struct SourceChange {
    /// Its id.
    pub id: String,
    /// How.
    pub kind: SourceKind,
    /// Whether evidence cited it at the base (then it is part of the record).
    pub cited_at_base: bool,
    /// Its key now, or the `sources` key for a removed one.
    pub span: Span,
    /// Every leaf that differs (the correction is shown on its own).
    pub fields: Vec<FieldDiff>,
    /// Its correction at the base.
    pub correction_before: Option<Correction>,
    /// Its correction now.
    pub correction_after: Option<Correction>,
}

/// One tracker, old against new.
#[derive(Debug, Clone, Default)]
pub struct TrackerChange {
    /// The tracker's id (now, or at the base when it is gone).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it is now, as shown to the user (`None`: gone).
    pub file: Option<String>,
    /// Where it was at the base (`None`: new).
    pub old_file: Option<String>,
    /// `as_of`, when it changed.
    pub as_of: Option<Field>,
    /// `closed.date`, when it changed.
    pub closed: Option<Field>,
    /// `closed.date` at the base.
    pub closed_at_base: Option<NaiveDate>,
    /// Sources that changed.
    pub sources: Vec<SourceChange>,
    /// Steps that changed.
    pub steps: Vec<StepChange>,
}

impl TrackerChange {
    /// A tracker of the base that is in no checked file now.
    pub fn removed(id: &str, title: &str, old_file: String) -> Self {
        TrackerChange {
            id: id.to_string(),
            title: title.to_string(),
            old_file: Some(old_file),
            ..TrackerChange::default()
        }
    }

    /// Whether the tracker is new since the base.
    pub fn is_new(&self) -> bool {
        self.old_file.is_none()
    }

    /// Whether the tracker is gone.
    pub fn is_removed(&self) -> bool {
        self.file.is_none()
    }

    /// Whether it lives at another path than at the base.
    pub fn moved(&self) -> bool {
        matches!((&self.file, &self.old_file), (Some(a), Some(b)) if a != b)
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.is_new()
            && !self.is_removed()
            && !self.moved()
            && self.as_of.is_none()
            && self.closed.is_none()
            && self.sources.is_empty()
            && self.steps.is_empty()
    }
}

/// The leaves that differ between two versions of an entry or a source.
fn field_diffs(old: &Written, new: &Written) -> Vec<FieldDiff> {
    let (a, b) = (old.leaves(), new.leaves());
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldDiff {
            field: k.clone(),
            before: a.get(k).cloned(),
            after: b.get(k).cloned(),
        })
        .collect()
}

/// The entries of one step that are not as they were. `old`: the step at the base.
fn entry_changes(old: Option<&Step>, new: &Step) -> Vec<EntryChange> {
    let old_history: &[Entry] = old.map_or(&[], |s| &s.history);
    let new_history = &new.history;
    let history_span = new.history_key.unwrap_or(new.id.span);
    let base_status = old.and_then(|s| s.status.as_ref()).map(|s| s.value);
    let mut out = Vec::new();
    let entry = |kind, span, before: Option<&Entry>, after: Option<&Entry>| EntryChange {
        kind,
        span,
        before: before.cloned(),
        after: after.cloned(),
        fields: Vec::new(),
        status_from: None,
        precedes: None,
    };
    let ops = align(&written(old_history), &written(new_history));
    let (mut i_old, mut j_next) = (0, 0);
    for op in &ops {
        match *op {
            Op::Same => {
                i_old += 1;
                j_next += 1;
            }
            Op::Changed(i, j) => {
                let (was, now) = (&old_history[i], &new_history[j]);
                let mut c = entry(EntryKind::Changed, now.span, Some(was), Some(now));
                c.fields = field_diffs(&was.written, &now.written);
                out.push(c);
                i_old = i + 1;
                j_next = j + 1;
            }
            Op::Removed(i) => {
                // Point at the entry now in its place, else the last entry (it was
                // after it), else the history key.
                let span = new_history
                    .get(j_next)
                    .or(new_history.last())
                    .map_or(history_span, |n| n.span);
                out.push(entry(EntryKind::Removed, span, Some(&old_history[i]), None));
                i_old = i + 1;
            }
            Op::Inserted(j) | Op::Appended(j) => {
                let inserted = matches!(op, Op::Inserted(_));
                let kind = if inserted {
                    EntryKind::Inserted
                } else {
                    EntryKind::Appended
                };
                let now = &new_history[j];
                let mut c = entry(kind, now.span, None, Some(now));
                c.status_from = new.status_before(j).or(base_status);
                if inserted {
                    // The recorded entry it now stands in front of: inserted entries
                    // come last in their gap, so that is the next old entry.
                    c.precedes = old_history
                        .get(i_old)
                        .and_then(|e| e.date.as_ref())
                        .map(|d| d.value);
                }
                out.push(c);
                j_next = j + 1;
            }
        }
    }
    out
}

fn written(history: &[Entry]) -> Vec<&Written> {
    history.iter().map(|e| &e.written).collect()
}

fn source<'t>(tracker: &'t Tracker, id: &str) -> Option<&'t SourceInfo> {
    tracker.sources.iter().find(|s| s.id.value == id)
}

fn rec_of<'t>(tracker: &'t Tracker, id: &str) -> Option<&'t Recommendation> {
    tracker
        .recommendations
        .as_ref()
        .and_then(|r| r.entries.iter().find(|rec| rec.id.value == id))
}

fn find_step<'t>(steps: &'t [Step], id: &str) -> Option<&'t Step> {
    steps.iter().find(|s| s.id.value == id)
}

/// Which sources any evidence of `tracker` cites.
fn cited(tracker: &Tracker) -> HashSet<&str> {
    all_steps(tracker)
        .flat_map(|(_, step)| &step.history)
        .flat_map(Entry::evidence)
        .filter_map(|e| e.source.map(|s| s.value))
        .collect()
}

/// Every step of `tracker` with its recommendation's id, in file order.
fn all_steps(tracker: &Tracker) -> impl Iterator<Item = (&str, &Step)> {
    tracker
        .recommendations
        .iter()
        .flat_map(|r| &r.entries)
        .flat_map(|rec| {
            rec.steps
                .iter()
                .flat_map(|(_, steps)| steps)
                .map(|s| (rec.id.value.as_str(), s))
        })
}

fn source_change(
    id: &str,
    kind: SourceKind,
    span: Span,
    before: Option<&SourceInfo>,
    after: Option<&SourceInfo>,
) -> SourceChange {
    SourceChange {
        id: id.to_string(),
        kind,
        cited_at_base: false,
        span,
        fields: match (before, after) {
            (Some(b), Some(a)) => field_diffs(&b.written, &a.written),
            _ => Vec::new(),
        },
        correction_before: before.and_then(|s| s.correction.clone()),
        correction_after: after.and_then(|s| s.correction.clone()),
    }
}

/// Compares a tracker at the base (`old`) with the tracker now (`new`). `None` for
/// `old`: the tracker is new. File names are the caller's to fill in. `catalog`: the
/// catalog of the new side, whose `renamed_from` says which steps were renamed (none
/// are without it).
pub fn compare(old: Option<&Tracker>, new: &Tracker, catalog: Option<&Catalog>) -> TrackerChange {
    let root_span = Span::point(1, 1);
    let mut change = TrackerChange {
        id: new.id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        title: new.title.clone().unwrap_or_default(),
        ..TrackerChange::default()
    };
    let Some(old) = old else {
        return change;
    };
    let date = |d: &Option<Spanned<NaiveDate>>| d.as_ref().map(|d| d.value);
    let (old_as_of, new_as_of) = (date(&old.as_of), date(&new.as_of));
    if old_as_of != new_as_of {
        change.as_of = Some(Field {
            before: old_as_of,
            after: new_as_of,
            span: new.as_of.as_ref().map_or(root_span, |d| d.span),
        });
    }
    let closed_date = |t: &Tracker| t.closed.as_ref().and_then(|c| date(&c.date));
    change.closed_at_base = closed_date(old);
    if change.closed_at_base != closed_date(new) {
        change.closed = Some(Field {
            before: change.closed_at_base,
            after: closed_date(new),
            span: new
                .closed
                .as_ref()
                .map_or_else(|| new.id.as_ref().map_or(root_span, |i| i.span), |c| c.span),
        });
    }

    // Sources, by id.
    let cited_before = cited(old);
    for was in &old.sources {
        let id = was.id.value.as_str();
        let mut c = match source(new, id) {
            None => source_change(
                id,
                SourceKind::Removed,
                new.sources_key.unwrap_or(root_span),
                Some(was),
                None,
            ),
            Some(now) if was.written != now.written => {
                source_change(id, SourceKind::Changed, now.id.span, Some(was), Some(now))
            }
            Some(_) => continue,
        };
        c.cited_at_base = cited_before.contains(id);
        change.sources.push(c);
    }
    for now in &new.sources {
        if source(old, &now.id.value).is_none() {
            change.sources.push(source_change(
                &now.id.value,
                SourceKind::Added,
                now.id.span,
                None,
                Some(now),
            ));
        }
    }

    change.steps = steps::compare(old, new, catalog, root_span);
    change
}

#[cfg(test)]
mod tests;
