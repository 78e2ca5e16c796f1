//! JSON text straight to the spanned tree: the fast path for a tracker written as JSON.
//!
//! Enters: a file's text (whose first non-blank character is `{`) and the load's
//! [`Limits`]. Leaves: the very [`Node`] tree the YAML path builds from the same text
//! (same values, same key order, the same span for every node and key), or `None`:
//! "not decided here", and the YAML path reads the file as it always has, so that a
//! malformed file gets exactly the diagnostic it always got.
//!
//! Hand-written, not serde_json or simd-json: those build their own tree (a second tree
//! costs the memory and time this path is for) and count in bytes, while ours needs the
//! spans saphyr-parser reports, in characters and with its quirks (a quoted scalar
//! and a closed collection run on over the blanks after them, a number does not), our
//! limits enforced while reading (depth, the node budget for the file's size), and
//! numbers resolved by the YAML path's own code. Reading JSON is the easy part: RFC
//! 8259 is a page, and the differential tests hold this reader to the YAML path.
//!
//! It declines anything the YAML path might read otherwise or refuse: a JSON syntax
//! error or trailing text, a duplicate key, a lone surrogate escape, nesting or a node
//! count past the limits, a key further than 1024 characters from its `:` (the
//! longest implicit key saphyr-parser takes), tabs alone between a `:` and a plain
//! value (saphyr-parser refuses them), and the characters `decode` refuses.
//!
//! No recursion: open collections live on an explicit stack bounded by the depth
//! limit, and their items on two shared stacks, moved out once per collection into a
//! list of exactly their size.

use crate::syntax::document::{Node, Pair, Value};
use crate::syntax::keys;
use crate::syntax::limits::{Limits, MIN_NODE_BUDGET};
use crate::syntax::scalar::resolve_plain_str;
use crate::syntax::span::{Pos, Span};
use std::collections::HashSet;
use std::collections::hash_map::RandomState;
use text::{escape, needs_a_look};

/// The furthest, in characters, a mapping key may start before its `:`. The vendored
/// saphyr-parser stales an implicit key further away (YAML 1.2 limits one to 1024
/// characters) and then refuses the `:`. Counted here in bytes, never fewer than
/// characters, so a key declined near the limit is only ever declined too early.
const MAX_KEY_REACH: usize = 1024;

/// Reads `text` as JSON into the tree the YAML path would build from it, or `None`
/// where the YAML path must decide (anything that is not plain, valid JSON within the
/// limits; see the module documentation).
pub fn parse(text: &str, limits: &Limits) -> Option<Node> {
    Reader::new(text, limits).document()
}

/// A collection being read.
enum Frame {
    Seq {
        start: Pos,
        /// Where its items start on `Reader::items`.
        first: usize,
    },
    Map {
        start: Pos,
        /// Where its entries start on `Reader::pairs`.
        first: usize,
        /// The key read, waiting for its value.
        key: Option<(String, Span)>,
        /// Hashes of its keys, once it is large enough for a set to beat a scan.
        seen: Option<HashSet<u64>>,
    },
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The next byte to read.
    at: usize,
    /// The line of `at`, from 1.
    line: usize,
    /// Where that line starts.
    line_start: usize,
    /// UTF-8 continuation bytes read on the line so far: a column is the bytes from
    /// the line's start less these (characters, not bytes, as saphyr-parser counts).
    /// Valid JSON has non-ASCII characters only inside strings, which count theirs as
    /// they are scanned, so no byte is looked at twice for a column.
    cont: usize,
    nodes: usize,
    max_nodes: usize,
    max_depth: usize,
    stack: Vec<Frame>,
    items: Vec<Node>,
    pairs: Vec<Pair>,
    hasher: RandomState,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str, limits: &Limits) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            line_start: 0,
            cont: 0,
            nodes: 0,
            // The YAML path's budget, to the node (see `tree::Builder::new`).
            max_nodes: MIN_NODE_BUDGET.saturating_add(text.len() / limits.bytes_per_node.max(1)),
            max_depth: limits.max_depth,
            stack: Vec::new(),
            items: Vec::new(),
            pairs: Vec::new(),
            hasher: RandomState::new(),
        }
    }

    fn document(mut self) -> Option<Node> {
        self.skip_ws();
        if self.peek() != Some(b'{') {
            return None;
        }
        'value: loop {
            // A value starts at `at`.
            let mut node = match self.peek()? {
                b'{' | b'[' => {
                    if self.open()? {
                        continue 'value;
                    }
                    self.close()?
                }
                b'"' => {
                    let start = self.pos();
                    let s = self.string()?;
                    let end = self.blank_end();
                    self.count()?;
                    Node {
                        value: Value::Str(s.into()),
                        span: Span { start, end },
                    }
                }
                _ => {
                    let start = self.pos();
                    let value = self.plain()?;
                    let end = self.pos();
                    self.count()?;
                    Node {
                        value,
                        span: Span { start, end },
                    }
                }
            };
            // Hand the node to its collection, closing those that end here.
            loop {
                match self.stack.last_mut() {
                    None => {
                        self.skip_ws();
                        return (self.at == self.bytes.len()).then_some(node);
                    }
                    Some(Frame::Seq { .. }) => self.items.push(node),
                    Some(Frame::Map { key, .. }) => {
                        let (key, key_span) = key.take()?;
                        self.pairs.push(Pair {
                            key: key.into(),
                            key_span,
                            value: node,
                        });
                    }
                }
                self.skip_ws();
                let is_seq = matches!(self.stack.last(), Some(Frame::Seq { .. }));
                match (self.peek()?, is_seq) {
                    (b',', _) => {
                        self.at += 1;
                        self.skip_ws();
                        if !is_seq {
                            self.key()?;
                        }
                        continue 'value;
                    }
                    (b']', true) | (b'}', false) => node = self.close()?,
                    _ => return None,
                }
            }
        }
    }

    /// Opens the collection at `at`. `Some(true)` when a value (or a key) is to be read
    /// next, `Some(false)` when the collection is empty and its end is at `at`.
    fn open(&mut self) -> Option<bool> {
        if self.stack.len() >= self.max_depth {
            return None;
        }
        let start = self.pos();
        let is_map = self.peek()? == b'{';
        self.at += 1;
        self.stack.push(if is_map {
            Frame::Map {
                start,
                first: self.pairs.len(),
                key: None,
                seen: None,
            }
        } else {
            Frame::Seq {
                start,
                first: self.items.len(),
            }
        });
        self.skip_ws();
        let end = if is_map { b'}' } else { b']' };
        if self.peek()? == end {
            return Some(false);
        }
        if is_map {
            self.key()?;
        }
        Some(true)
    }

    /// Closes the innermost collection, whose closing bracket is at `at`.
    fn close(&mut self) -> Option<Node> {
        let frame = self.stack.pop()?;
        self.at += 1;
        let end = self.blank_end();
        self.count()?;
        let (start, value) = match frame {
            Frame::Seq { start, first } => (start, Value::Seq(self.items.split_off(first).into())),
            Frame::Map { start, first, .. } => {
                (start, Value::Map(self.pairs.split_off(first).into()))
            }
        };
        Some(Node {
            value,
            span: Span { start, end },
        })
    }

    /// Reads a key and its `:` into the innermost mapping; `at` is then on its value.
    fn key(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        let from = self.at;
        let start = self.pos();
        let key = self.string()?;
        let end = self.blank_end();
        self.count()?;
        self.skip_ws();
        if self.peek()? != b':' || self.at - from > MAX_KEY_REACH {
            return None;
        }
        self.at += 1;
        // saphyr-parser refuses a `:` followed by tabs alone and then what could
        // start a plain scalar (`"a":\t1`): "':' must be followed by a valid YAML
        // whitespace".
        if self.peek() == Some(b'\t') {
            let blanks = self.bytes.get(self.at..).unwrap_or_default();
            let run = blanks.iter().take_while(|&&b| b == b' ' || b == b'\t');
            let has_space = run.clone().any(|&b| b == b' ');
            let next = blanks.get(run.count());
            if !has_space
                && next.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return None;
            }
        }
        self.skip_ws();
        let Some(Frame::Map {
            first,
            key: slot,
            seen,
            ..
        }) = self.stack.last_mut()
        else {
            return None;
        };
        let entries = self.pairs.get(*first..).unwrap_or_default();
        let repeated = keys::repeats(entries, &key, seen, &self.hasher);
        if repeated {
            return None;
        }
        *slot = Some((key, Span { start, end }));
        Some(())
    }

    /// Reads the string whose opening quote is at `at`; `at` is then past its closing
    /// quote. The text is copied once; only escapes are decoded piece by piece.
    fn string(&mut self) -> Option<String> {
        let bytes = self.bytes;
        let mut from = self.at + 1;
        let mut owned: Option<String> = None;
        loop {
            let at = self.run_end(from)?;
            let run = self.text.get(from..at)?;
            if bytes.get(at) == Some(&b'"') {
                self.at = at + 1;
                return Some(match owned {
                    Some(mut s) => {
                        s.push_str(run);
                        s
                    }
                    None => run.to_owned(),
                });
            }
            let s = owned.get_or_insert_with(String::new);
            s.push_str(run);
            let (c, len) = escape(bytes.get(at + 1..)?)?;
            s.push(c);
            from = at + 1 + len;
        }
    }

    /// Where the run of string text from `from` ends (its closing quote or next
    /// backslash), counting its continuation bytes; `None` at a character JSON refuses
    /// raw (a control) or `decode` refuses (DEL, a C1 control but NEL, U+FFFE, U+FFFF).
    /// Eight bytes at a time (nearly all of a tracker's text is plain ASCII), straight
    /// to the first byte in them that needs a look.
    fn run_end(&mut self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut i = from;
        loop {
            if let Some(word) = bytes
                .get(i..i + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
            {
                let look = needs_a_look(u64::from_le_bytes(word));
                if look == 0 {
                    i += 8;
                    continue;
                }
                i += look.trailing_zeros() as usize / 8;
            }
            match *bytes.get(i)? {
                b'"' | b'\\' => return Some(i),
                0..0x20 | 0x7F => return None,
                0x80..=0xBF => self.cont += 1,
                0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F)) => {
                    return None;
                }
                0xEF if bytes.get(i + 1) == Some(&0xBF)
                    && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
                {
                    return None;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Reads a number, `true`, `false` or `null`, resolved as the YAML path resolves
    /// the same plain scalar.
    fn plain(&mut self) -> Option<Value> {
        let b = self.bytes;
        let start = self.at;
        for (word, value) in [
            (&b"true"[..], Value::Bool(true)),
            (b"false", Value::Bool(false)),
            (b"null", Value::Null),
        ] {
            if b.get(start..start + word.len()) == Some(word) {
                self.at += word.len();
                return Some(value);
            }
        }
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => i = digits(b, i),
            _ => return None,
        }
        if b.get(i) == Some(&b'.') {
            let j = digits(b, i + 1);
            if j == i + 1 {
                return None;
            }
            i = j;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let j = digits(b, i);
            if j == i {
                return None;
            }
            i = j;
        }
        self.at = i;
        Some(resolve_plain_str(self.text.get(start..i)?))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Counts a node against the file's budget.
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.max_nodes).then_some(())
    }

    /// The position of `at`.
    fn pos(&self) -> Pos {
        Pos::new(
            self.line,
            (self.at - self.line_start).saturating_sub(self.cont) + 1,
        )
    }

    /// Where a quoted scalar or a collection that ends at `at` ends for saphyr-parser:
    /// past the spaces and tabs that follow it on its line.
    fn blank_end(&mut self) -> Pos {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
        self.pos()
    }

    /// Skips JSON whitespace; CR, LF and CRLF each end a line, as in YAML.
    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.at += 1,
                Some(b'\n') => {
                    self.at += 1;
                    self.new_line();
                }
                Some(b'\r') => {
                    self.at += 1;
                    if self.peek() == Some(b'\n') {
                        self.at += 1;
                    }
                    self.new_line();
                }
                _ => return,
            }
        }
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.at;
        self.cont = 0;
    }
}

/// Whether the pair's key is `key`.
/// The end of the run of ASCII digits from byte `i`.
fn digits(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

mod text;

#[cfg(test)]
mod tests;
