use super::*;
use crate::syntax::{Limits, parse};

fn date(s: &str) -> NaiveDate {
    crate::model::date::parse_date(s).unwrap()
}

fn entry(d: &str, status: Status, note: Option<&str>, evidence: &[(&str, &str)]) -> NewEntry {
    NewEntry {
        date: date(d),
        status,
        note: note.map(str::to_string),
        evidence: evidence
            .iter()
            .map(|(s, l)| NewEvidence {
                source: (*s).to_string(),
                locator: Some((*l).to_string()),
                url: None,
                stance: Stance::Supports,
            })
            .collect(),
    }
}

fn rec(text: &str, path: &str, e: &NewEntry) -> Result<String, EditError> {
    let root = parse(text, &Limits::default()).unwrap();
    let (r, s) = path.split_once('/').unwrap();
    record(text, &root, r, s, e, RecordOptions { as_of: None })
}

/// The lines `new` adds to `old`, and the lines it removes, over all hunks.
fn changed(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(old, new);
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => added.push(change.value().to_string()),
            similar::ChangeTag::Delete => removed.push(change.value().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

const SHIPPED: &str = include_str!("../../../tracker/mali-jnim-dialogue.yaml");

#[test]
fn record_on_the_shipped_tracker_appends_in_its_style() {
    let long = "Both sides name possible mediators in preliminary contacts, according to a report that this test made up to be long enough to fold.";
    let e = entry(
        "2022-03-01",
        Status::InProgress,
        Some(long),
        &[("icg-306", "Executive Summary, ¶4")],
    );
    let new = rec(SHIPPED, "mediator/candidates-identified", &e).unwrap();
    let (added, removed) = changed(SHIPPED, &new);
    assert_eq!(
        removed,
        ["as_of: 2021-12-10\n", "        status: not-started\n"]
    );
    assert_eq!(added[0], "as_of: 2022-03-01\n");
    assert_eq!(added[1], "        status: in-progress\n");
    let tail = new.split("candidates-identified:").nth(1).unwrap();
    let tail = tail.split("mediator-agreed").next().unwrap();
    assert!(
        tail.contains(
            "          - date: 2022-03-01\n            status: in-progress\n            note: >-\n              Both sides name possible mediators in preliminary contacts, according\n              to a report that this test made up to be long enough to fold.\n            evidence:\n              - source: icg-306\n                locator: Executive Summary, ¶4\n"
        ),
        "{tail}"
    );
}

#[test]
fn record_keeps_crlf_and_four_space_indents() {
    let text = "schema_version: 1\r\nas_of: '2021-01-01'  # quoted\r\nrecommendations:\r\n    r:\r\n        steps:\r\n            s:\r\n                status: unknown\r\n                history:\r\n                -   date: '2021-01-01'\r\n                    status: unknown\r\n                # trailing comment\r\n";
    let e = entry(
        "2021-02-01",
        Status::InProgress,
        Some("a: b"),
        &[("x", "p 1")],
    );
    let new = rec(text, "r/s", &e).unwrap();
    assert_eq!(
        new,
        "schema_version: 1\r\nas_of: '2021-02-01'  # quoted\r\nrecommendations:\r\n    r:\r\n        steps:\r\n            s:\r\n                status: in-progress\r\n                history:\r\n                -   date: '2021-01-01'\r\n                    status: unknown\r\n                -   date: '2021-02-01'\r\n                    status: in-progress\r\n                    note: \"a: b\"\r\n                    evidence:\r\n                    -   source: x\r\n                        locator: p 1\r\n                # trailing comment\r\n"
    );
}

#[test]
fn record_in_flow_style_inserts_before_the_bracket() {
    let text = "as_of: 2021-01-01\nrecommendations: {r: {steps: {s: {status: unknown, history: [ {date: 2021-01-01, status: unknown} ]}}}}  # c\n";
    let e = entry(
        "2021-02-01",
        Status::Stalled,
        Some("x, y"),
        &[("src", "§2")],
    );
    let new = rec(text, "r/s", &e).unwrap();
    assert_eq!(
        new,
        "as_of: 2021-02-01\nrecommendations: {r: {steps: {s: {status: stalled, history: [ {date: 2021-01-01, status: unknown}, {date: 2021-02-01, status: stalled, note: \"x, y\", evidence: [{source: src, locator: §2}]} ]}}}}  # c\n"
    );
}

#[test]
fn record_in_a_json_tracker_writes_json() {
    let text = "{\n  \"as_of\": \"2021-01-01\",\n  \"recommendations\": {\"r\": {\"steps\": {\"s\": {\n    \"status\": \"unknown\",\n    \"history\": [\n      {\"date\": \"2021-01-01\", \"status\": \"unknown\"}\n    ]\n  }}}}\n}\n";
    let e = entry("2021-02-01", Status::Unknown, None, &[]);
    let new = rec(text, "r/s", &e).unwrap();
    assert!(
        new.contains("      {\"date\": \"2021-01-01\", \"status\": \"unknown\"},\n      {\"date\": \"2021-02-01\", \"status\": \"unknown\"}\n    ]"),
        "{new}"
    );
    assert!(new.contains("\"as_of\": \"2021-02-01\""));
}

#[test]
fn record_without_history_or_with_an_empty_one_adds_a_block_list() {
    let text = "as_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: unknown  # none yet\n      t:\n        status: unknown\n        history: []   # empty\n";
    let e = entry("2021-01-01", Status::NotStarted, None, &[]);
    let new = rec(text, "r/s", &e).unwrap();
    assert_eq!(
        new,
        "as_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: not-started  # none yet\n        history:\n          - date: 2021-01-01\n            status: not-started\n      t:\n        status: unknown\n        history: []   # empty\n"
    );
    let new = rec(text, "r/t", &e).unwrap();
    assert!(
        new.ends_with("        history:    # empty\n          - date: 2021-01-01\n            status: not-started\n"),
        "{new}"
    );
}

#[test]
fn an_earlier_entry_leaves_as_of_alone_and_is_still_the_last_entry() {
    let text = "as_of: 2021-06-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: stalled\n        history:\n          - date: 2021-05-01\n            status: stalled\n";
    let e = entry("2021-04-01", Status::InProgress, None, &[]);
    let new = rec(text, "r/s", &e).unwrap();
    assert_eq!(
        changed(text, &new).0,
        "        status: in-progress\n          - date: 2021-04-01\n            status: in-progress\n"
            .split_inclusive('\n')
            .collect::<Vec<_>>()
    );
    // `as_of` never moves back; the status is the last entry's, so `check` says only
    // `history-order` about the date.
    assert!(new.starts_with("as_of: 2021-06-01\n"));
}

#[test]
fn aliases_and_repeated_anchors_are_refused() {
    let text = "as_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s: &shared\n        status: unknown\n      t: *shared\n";
    let e = entry("2021-02-01", Status::Unknown, None, &[]);
    let err = rec(text, "r/t", &e).unwrap_err();
    assert_eq!(
        err,
        EditError::Unsupported {
            what: "the step is written as an alias of line 5".into(),
            line: 7
        }
    );
    assert!(err.to_string().contains("make this change by hand"));
    let err = rec(text, "r/s", &e).unwrap_err();
    assert!(
        matches!(&err, EditError::Unsupported { what, line: 5 } if what.contains("alias on line 7")),
        "{err:?}"
    );
    // An anchor no alias uses is no obstacle; an alias as a leaf is replaced.
    let text = "as_of: &d 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s: &lonely\n        status: unknown\n        history:\n          - date: *d\n            status: unknown\n";
    let err = rec(text, "r/s", &e).unwrap_err();
    assert!(
        matches!(&err, EditError::Unsupported { what, line: 1 } if what.contains("`as_of` holds an anchor that the alias on line 8")),
        "{err:?}"
    );
    let text = "as_of: *d\nrecommendations:\n  r:\n    steps:\n      s: &lonely\n        status: unknown\n        history:\n          - date: &d 2021-01-01\n            status: unknown\n";
    let text = text.replace("as_of: *d\n", "x: &d 2021-01-01\nas_of: *d\n");
    let text = text.replace("date: &d 2021-01-01", "date: *d");
    let new = rec(&text, "r/s", &e).unwrap();
    assert!(
        new.starts_with("x: &d 2021-01-01\nas_of: 2021-02-01\n"),
        "{new}"
    );
}

#[test]
fn unknown_steps_are_named() {
    let e = entry("2022-01-01", Status::Unknown, None, &[]);
    assert_eq!(
        rec(SHIPPED, "mediator/nope", &e),
        Err(EditError::NoStep("mediator/nope".into()))
    );
}

fn amend(text: &str, path: &str, a: &Amendment) -> Result<String, EditError> {
    let root = parse(text, &Limits::default()).unwrap();
    let (r, s) = path.split_once('/').unwrap();
    correct(text, &root, r, s, a)
}

fn amendment(d: &str) -> Amendment {
    Amendment {
        entry: date(d),
        reason: "The locator was wrong.".into(),
        today: date("2026-12-04"),
        status: None,
        note: None,
        evidence: None,
    }
}

#[test]
fn correct_adds_a_correction_and_replaces_values_in_place() {
    let mut a = amendment("2021-12-10");
    a.evidence = Some(vec![NewEvidence {
        source: "icg-306".into(),
        locator: Some("Executive Summary, paragraph 4".into()),
        url: None,
        stance: Stance::Contradicts,
    }]);
    a.note = Some("ICG reports nothing on this.".into());
    let new = amend(SHIPPED, "mediator/mediator-agreed", &a).unwrap();
    let (added, _) = changed(SHIPPED, &new);
    assert_eq!(
        added.concat(),
        "              ICG reports nothing on this.\n                locator: Executive Summary, paragraph 4\n                stance: contradicts\n            correction:\n              date: 2026-12-04\n              reason: The locator was wrong.\n"
    );
    // An existing correction is replaced where it stands.
    let new = amend(
        SHIPPED,
        "unify-ranks/jnim-consensus",
        &amendment("2021-12-10"),
    )
    .unwrap();
    let (added, removed) = changed(SHIPPED, &new);
    assert_eq!(
        added.concat(),
        "              date: 2026-12-04\n                The locator was wrong.\n"
    );
    assert_eq!(removed.len(), 4, "{removed:?}");
}

#[test]
fn a_new_status_on_the_last_entry_is_the_steps_status_too() {
    let text = "as_of: 2021-06-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: in-progress  # now\n        history:\n          - date: 2021-01-01\n            status: unknown\n          - date: 2021-06-01\n            status: in-progress\n";
    let mut a = amendment("2021-06-01");
    a.status = Some(Status::Stalled);
    let new = amend(text, "r/s", &a).unwrap();
    let (added, removed) = changed(text, &new);
    assert_eq!(
        removed.concat(),
        "        status: in-progress  # now\n            status: in-progress\n"
    );
    assert!(added[0] == "        status: stalled  # now\n", "{added:?}");
    // An earlier entry's status is that entry's alone: the step keeps its own.
    let mut a = amendment("2021-01-01");
    a.status = Some(Status::NotStarted);
    let new = amend(text, "r/s", &a).unwrap();
    let (_, removed) = changed(text, &new);
    assert_eq!(removed.concat(), "            status: unknown\n");
}

#[test]
fn correct_finds_one_entry_or_says_why_not() {
    assert_eq!(
        amend(
            SHIPPED,
            "mediator/mediator-agreed",
            &amendment("2021-01-01")
        ),
        Err(EditError::NoEntry {
            step: "mediator/mediator-agreed".into(),
            date: date("2021-01-01")
        })
    );
    let text = "as_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: unknown\n        history: [{date: 2021-01-01, status: unknown}, {date: 2021-01-01, status: unknown}]\n";
    assert!(matches!(
        amend(text, "r/s", &amendment("2021-01-01")),
        Err(EditError::SeveralEntries { count: 2, .. })
    ));
}

#[test]
fn correct_in_flow_entries() {
    let text = "as_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: unknown\n        history: [{date: 2021-01-01, status: unknown, note: \"old\"}]\n";
    let mut a = amendment("2021-01-01");
    a.note = Some("new, with comma".into());
    a.status = Some(Status::NotStarted);
    let new = amend(text, "r/s", &a).unwrap();
    assert!(
        new.ends_with("history: [{date: 2021-01-01, status: not-started, note: \"new, with comma\", correction: {date: 2026-12-04, reason: \"The locator was wrong.\"}}]\n"),
        "{new}"
    );
}

fn source(id: &str) -> NewSource {
    NewSource {
        id: id.into(),
        title: "A: title".into(),
        publisher: Some("Someone".into()),
        reference: None,
        published: Some(date("2022-01-02")),
        url: None,
        authors: vec!["A. B".into(), "C, D".into()],
    }
}

fn add(text: &str, s: &NewSource) -> Result<String, EditError> {
    let root = parse(text, &Limits::default()).unwrap();
    add_source(text, &root, s)
}

#[test]
fn add_source_appends_in_block_and_fills_an_empty_mapping() {
    let new = add(SHIPPED, &source("new-one")).unwrap();
    let (added, removed) = changed(SHIPPED, &new);
    assert!(removed.is_empty());
    assert_eq!(
        added.concat(),
        "  new-one:\n    title: \"A: title\"\n    publisher: Someone\n    authors: [A. B, \"C, D\"]\n    published: 2022-01-02\n"
    );
    assert_eq!(
        add(SHIPPED, &source("icg-306")),
        Err(EditError::SourceExists("icg-306".into()))
    );
    let text = "as_of: 2021-01-01\nsources: {}  # none\nrecommendations: {}\n";
    assert_eq!(
        add(text, &source("x")).unwrap(),
        "as_of: 2021-01-01\nsources:   # none\n  x:\n    title: \"A: title\"\n    publisher: Someone\n    authors: [A. B, \"C, D\"]\n    published: 2022-01-02\nrecommendations: {}\n"
    );
    let text = "{as_of: 2021-01-01, sources: {}}";
    assert_eq!(
        add(text, &source("x")).unwrap(),
        "{as_of: 2021-01-01, sources: {x: {title: \"A: title\", publisher: Someone, authors: [A. B, \"C, D\"], published: 2022-01-02}}}"
    );
}

// Where the parser's spans end, and where `Text` says a node ends.

fn shapes(text: &str) -> Shape {
    shape(text).unwrap()
}

/// The text of each value of the top-level mapping, from `Text::start` to `Text::end`.
fn values(text: &str) -> Vec<String> {
    let t = Text::new(text);
    let root = shapes(text);
    root.children
        .chunks(2)
        .map(|kv| t.s[t.start(&kv[1])..t.end(&kv[1]).unwrap()].to_string())
        .collect()
}

#[test]
fn spans_of_quoted_scalars_run_on_and_their_ends_are_found() {
    let text = "a: 'q''s'   # c 'x'\nb: \"d\\\"q\"  # \"c\"\nc: plain words  # c\nd: &x 'anchored'\ne: !!str 'tagged'\n";
    let root = shapes(text);
    // The parser's span of a quoted scalar takes the comment after it.
    let t = Text::new(text);
    let a = &root.children[1];
    assert_eq!(
        &t.s[t.offset(a.span.start)..t.offset(a.span.end)],
        "'q''s'   # c 'x'"
    );
    assert_eq!(
        values(text),
        [
            "'q''s'",
            "\"d\\\"q\"",
            "plain words",
            "'anchored'",
            "'tagged'"
        ]
    );
}

#[test]
fn spans_of_block_scalars_start_at_the_content_and_end_past_blank_lines() {
    let text = "a: >-  # head\n\n  folded\n   more\n\n# c\nb: |+\n  keep\n\n\nc: >-\n  last";
    let root = shapes(text);
    let t = Text::new(text);
    let a = &root.children[1];
    assert_eq!(
        a.span.start.line, 3,
        "the span starts at the first content line"
    );
    assert_eq!(
        &t.s[t.offset(a.span.start)..t.offset(a.span.end)],
        "folded\n   more\n\n"
    );
    assert_eq!(values(text), ["folded\n   more", "keep", "last"]);
    let b = (&root.children[2], &root.children[3]);
    assert_eq!(
        &t.s[t.value_start(b.0, b.1).unwrap()..t.end(b.1).unwrap()],
        "|+\n  keep"
    );
    // CRLF: the line ends are not part of the text either.
    assert_eq!(
        values("a: >-\r\n  t\r\n  u\r\n\r\nb: 1\r\n"),
        ["t\r\n  u", "1"]
    );
}

#[test]
fn ends_of_collections_are_their_brackets_or_their_last_value() {
    let text = "a: &l [1, {b: c} ]   # c ]\nd:\n  - e: f   # c\n    g: 'h'  # c\n  # after\ni:\n- j\n- k\n\n";
    assert_eq!(
        values(text),
        ["[1, {b: c} ]", "- e: f   # c\n    g: 'h'", "j\n- k"]
    );
    let root = shapes(text);
    let t = Text::new(text);
    assert_eq!(
        t.dash(&root.children[3]).unwrap(),
        text.find("- e").unwrap()
    );
    assert_eq!(
        t.dash(&root.children[5]).unwrap(),
        text.find("- j").unwrap()
    );
    assert!(root.children[1].is_flow());
    assert!(!root.children[3].is_flow());
}

#[test]
fn plain_only_when_it_reads_back() {
    use scalar::{Context, plain_ok};
    for s in [
        "in-progress",
        "2021-12-10",
        "Executive Summary, ¶4",
        "a:b",
        "x#y",
        "Ag Ghaly's",
    ] {
        assert!(plain_ok(s, Context::Block), "{s}");
    }
    for s in [
        "",
        "yes",
        "No",
        "null",
        "~",
        "1.0",
        "12",
        "0x1F",
        "1_000",
        "12:30",
        "true",
        "a: b",
        "a #b",
        "- a",
        "#a",
        "&a",
        "*a",
        "'a",
        "\"a",
        " a",
        "a ",
        "a:",
        "[a",
        "{a",
        "|",
        ">",
        "%a",
        "@a",
        "`a",
        "!a",
        "a\nb",
        "a\tb",
        "a\u{202e}b",
        "a\u{7}",
        "?",
        ".inf",
    ] {
        assert!(!plain_ok(s, Context::Block), "{s:?}");
    }
    for s in ["a, b", "a]", "{a", "a}"] {
        assert!(!plain_ok(s, Context::Flow), "{s}");
    }
}

#[test]
fn double_quotes_escape_what_cannot_be_shown() {
    assert_eq!(
        scalar::double("a\"b\\c\nd\te\u{1b}[31m\u{202e}\u{2028}\u{85}\u{feff}\u{10ffff}"),
        "\"a\\\"b\\\\c\\nd\\te\\u001B[31m\\u202E\\u2028\\u0085\\uFEFF\u{10ffff}\""
    );
    for s in ["a\u{0}b", "\u{1b}]8;;x\u{7}", "é \u{2066}x", "\r\n"] {
        let doc = parse(&format!("k: {}\n", scalar::double(s)), &Limits::default()).unwrap();
        assert_eq!(doc.get("k").unwrap().as_str(), Some(s));
    }
    assert_eq!(scalar::single("it's"), Some("'it''s'".into()));
    assert_eq!(scalar::single("a\nb"), None);
}

#[test]
fn folding_breaks_only_at_single_spaces() {
    let lines = scalar::folded_lines("aaa bbb  ccc ddd", 0, 8).unwrap();
    assert_eq!(lines, ["aaa", "bbb  ccc", "ddd"]);
    let text = format!("k: >-\n  {}\n", lines.join("\n  "));
    let doc = parse(&text, &Limits::default()).unwrap();
    assert_eq!(doc.get("k").unwrap().as_str(), Some("aaa bbb  ccc ddd"));
    assert_eq!(scalar::folded_lines(" lead", 0, 8), None);
    assert_eq!(scalar::folded_lines("a\nb", 0, 8), None);
}

// Hostile text and layouts the editor must either write right or refuse.

const SMALL: &str = "as_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: unknown\n        history:\n          - date: 2021-01-01\n            status: unknown\n            note: 'was ''quoted'''\n";

#[test]
fn hostile_notes_are_escaped_and_read_back() {
    for note in [
        "\u{1b}[31mred\u{1b}[0m",
        "line one\nline two",
        "bidi \u{202e}txet\u{202c}",
        "tab\there",
        "key: value # not a comment",
        "- not a list",
        " leading and trailing ",
        "",
        "\u{2028}separator",
        "nul \u{0}",
    ] {
        let e = entry("2021-02-01", Status::Unknown, Some(note), &[("s", note)]);
        let new = rec(SMALL, "r/s", &e).unwrap_or_else(|err| panic!("{note:?}: {err}"));
        let doc = parse(&new, &Limits::default()).unwrap();
        let added = doc.to_json()["recommendations"]["r"]["steps"]["s"]["history"][1].clone();
        assert_eq!(added["note"], note, "{new}");
        assert_eq!(added["evidence"][0]["locator"], note);
        let inserted = &new[SMALL.len()..];
        assert!(
            !inserted.chars().any(|c| c.is_control() && c != '\n'),
            "{inserted:?}"
        );
    }
}

#[test]
fn a_replaced_scalar_keeps_its_quoting_or_falls_back_to_double_quotes() {
    let mut a = amendment("2021-01-01");
    a.note = Some("it's new".into());
    let new = amend(SMALL, "r/s", &a).unwrap();
    assert!(new.contains("            note: 'it''s new'\n"), "{new}");
    a.note = Some("bell \u{7}".into());
    let new = amend(SMALL, "r/s", &a).unwrap();
    assert!(
        new.contains("            note: \"bell \\u0007\"\n"),
        "{new}"
    );
    // A folded note that cannot be folded becomes a double-quoted one, header and all.
    let folded = SMALL.replace(
        "note: 'was ''quoted'''\n",
        "note: >-\n              folded\n              text\n\n            status: unknown\n",
    );
    let folded = folded.replacen(
        "            status: unknown\n            note",
        "            note",
        1,
    );
    a.note = Some("two\nlines".into());
    let new = amend(&folded, "r/s", &a).unwrap();
    assert!(
        new.contains("            note: \"two\\nlines\"\n\n            status: unknown\n"),
        "{new}"
    );
}

#[test]
fn entries_ending_in_multi_line_text_or_comments_get_the_new_one_after_them() {
    let text = "---\nas_of: 2021-01-01\nrecommendations:\n  r:\n    steps:\n      s:\n        status: unknown\n        history:\n        - date: 2021-01-01\n          status: unknown\n          note: a plain note\n            on two lines   # and a comment\n        # about the next step\n      t:\n        status: unknown\n...\n";
    let e = entry("2021-02-01", Status::Unknown, None, &[]);
    let new = rec(text, "r/s", &e).unwrap();
    assert!(
        new.contains("            on two lines   # and a comment\n        - date: 2021-02-01\n          status: unknown\n        # about the next step\n"),
        "{new}"
    );
    assert!(new.starts_with("---\n") && new.ends_with("...\n"));
}

#[test]
fn the_self_check_refuses_what_does_not_read_back() {
    let expected = serde_json::json!({"a": 1});
    assert!(matches!(
        verify::verify("a: 2\n", &expected),
        Err(EditError::Verify(m)) if m.contains("/a")
    ));
    assert!(matches!(
        verify::verify("a: [\n", &expected),
        Err(EditError::Verify(m)) if m.contains("would not load")
    ));
    assert!(verify::verify("{a: 1}", &expected).is_ok());
    let mut splice = Splice::default();
    splice.replace(0, 3, "x".into());
    splice.replace(2, 4, "y".into());
    assert!(matches!(splice.apply("abcdef"), Err(EditError::Verify(_))));
}

#[test]
fn add_source_to_a_multi_line_flow_mapping() {
    let text = "{\n  \"as_of\": \"2021-01-01\",\n  \"sources\": {\n    \"a\": {\"title\": \"A\"}\n  }\n}\n";
    let mut s = source("b");
    s.authors.clear();
    s.publisher = None;
    let new = add(text, &s).unwrap();
    assert_eq!(
        new,
        "{\n  \"as_of\": \"2021-01-01\",\n  \"sources\": {\n    \"a\": {\"title\": \"A\"},\n    \"b\": {\"title\": \"A: title\", \"published\": \"2022-01-02\"}\n  }\n}\n"
    );
}
