//! Double-quoted scalars holding UTF-16 surrogate-pair escapes.
//!
//! JSON can escape a character beyond U+FFFF only as a surrogate pair, and JSON writers
//! do (Python's `json.dump` by default): `"\uD83C\uDDF2"` is one character, U+1F1F2.
//! YAML 1.2 reads JSON and so reads the pair as that character, but saphyr-parser
//! refuses each half as "an invalid Unicode character". So, in a file that has such a
//! pair inside a double-quoted scalar (and only there), the pair is masked with an
//! escape of the same length before parsing, so that every position the parser reports
//! stays true of the file, and the scalar's value is decoded here from the file's own
//! text. A lone half is left alone: it is not a character, and stays an error.
//!
//! saphyr-parser 0.3.4 (the latest release) refuses the pair; upstream tracks it as
//! saphyr-rs/saphyr#113, with a fix proposed in #130. Once a release decodes pairs, this
//! module can go: the suite test `decode_agrees_with_the_parser...` and the hostile
//! JSON case keep whichever implementation honest.

use saphyr_parser::{Event, Parser, ScalarStyle};
use std::borrow::Cow;
use std::ops::Range;

/// What a pair is masked with: a valid escape of the same length (and, outside a
/// double-quoted scalar, plain text of the same shape: hex digits for hex digits).
const MASK: &str = "\\uFFFD\\uFFFD";

/// The text the parser reads, and the double-quoted scalars decoded here instead.
pub(super) struct Source<'t> {
    original: &'t str,
    masked: Option<Masked>,
}

struct Masked {
    text: String,
    /// Each double-quoted scalar with a masked pair: the character index where its
    /// span starts (the parser's key for it), and its byte range in the file, quotes
    /// included. Sorted by the first.
    scalars: Vec<(usize, Range<usize>)>,
}

impl<'t> Source<'t> {
    /// Prepares `text`; costs one substring search for a file with no `\u` at all.
    pub(super) fn new(text: &'t str) -> Self {
        Source {
            original: text,
            masked: mask(text),
        }
    }

    /// The text to hand the parser: the file's, or the file's with its surrogate pairs
    /// masked (same length, same lines, same columns).
    pub(super) fn text(&self) -> &str {
        self.masked
            .as_ref()
            .map_or(self.original, |m| m.text.as_str())
    }

    /// The event as the file means it: a masked scalar gets its value decoded from the
    /// file. `Err` holds the byte offset in the file of an escape that is not a
    /// character (which the parser refuses first; kept as a guard).
    pub(super) fn event<'e>(
        &self,
        event: Event<'e>,
        span: saphyr_parser::Span,
    ) -> Result<Event<'e>, usize> {
        let Some(masked) = &self.masked else {
            return Ok(event);
        };
        match event {
            Event::Scalar(value, ScalarStyle::DoubleQuoted, anchor, tag) => {
                let start = span.start.index();
                match masked.scalars.binary_search_by_key(&start, |(s, _)| *s) {
                    Ok(i) => {
                        let range = masked.scalars[i].1.clone();
                        let value =
                            decode(&self.original[range.clone()]).map_err(|at| range.start + at)?;
                        Ok(Event::Scalar(
                            Cow::Owned(value),
                            ScalarStyle::DoubleQuoted,
                            anchor,
                            tag,
                        ))
                    }
                    Err(_) => Ok(Event::Scalar(value, ScalarStyle::DoubleQuoted, anchor, tag)),
                }
            }
            other => Ok(other),
        }
    }
}

/// A `\uHIGH\uLOW` pair in the text, by the byte offset of its first backslash.
#[derive(Debug, Clone, Copy)]
struct Pair {
    byte: usize,
}

/// The masked text, or `None` when no surrogate pair sits in a double-quoted scalar.
fn mask(text: &str) -> Option<Masked> {
    if !text.contains("\\u") {
        return None;
    }
    let pairs = find_pairs(text);
    if pairs.is_empty() {
        return None;
    }
    // First pass, with every candidate masked: which double-quoted scalars hold one?
    // A candidate elsewhere (a comment, a plain or single-quoted scalar) is literal text
    // and must stay as written; masking it changes hex digits only, so the first pass
    // sees the same tokens at the same places as the second.
    let mut genuine = Vec::new();
    let mut scalars = Vec::new();
    {
        let everywhere = apply(text, &pairs);
        let mut cursor = CharCursor::new(text);
        let mut parser = Parser::new_from_str(&everywhere);
        while let Some(Ok((event, span))) = parser.next_event() {
            let Event::Scalar(_, ScalarStyle::DoubleQuoted, ..) = event else {
                continue;
            };
            // The pairs between the quotes (the span may run on past the closing
            // quote, over a comment).
            let start = span.start.index();
            let Some(range) = quoted_range(text, cursor.byte(start)) else {
                continue;
            };
            let first = pairs.partition_point(|p| p.byte < range.start);
            let last = pairs.partition_point(|p| p.byte < range.end);
            if first < last {
                genuine.extend_from_slice(&pairs[first..last]);
                scalars.push((start, range));
            }
        }
    }
    if scalars.is_empty() {
        return None;
    }
    Some(Masked {
        text: apply(text, &genuine),
        scalars,
    })
}

/// Every `\u` escape of a high surrogate followed at once by one of a low surrogate,
/// where the backslash is not itself escaped (an odd run of backslashes ends in an
/// escaping one), which is exactly how a double-quoted scalar reads them.
fn find_pairs(text: &str) -> Vec<Pair> {
    let bytes = text.as_bytes();
    let mut pairs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'\\').count();
        let escaping = i + run - 1;
        i += run;
        if run % 2 == 1
            && let Some(high) = hex4(bytes, escaping)
            && (0xD800..0xDC00).contains(&high)
            && let Some(low) = hex4(bytes, escaping + 6)
            && (0xDC00..0xE000).contains(&low)
        {
            pairs.push(Pair { byte: escaping });
            i = escaping + MASK.len();
        }
    }
    pairs
}

/// The value of the `\uXXXX` escape whose backslash is at `at`, if there is one.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let escape = bytes.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    escape[2..]
        .iter()
        .try_fold(0, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))
}

/// `text` with each pair replaced by [`MASK`].
fn apply(text: &str, pairs: &[Pair]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for p in pairs {
        out.push_str(&text[from..p.byte]);
        out.push_str(MASK);
        from = p.byte + MASK.len();
    }
    out.push_str(&text[from..]);
    out
}

/// The byte range, quotes included, of the double-quoted scalar whose span starts
/// at byte `start`: past the node's properties, from the opening quote to the first
/// quote no backslash escapes. (The span's end is no help: it may run on over white
/// space and a comment.)
fn quoted_range(text: &str, start: usize) -> Option<Range<usize>> {
    let open = start + super::tag::node_properties(text.get(start..)?).1;
    let bytes = text.as_bytes();
    if bytes.get(open) != Some(&b'"') {
        return None;
    }
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(open..i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Turns the increasing character indices the parser reports into byte offsets
/// without rescanning the text from its start each time.
struct CharCursor<'t> {
    text: &'t str,
    char_index: usize,
    byte: usize,
}

impl<'t> CharCursor<'t> {
    fn new(text: &'t str) -> Self {
        CharCursor {
            text,
            char_index: 0,
            byte: 0,
        }
    }

    fn byte(&mut self, index: usize) -> usize {
        if index < self.char_index {
            *self = CharCursor::new(self.text);
        }
        let rest = &self.text[self.byte..];
        let ahead = index - self.char_index;
        let offset = rest
            .char_indices()
            .nth(ahead)
            .map_or(rest.len(), |(b, _)| b);
        self.byte += offset;
        self.char_index = index;
        self.byte
    }
}

/// The value of the double-quoted scalar written `raw` (quotes included), read as YAML
/// 1.2 reads it: escapes decoded, surrogate pairs joined, lines folded. `Err` holds the
/// byte offset in `raw` of the backslash of an escape that is not a character.
///
/// The folding rules (YAML 1.2.2, 7.3.1 and 6.5): white space the file has around a
/// line break is dropped, the break becomes a space, or as many line feeds as there are
/// empty lines after it; an escaped break (`\` at the end of a line) joins the lines
/// and keeps the white space before the backslash. White space written as an escape
/// (`\t`, `\ `) is content and is never dropped.
pub(super) fn decode(raw: &str) -> Result<String, usize> {
    let body = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    // Offsets in `body` are one less than in `raw`.
    let at_raw = |i: usize| i + 1;
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    // White space read since the last content: kept if content follows on the same
    // line, dropped if a line break does.
    let mut pending = 0..0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => {
                if pending.is_empty() {
                    pending = i..i;
                }
                pending.end = i + 1;
                i += 1;
            }
            b'\r' | b'\n' => {
                pending = 0..0;
                i += break_len(&bytes[i..]);
                let (empty, next) = blank_lines(bytes, i);
                i = next;
                if empty == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', empty));
                }
            }
            b'\\' => {
                out.push_str(&body[pending.clone()]);
                pending = 0..0;
                let Some(&e) = bytes.get(i + 1) else {
                    return Err(at_raw(i));
                };
                let simple = match e {
                    b'0' => Some('\0'),
                    b'a' => Some('\x07'),
                    b'b' => Some('\x08'),
                    b't' | b'\t' => Some('\t'),
                    b'n' => Some('\n'),
                    b'v' => Some('\x0B'),
                    b'f' => Some('\x0C'),
                    b'r' => Some('\r'),
                    b'e' => Some('\x1B'),
                    b' ' => Some(' '),
                    b'"' => Some('"'),
                    b'/' => Some('/'),
                    b'\\' => Some('\\'),
                    b'N' => Some('\u{85}'),
                    b'_' => Some('\u{A0}'),
                    b'L' => Some('\u{2028}'),
                    b'P' => Some('\u{2029}'),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    i += 2;
                    continue;
                }
                match e {
                    b'\r' | b'\n' => {
                        let (empty, next) = blank_lines(bytes, i + 1 + break_len(&bytes[i + 1..]));
                        out.extend(std::iter::repeat_n('\n', empty));
                        i = next;
                    }
                    b'x' | b'u' | b'U' => {
                        let (c, len) = escaped_char(bytes, i).ok_or(at_raw(i))?;
                        out.push(c);
                        i += len;
                    }
                    _ => return Err(at_raw(i)),
                }
            }
            _ => {
                out.push_str(&body[pending.clone()]);
                pending = 0..0;
                let c = body[i..].chars().next().ok_or(at_raw(i))?;
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out.push_str(&body[pending]);
    Ok(out)
}

/// Length of the line break at the start of `rest` (CRLF, CR or LF), 0 if none.
fn break_len(rest: &[u8]) -> usize {
    match rest {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    }
}

/// From the start of a line at `i`: how many lines holding only white space follow,
/// and where the next line's content starts (its leading white space skipped).
fn blank_lines(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let mut empty = 0;
    loop {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        match break_len(&bytes[i.min(bytes.len())..]) {
            0 => return (empty, i),
            n => {
                empty += 1;
                i += n;
            }
        }
    }
}

/// The character of the `\x`, `\u` or `\U` escape at `i` and the escape's length; a
/// high surrogate `\u` takes the low one that must follow it. `None`: not a character.
fn escaped_char(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let digits = match bytes.get(i + 1)? {
        b'x' => 2,
        b'u' => 4,
        _ => 8,
    };
    let hex = bytes.get(i + 2..i + 2 + digits)?;
    let code = hex
        .iter()
        .try_fold(0u32, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))?;
    if digits == 4 && (0xD800..0xDC00).contains(&code) {
        let low = hex4(bytes, i + 6).filter(|l| (0xDC00..0xE000).contains(l))?;
        let joined = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        return Some((char::from_u32(joined)?, 12));
    }
    Some((char::from_u32(code)?, 2 + digits))
}

/// The byte offset, in a double-quoted scalar starting at `raw` (its opening quote),
/// of the first `\x`, `\u` or `\U` escape that is not a character (a lone surrogate,
/// a code point past U+10FFFF), and that escape as written: what the parser's
/// "invalid Unicode character escape" refers to.
pub(super) fn bad_escape(raw: &str) -> Option<(usize, &str)> {
    let bytes = raw.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return None,
            b'\\' => match bytes.get(i + 1) {
                Some(b'x' | b'u' | b'U') => {
                    if let Some((_, len)) = escaped_char(bytes, i) {
                        i += len;
                    } else {
                        let len = match bytes[i + 1] {
                            b'x' => 4,
                            b'u' => 6,
                            _ => 10,
                        };
                        return Some((i, raw.get(i..(i + len).min(raw.len()))?));
                    }
                }
                _ => i += 2,
            },
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests;
