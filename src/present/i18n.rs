//! The words of reports in the reader's language, from `locales/<code>.ftl`.
//!
//! Text lives in Fluent files (Project Fluent, the format Firefox uses), one per
//! language, embedded in the binary from the list below: adding a language is adding a
//! file and its line in [`LOCALES`] (a test fails if a `locales/*.ftl` is not listed).
//! Fluent handles plurals per language (French counts 0 and 1 as singular, English
//! only 1), which string templates would get wrong. A message missing from a language
//! falls back to English, so a half-done translation still gives a whole report; a test
//! keeps the shipped languages complete.
//!
//! Catalog titles, descriptions and locators in English come from the catalog itself;
//! other languages carry them as `rec-<id>` and `step-<rec>--<step>` messages with
//! `.description` and `.locator` attributes, and the suggestions it leaves out as
//! `not-tracked-<id>` messages (the summary) with `.why` and `.locator`.

use crate::model::catalog::{Catalog, NotTracked, Recommendation, Step};
use crate::model::status::Status;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

/// Every locale file: (language code, Fluent text), sorted by code.
pub const LOCALES: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.ftl")),
    ("fr", include_str!("../../locales/fr.ftl")),
];

/// The language used when none is asked for, and for missing messages.
pub const DEFAULT_LANG: &str = "en";

/// Why a language cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// No locale file for the code.
    #[error("no translation for language `{code}` (available: {available})")]
    Unknown {
        /// The code asked for.
        code: String,
        /// The codes there are.
        available: String,
    },
    /// A shipped locale file does not parse (a broken build).
    #[error("locales/{code}.ftl: {message}")]
    Broken {
        /// Its language code.
        code: String,
        /// What is wrong.
        message: String,
    },
}

/// The codes of every embedded language, sorted.
pub fn available() -> Vec<&'static str> {
    LOCALES.iter().map(|(code, _)| *code).collect()
}

/// Messages in one language, with English behind them.
pub struct Messages {
    code: String,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

// The Fluent bundles are not `Debug`; the language says which they are.
#[allow(clippy::missing_fields_in_debug)]
impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("code", &self.code)
            .finish()
    }
}

fn bundle(code: &str) -> Result<FluentBundle<FluentResource>, I18nError> {
    let unknown = || I18nError::Unknown {
        code: code.to_string(),
        available: available().join(", "),
    };
    let text = LOCALES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .ok_or_else(unknown)?;
    let broken = |message: String| I18nError::Broken {
        code: code.to_string(),
        message,
    };
    let lang = code
        .parse::<unic_langid::LanguageIdentifier>()
        .map_err(|e| broken(e.to_string()))?;
    let resource = FluentResource::try_new(text.to_string())
        .map_err(|(_, errors)| broken(format!("{} syntax errors", errors.len())))?;
    let mut bundle = FluentBundle::new(vec![lang]);
    // Isolation marks (U+2068/U+2069) around every placeable help right-to-left
    // scripts but show up as junk in Markdown, CSV and terminals.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| broken(format!("{} duplicate messages", errors.len())))?;
    Ok(bundle)
}

impl Messages {
    /// The messages of language `code` (`en`, `fr`, ...).
    pub fn new(code: &str) -> Result<Messages, I18nError> {
        let bundle = bundle(code)?;
        let fallback = if code == DEFAULT_LANG {
            None
        } else {
            Some(self::bundle(DEFAULT_LANG)?)
        };
        Ok(Messages {
            code: code.to_string(),
            bundle,
            fallback,
        })
    }

    /// The language code.
    pub fn code(&self) -> &str {
        &self.code
    }

    fn format(&self, id: &str, attr: Option<&str>, args: Option<&FluentArgs>) -> Option<String> {
        [Some(&self.bundle), self.fallback.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|b| format_in(b, id, attr, args))
    }

    /// Message `id` with no arguments; the id itself if no language has it, so a
    /// missing message shows up in review instead of vanishing.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None, None)
            .unwrap_or_else(|| id.to_string())
    }

    /// Message `id` with named arguments (numbers are passed as numbers so plural
    /// rules apply).
    pub fn args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => fa.set(*name, FluentValue::from(s.clone())),
                Arg::Num(n) => fa.set(*name, FluentValue::from(*n)),
            }
        }
        self.format(id, None, Some(&fa))
            .unwrap_or_else(|| id.to_string())
    }

    /// A status's name (`in progress`, `en cours`).
    pub fn status(&self, status: Status) -> String {
        self.get(&format!("status-{}", status.id()))
    }

    /// A party's name as a column or row label.
    pub fn party(&self, party: &str) -> String {
        let id = format!("party-{party}");
        self.format(&id, None, None)
            .unwrap_or_else(|| party.to_string())
    }

    /// A recommendation's title in this language.
    pub fn rec_title(&self, rec: &Recommendation) -> String {
        self.catalog_text(&rec_message(&rec.id), None)
            .unwrap_or_else(|| rec.title.clone())
    }

    /// A recommendation's description in this language.
    pub fn rec_description(&self, rec: &Recommendation) -> String {
        self.catalog_text(&rec_message(&rec.id), Some("description"))
            .unwrap_or_else(|| rec.description.clone())
    }

    /// A step's title in this language.
    pub fn step_title(&self, rec: &Recommendation, step: &Step) -> String {
        self.catalog_text(&step_message(&rec.id, &step.id), None)
            .unwrap_or_else(|| step.title.clone())
    }

    /// A step's description in this language.
    pub fn step_description(&self, rec: &Recommendation, step: &Step) -> String {
        self.catalog_text(&step_message(&rec.id, &step.id), Some("description"))
            .unwrap_or_else(|| step.description.clone())
    }

    /// Where in its source a recommendation is made, in this language.
    pub fn rec_locator(&self, rec: &Recommendation) -> String {
        self.catalog_text(&rec_message(&rec.id), Some("locator"))
            .unwrap_or_else(|| rec.locator.clone())
    }

    /// Where in its source a step comes from, in this language.
    pub fn step_locator(&self, rec: &Recommendation, step: &Step) -> String {
        self.catalog_text(&step_message(&rec.id, &step.id), Some("locator"))
            .unwrap_or_else(|| step.locator.clone())
    }

    /// What a suggestion the catalog leaves out says, in this language.
    pub fn not_tracked_summary(&self, item: &NotTracked) -> String {
        self.catalog_text(&not_tracked_message(&item.id), None)
            .unwrap_or_else(|| item.summary.clone())
    }

    /// Why the catalog leaves a suggestion out, in this language.
    pub fn not_tracked_why(&self, item: &NotTracked) -> String {
        self.catalog_text(&not_tracked_message(&item.id), Some("why"))
            .unwrap_or_else(|| item.why.clone())
    }

    /// Where in its source a suggestion left out is made, in this language.
    pub fn not_tracked_locator(&self, item: &NotTracked) -> String {
        self.catalog_text(&not_tracked_message(&item.id), Some("locator"))
            .unwrap_or_else(|| item.locator.clone())
    }

    // Catalog text comes from this language only: English text is the catalog's own,
    // and the English locale does not repeat it.
    fn catalog_text(&self, id: &str, attr: Option<&str>) -> Option<String> {
        format_in(&self.bundle, id, attr, None)
    }

    /// A number with one decimal, in this language's notation (`1.5`, `1,5`).
    pub fn decimal(&self, value: f64) -> String {
        let text = format!("{value:.1}");
        let sep = self.get("decimal-separator");
        if sep == "." {
            text
        } else {
            text.replace('.', &sep)
        }
    }

    /// A percentage (`45 %` in French, `45%` in English).
    pub fn percent(&self, value: u32) -> String {
        self.args("percent", &[("value", Arg::Num(f64::from(value)))])
    }

    /// Every message id this language defines itself, for completeness tests.
    pub fn ids(code: &str) -> Vec<String> {
        let text = LOCALES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("", |(_, t)| *t);
        let Ok(resource) = FluentResource::try_new(text.to_string()) else {
            return Vec::new();
        };
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }
}

/// Message `id` (or its attribute `attr`) of one bundle, formatted.
fn format_in(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    attr: Option<&str>,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let msg = bundle.get_message(id)?;
    let pattern = match attr {
        Some(a) => msg.get_attribute(a)?.value(),
        None => msg.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The Fluent id of a recommendation's title.
pub fn rec_message(rec: &str) -> String {
    format!("rec-{rec}")
}

/// The Fluent id of a step's title.
pub fn step_message(rec: &str, step: &str) -> String {
    format!("step-{rec}--{step}")
}

/// The Fluent id of a suggestion the catalog does not track.
pub fn not_tracked_message(id: &str) -> String {
    format!("not-tracked-{id}")
}

/// An argument to a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is.
    Str(String),
    /// A number, which plural rules look at.
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        // Counts of steps and entries are far below 2^53.
        Arg::Num(n as f64)
    }
}

/// Whether every catalog recommendation and step has a title, a description and a
/// locator in language `code`, and every suggestion left out its summary, reason and
/// locator; the missing message ids (with the attribute) otherwise.
pub fn missing_catalog_text(code: &str, catalog: &Catalog) -> Vec<String> {
    let Ok(m) = Messages::new(code) else {
        return vec![format!("language {code}")];
    };
    let ids = catalog.recommendations.iter().flat_map(|rec| {
        std::iter::once(rec_message(&rec.id))
            .chain(rec.steps.iter().map(|step| step_message(&rec.id, &step.id)))
    });
    let wanted = ids
        .flat_map(|id| [None, Some("description"), Some("locator")].map(|attr| (id.clone(), attr)))
        .chain(catalog.not_tracked.iter().flat_map(|item| {
            let id = not_tracked_message(&item.id);
            [None, Some("why"), Some("locator")].map(|attr| (id.clone(), attr))
        }));
    wanted
        .filter(|(id, attr)| m.catalog_text(id, *attr).is_none())
        .map(|(id, attr)| match attr {
            Some(a) => format!("{id}.{a}"),
            None => id,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ui_ids(code: &str) -> Vec<String> {
        Messages::ids(code)
            .into_iter()
            .filter(|id| {
                !id.starts_with("rec-")
                    && !id.starts_with("step-")
                    && !id.starts_with("not-tracked-")
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_english_message_and_no_other() {
        let english = ui_ids("en");
        assert!(english.len() > 50, "{}", english.len());
        for code in available() {
            let ids = ui_ids(code);
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
            assert!(extra.is_empty(), "{code} has unknown messages {extra:?}");
        }
    }

    #[test]
    fn every_other_language_translates_the_whole_catalog() {
        let catalog = Catalog::builtin().unwrap();
        for code in available().into_iter().filter(|c| *c != DEFAULT_LANG) {
            assert_eq!(
                missing_catalog_text(code, &catalog),
                Vec::<String>::new(),
                "{code}"
            );
        }
        // And an unknown id is not silently accepted as translated.
        let ids = Messages::ids("fr");
        assert!(
            ids.iter().filter(|i| i.starts_with("rec-")).count() == catalog.recommendations.len()
        );
        assert!(ids.iter().filter(|i| i.starts_with("step-")).count() == catalog.steps().count());
        assert!(
            ids.iter().filter(|i| i.starts_with("not-tracked-")).count()
                == catalog.not_tracked.len()
        );
    }

    #[test]
    fn french_plurals_numbers_and_fallback() {
        let fr = Messages::new("fr").unwrap();
        let en = Messages::new("en").unwrap();
        assert_eq!(
            fr.args("steps-count", &[("count", 1usize.into())]),
            "1 étape"
        );
        assert_eq!(
            fr.args("steps-count", &[("count", 0usize.into())]),
            "0 étape"
        );
        assert_eq!(
            fr.args("steps-count", &[("count", 2usize.into())]),
            "2 étapes"
        );
        assert_eq!(
            en.args("steps-count", &[("count", 0usize.into())]),
            "0 steps"
        );
        assert_eq!(
            en.args("steps-count", &[("count", 1usize.into())]),
            "1 step"
        );
        assert_eq!(fr.decimal(1.25), "1,2");
        assert_eq!(en.decimal(1.5), "1.5");
        assert_eq!(fr.percent(45), "45\u{a0}%");
        assert_eq!(en.percent(45), "45%");
        assert_eq!(fr.status(Status::InProgress), "en cours");
        assert_eq!(fr.get("no-such-message"), "no-such-message");
        assert!(matches!(
            Messages::new("xx"),
            Err(I18nError::Unknown { .. })
        ));
    }
}
