//! The `catalog` command's output: where every step comes from, and what the source
//! documents suggest that no step follows.
//!
//! Enters: the catalog (the model) and the reader's language; leaves: a terminal
//! table ([`Table`]), Markdown ([`Markdown`]) or JSON ([`Json`]), each a
//! [`Render`] of the catalog. Everything a reader sees is in the asked language:
//! titles, descriptions, locators and party names. Only ids (which trackers use) and
//! the documents' own titles and references stay as they are. Catalog text goes
//! through the escaper of each output kind like any other data.

use crate::model::catalog::{Catalog, Cite};
use crate::present::Render;
use crate::present::i18n::{Arg, Messages};
use crate::present::text::escape;
use crate::present::text::json::to_text;
use comfy_table::{ContentArrangement, Table as Grid, presets};

/// `icg-306 (Africa Report N°306), Executive Summary, first measure`, for each
/// place, joined by `; `.
fn source_ref(catalog: &Catalog, m: &Messages, from: &[Cite]) -> String {
    from.iter()
        .map(|c| {
            let source = &c.document;
            let locator = m.text(&c.locator);
            let title = catalog
                .document(source)
                .and_then(|s| s.reference.clone().or_else(|| s.publisher.clone()))
                .unwrap_or_default();
            if title.is_empty() {
                format!("{source}, {locator}")
            } else {
                format!("{source} ({title}), {locator}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
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
    let mut out = m
        .interface_note()
        .map_or(String::new(), |n| format!("{}\n\n", human(&n)));
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "{} — {}\n  {}\n  {}{colon} {}\n",
            human(&rec.id),
            human(&m.rec_title(rec)),
            human(&m.rec_description(rec)),
            m.get("col-source"),
            human(&source_ref(catalog, m, &rec.from))
        ));
        let mut table = new_table(m, ["col-step", "col-party", "col-what", "col-source"]);
        for step in &rec.steps {
            table.add_row(
                [
                    step.id.clone(),
                    m.party(&step.party_key(), catalog, &[]),
                    format!("{}{colon} {}", m.step_title(step), m.step_description(step)),
                    m.cites(&step.from),
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
                    format!("{}, {}", item.document, m.not_tracked_locator(item)),
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
    for (id, s) in &catalog.documents {
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
    let mut out = m
        .interface_note()
        .map_or(String::new(), |n| format!("> {}\n\n", esc(&n)));
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "## `{}`{colon} {}\n\n{}\n\n{}{colon} {}.\n\n| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
            rec.id,
            esc(&m.rec_title(rec)),
            esc(&m.rec_description(rec)),
            m.get("label-source"),
            esc(&source_ref(catalog, m, &rec.from)),
            m.get("col-step"),
            m.get("col-party"),
            m.get("col-what"),
            m.get("col-source"),
        ));
        for step in &rec.steps {
            out.push_str(&format!(
                "| `{}` | {} | **{}**{colon} {} | {} |\n",
                step.id,
                esc(&m.party(&step.party_key(), catalog, &[])),
                esc(&m.step_title(step)),
                esc(&m.step_description(step)),
                esc(&m.cites(&step.from))
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
                esc(&item.document),
                esc(&m.not_tracked_locator(item)),
            ));
        }
        out.push('\n');
    }
    out
}

fn json(catalog: &Catalog, m: &Messages) -> String {
    use serde_json::json;
    let cites = |from: &[Cite]| {
        from.iter()
            .map(|c| json!({"document": c.document, "locator": m.text(&c.locator)}))
            .collect::<Vec<_>>()
    };
    let mut value = json!({
        "id": catalog.id,
        "catalog_version": catalog.version,
        "title": m.text(&catalog.title),
        "languages": catalog.languages,
        "lang": m.code(),
        "parties": catalog.party_ids().map(|id| (id.to_string(), m.party(id, catalog, &[]).into()))
            .collect::<serde_json::Map<_, _>>(),
        "documents": catalog.documents.iter().map(|(id, s)| (id.clone(), json!({
            "title": s.title, "publisher": s.publisher, "reference": s.reference,
            "published": s.published, "url": s.url, "authors": s.authors,
        }))).collect::<serde_json::Map<_, _>>(),
        "recommendations": catalog.recommendations.iter().map(|r| json!({
            "id": r.id, "title": m.rec_title(r), "description": m.rec_description(r),
            "from": cites(&r.from),
            "steps": r.steps.iter().map(|s| json!({
                "id": s.id, "party": s.party, "title": m.step_title(s), "description": m.step_description(s),
                "from": cites(&s.from), "renamed_from": s.renamed_from,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "not_tracked": catalog.not_tracked.iter().map(|n| json!({
            "summary": m.not_tracked_summary(n), "why": m.not_tracked_why(n),
            "document": n.document, "locator": m.not_tracked_locator(n),
        })).collect::<Vec<_>>(),
    });
    // Only when rectrack's own words fell back to English, so the usual shape stays.
    if m.interface_note().is_some() {
        value["interface_lang"] = json!(m.interface());
    }
    to_text(&value)
}
