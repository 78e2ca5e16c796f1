//! Catalog text: one string for every language, or one per language.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A text of the catalog in its languages.
///
/// Held as (language, text) pairs with the catalog's default language first, so that
/// [`Text::get`] falls back to it without knowing the catalog. A plain string is
/// language-neutral (a name like `JNIM`) and is held under the empty code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Written")]
pub struct Text(Vec<(String, String)>);

/// How a text is written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Written {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl From<Written> for Text {
    fn from(w: Written) -> Text {
        match w {
            Written::Plain(s) => Text(vec![(String::new(), s)]),
            Written::ByLanguage(map) => Text(map.into_iter().collect()),
        }
    }
}

impl Text {
    /// The same text in every language.
    pub fn plain(text: impl Into<String>) -> Text {
        Text(vec![(String::new(), text.into())])
    }

    /// A text from (language, text) pairs, the first being the fallback.
    pub fn by_language(pairs: Vec<(String, String)>) -> Text {
        Text(pairs)
    }

    /// The text in `lang` only, if it is written for it (a plain string always is).
    pub fn exactly(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(code, _)| code == lang || code.is_empty())
            .map(|(_, text)| text.as_str())
    }

    /// The text in `lang`, else in the catalog's default language.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .iter()
            .find(|(code, _)| code == lang)
            .or_else(|| self.0.first())
            .map_or("", |(_, text)| text.as_str())
    }

    /// Whether the text is written out for `lang` (a plain string is, for every one).
    pub fn has(&self, lang: &str) -> bool {
        self.is_plain() || self.0.iter().any(|(code, _)| code == lang)
    }

    /// Whether it is one string for every language.
    pub fn is_plain(&self) -> bool {
        matches!(self.0.as_slice(), [(code, _)] if code.is_empty())
    }

    /// The languages it is written in (none for a plain string).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .map(|(code, _)| code.as_str())
            .filter(|c| !c.is_empty())
    }

    /// Puts the catalog's languages first, in its order, so [`Text::get`] falls back
    /// to the default one.
    pub(super) fn order_by(&mut self, languages: &[String]) {
        let rank = |code: &str| {
            languages
                .iter()
                .position(|l| l == code)
                .unwrap_or(languages.len())
        };
        self.0.sort_by_key(|(code, _)| rank(code));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_default_language() {
        let mut t: Text = serde_json::from_str(r#"{"en": "yes", "fr": "oui"}"#).unwrap();
        t.order_by(&["fr".into(), "en".into()]);
        assert_eq!(t.get("en"), "yes");
        assert_eq!(t.get("pt"), "oui");
        assert!(t.has("fr") && !t.has("pt") && !t.is_plain());
        let p: Text = serde_json::from_str(r#""JNIM""#).unwrap();
        assert_eq!(p.get("fr"), "JNIM");
        assert!(p.has("pt") && p.is_plain());
        assert_eq!(p.languages().count(), 0);
    }
}
