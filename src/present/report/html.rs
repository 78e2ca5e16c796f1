//! The report as one self-contained HTML page: styles inline, the timeline an inline
//! SVG, no script and no external asset, so it can be mailed, archived, opened offline
//! and printed to PDF as it is.
//!
//! Markup comes from `maud`, which escapes every interpolated text, so a note or a
//! title containing `<` or `&` cannot break the page.

use super::words::{self, rec_title, step_title};
use super::{Ctx, Group, Grouped, Progress, Reader, Report, TrackerReport, svg};
use crate::model::status::Status;
use crate::present::Render;
use crate::present::i18n::Messages;
use crate::present::text::escape::{self, Html as Text};
use maud::{DOCTYPE, Markup, PreEscaped, html};

const STYLE: &str = r"
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1em; margin-top: 1.2em; } h4 { font-size: 1em; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: .9em; width: 100%; }
th, td { border: 1px solid #ccc; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; white-space: nowrap; }
.facts { color: #444; } .facts b { color: #222; }
.warning { border-left: 4px solid #D55E00; padding: .3em .8em; background: #fff4ec; }
.status { white-space: nowrap; font-weight: bold; }
.swatch { display: inline-block; width: .9em; height: .9em; border: 1px solid #555; vertical-align: -.1em; margin-right: .3em; }
.id { font-family: Menlo, Consolas, monospace; font-size: .85em; color: #555; }
.note { font-size: .9em; } footer { margin-top: 2em; color: #666; font-size: .85em; }
figure { margin: 1em 0; } figcaption { font-size: .85em; color: #444; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
";

/// Which page: the whole periodic report, or `status --format html` (the status table
/// and the timeline only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Report,
    Status,
}

/// The whole report as one page.
#[derive(Debug, Clone, Copy)]
pub struct Html<'a>(pub Reader<'a>);

impl Render<Grouped> for Html<'_> {
    fn render(&self, grouped: &Grouped) -> String {
        page(grouped, &self.0, Page::Report)
    }
}

/// The status page: each tracker's status at the period's end and its timeline, no
/// period analysis (for `status --format html`).
pub fn status_page(grouped: &Grouped, reader: &Reader<'_>) -> String {
    page(grouped, reader, Page::Status)
}

/// A heading of `level` (1 to 6).
fn heading(level: u8, content: Markup) -> Markup {
    match level {
        1 => html! { h1 { (content) } },
        2 => html! { h2 { (content) } },
        3 => html! { h3 { (content) } },
        4 => html! { h4 { (content) } },
        5 => html! { h5 { (content) } },
        _ => html! { h6 { (content) } },
    }
}

/// The page's body for trackers of one catalog: the summary matrix when there are
/// several, then each tracker. `level` is the trackers' heading level; `first` the
/// index of the group's first tracker on the page, so anchors stay unique.
fn group_body(report: &Report, ctx: &Ctx<'_>, kind: Page, level: u8, first: usize) -> Markup {
    let many = report.trackers.len() > 1;
    html! {
        @if many && kind == Page::Report { (matrix(report, ctx, level, first)) }
        @for (i, t) in report.trackers.iter().enumerate() {
            @if kind == Page::Report { (tracker(t, ctx, first + i, level)) } @else { (status_only(t, ctx, first + i, level)) }
        }
    }
}

fn page(grouped: &Grouped, reader: &Reader<'_>, kind: Page) -> String {
    match grouped.single() {
        Some(g) => page_of(&g.report, &g.ctx(reader), kind),
        None => page_of_many(grouped, reader, kind),
    }
}

/// The `<html>` document around a body.
fn document(m: &Messages, version: &str, title: &str, body: Markup) -> String {
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(m.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("rectrack {version}"));
                title { (Text(title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                @if let Some(note) = m.interface_note() { p.warning { (note) } }
                (body)
            }
        }
    };
    // maud has escaped the markup; what is left is what a browser or a terminal
    // showing the file would not display as text.
    let mut text = escape::html(&page.into_string()).into_owned();
    text.push('\n');
    text
}

/// Trackers of several catalogs: a section per catalog, headed by its title and id,
/// with its own matrix and trackers, and a provenance line per catalog.
fn page_of_many(grouped: &Grouped, reader: &Reader<'_>, kind: Page) -> String {
    let m = reader.m;
    let title = match kind {
        Page::Status => m.get("status-page-title"),
        Page::Report => m.args(
            "report-title-many",
            &[("count", grouped.tracker_count().into())],
        ),
    };
    let mut first = 0;
    let sections: Vec<Markup> = grouped
        .groups
        .iter()
        .map(|g: &Group| {
            let ctx = g.ctx(reader);
            let section = html! {
                section.catalog {
                    h2 { (Text(&g.heading(m, str::to_string))) }
                    (group_body(&g.report, &ctx, kind, 3, first))
                }
            };
            first += g.report.trackers.len();
            section
        })
        .collect();
    let body = html! {
        h1 { (Text(&title)) }
        @for s in &sections { (s) }
        footer {
            @for (i, line) in grouped.provenance(m).iter().enumerate() {
                @if i > 0 { br; }
                (line)
            }
        }
    };
    let version = grouped
        .groups
        .first()
        .map_or(env!("CARGO_PKG_VERSION"), |g| g.report.version);
    document(m, version, &title, body)
}

fn page_of(report: &Report, ctx: &Ctx<'_>, kind: Page) -> String {
    let m = ctx.m;
    let title = match (kind, report.trackers.as_slice()) {
        (Page::Status, [one]) => format!(
            "{} — {}",
            one.title,
            m.args(
                "status-heading",
                &[("date", one.period.to.to_string().into())]
            )
        ),
        (Page::Status, _) => m.get("status-page-title"),
        (Page::Report, [one]) => m.args("report-title", &[("title", one.title.clone().into())]),
        (Page::Report, many) => m.args("report-title-many", &[("count", many.len().into())]),
    };
    let many = report.trackers.len() > 1;
    let body = html! {
        @if many { h1 { (Text(&title)) } }
        (group_body(report, ctx, kind, if many { 2 } else { 1 }, 0))
        footer { (words::provenance(m, report)) }
    };
    document(m, report.version, &title, body)
}

fn status_badge(m: &Messages, s: Status) -> Markup {
    let (fill, _) = svg::style(s);
    html! {
        span.status {
            span.swatch style=(format!("background:{fill}")) {}
            (m.status(s))
        }
    }
}

/// The summary matrix of one catalog's trackers; `first` is the index of its first
/// tracker on the page (their anchors).
fn matrix(report: &Report, ctx: &Ctx<'_>, level: u8, first: usize) -> Markup {
    let m = ctx.m;
    html! {
        section {
            (heading(level, html! { (m.get("matrix-heading")) }))
            p { (m.get("matrix-intro")) }
            table {
                thead { tr {
                    th { (m.get("col-tracker")) }
                    th { (m.get("col-period")) }
                    @for r in &ctx.catalog.recommendations { th { (m.rec_title(r)) } }
                    th { (m.get("all-steps")) }
                } }
                tbody {
                    @for (i, t) in report.trackers.iter().enumerate() {
                        tr {
                            td { a href=(format!("#tracker-{}", first + i)) { (Text(&t.title)) } }
                            td { (words::period(&t.period)) }
                            @for p in t.recommendation_rows() {
                                td.num { (words::matrix_cell(ctx, p)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The level of a tracker's sections (h3 under a tracker's h1 or h2, as ever; a level
/// below the tracker's heading otherwise).
fn section_level(level: u8) -> u8 {
    (level + 1).max(3)
}

fn tracker(t: &TrackerReport, ctx: &Ctx<'_>, index: usize, level: u8) -> Markup {
    let m = ctx.m;
    let title = m.args("report-title", &[("title", t.title.clone().into())]);
    let s = section_level(level);
    html! {
        article id=(format!("tracker-{index}")) {
            (heading(level, html! { (Text(&title)) }))
            p.facts {
                @for (i, (k, v)) in words::tracker_facts(m, t).into_iter().enumerate() {
                    @if i > 0 { " · " }
                    b { (k) (m.get("colon")) } " " (Text(&v))
                }
            }
            @if let Some(w) = words::coverage_warning(m, t) { p.warning { (w) } }
            (status_section(t, ctx, s))
            (changes_section(t, ctx, s))
            (progress_section(t, ctx, s))
            (attention_section(t, ctx, s))
            section {
                (heading(s, html! { (m.get("timeline-section")) }))
                figure {
                    (PreEscaped(svg::inline(t, ctx, &format!("rt{index}"), true)))
                    figcaption { (m.get("timeline-caption")) }
                }
            }
            @if t.cited().next().is_some() {
                section {
                    (heading(s, html! { (m.get("sources-heading")) }))
                    ul {
                        @for s in t.cited() {
                            li {
                                span.id { (Text(&s.id.value)) } (m.get("colon")) " " (Text(&words::source_line(s)))
                                @if let Some(url) = &s.url { " " a href=(Text(url)) { (Text(url)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn status_only(t: &TrackerReport, ctx: &Ctx<'_>, index: usize, level: u8) -> Markup {
    let m = ctx.m;
    let s = section_level(level);
    html! {
        article id=(format!("tracker-{index}")) {
            (heading(level, html! { (Text(&t.title)) }))
            p.facts {
                b { (m.get("label-as-of")) (m.get("colon")) } " " (t.as_of) " · "
                b { (m.get("label-file")) (m.get("colon")) } " " (Text(&t.file))
            }
            @if let Some(w) = words::status_warning(m, t) { p.warning { (w) } }
            (status_section(t, ctx, s))
            section {
                (heading(s, html! { (m.get("timeline-section")) }))
                figure {
                    (PreEscaped(svg::inline(t, ctx, &format!("rt{index}"), false)))
                }
            }
        }
    }
}

fn status_section(t: &TrackerReport, ctx: &Ctx<'_>, level: u8) -> Markup {
    let m = ctx.m;
    html! {
        section {
            (heading(level, html! { (m.args("status-heading", &[("date", t.period.to.to_string().into())])) }))
            p { (words::summary(m, &t.overall)) "." }
            table {
                thead { tr {
                    th { (m.get("col-recommendation")) } th { (m.get("col-step")) } th { (m.get("col-party")) }
                    th { (m.get("col-status")) } th { (m.get("col-since")) } th { (m.get("col-last-evidence")) } th { (m.get("col-flags")) }
                } }
                tbody {
                    @for (i, v) in t.end.iter().enumerate() {
                        tr {
                            td {
                                @if i == 0 || t.end[i - 1].recommendation != v.recommendation {
                                    (rec_title(m, ctx.catalog, &v.recommendation))
                                }
                            }
                            td { (step_title(m, ctx.catalog, &v.recommendation, &v.step)) " " span.id { (v.step) } }
                            td { (m.party(&v.party, ctx.catalog, &t.parties)) }
                            td { (status_badge(m, v.status)) }
                            td.num { (words::date_or_dash(v.since)) }
                            td.num { (words::date_or_dash(v.last_evidence)) }
                            td { @for (j, f) in v.flags.iter().enumerate() { @if j > 0 { ", " } (m.get(&format!("flag-{}", f.id()))) } }
                        }
                    }
                }
            }
        }
    }
}

fn changes_section(t: &TrackerReport, ctx: &Ctx<'_>, level: u8) -> Markup {
    let m = ctx.m;
    let quiet = words::quiet_recommendations(m, ctx.catalog, t);
    html! {
        section {
            (heading(level, html! { (m.get("changes-heading")) }))
            @if t.changes.is_empty() {
                p { (m.args("no-changes", &[("period", words::period(&t.period).into())])) }
            } @else {
                p { (m.args("changes-intro", &[("count", t.changes.len().into())])) }
                @for rec in &ctx.catalog.recommendations {
                    @if t.changes_of(&rec.id).next().is_some() {
                        (heading(level + 1, html! { (m.rec_title(rec)) }))
                        table {
                            thead { tr {
                                th { (m.get("col-date")) } th { (m.get("col-step")) } th { (m.get("col-change")) }
                                th { (m.get("col-note")) } th { (m.get("col-sources")) }
                            } }
                            tbody {
                                @for c in t.changes_of(&rec.id) {
                                    tr {
                                        td.num { (c.date) }
                                        td { (step_title(m, ctx.catalog, &c.recommendation, &c.step)) }
                                        td { (words::transition(m, c.from, c.to)) }
                                        td.note { (Text(&words::change_note(m, c))) }
                                        td.note {
                                            @for (j, e) in c.evidence.iter().enumerate() {
                                                @if j > 0 { "; " }
                                                @if let Some(url) = &e.url { a href=(Text(url)) { (Text(&words::cited(m, e))) } } @else { (Text(&words::cited(m, e))) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !quiet.is_empty() {
                    p { (m.get("no-change-for")) (m.get("colon")) " " (quiet.join(", ")) "." }
                }
            }
        }
    }
}

fn progress_table<'a>(
    rows: impl Iterator<Item = &'a Progress>,
    ctx: &Ctx<'_>,
    names: &[(String, crate::model::catalog::Text)],
    by_party: bool,
) -> Markup {
    let m = ctx.m;
    html! {
        table {
            thead { tr {
                th { (m.get(if by_party { "col-party" } else { "col-recommendation" })) }
                th { (m.get("col-steps")) }
                @for s in Status::ALL { th { (status_badge(m, s)) } }
                th { (m.get("col-score")) } th { (m.get("col-trend")) }
            } }
            tbody {
                @for p in rows {
                    tr {
                        td { (words::progress_label(m, ctx.catalog, names, p, by_party)) }
                        td.num { (p.total()) }
                        @for s in Status::ALL { td.num { (words::count_cell(m, p, s)) } }
                        td.num { (words::score_cell(m, p)) }
                        td { (words::trend_cell(m, p)) }
                    }
                }
            }
        }
    }
}

fn progress_section(t: &TrackerReport, ctx: &Ctx<'_>, level: u8) -> Markup {
    let m = ctx.m;
    let unknown = t.unknown_steps();
    html! {
        section {
            (heading(level, html! { (m.get("progress-heading")) }))
            p { (words::score_scale(m)) " " (words::trend_rule(m, t)) }
            (heading(level + 1, html! { (m.get("by-recommendation")) }))
            (progress_table(t.recommendation_rows(), ctx, &t.parties, false))
            (heading(level + 1, html! { (m.get("by-party")) }))
            (progress_table(t.by_party.iter(), ctx, &t.parties, true))
            @if !unknown.is_empty() {
                p {
                    (m.args("unknown-apart", &[("count", unknown.len().into())])) (m.get("colon")) " "
                    @for (i, u) in unknown.iter().enumerate() { @if i > 0 { ", " } span.id { (u) } }
                    "."
                }
            }
        }
    }
}

fn attention_section(t: &TrackerReport, ctx: &Ctx<'_>, level: u8) -> Markup {
    let m = ctx.m;
    html! {
        section {
            (heading(level, html! { (m.get("attention-heading")) }))
            @if t.attention.is_empty() {
                p { (m.get("attention-none")) }
            } @else {
                ul {
                    @for a in &t.attention {
                        li {
                            b { (words::concern_label(m, a)) } " — "
                            (step_title(m, ctx.catalog, &a.recommendation, &a.step)) " "
                            span.id { (a.recommendation) "/" (a.step) }
                            (m.get("colon")) " " (words::concern(m, a, ctx.stale_days))
                        }
                    }
                }
            }
        }
    }
}
