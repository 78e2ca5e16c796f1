//! Source positions carried by every node of a loaded document.

/// A position in a source file: 1-based line, 1-based column counted in characters.
///
/// Characters, not bytes, because that is what an editor's status bar shows a monitor;
/// byte offsets are recomputed from the source only when a snippet is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// A half-open range of source positions.
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
        let p = Pos { line, col };
        Span { start: p, end: p }
    }

    /// Byte range of this span in `source`, clamped to the source and widened to at
    /// least one character so a caret is always drawn.
    pub fn byte_range(&self, source: &str) -> std::ops::Range<usize> {
        let start = byte_offset(source, self.start);
        let mut end = byte_offset(source, self.end).max(start);
        if end == start {
            // An empty span still deserves a caret: take the next character on the line,
            // or stay empty at the end of a line/file.
            end = source[start..]
                .chars()
                .next()
                .filter(|c| *c != '\n' && *c != '\r')
                .map_or(start, |c| start + c.len_utf8());
        }
        // A multi-line span (a whole mapping) would underline many lines; the first line
        // is where the eye should go.
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let end = end.min(line_end).max(start);
        start..end
    }
}

/// Byte offset of `pos` in `source`, clamped to the end of its line or of the file.
fn byte_offset(source: &str, pos: Pos) -> usize {
    let mut offset = 0;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line {
            let content = line.trim_end_matches(['\n', '\r']);
            let in_line = content
                .char_indices()
                .nth(pos.col.saturating_sub(1))
                .map_or(content.len(), |(b, _)| b);
            return offset + in_line;
        }
        offset += line.len();
    }
    source.len()
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
}
