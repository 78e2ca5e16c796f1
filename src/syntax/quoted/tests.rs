use super::*;

fn value_of(yaml: &str) -> Option<String> {
    let source = Source::new(yaml);
    let mut parser = Parser::new_from_str(source.text());
    let mut last = None;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.ok()?;
        if let Event::Scalar(v, ..) = source.event(event, span).ok()? {
            last = Some(v.into_owned());
        }
    }
    last
}

#[test]
fn surrogate_pairs_join_only_where_they_are_escapes() {
    assert_eq!(
        value_of(r#"a: "\uD83C\uDDF2""#).as_deref(),
        Some("\u{1F1F2}")
    );
    assert_eq!(
        value_of(r#"a: "x\ud83c\uddf2y""#).as_deref(),
        Some("x\u{1F1F2}y")
    );
    // Outside double quotes a backslash is just a backslash.
    assert_eq!(
        value_of(r"a: '\uD83C\uDDF2'").as_deref(),
        Some(r"\uD83C\uDDF2")
    );
    assert_eq!(
        value_of("a: \\uD83C\\uDDF2 # \"\\uD83C\\uDDF2\"").as_deref(),
        Some(r"\uD83C\uDDF2")
    );
    // Next to a masked scalar, text stays text.
    assert_eq!(
        value_of(r#"[ "\uD83C\uDDF2", \uD83C\uDDF2 ]"#).as_deref(),
        Some(r"\uD83C\uDDF2")
    );
    assert_eq!(
        value_of("a: \"\\uD83C\\uDDF2\" # \\uD83C\\uDDF2\nb: \\uD83C\\uDDF2").as_deref(),
        Some(r"\uD83C\uDDF2")
    );
    // An escaped backslash does not escape the `u`: literal text, then a lone low half.
    assert_eq!(value_of(r#"a: "\\uD83C\uDDF2""#), None);
    assert_eq!(
        value_of(r#"a: "\\uD83C\\uDDF2""#).as_deref(),
        Some(r"\uD83C\uDDF2")
    );
    // Lone halves stay errors.
    assert_eq!(value_of(r#"a: "\uD83C""#), None);
    assert_eq!(value_of(r#"a: "\uDDF2\uD83C""#), None);
    // Properties, folding and several scalars on a line.
    assert_eq!(
        value_of("a: &x !!str \"\\uD83C\\uDDF2\n  b\\\"\"").as_deref(),
        Some("\u{1F1F2} b\"")
    );
    assert_eq!(
        value_of(r#"{"a": "\uD83D\uDE00", "b": "\uD83C\uDDF2 \uD83C\uDDF1"}"#).as_deref(),
        Some("\u{1F1F2} \u{1F1F1}")
    );
}

/// Every double-quoted scalar of the official test suite (see
/// `tests/yaml-test-suite`) decodes here as saphyr-parser decodes it: escapes, line
/// folding, empty lines, escaped line breaks, tabs.
#[test]
fn decode_agrees_with_the_parser_on_the_whole_test_suite() {
    /// Decodes every double-quoted scalar of `text` both ways; how many there were.
    fn compare(name: &str, text: &str) -> usize {
        let mut cursor = CharCursor::new(text);
        let mut parser = Parser::new_from_str(text);
        let mut checked = 0;
        while let Some(Ok((event, span))) = parser.next_event() {
            if let Event::Scalar(value, ScalarStyle::DoubleQuoted, ..) = event {
                let range = quoted_range(text, cursor.byte(span.start.index())).unwrap();
                let raw = &text[range];
                assert_eq!(decode(raw).as_deref(), Ok(&*value), "{name}: {raw:?}");
                checked += 1;
            }
        }
        checked
    }
    let suite = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/yaml-test-suite/data");
    let mut checked = 0;
    for case in std::fs::read_dir(&suite).unwrap() {
        let case = case.unwrap().path();
        let subcases = std::fs::read_dir(&case).unwrap().map(|s| s.unwrap().path());
        for dir in std::iter::once(case.clone()).chain(subcases) {
            if let Ok(text) = std::fs::read_to_string(dir.join("in.yaml")) {
                checked += compare(&dir.display().to_string(), &text);
            }
        }
    }
    assert!(checked >= 95, "{checked} scalars in the suite");
    // And shapes of our own: CR and CRLF line ends, white space around breaks,
    // escaped white space before a break, empty lines after an escaped break.
    for (text, scalars) in [
        (
            "a: \"x  \r  y\r\r\n \t z \\t\n  w\\\n\n\n   v \\ \r \"\n",
            1,
        ),
        (
            "- \"\\\r\n  a\\\ta\\\n\\ \"\n- \"\n\n\"\n- \" \\\n \\\n \"\n",
            3,
        ),
        (
            "{\"k\" : \"\\\"\\\\\\/\\N\\_\\L\\P\\x41\\u00e9\\U0001F600\", \"\\\\\": 1}\n",
            3,
        ),
    ] {
        assert_eq!(compare(text, text), scalars, "{text:?}");
    }
}

#[test]
fn the_bad_escape_is_found() {
    assert_eq!(bad_escape(r#""ab \\uD83C \uD83C""#), Some((12, r"\uD83C")));
    assert_eq!(bad_escape(r#""\uD83C\uDDF2""#), None);
    assert_eq!(bad_escape(r#""\U00110000""#), Some((1, r"\U00110000")));
}
