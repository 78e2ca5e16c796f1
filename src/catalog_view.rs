//! The `catalog` command's output: where every step comes from.

use crate::catalog::Catalog;
use comfy_table::{ContentArrangement, Table, presets};

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

/// A terminal table: one row per step under its recommendation.
pub fn table(catalog: &Catalog) -> String {
    let mut out = String::new();
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "{} — {}\n  {}\n  source: {}\n",
            rec.id,
            rec.title,
            rec.description,
            source_ref(catalog, &rec.source, &rec.locator)
        ));
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(100)
            .set_header(["step", "party", "what is tracked", "source"]);
        for step in &rec.steps {
            table.add_row([
                step.id.clone(),
                step.party.clone(),
                format!("{}: {}", step.title, step.description),
                format!("{}, {}", step.source, step.locator),
            ]);
        }
        out.push_str(&format!("{table}\n\n"));
    }
    out.push_str(&format!(
        "{} recommendations, {} steps. Sources:\n",
        catalog.recommendations.len(),
        catalog.steps().count()
    ));
    for (id, s) in &catalog.sources {
        out.push_str(&format!("  {id}: {}", s.title));
        if let Some(p) = &s.publisher {
            out.push_str(&format!(", {p}"));
        }
        if let Some(r) = &s.reference {
            out.push_str(&format!(", {r}"));
        }
        if let Some(d) = &s.published {
            out.push_str(&format!(", {d}"));
        }
        out.push('\n');
    }
    out
}

/// Markdown: a section per recommendation.
pub fn markdown(catalog: &Catalog) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "## `{}`: {}\n\n{}\n\nSource: {}.\n\n| step | party | what is tracked | source |\n| --- | --- | --- | --- |\n",
            rec.id,
            rec.title,
            rec.description,
            source_ref(catalog, &rec.source, &rec.locator)
        ));
        for step in &rec.steps {
            out.push_str(&format!(
                "| `{}` | {} | **{}**: {} | {}, {} |\n",
                step.id,
                step.party,
                esc(&step.title),
                esc(&step.description),
                step.source,
                esc(&step.locator)
            ));
        }
        out.push('\n');
    }
    out
}

/// JSON, for scripts.
pub fn json(catalog: &Catalog) -> String {
    let value = serde_json::json!({
        "catalog_version": catalog.catalog_version,
        "parties": catalog.parties,
        "sources": catalog.sources.iter().map(|(id, s)| (id.clone(), serde_json::json!({
            "title": s.title, "publisher": s.publisher, "reference": s.reference,
            "published": s.published, "authors": s.authors,
        }))).collect::<serde_json::Map<_, _>>(),
        "recommendations": catalog.recommendations.iter().map(|r| serde_json::json!({
            "id": r.id, "title": r.title, "description": r.description,
            "source": r.source, "locator": r.locator,
            "steps": r.steps.iter().map(|s| serde_json::json!({
                "id": s.id, "party": s.party, "title": s.title, "description": s.description,
                "source": s.source, "locator": s.locator,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
