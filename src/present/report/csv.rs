//! The report's tables as CSV.
//!
//! `--format csv` is the step table at the period's end, for a spreadsheet reader: its
//! headers and status names follow `--lang`. `--format csv --long` is a dataset, one row
//! per tracker, step and history entry, for R, pandas or a spreadsheet: its column
//! names and codes are stable identifiers in every language (the way panel datasets
//! keep variable names fixed), so a script works on any report.
//!
//! Trackers of one catalog give the columns they always had. Trackers of several add
//! one last column, the catalog's id (`col-catalog`, `catalog` in the long format),
//! since ids of recommendations and steps only mean something within their catalog:
//! a spreadsheet reader filters on it, and the existing columns keep their places.

use super::{Ctx, Grouped, Reader, TrackerReport, score, words};
use crate::model::status::Status;
use crate::present::Render;
use crate::present::text::{csv as csv_text, escape};

/// The step table at the period's end, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct Csv<'a>(pub Reader<'a>);

impl Render<Grouped> for Csv<'_> {
    fn render(&self, grouped: &Grouped) -> String {
        let many = grouped.single().is_none();
        let mut header = steps_header(self.0.m);
        if many {
            header.push(self.0.m.get("col-catalog"));
        }
        let mut rows = vec![header];
        for (g, t) in grouped.trackers() {
            for mut row in steps(t, &g.ctx(&self.0)) {
                if many {
                    row.push(text(&g.catalog.id));
                }
                rows.push(row);
            }
        }
        csv_text::to_text(rows)
    }
}

/// The whole history in long format, with stable column names and codes.
#[derive(Debug, Clone, Copy)]
pub struct CsvLong;

impl Render<Grouped> for CsvLong {
    fn render(&self, grouped: &Grouped) -> String {
        let many = grouped.single().is_none();
        let mut header: Vec<String> = LONG_HEADER.map(str::to_string).to_vec();
        if many {
            header.push("catalog".to_string());
        }
        let mut rows = vec![header];
        for (g, t) in grouped.trackers() {
            for mut row in long(t) {
                if many {
                    row.push(text(&g.catalog.id));
                }
                rows.push(row);
            }
        }
        csv_text::to_text(rows)
    }
}

/// A text cell: whatever its origin, it cannot be read as a formula (numbers and dates
/// rectrack writes itself, such as a score, are written as they are).
fn text(s: &str) -> String {
    escape::csv(s).into_owned()
}

/// A step's score, empty for `unknown` (which averages leave out).
fn score_cell(status: Status) -> String {
    if status == Status::Unknown {
        String::new()
    } else {
        score(status).to_string()
    }
}

/// The step table's header.
fn steps_header(m: &crate::present::i18n::Messages) -> Vec<String> {
    vec![
        m.get("col-tracker"),
        m.get("col-period-from"),
        m.get("col-period-to"),
        m.get("col-recommendation"),
        m.get("col-step"),
        m.get("col-title"),
        m.get("col-party"),
        m.get("col-status"),
        m.get("col-since"),
        m.get("col-last-evidence"),
        m.get("col-flags"),
        m.get("col-score"),
    ]
}

/// The step table's rows of one tracker: one per step, at the end of the period.
fn steps(t: &TrackerReport, ctx: &Ctx<'_>) -> Vec<Vec<String>> {
    let m = ctx.m;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    t.end
        .iter()
        .map(|v| {
            let flags: Vec<String> = v
                .flags
                .iter()
                .map(|f| m.get(&format!("flag-{}", f.id())))
                .collect();
            vec![
                text(&t.id),
                t.period.from.to_string(),
                t.period.to.to_string(),
                text(&v.recommendation),
                text(&v.step),
                text(&words::step_title(
                    m,
                    ctx.catalog,
                    &v.recommendation,
                    &v.step,
                )),
                text(&m.party(&v.party, ctx.catalog, &t.parties)),
                text(&m.status(v.status)),
                date(v.since),
                date(v.last_evidence),
                text(&flags.join("; ")),
                score_cell(v.status),
            ]
        })
        .collect()
}

/// The stable column names of the long format.
pub const LONG_HEADER: [&str; 14] = [
    "tracker",
    "file",
    "recommendation",
    "step",
    "party",
    "seq",
    "date",
    "status_from",
    "status",
    "score",
    "in_period",
    "sources",
    "contested",
    "note",
];

/// The long format's rows of one tracker: one per step and history entry.
fn long(t: &TrackerReport) -> Vec<Vec<String>> {
    t.history
        .iter()
        .map(|h| {
            vec![
                text(&t.id),
                text(&t.file),
                text(&h.recommendation),
                text(&h.step),
                text(&h.party),
                h.seq.to_string(),
                h.date.to_string(),
                h.from.map(|s| s.id().to_string()).unwrap_or_default(),
                h.to.id().to_string(),
                score_cell(h.to),
                h.in_period.to_string(),
                text(
                    &h.evidence
                        .iter()
                        .map(|e| e.source.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                h.contested().to_string(),
                text(h.note.as_deref().unwrap_or_default()),
            ]
        })
        .collect()
}
