//! What a valid tracker says about each step on a given date.

use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::model::tracker::{Entry, Step, Tracker};
use chrono::NaiveDate;

/// Signals a reader should not miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// In progress or stalled with no news for longer than the staleness window.
    Stale,
    /// `next_review` has passed.
    ReviewOverdue,
    /// The latest entry has evidence that disputes it.
    Contested,
}

impl Flag {
    /// The stable id used in JSON, CSV and message names.
    pub fn id(self) -> &'static str {
        match self {
            Flag::Stale => "stale",
            Flag::ReviewOverdue => "review-overdue",
            Flag::Contested => "contested",
        }
    }
}

/// One step as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    /// Recommendation id.
    pub recommendation: String,
    /// Step id.
    pub step: String,
    /// Party responsible.
    pub party: String,
    /// Status on the date.
    pub status: Status,
    /// When that status began (the first of the latest run of entries with it).
    pub since: Option<NaiveDate>,
    /// Date of the latest entry with evidence, up to the date.
    pub last_evidence: Option<NaiveDate>,
    /// Date of the latest entry up to the date.
    pub last_entry: Option<NaiveDate>,
    /// The step's `next_review`.
    pub next_review: Option<NaiveDate>,
    /// Flags on the date.
    pub flags: Vec<Flag>,
}

/// Every catalog step of `tracker` as of `date`, in catalog order.
///
/// History is sorted (a valid tracker's is), so the entries up to `date` are found by
/// binary search rather than a scan per step.
pub fn view(
    tracker: &Tracker,
    catalog: &Catalog,
    date: NaiveDate,
    stale_days: u32,
) -> Vec<StepView> {
    let as_of = tracker.as_of.as_ref().map(|d| d.value);
    catalog
        .steps()
        .map(|(rec, step)| {
            let entry = tracker.step(&rec.id, &step.id);
            let at = entry.map_or_else(StepAt::default, |e| step_at(e, date, as_of, stale_days));
            StepView {
                recommendation: rec.id.clone(),
                step: step.id.clone(),
                party: step.party_key(),
                status: at.status,
                since: at.since,
                last_evidence: at.last_evidence,
                last_entry: at.last_entry,
                next_review: entry.and_then(|e| e.next_review.as_ref().map(|r| r.value)),
                flags: at.flags,
            }
        })
        .collect()
}

/// A step's status over `[from, to]` as runs of days: (first day, last day, status).
///
/// The status can only change on an entry's date (or on `as_of`, for a step with no
/// history), so it is looked up at those dates with the same rules as [`view`] and
/// equal neighbours are merged. Empty when `from > to`.
pub fn segments(
    step: Option<&Step>,
    from: NaiveDate,
    to: NaiveDate,
    as_of: Option<NaiveDate>,
) -> Vec<(NaiveDate, NaiveDate, Status)> {
    if from > to {
        return Vec::new();
    }
    let Some(step) = step else {
        return vec![(from, to, Status::Unknown)];
    };
    let mut points: Vec<NaiveDate> = vec![from];
    points.extend(
        step.history
            .iter()
            .filter_map(entry_date)
            .chain(as_of.filter(|_| step.history.is_empty()))
            .filter(|d| *d > from && *d <= to),
    );
    points.sort();
    points.dedup();
    let mut runs: Vec<(NaiveDate, NaiveDate, Status)> = Vec::new();
    for (i, start) in points.iter().enumerate() {
        let end = points
            .get(i + 1)
            .and_then(chrono::NaiveDate::pred_opt)
            .unwrap_or(to);
        // Staleness does not change a status, so any window will do here.
        let status = step_at(step, *start, as_of, u32::MAX).status;
        match runs.last_mut() {
            Some(last) if last.2 == status => last.1 = end,
            _ => runs.push((*start, end, status)),
        }
    }
    runs
}

fn entry_date(e: &Entry) -> Option<NaiveDate> {
    e.date.as_ref().map(|d| d.value)
}

fn entry_status(e: &Entry) -> Option<Status> {
    e.status.as_ref().map(|s| s.value)
}

/// What a step's history says on one date (a step with no entry for it: unknown).
#[derive(Debug, Default)]
struct StepAt {
    status: Status,
    since: Option<NaiveDate>,
    last_evidence: Option<NaiveDate>,
    last_entry: Option<NaiveDate>,
    flags: Vec<Flag>,
}

fn step_at(step: &Step, date: NaiveDate, as_of: Option<NaiveDate>, stale_days: u32) -> StepAt {
    let upto = step
        .history
        .partition_point(|e| entry_date(e).is_some_and(|d| d <= date));
    let known = &step.history[..upto];
    let current = step.status.as_ref().map_or(Status::Unknown, |s| s.value);
    let status = match known.last().and_then(entry_status) {
        Some(s) => s,
        // No entry yet on that date. A step with no history at all is described by its
        // status from `as_of` on. Before its first record, "nothing done" stays true
        // backwards in time (nothing done by 2021 means nothing done by 2020 either);
        // anything else is simply not known yet.
        None => {
            let first = step
                .history
                .first()
                .and_then(entry_status)
                .unwrap_or(current);
            if step.history.is_empty() && as_of.is_some_and(|a| date >= a) {
                current
            } else if first == Status::NotStarted {
                Status::NotStarted
            } else {
                Status::Unknown
            }
        }
    };
    let since = known
        .iter()
        .rev()
        .take_while(|e| entry_status(e) == Some(status))
        .last()
        .and_then(entry_date);
    let last_evidence = known
        .iter()
        .rev()
        .find(|e| e.has_evidence())
        .and_then(entry_date);
    let last_entry = known.last().and_then(entry_date);
    let mut flags = Vec::new();
    if matches!(status, Status::InProgress | Status::Stalled)
        && let Some(last) = last_entry
        && (date - last).num_days() > i64::from(stale_days)
    {
        flags.push(Flag::Stale);
    }
    if step.next_review.as_ref().is_some_and(|r| r.value < date) {
        flags.push(Flag::ReviewOverdue);
    }
    if known.last().is_some_and(Entry::contested) {
        flags.push(Flag::Contested);
    }
    StepAt {
        status,
        since,
        last_evidence,
        last_entry,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Limits, parse};

    fn d(s: &str) -> NaiveDate {
        crate::model::date::parse_date(s).unwrap()
    }

    /// In progress from 2020-01-01 (news again 2020-06-01, without evidence), achieved
    /// on 2021-03-01 with a source disputing it.
    const PROGRESS_THEN_CONTESTED_ACHIEVEMENT: &str = "        status: achieved
        history:
          - date: 2020-01-01
            status: in-progress
            evidence: [{source: a}]
          - date: 2020-06-01
            status: in-progress
          - date: 2021-03-01
            status: achieved
            evidence: [{source: a, stance: contradicts}]
";

    /// `step_at` as a tuple: status, since, last evidence, flags.
    fn at(
        step: &Step,
        date: NaiveDate,
        as_of: Option<NaiveDate>,
        stale_days: u32,
    ) -> (Status, Option<NaiveDate>, Option<NaiveDate>, Vec<Flag>) {
        let a = step_at(step, date, as_of, stale_days);
        (a.status, a.since, a.last_evidence, a.flags)
    }

    fn step(yaml: &str) -> Step {
        let doc = format!(
            "as_of: 2021-12-10\nrecommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n{yaml}"
        );
        let t = Tracker::from_document(parse(&doc, &Limits::default()).unwrap());
        t.step("mediator", "mediator-agreed").unwrap().clone()
    }

    #[test]
    fn status_since_and_evidence_follow_the_history() {
        let s = step(PROGRESS_THEN_CONTESTED_ACHIEVEMENT);
        let as_of = Some(d("2021-12-10"));
        let (st, since, ev, flags) = at(&s, d("2021-12-10"), as_of, 180);
        assert_eq!(
            (st, since, ev),
            (
                Status::Achieved,
                Some(d("2021-03-01")),
                Some(d("2021-03-01"))
            )
        );
        assert_eq!(flags, [Flag::Contested]);
        let (st, since, ev, flags) = at(&s, d("2020-12-31"), as_of, 180);
        assert_eq!(
            (st, since, ev),
            (
                Status::InProgress,
                Some(d("2020-01-01")),
                Some(d("2020-01-01"))
            )
        );
        assert_eq!(
            flags,
            [Flag::Stale],
            "last entry 2020-06-01 is 213 days old"
        );
        let (st, since, _, _) = at(&s, d("2019-01-01"), as_of, 180);
        assert_eq!((st, since), (Status::Unknown, None));
    }

    #[test]
    fn segments_follow_the_history_and_merge_equal_runs() {
        let s = step(PROGRESS_THEN_CONTESTED_ACHIEVEMENT);
        let as_of = Some(d("2021-12-10"));
        assert_eq!(
            segments(Some(&s), d("2019-07-01"), d("2021-12-10"), as_of),
            vec![
                (d("2019-07-01"), d("2019-12-31"), Status::Unknown),
                (d("2020-01-01"), d("2021-02-28"), Status::InProgress),
                (d("2021-03-01"), d("2021-12-10"), Status::Achieved),
            ]
        );
        assert_eq!(
            segments(Some(&s), d("2020-03-01"), d("2020-03-31"), as_of),
            vec![(d("2020-03-01"), d("2020-03-31"), Status::InProgress)]
        );
        assert!(segments(Some(&s), d("2021-01-02"), d("2021-01-01"), as_of).is_empty());
        let bare = step("        status: not-started\n");
        assert_eq!(
            segments(Some(&bare), d("2021-01-01"), d("2021-12-31"), as_of),
            vec![(d("2021-01-01"), d("2021-12-31"), Status::NotStarted)]
        );
        let unknown_then = step(
            "        status: stalled
        history:
          - date: 2021-06-01
            status: stalled
            evidence: [{source: a}]
",
        );
        assert_eq!(
            segments(Some(&unknown_then), d("2021-01-01"), d("2021-12-10"), as_of),
            vec![
                (d("2021-01-01"), d("2021-05-31"), Status::Unknown),
                (d("2021-06-01"), d("2021-12-10"), Status::Stalled),
            ]
        );
    }

    #[test]
    fn not_started_holds_backwards_and_bare_steps_count_from_as_of() {
        let s = step(
            "        status: not-started
        history:
          - date: 2021-12-10
            status: not-started
",
        );
        let as_of = Some(d("2021-12-10"));
        assert_eq!(at(&s, d("2020-01-01"), as_of, 180).0, Status::NotStarted);
        let bare = step("        status: not-started\n        next_review: 2021-01-01\n");
        let (st, _, _, flags) = at(&bare, d("2021-12-10"), as_of, 180);
        assert_eq!((st, flags), (Status::NotStarted, vec![Flag::ReviewOverdue]));
        assert_eq!(at(&bare, d("2021-01-01"), as_of, 180).0, Status::NotStarted);
        let unknown = step("        status: unknown\n");
        assert_eq!(at(&unknown, d("2020-01-01"), as_of, 180).0, Status::Unknown);
    }
}
