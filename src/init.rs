//! `rectrack init`: a new tracker with every catalog step at `unknown`.

use crate::catalog::Catalog;
use chrono::NaiveDate;
use std::fmt::Write;

/// Default modeline target: trackers live in `tracker/`, the schema in `schema/`.
pub const DEFAULT_SCHEMA_REF: &str = "../schema/tracker.schema.json";

/// What to put in the new tracker's header.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// Tracker id (kebab-case).
    pub id: String,
    /// Tracker title.
    pub title: String,
    /// Its `as_of` date.
    pub as_of: NaiveDate,
    /// Path of the JSON Schema for the editor modeline.
    pub schema_ref: String,
}

/// A kebab-case id from a file stem: `Mali JNIM_2022` → `mali-jnim-2022`.
pub fn id_from_stem(stem: &str) -> String {
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "tracker".to_string()
    } else {
        id
    }
}

/// Whether `id` is kebab-case, as `schema::ID_PATTERN` requires.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The text of a new tracker.
pub fn scaffold(catalog: &Catalog, opts: &InitOptions) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# yaml-language-server: $schema={}", opts.schema_ref);
    out.push_str(
        "# Every step starts at `unknown`. When a source reports on a step, set its status\n\
         # and add a dated `history` entry citing the source (see `rectrack explain\n\
         # missing-evidence`); list the source under `sources`.\n",
    );
    let _ = writeln!(out, "schema_version: 1");
    let _ = writeln!(out, "id: {}", opts.id);
    let _ = writeln!(out, "title: {}", quoted(&opts.title));
    let _ = writeln!(out, "as_of: {}", opts.as_of);
    out.push_str("parties:\n");
    for (id, name) in catalog.tracker_parties() {
        let _ = writeln!(out, "  {id}: {}", quoted(name));
    }
    out.push_str("sources: {}\nrecommendations:\n");
    for rec in &catalog.recommendations {
        let _ = writeln!(out, "  # {}", rec.title);
        let _ = writeln!(out, "  {}:\n    steps:", rec.id);
        for step in &rec.steps {
            let _ = writeln!(out, "      # {} ({})", step.title, step.party);
            let _ = writeln!(out, "      {}:\n        status: unknown", step.id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_stems_are_kebab_case() {
        assert_eq!(id_from_stem("Mali JNIM_2022"), "mali-jnim-2022");
        assert_eq!(id_from_stem("--x--"), "x");
        assert_eq!(id_from_stem("é"), "tracker");
        assert!(is_kebab_id("mali-2022"));
        assert!(
            !is_kebab_id("Mali") && !is_kebab_id("a--b") && !is_kebab_id("-a") && !is_kebab_id("")
        );
    }
}
