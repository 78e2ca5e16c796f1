//! The report as JSON, for scripts. The shape is documented in
//! `docs/report-json.md` and versioned by [`version::REPORT`].
//!
//! Keys and codes (status ids, concern ids, trend ids) are the same in every language;
//! only the human labels that sit beside them (`title`, `label`) follow `--lang`, so a
//! script written against the English report reads the French one too.

use super::{Concern, Ctx, Progress, Report, TrackerReport, words};
use crate::model::status::Status;
use crate::present::Render;
use crate::present::text::json::{to_text, version};
use serde_json::{Value, json};

/// The report as JSON.
#[derive(Debug, Clone, Copy)]
pub struct Json<'a>(pub Ctx<'a>);

impl Render<Report> for Json<'_> {
    fn render(&self, report: &Report) -> String {
        render(report, &self.0)
    }
}

fn render(report: &Report, ctx: &Ctx<'_>) -> String {
    let m = ctx.m;
    let doc = json!({
        "version": version::REPORT,
        "rectrack": report.version,
        "lang": m.code(),
        "catalog": {
            "id": report.catalog_id,
            "version": report.catalog_version,
            "sources": report.catalog_sources.iter().map(|(id, title)| json!({"id": id, "title": title})).collect::<Vec<_>>(),
        },
        "score_scale": by_status(|s| json!(super::score(s))),
        "trackers": report.trackers.iter().map(|t| tracker(t, ctx)).collect::<Vec<_>>(),
    });
    to_text(&doc)
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
