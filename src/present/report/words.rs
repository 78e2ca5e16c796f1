//! Sentences and labels every text format shares, so Markdown and HTML say the same
//! thing in the same words.

use super::{Attention, Cited, Concern, Ctx, Progress, Report, TrackerReport, Transition};
use crate::model::catalog::Catalog;
use crate::model::period::Period;
use crate::model::status::Status;
use crate::present::i18n::{Arg, Messages};
use chrono::NaiveDate;

/// A recommendation's title in the reader's language, or its id.
pub fn rec_title(m: &Messages, catalog: &Catalog, rec: &str) -> String {
    catalog
        .recommendation(rec)
        .map_or_else(|| rec.to_string(), |r| m.rec_title(r))
}

/// A step's title in the reader's language, or its id.
pub fn step_title(m: &Messages, catalog: &Catalog, rec: &str, step: &str) -> String {
    catalog
        .recommendation(rec)
        .and_then(|r| Some((r, r.step(step)?)))
        .map_or_else(|| step.to_string(), |(_, s)| m.step_title(s))
}

/// A date, or `—` for none.
pub fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
}

/// Titles of the recommendations with no change in the period.
pub fn quiet_recommendations(m: &Messages, catalog: &Catalog, t: &TrackerReport) -> Vec<String> {
    catalog
        .recommendations
        .iter()
        .filter(|r| t.changes_of(&r.id).next().is_none())
        .map(|r| m.rec_title(r))
        .collect()
}

/// A summary-matrix cell, `1/4 · 1.5 ↑`: achieved over total, then the score and
/// trend.
pub fn matrix_cell(ctx: &Ctx<'_>, p: &Progress) -> String {
    let score = p
        .score
        .map_or_else(|| "—".to_string(), |s| ctx.m.decimal(s));
    format!(
        "{}/{} · {} {}",
        p.count(Status::Achieved),
        p.total(),
        score,
        p.trend.arrow()
    )
}

/// `2021-10-01 – 2021-12-31 (2021-Q4)`.
pub fn period(p: &Period) -> String {
    match p.shorthand() {
        Some(s) => format!("{p} ({s})"),
        None => p.to_string(),
    }
}

/// `in progress → achieved`, or `first record: in progress`.
pub fn transition(m: &Messages, from: Option<Status>, to: Status) -> String {
    match from {
        Some(from) if from == to => m.args("same-status", &[("status", m.status(to).into())]),
        Some(from) => format!("{} → {}", m.status(from), m.status(to)),
        None => m.args("first-record", &[("status", m.status(to).into())]),
    }
}

/// `icg-306 (Executive Summary, paragraph 3)`, with a mark when the source disputes
/// the entry.
pub fn cited(m: &Messages, c: &Cited) -> String {
    let mut s = c.source.clone();
    if let Some(l) = &c.locator {
        s.push_str(&format!(" ({l})"));
    }
    if c.contradicts {
        s.push_str(&format!(" — {}", m.get("disputes")));
    }
    s
}

/// The note of a change, with its correction if any.
pub fn change_note(m: &Messages, c: &Transition) -> String {
    let mut s = c.note.clone().unwrap_or_default();
    if let Some(d) = c.corrected {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&m.args("corrected-on", &[("date", d.to_string().into())]));
    }
    s
}

/// What an attention line says, after the step's name.
pub fn concern(m: &Messages, a: &Attention, stale_days: u32) -> String {
    match a.concern {
        Concern::Regressed { date, from, to } => m.args(
            "concern-regressed",
            &[
                ("from", m.status(from).into()),
                ("to", m.status(to).into()),
                ("date", date.to_string().into()),
            ],
        ),
        Concern::Contested => m.get("concern-contested"),
        Concern::Stale { last } => m.args(
            "concern-stale",
            &[
                (
                    "date",
                    last.map(|d| d.to_string()).unwrap_or_default().into(),
                ),
                ("days", (stale_days as usize).into()),
            ],
        ),
        Concern::ReviewOverdue { due } => m.args(
            "concern-review-overdue",
            &[(
                "date",
                due.map(|d| d.to_string()).unwrap_or_default().into(),
            )],
        ),
    }
}

/// The short name of a concern (`regressed`, `contested`...).
pub fn concern_label(m: &Messages, a: &Attention) -> String {
    m.get(&format!("concern-label-{}", a.concern.id()))
}

/// `14 steps: 2 in progress, 5 not started, 7 unknown`.
pub fn summary(m: &Messages, p: &Progress) -> String {
    let parts: Vec<String> = Status::ALL
        .into_iter()
        .filter(|s| p.count(*s) > 0)
        .map(|s| {
            m.args(
                &format!("count-{}", s.id()),
                &[("count", p.count(s).into())],
            )
        })
        .collect();
    format!(
        "{}{} {}",
        m.args("steps-count", &[("count", p.total().into())]),
        m.get("colon"),
        parts.join(", ")
    )
}

/// `2 (50%)`, or `—` for none.
pub fn count_cell(m: &Messages, p: &Progress, s: Status) -> String {
    match p.count(s) {
        0 => "—".to_string(),
        n => format!("{n} ({})", m.percent(p.percent(s))),
    }
}

/// `1.5 / 3`, or `—` when no step is known.
pub fn score_cell(m: &Messages, p: &Progress) -> String {
    p.score.map_or_else(
        || "—".to_string(),
        |s| format!("{} / {}", m.decimal(s), super::progress::MAX_SCORE),
    )
}

/// `↑ improved`.
pub fn trend_cell(m: &Messages, p: &Progress) -> String {
    format!(
        "{} {}",
        p.trend.arrow(),
        m.get(&format!("trend-{}", p.trend.id()))
    )
}

/// The row label of a progress line: a recommendation's title, a party's name, or
/// "all steps".
pub fn progress_label(
    m: &Messages,
    catalog: &Catalog,
    names: &[(String, crate::model::catalog::Text)],
    p: &Progress,
    by_party: bool,
) -> String {
    if p.key == "all" {
        m.get("all-steps")
    } else if by_party {
        m.party(&p.key, catalog, names)
    } else {
        rec_title(m, catalog, &p.key)
    }
}

/// The scale, said once per report.
pub fn score_scale(m: &Messages) -> String {
    m.get("score-scale")
}

/// The trend rule, with the date compared against.
pub fn trend_rule(m: &Messages, t: &TrackerReport) -> String {
    m.args(
        "trend-rule",
        &[("date", t.period.start_date().to_string().into())],
    )
}

/// The line under a heading: period, as of, file.
pub fn tracker_facts(m: &Messages, t: &TrackerReport) -> Vec<(String, String)> {
    vec![
        (m.get("label-period"), period(&t.period)),
        (m.get("label-as-of"), t.as_of.to_string()),
        (m.get("label-file"), t.file.clone()),
    ]
}

/// A warning when the period ends after the tracker's `as_of` (it cannot know about
/// those days), or starts after it.
pub fn coverage_warning(m: &Messages, t: &TrackerReport) -> Option<String> {
    if t.period.from > t.as_of {
        Some(m.args(
            "warning-after-as-of",
            &[("as_of", t.as_of.to_string().into())],
        ))
    } else if t.period.to > t.as_of {
        Some(m.args(
            "warning-past-as-of",
            &[
                ("as_of", t.as_of.to_string().into()),
                ("days", Arg::Num((t.period.to - t.as_of).num_days() as f64)),
            ],
        ))
    } else {
        None
    }
}

/// `status`'s warning when the date asked is after the tracker's `as_of`: the
/// statuses shown are the last known, not news of that day (`report` says the same
/// with [`coverage_warning`]).
pub fn status_warning(m: &Messages, t: &TrackerReport) -> Option<String> {
    (t.period.to > t.as_of).then(|| {
        m.args(
            "status-past-as-of",
            &[
                ("as_of", t.as_of.to_string().into()),
                ("date", t.period.to.to_string().into()),
                ("days", Arg::Num((t.period.to - t.as_of).num_days() as f64)),
            ],
        )
    })
}

/// `rectrack 0.1.0, catalog 1 (icg-306, iss-today-2020)`.
pub fn provenance(m: &Messages, r: &Report) -> String {
    let ids: Vec<&str> = r
        .catalog_sources
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    m.args(
        "provenance",
        &[
            ("version", r.version.into()),
            ("catalog", r.catalog_id.as_str().into()),
            (
                "catalog_version",
                r.catalog_version.map_or(0, |v| v as usize).into(),
            ),
            ("sources", ids.join(", ").into()),
        ],
    )
}

/// A source's reference line: title, publisher, reference, date.
pub fn source_line(s: &crate::model::tracker::SourceInfo) -> String {
    [
        s.title.clone(),
        s.publisher.clone(),
        s.reference.clone(),
        s.published.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}
