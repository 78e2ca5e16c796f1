//! The catalog rules (`catalog-*`): what a catalog file must hold beyond its shape.
//!
//! They read the spanned document, not the typed `model::catalog::Catalog`: a catalog
//! with errors cannot be read into the model, and every finding must point at its
//! place. So each rule tolerates any shape (the schema's findings say what is wrong
//! with it) and looks only at the parts shaped as the format says. Every lookup goes
//! through a set, so a 10 MB catalog costs one pass.

use crate::check::finding::Finding;
use crate::check::rules::{
    CATALOG_DUPLICATE_ID, CATALOG_MISSING_LANGUAGE, CATALOG_RENAMED_COLLISION,
    CATALOG_UNKNOWN_DOCUMENT, CATALOG_UNKNOWN_LANGUAGE, CATALOG_UNKNOWN_PARTY,
};
use crate::check::suggest::did_you_mean;
use crate::model::catalog::FORMAT_KEY;
use crate::syntax::document::{Node, Pair};
use crate::syntax::span::Span;
use std::collections::{HashMap, HashSet};

/// Keys under which a recommendation, a step, a citation or a `not_tracked` entry
/// holds a Text.
const TEXT_KEYS: &[&str] = &["title", "description", "locator", "summary", "why"];

/// Candidates beyond this many are not searched for a "did you mean": the search
/// costs one comparison per candidate, for every finding.
const SUGGEST_AMONG: usize = 200;

/// Ids named in a help, at most (the rest are counted).
const LIST_IN_HELP: usize = 8;

/// Whether a document is a catalog: a mapping with the top-level key
/// `catalog_format` (a tracker never has it).
pub fn is_catalog(root: &Node) -> bool {
    root.get(FORMAT_KEY).is_some()
}

/// The findings of every catalog rule on the catalog `root`.
pub fn check(root: &Node) -> Vec<Finding> {
    let mut out = Vec::new();
    let languages = languages(root, &mut out);
    let documents = keys(root, "documents");
    let parties = keys(root, "parties");
    let rules = Rules {
        languages: languages.as_ref(),
        documents: documents.as_ref(),
        parties: parties.as_ref(),
    };
    if let Some(title) = root.pair("title") {
        rules.text(title, "`title`", &mut out);
    }
    for party in root
        .get("parties")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        let what = format!("the name of party `{}`", party.key.escape_debug());
        rules.text(party, &what, &mut out);
    }
    for rec in entries(root, "recommendations") {
        rules.texts_and_citations(&rec.value, &mut out);
        for step in entries(&rec.value, "steps") {
            rules.texts_and_citations(&step.value, &mut out);
            if let Some(party) = step.value.get("party") {
                rules.party(party, &mut out);
            }
        }
        renamed(rec, &mut out);
    }
    for item in root
        .get("not_tracked")
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        rules.texts_and_citations(item, &mut out);
        if let Some(document) = item.get("document") {
            rules.document(document, &mut out);
        }
    }
    out
}

/// What the rules compare with; `None` where the catalog's own list is not there (or
/// not a list or map): the schema says so, and nothing is flagged against it.
struct Rules<'a> {
    languages: Option<&'a Vec<String>>,
    documents: Option<&'a Ids<'a>>,
    parties: Option<&'a Ids<'a>>,
}

/// A mapping's keys: as a set to look up, and in order to suggest and list.
struct Ids<'a> {
    set: HashSet<&'a str>,
    order: Vec<&'a str>,
}

impl Ids<'_> {
    /// `; did you mean `x`?` for an unknown `id`, when the candidates are few enough.
    fn suggest(&self, id: &str) -> String {
        if self.order.len() > SUGGEST_AMONG {
            return String::new();
        }
        did_you_mean(id, self.order.iter().copied())
    }

    /// The first few ids, for a help.
    fn listed(&self) -> String {
        listed(&self.order)
    }
}

/// `a, b, c` (and `and 5 more` past [`LIST_IN_HELP`]).
fn listed(ids: &[&str]) -> String {
    let shown: Vec<String> = ids
        .iter()
        .take(LIST_IN_HELP)
        .map(|id| id.escape_debug().to_string())
        .collect();
    match ids.len().saturating_sub(LIST_IN_HELP) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The keys of the mapping at `key`, if it is one.
fn keys<'a>(root: &'a Node, key: &str) -> Option<Ids<'a>> {
    let map = root.get(key)?.as_map()?;
    let order: Vec<&str> = map.iter().map(|p| p.key.as_str()).collect();
    Some(Ids {
        set: order.iter().copied().collect(),
        order,
    })
}

/// The entries of the mapping at `key`, or none.
fn entries<'a>(node: &'a Node, key: &str) -> &'a [Pair] {
    node.get(key).and_then(Node::as_map).unwrap_or_default()
}

/// The declared languages, each once; a repeat is `catalog-duplicate-id`. A code not
/// shaped like one is the schema's finding, and no text is held to it.
fn languages(root: &Node, out: &mut Vec<Finding>) -> Option<Vec<String>> {
    let items = root.get("languages")?.as_seq()?;
    let mut seen: HashSet<&str> = HashSet::new();
    let mut declared = Vec::new();
    for item in items {
        let Some(code) = item.as_str().filter(|c| looks_like_language(c)) else {
            continue;
        };
        if seen.insert(code) {
            declared.push(code.to_string());
        } else {
            out.push(
                Finding::new(
                    &CATALOG_DUPLICATE_ID,
                    item.span,
                    format!(
                        "language `{}` is listed twice in `languages`",
                        code.escape_debug()
                    ),
                )
                .label("listed before")
                .help("list each language once"),
            );
        }
    }
    Some(declared)
}

impl Rules<'_> {
    /// The texts of a recommendation, step or `not_tracked` entry, and the documents
    /// its `from` cites with their locators.
    fn texts_and_citations(&self, node: &Node, out: &mut Vec<Finding>) {
        for pair in node.as_map().unwrap_or_default() {
            if TEXT_KEYS.contains(&pair.key.as_str()) {
                self.text(pair, &format!("`{}`", pair.key), out);
            }
        }
        for cite in node.get("from").and_then(Node::as_seq).unwrap_or_default() {
            if let Some(document) = cite.get("document") {
                self.document(document, out);
            }
            if let Some(locator) = cite.pair("locator") {
                self.text(locator, "`locator`", out);
            }
        }
    }

    /// A Text written as a map has every declared language and no other; `what`
    /// names it in messages.
    fn text(&self, pair: &Pair, what: &str, out: &mut Vec<Finding>) {
        let (Some(languages), Some(map)) = (self.languages, pair.value.as_map()) else {
            return;
        };
        // An empty map is the schema's finding ("must not be empty"), said once.
        if map.is_empty() {
            return;
        }
        let present: HashSet<&str> = map.iter().map(|p| p.key.as_str()).collect();
        let missing: Vec<&str> = languages
            .iter()
            .map(String::as_str)
            .filter(|l| !present.contains(l))
            .collect();
        if !missing.is_empty() {
            let quoted: Vec<String> = missing.iter().map(|l| format!("`{l}`")).collect();
            out.push(
                Finding::new(
                    &CATALOG_MISSING_LANGUAGE,
                    pair.key_span,
                    format!("{what} has no {} text", quoted.join(", ")),
                )
                .label(format!("no {}", missing.join(", ")))
                .help(format!(
                    "add {} (the catalog's languages are {}), or write one string if the \
text is the same in every language",
                    missing
                        .iter()
                        .map(|l| format!("`{l}: ...`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    languages.join(", ")
                )),
            );
        }
        for entry in map {
            let code = entry.key.as_str();
            // A key that is not even shaped like a language code is the schema's.
            if languages.iter().any(|l| l == code) || !looks_like_language(code) {
                continue;
            }
            let declared: Vec<&str> = languages.iter().map(String::as_str).collect();
            out.push(
                Finding::new(
                    &CATALOG_UNKNOWN_LANGUAGE,
                    entry.key_span,
                    format!(
                        "`{}` in {what} is not a language of this catalog{}",
                        code.escape_debug(),
                        did_you_mean(code, declared.iter().copied())
                    ),
                )
                .label("not declared")
                .help(format!(
                    "the catalog's languages are {}: remove this text, or add `{}` to \
`languages` and give every text in it",
                    listed(&declared),
                    code.escape_debug()
                )),
            );
        }
    }

    /// A cited document is a key of `documents`.
    fn document(&self, node: &Node, out: &mut Vec<Finding>) {
        let (Some(documents), Some(id)) = (self.documents, node.as_str()) else {
            return;
        };
        if documents.set.contains(id) {
            return;
        }
        out.push(
            Finding::new(
                &CATALOG_UNKNOWN_DOCUMENT,
                node.span,
                format!(
                    "`{}` is not a document of this catalog{}",
                    id.escape_debug(),
                    documents.suggest(id)
                ),
            )
            .label("unknown document")
            .help(format!(
                "cite a key of `documents` ({}), or add the document there",
                documents.listed()
            )),
        );
    }

    /// A step's party, or each of its list, is a key of `parties`, each once.
    fn party(&self, node: &Node, out: &mut Vec<Finding>) {
        let items: Vec<&Node> = match node.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![node],
        };
        let mut seen: HashSet<&str> = HashSet::new();
        for item in items {
            let Some(id) = item.as_str() else { continue };
            if !seen.insert(id) {
                out.push(
                    Finding::new(
                        &CATALOG_DUPLICATE_ID,
                        item.span,
                        format!("party `{}` is named twice in this step", id.escape_debug()),
                    )
                    .label("named before")
                    .help("name each party once"),
                );
                continue;
            }
            let Some(parties) = self.parties else {
                continue;
            };
            if parties.set.contains(id) {
                continue;
            }
            out.push(
                Finding::new(
                    &CATALOG_UNKNOWN_PARTY,
                    item.span,
                    format!(
                        "`{}` is not a party of this catalog{}",
                        id.escape_debug(),
                        parties.suggest(id)
                    ),
                )
                .label("unknown party")
                .help(format!(
                    "name a key of `parties` ({}), or add the party there with its name",
                    parties.listed()
                )),
            );
        }
    }
}

/// The `renamed_from` lists of one recommendation's steps: each old id once, none a
/// current step id, none claimed by two steps.
fn renamed(rec: &Pair, out: &mut Vec<Finding>) {
    let steps = entries(&rec.value, "steps");
    let current: HashSet<&str> = steps.iter().map(|s| s.key.as_str()).collect();
    // Old id → the step that claimed it first.
    let mut claimed: HashMap<&str, &str> = HashMap::new();
    for step in steps {
        let list = step
            .value
            .get("renamed_from")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        let mut seen: HashSet<&str> = HashSet::new();
        for item in list {
            let Some(old) = item.as_str() else { continue };
            let shown = old.escape_debug();
            if !seen.insert(old) {
                out.push(
                    Finding::new(
                        &CATALOG_DUPLICATE_ID,
                        item.span,
                        format!("`{shown}` is listed twice in this step's `renamed_from`"),
                    )
                    .label("listed before")
                    .help("list each old id once"),
                );
                continue;
            }
            if current.contains(old) {
                out.push(collision(
                    item.span,
                    format!(
                        "`{shown}` in `renamed_from` of step `{}` is a current step of \
recommendation `{}`",
                        step.key.escape_debug(),
                        rec.key.escape_debug()
                    ),
                    "a step's old ids are ids no step has now: remove it here, or rename \
the current step",
                ));
                continue;
            }
            match claimed.get(old) {
                Some(first) => out.push(collision(
                    item.span,
                    format!(
                        "`{shown}` is claimed by steps `{}` and `{}` of recommendation `{}`",
                        first.escape_debug(),
                        step.key.escape_debug(),
                        rec.key.escape_debug()
                    ),
                    "an old id became one step: keep it in that step's `renamed_from` only",
                )),
                None => {
                    claimed.insert(old, step.key.as_str());
                }
            }
        }
    }
}

/// A `catalog-renamed-collision` finding.
fn collision(span: Span, message: String, help: &str) -> Finding {
    Finding::new(&CATALOG_RENAMED_COLLISION, span, message)
        .label("ambiguous rename")
        .help(help)
}

/// Whether `code` has the shape of a language code (`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`,
/// the schema's `language`).
fn looks_like_language(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests;
