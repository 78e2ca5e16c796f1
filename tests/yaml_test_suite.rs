//! The official YAML test suite (vendored under `tests/yaml-test-suite/`, see its
//! README), run through rectrack's loader: every invalid case refused, every valid
//! case accepted with the value the suite gives, except the cases listed in
//! [`REFUSED`], which a tracker deliberately cannot be, each with its reason.
//!
//! The loader is called as a library (`syntax::document`, bytes to document, the same
//! function `check` uses) so the 402 cases cost milliseconds, not 402 processes.

// A failed unwrap is a failed test (helpers included, which allow-unwrap-in-tests misses).
#![allow(clippy::unwrap_used)]

use rectrack::syntax::document::{Node, Value};
use rectrack::syntax::{Limits, document};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Valid YAML that rectrack refuses on purpose, by case id, with the reason. The
/// test fails if one of these is accepted (the list must say what rectrack does) and
/// if a valid case not listed is refused.
const REFUSED: &[(&str, &str)] = &[
    ("2JQS", reason::DUPLICATE_KEY),
    ("2XXW", reason::TAG),
    ("35KP", reason::DOCUMENTS),
    ("4FJ6", reason::COMPLEX_KEY),
    ("565N", reason::TAG),
    ("5TYM", reason::TAG),
    ("6BFJ", reason::COMPLEX_KEY),
    ("6CK3", reason::TAG),
    ("6PBE", reason::COMPLEX_KEY),
    ("6WLZ", reason::TAG),
    ("6XDY", reason::DOCUMENTS),
    ("6ZKB", reason::DOCUMENTS),
    ("7FWL", reason::TAG),
    ("7Z25", reason::DOCUMENTS),
    ("8G76", reason::EMPTY),
    ("98YD", reason::EMPTY),
    ("9DXL", reason::DOCUMENTS),
    ("9KAX", reason::DOCUMENTS),
    ("9MMW", reason::COMPLEX_KEY),
    ("9WXW", reason::TAG),
    ("AVM7", reason::EMPTY),
    ("BEC7", reason::VERSION),
    ("C4HZ", reason::TAG),
    ("CC74", reason::TAG),
    ("CUP7", reason::TAG),
    ("HWV9", reason::EMPTY),
    ("J7PZ", reason::TAG),
    ("JHB9", reason::DOCUMENTS),
    ("KK5P", reason::COMPLEX_KEY),
    ("KSS4", reason::DOCUMENTS),
    ("L383", reason::DOCUMENTS),
    ("LX3P", reason::COMPLEX_KEY),
    ("M2N8/00", reason::COMPLEX_KEY),
    ("M2N8/01", reason::COMPLEX_KEY),
    ("M5C3", reason::TAG),
    ("M5DY", reason::COMPLEX_KEY),
    ("M7A3", reason::DOCUMENTS),
    ("MUS6/02", reason::VERSION),
    ("MUS6/03", reason::VERSION),
    ("MUS6/04", reason::VERSION),
    ("NKF9", reason::DOCUMENTS),
    ("P76L", reason::TAG),
    ("PUW8", reason::DOCUMENTS),
    ("Q9WF", reason::COMPLEX_KEY),
    ("QT73", reason::EMPTY),
    ("RZP5", reason::COMPLEX_KEY),
    ("RZT7", reason::DOCUMENTS),
    ("SBG9", reason::COMPLEX_KEY),
    ("U9NS", reason::DOCUMENTS),
    ("UGM3", reason::TAG),
    ("UT92", reason::DOCUMENTS),
    ("V9D5", reason::COMPLEX_KEY),
    ("W4TN", reason::DOCUMENTS),
    ("X38W", reason::COMPLEX_KEY),
    ("XW4D", reason::COMPLEX_KEY),
    ("Z67P", reason::TAG),
    ("Z9M4", reason::TAG),
];

/// Why a class of cases is refused; the README's limits say the same.
mod reason {
    pub const DOCUMENTS: &str = "several documents in one file: a tracker is one document";
    pub const EMPTY: &str =
        "no document (an empty file, or only comments and markers): a tracker is a mapping";
    pub const COMPLEX_KEY: &str = "a list or a mapping as a key: a tracker's keys are names";
    pub const TAG: &str = "a tag outside the core schema (local `!foo`, global, `!!set`, `!!omap`, \
         `!!binary`, or `!!` redefined by `%TAG`): rectrack builds no objects from tags";
    pub const DUPLICATE_KEY: &str =
        "the same key twice in a mapping (two empty keys): a repeated key is refused, not merged";
    pub const VERSION: &str = "a `%YAML` directive for another version than 1.2 (1.1, 1.3): its values may read otherwise";
}

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/yaml-test-suite/data")
}

/// Every case directory (`ID` or `ID/NN`), as its id, sorted.
fn cases() -> Vec<String> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(suite()).expect("the vendored suite is there") {
        let dir = entry.unwrap().path();
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        if dir.join("in.yaml").is_file() {
            ids.push(id.clone());
        }
        for sub in std::fs::read_dir(&dir).unwrap() {
            let sub = sub.unwrap().path();
            if sub.join("in.yaml").is_file() {
                ids.push(format!(
                    "{id}/{}",
                    sub.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    ids.sort();
    ids
}

/// The loaded value as JSON, for comparison with the suite's `in.json`. `None` for
/// what JSON cannot hold (NaN, infinities).
fn to_json(node: &Node) -> Option<Json> {
    Some(match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => Json::from(serde_json::Number::from_f64(*f)?),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect::<Option<_>>()?),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|e| Some((e.key.to_string(), to_json(&e.value)?)))
                .collect::<Option<_>>()?,
        ),
    })
}

/// Equal as data: numbers by value (`1` and `1.0` are the same number to JSON).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn the_official_yaml_test_suite() {
    let refused: BTreeMap<&str, &str> = REFUSED.iter().copied().collect();
    assert_eq!(refused.len(), REFUSED.len(), "a case is listed twice");
    let ids = cases();
    assert_eq!(ids.len(), 402, "the vendored suite has 402 cases");
    let mut problems = Vec::new();
    let (mut invalid, mut valid, mut compared) = (0, 0, 0);
    for id in &ids {
        let dir = suite().join(id);
        let name = std::fs::read_to_string(dir.join("===")).unwrap_or_default();
        let name = name.trim();
        let input = std::fs::read(dir.join("in.yaml")).unwrap();
        let loaded = document(&input, &Limits::default());
        if dir.join("error").exists() {
            invalid += 1;
            assert!(
                !refused.contains_key(id.as_str()),
                "{id} is invalid: it needs no place in REFUSED"
            );
            if let Ok(node) = loaded {
                problems.push(format!(
                    "{id} ({name}): invalid YAML accepted as {:?}",
                    to_json(&node)
                ));
            }
            continue;
        }
        valid += 1;
        match (loaded, refused.get(id.as_str())) {
            (Ok(_), Some(why)) => problems.push(format!(
                "{id} ({name}): listed as refused ({why}) but accepted: take it off the list"
            )),
            (Err(e), None) => problems.push(format!(
                "{id} ({name}): valid YAML refused at {}:{}: {}",
                e.span.start.line, e.span.start.col, e.message
            )),
            (Err(_), Some(_)) => {}
            (Ok(node), None) => {
                let Ok(expected) = std::fs::read_to_string(dir.join("in.json")) else {
                    continue;
                };
                let expected: Json = match serde_json::from_str(&expected) {
                    Ok(json) => json,
                    Err(e) => {
                        problems.push(format!("{id}: in.json is one JSON value: {e}"));
                        continue;
                    }
                };
                match to_json(&node) {
                    Some(got) if same(&got, &expected) => compared += 1,
                    got => problems.push(format!(
                        "{id} ({name}): loaded {got:?}, the suite says {expected}"
                    )),
                }
            }
        }
    }
    for id in refused.keys() {
        assert!(
            ids.iter().any(|i| i == id),
            "REFUSED names {id}, not a case"
        );
    }
    assert!(
        problems.is_empty(),
        "{} of {} cases ({invalid} invalid, {valid} valid):\n{}",
        problems.len(),
        ids.len(),
        problems.join("\n")
    );
    // The suite's own counts, so that a trimmed or broken copy cannot pass quietly.
    assert_eq!((invalid, valid), (94, 308));
    assert_eq!(compared, 239, "values compared with the suite's in.json");
}

/// Every event and every span, or the error and its place, that saphyr-parser gives for
/// `text` read as a `&str` and as a stream of characters.
fn events_both_ways(text: &str) -> (Vec<String>, Vec<String>) {
    fn all<
        I: Iterator<
            Item = Result<
                (saphyr_parser::Event<'static>, saphyr_parser::Span),
                saphyr_parser::ScanError,
            >,
        >,
    >(
        events: I,
    ) -> Vec<String> {
        let mut shown = Vec::new();
        for event in events {
            let failed = event.is_err();
            shown.push(format!("{event:?}"));
            if failed {
                break;
            }
        }
        shown
    }
    let owned: &'static str = Box::leak(text.to_string().into_boxed_str());
    let from_str = all(saphyr_parser::Parser::new_from_str(owned));
    let from_chars = all(saphyr_parser::Parser::new_from_iter(owned.chars()));
    (from_str, from_chars)
}

/// The vendored scanner reads a plain scalar's run of characters at once from a `&str`
/// (see vendor/saphyr-parser/VENDORED.md); from any other input it still reads them one
/// at a time, as upstream does. Both must give the same events at the same places, on
/// every case of the suite and on runs that end in each way a plain scalar can end.
#[test]
fn a_str_and_a_character_stream_scan_alike() {
    let mut texts: Vec<String> = cases()
        .iter()
        .filter_map(|id| std::fs::read_to_string(suite().join(id).join("in.yaml")).ok())
        .collect();
    for run in [
        "ab",
        "é\u{feff}x",
        "a:b",
        "a:",
        "a#b",
        "a,b",
        "a]b",
        "a}b",
        "a\u{2028}b",
        "a\0b",
        "x:é",
    ] {
        for end in [
            "", " ", "\t", "\n", "\r\n", "\r", ": x", ":,", ":]", ",", "]", "}", " #c",
        ] {
            texts.push(format!("k: {run}{end}\n"));
            texts.push(format!("[{run}{end}]\n"));
            texts.push(format!("{{k: {run}{end}}}\n"));
            texts.push(format!("- {run}{end}\n  {run}é\n"));
        }
    }
    let mut differ = Vec::new();
    for text in &texts {
        let (from_str, from_chars) = events_both_ways(text);
        if from_str != from_chars {
            differ.push(format!(
                "{text:?}:\n  str:   {from_str:?}\n  chars: {from_chars:?}"
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
