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
//! These files hold rectrack's own words only. Catalog text (titles, descriptions,
//! locators, party names) comes from the catalog, in each language it is written in
//! ([`Messages::text`]).

use crate::model::catalog::{Catalog, Cite, NotTracked, Recommendation, Step, Text};
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
    /// No locale file for the code, and no catalog in play written in it.
    #[error(
        "no language `{code}` in rectrack's translations or the catalogs in play (available: {available})"
    )]
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
    /// The reader's language: catalog text is shown in it.
    code: String,
    /// The language of rectrack's own words: `code`, or English when rectrack has no
    /// translation for it (a catalog in Portuguese, say).
    interface: String,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

// The Fluent bundles are not `Debug`; the language says which they are.
#[allow(clippy::missing_fields_in_debug)]
impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("code", &self.code)
            .field("interface", &self.interface)
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
            interface: code.to_string(),
            bundle,
            fallback,
        })
    }

    /// The messages for `code` with these catalogs in play: rectrack's own words in
    /// `code` when it has them, else in English (with [`Messages::interface_note`]
    /// saying so) while catalog text is in `code`. A language neither rectrack nor any
    /// of the catalogs has is refused, naming those there are.
    pub fn for_catalogs<'c>(
        code: &str,
        catalogs: impl IntoIterator<Item = &'c Catalog>,
    ) -> Result<Messages, I18nError> {
        if available().contains(&code) {
            return Messages::new(code);
        }
        let languages = languages(catalogs);
        if !languages.iter().any(|l| l == code) {
            return Err(I18nError::Unknown {
                code: code.to_string(),
                available: languages.join(", "),
            });
        }
        Ok(Messages {
            code: code.to_string(),
            interface: DEFAULT_LANG.to_string(),
            bundle: bundle(DEFAULT_LANG)?,
            fallback: None,
        })
    }

    /// The language code: the reader's, which catalog text is shown in.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The language of rectrack's own words (headings, labels, sentences): the
    /// reader's, or English where rectrack has no translation for it.
    pub fn interface(&self) -> &str {
        &self.interface
    }

    /// The one-line note a human output carries when rectrack's own words are in
    /// English for want of a translation; `None` when they are in the reader's
    /// language.
    pub fn interface_note(&self) -> Option<String> {
        (self.interface != self.code).then(|| {
            self.args(
                "interface-fallback",
                &[
                    ("lang", self.code.as_str().into()),
                    ("interface", self.interface.as_str().into()),
                ],
            )
        })
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

    /// Who is responsible for a step, as a column or row label: `key` is one party id
    /// or several joined by `+` ([`Step::party_key`]). A party is named as the tracker
    /// names it (`names`, empty outside a tracker), else as the catalog does in this
    /// language; a step of every party reads "Both sides" rather than a list.
    pub fn party(&self, key: &str, catalog: &Catalog, names: &[(String, Text)]) -> String {
        let ids: Vec<&str> = key.split('+').collect();
        if ids.len() > 1 && catalog.party_ids().all(|p| ids.contains(&p)) {
            return self.get(if ids.len() == 2 {
                "parties-both"
            } else {
                "parties-all"
            });
        }
        let named: Vec<String> = ids
            .iter()
            .map(|id| {
                // The tracker's name in this language, else the catalog's, else the
                // tracker's in another language: a French report shows the
                // catalog's French name rather than the tracker's English one.
                let tracker = names.iter().find(|(p, _)| p == id).map(|(_, n)| n);
                tracker
                    .and_then(|n| n.exactly(&self.code))
                    .or_else(|| {
                        catalog
                            .parties
                            .iter()
                            .find(|(p, _)| p == id)
                            .and_then(|(_, n)| n.exactly(&self.code))
                    })
                    .or_else(|| tracker.map(|n| n.get(&self.code)))
                    .or_else(|| catalog.party_name(id, &self.code))
                    .unwrap_or(id)
                    .to_string()
            })
            .collect();
        match named.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {} {last}", rest.join(", "), self.get("parties-and"))
            }
            _ => named.concat(),
        }
    }

    /// Catalog text in this language (else the catalog's default language).
    pub fn text<'t>(&self, text: &'t Text) -> &'t str {
        text.get(&self.code)
    }

    /// A recommendation's title in this language.
    pub fn rec_title(&self, rec: &Recommendation) -> String {
        self.text(&rec.title).to_string()
    }

    /// A recommendation's description in this language.
    pub fn rec_description(&self, rec: &Recommendation) -> String {
        self.text(&rec.description).to_string()
    }

    /// A step's title in this language.
    pub fn step_title(&self, step: &Step) -> String {
        self.text(&step.title).to_string()
    }

    /// A step's description in this language.
    pub fn step_description(&self, step: &Step) -> String {
        self.text(&step.description).to_string()
    }

    /// Where something is made, in this language: `icg-306, Executive Summary` for
    /// each place, joined by `; `.
    pub fn cites(&self, from: &[Cite]) -> String {
        from.iter()
            .map(|c| format!("{}, {}", c.document, self.text(&c.locator)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// What a suggestion the catalog leaves out says, in this language.
    pub fn not_tracked_summary(&self, item: &NotTracked) -> String {
        self.text(&item.summary).to_string()
    }

    /// Why the catalog leaves a suggestion out, in this language.
    pub fn not_tracked_why(&self, item: &NotTracked) -> String {
        self.text(&item.why).to_string()
    }

    /// Where in its document a suggestion left out is made, in this language.
    pub fn not_tracked_locator(&self, item: &NotTracked) -> String {
        self.text(&item.locator).to_string()
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

/// Every language a reader can ask for with these catalogs in play: rectrack's own,
/// then the catalogs' (in their order), each once.
pub fn languages<'c>(catalogs: impl IntoIterator<Item = &'c Catalog>) -> Vec<String> {
    let mut all: Vec<String> = available().into_iter().map(str::to_string).collect();
    for catalog in catalogs {
        for l in &catalog.languages {
            if !all.contains(l) {
                all.push(l.clone());
            }
        }
    }
    all
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

#[cfg(test)]
mod tests;
