//! Hand-editing mistakes (issue #14, item 5): each gets a message a monitor can act on
//! at a glance, at the place to fix, in every output format. The fixtures under
//! `tests/fixtures/rules/` pin rule and position (see `rules.rs`); these tests pin
//! what the messages say.

use crate::{diagnostics, rectrack, run};

/// One mistake: its fixture, where it is reported, and the message and help it gets.
struct Mistake {
    fixture: &'static str,
    rule: &'static str,
    at: (usize, usize),
    message: &'static str,
    help: &'static str,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        fixture: "yaml-colon-in-text",
        rule: "yaml",
        // The `: ` inside the text, not the key's colon.
        at: (144, 41),
        message: "invalid YAML: the unquoted text of `note` holds `: `, which YAML reads as the start of a new key",
        help: "quote the text: `note: \"ICG recommends one measure: preliminary contacts to identify possible mediators.\"`",
    },
    Mistake {
        fixture: "yaml-missing-dash",
        rule: "yaml",
        // The second `date`, the first key of the entry that lacks its `- `.
        at: (46, 13),
        message: "duplicate key `date` in one list entry: a new entry seems to start here",
        help: "a new entry starts here without its `- `: write `- date: …` at column 11, under the other entries' dashes (if this is one entry, delete one of the two `date`)",
    },
    Mistake {
        fixture: "yaml-tab-after-date",
        rule: "yaml",
        // The tab's own line (the scanner stops on the `- date:` line above).
        at: (37, 1),
        message: "invalid YAML: a tab indents line 37",
        help: "YAML indents with spaces: replace the tab on line 37 with spaces",
    },
    Mistake {
        fixture: "yaml-text-cut-by-comment",
        rule: "yaml",
        at: (23, 30),
        message: "the text of `reference` ends before `#306`: YAML reads ` #` as the start of a comment, so the text is `Africa Report`",
        help: "to keep the `#` in the text, quote it all: `reference: \"Africa Report #306\"`; if it is a comment, write `# 306`",
    },
    Mistake {
        fixture: "schema-missing-locator",
        rule: "schema",
        at: (108, 17),
        message: "evidence #1 of history entry #1 of `jnim-team` lacks the required key `locator`",
        help: "say where in the source the evidence is: `locator: paragraph 3` (for a short communiqué, `locator: whole text`)",
    },
    Mistake {
        fixture: "schema-source-date",
        rule: "schema",
        at: (24, 5),
        message: "unknown key `date` in source `icg-306`; did you mean `published`?",
        help: "keys allowed here: authors, correction, published, publisher, reference, title, url",
    },
];

fn path(m: &Mistake) -> String {
    format!("tests/fixtures/rules/{}.yaml", m.fixture)
}

fn check(m: &Mistake, format: &str) -> (i32, String) {
    let (code, stdout, stderr) = run(rectrack()
        .args(["check", "--today", "2022-01-01", "--format", format])
        .arg(path(m)));
    assert!(stderr.is_empty(), "{}: {stderr}", m.fixture);
    (code, stdout)
}

#[test]
fn each_mistake_says_where_and_what_to_write() {
    for m in MISTAKES {
        let (code, out) = check(m, "human");
        assert_eq!(code, 1, "{}:\n{out}", m.fixture);
        assert_eq!(
            diagnostics(&out),
            [(m.rule.to_string(), m.at.0, m.at.1)],
            "{}:\n{out}",
            m.fixture
        );
        assert!(
            out.starts_with(&format!("error[{}]: {}\n", m.rule, m.message)),
            "{}:\n{out}",
            m.fixture
        );
        let help = format!("= help: {}", m.help);
        assert!(
            out.lines().any(|l| l.trim_start() == help),
            "{}:\n{out}",
            m.fixture
        );
    }
}

#[test]
fn the_messages_reach_json_github_and_sarif() {
    for m in MISTAKES {
        let (_, out) = check(m, "json");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let d = &json["files"][0]["diagnostics"][0];
        assert_eq!(d["rule"], m.rule, "{}", m.fixture);
        assert_eq!(d["message"], m.message, "{}", m.fixture);
        assert_eq!(d["help"], m.help, "{}", m.fixture);
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(m.at.0 as u64), Some(m.at.1 as u64)),
            "{}",
            m.fixture
        );

        let (_, out) = check(m, "github");
        let line = out.lines().find(|l| l.starts_with("::error ")).unwrap();
        assert!(
            line.contains(&format!("line={},col={},", m.at.0, m.at.1)),
            "{}: {line}",
            m.fixture
        );
        assert!(line.contains(m.message), "{}: {line}", m.fixture);
        assert!(line.contains(m.help), "{}: {line}", m.fixture);

        let (_, out) = check(m, "sarif");
        let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
        let result = &sarif["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], m.rule, "{}", m.fixture);
        let text = result["message"]["text"].as_str().unwrap();
        assert_eq!(
            text,
            format!("{} (help: {})", m.message, m.help),
            "{}",
            m.fixture
        );
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], m.at.0, "{}", m.fixture);
        assert_eq!(region["startColumn"], m.at.1, "{}", m.fixture);
    }
}

#[test]
fn explain_tells_the_same_story() {
    let (_, yaml, _) = run(rectrack().args(["explain", "yaml"]));
    for words in ["quote the text", "without its `- `", "tab", "` #`"] {
        assert!(
            yaml.contains(words),
            "explain yaml lacks {words:?}:\n{yaml}"
        );
    }
    let (_, schema, _) = run(rectrack().args(["explain", "schema"]));
    assert!(schema.contains("`locator`"), "{schema}");
    assert!(schema.contains("whole text"), "{schema}");
    // Every example of every rule that cites evidence gives its locator: a reader who
    // copies one must not write what the schema refuses.
    let (_, list, _) = run(rectrack().arg("explain"));
    let ids: Vec<&str> = list
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert!(ids.len() > 20, "{list}");
    for id in ids {
        let (_, text, _) = run(rectrack().args(["explain", id]));
        for line in text.lines().filter(|l| l.contains("source: ")) {
            let inline = line.contains("{source:") && line.contains("locator:");
            let next_has_locator = text
                .lines()
                .skip_while(|l| *l != line)
                .nth(1)
                .is_some_and(|l| l.trim_start().starts_with("locator:"));
            assert!(
                inline || next_has_locator || id == "schema",
                "explain {id}: evidence without a locator in `{line}`"
            );
        }
    }
}

#[test]
fn a_comment_written_as_a_comment_is_not_taken_for_text() {
    // The shipped tracker with a comment after a value, written the usual way.
    let (_dir, trackers) = crate::sandbox();
    let text = crate::read(crate::SHIPPED).replacen(
        "reference: Africa Report N°306",
        "reference: Africa Report N°306  # the number on the cover",
        1,
    );
    assert!(text.contains("# the number on the cover"));
    let file = trackers.join("t.yaml");
    std::fs::write(&file, text).unwrap();
    let (code, out, _) = run(rectrack()
        .args(["check", "--today", crate::TODAY])
        .arg(&file));
    assert_eq!(code, 0, "{out}");
}
