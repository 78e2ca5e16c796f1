//! YAML that a careless loader reads otherwise than YAML 1.2 says, through the real
//! binary: characters YAML forbids, integers the core schema does not write, `%YAML`
//! directives for other versions, tags that do not match their value, JSON surrogate
//! pairs, and CR line ends. Each case was read wrongly before issue 11 (accepted, or
//! refused, or shown on the wrong line) and is read as the specification says now;
//! each asserts the outcome (exit code, rule, line and column, in both the human and
//! the JSON output) and, where the value matters, the value `status` shows.

use crate::{SHIPPED, TODAY, read, rectrack, run, sandbox};
use rectrack::syntax::document::{Node, Value};
use serde_json::Value as Json;

/// The shipped tracker's title line, and its line number.
const TITLE: &str = "title: Dialogue between the Malian authorities and JNIM\n";
const TITLE_LINE: usize = 12;

/// The shipped tracker with its title line replaced by `line` (newline included).
fn with_title(line: &str) -> String {
    let tracker = read(SHIPPED);
    assert!(tracker.contains(TITLE), "the shipped tracker's title moved");
    tracker.replacen(TITLE, line, 1)
}

/// One diagnostic as the human output shows it: rule, line, column, the source line
/// printed in its snippet, and how many characters of it stand before the caret.
#[derive(Debug, PartialEq)]
struct Shown {
    rule: String,
    line: usize,
    col: usize,
    source: String,
    caret: usize,
}

/// Every diagnostic of human `check` output, with the source line of its snippet.
fn shown(human: &str) -> Vec<Shown> {
    let lines: Vec<&str> = human.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        else {
            continue;
        };
        let rule = rest.split(']').next().unwrap().to_string();
        let arrow = lines[i + 1].trim().strip_prefix("--> ").expect("--> line");
        let mut parts = arrow.rsplitn(3, ':');
        let col = parts.next().unwrap().parse().unwrap();
        let line_no: usize = parts.next().unwrap().parse().unwrap();
        // `NN | text`, two lines below the arrow (an empty ` |` line between).
        let snippet = lines[i + 3];
        let prefix = format!("{line_no} |");
        let source = snippet
            .trim_start()
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("snippet of line {line_no}: {snippet:?}"));
        // `   |    ^ label`: the caret's line shares the snippet's gutter.
        let gutter = snippet.find(" |").unwrap() + 2;
        let marks: String = lines[i + 4].chars().skip(gutter + 1).collect();
        found.push(Shown {
            rule,
            line: line_no,
            col,
            source: source.strip_prefix(' ').unwrap_or(source).to_string(),
            caret: marks.find('^').expect("a caret"),
        });
    }
    found
}

/// What `check` says of one file, in the human and in the JSON output.
struct Checked {
    code: i32,
    human: String,
    /// (rule, line, column) of each JSON diagnostic.
    json: Vec<(String, usize, usize)>,
}

fn check(name: &str, content: &[u8]) -> Checked {
    let (_dir, trackers) = sandbox();
    let file = trackers.join(name);
    std::fs::write(&file, content).unwrap();
    let (code, human, stderr) = run(rectrack().args(["check", "--today", TODAY]).arg(&file));
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (json_code, out, _) = run(rectrack()
        .args(["check", "--format", "json", "--today", TODAY])
        .arg(&file));
    assert_eq!(
        code, json_code,
        "{name}: the two outputs agree on the exit code"
    );
    let doc: Json = serde_json::from_str(&out).expect("JSON output");
    let json = doc["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    Checked { code, human, json }
}

impl Checked {
    /// Asserts the file is refused for one reason, `rule` at `line`:`col` in both
    /// outputs, with `says` in the message, and returns the human output.
    fn refused(&self, name: &str, rule: &str, line: usize, col: usize, says: &str) -> &str {
        let expected = (rule.to_string(), line, col);
        assert_eq!(self.code, 1, "{name}: refused\n{}", self.human);
        assert_eq!(
            self.json,
            std::slice::from_ref(&expected),
            "{name}: JSON\n{}",
            self.human
        );
        let human: Vec<_> = shown(&self.human)
            .into_iter()
            .map(|s| (s.rule, s.line, s.col))
            .collect();
        assert_eq!(human, [expected], "{name}: human\n{}", self.human);
        assert!(
            self.human.contains(says),
            "{name}: says `{says}`\n{}",
            self.human
        );
        &self.human
    }

    fn accepted(&self, name: &str) {
        assert_eq!(
            (self.code, self.json.as_slice()),
            (0, &[][..]),
            "{name}: accepted\n{}",
            self.human
        );
    }
}

/// The tracker's title as `status --format json` reads it.
fn title(name: &str, content: &[u8]) -> String {
    let (_dir, trackers) = sandbox();
    let file = trackers.join(name);
    std::fs::write(&file, content).unwrap();
    let (code, out, err) = run(rectrack()
        .args(["status", "--format", "json", "--today", TODAY])
        .arg(&file));
    assert_eq!(code, 0, "{name}: {err}");
    let doc: Json = serde_json::from_str(&out).unwrap();
    doc["trackers"][0]["title"].as_str().unwrap().to_string()
}

#[test]
fn characters_yaml_forbids_are_refused_at_the_character() {
    for (name, c, code) in [
        ("bell", "\x07", "U+0007"),
        ("backspace", "\x08", "U+0008"),
        ("OSC window title", "\x1b]0;pwned\x07", "U+001B"),
        ("clear screen", "\x1b[2J", "U+001B"),
        ("DEL", "\x7f", "U+007F"),
        ("C1 CSI", "\u{9b}2J", "U+009B"),
        ("U+FFFE", "\u{fffe}", "U+FFFE"),
        ("U+FFFF", "\u{ffff}", "U+FFFF"),
    ] {
        let text = with_title(&format!("title: Dialogue{c} between\n"));
        let checked = check("t.yaml", text.as_bytes());
        let help = checked.refused(name, "yaml", TITLE_LINE, 16, code);
        assert!(
            help.contains("delete it"),
            "{name}: says what to do\n{help}"
        );
    }
    // In a comment too: a stream may not hold them anywhere.
    let text = read(SHIPPED).replacen("#\n", "# \x07\n", 1);
    check("t.yaml", text.as_bytes()).refused("bell in a comment", "yaml", 2, 3, "U+0007");
    // After a byte-order mark (which decoding drops, and the snippet must drop too, or
    // the caret sits one character early): the caret under the character itself.
    let text = format!(
        "\u{feff}{}",
        read(SHIPPED).replacen("# yaml", "#\x07yaml", 1)
    );
    let checked = check("t.yaml", text.as_bytes());
    let human = checked.refused("bell after a BOM", "yaml", 1, 2, "U+0007");
    let first = &shown(human)[0];
    assert_eq!(first.caret, 1, "the caret under the bell\n{human}");
    // The snippet shows the bell as the escape text `\u{7}` (src/escape.rs), never raw.
    assert!(first.source.starts_with("#\\u{7}yaml"), "{human}");
    // What YAML allows stays allowed: NEL, NBSP, a line separator, a character past
    // the BMP, and a control character written as a visible escape.
    for (name, title_line) in [
        (
            "NEL and friends",
            "title: Dialogue\u{85}\u{a0}\u{2028}\u{1F1F2} between\n",
        ),
        ("escaped bell", "title: \"Dialogue\\a between\"\n"),
    ] {
        check("t.yaml", with_title(title_line).as_bytes()).accepted(name);
    }
}

#[test]
fn integers_are_read_as_the_core_schema_writes_them() {
    // Not integers in YAML 1.2: text, so a valid title.
    for written in [
        "0o+1", "0x+1", "0x-1", "0o-7", "+-5", "0x", "0o", "0o8", "1_000", "0b1",
    ] {
        let text = with_title(&format!("title: {written}\n"));
        check("t.yaml", text.as_bytes()).accepted(written);
        assert_eq!(title("t.yaml", text.as_bytes()), written);
    }
    // Integers (and floats): not a title.
    for written in ["0o17", "0x1F", "+12", "0777", "1e3", "99999999999999999999"] {
        let text = with_title(&format!("title: {written}\n"));
        check("t.yaml", text.as_bytes()).refused(written, "schema", TITLE_LINE, 8, "");
    }
}

#[test]
fn only_yaml_1_2_is_read() {
    // After the leading comments, before the document: where a directive goes.
    let with_directive = |directive: &str| {
        read(SHIPPED).replacen(
            "schema_version: 1\n",
            &format!("{directive}\n---\nschema_version: 1\n"),
            1,
        )
    };
    let checked = check("t.yaml", with_directive("%YAML 1.1").as_bytes());
    let human = checked.refused("YAML 1.1", "yaml", 10, 7, "declares YAML 1.1");
    for differs in ["`yes`", "`0777`", "`0o777`", "`1:30`", "`<<`"] {
        assert!(
            human.contains(differs),
            "1.1: the help says {differs}\n{human}"
        );
    }
    check("t.yaml", with_directive("%YAML 2.0").as_bytes()).refused(
        "YAML 2.0",
        "yaml",
        10,
        7,
        "declares YAML version `2.0`",
    );
    check("t.yaml", with_directive("%YAML 1.3 # newer").as_bytes())
        .refused("YAML 1.3", "yaml", 10, 7, "`1.3`");
    check("t.yaml", with_directive("%YAML 1.2").as_bytes()).accepted("YAML 1.2");
}

#[test]
fn a_tag_must_match_its_value() {
    for (title_line, written, col) in [
        ("title: !!int abc\n", "`!!int`", 8),
        ("title: !!float Dialogue\n", "`!!float`", 8),
        ("title: !!bool yes\n", "`!!bool`", 8),
        ("title: !!null x\n", "`!!null`", 8),
        ("title: !!seq x\n", "`!!seq`", 8),
        (
            "title: &t !<tag:yaml.org,2002:int> abc\n",
            "`!<tag:yaml.org,2002:int>`",
            8,
        ),
        ("title: !foo x\n", "unsupported YAML tag `!foo`", 8),
        ("title: !<!foo> x\n", "unsupported YAML tag `!<!foo>`", 8),
        (
            "title: !!python/object:os.system x\n",
            "`!!python/object:os.system`",
            8,
        ),
    ] {
        let text = with_title(title_line);
        check("t.yaml", text.as_bytes()).refused(
            title_line.trim(),
            "yaml",
            TITLE_LINE,
            col,
            written,
        );
    }
    // Tags that agree with their value, the non-specific `!` and verbatim core tags.
    for (title_line, value) in [
        ("title: !!str 12\n", "12"),
        ("title: ! 12\n", "12"),
        ("title: ! true\n", "true"),
        ("title: !<tag:yaml.org,2002:str> 0x1F\n", "0x1F"),
        ("title: !!str \"quoted\"\n", "quoted"),
    ] {
        let text = with_title(title_line);
        check("t.yaml", text.as_bytes()).accepted(title_line.trim());
        assert_eq!(title("t.yaml", text.as_bytes()), value, "{title_line}");
    }
    let tagged = read(SHIPPED)
        .replacen("schema_version: 1\n", "schema_version: !!int 1\n", 1)
        .replacen("parties:\n", "parties: !\n", 1)
        .replacen("sources:\n", "sources: !!map\n", 1);
    check("t.yaml", tagged.as_bytes()).accepted("core and non-specific tags on the right nodes");
}

/// The loaded document as JSON (dates are strings in YAML 1.2, so nothing is lost).
fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => Json::from(*f),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|e| (e.key.to_string(), to_json(&e.value)))
                .collect(),
        ),
    }
}

#[test]
fn json_with_surrogate_pairs_is_read() {
    let doc = rectrack::syntax::parse(&read(SHIPPED), &Default::default()).unwrap();
    let mut json = to_json(&doc);
    json["title"] = Json::String("Mali FLAG dialogue".into());
    // What Python's json.dump writes by default: every character past U+FFFF as a
    // UTF-16 surrogate pair, lower-case hex.
    let pretty = serde_json::to_string_pretty(&json).unwrap();
    let line = pretty.lines().position(|l| l.contains("FLAG")).unwrap() + 1;
    let python = pretty.replace("FLAG", r"\ud83c\uddf2\ud83c\uddf1");
    check("t.json", python.as_bytes()).accepted("surrogate pairs");
    assert_eq!(
        title("t.json", python.as_bytes()),
        "Mali \u{1F1F2}\u{1F1F1} dialogue"
    );
    // A lone half is not a character: refused at the escape.
    let lone = pretty.replace("FLAG", r"\ud83c\uddf2 \ud83c");
    let col = pretty.lines().nth(line - 1).unwrap().find("FLAG").unwrap() + 1 + 13;
    check("t.json", lone.as_bytes()).refused(
        "lone surrogate",
        "yaml",
        line,
        col,
        r"the escape `\ud83c` is not a character",
    );
}

#[test]
fn cr_lf_and_crlf_end_lines_alike_in_every_output() {
    // An unknown key on the line after the title, and a tab-indented line further down:
    // two findings whose lines the snippet must show.
    let tracker = with_title(&format!("{TITLE}bogus: 1\n"));
    let bad_value = tracker.replacen("as_of: 2021-12-10\n", "as_of: someday\n", 1);
    for (name, text) in [
        ("LF", bad_value.clone()),
        ("CR only (classic Mac OS)", bad_value.replace('\n', "\r")),
        ("CRLF", bad_value.replace('\n', "\r\n")),
        // Lone CRs in an LF file: each is a line break too.
        ("a lone CR", bad_value.replacen('\n', "\r", 3)),
        (
            "mixed",
            bad_value
                .lines()
                .enumerate()
                .map(|(i, l)| format!("{l}{}", ["\n", "\r", "\r\n"][i % 3]))
                .collect(),
        ),
    ] {
        let checked = check("t.yaml", text.as_bytes());
        assert_eq!(checked.code, 1, "{name}\n{}", checked.human);
        let human = shown(&checked.human);
        let positions: Vec<_> = human
            .iter()
            .map(|s| (s.rule.clone(), s.line, s.col))
            .collect();
        assert_eq!(
            positions, checked.json,
            "{name}: human and JSON agree\n{}",
            checked.human
        );
        let snippets: Vec<(usize, &str, usize)> = human
            .iter()
            .map(|s| (s.line, s.source.as_str(), s.caret))
            .collect();
        assert_eq!(
            snippets,
            [
                (TITLE_LINE + 1, "bogus: 1", 0),
                (TITLE_LINE + 2, "as_of: someday", 7)
            ],
            "{name}: each snippet shows its own line\n{}",
            checked.human
        );
    }
    // A syntax error reported from the scanner (a tab in the indentation) on a CR-only
    // file: the tab's own line and column.
    let tab = read(SHIPPED)
        .replacen("\n  unify-ranks:\n", "\n\tunify-ranks:\n", 1)
        .replace('\n', "\r");
    let checked = check("t.yaml", tab.as_bytes());
    let human = checked.refused("tab, CR only", "yaml", 30, 1, "tab");
    assert!(
        human.contains("30 | \tunify-ranks:") || human.contains("30 |     unify-ranks:"),
        "{human}"
    );
}
