//! The escapers' promises, on fixed payloads and on any text (proptest).

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

#[test]
fn markdown_code_spans_cannot_be_closed_or_broken() {
    assert_eq!(markdown_code("main"), "main");
    assert_eq!(markdown_code("a`b"), "a'b");
    assert_eq!(markdown_code("a\nb\u{1b}"), "a\\nb\\u{1b}");
}
