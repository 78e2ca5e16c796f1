//! The typed tracker, read leniently off the spanned document.
//!
//! Every field is optional here: the JSON Schema has already said what is missing or of
//! the wrong type, and the semantic rules must still run on the rest of the file so a
//! monitor sees all problems in one pass. Values keep their spans so each rule can point
//! at exactly the node it is about.

use crate::model::catalog::Text;
use crate::model::date::parse_date;
use crate::model::status::Status;
use crate::syntax::document::{Node, Pair, Value};
use crate::syntax::span::Span;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Its span.
    pub span: Span,
}

/// A tracker file.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    /// The tracker's id, with the value's span.
    pub id: Option<Spanned<String>>,
    /// Its title.
    pub title: Option<String>,
    /// The date it describes.
    pub as_of: Option<Spanned<NaiveDate>>,
    /// Its sources, in file order.
    pub sources: Vec<SourceInfo>,
    /// Span of the `sources` key, when there is one.
    pub sources_key: Option<Span>,
    /// `None` when `recommendations` is missing or not a mapping.
    pub recommendations: Option<Recommendations>,
    /// Set when the tracker is retired.
    pub closed: Option<Correction>,
    /// The catalog it names (`catalog:`), a built-in id or a path; `None` for the
    /// default built-in catalog.
    pub catalog: Option<Spanned<String>>,
    /// How it names the catalog's parties: (party id, name), in file order.
    pub parties: Vec<(String, Text)>,
}

/// The `recommendations:` mapping.
#[derive(Debug, Clone)]
pub struct Recommendations {
    /// Span of the `recommendations` key.
    pub key_span: Span,
    /// The recommendations, in file order.
    pub entries: Vec<Recommendation>,
}

/// A source: its id (where rules point) and what reports print about it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceInfo {
    /// Its id, with the key's span.
    pub id: Spanned<String>,
    /// Its title.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Series or report number.
    pub reference: Option<String>,
    /// Publication date as written.
    pub published: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// Set when its metadata was amended after it was first cited.
    pub correction: Option<Correction>,
    /// The source as written, every key included: what a cited source is held to.
    pub written: Written,
}

/// One recommendation of the tracker.
#[derive(Debug, Clone)]
pub struct Recommendation {
    /// Its id and the key's span.
    pub id: Spanned<String>,
    /// Span of its `steps` key, and the steps; `None` when `steps` is missing or not a
    /// mapping.
    pub steps: Option<(Span, Vec<Step>)>,
}

/// One step of the tracker.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its id and the key's span.
    pub id: Spanned<String>,
    /// The current status.
    pub status: Option<Spanned<Status>>,
    /// Dated entries, in file order (items that are not mappings are the schema's to
    /// report and are left out).
    pub history: Vec<Entry>,
    /// Span of the `history` key, when there is one.
    pub history_key: Option<Span>,
    /// When a monitor means to look again.
    pub next_review: Option<Spanned<NaiveDate>>,
    /// A free note on the step.
    pub note: Option<String>,
}

/// One dated history entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Where the entry starts (its first line).
    pub span: Span,
    /// When.
    pub date: Option<Spanned<NaiveDate>>,
    /// The status from that date.
    pub status: Option<Spanned<Status>>,
    /// Set when the entry was amended after it was first recorded (boxed: rare, and
    /// a large tracker holds one entry per history line).
    pub correction: Option<Box<Correction>>,
    /// The entry as written, every key included: what a recorded entry is held to.
    pub written: Written,
}

/// One piece of evidence, read off the entry as written ([`Entry::evidence`]): a large
/// tracker holds one per history entry, and a typed copy of each was a tenth of its
/// check's memory.
#[derive(Debug, Clone)]
pub struct Evidence<'a> {
    /// Source id, with the value's span.
    pub source: Option<Spanned<&'a str>>,
    /// Where in the source.
    pub locator: Option<&'a str>,
    /// A link to the passage.
    pub url: Option<&'a str>,
    /// Whether the source backs or disputes the entry.
    pub stance: Stance,
}

impl<'a> Evidence<'a> {
    /// The evidence an item of `evidence:` gives (its keys, where it is a mapping).
    fn from_node(e: &'a Node) -> Self {
        Evidence {
            source: e.get("source").and_then(|s| {
                Some(Spanned {
                    value: s.as_str()?,
                    span: s.span,
                })
            }),
            locator: e.get("locator").and_then(Node::as_str),
            url: e.get("url").and_then(Node::as_str),
            stance: match e.get("stance").and_then(Node::as_str) {
                Some("contradicts") => Stance::Contradicts,
                _ => Stance::Supports,
            },
        }
    }
}

/// Whether a source backs an entry or disputes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stance {
    /// The default.
    #[default]
    Supports,
    /// An official denial, a contrary report.
    Contradicts,
}

/// A dated reason: an amendment (`correction`) or a tracker's retirement (`closed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// When.
    pub date: Option<Spanned<NaiveDate>>,
    /// Why.
    pub reason: Option<String>,
    /// Where the mapping (or whatever stands in its place) is written.
    pub span: Span,
}

impl Correction {
    /// Whether both say the same date and reason, wherever they are written.
    pub fn says_same(&self, other: &Correction) -> bool {
        self.date.as_ref().map(|d| d.value) == other.date.as_ref().map(|d| d.value)
            && self.reason == other.reason
    }
}

/// A part of the tracker as written, every key included (unknown ones too), compared
/// as data: layout, quoting, key order, comments and JSON syntax are not part of it.
/// It is what the append-only comparison holds recorded entries and cited sources to.
#[derive(Debug, Clone)]
pub struct Written(Node);

impl PartialEq for Written {
    fn eq(&self, other: &Written) -> bool {
        self.0.same_value(&other.0)
    }
}

// `same_value` counts NaN equal to itself, so the equality is reflexive.
impl Eq for Written {}

impl Written {
    /// Where it starts.
    pub fn span(&self) -> Span {
        self.0.span
    }

    /// Every leaf, by its path inside the part (`note`, `evidence[0].locator`), as a
    /// reader would write it; the top-level `correction` is left out (it is shown on
    /// its own). An empty list is the leaf `[]`.
    pub fn leaves(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        leaves(&self.0, "", &mut out);
        out
    }
}

fn leaves(node: &Node, prefix: &str, out: &mut BTreeMap<String, String>) {
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                if prefix.is_empty() && e.key == "correction" {
                    continue;
                }
                let path = if prefix.is_empty() {
                    e.key.to_string()
                } else {
                    format!("{prefix}.{}", e.key)
                };
                leaves(&e.value, &path, out);
            }
        }
        Value::Seq(items) => {
            if items.is_empty() {
                out.insert(prefix.to_string(), "[]".into());
            }
            for (i, item) in items.iter().enumerate() {
                leaves(item, &format!("{prefix}[{i}]"), out);
            }
        }
        Value::Null => {
            out.insert(prefix.to_string(), "null".into());
        }
        Value::Bool(b) => {
            out.insert(prefix.to_string(), b.to_string());
        }
        Value::Int(i) => {
            out.insert(prefix.to_string(), i.to_string());
        }
        Value::Float(f) => {
            out.insert(prefix.to_string(), f.to_string());
        }
        Value::Str(s) => {
            out.insert(prefix.to_string(), s.to_string());
        }
    }
}

/// The pairs of a mapping node, taken from it (none for any other node).
fn into_pairs(node: Node) -> impl Iterator<Item = Pair> {
    match node.value {
        Value::Map(pairs) => pairs.into_vec(),
        _ => Vec::new(),
    }
    .into_iter()
}

fn spanned_text(node: Option<&Node>) -> Option<Spanned<String>> {
    let node = node?;
    Some(Spanned {
        value: node.as_str()?.to_string(),
        span: node.span,
    })
}

fn text(node: Option<&Node>) -> Option<String> {
    node.and_then(Node::as_str).map(str::to_string)
}

fn date(node: Option<&Node>) -> Option<Spanned<NaiveDate>> {
    let node = node?;
    Some(Spanned {
        value: parse_date(node.as_str()?)?,
        span: node.span,
    })
}

fn status(node: Option<&Node>) -> Option<Spanned<Status>> {
    let node = node?;
    Some(Spanned {
        value: Status::from_id(node.as_str()?)?,
        span: node.span,
    })
}

/// A party's name: one string, or one per language (`{en: ..., fr: ...}`).
fn party_name(node: &Node) -> Option<Text> {
    if let Some(s) = node.as_str() {
        return Some(Text::plain(s));
    }
    let pairs = node
        .as_map()?
        .iter()
        .filter_map(|p| Some((p.key.to_string(), p.value.as_str()?.to_string())))
        .collect();
    Some(Text::by_language(pairs))
}

impl Tracker {
    /// Reads what can be read of a tracker from its document, which it takes: each
    /// history entry's and source's node moves into the tracker (as [`Written`]) instead
    /// of being copied, so a large tracker is never held twice.
    pub fn from_document(root: Node) -> Tracker {
        let mut tracker = Tracker {
            id: spanned_text(root.get("id")),
            closed: Correction::from_node(root.get("closed")),
            catalog: Tracker::catalog_of(&root),
            parties: root
                .get("parties")
                .and_then(Node::as_map)
                .unwrap_or_default()
                .iter()
                .filter_map(|p| Some((p.key.to_string(), party_name(&p.value)?)))
                .collect(),
            title: text(root.get("title")),
            as_of: date(root.get("as_of")),
            sources: Vec::new(),
            sources_key: root.pair("sources").map(|e| e.key_span),
            recommendations: None,
        };
        // The loader refuses repeated keys, so each key below is the only one of its name.
        for pair in into_pairs(root) {
            match pair.key.as_str() {
                "sources" => {
                    tracker.sources = into_pairs(pair.value)
                        .map(|e| SourceInfo {
                            id: Spanned {
                                value: e.key.to_string(),
                                span: e.key_span,
                            },
                            title: text(e.value.get("title")),
                            publisher: text(e.value.get("publisher")),
                            reference: text(e.value.get("reference")),
                            published: text(e.value.get("published")),
                            url: text(e.value.get("url")),
                            correction: Correction::from_node(e.value.get("correction")),
                            written: Written(e.value),
                        })
                        .collect();
                }
                "recommendations" if pair.value.as_map().is_some() => {
                    tracker.recommendations = Some(Recommendations {
                        key_span: pair.key_span,
                        entries: into_pairs(pair.value)
                            .map(Recommendation::from_pair)
                            .collect(),
                    });
                }
                _ => {}
            }
        }
        tracker
    }

    /// The catalog a tracker's document names (`catalog:`), read without typing the
    /// rest: which catalog's schema checks the document depends on it.
    pub fn catalog_of(root: &Node) -> Option<Spanned<String>> {
        spanned_text(root.get("catalog"))
    }

    /// The step `rec/step`, if the tracker has it.
    pub fn step(&self, rec: &str, step: &str) -> Option<&Step> {
        self.recommendations
            .as_ref()?
            .entries
            .iter()
            .find(|r| r.id.value == rec)?
            .steps
            .as_ref()?
            .1
            .iter()
            .find(|s| s.id.value == step)
    }
}

impl Step {
    /// The status the step had before its `index`th entry: the last one an earlier
    /// entry gives (`None`: no earlier entry gives one).
    pub fn status_before(&self, index: usize) -> Option<Status> {
        self.history[..index.min(self.history.len())]
            .iter()
            .rev()
            .find_map(|e| e.status.as_ref().map(|s| s.value))
    }

    fn from_pair(pair: Pair) -> Step {
        let node = pair.value;
        let mut step = Step {
            id: Spanned {
                value: pair.key.to_string(),
                span: pair.key_span,
            },
            status: status(node.get("status")),
            history: Vec::new(),
            history_key: node.pair("history").map(|e| e.key_span),
            next_review: date(node.get("next_review")),
            note: text(node.get("note")),
        };
        if let Some(history) = into_pairs(node).find(|p| p.key == "history")
            && let Value::Seq(items) = history.value.value
        {
            // Sized first: collected through a filter, a history of thousands of
            // entries would grow by doubling and keep up to half its room unused.
            let entries = items
                .iter()
                .filter(|n| matches!(n.value, Value::Map(_)))
                .count();
            step.history = Vec::with_capacity(entries);
            step.history.extend(
                items
                    .into_vec()
                    .into_iter()
                    .filter(|n| matches!(n.value, Value::Map(_)))
                    .map(Entry::from_node),
            );
        }
        step
    }
}

impl Recommendation {
    fn from_pair(rec: Pair) -> Recommendation {
        let steps = into_pairs(rec.value)
            .find(|p| p.key == "steps")
            .filter(|steps| steps.value.as_map().is_some())
            .map(|steps| {
                (
                    steps.key_span,
                    into_pairs(steps.value).map(Step::from_pair).collect(),
                )
            });
        Recommendation {
            id: Spanned {
                value: rec.key.to_string(),
                span: rec.key_span,
            },
            steps,
        }
    }
}

impl Correction {
    fn from_node(node: Option<&Node>) -> Option<Correction> {
        let c = node?;
        Some(Correction {
            date: date(c.get("date")),
            reason: text(c.get("reason")),
            span: c.span,
        })
    }
}

impl Entry {
    fn from_node(node: Node) -> Entry {
        Entry {
            span: node.span,
            date: date(node.get("date")),
            status: status(node.get("status")),
            correction: Correction::from_node(node.get("correction")).map(Box::new),
            written: Written(node),
        }
    }

    /// What happened: read off the entry as written, not copied (a large tracker holds
    /// one note per history line, and a copy of each was a tenth of its check's memory).
    pub fn note(&self) -> Option<&str> {
        self.written.0.get("note").and_then(Node::as_str)
    }

    /// The sources behind it, in the order written.
    pub fn evidence(&self) -> impl Iterator<Item = Evidence<'_>> {
        self.written
            .0
            .get("evidence")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(Evidence::from_node)
    }

    /// Whether the entry cites any evidence.
    pub fn has_evidence(&self) -> bool {
        self.evidence().next().is_some()
    }

    /// Whether any evidence disputes this entry.
    pub fn contested(&self) -> bool {
        self.evidence().any(|e| e.stance == Stance::Contradicts)
    }
}
