//! saphyr events to the [`Node`] tree: collections opened and closed, keys checked for
//! duplicates, anchors kept for their aliases, and every node counted against the
//! [`Limits`] as it is built.
//!
//! We drive saphyr-parser's event stream straight into our own tree instead of going
//! through a generic YAML value: it saves a tree, lets us reject what a tracker must
//! never contain (custom tags, complex keys, duplicate keys) at the exact place it
//! occurs, and keeps nesting and alias expansion bounded while we build.

use crate::syntax::LoadError;
use crate::syntax::document::{Node, Pair, Text, Value};
use crate::syntax::keys;
use crate::syntax::limits::{Limits, MIN_NODE_BUDGET};
use crate::syntax::mistakes;
use crate::syntax::scalar::scalar_value;
use crate::syntax::span::Span;
use crate::syntax::tag::check_collection_tag;
use saphyr_parser::{Event, ScalarStyle};
use std::collections::{HashMap, HashSet};

/// A collection being built.
enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<Pair>,
        /// Hashes of the keys seen, once the mapping is large enough for a set to beat
        /// a scan (hashes, not copies of the keys: a copy doubled a large mapping).
        seen: Option<HashSet<u64>>,
        key: Option<(Text, Span)>,
    },
}

/// Builds the documents of one stream from its events.
pub(super) struct Builder<'a> {
    limits: &'a Limits,
    /// The file's text, read only to explain an error (a duplicate key).
    text: &'a str,
    stack: Vec<Frame>,
    /// A copy of each anchored node, for its aliases.
    anchors: HashMap<usize, Node>,
    /// What aliases copied: bounded by `max_alias_nodes` and `max_alias_bytes`.
    aliased: Copied,
    /// What the copies in `anchors` hold: bounded by what the file itself holds (plus
    /// the alias budget), so anchors nested in anchors, each a copy of all inside it,
    /// cannot multiply a file's size by its depth.
    anchored: Copied,
    /// The nodes and text read from the file itself (aliases not counted).
    read: Copied,
    /// Most nodes the file may hold for its size (see [`BYTES_PER_NODE`](super::BYTES_PER_NODE)).
    max_nodes: usize,
    /// Hashes keys for the duplicate check of large mappings.
    hasher: std::collections::hash_map::RandomState,
    docs: Vec<Node>,
    /// Where each document starts (its `---`, when explicit).
    doc_starts: Vec<Span>,
}

impl<'a> Builder<'a> {
    /// A builder for the file `text` (its node budget depends on its size).
    pub(super) fn new(limits: &'a Limits, text: &'a str) -> Self {
        Builder {
            limits,
            text,
            stack: Vec::new(),
            anchors: HashMap::new(),
            aliased: Copied::default(),
            anchored: Copied::default(),
            read: Copied::default(),
            hasher: std::collections::hash_map::RandomState::new(),
            max_nodes: MIN_NODE_BUDGET.saturating_add(text.len() / limits.bytes_per_node.max(1)),
            docs: Vec::new(),
            doc_starts: Vec::new(),
        }
    }

    /// The documents built, and where each starts (its `---`, when explicit).
    pub(super) fn finish(self) -> (Vec<Node>, Vec<Span>) {
        (self.docs, self.doc_starts)
    }

    /// Takes the next event of the stream.
    pub(super) fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), LoadError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                // A key is a name, kept as written: `0o17:` or `.inf:` read as numbers
                // would become "15" or "inf" in the JSON the schema sees, a name the
                // monitor never wrote (and that evidence could then cite).
                let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                let written = (is_key && style == ScalarStyle::Plain && may_not_be_text(&text))
                    .then(|| Text::from(&*text));
                let mut value = scalar_value(text, style, tag.as_deref(), span)?;
                if let Some(written) = written
                    && !matches!(value, Value::Str(_))
                {
                    value = Value::Str(written);
                }
                let bytes = match &value {
                    Value::Str(s) => s.len(),
                    _ => 0,
                };
                self.count_read(Copied { nodes: 1, bytes }, span)?;
                self.complete(Node { value, span }, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "seq", span)?;
                self.open(Frame::Seq {
                    start: span,
                    anchor,
                    items: Vec::new(),
                })
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "map", span)?;
                self.open(Frame::Map {
                    start: span,
                    anchor,
                    entries: Vec::new(),
                    seen: None,
                    key: None,
                })
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => (
                        Node {
                            value: Value::Seq(items.into_boxed_slice()),
                            span: Span {
                                start: start.start,
                                end: span.end,
                            },
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            value: Value::Map(entries.into_boxed_slice()),
                            span: Span {
                                start: start.start,
                                end: span.end,
                            },
                        },
                        anchor,
                    ),
                    // The parser pairs starts and ends; an unpaired end would be its bug.
                    None => {
                        return Err(LoadError::new(
                            span,
                            "invalid YAML: unbalanced collection",
                            "",
                        ));
                    }
                };
                self.count_read(Copied { nodes: 1, bytes: 0 }, node.span)?;
                self.complete(node, anchor)
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(LoadError::new(
                        span,
                        "invalid YAML: alias to an unknown anchor",
                        "define the anchor (`&name`) before using the alias (`*name`)",
                    ));
                };
                self.aliased.add(Copied::of(target));
                if let Some(over) = self
                    .aliased
                    .over(self.limits.max_alias_nodes, self.limits.max_alias_bytes)
                {
                    return Err(LoadError::new(
                        span,
                        format!("aliases expand to more than {over} (a \"billion laughs\" file?)"),
                        "write the repeated content out: a tracker never needs this many copied nodes",
                    ));
                }
                // The copy keeps the anchor's spans: a diagnostic inside an aliased
                // node points at the text the monitor wrote, which is where a fix goes.
                let mut node = target.clone();
                node.span.start = span.start;
                node.span.end = span.end.max(span.start);
                self.complete(node, 0)
            }
            Event::DocumentStart(_) => {
                self.doc_starts.push(span);
                Ok(())
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => Ok(()),
        }
    }

    /// Counts a node read from the file, refusing a file with more than its size allows.
    fn count_read(&mut self, cost: Copied, span: Span) -> Result<(), LoadError> {
        self.read.add(cost);
        if self.read.nodes > self.max_nodes {
            return Err(LoadError::new(
                span,
                format!(
                    "the file holds more than {} values, one per {} bytes (plus {MIN_NODE_BUDGET}); it was not read further",
                    self.max_nodes, self.limits.bytes_per_node
                ),
                "a tracker is mostly words: check this is the right file (a generated list of numbers is not a tracker)",
            ));
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame) -> Result<(), LoadError> {
        if self.stack.len() >= self.limits.max_depth {
            let span = match &frame {
                Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
            };
            return Err(LoadError::new(
                span,
                format!("nesting deeper than {} levels", self.limits.max_depth),
                "a tracker nests about eight levels: check for runaway brackets or indentation",
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Hands a finished node to its parent (or makes it the document).
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), LoadError> {
        if anchor != 0 {
            self.anchored.add(Copied::of(&node));
            let nodes = self.read.nodes.saturating_add(self.limits.max_alias_nodes);
            let bytes = self.read.bytes.saturating_add(self.limits.max_alias_bytes);
            if let Some(over) = self.anchored.over(nodes, bytes) {
                return Err(LoadError::new(
                    node.span,
                    format!(
                        "anchored nodes hold more than {over}, more than the file itself (anchors nested in anchors?)"
                    ),
                    "each anchor keeps a copy of everything inside it: anchor only the part that is repeated",
                ));
            }
            self.anchors.insert(anchor, node.clone());
        }
        // Where the sequence holding the current mapping starts, if one does: a
        // repeated key there is likely a new item written without its `- `.
        let item_of = match self.stack.iter().rev().nth(1) {
            Some(Frame::Seq { start, .. }) => Some(*start),
            _ => None,
        };
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, seen, key, ..
            }) => match key.take() {
                None => {
                    let text = match node.value {
                        Value::Str(s) => s,
                        // Only an alias gets here with a scalar that is not text (a
                        // written key stays as written, see `on_event`).
                        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
                            node.display_value().into()
                        }
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(LoadError::new(
                                node.span,
                                "a list or mapping used as a key",
                                "keys are plain names such as `status:`; check for a stray `?` or brackets",
                            ));
                        }
                    };
                    let duplicate = keys::repeats(entries, &text, seen, &self.hasher);
                    if duplicate {
                        let starts_item = entries.first().is_some_and(|e| e.key == text);
                        return Err(mistakes::duplicate_key(
                            self.text,
                            &text,
                            node.span,
                            item_of,
                            starts_item,
                        ));
                    }
                    *key = Some((text, node.span));
                }
                Some((k, key_span)) => entries.push(Pair {
                    key: k,
                    key_span,
                    value: node,
                }),
            },
        }
        Ok(())
    }
}

/// Whether a plain scalar could resolve to something other than a string: the core
/// schema's null, booleans and numbers all start with one of these (or are empty).
fn may_not_be_text(text: &str) -> bool {
    text.chars()
        .next()
        .is_none_or(|c| c.is_ascii_digit() || "+-.~nNtTfF".contains(c))
}

/// What a copy of some nodes costs: how many nodes (a mapping key counts as one) and
/// how many bytes of text (keys and strings).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Copied {
    nodes: usize,
    bytes: usize,
}

impl Copied {
    /// The cost of a copy of `node` and everything in it.
    fn of(node: &Node) -> Copied {
        let mut cost = Copied { nodes: 1, bytes: 0 };
        match &node.value {
            Value::Str(s) => cost.bytes = s.len(),
            Value::Seq(items) => items.iter().for_each(|n| cost.add(Copied::of(n))),
            Value::Map(entries) => entries.iter().for_each(|e| {
                cost.add(Copied {
                    nodes: 1,
                    bytes: e.key.len(),
                });
                cost.add(Copied::of(&e.value));
            }),
            _ => {}
        }
        cost
    }

    fn add(&mut self, other: Copied) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.bytes = self.bytes.saturating_add(other.bytes);
    }

    /// Which limit this cost is over, said for a message; `None` within both.
    fn over(&self, nodes: usize, bytes: usize) -> Option<String> {
        if self.nodes > nodes {
            Some(format!("{nodes} nodes"))
        } else if self.bytes > bytes {
            Some(format!("{bytes} bytes of text"))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests;
