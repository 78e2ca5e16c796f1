//! The report as Markdown: pipe tables and plain paragraphs, which GitHub and pandoc
//! both render.

use super::words::{self, rec_title, step_title};
use super::{Ctx, Grouped, Progress, Reader, Report, TrackerReport};
use crate::model::status::Status;
use crate::present::Render;
use crate::present::text::escape;
/// Every piece of text in a Markdown report, cell, heading or list item, goes through
/// the one Markdown escaper.
use crate::present::text::escape::markdown as cell;
use std::fmt::Write as _;

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn header(out: &mut String, cells: &[String]) {
    row(out, cells);
    let rule: Vec<String> = cells.iter().map(|_| "---".to_string()).collect();
    row(out, &rule);
}

/// The report as Markdown.
#[derive(Debug, Clone, Copy)]
pub struct Markdown<'a>(pub Reader<'a>);

impl Render<Grouped> for Markdown<'_> {
    fn render(&self, grouped: &Grouped) -> String {
        match grouped.single() {
            Some(g) => render(&g.report, &g.ctx(&self.0)),
            None => render_many(grouped, &self.0),
        }
    }
}

/// The note that rectrack's words are in English for want of a translation.
fn interface_note(out: &mut String, m: &crate::present::i18n::Messages) {
    if let Some(note) = m.interface_note() {
        let _ = writeln!(out, "> {}\n", cell(&note));
    }
}

/// Trackers of several catalogs: a section per catalog, with its own summary matrix
/// and its trackers a level down, and a provenance line per catalog.
fn render_many(grouped: &Grouped, reader: &Reader<'_>) -> String {
    let m = reader.m;
    let mut out = String::new();
    interface_note(&mut out, m);
    let _ = writeln!(
        out,
        "# {}\n",
        m.args(
            "report-title-many",
            &[("count", grouped.tracker_count().into())]
        )
    );
    for g in &grouped.groups {
        let ctx = g.ctx(reader);
        let _ = writeln!(out, "## {}\n", g.heading(m, cell));
        if g.report.trackers.len() > 1 {
            matrix(&mut out, &g.report, &ctx, "###");
        }
        for t in &g.report.trackers {
            tracker(&mut out, t, &ctx, "###");
        }
    }
    let lines: Vec<String> = grouped
        .provenance(m)
        .iter()
        .map(|p| format!("*{p}*"))
        .collect();
    let _ = writeln!(out, "---\n\n{}", lines.join("\n\n"));
    out
}

fn render(report: &Report, ctx: &Ctx<'_>) -> String {
    let m = ctx.m;
    let mut out = String::new();
    interface_note(&mut out, m);
    if report.trackers.len() > 1 {
        let _ = writeln!(
            out,
            "# {}\n",
            m.args(
                "report-title-many",
                &[("count", report.trackers.len().into())]
            )
        );
        matrix(&mut out, report, ctx, "##");
        for t in &report.trackers {
            tracker(&mut out, t, ctx, "##");
        }
    } else if let Some(t) = report.trackers.first() {
        tracker(&mut out, t, ctx, "#");
    }
    let _ = writeln!(out, "---\n\n*{}*", words::provenance(m, report));
    out
}

fn matrix(out: &mut String, report: &Report, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let _ = writeln!(
        out,
        "{h} {}\n\n{}\n",
        m.get("matrix-heading"),
        m.get("matrix-intro")
    );
    let mut head = vec![m.get("col-tracker"), m.get("col-period")];
    head.extend(
        ctx.catalog
            .recommendations
            .iter()
            .map(|r| cell(&m.rec_title(r))),
    );
    head.push(m.get("all-steps"));
    header(out, &head);
    for t in &report.trackers {
        let mut cells = vec![cell(&t.title), words::period(&t.period)];
        cells.extend(t.recommendation_rows().map(|p| words::matrix_cell(ctx, p)));
        row(out, &cells);
    }
    out.push('\n');
}

fn tracker(out: &mut String, t: &TrackerReport, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let _ = writeln!(
        out,
        "{h} {}\n",
        m.args("report-title", &[("title", cell(&t.title).into())])
    );
    let facts: Vec<String> = words::tracker_facts(m, t)
        .into_iter()
        .map(|(k, v)| format!("**{k}**{} {}", m.get("colon"), cell(&v)))
        .collect();
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(w) = words::coverage_warning(m, t) {
        let _ = writeln!(out, "> {w}\n");
    }
    status_section(out, t, ctx, h);
    changes_section(out, t, ctx, h);
    progress_section(out, t, ctx, h);
    attention_section(out, t, ctx, h);
    sources_section(out, t, ctx, h);
}

fn status_section(out: &mut String, t: &TrackerReport, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let _ = writeln!(
        out,
        "{h}# {}\n\n{}.\n",
        m.args(
            "status-heading",
            &[("date", t.period.to.to_string().into())]
        ),
        words::summary(m, &t.overall)
    );
    header(
        out,
        &[
            m.get("col-recommendation"),
            m.get("col-step"),
            m.get("col-party"),
            m.get("col-status"),
            m.get("col-since"),
            m.get("col-last-evidence"),
            m.get("col-flags"),
        ],
    );
    let mut last_rec = "";
    for v in &t.end {
        let rec = if v.recommendation == last_rec {
            String::new()
        } else {
            cell(&rec_title(m, ctx.catalog, &v.recommendation))
        };
        last_rec = &v.recommendation;
        let flags: Vec<String> = v
            .flags
            .iter()
            .map(|f| m.get(&format!("flag-{}", f.id())))
            .collect();
        row(
            out,
            &[
                rec,
                format!(
                    "{} (`{}`)",
                    cell(&step_title(m, ctx.catalog, &v.recommendation, &v.step)),
                    v.step
                ),
                cell(&m.party(&v.party, ctx.catalog, &t.parties)),
                format!("**{}**", m.status(v.status)),
                words::date_or_dash(v.since),
                words::date_or_dash(v.last_evidence),
                flags.join(", "),
            ],
        );
    }
    out.push('\n');
}

fn changes_section(out: &mut String, t: &TrackerReport, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let _ = writeln!(out, "{h}# {}\n", m.get("changes-heading"));
    if t.changes.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            m.args("no-changes", &[("period", words::period(&t.period).into())])
        );
        return;
    }
    let _ = writeln!(
        out,
        "{}\n",
        m.args("changes-intro", &[("count", t.changes.len().into())])
    );
    for rec in &ctx.catalog.recommendations {
        let changes: Vec<_> = t.changes_of(&rec.id).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{h}## {}\n", cell(&m.rec_title(rec)));
        header(
            out,
            &[
                m.get("col-date"),
                m.get("col-step"),
                m.get("col-change"),
                m.get("col-note"),
                m.get("col-sources"),
            ],
        );
        for c in changes {
            let sources: Vec<String> = c.evidence.iter().map(|e| words::cited(m, e)).collect();
            row(
                out,
                &[
                    c.date.to_string(),
                    cell(&step_title(m, ctx.catalog, &c.recommendation, &c.step)),
                    words::transition(m, c.from, c.to),
                    cell(&words::change_note(m, c)),
                    cell(&sources.join("; ")),
                ],
            );
        }
        out.push('\n');
    }
    let quiet = words::quiet_recommendations(m, ctx.catalog, t);
    if !quiet.is_empty() {
        let _ = writeln!(
            out,
            "{}{} {}.\n",
            m.get("no-change-for"),
            m.get("colon"),
            cell(&quiet.join(", "))
        );
    }
}

fn progress_table<'a>(
    out: &mut String,
    rows: impl Iterator<Item = &'a Progress>,
    ctx: &Ctx<'_>,
    names: &[(String, crate::model::catalog::Text)],
    by_party: bool,
) {
    let m = ctx.m;
    let mut head = vec![
        m.get(if by_party {
            "col-party"
        } else {
            "col-recommendation"
        }),
        m.get("col-steps"),
    ];
    head.extend(Status::ALL.into_iter().map(|s| m.status(s)));
    head.push(m.get("col-score"));
    head.push(m.get("col-trend"));
    header(out, &head);
    for p in rows {
        let mut cells = vec![
            cell(&words::progress_label(m, ctx.catalog, names, p, by_party)),
            p.total().to_string(),
        ];
        cells.extend(Status::ALL.into_iter().map(|s| words::count_cell(m, p, s)));
        cells.push(words::score_cell(m, p));
        cells.push(words::trend_cell(m, p));
        row(out, &cells);
    }
    out.push('\n');
}

fn progress_section(out: &mut String, t: &TrackerReport, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let _ = writeln!(
        out,
        "{h}# {}\n\n{} {}\n",
        m.get("progress-heading"),
        words::score_scale(m),
        words::trend_rule(m, t)
    );
    let _ = writeln!(out, "{h}## {}\n", m.get("by-recommendation"));
    progress_table(out, t.recommendation_rows(), ctx, &t.parties, false);
    let _ = writeln!(out, "{h}## {}\n", m.get("by-party"));
    progress_table(out, t.by_party.iter(), ctx, &t.parties, true);
    let unknown: Vec<String> = t
        .unknown_steps()
        .iter()
        .map(|id| format!("`{id}`"))
        .collect();
    if !unknown.is_empty() {
        let _ = writeln!(
            out,
            "{}{} {}.\n",
            m.args("unknown-apart", &[("count", unknown.len().into())]),
            m.get("colon"),
            unknown.join(", ")
        );
    }
}

fn attention_section(out: &mut String, t: &TrackerReport, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let _ = writeln!(out, "{h}# {}\n", m.get("attention-heading"));
    if t.attention.is_empty() {
        let _ = writeln!(out, "{}\n", m.get("attention-none"));
        return;
    }
    for a in &t.attention {
        let _ = writeln!(
            out,
            "- **{}** — {} (`{}/{}`){} {}",
            words::concern_label(m, a),
            cell(&step_title(m, ctx.catalog, &a.recommendation, &a.step)),
            a.recommendation,
            a.step,
            m.get("colon"),
            words::concern(m, a, ctx.stale_days)
        );
    }
    out.push('\n');
}

fn sources_section(out: &mut String, t: &TrackerReport, ctx: &Ctx<'_>, h: &str) {
    let m = ctx.m;
    let mut cited = t.cited().peekable();
    if cited.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "{h}# {}\n", m.get("sources-heading"));
    for s in cited {
        let _ = writeln!(
            out,
            "- `{}`{} {}",
            s.id.value,
            m.get("colon"),
            cell(&words::source_line(s))
        );
        if let Some(url) = &s.url {
            let _ = writeln!(out, "  {}", escape::markdown_link(url));
        }
    }
    out.push('\n');
}
