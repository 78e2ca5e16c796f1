//! Source positions carried by every node of a loaded document.

/// A position in a text file: 1-based line, 1-based column counted in characters.
///
/// Characters, not bytes, because that is what an editor's status bar shows a monitor;
/// byte offsets are recomputed from the text only when a snippet is rendered.
/// 32 bits each: every node of a document holds two positions, and a file is bounded
/// by `--max-file-size` far below 4 G lines or columns ([`Pos::new`] saturates anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl Pos {
    /// The position at `line` and `col`, each saturated at `u32::MAX` (never a panic).
    pub fn new(line: usize, col: usize) -> Self {
        Pos {
            line: saturate(line),
            col: saturate(col),
        }
    }
}

/// `n` as a `u32`, or `u32::MAX` when larger.
fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A half-open range of text positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First character of the range.
    pub start: Pos,
    /// One past the last character of the range (may equal `start` for empty nodes).
    pub end: Pos,
}

impl Span {
    /// The span that covers exactly one position (used for "line 1" style pointers).
    pub fn point(line: usize, col: usize) -> Self {
        let p = Pos::new(line, col);
        Span { start: p, end: p }
    }

    /// Byte range of this span in `text` (see [`LineIndex::range`]); for tests,
    /// which look at one span at a time (rendering indexes a file's lines once).
    #[cfg(test)]
    pub fn byte_range(&self, text: &str) -> std::ops::Range<usize> {
        LineIndex::new(text).range(text, *self)
    }
}

/// The line breaks YAML knows (`b-break`): CRLF, CR alone and LF alone. Everything
/// that numbers lines goes through here, so the parser's line numbers, the snippet's
/// line and the JSON output's line agree on a file saved with old Mac line ends (CR)
/// or with a stray CR in the middle of a line.
fn break_len(rest: &[u8]) -> usize {
    match rest {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    }
}

/// The lines of `text`, each without its line break, split as YAML splits them
/// (CR, LF or CRLF ends a line); like [`str::lines`], a final line break does not start an
/// extra empty line. Lazy: reading a file's first lines costs only those.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(i) => (&rest[..i], &rest[i + break_len(&rest.as_bytes()[i..])..]),
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// The position of byte offset `at` in `text` (clamped to the text): the 1-based
/// line and character column that saphyr-parser would give the same place.
pub fn pos_at(text: &str, at: usize) -> Pos {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let bytes = text.as_bytes();
    let (mut line, mut line_start, mut i) = (1, 0, 0);
    while i < at {
        let n = break_len(&bytes[i..]);
        // A CRLF straddling `at` (a position between CR and LF) is on the CR's line.
        if n > 0 && i + n <= at {
            line += 1;
            line_start = i + n;
            i += n;
        } else {
            i += 1;
        }
    }
    Pos::new(line, text[line_start..at].chars().count() + 1)
}

/// Where each line of a text starts, computed once per file so that turning many
/// spans into byte ranges costs a lookup each, not a scan of the file each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of each line's first character; line `n` starts at `starts[n - 1]`.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        if !text.contains('\r') {
            // Nearly every file: LF only, found with the fast (memchr) search.
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            return LineIndex { starts };
        }
        let mut i = 0;
        while i < bytes.len() {
            match break_len(&bytes[i..]) {
                0 => i += 1,
                n => {
                    i += n;
                    starts.push(i);
                }
            }
        }
        LineIndex { starts }
    }

    /// Byte range of line `line` (1-based) without its line break; empty at the end
    /// of the file for a line past it.
    pub fn line(&self, text: &str, line: u32) -> std::ops::Range<usize> {
        let line = line as usize;
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len()..text.len();
        };
        let end = match self.starts.get(line) {
            // The next line starts right after this one's break: CRLF is two bytes.
            Some(&next) if text[..next].ends_with("\r\n") => next - 2,
            Some(&next) => next - 1,
            None => text.len(),
        };
        start..end.max(start)
    }

    fn offset(&self, text: &str, pos: Pos) -> usize {
        let line = self.line(text, pos.line);
        let content = &text[line.clone()];
        line.start
            + content
                .char_indices()
                .nth((pos.col as usize).saturating_sub(1))
                .map_or(content.len(), |(b, _)| b)
    }

    /// The position of byte offset `at` in `text` (clamped to the text; inside a
    /// character, that character's): what [`pos_at`] says, by a lookup instead of a
    /// scan, for a text with many spans to place (a TOML file's keys and values).
    pub fn pos(&self, text: &str, at: usize) -> Pos {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1];
        Pos::new(line, text[start..at].chars().count() + 1)
    }

    /// Byte range of `span` in `text`, clamped to the text and to the span's first
    /// line (a whole mapping would underline many lines; the first is where the eye
    /// should go), and widened to at least one character so a caret is always drawn.
    pub fn range(&self, text: &str, span: Span) -> std::ops::Range<usize> {
        let start = self.offset(text, span.start);
        let line_end = self.line(text, span.start.line).end.max(start);
        let mut end = if span.end.line == span.start.line {
            self.offset(text, span.end).clamp(start, line_end)
        } else {
            line_end
        };
        if end == start {
            end = text[start..line_end]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_range_counts_characters_not_bytes() {
        let src = "a: é\nkey: valeur\n";
        let span = Span {
            start: Pos { line: 2, col: 6 },
            end: Pos { line: 2, col: 12 },
        };
        assert_eq!(&src[span.byte_range(src)], "valeur");
        let accent = Span {
            start: Pos { line: 1, col: 4 },
            end: Pos { line: 1, col: 5 },
        };
        assert_eq!(&src[accent.byte_range(src)], "é");
    }

    #[test]
    fn empty_span_gets_one_character_and_multiline_is_cut() {
        let src = "abc\ndef\n";
        assert_eq!(&src[Span::point(2, 2).byte_range(src)], "e");
        let multi = Span {
            start: Pos { line: 1, col: 2 },
            end: Pos { line: 2, col: 3 },
        };
        assert_eq!(&src[multi.byte_range(src)], "bc");
        // Past the end of the file: clamped, never a panic.
        assert_eq!(Span::point(9, 9).byte_range(src), 8..8);
    }

    #[test]
    fn cr_lf_and_crlf_each_end_a_line() {
        // YAML's b-break: CRLF, a lone CR and a lone LF each end one line.
        let src = "a: 1\rb: 2\r\nc: 3\nd: 4\r\re";
        let index = LineIndex::new(src);
        let shown: Vec<&str> = (1..=7).map(|l| &src[index.line(src, l)]).collect();
        assert_eq!(shown, ["a: 1", "b: 2", "c: 3", "d: 4", "", "e", ""]);
        assert_eq!(
            lines(src).collect::<Vec<_>>(),
            ["a: 1", "b: 2", "c: 3", "d: 4", "", "e"]
        );
        assert_eq!(lines("x\r").collect::<Vec<_>>(), ["x"]);
        assert_eq!(lines("").count(), 0);
        let value = Span {
            start: Pos { line: 4, col: 4 },
            end: Pos { line: 4, col: 5 },
        };
        assert_eq!(&src[value.byte_range(src)], "4");
        assert_eq!(pos_at(src, src.find('4').unwrap()), Pos { line: 4, col: 4 });
        assert_eq!(pos_at(src, src.find('e').unwrap()), Pos { line: 6, col: 1 });
        // Between the CR and the LF of a CRLF: still the CR's line.
        assert_eq!(
            pos_at(src, src.find("\r\n").unwrap() + 1),
            Pos { line: 2, col: 6 }
        );
        assert_eq!(pos_at("é\rx", 2), Pos { line: 1, col: 2 });
    }

    #[test]
    fn the_line_index_places_every_offset_as_pos_at_does() {
        for text in [
            "a: 1\r\nb: 2\rc\n\né: x\n",
            "",
            "no break",
            "\r\n\r\n",
            "x\u{2028}é\r",
        ] {
            let index = LineIndex::new(text);
            for at in 0..=text.len() + 2 {
                assert_eq!(index.pos(text, at), pos_at(text, at), "{text:?} at {at}");
            }
        }
    }
}
