//! The `status` command's output: one row per step, in four formats.

use crate::model::catalog::Catalog;
use crate::model::timeline::{self, StepView};
use crate::model::tracker::Tracker;
use crate::present::escape;
use chrono::NaiveDate;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::json;

/// Version of the `status --format json` shape; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// One tracker's status on a date.
#[derive(Debug, Clone)]
pub struct StatusTable {
    /// File the tracker came from, as given.
    pub file: String,
    /// Tracker id.
    pub id: String,
    /// Tracker title.
    pub title: String,
    /// The tracker's own `as_of`.
    pub as_of: Option<NaiveDate>,
    /// The date the table describes.
    pub date: NaiveDate,
    /// One row per catalog step.
    pub rows: Vec<StepView>,
}

impl StatusTable {
    /// The table of `tracker` on `date` (its `as_of` when `None`).
    pub fn new(
        file: &str,
        tracker: &Tracker,
        catalog: &Catalog,
        date: Option<NaiveDate>,
        stale_days: u32,
    ) -> Self {
        let as_of = tracker.as_of.as_ref().map(|d| d.value);
        // A valid tracker always has `as_of`; falling back to the epoch only keeps an
        // impossible case from panicking.
        let date = date.or(as_of).unwrap_or_default();
        StatusTable {
            file: file.to_string(),
            id: tracker
                .id
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_default(),
            title: tracker.title.clone().unwrap_or_default(),
            as_of,
            date,
            rows: timeline::view(tracker, catalog, date, stale_days),
        }
    }

    /// The header line: what, and as of when, with the tracker's words passed through
    /// `esc` (the output kind's escaping).
    fn heading_with(&self, esc: impl Fn(&str) -> String) -> String {
        let mut h = format!(
            "{} ({}) — status on {}",
            esc(&self.title),
            esc(&self.id),
            self.date
        );
        if let Some(as_of) = self.as_of
            && as_of != self.date
        {
            h.push_str(&format!(" (tracker as of {as_of})"));
        }
        h
    }

    /// "14 steps: 2 in-progress, 6 not-started, 6 unknown".
    pub fn summary(&self) -> String {
        let parts: Vec<_> = timeline::summary(&self.rows)
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        format!("{} steps: {}", self.rows.len(), parts.join(", "))
    }

    fn cells(row: &StepView) -> [String; 7] {
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        [
            row.recommendation.clone(),
            row.step.clone(),
            row.party.clone(),
            row.status.to_string(),
            date(row.since),
            date(row.last_evidence),
            row.flags
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", "),
        ]
    }

    const HEADER: [&'static str; 7] = [
        "recommendation",
        "step",
        "party",
        "status",
        "since",
        "last evidence",
        "flags",
    ];

    /// A terminal table.
    pub fn to_table(&self) -> String {
        let human = |s: &str| escape::human(s).into_owned();
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(Self::HEADER);
        // Cells are catalog words today; escaped all the same, so a table never depends
        // on where its text came from.
        for row in &self.rows {
            table.add_row(Self::cells(row).map(|c| human(&c)));
        }
        format!(
            "{}\n{table}\n{}\n",
            self.heading_with(human),
            self.summary()
        )
    }

    /// A GitHub-flavoured Markdown section.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n\n", self.heading_with(escape::markdown));
        out.push_str(&format!("| {} |\n", Self::HEADER.join(" | ")));
        out.push_str(&format!("|{}\n", " --- |".repeat(Self::HEADER.len())));
        for row in &self.rows {
            let cells: Vec<_> = Self::cells(row)
                .iter()
                .map(|c| escape::markdown(c))
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push_str(&format!("\n{}\n", self.summary()));
        out
    }

    /// CSV rows (no header) with the tracker id first, for several trackers in one file.
    pub fn write_csv<W: std::io::Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        for row in &self.rows {
            let [rec, step, party, status, since, evidence, flags] = Self::cells(row);
            let blank = |s: String| if s == "—" { String::new() } else { s };
            w.write_record([
                escape::csv(&self.id).into_owned(),
                self.date.to_string(),
                rec,
                step,
                party,
                status,
                blank(since),
                blank(evidence),
                flags.replace(", ", ";"),
            ])?;
        }
        Ok(())
    }

    /// The CSV header matching [`StatusTable::write_csv`].
    pub const CSV_HEADER: [&'static str; 9] = [
        "tracker",
        "date",
        "recommendation",
        "step",
        "party",
        "status",
        "since",
        "last_evidence",
        "flags",
    ];

    /// A JSON object for this tracker.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "file": self.file,
            "id": self.id,
            "title": self.title,
            "as_of": self.as_of.map(|d| d.to_string()),
            "date": self.date.to_string(),
            "summary": timeline::summary(&self.rows).iter().map(|(s, n)| (s.id().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "steps": self.rows.iter().map(|r| json!({
                "recommendation": r.recommendation,
                "step": r.step,
                "party": r.party,
                "status": r.status.id(),
                "since": r.since.map(|d| d.to_string()),
                "last_evidence": r.last_evidence.map(|d| d.to_string()),
                "flags": r.flags.iter().map(|f| f.label().replace(' ', "-")).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}
