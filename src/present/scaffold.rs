//! `rectrack init`: a new tracker with every catalog step at `unknown`.

use crate::model::catalog::Catalog;
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
    /// What to write as `catalog:`; `None` for the default built-in catalog, which
    /// needs no key.
    pub catalog_ref: Option<String>,
}

/// Why `init` refuses its arguments (a usage error): what it writes must pass `check`,
/// and no argument may add a line or a key to it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InitError {
    /// The id is not kebab-case.
    #[error("--id `{0}` is not a kebab-case id (lowercase letters, digits and hyphens)")]
    Id(String),
    /// The title is empty or only spaces.
    #[error("--title is blank: give the tracker a title (what it follows, in one line)")]
    BlankTitle,
    /// The title holds a line break, a control or an invisible formatting character.
    #[error(
        "--title must be one line of plain text: it contains the character {0} (line breaks, tabs, control and bidirectional formatting characters are refused)"
    )]
    TitleCharacter(String),
    /// The schema reference is empty.
    #[error("--schema-ref is empty: give the path of the schema, e.g. {DEFAULT_SCHEMA_REF}")]
    EmptySchemaRef,
    /// The schema reference is not one word of plain text.
    #[error(
        "--schema-ref must be one path or URL without spaces: it contains the character {0} (the modeline ends at the first space, and a line break would add lines to the tracker)"
    )]
    SchemaRefCharacter(String),
    /// `as_of` is in the future, which `check` refuses (`future-date`).
    #[error("--as-of {0} is after today ({1}): a tracker describes a date that has come")]
    FutureAsOf(NaiveDate, NaiveDate),
}

/// `c` as `U+000A`, for a message (the character itself may be invisible).
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Characters no single line of tracker text written by `init` may hold: controls
/// (line breaks, tabs, DEL, C1), the Unicode line and paragraph separators, the byte
/// order mark, bidirectional formatting (text that reads differently from how it is
/// stored) and noncharacters, which YAML 1.2 does not allow in a stream.
fn refused_in_a_line(c: char) -> bool {
    let cp = u32::from(c);
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{061C}' | '\u{200E}' | '\u{200F}'
        )
        || (0x202A..=0x202E).contains(&cp)
        || (0x2066..=0x2069).contains(&cp)
        || (0xFDD0..=0xFDEF).contains(&cp)
        || cp & 0xFFFE == 0xFFFE
}

/// Checks `init`'s arguments: the id kebab-case, the title one non-blank line, the
/// schema reference one word, `as_of` not after `today`.
pub fn validate(opts: &InitOptions, today: NaiveDate) -> Result<(), InitError> {
    if !is_kebab_id(&opts.id) {
        // Shown escaped: the id is refused for what it holds, which may be a newline.
        return Err(InitError::Id(opts.id.escape_debug().to_string()));
    }
    if opts.title.trim().is_empty() {
        return Err(InitError::BlankTitle);
    }
    if let Some(c) = opts.title.chars().find(|&c| refused_in_a_line(c)) {
        return Err(InitError::TitleCharacter(code_point(c)));
    }
    if opts.schema_ref.is_empty() {
        return Err(InitError::EmptySchemaRef);
    }
    if let Some(c) = opts
        .schema_ref
        .chars()
        .find(|&c| c.is_whitespace() || refused_in_a_line(c))
    {
        return Err(InitError::SchemaRefCharacter(code_point(c)));
    }
    if opts.as_of > today {
        return Err(InitError::FutureAsOf(opts.as_of, today));
    }
    Ok(())
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

/// Catalog text on one comment line: a catalog file is as untrusted as a tracker, and
/// a line break in a title would end the comment and write YAML of its choosing.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || crate::syntax::hidden(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The text of a new tracker.
pub fn scaffold(catalog: &Catalog, opts: &InitOptions) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# yaml-language-server: $schema={}", opts.schema_ref);
    out.push_str(
        "# Every step starts at `unknown`. When a source reports on a step, declare the\n\
         # source (`rectrack source add ID --title ...`) and record what it says\n\
         # (`rectrack record STEP --date D --status S --evidence ID:LOCATOR --note ...`),\n\
         # or edit by hand: docs/tracker-format.md in the rectrack repository says how.\n",
    );
    let _ = writeln!(out, "schema_version: 1");
    let _ = writeln!(out, "id: {}", opts.id);
    let _ = writeln!(out, "title: {}", quoted(&opts.title));
    let _ = writeln!(out, "as_of: {}", opts.as_of);
    if let Some(reference) = &opts.catalog_ref {
        let _ = writeln!(out, "catalog: {}", quoted(reference));
    }
    // Names and titles in the catalog's default language: a tracker has one text.
    let lang = catalog.default_language();
    out.push_str("parties:\n");
    // Each name in every language the catalog writes it in, so a French report of the
    // new tracker names parties in French.
    for (id, name) in &catalog.parties {
        if name.is_plain() {
            let _ = writeln!(out, "  {id}: {}", quoted(name.get(lang)));
        } else {
            let each: Vec<String> = name
                .languages()
                .map(|code| format!("{code}: {}", quoted(name.get(code))))
                .collect();
            let _ = writeln!(out, "  {id}: {{{}}}", each.join(", "));
        }
    }
    out.push_str("sources: {}\nrecommendations:\n");
    for rec in &catalog.recommendations {
        let _ = writeln!(out, "  # {}", comment(rec.title.get(lang)));
        let _ = writeln!(out, "  {}:\n    steps:", rec.id);
        for step in &rec.steps {
            let _ = writeln!(
                out,
                "      # {} ({})",
                comment(step.title.get(lang)),
                step.party.join(", ")
            );
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

    #[test]
    fn arguments_that_would_break_the_tracker_are_refused() {
        let today = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        let good = InitOptions {
            id: "mali".into(),
            title: "Mali — dialogue".into(),
            as_of: today,
            schema_ref: DEFAULT_SCHEMA_REF.into(),
            catalog_ref: None,
        };
        assert_eq!(validate(&good, today), Ok(()));
        let with = |f: &dyn Fn(&mut InitOptions)| {
            let mut o = good.clone();
            f(&mut o);
            validate(&o, today).unwrap_err()
        };
        assert_eq!(with(&|o| o.title = String::new()), InitError::BlankTitle);
        assert_eq!(
            with(&|o| o.title = " \u{3000} ".into()),
            InitError::BlankTitle
        );
        for (title, cp) in [
            ("a\nb", "U+000A"),
            ("a\rb", "U+000D"),
            ("a\tb", "U+0009"),
            ("a\u{7f}", "U+007F"),
            ("a\u{85}", "U+0085"),
            ("a\u{2028}", "U+2028"),
            ("a\u{202E}b", "U+202E"),
            ("a\u{FFFE}", "U+FFFE"),
        ] {
            assert_eq!(
                with(&|o| o.title = title.into()),
                InitError::TitleCharacter(cp.into()),
                "{title:?}"
            );
        }
        assert_eq!(
            with(&|o| o.schema_ref = String::new()),
            InitError::EmptySchemaRef
        );
        for r in ["a\nid: x", "a b.json", "a\u{a0}b", "a\tb"] {
            assert!(
                matches!(
                    with(&|o| o.schema_ref = r.into()),
                    InitError::SchemaRefCharacter(_)
                ),
                "{r:?}"
            );
        }
        assert_eq!(
            with(&|o| o.id = "a\nb".into()),
            InitError::Id("a\\nb".into())
        );
        let tomorrow = today.succ_opt().unwrap();
        assert_eq!(
            with(&|o| o.as_of = tomorrow),
            InitError::FutureAsOf(tomorrow, today)
        );
    }
}
