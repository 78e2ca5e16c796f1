//! The `catalog` command's output: where every step comes from.

use crate::catalog::Catalog;
use crate::i18n::{Arg, Messages};
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

/// A terminal table: one row per step under its recommendation, in `m`'s language.
pub fn table(catalog: &Catalog, m: &Messages) -> String {
    let mut out = String::new();
    for rec in &catalog.recommendations {
        out.push_str(&format!(
            "{} — {}\n  {}\n  {}{} {}\n",
            rec.id,
            m.rec_title(rec),
            m.rec_description(rec),
            m.get("col-source"),
            m.get("colon"),
            source_ref(catalog, &rec.source, &rec.locator)
        ));
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(100)
            .set_header([
                m.get("col-step"),
                m.get("col-party"),
                m.get("col-what"),
                m.get("col-source"),
            ]);
        for step in &rec.steps {
            table.add_row([
                step.id.clone(),
                step.party.clone(),
                format!(
                    "{}{} {}",
                    m.step_title(rec, step),
                    m.get("colon"),
                    m.step_description(rec, step)
                ),
                format!("{}, {}", step.source, step.locator),
            ]);
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

/// Markdown: a section per recommendation, in `m`'s language.
pub fn markdown(catalog: &Catalog, m: &Messages) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    for rec in &catalog.recommendations {
        let colon = m.get("colon");
        out.push_str(&format!(
            "## `{}`{colon} {}\n\n{}\n\n{}{colon} {}.\n\n| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
            rec.id,
            m.rec_title(rec),
            m.rec_description(rec),
            m.get("label-source"),
            source_ref(catalog, &rec.source, &rec.locator),
            m.get("col-step"),
            m.get("col-party"),
            m.get("col-what"),
            m.get("col-source"),
        ));
        for step in &rec.steps {
            out.push_str(&format!(
                "| `{}` | {} | **{}**{colon} {} | {}, {} |\n",
                step.id,
                step.party,
                esc(&m.step_title(rec, step)),
                esc(&m.step_description(rec, step)),
                step.source,
                esc(&step.locator)
            ));
        }
        out.push('\n');
    }
    out
}

/// JSON, for scripts: ids as always, titles and descriptions in `m`'s language.
pub fn json(catalog: &Catalog, m: &Messages) -> String {
    let value = serde_json::json!({
        "catalog_version": catalog.catalog_version,
        "lang": m.code(),
        "parties": catalog.parties,
        "sources": catalog.sources.iter().map(|(id, s)| (id.clone(), serde_json::json!({
            "title": s.title, "publisher": s.publisher, "reference": s.reference,
            "published": s.published, "authors": s.authors,
        }))).collect::<serde_json::Map<_, _>>(),
        "recommendations": catalog.recommendations.iter().map(|r| serde_json::json!({
            "id": r.id, "title": m.rec_title(r), "description": m.rec_description(r),
            "source": r.source, "locator": r.locator,
            "steps": r.steps.iter().map(|s| serde_json::json!({
                "id": s.id, "party": s.party, "title": m.step_title(r, s), "description": m.step_description(r, s),
                "source": s.source, "locator": s.locator,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
