//! Where a node's text starts and ends in the file, in bytes.
//!
//! The parser's spans are positions (line, character column), and not all of them end
//! where the node's text ends: a quoted scalar's runs on over the blanks and the comment
//! after it, a block scalar's starts at its first content line (after the `>-` header)
//! and ends at the next token, past trailing blank lines, a block collection's closing
//! event stands at the next token. So the start of a node is taken from the parser and
//! its end is found here, from the text, by the node's form (see the unit tests, which
//! pin each case down).

use crate::model::edit::EditError;
use crate::syntax::shape::{Form, Shape};
use crate::syntax::span::{LineIndex, Pos};

/// A file's text with its lines indexed.
pub(super) struct Text<'t> {
    /// The whole text.
    pub s: &'t str,
    index: LineIndex,
}

impl<'t> Text<'t> {
    /// Indexes `s`.
    pub fn new(s: &'t str) -> Self {
        Text {
            s,
            index: LineIndex::new(s),
        }
    }

    /// The byte offset of `pos` (clamped to its line).
    pub fn offset(&self, pos: Pos) -> usize {
        let line = self.index.line(self.s, pos.line);
        let content = &self.s[line.clone()];
        line.start
            + content
                .char_indices()
                .nth((pos.col as usize).saturating_sub(1))
                .map_or(content.len(), |(b, _)| b)
    }

    /// The byte offset where the line holding byte `at` ends (before its line break).
    pub fn line_end(&self, at: usize) -> usize {
        self.s[at..]
            .find(['\r', '\n'])
            .map_or(self.s.len(), |i| at + i)
    }

    /// The byte offset where the line holding byte `at` starts.
    pub fn line_start(&self, at: usize) -> usize {
        self.s[..at].rfind(['\r', '\n']).map_or(0, |i| i + 1)
    }

    /// The character column (0-based) of byte `at` on its line.
    pub fn col(&self, at: usize) -> usize {
        self.s[self.line_start(at)..at].chars().count()
    }

    /// Whether only blanks stand before byte `at` on its line.
    pub fn starts_line(&self, at: usize) -> bool {
        self.s[self.line_start(at)..at]
            .chars()
            .all(|c| c == ' ' || c == '\t')
    }

    /// Where the node's own text starts: its first position, after its anchor and tag
    /// (a block scalar: its first content line).
    pub fn start(&self, shape: &Shape) -> usize {
        let mut at = self.offset(shape.span.start);
        if matches!(shape.form, Form::Literal | Form::Folded) {
            return at;
        }
        let bytes = self.s.as_bytes();
        while at < bytes.len() && matches!(bytes[at], b'&' | b'!') {
            while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
                at += 1;
            }
        }
        at
    }

    /// Where the node's text ends (one past its last character): a comment or blank
    /// lines after it are not part of it.
    pub fn end(&self, shape: &Shape) -> Result<usize, EditError> {
        let unsupported = |what: &str| EditError::Unsupported {
            what: what.to_string(),
            line: shape.span.start.line as usize,
        };
        match shape.form {
            Form::Plain | Form::Alias(_) => Ok(self.offset(shape.span.end)),
            Form::SingleQuoted => {
                let start = self.start(shape);
                let mut i = start + 1;
                loop {
                    let Some(q) = self.s[i..].find('\'') else {
                        return Err(unsupported("a quoted text has no closing quote"));
                    };
                    i += q + 1;
                    if self.s[i..].starts_with('\'') {
                        i += 1;
                    } else {
                        return Ok(i);
                    }
                }
            }
            Form::DoubleQuoted => {
                let start = self.start(shape);
                let mut chars = self.s[start + 1..].char_indices();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => return Ok(start + 1 + i + 1),
                        _ => {}
                    }
                }
                Err(unsupported("a quoted text has no closing quote"))
            }
            Form::Literal | Form::Folded => {
                let start = self.offset(shape.span.start);
                let end = self.offset(shape.span.end);
                let trimmed = start
                    + self.s[start..end]
                        .trim_end_matches([' ', '\t', '\r', '\n'])
                        .len();
                if trimmed <= start {
                    return Err(unsupported("an empty block text (`>-` or `|`)"));
                }
                Ok(trimmed)
            }
            Form::Seq(true) | Form::Map(true) => {
                let at = self.offset(shape.end.start);
                match self.s.as_bytes().get(at) {
                    Some(b']' | b'}') => Ok(at + 1),
                    _ => Err(unsupported("a bracket is not where the parser put it")),
                }
            }
            Form::Seq(false) | Form::Map(false) => match shape.children.last() {
                Some(last) => self.end(last),
                None => Err(unsupported("an empty block collection")),
            },
        }
    }

    /// Where a block list's first `-` stands (its opening event stands at the `-` or,
    /// in a list written at its key's column, at the first item).
    pub fn dash(&self, seq: &Shape) -> Result<usize, EditError> {
        let first = seq.children.first().ok_or(EditError::Unsupported {
            what: "an empty block list".into(),
            line: seq.span.start.line as usize,
        })?;
        let item = self.offset(first.span.start);
        let before = self.s[..item].trim_end_matches([' ', '\t']);
        if before.ends_with('-') {
            Ok(before.len() - 1)
        } else {
            Err(EditError::Unsupported {
                what: "a list item does not start on its `-` line".into(),
                line: first.span.start.line as usize,
            })
        }
    }

    /// Where a mapping value's text may be replaced from: a block scalar's header
    /// (`>-`, after the value's anchor and tag), a block list's first `-`, or the
    /// node's own start; `key` is the value's key.
    pub fn value_start(&self, key: &Shape, value: &Shape) -> Result<usize, EditError> {
        match value.form {
            Form::Literal | Form::Folded => {
                let mut at = self.end(key)?;
                let bytes = self.s.as_bytes();
                let skip_blanks = |at: &mut usize| {
                    while *at < bytes.len() && matches!(bytes[*at], b' ' | b'\t') {
                        *at += 1;
                    }
                };
                skip_blanks(&mut at);
                if bytes.get(at) != Some(&b':') {
                    return Err(EditError::Unsupported {
                        what: "a key's colon is not where expected".into(),
                        line: key.span.start.line as usize,
                    });
                }
                at += 1;
                skip_blanks(&mut at);
                while at < bytes.len() && matches!(bytes[at], b'&' | b'!') {
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                        at += 1;
                    }
                    skip_blanks(&mut at);
                }
                match bytes.get(at) {
                    Some(b'|' | b'>') => Ok(at),
                    _ => Err(EditError::Unsupported {
                        what: "a block text's `>` or `|` is not on its key's line".into(),
                        line: key.span.start.line as usize,
                    }),
                }
            }
            Form::Seq(false) => self.dash(value),
            _ => Ok(self.start(value)),
        }
    }

    /// Just past the colon after `key`.
    pub fn after_colon(&self, key: &Shape) -> Result<usize, EditError> {
        let end = self.end(key)?;
        let rest = &self.s[end..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[blanks..].starts_with(':') {
            Ok(end + blanks + 1)
        } else {
            Err(EditError::Unsupported {
                what: "a key's colon is not where expected".into(),
                line: key.span.start.line as usize,
            })
        }
    }
}
