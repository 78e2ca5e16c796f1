//! The spanned document: a YAML value tree in which every node remembers where it was.
//!
//! This is the first typed layer after the bytes. Both the JSON Schema check (which
//! validates this tree itself, through the `jsonschema` crate's `Json` traits) and the
//! typed tracker (`tracker.rs`, which takes the tree over) are read off it, and every
//! diagnostic points back into it through [`Node::locate`].

use crate::syntax::span::Span;
use serde_json::Value as Json;

/// The text of a string node or a mapping key: stored inline up to 24 bytes (most
/// keys, dates, statuses, ids and locators), so a large tracker's tree needs no heap
/// allocation for them; longer text is one exact-size allocation.
pub type Text = compact_str::CompactString;

/// `s` as a node's text: inline when short; otherwise the parser's own buffer, trimmed
/// to its length (a scanner's buffer grows by doubling, and a large tracker keeps tens
/// of thousands of notes).
pub fn text(s: std::borrow::Cow<'_, str>) -> Text {
    match s {
        std::borrow::Cow::Owned(mut s) => {
            if s.len() > std::mem::size_of::<Text>() {
                s.shrink_to_fit();
            }
            Text::from(s)
        }
        std::borrow::Cow::Borrowed(s) => Text::from(s),
    }
}

/// One YAML node with its source span (40 bytes: a large tracker holds one per value).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where the node stands in the source.
    pub span: Span,
}

/// The value of a node, resolved with the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string (YAML 1.2 has no date type: `2021-12-10` is a string).
    Str(Text),
    /// A sequence (boxed once complete: no growth slack is kept).
    Seq(Box<[Node]>),
    /// A mapping, in source order (boxed once complete).
    Map(Box<[Pair]>),
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The key, as text.
    pub key: Text,
    /// Where the key stands.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// The result of following a path into a document.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    /// The node the path ends at.
    pub node: &'a Node,
    /// The span of the mapping key that leads to the node, if the last step was a key.
    pub key_span: Option<Span>,
}

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

impl Node {
    /// The `key: value` pair for `key`, if this node is a mapping that has it.
    pub fn pair(&self, key: &str) -> Option<&Pair> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The value for `key`, if this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.pair(key).map(|e| &e.value)
    }

    /// The string, if this node is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this node is a mapping.
    pub fn as_map(&self) -> Option<&[Pair]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this node is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// A short name of the node's type, as a monitor would say it.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "true/false",
            // Named as written: the number has no other spelling a monitor would know.
            Value::Float(f) if f.is_nan() => "a number (.nan)",
            Value::Float(f) if f.is_infinite() && *f > 0.0 => "a number (.inf)",
            Value::Float(f) if f.is_infinite() => "a number (-.inf)",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value for a message: text as it is, a non-finite number as YAML writes it
    /// (`.inf`, `-.inf`, `.nan`), anything else as JSON.
    pub fn display_value(&self) -> String {
        match &self.value {
            Value::Str(s) => s.to_string(),
            Value::Float(f) if f.is_nan() => ".nan".to_string(),
            Value::Float(f) if f.is_infinite() && *f > 0.0 => ".inf".to_string(),
            Value::Float(f) if f.is_infinite() => "-.inf".to_string(),
            _ => self.to_json().to_string(),
        }
    }

    /// Whether two nodes hold the same data, wherever and however they were written:
    /// spans, quoting and the order of a mapping's keys are ignored (the order of a
    /// list is not). Compared in place: no JSON copy of either side.
    // Exact equality is the point: the append-only gate asks whether a recorded value
    // changed at all, not whether it is close.
    #[allow(clippy::float_cmp)]
    pub fn same_value(&self, other: &Node) -> bool {
        match (&self.value, &other.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Seq(a), Value::Seq(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_value(y))
            }
            (Value::Map(a), Value::Map(b)) => {
                if a.len() != b.len() {
                    return false;
                }
                // Keys in the same order is the usual case and costs one pass.
                if a.iter().zip(b.iter()).all(|(x, y)| x.key == y.key) {
                    return a
                        .iter()
                        .zip(b.iter())
                        .all(|(x, y)| x.value.same_value(&y.value));
                }
                // Keys are unique (the loader rejects repeats), so equal lengths and
                // every key of one found with an equal value in the other is equality.
                let index: std::collections::HashMap<&str, &Node> =
                    b.iter().map(|e| (e.key.as_str(), &e.value)).collect();
                a.iter().all(|x| {
                    index
                        .get(x.key.as_str())
                        .is_some_and(|y| x.value.same_value(y))
                })
            }
            _ => false,
        }
    }

    /// The same tree as plain JSON: a copy, for cold paths only (a value in a message, the
    /// instance of a schema error, reading a catalog, the edit commands' self-checks).
    pub fn to_json(&self) -> Json {
        match &self.value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Int(i) => Json::from(*i),
            // NaN and infinities have no JSON form. They must reach the schema as the
            // numbers they are, never as text: `.inf` turned into the string "inf"
            // passed as a source id or a title. The largest finite number of the same
            // sign stands in; it fails every place that wants text, an enum or the
            // `const: 1` of `schema_version`, as `.inf` does in other validators, and
            // messages name the value as written (see `kind_name`).
            Value::Float(f) => Json::Number(
                serde_json::Number::from_f64(*f)
                    .or_else(|| serde_json::Number::from_f64(f64::MAX.copysign(*f)))
                    .unwrap_or_else(|| serde_json::Number::from(0)),
            ),
            Value::Str(s) => Json::String(s.to_string()),
            Value::Seq(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|e| (e.key.to_string(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Follows `path` from this node as far as it goes.
    ///
    /// Returns the deepest node reached and how many steps were followed, so a caller
    /// whose path runs past the document (it should not, but a schema error may name a
    /// path we resolved differently) still gets the closest enclosing node to point at.
    pub fn locate<'a, 'p>(
        &'a self,
        path: impl IntoIterator<Item = PathStep<'p>>,
    ) -> (Located<'a>, usize) {
        let mut here = Located {
            node: self,
            key_span: None,
        };
        let mut followed = 0;
        for step in path {
            let next = match (step, &here.node.value) {
                (PathStep::Key(k), Value::Map(entries)) => {
                    entries.iter().find(|e| e.key == k).map(|e| Located {
                        node: &e.value,
                        key_span: Some(e.key_span),
                    })
                }
                (PathStep::Index(i), Value::Seq(items)) => items.get(i).map(|n| Located {
                    node: n,
                    key_span: None,
                }),
                _ => None,
            };
            match next {
                Some(n) => here = n,
                None => break,
            }
            followed += 1;
        }
        (here, followed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::span::Pos;

    fn span(line: u32, col: u32) -> Span {
        Span {
            start: Pos { line, col },
            end: Pos { line, col },
        }
    }

    fn scalar(s: &str, line: u32, col: u32) -> Node {
        Node {
            value: Value::Str(s.into()),
            span: span(line, col),
        }
    }

    #[test]
    fn locate_follows_keys_and_indexes_and_stops_at_the_last_known_node() {
        let doc = Node {
            span: span(1, 1),
            value: Value::Map(Box::new([Pair {
                key: "list".into(),
                key_span: span(1, 1),
                value: Node {
                    span: span(2, 3),
                    value: Value::Seq(Box::new([scalar("a", 2, 5), scalar("b", 3, 5)])),
                },
            }])),
        };
        let (found, n) = doc.locate([PathStep::Key("list"), PathStep::Index(1)]);
        assert_eq!(n, 2);
        assert_eq!(found.node.span, span(3, 5));
        let (found, n) = doc.locate([PathStep::Key("list"), PathStep::Index(7)]);
        assert_eq!(n, 1);
        assert_eq!(found.key_span, Some(span(1, 1)));
        assert_eq!(
            doc.to_json(),
            serde_json::json!({"list": ["a", "b"]}),
            "JSON view keeps order and values"
        );
    }

    #[test]
    fn nodes_stay_small() {
        // A large tracker holds one node per value: these sizes are its memory.
        assert_eq!(std::mem::size_of::<Span>(), 16);
        assert_eq!(std::mem::size_of::<Value>(), 24);
        assert_eq!(std::mem::size_of::<Node>(), 40);
        assert_eq!(std::mem::size_of::<Pair>(), 80);
    }

    #[test]
    fn non_finite_numbers_stay_numbers_and_are_named_as_written() {
        for (f, written) in [
            (f64::INFINITY, ".inf"),
            (f64::NEG_INFINITY, "-.inf"),
            (f64::NAN, ".nan"),
        ] {
            let node = Node {
                value: Value::Float(f),
                span: span(1, 1),
            };
            let json = node.to_json();
            assert!(json.is_number(), "{written}: {json}");
            assert_ne!(
                json,
                serde_json::json!(1),
                "never the one number the schema takes"
            );
            assert_eq!(node.display_value(), written);
            assert!(node.kind_name().contains(written), "{}", node.kind_name());
        }
    }
}
