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

/// Whether a character is invisible or would be obeyed rather than shown: C0 and C1
/// controls and DEL, bidi embeddings, overrides, isolates and marks, zero-width space,
/// word joiner and BOM, the line and paragraph separators, interlinear annotation
/// marks, and the noncharacters U+FFFE/U+FFFF.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{fffe}'
                | '\u{ffff}'
        )
}

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
mod tests {
    use super::*;

    const PAYLOADS: &[&str] = &[
        "x\n::stop-commands::pause\n",
        "::error file=a.yaml,line=1::forged",
        "\u{1b}[2J\u{1b}]0;title\u{7}\u{1b}]8;;http://evil\u{1b}\\link",
        "\u{9b}31m red \u{85} nel \u{202e}evil\u{2066}\u{200b}\u{2028}",
        "=HYPERLINK(\"http://evil\")",
        "# heading <img src=x onerror=alert(1)> | [x](javascript:1) \r\n## next",
    ];

    fn no_raw_controls(s: &str) {
        assert!(
            !s.chars().any(|c| hidden(c) && !matches!(c, '\n' | '\t')),
            "raw control in {s:?}"
        );
    }

    #[test]
    fn human_text_has_no_line_breaks_or_controls() {
        for p in PAYLOADS {
            let e = human(p);
            assert!(!e.contains('\n') && !e.contains('\r'), "{e:?}");
            no_raw_controls(&e);
            assert!(!e.trim_start().starts_with("::"), "{e:?}");
        }
        assert_eq!(human("a\nb\u{1b}c\td"), "a\\nb\\u{1b}c\td");
        assert_eq!(human("  ::error::x"), "  \\u{3a}:error::x");
        assert_eq!(human("plain: text"), "plain: text");
        assert!(matches!(human("plain"), Cow::Borrowed(_)));
        assert_eq!(human("\u{9b}\u{202e}\u{200d}"), "\\u{9b}\\u{202e}\u{200d}");
    }

    #[test]
    fn human_line_keeps_the_caret_under_the_same_characters() {
        let line = "k\u{1b}ey: \u{9b}value";
        let start = line.find("value").unwrap_or_default();
        let (shown, range) = human_line(line, start..line.len());
        assert_eq!(&shown[range], "value");
        assert_eq!(shown, "k\\u{1b}ey: \\u{9b}value");
        let (shown, range) = human_line(line, 1..2);
        assert_eq!(&shown[range], "\\u{1b}");
        // A range past the line or inside a character is clamped, never a panic.
        let (_, range) = human_line("é", 1..99);
        assert_eq!(range, 0..2);
    }

    #[test]
    fn github_data_and_properties() {
        assert_eq!(github_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(github_data("a\u{1b}[31mb\u{9b}"), "a\\u{1b}[31mb\\u{9b}");
        assert_eq!(github_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        for p in PAYLOADS {
            let d = github_data(p);
            assert!(!d.contains(['\n', '\r']));
            no_raw_controls(&d);
            assert!(!github_property(p).contains([':', ',', '\n']));
        }
    }

    #[test]
    fn markdown_leaves_no_markup() {
        let e = markdown("# H <img src=x onerror=alert(1)> | a & \"b\" \r\n*x* [l](u) `c`");
        assert_eq!(
            e,
            "\\# H &lt;img src=x onerror=alert(1)&gt; \\| a &amp; &quot;b&quot;   \\*x\\* \\[l\\](u) \\`c\\`"
        );
        for p in PAYLOADS {
            let e = markdown(p);
            assert!(!e.contains(['<', '>', '\n', '\r']), "{e:?}");
            no_raw_controls(&e);
        }
        assert_eq!(markdown("2021-12-10, a.b + c"), "2021-12-10, a.b + c");
    }

    #[test]
    fn markdown_links_cannot_be_left() {
        assert_eq!(
            markdown_link("https://x.org/a b><img src=x>\u{1b}é?q=1#f"),
            "<https://x.org/a%20b%3E%3Cimg%20src=x%3E%1B%C3%A9?q=1#f>"
        );
    }

    #[test]
    fn uri_encodes_what_changes_a_uri() {
        assert_eq!(uri("tracker/a b.yaml"), "tracker/a%20b.yaml");
        assert_eq!(
            uri("a:b#c?d%e\n::x.yaml"),
            "a%3Ab%23c%3Fd%25e%0A%3A%3Ax.yaml"
        );
        assert_eq!(uri("é.yaml"), "%C3%A9.yaml");
        assert_eq!(uri("./t/x-1_2~.yaml"), "./t/x-1_2~.yaml");
    }

    #[test]
    fn csv_neutralises_formulas() {
        for p in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv(p).starts_with('\''), "{p:?}");
        }
        assert_eq!(csv("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv("\r=1"), "'\\r=1");
        assert_eq!(csv("a -1\nb"), "a -1\nb");
        assert_eq!(csv("a\u{1b}b\tc"), "a\\u{1b}b\tc");
        assert_eq!(csv("a\n ::error::x"), "a\n \\u{3a}:error::x");
        assert_eq!(csv("::x"), "\\u{3a}:x");
        assert!(matches!(csv("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn xml_is_always_well_formed_text() {
        assert_eq!(
            xml("<a b=\"c\" d='e'>&\u{0}\u{1b}\u{fffe}\r"),
            "&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;\\u{0}\\u{1b}\\u{fffe}&#13;"
        );
        for p in PAYLOADS {
            let e = xml(p);
            no_raw_controls(&e);
            assert!(!e.contains(['<', '>', '\n']));
        }
    }

    #[test]
    fn json_rewrites_hidden_characters_as_escapes() {
        let doc = serde_json::to_string(&"a\u{9b}b\u{202e}c\u{7f}").unwrap_or_default();
        let safe = json(&doc);
        no_raw_controls(&safe);
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, "a\u{9b}b\u{202e}c\u{7f}");
        assert!(matches!(json("{\n  \"a\": 1\n}"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_text_has_no_markup_or_line_breaks() {
        use maud::Render as _;
        let out = Html("a\n::x <b>&\"\r\u{1b}").render().into_string();
        assert_eq!(out, "a&#10;::x &lt;b&gt;&amp;&quot;&#13;\\u{1b}");
    }

    /// Any text: ASCII with controls and markup, C1, bidi and zero-width characters.
    fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::prop_oneof![
                proptest::char::range('\u{0}', '\u{7f}'),
                proptest::char::range('\u{80}', '\u{a0}'),
                proptest::char::range('\u{2000}', '\u{206f}'),
                proptest::char::any(),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_kind_lets_a_control_or_a_line_through(s in any_text(), pre in "[ \t]{0,2}") {
            let s = format!("{pre}{s}");
            let human = human(&s);
            prop_assert!(!human.contains(['\n', '\r']));
            prop_assert!(!human.trim_start().starts_with("::"));
            prop_assert!(!human.chars().any(|c| hidden(c) && c != '\t'));
            let data = github_data(&s);
            prop_assert!(!data.chars().any(|c| hidden(c) && c != '\t'));
            prop_assert!(!github_property(&s).contains([':', ',']));
            let md = markdown(&s);
            prop_assert!(!md.contains(['<', '>', '\n', '\r']));
            prop_assert!(!md.chars().any(hidden));
            let cell = csv(&s);
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            prop_assert!(!cell.split('\n').any(|l| l.trim_start().starts_with("::")));
            let xml = xml(&s);
            prop_assert!(!xml.contains(['<', '>', '\n', '\r']));
            prop_assert!(!xml.chars().any(|c| hidden(c) && c != '\t'));
            let u = uri(&s);
            prop_assert!(u.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)));
            let link = markdown_link(&s);
            prop_assert!(!link[1..link.len() - 1].contains(['<', '>', ' ', '\n']));
        }

        #[test]
        fn json_decodes_to_the_same_text(s in any_text()) {
            let doc = serde_json::to_string(&s).unwrap_or_default();
            let safe = json(&doc);
            prop_assert!(!safe.chars().any(hidden));
            let back: String = serde_json::from_str(&safe).unwrap_or_default();
            prop_assert_eq!(back, s);
        }

        #[test]
        fn the_caret_range_stays_on_the_same_characters(s in any_text(), a in 0usize..50, b in 0usize..50) {
            let (a, b) = (a.min(b), a.max(b));
            let (shown, range) = human_line(&s, a..b);
            prop_assert!(range.start <= range.end && range.end <= shown.len());
            prop_assert!(shown.is_char_boundary(range.start) && shown.is_char_boundary(range.end));
        }
    }

    #[test]
    fn html_shows_hidden_characters() {
        assert_eq!(html("<p>a\u{1b}b\u{9b}</p>\n"), "<p>a\\u{1b}b\\u{9b}</p>\n");
    }
}
