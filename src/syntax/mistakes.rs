//! Hand-editing mistakes that the parser reports in its own terms, said in a
//! monitor's: a `: ` inside unquoted text ("mapping values are not allowed in this
//! context"), a tab in the indentation of a line below the one the scanner names, and
//! a new list entry written without its `- ` (which reads as a duplicate key).
//!
//! Each reads the lines around the parser's position in the file's text; anything
//! not recognised keeps the general message.
//!
//! One mistake is valid YAML and so reaches no parser error: unquoted text that goes
//! on past ` #` (`reference: Africa Report #306`) silently loses the rest of the line
//! to a comment. [`comments_in_text`] finds the likely cases in a parsed document.

use crate::syntax::LoadError;
use crate::syntax::document::{Node, Value};
use crate::syntax::span::{Pos, Span, lines};

/// Longest value quoted in full in a suggestion; a longer one is shortened in the
/// middle (a help line is read at a glance, and the file's line is shown above it).
const MAX_SHOWN: usize = 120;

/// Where the tab is that made the scanner stop at `line`:`col` (1-based) with `info`.
///
/// The scanner names the token it was reading, not the tab: a plain scalar's error
/// ("while scanning a plain scalar, found a tab") points at the start of the scalar,
/// on the line above the tab that indents its continuation. The tab is then the first
/// one indenting a later line that has content (a line of only blanks or a comment
/// may hold tabs). Other tab errors stop on the tab's own line.
pub(super) fn tab_at(text: &str, line: usize, info: &str) -> Option<Pos> {
    let on_marker_line = || {
        let l = lines(text).nth(line.checked_sub(1)?)?;
        let col = l.chars().position(|c| c == '\t')?;
        Some(Pos::new(line, col + 1))
    };
    let below = || {
        lines(text)
            .enumerate()
            .skip(line)
            .find_map(|(i, l)| indenting_tab(l).map(|col| Pos::new(i + 1, col)))
    };
    if info.contains("plain scalar") {
        below().or_else(on_marker_line)
    } else {
        on_marker_line().or_else(below)
    }
}

/// The 1-based column of the first tab in `line`'s indentation, when the line has
/// content after it (not only blanks or a comment).
fn indenting_tab(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    line[..indent].find('\t').map(|i| i + 1)
}

/// The finding for a tab at `at`.
pub(super) fn tab_error(at: Pos) -> LoadError {
    LoadError::new(
        Span::point(at.line as usize, at.col as usize),
        format!("invalid YAML: a tab indents line {}", at.line),
        format!(
            "YAML indents with spaces: replace the tab on line {} with spaces",
            at.line
        ),
    )
}

/// The finding for a `: ` inside unquoted text, when the scanner's "mapping values are
/// not allowed" at `line`:`col` (1-based, on a `:`) is one: the line reads `key: text`
/// (after any `- `) and the colon is inside the text, not the key's own. `None`
/// otherwise (a key indented too deep gives the same scanner error at its own colon).
pub(super) fn colon_in_text(text: &str, line: usize, col: usize) -> Option<LoadError> {
    let l = lines(text).nth(line.checked_sub(1)?)?;
    let chars: Vec<char> = l.chars().collect();
    if chars.get(col.checked_sub(1)?) != Some(&':') {
        return None;
    }
    let mut i = chars.iter().take_while(|c| **c == ' ').count();
    // `- ` items, possibly nested on one line (`- - key: text`).
    while chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|c| *c == ' ') {
        i += 1;
        i += chars[i..].iter().take_while(|c| **c == ' ').count();
    }
    let key_start = i;
    // A quoted key, a flow collection, a directive or an explicit key is not the
    // simple `key: text` line this message is for.
    if chars
        .get(key_start)
        .is_none_or(|c| "\"'[{?#%&*!|>@`".contains(*c))
    {
        return None;
    }
    let is_blank = |c: Option<&char>| c.is_none_or(|c| *c == ' ' || *c == '\t');
    let key_end =
        (key_start..chars.len()).find(|&j| chars[j] == ':' && is_blank(chars.get(j + 1)))?;
    // The scanner stopped at the key's own colon: not a colon inside the text.
    if col - 1 <= key_end {
        return None;
    }
    let value_start = key_end
        + 1
        + chars[key_end + 1..]
            .iter()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
    // Quoted text, a block scalar or a flow collection fails for other reasons.
    if chars
        .get(value_start)
        .is_none_or(|c| "\"'[{|>&*!%@`".contains(*c))
    {
        return None;
    }
    // A comment after the colon stays a comment: quoting the text before it is the fix.
    let value_end = (col..chars.len())
        .find(|&j| chars[j] == '#' && matches!(chars[j - 1], ' ' | '\t'))
        .unwrap_or(chars.len());
    let value: String = chars[value_start..value_end].iter().collect();
    let key: String = chars[key_start..key_end].iter().collect();
    Some(LoadError::new(
        Span::point(line, col),
        format!(
            "invalid YAML: the unquoted text of `{key}` holds `: `, which YAML reads as the start of a new key"
        ),
        format!(
            "quote the text: `{key}: \"{}\"`",
            escaped(&shortened(value.trim_end()))
        ),
    ))
}

/// The finding for `key` written twice in one mapping, at its second occurrence `at`.
///
/// When the mapping is an item of a block sequence whose first `-` is at `item_of`,
/// the likely cause is a new item written without its `- `, so that its keys run into
/// the item above: certainly so when the repeated key is the one the item starts with
/// (`starts_item`, say `date` in a history entry).
pub(super) fn duplicate_key(
    text: &str,
    key: &str,
    at: Span,
    item_of: Option<Span>,
    starts_item: bool,
) -> LoadError {
    let dash_col = item_of.and_then(|s| dash_col(text, s.start));
    match dash_col {
        Some(col) if starts_item => LoadError::new(
            at,
            format!("duplicate key `{key}` in one list entry: a new entry seems to start here"),
            format!(
                "a new entry starts here without its `- `: write `- {key}: …` at column {col}, \
                 under the other entries' dashes (if this is one entry, delete one of the two `{key}`)"
            ),
        ),
        Some(col) => LoadError::new(
            at,
            format!("duplicate key `{key}` in one list entry"),
            format!(
                "each key may appear once in an entry: delete one of the two `{key}`; if a new \
                 entry starts on this line, it lacks its `- `: write `- {key}: …` at column {col}, \
                 under the other entries' dashes"
            ),
        ),
        None => LoadError::new(
            at,
            format!("duplicate key `{key}`"),
            "each key may appear once in a mapping: merge the two entries or delete one",
        ),
    }
}

/// The column of the first `-` of a block sequence the parser starts at `start`: the
/// dash itself, or (for a sequence not indented under its key, `key:\n- a`) the
/// content after it. `None` for a flow sequence (`[{a: 1, a: 2}]`): no dashes there.
fn dash_col(text: &str, start: Pos) -> Option<usize> {
    let line: Vec<char> = lines(text)
        .nth((start.line as usize).checked_sub(1)?)?
        .chars()
        .collect();
    let at = (start.col as usize).checked_sub(1)?;
    if line.get(at) == Some(&'-') {
        return Some(at + 1);
    }
    let dash = (0..at.min(line.len())).rev().find(|&i| line[i] != ' ')?;
    (line[dash] == '-').then_some(dash + 1)
}

/// Comments that likely cut a text short: on a line where an unquoted text value
/// ends, a `#` right after the blanks that end it, and written as text is (`#306`,
/// `#MaliTalks`), not as a comment is (`# ...`, `## ...`). Which `#` starts a
/// comment cannot be told in general: only a `#` followed by neither a blank nor
/// another `#` is taken for text, so comments written the usual way never are.
///
/// Each is returned as the error it would be (where, what, what to write), in the
/// order of the file. The text is scanned once and the tree walked once, whatever
/// the shape of the file.
pub fn comments_in_text(text: &str, root: &Node) -> Vec<LoadError> {
    let candidates = text_like_comments(text);
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    // Each level: the children still to visit, and the key they are under. A stack of
    // iterators, not of nodes: memory grows with the depth, not the width, of the file.
    let mut stack: Vec<(Children<'_>, &str)> = vec![(Children::of(root), "")];
    while let Some((children, key)) = stack.last_mut() {
        let Some((node, child_key)) = children.next(key) else {
            stack.pop();
            continue;
        };
        match &node.value {
            Value::Map(_) | Value::Seq(_) => stack.push((Children::of(node), child_key)),
            Value::Str(_)
                if !child_key.is_empty() && node.span.start.line == node.span.end.line =>
            {
                let end = (node.span.end.line as usize, node.span.end.col as usize);
                if let Ok(i) = candidates.binary_search_by(|(l, c, _)| (*l, *c).cmp(&end))
                    && let Some(error) = comment_in_text(candidates[i].2, node.span, child_key)
                {
                    found.push(error);
                }
            }
            _ => {}
        }
    }
    found
}

/// Most text-like comments looked at in one file: a tracker has none, and the list
/// must stay small whatever the file holds.
const MAX_CANDIDATES: usize = 1000;

/// Every `#` written as text is (see [`comments_in_text`]) after blanks that follow
/// other text on the line: (line, column where the blanks start, the line), in the
/// order of the file, at most [`MAX_CANDIDATES`].
///
/// Found from the `#` signs (a fast byte search), not line by line: most files have a
/// few, and walking every line of every file was ~5% of a check. A `#` is one when
/// blanks stand right before it, something other than blanks before them on its line,
/// and after it neither a blank, nor another `#`, nor the end of the line.
fn text_like_comments(text: &str) -> Vec<(usize, usize, &str)> {
    let bytes = text.as_bytes();
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t');
    let is_break = |b: &u8| matches!(b, b'\r' | b'\n');
    let mut candidates = Vec::new();
    // Lines counted so far: up to the start of line `line_no` at byte `counted_to`.
    let (mut counted_to, mut line_no) = (0, 1);
    let mut from = 0;
    while let Some(found) = text[from..].find('#') {
        let hash = from + found;
        from = hash + 1;
        let blanks = bytes[..hash]
            .iter()
            .rev()
            .take_while(|b| is_blank(b))
            .count();
        let blanks_from = hash - blanks;
        let text_before = blanks_from
            .checked_sub(1)
            .is_some_and(|i| !is_break(&bytes[i]));
        let next = text[hash + 1..].chars().next();
        if blanks == 0 || !text_before || next.is_none_or(|n| n.is_whitespace() || n == '#') {
            continue;
        }
        let line_start = bytes[..blanks_from]
            .iter()
            .rposition(is_break)
            .map_or(0, |i| i + 1);
        let line_end = bytes[hash..]
            .iter()
            .position(is_break)
            .map_or(text.len(), |i| hash + i);
        line_no += breaks_in(&bytes[counted_to..line_start]);
        counted_to = line_start;
        if candidates.len() == MAX_CANDIDATES {
            return candidates;
        }
        let column = text[line_start..blanks_from].chars().count() + 1;
        candidates.push((line_no, column, &text[line_start..line_end]));
    }
    candidates
}

/// The line breaks in `bytes`, which ends at the start of a line: CRLF, CR and LF each
/// end one line, as in [`lines`].
// Counted once over the file at most, in a loop the compiler vectorises: not worth a
// crate (`bytecount`) of its own.
#[allow(clippy::naive_bytecount)]
fn breaks_in(bytes: &[u8]) -> usize {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    if !bytes.contains(&b'\r') {
        return lf;
    }
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    lf + lone_cr
}

/// The children of a mapping or a list, each with the key it is under (a list's
/// items are under the list's key).
enum Children<'a> {
    Map(std::slice::Iter<'a, crate::syntax::document::Pair>),
    Seq(std::slice::Iter<'a, Node>),
    None,
}

impl<'a> Children<'a> {
    fn of(node: &'a Node) -> Self {
        match &node.value {
            Value::Map(pairs) => Children::Map(pairs.iter()),
            Value::Seq(items) => Children::Seq(items.iter()),
            _ => Children::None,
        }
    }

    fn next(&mut self, key: &'a str) -> Option<(&'a Node, &'a str)> {
        match self {
            Children::Map(pairs) => pairs.next().map(|p| (&p.value, p.key.as_str())),
            Children::Seq(items) => items.next().map(|n| (n, key)),
            Children::None => None,
        }
    }
}

/// The error for the text value at `span` (one line, `line`) of `key`, cut short by a
/// comment right after it; `None` when the value is not unquoted text.
fn comment_in_text(line: &str, span: Span, key: &str) -> Option<LoadError> {
    let chars: Vec<char> = line.chars().collect();
    let start = (span.start.col as usize).checked_sub(1)?;
    let end = (span.end.col as usize).checked_sub(1)?;
    // Quoted, a block scalar, an alias, tagged or anchored: not plain text, or not
    // where its text starts.
    if chars.get(start).is_none_or(|c| "\"'|>*!&[{".contains(*c)) {
        return None;
    }
    let hash = (end..chars.len()).find(|&i| chars[i] == '#')?;
    let value: String = chars[start..end].iter().collect();
    let whole: String = chars[start..].iter().collect();
    let cut: String = chars[hash..].iter().take(12).collect();
    let cut = if chars.len() - hash > 12 {
        format!("{cut}…")
    } else {
        cut
    };
    Some(LoadError::new(
        Span::point(span.start.line as usize, hash + 1),
        format!(
            "the text of `{key}` ends before `{cut}`: YAML reads ` #` as the start of a comment, so the text is `{}`",
            shortened(&value)
        ),
        format!(
            "to keep the `#` in the text, quote it all: `{key}: \"{}\"`; if it is a comment, write `# {}`",
            escaped(&shortened(whole.trim_end())),
            shortened(&chars[hash + 1..].iter().collect::<String>())
        ),
    ))
}

/// `text` as the inside of a YAML double-quoted scalar.
fn escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `text`, or its start and end around a `…` when it is longer than [`MAX_SHOWN`].
fn shortened(text: &str) -> String {
    let n = text.chars().count();
    if n <= MAX_SHOWN {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX_SHOWN / 2).collect();
    let tail: String = text.chars().skip(n - MAX_SHOWN / 4).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests;
