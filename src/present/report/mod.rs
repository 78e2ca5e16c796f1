//! `rectrack report` (and `status`, a one-day report): the periodic report. Enters:
//! valid typed trackers, each with its catalog, and a period request; leaves: one
//! [`Report`] per catalog ([`Grouped`]), rendered by one format type per output
//! ([`Markdown`], [`Html`], [`Json`], [`Csv`], [`CsvLong`], [`Svg`], each a
//! [`crate::present::Render`] of the grouped reports).
//!
//! Building and rendering are kept apart so every format says the same thing: the
//! numbers, the changes and the attention list are computed here, and the renderers
//! only lay them out and translate words ([`words`] holds the sentences they share).

pub mod csv;
pub mod grouped;
pub mod html;
pub mod json;
pub mod markdown;
pub mod progress;
pub mod svg;
pub mod words;

use crate::model::catalog::Catalog;
use crate::model::period::Period;
use crate::model::status::Status;
use crate::model::timeline::{self, Flag, StepView};
use crate::model::tracker::{SourceInfo, Stance, Tracker};
use chrono::NaiveDate;
pub use csv::{Csv, CsvLong};
pub use grouped::{Group, Grouped, Reader};
pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use progress::{Progress, Trend, score};
pub use svg::Svg;

/// What every renderer needs besides the report: the catalog for titles, the
/// reader's language, and the staleness window the flags were computed with.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The catalog the trackers were checked against.
    pub catalog: &'a Catalog,
    /// Words in the reader's language.
    pub m: &'a crate::present::i18n::Messages,
    /// Days without news after which a step is stale.
    pub stale_days: u32,
}

/// Everything a report says, for one or several trackers.
#[derive(Debug, Clone)]
pub struct Report {
    /// rectrack's version.
    pub version: &'static str,
    /// The catalog's id.
    pub catalog_id: String,
    /// The catalog's version, if it gives one.
    pub catalog_version: Option<u32>,
    /// The catalog's source documents: (id, title).
    pub catalog_sources: Vec<(String, String)>,
    /// One section per tracker, in the order given.
    pub trackers: Vec<TrackerReport>,
}

/// What the report says about one tracker.
#[derive(Debug, Clone)]
pub struct TrackerReport {
    /// The file, as given on the command line.
    pub file: String,
    /// Tracker id.
    pub id: String,
    /// Tracker title.
    pub title: String,
    /// The date the tracker describes.
    pub as_of: NaiveDate,
    /// The reporting period.
    pub period: Period,
    /// Every step at the end of the period.
    pub end: Vec<StepView>,
    /// The history entries dated inside the period, grouped by recommendation in
    /// catalog order, then by date.
    pub changes: Vec<Transition>,
    /// Progress per recommendation, in catalog order.
    pub by_recommendation: Vec<Progress>,
    /// Progress per party, in the catalog's party order.
    pub by_party: Vec<Progress>,
    /// Progress over all steps.
    pub overall: Progress,
    /// Steps a reader should look at.
    pub attention: Vec<Attention>,
    /// The whole history, one row per step and entry, in catalog and file order (for
    /// the long CSV).
    pub history: Vec<Transition>,
    /// Each step's status over time, from [`TrackerReport::timeline_start`] to the
    /// period's end, in catalog order.
    pub lanes: Vec<Lane>,
    /// Where the timeline starts: the earliest history date, or the period's start if
    /// that is earlier.
    pub timeline_start: NaiveDate,
    /// The tracker's sources, all of them.
    pub sources: Vec<SourceInfo>,
    /// How the tracker names its parties: (id, name).
    pub parties: Vec<(String, crate::model::catalog::Text)>,
}

/// One history entry of one step, as the move from the status before it to its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// Recommendation id.
    pub recommendation: String,
    /// Step id.
    pub step: String,
    /// Party responsible.
    pub party: String,
    /// Position of the entry in the step's history, from 1.
    pub seq: usize,
    /// The entry's date.
    pub date: NaiveDate,
    /// The previous entry's status; `None` for the step's first entry.
    pub from: Option<Status>,
    /// The entry's status.
    pub to: Status,
    /// Whether the entry is dated inside the reporting period.
    pub in_period: bool,
    /// The entry's note.
    pub note: Option<String>,
    /// The sources it cites.
    pub evidence: Vec<Cited>,
    /// When the entry was amended after being recorded, if it was.
    pub corrected: Option<NaiveDate>,
}

impl Transition {
    /// `achieved`/`in-progress` → `stalled`/`reversed`.
    pub fn is_regression(&self) -> bool {
        matches!(self.from, Some(Status::Achieved | Status::InProgress))
            && matches!(self.to, Status::Stalled | Status::Reversed)
    }

    /// Whether a source disputes the entry.
    pub fn contested(&self) -> bool {
        self.evidence.iter().any(|e| e.contradicts)
    }
}

/// A source cited by an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// Source id.
    pub source: String,
    /// Where in it.
    pub locator: Option<String>,
    /// Link to the passage.
    pub url: Option<String>,
    /// Whether it disputes the entry.
    pub contradicts: bool,
}

/// Why a step is on the attention list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    /// Regressed inside the period, on this date.
    Regressed {
        /// The entry's date.
        date: NaiveDate,
        /// Status before.
        from: Status,
        /// Status after.
        to: Status,
    },
    /// The latest entry by the period's end is disputed by a source.
    Contested,
    /// In progress or stalled with no entry for longer than the staleness window.
    Stale {
        /// Date of the last entry.
        last: Option<NaiveDate>,
    },
    /// `next_review` passed before the period's end.
    ReviewOverdue {
        /// The review date.
        due: Option<NaiveDate>,
    },
}

impl Concern {
    /// The stable id used in JSON and CSV.
    pub fn id(&self) -> &'static str {
        match self {
            Concern::Regressed { .. } => "regressed",
            Concern::Contested => "contested",
            Concern::Stale { .. } => "stale",
            Concern::ReviewOverdue { .. } => "review-overdue",
        }
    }
}

/// One line of the attention list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    /// Recommendation id.
    pub recommendation: String,
    /// Step id.
    pub step: String,
    /// Why.
    pub concern: Concern,
}

/// One step's status over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// Recommendation id.
    pub recommendation: String,
    /// Step id.
    pub step: String,
    /// Consecutive runs of one status: (first day, last day, status).
    pub segments: Vec<(NaiveDate, NaiveDate, Status)>,
}

/// A valid tracker to report on, and the file it came from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file as given.
    pub file: &'a str,
    /// The tracker (already checked: the report assumes a valid tracker).
    pub tracker: &'a Tracker,
}

/// How the period is chosen for each tracker.
#[derive(Debug, Clone, Copy)]
pub struct PeriodRequest {
    /// `--from`.
    pub from: Option<NaiveDate>,
    /// `--to`.
    pub to: Option<NaiveDate>,
    /// `--period`.
    pub shorthand: Option<Period>,
    /// Days before the end where the period starts when `from` is not given.
    pub days_before: u64,
}

impl Report {
    /// Builds the report. Each tracker gets the period asked for; where `--to` is not
    /// given it ends on that tracker's own `as_of`, so a tracker is never reported past
    /// the date it describes by default.
    pub fn build(
        inputs: &[Input<'_>],
        catalog: &Catalog,
        request: PeriodRequest,
        stale_days: u32,
    ) -> Result<Report, crate::model::period::PeriodError> {
        let trackers = inputs
            .iter()
            .map(|input| {
                // A valid tracker has `as_of`; the epoch keeps an impossible case calm.
                let as_of = input
                    .tracker
                    .as_of
                    .as_ref()
                    .map(|d| d.value)
                    .unwrap_or_default();
                let period = Period::resolve(
                    request.from,
                    request.to,
                    request.shorthand,
                    as_of,
                    request.days_before,
                )?;
                Ok(TrackerReport::build(
                    input, catalog, as_of, period, stale_days,
                ))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Report {
            version: env!("CARGO_PKG_VERSION"),
            catalog_id: catalog.id.clone(),
            catalog_version: catalog.version,
            catalog_sources: catalog
                .documents
                .iter()
                .map(|(id, s)| (id.clone(), s.title.clone()))
                .collect(),
            trackers,
        })
    }
}

impl TrackerReport {
    fn build(
        input: &Input<'_>,
        catalog: &Catalog,
        as_of: NaiveDate,
        period: Period,
        stale_days: u32,
    ) -> TrackerReport {
        let tracker = input.tracker;
        let end = timeline::view(tracker, catalog, period.to, stale_days);
        let start = timeline::view(tracker, catalog, period.start_date(), stale_days);
        let history = history(tracker, catalog, &period);
        let mut changes: Vec<Transition> =
            history.iter().filter(|e| e.in_period).cloned().collect();
        // Grouped by recommendation (catalog order), then in date order; the sort is
        // stable, so same-day entries keep the catalog's step order.
        changes.sort_by_key(|c| {
            (
                catalog
                    .recommendations
                    .iter()
                    .position(|r| r.id == c.recommendation),
                c.date,
            )
        });
        let timeline_start = history
            .iter()
            .map(|e| e.date)
            .min()
            .map_or(period.from, |f| f.min(period.from));
        let lanes = catalog
            .steps()
            .map(|(rec, step)| Lane {
                recommendation: rec.id.clone(),
                step: step.id.clone(),
                segments: timeline::segments(
                    tracker.step(&rec.id, &step.id),
                    timeline_start,
                    period.to,
                    Some(as_of),
                ),
            })
            .collect();
        let attention = attention(&end, &changes);
        let by_recommendation = catalog
            .recommendations
            .iter()
            .map(|rec| Progress::of(&rec.id, &start, &end, |v| v.recommendation == rec.id))
            .collect();
        let by_party = party_order(catalog)
            .into_iter()
            .map(|party| Progress::of(&party, &start, &end, |v| v.party == party))
            .collect();
        let overall = Progress::of("all", &start, &end, |_| true);
        TrackerReport {
            file: input.file.to_string(),
            id: tracker
                .id
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_default(),
            title: tracker.title.clone().unwrap_or_default(),
            as_of,
            period,
            end,
            changes,
            by_recommendation,
            by_party,
            overall,
            attention,
            history,
            lanes,
            timeline_start,
            sources: tracker.sources.clone(),
            parties: tracker.parties.clone(),
        }
    }

    /// The sources cited in the period's changes, in the tracker's order.
    pub fn cited(&self) -> impl Iterator<Item = &SourceInfo> {
        self.sources.iter().filter(|s| {
            self.changes
                .iter()
                .any(|c| c.evidence.iter().any(|e| e.source == s.id.value))
        })
    }

    /// Progress per recommendation, then over all steps: the rows of the "by
    /// recommendation" table and of the summary matrix.
    pub fn recommendation_rows(&self) -> impl Iterator<Item = &Progress> {
        self.by_recommendation
            .iter()
            .chain(std::iter::once(&self.overall))
    }

    /// `recommendation/step` of every step whose status at the period's end is unknown.
    pub fn unknown_steps(&self) -> Vec<String> {
        self.end
            .iter()
            .filter(|v| v.status == Status::Unknown)
            .map(|v| format!("{}/{}", v.recommendation, v.step))
            .collect()
    }

    /// The period's changes of one recommendation.
    pub fn changes_of<'a>(&'a self, rec: &'a str) -> impl Iterator<Item = &'a Transition> + 'a {
        self.changes.iter().filter(move |c| c.recommendation == rec)
    }
}

/// Every history entry of every catalog step, in catalog and file order, with the
/// status it moved from.
fn history(tracker: &Tracker, catalog: &Catalog, period: &Period) -> Vec<Transition> {
    let mut history = Vec::new();
    for (rec, step) in catalog.steps() {
        let Some(entry) = tracker.step(&rec.id, &step.id) else {
            continue;
        };
        for (i, e) in entry.history.iter().enumerate() {
            let (Some(date), Some(to)) = (
                e.date.as_ref().map(|d| d.value),
                e.status.as_ref().map(|s| s.value),
            ) else {
                continue;
            };
            history.push(Transition {
                recommendation: rec.id.clone(),
                step: step.id.clone(),
                party: step.party_key(),
                seq: i + 1,
                date,
                // The model's one answer to "the status before this entry" (also
                // behind `diff` and `check --base`).
                from: entry.status_before(i),
                to,
                in_period: period.contains(date),
                note: e.note().map(str::to_string),
                evidence: e
                    .evidence()
                    .filter_map(|ev| {
                        Some(Cited {
                            source: ev.source?.value.to_string(),
                            locator: ev.locator.map(str::to_string),
                            url: ev.url.map(str::to_string),
                            contradicts: ev.stance == Stance::Contradicts,
                        })
                    })
                    .collect(),
                corrected: e
                    .correction
                    .as_ref()
                    .and_then(|c| c.date.as_ref())
                    .map(|d| d.value),
            });
        }
    }
    history
}

/// Parties in the order they first appear in the catalog's steps (government, jnim,
/// government+jnim).
fn party_order(catalog: &Catalog) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for (_, step) in catalog.steps() {
        let key = step.party_key();
        if !order.contains(&key) {
            order.push(key);
        }
    }
    order
}

/// The attention list: regressions in the period first (the news), then what is
/// flagged at the period's end, each group in catalog order.
fn attention(end: &[StepView], changes: &[Transition]) -> Vec<Attention> {
    let mut list: Vec<Attention> = changes
        .iter()
        .filter(|c| c.is_regression())
        .filter_map(|c| {
            Some(Attention {
                recommendation: c.recommendation.clone(),
                step: c.step.clone(),
                concern: Concern::Regressed {
                    date: c.date,
                    from: c.from?,
                    to: c.to,
                },
            })
        })
        .collect();
    for flag in [Flag::Contested, Flag::Stale, Flag::ReviewOverdue] {
        for v in end.iter().filter(|v| v.flags.contains(&flag)) {
            let concern = match flag {
                Flag::Contested => Concern::Contested,
                Flag::Stale => Concern::Stale { last: v.last_entry },
                Flag::ReviewOverdue => Concern::ReviewOverdue { due: v.next_review },
            };
            list.push(Attention {
                recommendation: v.recommendation.clone(),
                step: v.step.clone(),
                concern,
            });
        }
    }
    list
}
