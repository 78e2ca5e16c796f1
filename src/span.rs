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

    /// Byte range of this span in `source` (see [`LineIndex::range`]); for tests,
    /// which look at one span at a time (rendering indexes a file's lines once).
    #[cfg(test)]
    pub fn byte_range(&self, source: &str) -> std::ops::Range<usize> {
        LineIndex::new(source).range(source, *self)
    }
}

/// Where each line of a source starts, computed once per file so that turning many
/// spans into byte ranges costs a lookup each, not a scan of the file each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `source`.
    pub fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// Byte range of line `line` (1-based) without its line ending; empty at the end
    /// of the file for a line past it.
    pub fn line(&self, source: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return source.len()..source.len();
        };
        let end = self.starts.get(line).map_or(source.len(), |&next| next - 1);
        let end = if source[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    fn offset(&self, source: &str, pos: Pos) -> usize {
        let line = self.line(source, pos.line);
        let content = &source[line.clone()];
        line.start
            + content
                .char_indices()
                .nth(pos.col.saturating_sub(1))
                .map_or(content.len(), |(b, _)| b)
    }

    /// Byte range of `span` in `source`, clamped to the source and to the span's first
    /// line (a whole mapping would underline many lines; the first is where the eye
    /// should go), and widened to at least one character so a caret is always drawn.
    pub fn range(&self, source: &str, span: Span) -> std::ops::Range<usize> {
        let start = self.offset(source, span.start);
        let line_end = self.line(source, span.start.line).end.max(start);
        let mut end = if span.end.line == span.start.line {
            self.offset(source, span.end).clamp(start, line_end)
        } else {
            line_end
        };
        if end == start {
            end = source[start..line_end]
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
}
