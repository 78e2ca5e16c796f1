//! The timeline picture: one lane per step, coloured by status over time, the reporting
//! period shaded, and a legend.
//!
//! Colours are the Okabe–Ito palette, chosen to stay distinct under the common forms
//! of colour blindness; and since a printout may be black and white, statuses also
//! differ by pattern (hatching, stripes, cross-hatching) and each run long enough
//! carries its status name. Every run has a `<title>` (a tooltip in browsers) with its
//! dates. Written with an XML writer so the file is well-formed and every text is
//! escaped, whether it stands alone or inside the HTML report.

use super::{Ctx, Grouped, Reader, TrackerReport};
use crate::model::status::Status;
use crate::present::Render;
use crate::present::text::escape;
use chrono::{Datelike, NaiveDate};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use quick_xml::events::attributes::Attribute;
use quick_xml::name::QName;
use std::io;

const WIDTH: f64 = 960.0;
const LABEL_W: f64 = 230.0;
const RIGHT: f64 = 16.0;
const LANE_H: f64 = 16.0;
const LANE_GAP: f64 = 4.0;
const GROUP_H: f64 = 20.0;
const TOP: f64 = 64.0;
const LEGEND_H: f64 = 56.0;

/// Fill colour and pattern of a status.
pub fn style(status: Status) -> (&'static str, Option<&'static str>) {
    match status {
        Status::Unknown => ("#FFFFFF", Some("hatch")),
        Status::NotStarted => ("#CCCCCC", None),
        Status::InProgress => ("#56B4E9", None),
        Status::Stalled => ("#E69F00", Some("stripes")),
        Status::Achieved => ("#009E73", None),
        Status::Reversed => ("#D55E00", Some("cross")),
    }
}

type W = Writer<Vec<u8>>;

/// The period's band (and its legend swatch): translucent grey, dashed outline.
fn period_style(stroke_width: &str) -> [(&'static str, &str); 5] {
    [
        ("fill", "#000000"),
        ("fill-opacity", "0.12"),
        ("stroke", "#000000"),
        ("stroke-dasharray", "3 2"),
        ("stroke-width", stroke_width),
    ]
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

fn text(w: &mut W, x: f64, y: f64, attrs: &[(&str, &str)], content: &str) -> io::Result<()> {
    w.create_element("text")
        .with_attribute(("x", fmt(x).as_str()))
        .with_attribute(("y", fmt(y).as_str()))
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::from_escaped(escape::xml(content)))?;
    Ok(())
}

fn rect(
    w: &mut W,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    attrs: &[(&str, &str)],
) -> io::Result<()> {
    w.create_element("rect")
        .with_attribute(("x", fmt(x).as_str()))
        .with_attribute(("y", fmt(y).as_str()))
        .with_attribute(("width", fmt(width).as_str()))
        .with_attribute(("height", fmt(height).as_str()))
        .with_attributes(attrs.iter().copied())
        .write_empty()?;
    Ok(())
}

/// Height of one tracker's picture.
fn height(t: &TrackerReport, ctx: &Ctx<'_>) -> f64 {
    let groups = ctx.catalog.recommendations.len() as f64;
    TOP + groups * GROUP_H + t.lanes.len() as f64 * (LANE_H + LANE_GAP) + LEGEND_H
}

/// The picture alone, as a standalone SVG file: every tracker's timeline, one under
/// the other (group after group when trackers follow several catalogs, each drawn
/// with its own catalog's steps).
#[derive(Debug, Clone, Copy)]
pub struct Svg<'a>(pub Reader<'a>);

impl Render<Grouped> for Svg<'_> {
    fn render(&self, grouped: &Grouped) -> String {
        let pictures: Vec<(&TrackerReport, Ctx<'_>)> = grouped
            .trackers()
            .map(|(g, t)| (t, g.ctx(&self.0)))
            .collect();
        render(&pictures)
    }
}

fn render(pictures: &[(&TrackerReport, Ctx<'_>)]) -> String {
    let total: f64 = pictures.iter().map(|(t, ctx)| height(t, ctx)).sum();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let result = w
        .create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", fmt(WIDTH).as_str()),
            ("height", fmt(total.max(1.0)).as_str()),
            (
                "viewBox",
                format!("0 0 {} {}", fmt(WIDTH), fmt(total.max(1.0))).as_str(),
            ),
            ("font-family", "Helvetica, Arial, sans-serif"),
        ])
        .write_inner_content(|w| {
            rect(w, 0.0, 0.0, WIDTH, total, &[("fill", "#FFFFFF")])?;
            let mut y = 0.0;
            for (i, (t, ctx)) in pictures.iter().enumerate() {
                w.create_element("g")
                    .with_attribute(("transform", format!("translate(0 {})", fmt(y)).as_str()))
                    .write_inner_content(|w| body(w, t, ctx, &format!("rt{i}"), true))?;
                y += height(t, ctx);
            }
            Ok(())
        })
        .map(|_| ());
    finish(w, result)
}

/// One tracker's timeline as an `<svg>` element, to inline in HTML. `prefix` keeps
/// pattern ids unique when several pictures share a page; `shade` marks the period
/// (a status page has none).
pub fn inline(t: &TrackerReport, ctx: &Ctx<'_>, prefix: &str, shade: bool) -> String {
    let h = height(t, ctx);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let label = ctx.m.args(
        "timeline-alt",
        &[
            ("title", t.title.clone().into()),
            ("from", t.timeline_start.to_string().into()),
            ("to", t.period.to.to_string().into()),
        ],
    );
    let result = w
        .create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", format!("0 0 {} {}", fmt(WIDTH), fmt(h)).as_str()),
            ("width", "100%"),
            ("role", "img"),
        ])
        // Escaped here by the one XML escaper, and written as it is (a value given as
        // an `Attribute` is not escaped again by the writer).
        .with_attribute(Attribute {
            key: QName("aria-label"),
            value: escape::xml(&label).into(),
        })
        .with_attribute(("font-family", "Helvetica, Arial, sans-serif"))
        .write_inner_content(|w| body(w, t, ctx, prefix, shade))
        .map(|_| ());
    finish(w, result)
}

fn finish(w: W, result: io::Result<()>) -> String {
    // Writing into a Vec cannot fail; an empty picture is the harmless fallback.
    match result {
        Ok(()) => String::from_utf8_lossy(&w.into_inner()).into_owned(),
        Err(_) => String::new(),
    }
}

fn defs(w: &mut W, prefix: &str) -> io::Result<()> {
    w.create_element("defs").write_inner_content(|w| {
        // Patterns are drawn in dark ink over the status colour, so they survive
        // greyscale printing.
        let pattern = |w: &mut W, name: &str, paths: &str| -> io::Result<()> {
            w.create_element("pattern")
                .with_attributes([
                    ("id", format!("{prefix}-{name}").as_str()),
                    ("patternUnits", "userSpaceOnUse"),
                    ("width", "6"),
                    ("height", "6"),
                ])
                .write_inner_content(|w| {
                    w.create_element("path")
                        .with_attributes([
                            ("d", paths),
                            ("stroke", "#333333"),
                            ("stroke-width", "1"),
                            ("fill", "none"),
                        ])
                        .write_empty()?;
                    Ok(())
                })?;
            Ok(())
        };
        pattern(w, "hatch", "M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5")?;
        pattern(w, "stripes", "M0,1.5 H6 M0,4.5 H6")?;
        pattern(w, "cross", "M0,0 L6,6 M6,0 L0,6")?;
        Ok(())
    })?;
    Ok(())
}

fn paint(
    w: &mut W,
    prefix: &str,
    status: Status,
    x: f64,
    y: f64,
    width: f64,
    h: f64,
) -> io::Result<()> {
    let (fill, pattern) = style(status);
    rect(
        w,
        x,
        y,
        width,
        h,
        &[
            ("fill", fill),
            ("stroke", "#555555"),
            ("stroke-width", "0.5"),
        ],
    )?;
    if let Some(p) = pattern {
        let url = format!("url(#{prefix}-{p})");
        rect(
            w,
            x,
            y,
            width,
            h,
            &[("fill", url.as_str()), ("opacity", "0.55")],
        )?;
    }
    Ok(())
}

/// Tick dates and their labels: years on long spans, quarters on medium ones, months
/// on short ones.
fn ticks(start: NaiveDate, end: NaiveDate) -> Vec<(NaiveDate, String)> {
    let days = (end - start).num_days();
    let step_months: u32 = if days > 3 * 365 {
        12
    } else if days > 240 {
        3
    } else {
        1
    };
    let mut out = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(start.year(), 1, 1).unwrap_or(start);
    while d <= end {
        if d >= start {
            let label = if step_months == 12 {
                d.year().to_string()
            } else {
                format!("{}-{:02}", d.year(), d.month())
            };
            out.push((d, label));
        }
        match d.checked_add_months(chrono::Months::new(step_months)) {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

fn body(w: &mut W, t: &TrackerReport, ctx: &Ctx<'_>, prefix: &str, shade: bool) -> io::Result<()> {
    let m = ctx.m;
    defs(w, prefix)?;
    let start = t.timeline_start;
    let end = t.period.to;
    let span_days = ((end - start).num_days() + 1).max(1) as f64;
    let plot_w = WIDTH - LABEL_W - RIGHT;
    let day_w = plot_w / span_days;
    let x_of = |d: NaiveDate| LABEL_W + (d - start).num_days() as f64 * plot_w / span_days;
    // Where a day ends: runs and the period cover their last day whole.
    let x_after = |d: NaiveDate| x_of(d) + day_w;
    let lanes_top = TOP;
    let lanes_h = height(t, ctx) - TOP - LEGEND_H;
    text(
        w,
        8.0,
        18.0,
        &[("font-size", "14"), ("font-weight", "bold")],
        &m.args("timeline-heading", &[("title", t.title.clone().into())]),
    )?;
    for (d, label) in ticks(start, end) {
        let x = x_of(d);
        w.create_element("line")
            .with_attributes([
                ("x1", fmt(x).as_str()),
                ("x2", fmt(x).as_str()),
                ("y1", fmt(42.0).as_str()),
                ("y2", fmt(lanes_top + lanes_h).as_str()),
                ("stroke", "#BBBBBB"),
                ("stroke-width", "0.5"),
            ])
            .write_empty()?;
        text(
            w,
            x + 2.0,
            52.0,
            &[("font-size", "9"), ("fill", "#444444")],
            &label,
        )?;
    }
    let mut y = lanes_top;
    for rec in &ctx.catalog.recommendations {
        text(
            w,
            8.0,
            y + 14.0,
            &[("font-size", "11"), ("font-weight", "bold")],
            &m.rec_title(rec),
        )?;
        y += GROUP_H;
        for lane in t.lanes.iter().filter(|l| l.recommendation == rec.id) {
            text(w, 16.0, y + 12.0, &[("font-size", "10")], &lane.step)?;
            for (a, b, status) in &lane.segments {
                let x0 = x_of(*a);
                let x1 = x_after(*b);
                let name = m.status(*status);
                w.create_element("g").write_inner_content(|w| {
                    w.create_element("title")
                        .write_text_content(BytesText::from_escaped(escape::xml(&format!(
                            "{} — {}: {name} ({a} – {b})",
                            lane.step, rec.id
                        ))))?;
                    paint(w, prefix, *status, x0, y, (x1 - x0).max(0.5), LANE_H)?;
                    // A name where it fits (about 5.5 px per character at this size).
                    if x1 - x0 > name.chars().count() as f64 * 5.5 + 8.0 {
                        text(
                            w,
                            x0 + 4.0,
                            y + 11.5,
                            &[
                                ("font-size", "9"),
                                ("paint-order", "stroke"),
                                ("stroke", "#FFFFFF"),
                                ("stroke-width", "2.5"),
                            ],
                            &name,
                        )?;
                    }
                    Ok(())
                })?;
            }
            y += LANE_H + LANE_GAP;
        }
    }
    // The period, shaded over the lanes (translucent, so statuses show through) and
    // named above them, right-aligned on its end.
    if shade {
        let (px0, px1) = (x_of(t.period.from.max(start)), x_after(end));
        rect(
            w,
            px0,
            lanes_top - 4.0,
            (px1 - px0).max(1.0),
            lanes_h + 4.0,
            &period_style("1"),
        )?;
        text(
            w,
            px1,
            lanes_top - 28.0,
            &[
                ("font-size", "10"),
                ("text-anchor", "end"),
                ("font-weight", "bold"),
            ],
            &format!(
                "{} ({})",
                m.get("timeline-period"),
                super::words::period(&t.period)
            ),
        )?;
    }
    // Legend: every status with its colour and pattern, then the period.
    let ly = y + 18.0;
    text(
        w,
        8.0,
        ly + 10.0,
        &[("font-size", "10"), ("font-weight", "bold")],
        &m.get("timeline-legend"),
    )?;
    let mut lx = LABEL_W;
    for status in Status::ALL {
        paint(w, prefix, status, lx, ly, 22.0, 12.0)?;
        let name = m.status(status);
        text(w, lx + 26.0, ly + 10.0, &[("font-size", "10")], &name)?;
        lx += 34.0 + name.chars().count() as f64 * 5.6;
    }
    if !shade {
        return Ok(());
    }
    rect(w, lx, ly, 22.0, 12.0, &period_style("0.8"))?;
    text(
        w,
        lx + 26.0,
        ly + 10.0,
        &[("font-size", "10")],
        &m.get("timeline-period"),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::date::parse_date(s).unwrap()
    }

    #[test]
    fn ticks_by_span() {
        let years: Vec<String> = ticks(d("2019-05-01"), d("2023-06-30"))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(years, ["2020", "2021", "2022", "2023"]);
        let quarters: Vec<String> = ticks(d("2020-02-10"), d("2021-12-10"))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(quarters.first().map(String::as_str), Some("2020-04"));
        assert_eq!(quarters.last().map(String::as_str), Some("2021-10"));
        let months: Vec<String> = ticks(d("2021-10-01"), d("2021-12-31"))
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(months, ["2021-10", "2021-11", "2021-12"]);
    }

    #[test]
    fn every_status_differs_in_colour_and_patterned_ones_in_pattern() {
        let styles: Vec<_> = Status::ALL.into_iter().map(style).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.0, b.0);
                if a.1.is_some() && b.1.is_some() {
                    assert_ne!(a.1, b.1);
                }
            }
        }
    }
}
