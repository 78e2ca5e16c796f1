//! The report as JSON, for scripts. The shape is documented in
//! `docs/report-json.md` and versioned by [`version::REPORT`].
//!
//! Keys and codes (status ids, concern ids, trend ids) are the same in every language;
//! only the human labels that sit beside them (`title`, `label`) follow `--lang`, so a
//! script written against the English report reads the French one too.
//!
//! Trackers of one catalog give the shape they always had (`catalog` names it).
//! Trackers of several add keys instead of changing any: `catalogs` lists them in
//! group order, `catalog` is null (no one catalog describes the run) and each tracker
//! says which one it follows.

use super::{Concern, Ctx, Grouped, Progress, Reader, Report, TrackerReport, words};
use crate::model::catalog::Catalog;
use crate::model::status::Status;
use crate::present::Render;
use crate::present::text::json::{to_text, version};
use serde_json::{Value, json};

/// The report as JSON.
#[derive(Debug, Clone, Copy)]
pub struct Json<'a>(pub Reader<'a>);

impl Render<Grouped> for Json<'_> {
    fn render(&self, grouped: &Grouped) -> String {
        match grouped.single() {
            Some(g) => render(&g.report, &g.ctx(&self.0)),
            None => render_many(grouped, &self.0),
        }
    }
}

/// The keys every report starts with; `interface_lang` only when rectrack's own
/// words fell back to English (a language only the catalog has).
fn head(version: &str, m: &crate::present::i18n::Messages) -> Value {
    let mut doc = json!({
        "version": version::REPORT,
        "rectrack": version,
        "lang": m.code(),
        "score_scale": by_status(|s| json!(super::score(s))),
    });
    if m.interface_note().is_some() {
        doc["interface_lang"] = json!(m.interface());
    }
    doc
}

/// A catalog as the report names it.
fn catalog(report: &Report) -> Value {
    json!({
        "id": report.catalog_id,
        "version": report.catalog_version,
        "sources": report.catalog_sources.iter().map(|(id, title)| json!({"id": id, "title": title})).collect::<Vec<_>>(),
    })
}

fn render(report: &Report, ctx: &Ctx<'_>) -> String {
    let mut doc = head(report.version, ctx.m);
    doc["catalog"] = catalog(report);
    doc["trackers"] = report
        .trackers
        .iter()
        .map(|t| tracker(t, ctx))
        .collect::<Vec<_>>()
        .into();
    to_text(&doc)
}

/// Trackers of several catalogs: `catalogs` (with their titles in the reader's
/// language), a null `catalog`, and the catalog's id on each tracker.
fn render_many(grouped: &Grouped, reader: &Reader<'_>) -> String {
    let m = reader.m;
    let version = grouped
        .groups
        .first()
        .map_or(env!("CARGO_PKG_VERSION"), |g| g.report.version);
    let mut doc = head(version, m);
    doc["catalog"] = Value::Null;
    doc["catalogs"] = grouped
        .groups
        .iter()
        .map(|g| {
            let mut c = catalog(&g.report);
            c["title"] = json!(m.text(&g.catalog.title));
            c
        })
        .collect::<Vec<_>>()
        .into();
    doc["trackers"] = grouped
        .trackers()
        .map(|(g, t)| with_catalog(tracker(t, &g.ctx(reader)), &g.catalog))
        .collect::<Vec<_>>()
        .into();
    to_text(&doc)
}

/// A tracker's object with the id of the catalog it follows.
pub(crate) fn with_catalog(mut tracker: Value, catalog: &Catalog) -> Value {
    tracker["catalog"] = json!(catalog.id);
    tracker
}

/// An object with one key per status id.
fn by_status(value: impl Fn(Status) -> Value) -> serde_json::Map<String, Value> {
    Status::ALL
        .into_iter()
        .map(|s| (s.id().to_string(), value(s)))
        .collect()
}

fn progress(p: &Progress, label: String) -> Value {
    json!({
        "key": p.key,
        "label": label,
        "steps": p.total(),
        "counts": by_status(|s| json!(p.count(s))),
        "percents": by_status(|s| json!(p.percent(s))),
        "score": p.score,
        "score_at_start": p.score_at_start,
        "trend": p.trend.id(),
    })
}

fn tracker(t: &TrackerReport, ctx: &Ctx<'_>) -> Value {
    let m = ctx.m;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    json!({
        "file": t.file,
        "id": t.id,
        "title": t.title,
        "as_of": t.as_of.to_string(),
        "period": {
            "from": t.period.from.to_string(),
            "to": t.period.to.to_string(),
            "name": t.period.shorthand(),
            "start_compared": t.period.start_date().to_string(),
        },
        "status": t.end.iter().map(|v| json!({
            "recommendation": v.recommendation,
            "step": v.step,
            "title": words::step_title(m, ctx.catalog, &v.recommendation, &v.step),
            "party": v.party,
            "status": v.status.id(),
            "label": m.status(v.status),
            "since": date(v.since),
            "last_evidence": date(v.last_evidence),
            "flags": v.flags.iter().map(|f| f.id()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "changes": t.changes.iter().map(|c| json!({
            "recommendation": c.recommendation,
            "step": c.step,
            "date": c.date.to_string(),
            "from": c.from.map(Status::id),
            "to": c.to.id(),
            "regression": c.is_regression(),
            "note": c.note,
            "corrected": date(c.corrected),
            "evidence": c.evidence.iter().map(|e| json!({
                "source": e.source,
                "locator": e.locator,
                "url": e.url,
                "stance": if e.contradicts { "contradicts" } else { "supports" },
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "progress": {
            "by_recommendation": t.by_recommendation.iter().map(|p| progress(p, words::progress_label(m, ctx.catalog, &t.parties, p, false))).collect::<Vec<_>>(),
            "by_party": t.by_party.iter().map(|p| progress(p, words::progress_label(m, ctx.catalog, &t.parties, p, true))).collect::<Vec<_>>(),
            "overall": progress(&t.overall, words::progress_label(m, ctx.catalog, &t.parties, &t.overall, false)),
            "unknown_steps": t.unknown_steps(),
        },
        "attention": t.attention.iter().map(|a| {
            let mut v = json!({
                "recommendation": a.recommendation,
                "step": a.step,
                "concern": a.concern.id(),
                "text": words::concern(m, a, ctx.stale_days),
            });
            match a.concern {
                Concern::Regressed { date, from, to } => {
                    v["date"] = json!(date.to_string());
                    v["from"] = json!(from.id());
                    v["to"] = json!(to.id());
                }
                Concern::Stale { last } => v["last_entry"] = json!(last.map(|d| d.to_string())),
                Concern::ReviewOverdue { due } => v["next_review"] = json!(due.map(|d| d.to_string())),
                Concern::Contested => {}
            }
            v
        }).collect::<Vec<_>>(),
        "sources": t.sources.iter().map(|s| json!({
            "id": s.id.value, "title": s.title, "publisher": s.publisher,
            "reference": s.reference, "published": s.published, "url": s.url,
        })).collect::<Vec<_>>(),
    })
}
