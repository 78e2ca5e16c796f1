//! The `catalog` command's output: where every step comes from, and what the source
//! documents suggest that no step follows.
//!
//! Enters: the catalog (the model) and the reader's language; leaves: a terminal
//! table ([`Table`]), Markdown ([`Markdown`]) or JSON ([`Json`]), each a
//! [`Render`] of the catalog. Everything a reader sees is in the asked language:
//! titles, descriptions, locators and party names. Only ids (which trackers use) and
//! the documents' own titles and references stay as they are. Catalog text goes
//! through the escaper of each output kind like any other data.

use crate::model::catalog::Catalog;
use crate::present::Render;
use crate::present::i18n::{Arg, Messages};
use crate::present::text::escape;
use crate::present::text::json::to_text;
use comfy_table::{ContentArrangement, Table as Grid, presets};

/// `icg-306 (Africa Report N°306), Executive Summary, first measure`.
fn source_ref(catalog: &Catalog, source: &str, locator: &str) -> String {
    let title = catalog
        .sources
        .get(source)
        .and_then(|s| s.reference.clone().or_else(|| s.publisher.clone()))
        .unwrap_or_default();
    if title.is_empty() {
        format!("{source}, {locator}")
    } else {
        format!("{source} ({title}), {locator}")
    }
}

/// "7 suggestions of the source documents are followed by no step, and why:".
fn left_out_intro(catalog: &Catalog, m: &Messages) -> String {
    m.args(
        "left-out-intro",
        &[("count", Arg::from(catalog.not_tracked.len()))],
    )
}

fn new_table<const N: usize>(m: &Messages, header: [&str; N]) -> Grid {
    let mut table = Grid::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(100)
        .set_header(header.map(|id| human(&m.get(id))));
    table
}

/// Terminal text: hidden characters made visible (see [`escape::human`]).
fn human(s: &str) -> String {
    escape::human(s).into_owned()
}

/// A terminal table: one row per step under its recommendation, in the reader's
/// language.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a>(pub &'a Messages);

impl Render<Catalog> for Table<'_> {
    fn render(&self, catalog: &Catalog) -> String {
        table(catalog, self.0)
    }
}

/// Markdown: a section per recommendation, then what is not tracked, in the reader's
/// language.
#[derive(Debug, Clone, Copy)]
pub struct Markdown<'a>(pub &'a Messages);

impl Render<Catalog> for Markdown<'_> {
    fn render(&self, catalog: &Catalog) -> String {
        markdown(catalog, self.0)
    }
}

/// JSON, for scripts: ids as always; titles, descriptions, locators and party names
/// in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct Json<'a>(pub &'a Messages);

impl Render<Catalog> for Json<'_> {
    fn render(&self, catalog: &Catalog) -> String {
        json(catalog, self.0)
    }
}

fn table(catalog: &Catalog, m: &Messages) -> String {
    let colon = m.get("colon");
    let mut out = String::new();
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "{} — {}\n  {}\n  {}{colon} {}\n",
            human(&rec.id),
            human(&m.rec_title(rec)),
            human(&m.rec_description(rec)),
            m.get("col-source"),
            human(&source_ref(catalog, &rec.source, &m.rec_locator(rec)))
        ));
        let mut table = new_table(m, ["col-step", "col-party", "col-what", "col-source"]);
        for step in &rec.steps {
            table.add_row(
                [
                    step.id.clone(),
                    m.party(&step.party),
                    format!(
                        "{}{colon} {}",
                        m.step_title(rec, step),
                        m.step_description(rec, step)
                    ),
                    format!("{}, {}", step.source, m.step_locator(rec, step)),
                ]
                .map(|c| human(&c)),
            );
        }
        out.push_str(&format!("{table}\n\n"));
    }
    if !catalog.not_tracked.is_empty() {
        out.push_str(&format!(
            "{}\n  {}\n",
            m.get("left-out-heading"),
            left_out_intro(catalog, m)
        ));
        let mut table = new_table(m, ["col-suggestion", "col-why-not", "col-source"]);
        for item in &catalog.not_tracked {
            table.add_row(
                [
                    m.not_tracked_summary(item),
                    m.not_tracked_why(item),
                    format!("{}, {}", item.source, m.not_tracked_locator(item)),
                ]
                .map(|c| human(&c)),
            );
        }
        out.push_str(&format!("{table}\n\n"));
    }
    out.push_str(&m.args(
        "catalog-summary",
        &[
            ("recs", Arg::from(catalog.recommendations.len())),
            ("steps", Arg::from(catalog.steps().count())),
        ],
    ));
    out.push('\n');
    for (id, s) in &catalog.sources {
        out.push_str(&format!("  {}{colon} {}", human(id), human(&s.title)));
        for part in [&s.publisher, &s.reference, &s.published]
            .into_iter()
            .flatten()
        {
            out.push_str(&format!(", {}", human(part)));
        }
        out.push('\n');
    }
    out
}

fn markdown(catalog: &Catalog, m: &Messages) -> String {
    let esc = |s: &str| escape::markdown(s);
    let colon = m.get("colon");
    let mut out = String::new();
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "## `{}`{colon} {}\n\n{}\n\n{}{colon} {}.\n\n| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
            rec.id,
            esc(&m.rec_title(rec)),
            esc(&m.rec_description(rec)),
            m.get("label-source"),
            esc(&source_ref(catalog, &rec.source, &m.rec_locator(rec))),
            m.get("col-step"),
            m.get("col-party"),
            m.get("col-what"),
            m.get("col-source"),
        ));
        for step in &rec.steps {
            out.push_str(&format!(
                "| `{}` | {} | **{}**{colon} {} | {}, {} |\n",
                step.id,
                esc(&m.party(&step.party)),
                esc(&m.step_title(rec, step)),
                esc(&m.step_description(rec, step)),
                esc(&step.source),
                esc(&m.step_locator(rec, step))
            ));
        }
        out.push('\n');
    }
    if !catalog.not_tracked.is_empty() {
        out.push_str(&format!(
            "## {}\n\n{}\n\n| {} | {} | {} |\n| --- | --- | --- |\n",
            m.get("left-out-heading"),
            left_out_intro(catalog, m),
            m.get("col-suggestion"),
            m.get("col-why-not"),
            m.get("col-source"),
        ));
        for item in &catalog.not_tracked {
            out.push_str(&format!(
                "| {} | {} | {}, {} |\n",
                esc(&m.not_tracked_summary(item)),
                esc(&m.not_tracked_why(item)),
                esc(&item.source),
                esc(&m.not_tracked_locator(item)),
            ));
        }
        out.push('\n');
    }
    out
}

fn json(catalog: &Catalog, m: &Messages) -> String {
    let value = serde_json::json!({
        "catalog_version": catalog.catalog_version,
        "lang": m.code(),
        "parties": catalog.parties.keys().map(|id| (id.clone(), m.party(id).into()))
            .collect::<serde_json::Map<_, _>>(),
        "sources": catalog.sources.iter().map(|(id, s)| (id.clone(), serde_json::json!({
            "title": s.title, "publisher": s.publisher, "reference": s.reference,
            "published": s.published, "authors": s.authors,
        }))).collect::<serde_json::Map<_, _>>(),
        "recommendations": catalog.recommendations.iter().map(|r| serde_json::json!({
            "id": r.id, "title": m.rec_title(r), "description": m.rec_description(r),
            "source": r.source, "locator": m.rec_locator(r),
            "steps": r.steps.iter().map(|s| serde_json::json!({
                "id": s.id, "party": s.party, "title": m.step_title(r, s), "description": m.step_description(r, s),
                "source": s.source, "locator": m.step_locator(r, s),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "not_tracked": catalog.not_tracked.iter().map(|n| serde_json::json!({
            "id": n.id, "summary": m.not_tracked_summary(n), "why": m.not_tracked_why(n),
            "source": n.source, "locator": m.not_tracked_locator(n),
        })).collect::<Vec<_>>(),
    });
    to_text(&value)
}
