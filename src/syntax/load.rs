//! Bytes to spanned document: decoding, YAML parsing and the limits that keep a
//! hostile file from costing more than a normal one.
//!
//! We drive saphyr-parser's event stream straight into our own [`Node`] tree instead of
//! going through a generic YAML value: it saves a tree, lets us reject what a tracker
//! must never contain (custom tags, complex keys, duplicate keys) at the exact place it
//! occurs, and keeps nesting and alias expansion bounded while we build.

use crate::syntax::document::{Entry, Node, Value};
use crate::syntax::span::{Pos, Span};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

mod quoted;

/// Largest tracker file read, in bytes. A real tracker is kilobytes; ten years of
/// monthly entries on every step stay under a megabyte, so 16 MiB leaves a wide margin
/// while keeping a runaway file's cost (time, memory) small. Adjustable with
/// `--max-file-size`.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Deepest nesting of mappings and sequences. A tracker nests eight levels; the limit
/// only stops "10,000 open brackets" files before they cost stack or time.
pub const MAX_DEPTH: usize = 64;
/// Most nodes that aliases (`*name`) may copy in one file, counted as they expand (an
/// alias of a list of 100 items costs 101). Anchors are legitimate (a monitor may reuse
/// an evidence list), a "billion laughs" file is not.
pub const MAX_ALIAS_NODES: usize = 10_000;
/// Bytes of file per node, at the least, beyond the first [`MIN_NODE_BUDGET`] nodes. A
/// node costs about a hundred bytes in memory (the spanned tree, then its JSON copy for
/// the schema), while `[1,1,…]` writes one in two bytes: unchecked, a 16 MiB file cost
/// 1 GiB and more. The densest real trackers (compact JSON, history without notes)
/// spend seven to ten bytes per node, so four leaves them room and caps memory at a
/// small multiple of the file's size.
pub const BYTES_PER_NODE: usize = 4;
/// Nodes any file may hold whatever its size (a small file is never refused for this).
pub const MIN_NODE_BUDGET: usize = 10_000;
/// Most bytes of text that aliases may copy in one file: a node budget alone would let
/// 10,000 aliases of one 1 MiB string copy 10 GiB.
pub const MAX_ALIAS_BYTES: usize = 1 << 20;

/// How far a load may go.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// See [`MAX_FILE_BYTES`].
    pub max_file_bytes: u64,
    /// See [`MAX_DEPTH`].
    pub max_depth: usize,
    /// See [`MAX_ALIAS_NODES`].
    pub max_alias_nodes: usize,
    /// See [`MAX_ALIAS_BYTES`].
    pub max_alias_bytes: usize,
    /// See [`BYTES_PER_NODE`].
    pub bytes_per_node: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_depth: MAX_DEPTH,
            max_alias_nodes: MAX_ALIAS_NODES,
            max_alias_bytes: MAX_ALIAS_BYTES,
            bytes_per_node: BYTES_PER_NODE,
        }
    }
}

/// Why a file is not one well-formed YAML document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct LoadError {
    /// What is wrong, in one line.
    pub message: String,
    /// Where it is.
    pub span: Span,
    /// What to do about it.
    pub help: String,
}

impl LoadError {
    fn new(span: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        LoadError {
            message: message.into(),
            span,
            help: help.into(),
        }
    }
}

// Reading a file's bytes (regular files only, links kept inside their folder) is
// `read.rs`'s; the error is named here too, for the callers that load.
pub use crate::sys::read::ReadError;

/// The finding for a file over the size limit.
pub fn too_large(max: u64) -> LoadError {
    LoadError::new(
        Span::point(1, 1),
        format!("the file is larger than the limit of {max} bytes; it was not read"),
        "a tracker is far smaller: check this is the right file, or raise the limit with --max-file-size",
    )
}

/// Turns raw bytes into text, refusing encodings a tracker must not use.
///
/// A UTF-8 byte-order mark is dropped (Windows editors add it); anything else that is
/// not UTF-8 is refused with the place of the first bad byte, because guessing an
/// encoding would silently change the names and notes a monitor wrote.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::new(
            Span::point(1, 1),
            "the file is UTF-16, not UTF-8",
            "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => match forbidden_char(text) {
            Some((at, '\0')) => Err(LoadError::new(
                point_at(text, at),
                "the file contains a NUL byte",
                "a tracker is plain text: remove the NUL byte (the file may be binary or corrupt)",
            )),
            Some((at, c)) => Err(LoadError::new(
                point_at(text, at),
                format!(
                    "the file contains U+{:04X}, {}, which YAML does not allow in a file",
                    u32::from(c),
                    if u32::from(c) >= 0xFFFE {
                        "a noncharacter"
                    } else {
                        "a control character"
                    }
                ),
                format!(
                    "delete it: it is invisible in most editors and usually comes from a copy-paste or an export; \
                     a text that really needs it can write it as the escape `\\u{:04X}` inside double quotes",
                    u32::from(c)
                ),
            )),
            None => Ok(text),
        },
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction, so this cannot fail; fall back
            // to the top of the file rather than panic if it somehow did.
            let span = std::str::from_utf8(good)
                .map(|t| point_at(t, t.len()))
                .unwrap_or(Span::point(1, 1));
            Err(LoadError::new(
                span,
                "the file is not valid UTF-8",
                "save the file as UTF-8; text pasted from a word processor may carry another encoding",
            ))
        }
    }
}

/// The text to show under a [`decode`] error: the bytes decode would have read (a
/// UTF-8 byte-order mark dropped), bad bytes replaced. The error's line and column
/// count in this text, so the caret lands on the offending character.
pub fn shown_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// The first character YAML 1.2 forbids in a stream, with its byte offset: everything
/// outside `c-printable`, that is C0 controls other than TAB, LF and CR, DEL, C1
/// controls other than NEL (U+0085), and the noncharacters U+FFFE and U+FFFF
/// (surrogates cannot occur in UTF-8). Such a character is invisible in an editor and
/// can steer a terminal, so it is refused where it stands. An escape such as `"\x07"`
/// in a double-quoted scalar stays legal YAML: it is visible in the file, and every
/// output escapes what it decodes to.
///
/// Byte-wise, because nearly every file is ASCII: only the lead bytes 0xC2 (C1
/// controls) and 0xEF (U+FFFE, U+FFFF) need a second look.
fn forbidden_char(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0x00..0x20 | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F)),
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    })?;
    Some((at, text[at..].chars().next()?))
}

/// The line and column of byte offset `at` in `text`.
fn point_at(text: &str, at: usize) -> Span {
    let pos = crate::syntax::span::pos_at(text, at);
    Span {
        start: pos,
        end: pos,
    }
}

/// Decodes and parses a file's bytes: the whole way from bytes to document.
pub fn document(bytes: &[u8], limits: &Limits) -> Result<Node, LoadError> {
    parse(decode(bytes)?, limits)
}

/// Parses `text` as exactly one YAML document.
pub fn parse(text: &str, limits: &Limits) -> Result<Node, LoadError> {
    let mut builder = Builder {
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        aliased: Copied::default(),
        anchored: Copied::default(),
        read: Copied::default(),
        hasher: std::collections::hash_map::RandomState::new(),
        max_nodes: MIN_NODE_BUDGET.saturating_add(text.len() / limits.bytes_per_node.max(1)),
        docs: Vec::new(),
        doc_starts: Vec::new(),
    };
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    let mut first_document = true;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| scan_error(text, &e))?;
        let event = source
            .event(event, span)
            .map_err(|at| bad_escape_error(text, at))?;
        vet(&event, span, text, &mut first_document)?;
        builder.on_event(event, to_span(span))?;
    }
    let doc_starts = builder.doc_starts;
    let mut docs = builder.docs;
    match docs.len() {
        0 => Err(LoadError::new(
            Span::point(1, 1),
            "the file is empty",
            "a tracker starts with `schema_version: 1`; `rectrack init FILE` writes a complete one",
        )),
        1 => Ok(docs.remove(0)),
        _ => Err(LoadError::new(
            // Point at the `---` that opens the second document: that line is the fix.
            doc_starts.get(1).copied().unwrap_or(docs[1].span),
            format!(
                "the file holds {} YAML documents; a tracker is one",
                docs.len()
            ),
            "remove the `---` line and what follows it, or split the documents into separate files",
        )),
    }
}

/// The string values of the top-level keys `keys` of a document, read from the
/// start of the event stream and no further than the last of them (`id` and `title`
/// stand on a tracker's first lines). A key whose value is not a plain string (a
/// number, a collection, an alias) reads as absent; so does anything after a syntax
/// error. This is what matching trackers of a base revision by id costs: a few events
/// per file, not a parse of each.
pub fn top_level_strings(bytes: &[u8], keys: &[&str]) -> Vec<Option<String>> {
    let mut found: Vec<Option<String>> = vec![None; keys.len()];
    let Ok(text) = decode(bytes) else {
        return found;
    };
    let source = quoted::Source::new(text);
    let mut parser = Parser::new_from_str(source.text());
    // Depth 1 is the top-level mapping; `want` is the key whose value comes next.
    let (mut depth, mut at_key, mut want): (usize, bool, Option<usize>) = (0, true, None);
    let mut left = keys.len();
    while let Some(Ok((event, span))) = parser.next_event() {
        let Ok(event) = source.event(event, span) else {
            break;
        };
        match event {
            // A document that is not a mapping has no top-level keys.
            Event::SequenceStart(..) if depth == 0 => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1 {
                    // A collection as a key or a value at the top: not a string.
                    at_key = !at_key;
                    want = None;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Event::Scalar(value, style, _, tag) if depth == 1 => {
                if at_key {
                    want = keys.iter().position(|k| *k == value);
                } else if let Some(i) = want.take() {
                    let resolved = scalar_value(value, style, tag.as_deref(), to_span(span));
                    if found[i].is_none()
                        && let Ok(Value::Str(text)) = resolved
                    {
                        found[i] = Some(text);
                        left -= 1;
                        if left == 0 {
                            break;
                        }
                    }
                }
                at_key = !at_key;
            }
            Event::Alias(_) if depth == 1 => {
                at_key = !at_key;
                want = None;
            }
            _ => {}
        }
    }
    found
}

fn to_span(span: saphyr_parser::Span) -> Span {
    let pos = |m: saphyr_parser::Marker| Pos {
        line: m.line(),
        col: m.col() + 1,
    };
    Span {
        start: pos(span.start),
        end: pos(span.end),
    }
}

fn scan_error(text: &str, e: &ScanError) -> LoadError {
    let m = e.marker();
    let mut span = Span::point(m.line(), m.col() + 1);
    let info = e.info();
    if info.contains("tab") {
        // The scanner reports the token after the tab; the tab is what must change.
        let line = crate::syntax::span::lines(text)
            .nth(m.line().saturating_sub(1))
            .unwrap_or("");
        if let Some(col) = line.chars().position(|c| c == '\t') {
            span = Span::point(m.line(), col + 1);
        }
    }
    if info.contains("invalid Unicode character escape") {
        // The parser points at the scalar's opening quote; the fix is at the escape.
        let start = char_offset(text, m.index());
        if let Some((at, escape)) = quoted::bad_escape(&text[start..]) {
            return LoadError::new(
                point_at(text, start + at),
                format!("invalid YAML: the escape `{escape}` is not a character"),
                if escape.starts_with("\\u") {
                    "an escape from \\uD800 to \\uDFFF is half of a UTF-16 surrogate pair: write both halves, high then low (`\\uD83C\\uDDF2`, as JSON tools do), or the character itself"
                } else {
                    "the last Unicode character is U+10FFFF: check the escape's digits, or write the character itself"
                },
            );
        }
    }
    let help = if info.contains("tab") {
        "YAML indentation must use spaces: replace the tab characters with spaces"
    } else if info.contains("mapping values") || info.contains("block") {
        "check the indentation of this line against the lines above it, and that each `key: value` has a space after the colon"
    } else if info.contains("duplicated key") {
        "each key may appear once in a mapping: merge the two entries or delete one"
    } else if info.contains("did not find expected") || info.contains("unclosed") {
        "a quote, bracket or brace is not closed: check this line and the one before"
    } else {
        "fix the YAML syntax at this place; `rectrack explain yaml` lists common causes"
    };
    LoadError::new(span, format!("invalid YAML: {info}"), help)
}

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
        entries: Vec<Entry>,
        /// Hashes of the keys seen, once the mapping is large enough for a set to beat
        /// a scan (hashes, not copies of the keys: a copy doubled a large mapping).
        seen: Option<HashSet<u64>>,
        key: Option<(String, Span)>,
    },
}

struct Builder<'l> {
    limits: &'l Limits,
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
    /// Most nodes the file may hold for its size (see [`BYTES_PER_NODE`]).
    max_nodes: usize,
    /// Hashes keys for the duplicate check of large mappings.
    hasher: std::collections::hash_map::RandomState,
    docs: Vec<Node>,
    /// Where each document starts (its `---`, when explicit).
    doc_starts: Vec<Span>,
}

impl Builder<'_> {
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), LoadError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                // A key is a name, kept as written: `0o17:` or `.inf:` read as numbers
                // would become "15" or "inf" in the JSON the schema sees, a name the
                // monitor never wrote (and that evidence could then cite).
                let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                let written = (is_key && style == ScalarStyle::Plain && may_not_be_text(&text))
                    .then(|| text.to_string());
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
                            value: Value::Seq(items),
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
                            value: Value::Map(entries),
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
                            node.display_value()
                        }
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(LoadError::new(
                                node.span,
                                "a list or mapping used as a key",
                                "keys are plain names such as `status:`; check for a stray `?` or brackets",
                            ));
                        }
                    };
                    // Small mappings (nearly all of a tracker's) are scanned: no
                    // allocation per key. Large ones get a set, built once.
                    let duplicate = if entries.len() < 16 {
                        entries.iter().any(|e| e.key == text)
                    } else {
                        let hasher = &self.hasher;
                        let set = seen.get_or_insert_with(|| {
                            entries.iter().map(|e| hasher.hash_one(&e.key)).collect()
                        });
                        // A repeated hash is a repeated key but for a collision (keyed
                        // hashes: not one a file can aim for); the scan settles it.
                        !set.insert(hasher.hash_one(&text)) && entries.iter().any(|e| e.key == text)
                    };
                    if duplicate {
                        return Err(LoadError::new(
                            node.span,
                            format!("duplicate key `{text}`"),
                            "each key may appear once in a mapping: merge the two entries or delete one",
                        ));
                    }
                    *key = Some((text, node.span));
                }
                Some((k, key_span)) => entries.push(Entry {
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

/// The byte offset of character `index` in `text` (the parser counts characters).
fn char_offset(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The finding for an escape that is not a character, at byte `at` of `text`.
fn bad_escape_error(text: &str, at: usize) -> LoadError {
    LoadError::new(
        point_at(text, at),
        "invalid YAML: this escape is not a character",
        "write the character itself, or a valid escape",
    )
}

/// Checks on an event that need the file's text, before the builder takes it: the
/// `%YAML` directive of the document, and tags named as the file writes them.
fn vet(
    event: &Event<'_>,
    span: saphyr_parser::Span,
    text: &str,
    first_document: &mut bool,
) -> Result<(), LoadError> {
    let (tag, refused) = match event {
        Event::DocumentStart(explicit) => {
            if std::mem::take(first_document) && *explicit {
                yaml_version(text, char_offset(text, span.start.index()))?;
            }
            return Ok(());
        }
        Event::Scalar(value, _, _, Some(tag)) => (tag, resolve_tagged(tag, value).err()),
        Event::SequenceStart(_, Some(tag)) => (tag, collection_tag(tag, "seq").err()),
        Event::MappingStart(_, Some(tag)) => (tag, collection_tag(tag, "map").err()),
        _ => return Ok(()),
    };
    let Some(problem) = refused else {
        return Ok(());
    };
    let start = char_offset(text, span.start.index());
    let written = tag_as_written(&text[start..]).map_or_else(|| written_tag(tag), str::to_string);
    Err(tag_error(&written, problem, to_span(span)))
}

/// Refuses a `%YAML` directive for another version than 1.2. saphyr-parser reads the
/// directive and drops the version, so the lines before the document's `---` (at byte
/// `doc_start`) are read here: there, only a directive line can start with `%`.
fn yaml_version(text: &str, doc_start: usize) -> Result<(), LoadError> {
    for (i, line) in crate::syntax::span::lines(&text[..doc_start]).enumerate() {
        let Some(rest) = line.strip_prefix("%YAML") else {
            continue;
        };
        // `%YAMLX` would be another (reserved) directive.
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let args = rest.trim_start_matches([' ', '\t']);
        let version = args.split([' ', '\t']).next().unwrap_or("");
        if version == "1.2" {
            continue;
        }
        let col = line.len() - args.len();
        let span = Span {
            start: Pos {
                line: i + 1,
                col: col + 1,
            },
            end: Pos {
                line: i + 1,
                col: col + 1 + version.chars().count(),
            },
        };
        return Err(if matches!(version, "1.1" | "1.0") {
            LoadError::new(
                span,
                format!(
                    "the file declares YAML {version}; rectrack reads YAML 1.2, where some values mean something else"
                ),
                "in YAML 1.2, `yes`, `no`, `on`, `off`, `y` and `n` are text, not booleans; `0777` is the number 777 (octal is written `0o777`); \
                 `1:30` and `1_000` are text, not numbers; `<<` is an ordinary key, not a merge; check such values, then delete the `%YAML` line",
            )
        } else {
            LoadError::new(
                span,
                format!("the file declares YAML version `{version}`; rectrack reads YAML 1.2 only"),
                "write the file as YAML 1.2 and change the line to `%YAML 1.2`, or delete it",
            )
        });
    }
    Ok(())
}

/// What a tag asks of its node.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TagKind<'t> {
    /// The non-specific `!`: a scalar is a string, a collection what it looks like.
    NonSpecific,
    /// A tag of the core schema (`!!int`, `!<tag:yaml.org,2002:int>`): its name.
    Core(&'t str),
    /// Any other tag (`!foo`, `!!python/object`): rectrack builds no objects.
    Other,
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

fn tag_kind(tag: &Tag) -> TagKind<'_> {
    if tag.handle == CORE_PREFIX {
        return TagKind::Core(&tag.suffix);
    }
    // saphyr-parser gives a verbatim tag (`!<...>`) and the non-specific `!` (as the
    // suffix `!`) an empty handle.
    if tag.handle.is_empty() {
        if tag.suffix == "!" {
            return TagKind::NonSpecific;
        }
        if let Some(name) = tag.suffix.strip_prefix(CORE_PREFIX) {
            return TagKind::Core(name);
        }
    }
    TagKind::Other
}

/// Why a tag was refused.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TagProblem {
    /// Not a tag of the core schema.
    Unsupported,
    /// A scalar tag whose value does not read as that type (`!!int abc`).
    Mismatch(&'static str),
    /// A collection tag on a scalar, or a scalar tag on a collection.
    WrongNode(&'static str),
}

/// The tag as the node's text writes it: `text` starts at the node's properties.
fn tag_as_written(text: &str) -> Option<&str> {
    node_properties(text).0
}

/// Reads the properties at the start of a node's text (an anchor, a tag, and the
/// white space, comments and line breaks around them): the tag as written, if any,
/// and the byte offset where the node's content starts.
fn node_properties(text: &str) -> (Option<&str>, usize) {
    const END: [char; 9] = [' ', '\t', '\r', '\n', ',', '[', ']', '{', '}'];
    let mut tag = None;
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let skip = if rest.starts_with('#') {
            rest.find(['\r', '\n']).unwrap_or(rest.len())
        } else if rest.starts_with('&') {
            rest.find(END).unwrap_or(rest.len())
        } else if rest.starts_with("!<") {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        } else if rest.starts_with('!') {
            rest.find(END).unwrap_or(rest.len())
        } else {
            return (tag, text.len() - rest.len());
        };
        if rest.starts_with('!') {
            tag = Some(&rest[..skip]);
        }
        rest = &rest[skip..];
    }
}

/// The tag as it was most likely written, from what the parser resolved it to (when
/// the text is not at hand).
fn written_tag(tag: &Tag) -> String {
    match (tag.handle.as_str(), tag_kind(tag)) {
        (_, TagKind::NonSpecific) => "!".to_string(),
        (CORE_PREFIX, _) => format!("!!{}", tag.suffix),
        ("!", _) => format!("!{}", tag.suffix),
        (handle, _) => format!("!<{handle}{}>", tag.suffix),
    }
}

fn tag_error(written: &str, problem: TagProblem, span: Span) -> LoadError {
    match problem {
        TagProblem::Unsupported => LoadError::new(
            span,
            format!("unsupported YAML tag `{written}`"),
            "a tracker is plain data: remove the tag (rectrack never builds objects from tags)",
        ),
        TagProblem::Mismatch(kind) => {
            let (what, examples) = match kind {
                "int" => ("an integer", "`12`, `-3`, `0o17`, `0x1F`"),
                "float" => ("a number", "`1.5`, `-2e3`, `12`, `.inf`"),
                "bool" => ("a boolean", "`true` or `false`"),
                _ => ("null", "`null`, `~` or nothing"),
            };
            LoadError::new(
                span,
                format!("the tag `{written}` says this value is {what}, and it is not"),
                format!("remove the tag, or write {what} as YAML 1.2 does ({examples})"),
            )
        }
        TagProblem::WrongNode(what) => LoadError::new(
            span,
            format!("the tag `{written}` is for {what}, not for this node"),
            "remove the tag: a tracker's values need none",
        ),
    }
}

/// A collection's tag: none, `!`, or the core tag of its kind (`expected`).
fn collection_tag(tag: &Tag, expected: &str) -> Result<(), TagProblem> {
    match tag_kind(tag) {
        TagKind::NonSpecific => Ok(()),
        TagKind::Core(name) if name == expected => Ok(()),
        TagKind::Core("seq") => Err(TagProblem::WrongNode("a list")),
        TagKind::Core("map") => Err(TagProblem::WrongNode("a mapping")),
        TagKind::Core("str" | "null" | "bool" | "int" | "float") => {
            Err(TagProblem::WrongNode("a single value"))
        }
        TagKind::Core(_) | TagKind::Other => Err(TagProblem::Unsupported),
    }
}

fn check_collection_tag(tag: Option<&Tag>, expected: &str, span: Span) -> Result<(), LoadError> {
    match tag {
        None => Ok(()),
        Some(t) => collection_tag(t, expected).map_err(|p| tag_error(&written_tag(t), p, span)),
    }
}

/// A tagged scalar's value: the core schema's rules for the tag, whatever the style.
fn resolve_tagged(tag: &Tag, text: &str) -> Result<Value, TagProblem> {
    let name = match tag_kind(tag) {
        TagKind::NonSpecific => return Ok(Value::Str(text.to_string())),
        TagKind::Core(name) => name,
        TagKind::Other => return Err(TagProblem::Unsupported),
    };
    match (name, plain_kind(text)) {
        ("str", _) => Ok(Value::Str(text.to_string())),
        ("null", Plain::Null) => Ok(Value::Null),
        ("bool", Plain::Bool(b)) => Ok(Value::Bool(b)),
        ("int", Plain::Int { value, .. }) => Ok(value),
        ("float", Plain::Float(f)) => Ok(Value::Float(f)),
        // `[0-9]+` is also the core schema's float syntax.
        ("float", Plain::Int { decimal: true, .. }) => text
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| TagProblem::Mismatch("float")),
        ("null", _) => Err(TagProblem::Mismatch("null")),
        ("bool", _) => Err(TagProblem::Mismatch("bool")),
        ("int", _) => Err(TagProblem::Mismatch("int")),
        ("float", _) => Err(TagProblem::Mismatch("float")),
        ("seq", _) => Err(TagProblem::WrongNode("a list")),
        ("map", _) => Err(TagProblem::WrongNode("a mapping")),
        _ => Err(TagProblem::Unsupported),
    }
}

/// Resolves a scalar with the YAML 1.2 core schema. Untagged, only plain scalars are
/// typed; quoted and block scalars are strings. A tag decides the type whatever the
/// style, and must match the value.
fn scalar_value(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Value, LoadError> {
    match tag {
        Some(tag) => resolve_tagged(tag, &text).map_err(|p| tag_error(&written_tag(tag), p, span)),
        None if style == ScalarStyle::Plain => Ok(resolve_plain(text)),
        None => Ok(Value::Str(text.into_owned())),
    }
}

/// What a plain scalar is under the core schema (YAML 1.2.2, 10.3.2).
#[derive(Debug, Clone, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    /// An integer (a float when it does not fit in 64 bits); `decimal` when written
    /// `[-+]?[0-9]+`, which the float syntax also matches.
    Int {
        value: Value,
        decimal: bool,
    },
    Float(f64),
    Str,
}

fn resolve_plain(text: Cow<'_, str>) -> Value {
    match plain_kind(&text) {
        Plain::Null => Value::Null,
        Plain::Bool(b) => Value::Bool(b),
        Plain::Int { value, .. } => value,
        Plain::Float(f) => Value::Float(f),
        Plain::Str => Value::Str(text.into_owned()),
    }
}

/// The core schema's table, regex by regex: null `null|Null|NULL|~|` (empty), bool
/// `true|True|TRUE|false|False|FALSE`, int `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`,
/// float `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`,
/// `\.nan|\.NaN|\.NAN`; anything else is a string (`0o+1`, `0x-1`, `yes`, `1_000`).
fn plain_kind(s: &str) -> Plain {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Plain::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(digits) = s.strip_prefix(prefix) {
            // Digits only: `from_str_radix` alone would also take a sign (`0x+1`).
            return if !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)) {
                Plain::Int {
                    value: radix_value(digits, radix),
                    decimal: false,
                }
            } else {
                Plain::Str
            };
        }
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let value = match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            // Past 64 bits: still a number, as close as a float gets.
            Err(_) => match s.parse::<f64>() {
                Ok(f) => Value::Float(f),
                Err(_) => return Plain::Str,
            },
        };
        return Plain::Int {
            value,
            decimal: true,
        };
    }
    // The syntax check first: most plain scalars are words, and cheap to turn down.
    if is_core_float(unsigned)
        && let Ok(f) = s.parse::<f64>()
    {
        return Plain::Float(f);
    }
    Plain::Str
}

/// The value of `digits` (already checked) in `radix`; a float past 64 bits.
fn radix_value(digits: &str, radix: u32) -> Value {
    match i64::from_str_radix(digits, radix) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(digits.chars().fold(0.0, |acc, c| {
            acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
        })),
    }
}

/// The core schema's float syntax (sign already removed): Rust's parser alone would
/// also take `inf`, `nan` or `infinity`, which YAML 1.2 reads as strings.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(whole) && digits(f) && !(whole.is_empty() && f.is_empty()),
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod top_level_tests {
    use super::*;

    #[test]
    fn top_level_strings_read_only_the_top_level() {
        let keys = ["id", "title"];
        let text = b"schema_version: 1\nnested: {id: no, title: no}\nid: \"the-id\"\ntitle: A title\nrest: [1, 2]\n";
        assert_eq!(
            top_level_strings(text, &keys),
            [Some("the-id".to_string()), Some("A title".to_string())]
        );
        assert_eq!(top_level_strings(b"id: 123\n", &keys), [None, None]);
        assert_eq!(
            top_level_strings(b"id: [a]\ntitle: t\n", &keys),
            [None, Some("t".into())]
        );
        assert_eq!(
            top_level_strings(b"{id: a, title: b}", &keys),
            [Some("a".into()), Some("b".into())]
        );
        assert_eq!(top_level_strings(b"- id: a\n", &keys), [None, None]);
        assert_eq!(top_level_strings(b"[id, a]", &keys), [None, None]);
        assert_eq!(top_level_strings(b"id: [unclosed\n", &keys), [None, None]);
        assert_eq!(top_level_strings(b"\xff", &keys), [None, None]);
        // Read as the full parse reads them: a JSON surrogate pair before the id, a
        // non-specific tag, a verbatim core tag.
        assert_eq!(
            top_level_strings(br#"{"title": "\uD83C\uDDF2", "id": "x"}"#, &keys),
            [Some("x".into()), Some("\u{1F1F2}".into())]
        );
        assert_eq!(
            top_level_strings(b"id: ! 12\ntitle: !<tag:yaml.org,2002:str> t\n", &keys),
            [Some("12".into()), Some("t".into())]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Node, LoadError> {
        parse(text, &Limits::default())
    }

    #[test]
    fn scalars_follow_the_core_schema() {
        let doc =
            load("a: 2021-12-10\nb: 1\nc: '1'\nd: ~\ne: true\nf: 1.5\ng: .nan\nh: inf\n").unwrap();
        assert_eq!(doc.get("a").unwrap().value, Value::Str("2021-12-10".into()));
        assert_eq!(doc.get("b").unwrap().value, Value::Int(1));
        assert_eq!(doc.get("c").unwrap().value, Value::Str("1".into()));
        assert_eq!(doc.get("d").unwrap().value, Value::Null);
        assert_eq!(doc.get("e").unwrap().value, Value::Bool(true));
        assert_eq!(doc.get("f").unwrap().value, Value::Float(1.5));
        assert!(matches!(doc.get("g").unwrap().value, Value::Float(f) if f.is_nan()));
        assert_eq!(doc.get("h").unwrap().value, Value::Str("inf".into()));
    }

    /// The value of `a` in `a: {value}`.
    fn value(yaml_value: &str) -> Result<Value, LoadError> {
        load(&format!("a: {yaml_value}\n")).map(|doc| doc.get("a").unwrap().value.clone())
    }

    #[test]
    fn plain_scalars_follow_the_core_schema_table_exactly() {
        let int = |i| Ok(Value::Int(i));
        let float = |f| Ok(Value::Float(f));
        let text = |s: &str| Ok(Value::Str(s.to_string()));
        for (written, expected) in [
            ("0o17", int(15)),
            ("0x1F", int(31)),
            ("0xff", int(255)),
            ("+12", int(12)),
            ("-0", int(0)),
            ("0777", int(777)),
            ("1.", float(1.0)),
            (".5", float(0.5)),
            ("+.5", float(0.5)),
            ("1.e5", float(1e5)),
            ("-2E-3", float(-2e-3)),
            ("1e5", float(1e5)),
            ("99999999999999999999", float(1e20)),
            ("0x10000000000000000", float(18446744073709551616.0)),
            ("-.INF", float(f64::NEG_INFINITY)),
            ("+.inf", float(f64::INFINITY)),
            // Strings under YAML 1.2, whatever Rust's parsers or YAML 1.1 would say.
            ("0o+1", text("0o+1")),
            ("0x+1", text("0x+1")),
            ("0x-1", text("0x-1")),
            ("0o-1", text("0o-1")),
            ("+-5", text("+-5")),
            ("0o", text("0o")),
            ("0x", text("0x")),
            ("0o8", text("0o8")),
            ("0X1F", text("0X1F")),
            ("-0x1", text("-0x1")),
            ("0b1", text("0b1")),
            ("1_000", text("1_000")),
            ("1:30", text("1:30")),
            ("yes", text("yes")),
            ("Off", text("Off")),
            ("tRUE", text("tRUE")),
            ("inf", text("inf")),
            ("infinity", text("infinity")),
            ("-.nan", text("-.nan")),
            ("NaN", text("NaN")),
            (".", text(".")),
            ("1e", text("1e")),
            ("e5", text("e5")),
            ("1.2.3", text("1.2.3")),
        ] {
            assert_eq!(value(written), expected, "`{written}`");
        }
    }

    #[test]
    fn tags_decide_the_type_and_must_match_the_value() {
        let ok = |v: &str| value(v).unwrap();
        assert_eq!(ok("!!str 12"), Value::Str("12".into()));
        assert_eq!(ok("!!int 12"), Value::Int(12));
        assert_eq!(ok("!!int \"0x1F\""), Value::Int(31));
        assert_eq!(ok("!!float 12"), Value::Float(12.0));
        assert_eq!(ok("!!float -1.5e1"), Value::Float(-15.0));
        assert_eq!(ok("!!bool True"), Value::Bool(true));
        assert_eq!(ok("!!null ~"), Value::Null);
        assert_eq!(ok("!!null"), Value::Null);
        assert_eq!(ok("! 12"), Value::Str("12".into()));
        assert_eq!(ok("! true"), Value::Str("true".into()));
        assert_eq!(ok("!<tag:yaml.org,2002:str> 12"), Value::Str("12".into()));
        assert_eq!(ok("!<tag:yaml.org,2002:int> 12"), Value::Int(12));
        assert!(matches!(ok("! [a]"), Value::Seq(_)));
        assert!(matches!(ok("!!seq [a]"), Value::Seq(_)));
        assert!(matches!(ok("!!map {b: c}"), Value::Map(_)));
        assert!(matches!(
            ok("!<tag:yaml.org,2002:map> {b: c}"),
            Value::Map(_)
        ));
        let refused = |v: &str| value(v).unwrap_err().message;
        for (written, says) in [
            ("!!int abc", "the tag `!!int` says this value is an integer"),
            ("!!int 1.5", "`!!int`"),
            ("!!int 0o+1", "`!!int`"),
            ("!!float abc", "`!!float` says this value is a number"),
            ("!!float 0x1F", "`!!float`"),
            ("!!bool yes", "`!!bool` says this value is a boolean"),
            ("!!null 0", "`!!null` says this value is null"),
            ("!!seq a", "the tag `!!seq` is for a list"),
            ("!!map a", "the tag `!!map` is for a mapping"),
            ("!!str [a]", "the tag `!!str` is for a single value"),
            ("!!map [a]", "the tag `!!map` is for a mapping"),
            ("!!seq {b: c}", "the tag `!!seq` is for a list"),
            ("!foo x", "unsupported YAML tag `!foo`"),
            ("&anchor !foo x", "unsupported YAML tag `!foo`"),
            ("!foo [x]", "unsupported YAML tag `!foo`"),
            ("!<!foo> x", "unsupported YAML tag `!<!foo>`"),
            ("!<tag:example.com,2000:x> x", "`!<tag:example.com,2000:x>`"),
            ("!!binary aGk=", "unsupported YAML tag `!!binary`"),
            (
                "!!timestamp 2001-12-14",
                "unsupported YAML tag `!!timestamp`",
            ),
            ("!!set {a}", "unsupported YAML tag `!!set`"),
            (
                "!<tag:yaml.org,2002:int> abc",
                "the tag `!<tag:yaml.org,2002:int>` says",
            ),
        ] {
            let message = refused(written);
            assert!(message.contains(says), "`{written}`: {message}");
        }
        // A tag named through a %TAG handle is named as written.
        let err = load("%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n").unwrap_err();
        assert!(err.message.contains("`!e!thing`"), "{}", err.message);
        assert_eq!(err.span.start, Pos { line: 3, col: 4 });
        let err = load("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int x\n").unwrap_err();
        assert!(err.message.contains("`!e!int` says"), "{}", err.message);
        assert_eq!(
            load("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int 7\n")
                .unwrap()
                .get("a")
                .unwrap()
                .value,
            Value::Int(7)
        );
    }

    #[test]
    fn only_yaml_1_2_is_read() {
        assert!(load("%YAML 1.2\n---\na: 1\n").is_ok());
        assert!(load("# c\n%YAML 1.2 # comment\n---\na: 1\n").is_ok());
        let err = load("%YAML 1.1\n---\na: yes\n").unwrap_err();
        assert!(err.message.contains("YAML 1.1"), "{}", err.message);
        assert!(
            err.help.contains("`yes`") && err.help.contains("0o777") && err.help.contains("<<")
        );
        assert_eq!(
            (err.span.start, err.span.end),
            (Pos { line: 1, col: 7 }, Pos { line: 1, col: 10 })
        );
        let err = load("# first\r%YAML   2.0\r---\ra: 1\r").unwrap_err();
        assert!(err.message.contains("`2.0`"), "{}", err.message);
        assert_eq!(err.span.start, Pos { line: 2, col: 9 });
        // A reserved directive is not a version; a `%YAML` line inside the document is
        // content, not a directive.
        assert!(load("%YAMLX 1.1\n---\na: 1\n").is_ok());
        assert_eq!(
            load("--- |\n%YAML 1.1\n").unwrap().value,
            Value::Str("%YAML 1.1\n".into())
        );
    }

    #[test]
    fn characters_yaml_forbids_are_refused_where_they_stand() {
        for (text, line, col, code) in [
            ("a: x\x07y\n", 1, 5, "U+0007"),
            ("a: 1\nb: \x7f\n", 2, 4, "U+007F"),
            ("a: 1\rb: \u{9b}2J\n", 2, 4, "U+009B"),
            ("a: \u{fffe}\n", 1, 4, "U+FFFE"),
            ("a: é\u{ffff}\n", 1, 5, "U+FFFF"),
            ("a: \"\x1b[2J\"\n", 1, 5, "U+001B"),
            ("# \x0c\na: 1\n", 1, 3, "U+000C"),
        ] {
            let err = decode(text.as_bytes()).unwrap_err();
            assert_eq!(err.span.start, Pos { line, col }, "{text:?}");
            assert!(err.message.contains(code), "{text:?}: {}", err.message);
            assert!(err.help.contains("delete it"), "{}", err.help);
        }
        // What YAML allows: TAB, NEL, NBSP, a BOM, the last BMP character before
        // U+FFFE, and escapes of any of the refused ones.
        assert!(decode("a:\tb\u{85}\u{a0}\u{feff}\u{fffd}\u{10ffff}\r\n".as_bytes()).is_ok());
        assert_eq!(
            value(r#""\x07\e\u007F""#).unwrap(),
            Value::Str("\x07\x1b\x7f".into())
        );
    }

    #[test]
    fn a_lone_surrogate_is_shown_where_it_is() {
        let err = load("a: \"ok \\uD83C\\uDDF2 then \\uD83C alone\"\n").unwrap_err();
        assert_eq!(err.span.start, Pos { line: 1, col: 26 });
        assert!(err.message.contains("`\\uD83C`"), "{}", err.message);
        assert!(err.help.contains("surrogate pair"), "{}", err.help);
        assert_eq!(
            value(r#""\uD83C\uDDF2\uD83C\uDDF1""#).unwrap(),
            Value::Str("\u{1F1F2}\u{1F1F1}".into())
        );
    }

    #[test]
    fn spans_are_one_based_and_point_at_keys_and_values() {
        let doc = load("top:\n  key: value\n  list:\n    - date: 2020-01-01\n").unwrap();
        let top = doc.entry("top").unwrap();
        assert_eq!(top.key_span.start, Pos { line: 1, col: 1 });
        let key = top.value.entry("key").unwrap();
        assert_eq!(key.key_span.start, Pos { line: 2, col: 3 });
        assert_eq!(key.value.span.start, Pos { line: 2, col: 8 });
        let item = &top.value.get("list").unwrap().as_seq().unwrap()[0];
        assert_eq!(item.span.start.line, 4);
        assert_eq!(
            item.get("date").unwrap().span.start,
            Pos { line: 4, col: 13 }
        );
    }

    #[test]
    fn duplicate_keys_point_at_the_second_occurrence() {
        let err = load("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert_eq!(err.span.start, Pos { line: 4, col: 3 });
        assert!(err.message.contains("duplicate key `c`"), "{}", err.message);
    }

    #[test]
    fn custom_tags_and_several_documents_are_refused() {
        assert!(load("a: !foo bar\n").unwrap_err().message.contains("!foo"));
        assert!(load("a: !!python/object x\n").is_err());
        assert!(load("a: !!str 1\n").is_ok());
        let err = load("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(err.message.contains("2 YAML documents"), "{}", err.message);
        assert_eq!(err.span.start.line, 2, "points at the second `---`");
        let err = load("a:\n\tb: 1\n").unwrap_err();
        assert_eq!(
            (err.span.start.line, err.span.start.col),
            (2, 1),
            "points at the tab"
        );
        assert!(load("").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn aliases_are_charged_the_nodes_and_bytes_they_expand_to() {
        // A list of 100 items is 101 nodes: 99 aliases fit in 10,000, 100 do not.
        let list = format!("a: &l [{}]\n", vec!["x"; 100].join(", "));
        let fits = format!("{list}b: [{}]\n", vec!["*l"; 99].join(", "));
        assert!(load(&fits).is_ok());
        let over = format!("{list}b: [{}]\n", vec!["*l"; 100].join(", "));
        let err = load(&over).unwrap_err();
        assert!(
            err.message.contains("more than 10000 nodes"),
            "{}",
            err.message
        );
        assert_eq!(err.span.start.line, 2);
        // Few nodes, much text: 20 copies of 100 KB go over 1 MiB at the 11th.
        let long = format!(
            "a: &s {}\nb: [{}]\n",
            "y".repeat(100_000),
            vec!["*s"; 20].join(", ")
        );
        let err = load(&long).unwrap_err();
        assert!(
            err.message.contains("1048576 bytes of text"),
            "{}",
            err.message
        );
        let col = long
            .lines()
            .nth(1)
            .unwrap()
            .match_indices("*s")
            .nth(10)
            .unwrap()
            .0
            + 1;
        assert_eq!((err.span.start.line, err.span.start.col), (2, col));
        // Keys count too: a mapping of 5,000 keys is 10,001 nodes.
        let keys: Vec<String> = (0..5_000).map(|i| format!("k{i}: v")).collect();
        let map = format!("a: &m {{{}}}\nb: *m\n", keys.join(", "));
        assert!(load(&map).unwrap_err().message.contains("10000 nodes"));
    }

    #[test]
    fn anchors_may_copy_what_the_file_holds_once_but_not_nested() {
        // An anchor on the whole content is one copy of the file: allowed.
        let items = vec!["word"; 20_000].join(", ");
        assert!(load(&format!("&all [{items}]")).is_ok());
        // Anchors nested in anchors copy it once per level.
        let err = load(&format!("&a [&b [&c [{items}]]]")).unwrap_err();
        assert!(
            err.message.contains("anchored nodes hold more than"),
            "{}",
            err.message
        );
        assert_eq!(
            err.span.start.col, 5,
            "at the anchor that goes over: `&b`'s list"
        );
    }

    #[test]
    fn files_denser_than_one_node_per_four_bytes_are_refused_past_the_floor() {
        // 10,000 nodes are always allowed, however small the file.
        let small = format!("[{}]", vec!["1"; 9_000].join(","));
        assert!(load(&small).is_ok());
        let dense = format!("[{}]", vec!["1"; 20_000].join(","));
        let err = load(&dense).unwrap_err();
        assert!(err.message.contains("one per 4 bytes"), "{}", err.message);
        // Max nodes = 10,000 + 40,000 / 4 = 20,000: the 20,001st node is refused.
        assert_eq!(
            err.message,
            format!(
                "the file holds more than {} values, one per 4 bytes (plus 10000); it was not read further",
                10_000 + dense.len() / 4
            )
        );
        // Words at five bytes each are well under it.
        let words = format!("[{}]", vec!["word"; 40_000].join(","));
        assert!(load(&words).is_ok());
    }

    #[test]
    fn keys_stay_as_written_and_values_keep_their_type() {
        let doc = load("0x1f: a\n.inf: b\n~: c\n1.0: d\ntrue: e\nx: .inf\n").unwrap();
        let keys: Vec<&str> = doc
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["0x1f", ".inf", "~", "1.0", "true", "x"]);
        assert_eq!(doc.get("x").unwrap().value, Value::Float(f64::INFINITY));
        // An alias used as a key has no text of its own: its value's.
        let doc = load("a: &n 12\nb: {*n : x}\n").unwrap();
        assert_eq!(doc.get("b").unwrap().as_map().unwrap()[0].key, "12");
        // Large mappings find duplicates by hash, and still only true ones.
        let keys: Vec<String> = (0..100).map(|i| format!("k{i}: v")).collect();
        let many = keys.join("\n") + "\n";
        assert!(load(&many).is_ok());
        let err = load(&format!("{many}k57: again\n")).unwrap_err();
        assert!(
            err.message.contains("duplicate key `k57`"),
            "{}",
            err.message
        );
        assert_eq!(err.span.start.line, 101);
    }

    #[test]
    fn limits_stop_deep_nesting_and_alias_bombs() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = load(&deep).unwrap_err();
        assert!(
            err.message.contains("nesting deeper") || err.message.contains("recursion"),
            "{}",
            err.message
        );
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        assert!(load(&bomb).unwrap_err().message.contains("billion laughs"));
    }

    #[test]
    fn decoding_refuses_utf16_and_bad_bytes_and_drops_a_utf8_bom() {
        assert!(
            decode(b"\xFF\xFEa\0")
                .unwrap_err()
                .message
                .contains("UTF-16")
        );
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        let err = decode(b"a: 1\nb: \xC3\x28\n").unwrap_err();
        assert_eq!(err.span.start, Pos { line: 2, col: 4 });
        assert!(decode(b"a: \0").unwrap_err().message.contains("NUL"));
    }
}

#[cfg(test)]
mod span_properties {
    //! Whatever the shape of a document, following a path to a node lands on the text
    //! the node was written as: the property every diagnostic's line:column rests on.
    use super::*;
    use crate::syntax::document::PathStep;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Tree {
        Leaf(String),
        Map(Vec<(String, Tree)>),
        Seq(Vec<Tree>),
    }

    fn word() -> impl Strategy<Value = String> {
        // Plain scalars that stay strings: letters first, then letters, digits, hyphens
        // and the odd accented letter (columns count characters, not bytes).
        "[a-zé][a-z0-9é-]{0,8}".prop_filter("not a YAML keyword", |w| {
            !matches!(w.as_str(), "null" | "true" | "false" | "y" | "n")
        })
    }

    fn tree() -> impl Strategy<Value = Tree> {
        word()
            .prop_map(Tree::Leaf)
            .prop_recursive(4, 40, 5, |inner| {
                prop_oneof![
                    proptest::collection::vec((word(), inner.clone()), 1..5).prop_map(|kv| {
                        // Keys must be unique in a mapping.
                        let mut seen = std::collections::HashSet::new();
                        Tree::Map(
                            kv.into_iter()
                                .filter(|(k, _)| seen.insert(k.clone()))
                                .collect(),
                        )
                    }),
                    proptest::collection::vec(inner, 1..5).prop_map(Tree::Seq),
                ]
            })
    }

    /// Block-style YAML for `tree` at `indent`, as a monitor would write it.
    fn emit(tree: &Tree, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match tree {
            Tree::Leaf(w) => {
                out.push_str(w);
                out.push('\n');
            }
            Tree::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 || !out.ends_with("- ") {
                        out.push_str(&pad);
                    }
                    out.push_str(k);
                    out.push(':');
                    match v {
                        Tree::Leaf(_) => {
                            out.push(' ');
                            emit(v, 0, out);
                        }
                        _ => {
                            out.push('\n');
                            emit(v, indent + 2, out);
                        }
                    }
                }
            }
            Tree::Seq(items) => {
                for item in items {
                    out.push_str(&pad);
                    out.push_str("- ");
                    match item {
                        Tree::Seq(_) => {
                            out.push('\n');
                            emit(item, indent + 2, out);
                        }
                        _ => emit(item, indent + 2, out),
                    }
                }
            }
        }
    }

    fn text_at(source: &str, span: Span) -> &str {
        &source[span.byte_range(source)]
    }

    fn check(tree: &Tree, root: &Node, source: &str, path: &mut Vec<String>) {
        let steps: Vec<PathStep<'_>> = path
            .iter()
            .map(|p| match p.strip_prefix('#') {
                Some(i) => PathStep::Index(i.parse().unwrap()),
                None => PathStep::Key(p),
            })
            .collect();
        let (found, followed) = root.locate(steps.iter().copied());
        assert_eq!(followed, steps.len(), "path {path:?} exists");
        drop(steps);
        match tree {
            Tree::Leaf(w) => assert_eq!(text_at(source, found.node.span), w, "at {path:?}"),
            Tree::Map(entries) => {
                for (k, v) in entries {
                    let key_span = found.node.entry(k).unwrap().key_span;
                    assert_eq!(text_at(source, key_span), k, "key at {path:?}");
                    path.push(k.clone());
                    check(v, root, source, path);
                    path.pop();
                }
            }
            Tree::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(format!("#{i}"));
                    check(item, root, source, path);
                    path.pop();
                }
            }
        }
    }

    proptest! {
        #[test]
        fn every_path_leads_to_the_text_it_was_written_as(t in tree()) {
            let doc = Tree::Map(vec![("root".to_string(), t)]);
            let mut source = String::new();
            emit(&doc, 0, &mut source);
            let root = parse(&source, &Limits::default()).unwrap();
            check(&doc, &root, &source, &mut Vec::new());
        }
    }
}
