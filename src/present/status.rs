//! The `status` command's output: a one-day report (the period is the date asked, so
//! its step table is every step's status on that date), rendered as a terminal table,
//! Markdown, CSV, JSON or the report's HTML status page.
//!
//! Built by [`Report::build`] like `report`, so both agree on dates, flags, ids and
//! words. The formats people read (table, Markdown, HTML) say everything in the
//! reader's language, with the report's words: status labels, party names, flags,
//! headers and sentences; recommendation and step ids stay, since they are what a
//! monitor types into a tracker. The CSV is the report's step table for that one day
//! (`report::Csv`, so it is not here). The JSON is for scripts: keys and codes
//! (status, party and flag ids) are the same in every language.
//!
//! Trackers of several catalogs are grouped by catalog: in the formats people read,
//! a heading per catalog (its title and id) with its trackers under it; in the JSON,
//! `catalogs` and each tracker's `catalog`. Trackers of one catalog give exactly the
//! output they always did.

use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::model::timeline::StepView;
use crate::present::Render;
use crate::present::i18n::Messages;
use crate::present::report::{Ctx, Grouped, Reader, TrackerReport, html, words};
use crate::present::text::escape;
use crate::present::text::json::{self as json_text, version};
use comfy_table::{ContentArrangement, Table as Grid, presets};
use serde_json::json;

/// Message ids of the table's headers.
const HEADER: [&str; 7] = [
    "col-recommendation",
    "col-step",
    "col-party",
    "col-status",
    "col-since",
    "col-last-evidence",
    "col-flags",
];

/// "Title (id) — status on DATE (tracker as of DATE)", with the tracker's words
/// passed through `esc` (the output kind's escaping).
fn heading(m: &Messages, t: &TrackerReport, esc: impl Fn(&str) -> String) -> String {
    let mut h = m.args(
        "status-title",
        &[
            ("title", esc(&t.title).into()),
            ("id", esc(&t.id).into()),
            ("date", t.period.to.to_string().into()),
        ],
    );
    if t.as_of != t.period.to {
        h.push(' ');
        h.push_str(&m.args(
            "status-tracker-as-of",
            &[("as_of", t.as_of.to_string().into())],
        ));
    }
    h
}

/// "14 steps: 2 in progress, 6 not started, 6 unknown": the status column counted,
/// in the same words.
fn summary(m: &Messages, t: &TrackerReport) -> String {
    let parts: Vec<String> = Status::ALL
        .into_iter()
        .filter(|s| t.overall.count(*s) > 0)
        .map(|s| format!("{} {}", t.overall.count(s), m.status(s)))
        .collect();
    format!(
        "{}{} {}",
        m.args("steps-count", &[("count", t.overall.total().into())]),
        m.get("colon"),
        parts.join(", ")
    )
}

/// A step's flags in the reader's words (the JSON uses their ids).
fn flags(m: &Messages, v: &StepView) -> Vec<String> {
    v.flags
        .iter()
        .map(|f| m.get(&format!("flag-{}", f.id())))
        .collect()
}

/// The table's cells of one step.
fn cells(
    m: &Messages,
    catalog: &Catalog,
    names: &[(String, crate::model::catalog::Text)],
    v: &StepView,
) -> [String; 7] {
    [
        v.recommendation.clone(),
        v.step.clone(),
        m.party(&v.party, catalog, names),
        m.status(v.status),
        words::date_or_dash(v.since),
        words::date_or_dash(v.last_evidence),
        flags(m, v).join(", "),
    ]
}

/// Renders each group's trackers with `one` (joined by a blank line); with several
/// catalogs, each group under its heading (`head`). The interface note, if any, goes
/// first (`note`).
fn grouped(
    g: &Grouped,
    reader: &Reader<'_>,
    note: impl Fn(&str) -> String,
    head: impl Fn(&str) -> String,
    one: impl Fn(&TrackerReport, &Ctx<'_>) -> String,
) -> String {
    let m = reader.m;
    let mut out = m.interface_note().map_or(String::new(), |n| note(&n));
    let many = g.single().is_none();
    let sections: Vec<String> = g
        .groups
        .iter()
        .map(|group| {
            let ctx = group.ctx(reader);
            let texts: Vec<String> = group.report.trackers.iter().map(|t| one(t, &ctx)).collect();
            let heading = if many {
                head(&group.heading(m, str::to_string))
            } else {
                String::new()
            };
            format!("{heading}{}", texts.join("\n"))
        })
        .collect();
    out.push_str(&sections.join("\n"));
    out
}

/// A terminal table per tracker, with its heading and summary.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a>(pub Reader<'a>);

impl Render<Grouped> for Table<'_> {
    fn render(&self, report: &Grouped) -> String {
        let m = self.0.m;
        let human = |s: &str| escape::human(s).into_owned();
        grouped(
            report,
            &self.0,
            |note| format!("{}\n\n", human(note)),
            |heading| format!("{}\n\n", human(heading)),
            |t, ctx| {
                let mut grid = Grid::new();
                grid.load_style(presets::UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_header(HEADER.map(|id| human(&m.get(id))));
                // Cells are ids, dates and rectrack's words today; escaped all the
                // same, so a table never depends on where its text came from.
                for v in &t.end {
                    grid.add_row(cells(m, ctx.catalog, &t.parties, v).map(|c| human(&c)));
                }
                let warning = words::status_warning(m, t).map_or(String::new(), |w| {
                    format!(
                        "{}{} {}\n",
                        m.get("label-warning"),
                        m.get("colon"),
                        human(&w)
                    )
                });
                format!(
                    "{}\n{warning}{grid}\n{}\n",
                    heading(m, t, human),
                    human(&summary(m, t))
                )
            },
        )
    }
}

/// A GitHub-flavoured Markdown section per tracker (under a heading per catalog when
/// there are several).
#[derive(Debug, Clone, Copy)]
pub struct Markdown<'a>(pub Reader<'a>);

impl Render<Grouped> for Markdown<'_> {
    fn render(&self, report: &Grouped) -> String {
        let m = self.0.m;
        grouped(
            report,
            &self.0,
            |note| format!("> {}\n\n", escape::markdown(note)),
            |heading| format!("# {}\n\n", escape::markdown(heading)),
            |t, ctx| {
                let head = HEADER.map(|id| escape::markdown(&m.get(id)));
                let mut out = format!("## {}\n\n", heading(m, t, escape::markdown));
                if let Some(w) = words::status_warning(m, t) {
                    out.push_str(&format!("> {}\n\n", escape::markdown(&w)));
                }
                out.push_str(&format!("| {} |\n", head.join(" | ")));
                out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                for v in &t.end {
                    let row = cells(m, ctx.catalog, &t.parties, v).map(|c| escape::markdown(&c));
                    out.push_str(&format!("| {} |\n", row.join(" | ")));
                }
                out.push_str(&format!("\n{}\n", escape::markdown(&summary(m, t))));
                out
            },
        )
    }
}

/// JSON for scripts: ids only, the same in every language. Trackers of several
/// catalogs add `catalogs` (id and version, in group order) and each tracker's
/// `catalog`.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl Render<Grouped> for Json {
    fn render(&self, report: &Grouped) -> String {
        let many = report.single().is_none();
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        let trackers: Vec<_> = report
            .trackers()
            .map(|(g, t)| {
                let mut v = json!({
                    "file": t.file,
                    "id": t.id,
                    "title": t.title,
                    "as_of": t.as_of.to_string(),
                    "date": t.period.to.to_string(),
                    "summary": Status::ALL
                        .into_iter()
                        .filter(|s| t.overall.count(*s) > 0)
                        .map(|s| (s.id().to_string(), json!(t.overall.count(s))))
                        .collect::<serde_json::Map<_, _>>(),
                    "steps": t.end.iter().map(|v| json!({
                        "recommendation": v.recommendation,
                        "step": v.step,
                        "party": v.party,
                        "status": v.status.id(),
                        "since": date(v.since),
                        "last_evidence": date(v.last_evidence),
                        "flags": v.flags.iter().map(|f| f.id()).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                });
                if many {
                    v["catalog"] = json!(g.catalog.id);
                }
                v
            })
            .collect();
        let mut doc = json!({
            "version": version::STATUS,
            "rectrack": env!("CARGO_PKG_VERSION"),
            "trackers": trackers,
        });
        if many {
            doc["catalogs"] = report
                .groups
                .iter()
                .map(|g| json!({"id": g.catalog.id, "version": g.catalog.version}))
                .collect::<Vec<_>>()
                .into();
        }
        json_text::to_text(&doc)
    }
}

/// One self-contained page: the report's status table and timeline.
#[derive(Debug, Clone, Copy)]
pub struct Html<'a>(pub Reader<'a>);

impl Render<Grouped> for Html<'_> {
    fn render(&self, report: &Grouped) -> String {
        html::status_page(report, &self.0)
    }
}
