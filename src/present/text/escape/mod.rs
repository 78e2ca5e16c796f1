//! One escaping function per output kind, so tracker text (titles, notes, keys, file
//! names) is always data and never markup, a command or a terminal control wherever it
//! is written.
//!
//! Every kind starts from the same list of characters a reader cannot see or a device
//! would obey ([`hidden`]): control characters (C0, DEL, C1 — including U+009B, the
//! one-byte CSI), bidirectional overrides and isolates, invisible marks and separators
//! that break lines. Those are written out as `\n`, `\r`, `\t` or `\u{..}`, so they
//! stay visible and can never start a line. ZWNJ and ZWJ (U+200C, U+200D) are kept:
//! Persian, Indic scripts and emoji need them, and they steer nothing.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

// Whether a character is invisible or would be obeyed rather than shown (the list is
// the syntax layer's, which the tracker editor escapes too).
pub use crate::syntax::hidden;

/// Writes a hidden character out: `\n`, `\r`, `\t`, else `\u{..}` in hex.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Text for a terminal with every hidden character but the tab made visible; the
/// tab stays as spacing (it moves the cursor, never a line).
fn visible_chars(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| hidden(c) && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) && c != '\t' {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Human text (terminal messages, headers, paths, table cells, stderr): hidden
/// characters made visible, and a leading `::` (after blanks) written `\u{3a}:`, so
/// text that happens to open a line cannot be read as a GitHub workflow command
/// (the runner trims leading blanks before looking for `::`).
pub fn human(s: &str) -> Cow<'_, str> {
    let text = visible_chars(s);
    if text.trim_start().starts_with("::") {
        let blanks = text.len() - text.trim_start().len();
        let mut out = String::with_capacity(text.len() + 6);
        out.push_str(&text[..blanks]);
        out.push_str("\\u{3a}");
        out.push_str(&text[blanks + 1..]);
        return Cow::Owned(out);
    }
    text
}

/// A source line for a snippet, made visible like [`human`], with the byte range of
/// the annotation moved to where the same characters now are, so the caret stays
/// under them. A range that does not fall on character boundaries is clamped to the
/// line.
pub fn human_line(line: &str, range: Range<usize>) -> (String, Range<usize>) {
    let at = |i: usize| {
        let mut i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        visible_chars(&line[..i]).len()
    };
    let (start, end) = (at(range.start), at(range.end.max(range.start)));
    (visible_chars(line).into_owned(), start..end)
}

/// A GitHub workflow command's message: `%`, CR and LF as the runner decodes them, and
/// any other hidden character made visible (a log is read in a terminal or a browser).
pub fn github_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if hidden(c) && c != '\t' => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A GitHub workflow command's property (file, title): the message's escapes plus `:`
/// and `,`, which end a property.
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Markdown text for a table cell, a heading, a list item or a paragraph: HTML's
/// special characters as entities (no raw HTML passes), the punctuation Markdown
/// acts on backslash-escaped, line breaks flattened to spaces (a cell or heading is
/// one line) and other hidden characters made visible. Written mid-line by every
/// caller, so `-`, `+` and `.` (which act only at a line's start) stay as they are,
/// and so do parentheses (a link needs the brackets, which are escaped).
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        // Markdown passes HTML through, so its markup characters are entities first.
        if let Some(entity) = markup_entity(c) {
            out.push_str(entity);
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if hidden(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Markdown code span (`` `...` ``), where backslash escapes do not
/// apply: one line with hidden characters made visible, as [`human`] writes it, and
/// every backquote turned into `'` so the text cannot close the span.
pub fn markdown_code(s: &str) -> String {
    human(s).replace('`', "'")
}

/// A Markdown link target, as an autolink `<...>`: inside one, backslash escapes do not
/// apply, so the URL is percent-encoded instead (every byte but the URI's own
/// unreserved and reserved ASCII characters), and a `>` or a blank cannot end it.
pub fn markdown_link(url: &str) -> String {
    format!(
        "<{}>",
        percent(url, |b| b.is_ascii_alphanumeric()
            || b"-._~:/?#[]@!$'()*+,;=%".contains(&b))
    )
}

/// Percent-encodes every byte `keep` does not accept.
fn percent(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A file path as a SARIF artifact URI (a relative reference, RFC 3986): every byte
/// but unreserved characters and `/` percent-encoded, so blanks, `#`, `?`, `%`, `:`,
/// non-ASCII and line breaks in a file name cannot change what the URI means.
pub fn uri(path: &str) -> String {
    percent(path, |b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
}

/// A CSV cell of tracker text: a cell that a spreadsheet would take for a formula
/// (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, as OWASP
/// advises, and hidden characters but the line feed and the tab are made visible
/// (quoting is the `csv` crate's). A note keeps its line breaks, being data, but a line of it that
/// would start with `::` gets the same `\u{3a}` as [`human`] text: a CSV printed in a
/// CI log is read line by line. Numbers rectrack writes itself never come here.
pub fn csv(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let command = s.split('\n').any(|l| l.trim_start().starts_with("::"));
    let needs = command || s.chars().any(|c| hidden(c) && !matches!(c, '\n' | '\t'));
    if !formula && !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    if formula {
        out.push('\'');
    }
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = line;
        if line.trim_start().starts_with("::") {
            let blanks = line.len() - line.trim_start().len();
            out.push_str(&line[..blanks]);
            out.push_str("\\u{3a}");
            line = &line[blanks + 1..];
        }
        out.push_str(&visible_chars(line));
    }
    Cow::Owned(out)
}

/// XML text or attribute value (JUnit, SVG): markup characters as entities, LF and
/// CR as character references (a parser reads them back, and no line of the file
/// starts with tracker text), the tab kept, and every other hidden character — the
/// controls XML 1.0 forbids, the ones it discourages (DEL, C1) — made visible, so the
/// document is always well-formed.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_markup_text(&mut out, s, true);
    out
}

/// The entity for a character that HTML, XML and Markdown read as markup.
fn markup_entity(c: char) -> Option<&'static str> {
    match c {
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '&' => Some("&amp;"),
        '"' => Some("&quot;"),
        _ => None,
    }
}

/// XML or HTML text (see [`xml`]); `apos` writes `'` as `&apos;` too, which XML
/// attributes quoted with `'` need and HTML text does not.
fn push_markup_text(out: &mut String, s: &str, apos: bool) {
    for c in s.chars() {
        if let Some(entity) = markup_entity(c) {
            out.push_str(entity);
            continue;
        }
        match c {
            '\'' if apos => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push(c),
            c if hidden(c) => push_visible(out, c),
            c => out.push(c),
        }
    }
}

/// A finished JSON document (serde_json has escaped quotes, backslashes and C0): DEL,
/// C1, bidi controls and the other hidden characters rewritten as `\uXXXX`, which
/// decodes to the same string, so the raw bytes cannot steer a terminal that shows
/// the document. Outside strings JSON has none of these characters, so the whole
/// text can be rewritten.
pub fn json(doc: &str) -> Cow<'_, str> {
    rewrite_hidden(doc, |out, c| {
        // Every hidden character is in the Basic Multilingual Plane: one escape.
        let _ = write!(out, "\\u{:04x}", u32::from(c));
    })
}

/// A finished document with every hidden character but blanks (which its own format
/// uses) written by `write`; borrowed when there is none.
fn rewrite_hidden(doc: &str, write: impl Fn(&mut String, char)) -> Cow<'_, str> {
    let rewritten = |c: char| hidden(c) && !c.is_ascii_whitespace();
    if !doc.chars().any(rewritten) {
        return Cow::Borrowed(doc);
    }
    let mut out = String::with_capacity(doc.len() + 16);
    for c in doc.chars() {
        if rewritten(c) {
            write(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Tracker text in an HTML page, for `maud`: markup escaped as maud does, line breaks
/// as character references (the browser reads them back; no line of the file starts
/// with tracker text) and other hidden characters made visible.
#[derive(Debug, Clone, Copy)]
pub struct Html<'a>(pub &'a str);

impl maud::Render for Html<'_> {
    fn render_to(&self, buffer: &mut String) {
        push_markup_text(buffer, self.0, false);
    }
}

/// A finished HTML page (maud has escaped markup in every text and attribute): hidden
/// characters other than blanks made visible as text. rectrack's own markup has none,
/// so only tracker text changes. Numeric references are no way out: the HTML parser
/// maps `&#x9b;` to another character, and C0 references are parse errors.
pub fn html(page: &str) -> Cow<'_, str> {
    rewrite_hidden(page, push_visible)
}

#[cfg(test)]
mod tests;
