//! The JSON fast path against the YAML path: wherever it decides, the same tree, spans
//! included; and it does decide on ordinary JSON (a reader that always declined would
//! pass the first half alone).

use super::parse as json;
use crate::syntax::document::Node;
use crate::syntax::{Limits, LoadError, parse, parse_yaml};
use proptest::prelude::*;

fn yaml(text: &str) -> Result<Node, LoadError> {
    parse_yaml(text, &Limits::default())
}

/// The fast path's answer on `text`, checked against the YAML path's: `Some` only
/// with the very tree the YAML path builds.
fn agreed(text: &str) -> Option<Node> {
    let fast = json(text, &Limits::default())?;
    match yaml(text) {
        Ok(slow) => assert_eq!(fast, slow, "the paths disagree on {text:?}"),
        Err(e) => panic!("the fast path read {text:?}, the YAML path refuses it: {e:?}"),
    }
    Some(fast)
}

/// `text` decided by the fast path, as the YAML path reads it.
fn decided(text: &str) {
    assert!(agreed(text).is_some(), "declined: {text:?}");
}

/// `text` left to the YAML path.
fn declined(text: &str) {
    assert!(
        json(text, &Limits::default()).is_none(),
        "decided: {text:?}"
    );
}

#[test]
fn spans_are_saphyrs_on_every_kind_of_json() {
    for text in [
        r#"{"a": 1, "bb" : "xy" , "c":[1, 2 ,{}], "d": {"e": null}}"#,
        "{\"a\":1}\n",
        "  {\n  \"a\": [\n    1,\n    \"é\"\n  ]\n}\n\n",
        r#"{"a": "x\ny\/\u00e9", "b": [ ], "c": { } }"#,
        r#"{"a": 1e400, "b": -0, "c": 123456789012345678901234, "d": -1.5E-3, "e": true}"#,
        r#"{"a": 9223372036854775808, "b": -9223372036854775808, "c": 0.0, "d": -1e-400}"#,
        "{\r\n\"a\": [1,\r\n2]\r\n}\r\n",
        "{\"a\": 1,\r\"b\": 2}\r",
        "{\"a\"\n: 1}",
        "{\"a\":\n1}",
        "{\n\t\"a\": 1,\n\t\"b\": [\n\t\t1\n\t]\n}",
        "{\"a\": \"\u{feff}x\u{85}\u{2028}\u{a0}\"}",
        "{\"a\": [\"x\"\n,\"y\"]}",
        "{\"a\": \"x\" \t , \"b\": [1] \t, \"c\": {}\t}",
        "{} \t",
        "{\"a\":1}\t\n",
        "{\"a\":\t\"x\", \"b\": \t1, \"c\":\t[1], \"d\":\t{}, \"e\":\t\n1}",
        "{\"a\":-1,\"b\":true,\"c\":null,\"d\":{},\"e\":[],\"f\":\"g\"}",
        "\t{\"\": [[[]]]}",
        r#"{"a": "\b\f\t\r\"\\ \u0000\u001f\ud7ff\ue000\uFFFD"}"#,
        r#"{"a": "\uD83C\uDDF2\ud83c\uddf1", "\uD83C\uDDF2": "\\\uD83C\uDDF2"}"#,
        "{\"é中🇲\": \"é中🇲\", \"x\": [\"é\",\n\"🇲\" ]}",
    ] {
        decided(text);
    }
}

#[test]
fn what_the_yaml_path_refuses_or_reads_otherwise_is_declined() {
    let long = |n: usize| format!("{{\"{}\": 1}}", "k".repeat(n));
    // 1022 characters: the `:` is 1024 after the key's quote, the most saphyr takes.
    decided(&long(1022));
    assert!(yaml(&long(1023)).is_err());
    declined(&long(1023));
    assert!(yaml(&format!("{{\"a\"{}: 1}}", " ".repeat(1100))).is_err());
    declined(&format!("{{\"a\"{}: 1}}", " ".repeat(1100)));
    for text in [
        // saphyr refuses tabs alone before a plain value.
        "{\"a\":\t1}",
        "{\"a\":\t\t-1}",
        "{\"a\":\ttrue}",
        // Duplicate keys, also when written differently.
        r#"{"a": 1, "a": 2}"#,
        r#"{"a": 1, "\u0061": 2}"#,
        // Lone surrogates.
        r#"{"a": "\uD83C"}"#,
        r#"{"a": "\uDDF2"}"#,
        r#"{"a": "\uD83C\u0041"}"#,
        r#"{"a": "\\uD83C\uDDF2"}"#,
        // YAML but not JSON: trailing commas, comments, more documents, YAML escapes,
        // single quotes, plain keys, numbers JSON does not write, other roots.
        r#"{"a": 1,}"#,
        r#"{"a": [1,]}"#,
        "{\"a\": 1} # c",
        "{\"a\": 1}\n---\n{}",
        "{\"a\": 1}\n...\n",
        r#"{"a": "\x41"}"#,
        r#"{"a": "\e"}"#,
        "{\"a\": 'x'}",
        "{a: 1}",
        r#"{"a": 01}"#,
        r#"{"a": +1}"#,
        r#"{"a": .5}"#,
        r#"{"a": 1.}"#,
        r#"{"a": 0x1F}"#,
        r#"{"a": .inf}"#,
        r#"{"a": True}"#,
        r#"{"a": ~}"#,
        r#"{"a": 1 2}"#,
        "{\"a\": \"x\ny\"}",
        "{\"a\": \"x\ty\"}",
        "{\"a\": \"\u{7f}\"}",
        "{\"a\": \"\u{9b}\"}",
        "{\"a\": \"\u{fffe}\"}",
        "{\"a\":\u{a0}1}",
        "{\"a\": 1}\u{feff}",
        "[1]",
        "\"a\"",
        "",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1}}",
    ] {
        declined(text);
    }
}

#[test]
fn the_limits_are_the_yaml_paths() {
    let limits = Limits::default();
    let nested = |n: usize| format!("{{\"a\": {}{}}}", "[".repeat(n - 1), "]".repeat(n - 1));
    decided(&nested(limits.max_depth));
    let err = yaml(&nested(limits.max_depth + 1)).unwrap_err();
    assert!(err.message.contains("nesting"), "{}", err.message);
    declined(&nested(limits.max_depth + 1));
    // A node per two bytes: past the budget of a node per four bytes (plus 10,000).
    let zeros = |n: usize| format!("{{\"a\":[{}0]}}", "0,".repeat(n - 1));
    let at_budget = zeros(19_990);
    decided(&at_budget);
    let over = zeros(20_100);
    let err = yaml(&over).unwrap_err();
    assert!(err.message.contains("values, one per"), "{}", err.message);
    declined(&over);
    // No recursion: 100,000 open brackets are declined at the 65th, not on the stack.
    declined(&format!("{{\"a\": {}", "[".repeat(100_000)));
}

#[test]
fn the_shipped_tracker_as_json_is_decided_compact_and_pretty() {
    let text = include_str!("../../../tracker/mali-jnim-dialogue.yaml");
    let json_value = yaml(text).unwrap().to_json();
    for written in [
        serde_json::to_string(&json_value).unwrap(),
        serde_json::to_string_pretty(&json_value).unwrap(),
        serde_json::to_string_pretty(&json_value)
            .unwrap()
            .replace("  ", "\t")
            .replace('\n', "\r\n"),
    ] {
        decided(&written);
        assert!(parse(&written, &Limits::default()).is_ok());
    }
}

#[test]
fn every_prefix_and_every_cut_of_a_tracker_is_decided_alike_or_declined() {
    let text = concat!(
        "{\n  \"schema_version\": 1,\n  \"id\": \"t\", \"title\": \"Mali \\uD83C\\uDDF2 é\",\n",
        "  \"as_of\": \"2021-12-10\",\n  \"recommendations\": {\"r1\": {\"steps\": {\"s\": ",
        "{\"history\": [{\"date\": \"2021-01-01\", \"status\": \"done\", \"n\": -1.5e3}]}}}},\n",
        "  \"x\": [true, false, null, \"a\\\"b\\\\c\\/\\n\"]\n}\n"
    );
    decided(text);
    for (at, _) in text.char_indices() {
        let prefix = &text[..at];
        agreed(prefix);
        let _ = parse(prefix, &Limits::default());
        // The same text with one character dropped.
        let cut: String = text[..at]
            .chars()
            .chain(text[at..].chars().skip(1))
            .collect();
        agreed(&cut);
    }
}

/// A JSON value, written as JSON text with whitespace chosen by the test.
#[derive(Debug, Clone)]
enum J {
    Lit(&'static str),
    Num(String),
    /// The string's JSON text, without its quotes, in pieces.
    Str(Vec<&'static str>),
    Arr(Vec<J>),
    Obj(Vec<(Vec<&'static str>, J)>),
}

/// Pieces of string text: plain, escaped, beyond the BMP, YAML indicators, and (the
/// last ones) what only the YAML path may decide.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    " ",
    "é",
    "中",
    "🇲",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "\u{a0}",
    "#",
    ": ",
    " #",
    "- ",
    "---",
    "...",
    "&a",
    "*a",
    "!x",
    "%",
    "@",
    "`",
    "|",
    ">",
    "?",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\\\"",
    "\\\\",
    "\\/",
    "/",
    "\\n",
    "\\t",
    "\\r",
    "\\b",
    "\\f",
    "\\u00e9",
    "\\u0000",
    "\\u001F",
    "\\uFFFD",
    "\\uD83C\\uDDF2",
    "\\ud83c\\udd1f",
    "\\\\u",
    "\\\\uD83C",
    "\\u005C",
    // Risky from here: may be declined.
    "\\uD83C",
    "\\uDC00",
    "\t",
    "\u{7f}",
    "\u{1}",
];
const RISKY_PIECES: usize = 5;

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "10",
    "0.5",
    "-0.0",
    "1e5",
    "1E+5",
    "1e-5",
    "-2.5E-3",
    "1e400",
    "-1e400",
    "1e-400",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "0.1e1",
    "1.0",
];

const BLANKS: &[&str] = &[
    "", "", " ", "  ", "\n", "\n  ", "\r\n", "\r\n\t", "\r", "\t", "\n\t", " \t", "\t ", "\n\n",
];

fn string() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(PIECES), 0..6)
}

fn value() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        prop::sample::select(&["true", "false", "null"][..]).prop_map(J::Lit),
        prop::sample::select(NUMBERS).prop_map(|n| J::Num(n.to_string())),
        any::<i64>().prop_map(|n| J::Num(n.to_string())),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| J::Num(format!("{f:e}"))),
        string().prop_map(J::Str),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Arr),
            prop::collection::vec((string(), inner), 0..6).prop_map(J::Obj),
        ]
    })
}

/// Writes JSON text, drawing the blanks between tokens from a cycle; notes whether
/// it wrote something only the YAML path may decide.
struct Writer<'b> {
    out: String,
    blanks: std::iter::Cycle<std::slice::Iter<'b, &'static str>>,
    risky: bool,
}

impl Writer<'_> {
    fn blank(&mut self) -> &'static str {
        let b = self.blanks.next().copied().unwrap_or("");
        self.out.push_str(b);
        b
    }

    fn string(&mut self, pieces: &[&'static str]) -> Option<String> {
        let raw: String = pieces.concat();
        self.risky |= pieces
            .iter()
            .any(|p| PIECES[PIECES.len() - RISKY_PIECES..].contains(p));
        self.out.push('"');
        self.out.push_str(&raw);
        self.out.push('"');
        serde_json::from_str::<String>(&format!("\"{raw}\"")).ok()
    }

    fn value(&mut self, j: &J) {
        match j {
            J::Lit(s) => self.out.push_str(s),
            J::Num(s) => self.out.push_str(s),
            J::Str(pieces) => {
                self.string(pieces);
            }
            J::Arr(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.blank();
                    self.value(item);
                    self.blank();
                }
                if items.is_empty() {
                    self.blank();
                }
                self.out.push(']');
            }
            J::Obj(entries) => {
                self.out.push('{');
                let mut keys = std::collections::HashSet::new();
                for (i, (key, item)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.blank();
                    let decoded = self.string(key);
                    // A repeated key is the YAML path's to refuse.
                    self.risky |= !decoded.is_some_and(|k| keys.insert(k));
                    self.blank();
                    self.out.push(':');
                    let after = self.blank();
                    // Tabs alone before a plain value: saphyr refuses them.
                    let blanks: String = after
                        .chars()
                        .take_while(|c| *c == ' ' || *c == '\t')
                        .collect();
                    self.risky |= after.starts_with('\t')
                        && !blanks.contains(' ')
                        && blanks.len() == after.len()
                        && matches!(item, J::Lit(_) | J::Num(_));
                    self.value(item);
                    self.blank();
                }
                if entries.is_empty() {
                    self.blank();
                }
                self.out.push('}');
            }
        }
    }
}

/// `entries` as a JSON document (an object at the root), and whether it is risky.
fn write(entries: Vec<(Vec<&'static str>, J)>, blanks: &[&'static str]) -> (String, bool) {
    let mut w = Writer {
        out: String::new(),
        blanks: blanks.iter().cycle(),
        risky: false,
    };
    w.blank();
    w.value(&J::Obj(entries));
    w.blank();
    (w.out, w.risky)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn json_is_read_as_the_yaml_path_reads_it(
        entries in prop::collection::vec((string(), value()), 0..6),
        blanks in prop::collection::vec(prop::sample::select(BLANKS), 1..12),
    ) {
        let (text, risky) = write(entries, &blanks);
        let fast = agreed(&text);
        prop_assert!(fast.is_some() || risky, "ordinary JSON declined: {text:?}");
    }

    #[test]
    fn json_that_serde_writes_is_decided(
        entries in prop::collection::vec((string(), value()), 0..6),
    ) {
        let (text, _) = write(entries, &[""]);
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            for written in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
                // serde_json keeps one of repeated keys and escapes every control but
                // DEL, which it writes as it is (and `decode` refuses in a file).
                if !written.contains('\u{7f}') {
                    prop_assert!(agreed(&written).is_some(), "declined: {written:?}");
                }
            }
        }
    }

    #[test]
    fn damaged_json_is_decided_alike_or_declined(
        entries in prop::collection::vec((string(), value()), 1..4),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&["", "\"", "\\", ",", ":", "{", "}", "[", "]", "\n", "\t", " ", "-", "0", "e", "#", "'"][..])), 1..4),
    ) {
        let (mut text, _) = write(entries, &[" ", "\n"]);
        for (at, with) in cuts {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            text.replace_range(i..end, with);
        }
        agreed(&text);
    }
}

proptest! {
    #[test]
    fn a_word_needs_a_look_exactly_when_one_of_its_bytes_does(word in any::<[u8; 8]>(), at in 0..8usize, b in prop::sample::select(&[0u8, 0x1F, 0x20, b'"', b'\\', b'!', b'#', b'[', b']', 0x7E, 0x7F, 0x80, 0xC2, 0xFF][..])) {
        let mut word = word;
        word[at] = b;
        // The first byte that needs a look, as the word's lowest set bit says it.
        let first = |w: [u8; 8], odd: fn(u8) -> bool| w.iter().position(|&b| odd(b));
        let found = |w: [u8; 8]| {
            let look = super::text::needs_a_look(u64::from_le_bytes(w));
            (look != 0).then(|| look.trailing_zeros() as usize / 8)
        };
        let odd = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b >= 0x7F;
        prop_assert_eq!(found(word), first(word, odd), "{:x?}", word);
        let ascii = word.map(|b| b & 0x7F | 0x20);
        prop_assert_eq!(found(ascii), first(ascii, odd), "{:x?}", ascii);
    }
}
