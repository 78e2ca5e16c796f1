//! The append-only rules: what `check --base` says of a comparison (`compare.rs`).
//!
//! Once an entry is merged it stays as it was, unless the change that alters it says
//! so: a `correction` that is new or different in this change, dated no later than
//! today and not before the entry. No commit date takes part, so a base branch that
//! moves ahead never turns an honest change red, and an old correction never unlocks a
//! later rewrite. Steps, cited sources, the trackers themselves and `as_of` may not go
//! back either. Every verdict names the part of the comparison it is about, so `diff`
//! shows exactly what `check --base` judged.

use crate::check::base::BaseInfo;
use crate::check::finding::Finding;
use crate::check::rules::{
    AS_OF_BACKWARDS, ENTRY_AFTER_CLOSE, HISTORY_INSERTED, HISTORY_REWRITTEN, SOURCE_CHANGED,
    SOURCE_REMOVED, STATUS_CHANGE_WITHOUT_NOTE, STEP_REMOVED, TRACKER_REMOVED,
};
use crate::model::change::{EntryChange, EntryKind, SourceKind, StepKind, TrackerChange};
use crate::model::status::Status;
use crate::model::tracker::Correction;
use crate::syntax::span::Span;
use chrono::NaiveDate;

/// The part of a comparison a verdict is about, by its index in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The tracker as a whole (removed, `as_of` backwards).
    Tracker,
    /// `sources[i]`.
    Source(usize),
    /// `steps[i]`.
    Step(usize),
    /// `steps[i].entries[j]`.
    Entry(usize, usize),
}

/// A comparison and what `check --base` says of it.
#[derive(Debug, Clone, Default)]
pub struct Judged {
    /// What changed.
    pub change: TrackerChange,
    /// Each finding with the part it is about, in the order they were found.
    pub verdicts: Vec<(Part, Finding)>,
}

impl Judged {
    /// A comparison with no verdict yet.
    pub fn unjudged(change: TrackerChange) -> Self {
        Judged {
            change,
            verdicts: Vec::new(),
        }
    }

    /// The findings about `part`.
    pub fn at(&self, part: Part) -> impl Iterator<Item = &Finding> {
        self.verdicts
            .iter()
            .filter(move |(p, _)| *p == part)
            .map(|(_, f)| f)
    }

    /// Every finding.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.verdicts.iter().map(|(_, f)| f)
    }

    /// Whether nothing changed and nothing was said.
    pub fn is_empty(&self) -> bool {
        self.change.is_empty() && self.verdicts.is_empty()
    }
}

/// Why a correction does not cover a change (`None`: it does).
fn correction_problem(
    before: Option<&Correction>,
    after: Option<&Correction>,
    not_before: Option<NaiveDate>,
    base: &BaseInfo<'_>,
) -> Option<String> {
    let Some(after) = after else {
        return Some(format!(
            "keep the change and add `correction: {{date: {}, reason: ...}}` saying why, or undo it",
            base.today
        ));
    };
    let date = after.date.as_ref().map(|d| d.value);
    if before.is_some_and(|b| b.says_same(after)) {
        return Some(format!(
            "its correction (dated {}) was already there at {}: an old correction does not cover a new change; set `correction.date` to the day you amend it and say why in `reason`",
            date.map(|d| d.to_string()).unwrap_or_default(),
            base.rev
        ));
    }
    let Some(date) = date else {
        return Some("give the correction a real date, written YYYY-MM-DD".to_string());
    };
    if date > base.today {
        return Some(format!(
            "the correction is dated {date}, after today ({}): date it the day you amend the record",
            base.today
        ));
    }
    if let Some(floor) = not_before
        && date < floor
    {
        return Some(format!(
            "the correction is dated {date}, before the entry it corrects ({floor}): date it the day you amend the record"
        ));
    }
    if after.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Some("say in `correction.reason` why the record was amended".to_string());
    }
    None
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The finding for a tracker of the base whose id is in no checked file now.
/// `id_now`: the id of the file that sits at the same path now, and its span.
pub fn removed_finding(
    id: &str,
    old_file: &str,
    id_now: Option<(&str, Span)>,
    base: &BaseInfo<'_>,
) -> Finding {
    match id_now {
        Some((now, span)) => Finding::new(
            &TRACKER_REMOVED,
            span,
            format!(
                "this file held tracker `{id}` at {}; its id is now `{now}`, and no checked file has `{id}`",
                base.rev
            ),
        )
        .label("the id changed")
        .help(format!(
            "a tracker's id is its identity: put `id: {id}` back; to retire the tracker, keep it and add `closed: {{date, reason}}`"
        )),
        None => Finding::new(
            &TRACKER_REMOVED,
            Span::point(1, 1),
            format!(
                "tracker `{id}` was in {old_file} at {} and is in no checked file now",
                base.rev
            ),
        )
        .label("tracker gone")
        .help(format!(
            "restore it (`git checkout {} -- {old_file}`); a tracker is retired, never deleted: keep it and add `closed: {{date, reason}}`; if it moved, check the folder it moved to too",
            base.commit
        )),
    }
}

/// What `check --base` says of `change`.
pub fn judge(change: TrackerChange, base: &BaseInfo<'_>) -> Judged {
    let mut out = Vec::new();
    // A new tracker has no record to keep; a removed one is judged by the caller,
    // which alone knows whether its id lives on in another file.
    if !change.is_new() && !change.is_removed() {
        judge_kept(&change, base, &mut out);
    }
    Judged {
        change,
        verdicts: out,
    }
}

fn judge_kept(change: &TrackerChange, base: &BaseInfo<'_>, out: &mut Vec<(Part, Finding)>) {
    if let Some(as_of) = &change.as_of
        && let (Some(before), Some(now)) = (as_of.before, as_of.after)
        && now < before
    {
        out.push((
            Part::Tracker,
            Finding::new(
                &AS_OF_BACKWARDS,
                as_of.span,
                format!(
                    "`as_of` moved back from {before} (at {}) to {now}",
                    base.rev
                ),
            )
            .label("earlier than before")
            .help(format!("keep `as_of` at {before} or move it forward")),
        ));
    }

    for (i, source) in change.sources.iter().enumerate() {
        if !source.cited_at_base {
            continue; // nothing recorded rests on it yet
        }
        match source.kind {
            SourceKind::Removed => out.push((
                Part::Source(i),
                Finding::new(
                    &SOURCE_REMOVED,
                    source.span,
                    format!(
                        "source `{}`, cited by entries recorded at {}, is gone",
                        source.id, base.rev
                    ),
                )
                .label("a source was removed here")
                .help(format!(
                    "put `{}` back under `sources:` (see `git show {}:FILE`); if it was wrong, add a `correction` to it",
                    source.id, base.commit
                )),
            )),
            SourceKind::Changed if !source.fields.is_empty() => {
                let Some(help) = correction_problem(
                    source.correction_before.as_ref(),
                    source.correction_after.as_ref(),
                    None,
                    base,
                ) else {
                    continue;
                };
                let fields: Vec<String> =
                    source.fields.iter().map(|f| format!("`{}`", f.field)).collect();
                out.push((
                    Part::Source(i),
                    Finding::new(
                        &SOURCE_CHANGED,
                        source.span,
                        format!(
                            "source `{}`, cited by entries recorded at {}, changed its {}",
                            source.id,
                            base.rev,
                            fields.join(", ")
                        ),
                    )
                    .label("changed since it was cited")
                    .help(format!("amending a cited source's metadata is a correction: {help}")),
                ));
            }
            SourceKind::Changed | SourceKind::Added => {}
        }
    }

    for (s, step) in change.steps.iter().enumerate() {
        match step.kind {
            // A step its catalog dropped goes with nothing recorded: `sync` removes it
            // where it has no history (and refuses where it has some).
            StepKind::Removed if step.retired && step.lost_entries == 0 => continue,
            StepKind::Removed => {
                out.push((
                    Part::Step(s),
                    Finding::new(
                        &STEP_REMOVED,
                        step.span,
                        format!(
                            "step `{}` existed at {} and is gone, with {}",
                            step.step,
                            base.rev,
                            plural(step.lost_entries, "history entry", "history entries")
                        ),
                    )
                    .label("a step was removed here")
                    .help(format!(
                        "put the step back with its history (see `git show {}:FILE`)",
                        base.commit
                    )),
                ));
                continue;
            }
            StepKind::Added | StepKind::Kept => {}
        }
        for (j, e) in step.entries.iter().enumerate() {
            let finding = match e.kind {
                EntryKind::Removed => Some(removed_entry(&step.step, e, base)),
                EntryKind::Changed => changed_entry(&step.step, e, base),
                EntryKind::Inserted => Some(inserted_entry(&step.step, e, base)),
                EntryKind::Appended => None,
            };
            out.extend(finding.map(|f| (Part::Entry(s, j), f)));
        }
        appended(
            s,
            &step.step,
            &step.entries,
            change.closed_at_base,
            base,
            out,
        );
    }
}

/// A date for a message (empty when there is none).
fn date_of(entry: Option<&crate::model::tracker::Entry>) -> String {
    entry
        .and_then(|e| e.date.as_ref())
        .map(|d| d.value.to_string())
        .unwrap_or_default()
}

fn removed_entry(step: &str, e: &EntryChange, base: &BaseInfo<'_>) -> Finding {
    let date = date_of(e.before.as_ref());
    Finding::new(
        &HISTORY_REWRITTEN,
        e.span,
        format!(
            "`{step}`'s entry dated {date}, recorded at {}, was removed",
            base.rev
        ),
    )
    .label("a recorded entry was removed here")
    .help("history is append-only: put the entry back (a `correction` may amend it), and record what changed in a new entry")
}

fn changed_entry(step: &str, e: &EntryChange, base: &BaseInfo<'_>) -> Option<Finding> {
    let (Some(before), Some(after)) = (&e.before, &e.after) else {
        return None;
    };
    let floor = [&before.date, &after.date]
        .into_iter()
        .filter_map(|d| d.as_ref().map(|d| d.value))
        .max();
    let help = correction_problem(
        before.correction.as_deref(),
        after.correction.as_deref(),
        floor,
        base,
    )?;
    let fields: Vec<String> = e.fields.iter().map(|f| format!("`{}`", f.field)).collect();
    let what = if fields.is_empty() {
        "its correction".to_string()
    } else {
        fields.join(", ")
    };
    Some(
        Finding::new(
            &HISTORY_REWRITTEN,
            e.span,
            format!(
                "`{step}`'s entry dated {}, recorded at {}, was changed ({what})",
                date_of(Some(before)),
                base.rev
            ),
        )
        .label("changed since it was recorded")
        .help(help),
    )
}

fn inserted_entry(step: &str, e: &EntryChange, base: &BaseInfo<'_>) -> Finding {
    let date = date_of(e.after.as_ref());
    let precedes = e
        .precedes
        .map_or_else(|| "a recorded one".to_string(), |d| d.to_string());
    Finding::new(
        &HISTORY_INSERTED,
        e.span,
        format!(
            "a new entry (dated {date}) was placed before `{step}`'s entry dated {precedes}, recorded at {}",
            base.rev
        ),
    )
    .label("inserted before recorded history")
    .help("append new entries after the last one; history already published stays in place")
}

/// Rules on entries appended since the base: a status change needs a note, and a
/// tracker closed at the base takes no more entries.
fn appended(
    s: usize,
    step: &str,
    entries: &[EntryChange],
    closed_at_base: Option<NaiveDate>,
    base: &BaseInfo<'_>,
    out: &mut Vec<(Part, Finding)>,
) {
    for (j, e) in entries.iter().enumerate() {
        if e.kind != EntryKind::Appended {
            continue;
        }
        let Some(after) = &e.after else { continue };
        let from = e.status_from.unwrap_or(Status::Unknown);
        let to = after.status.as_ref().map(|s| s.value);
        if to != Some(from) && after.note().is_none() {
            out.push((
                Part::Entry(s, j),
                Finding::new(
                    &STATUS_CHANGE_WITHOUT_NOTE,
                    e.span,
                    format!(
                        "this new entry moves `{step}` from `{from}` to `{}` without a note",
                        to.map_or("", Status::id)
                    ),
                )
                .label("status changes here")
                .help("add `note:` saying what happened, in a sentence or two"),
            ));
        }
        // An entry dated after the closing date is the file rule's to report.
        if let Some(closed) = closed_at_base
            && after.date.as_ref().is_none_or(|d| d.value <= closed)
        {
            out.push((
                Part::Entry(s, j),
                Finding::new(
                    &ENTRY_AFTER_CLOSE,
                    e.span,
                    format!(
                        "the tracker was closed on {closed} at {}; this entry was added after",
                        base.rev
                    ),
                )
                .label("added to a closed tracker")
                .help("a closed tracker keeps its record as it was: record new developments in another tracker"),
            ));
        }
    }
}

#[cfg(test)]
mod tests;
