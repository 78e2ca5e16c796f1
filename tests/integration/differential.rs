//! Differential test against an independent validator: every mutant of the shipped
//! tracker that check-jsonschema rejects, rectrack rejects too, with a diagnostic at
//! the mutated node.
//!
//! The mutants are enumerated (no randomness): the shipped tracker is walked line by
//! line, and each mutation kind (deleted and added keys, changed types, odd dates,
//! nulls, enum typos, huge and non-finite numbers, control and invisible characters,
//! NFC/NFD, homoglyph ids, YAML 1.1 literals) is applied to every node of the schema
//! position it fits. The walker is deliberately not rectrack's loader: a test that read
//! the file through the code under test could not catch that code misreading it.
//!
//! Both tools run once over all mutants (Python start-up alone would cost minutes if
//! check-jsonschema ran per file). Where the tools may rightly disagree, the case is in
//! [`INTENDED`] with the reason; an entry that no longer matches a disagreement fails
//! the test, so the list cannot outlive the difference it excuses.
//!
//! `./scripts/test` points RECTRACK_CHECK_JSONSCHEMA at the check-jsonschema it
//! installs; without it the test is skipped locally and fails under CI=true.

use crate::{SHIPPED, read, rectrack, run, sandbox};
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// What a listed difference excuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waives {
    /// rectrack accepts a file check-jsonschema rejects.
    Rejection,
    /// rectrack rejects it, but no error stands at the mutated node.
    Place,
}

/// A named difference: a glob over mutant names (`*` matches any run of characters),
/// what it excuses, and why.
type Difference = (&'static str, Waives, &'static str);

/// Differences that are right: the two tools are meant to read these files differently.
const INTENDED: &[Difference] = &[
    (
        "yaml11:1_000@*",
        Waives::Rejection,
        "ruamel.yaml reads `1_000` as the integer 1000 (a YAML 1.1 int); YAML 1.2's core \
         schema, which rectrack reads, has no `_` in integers, so it is the text `1_000`",
    ),
    (
        "yaml11:0b101@*",
        Waives::Rejection,
        "ruamel.yaml reads `0b101` as the integer 5 (YAML 1.1 binary); in YAML 1.2's core \
         schema it is the text `0b101`",
    ),
    (
        "yaml11:0x_1@*",
        Waives::Rejection,
        "ruamel.yaml reads `0x_1` as the integer 1 (YAML 1.1 allows `_` in hex); in YAML \
         1.2's core schema it is the text `0x_1`",
    ),
    (
        "type:item[1_000]@*",
        Waives::Rejection,
        "ruamel.yaml reads `1_000` as the integer 1000 (a YAML 1.1 int); YAML 1.2's core \
         schema, which rectrack reads, has no `_` in integers, so it is the text `1_000`",
    ),
    (
        "delete-key@recommendations.*.steps.*.history",
        Waives::Place,
        "a step whose status claims progress but has no history is `status-mismatch`, which \
         the contract places at the step's `status` value, not at the step's key",
    ),
    (
        "type:list@recommendations.*.steps.*.history",
        Waives::Place,
        "`history: []` under a status that claims progress is `status-mismatch` (the \
         specific rule wins over the schema's minItems), at the step's `status` value",
    ),
    (
        "type:list@recommendations.*.steps.*.history.*.evidence",
        Waives::Place,
        "`evidence: []` under a status that claims progress is `missing-evidence` (the \
         specific rule wins over the schema's minItems), at the entry's first line",
    ),
    (
        "key-type:*@sources.*",
        Waives::Place,
        "a source keyed `true:` or `null:`: rectrack keeps a key as written (JSON, and so \
         the schema, has only text keys), so `true` is a well-formed id and the finding is \
         about the evidence that no longer cites a known source; check-jsonschema sees \
         Python's `True`/`None` and refuses the key itself",
    ),
];

/// One node of the shipped tracker, found by walking its lines.
#[derive(Debug, Clone)]
struct Node {
    /// 0-based line of the key (or of the dash, for a list item).
    line: usize,
    /// Keys and list indexes from the root.
    path: Vec<String>,
    /// Byte column of the key, or of the dash for a list item.
    col: usize,
    /// The key; `None` for a list item.
    key: Option<String>,
    /// Whether the key stands on its item's dash line (`- key: value`).
    on_dash: bool,
    /// The value written on the key's line, if any (`>-` included).
    inline: Option<String>,
    /// Last line (0-based, inclusive) of the node: its value, children, folded lines.
    end: usize,
}

impl Node {
    fn dotted(&self) -> String {
        self.path.join(".")
    }

    /// The path with ids and indexes replaced by `*`: the node's schema position.
    fn position(&self) -> String {
        let mut out = Vec::new();
        let mut prev = "";
        for seg in &self.path {
            let general = matches!(prev, "recommendations" | "steps" | "sources")
                || seg.parse::<usize>().is_ok();
            out.push(if general { "*" } else { seg.as_str() });
            prev = seg;
        }
        out.join(".")
    }

    /// A scalar written on the key's line (a flow list counts: it is one value).
    fn is_scalar(&self) -> bool {
        self.key.is_some() && self.inline.is_some()
    }

    /// The scalar's text without quotes; folded text as a short stand-in.
    fn text(&self) -> String {
        let raw = self.inline.as_deref().unwrap_or_default();
        if raw.starts_with('>') || raw.starts_with('|') || raw.starts_with('[') {
            "some text".to_string()
        } else {
            raw.trim_matches('"').to_string()
        }
    }
}

fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Walks the block-style YAML of the shipped tracker: keys, list items, folded text.
fn walk(lines: &[String]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut folded_under: Option<usize> = None;
    let path = |stack: &[(usize, String)]| stack.iter().map(|(_, s)| s.clone()).collect();
    for (i, raw) in lines.iter().enumerate() {
        if !is_content(raw) {
            continue;
        }
        let ind = indent(raw);
        if let Some(col) = folded_under {
            if ind > col {
                continue;
            }
            folded_under = None;
        }
        let trimmed = raw.trim_start();
        let (col, content, dash) = match trimmed.strip_prefix("- ") {
            Some(rest) => (ind + 2, rest, true),
            None => (ind, trimmed, false),
        };
        if dash {
            while stack.last().is_some_and(|(c, _)| *c >= ind) {
                stack.pop();
            }
            let parent: Vec<String> = path(&stack);
            let n = counters.entry(parent.join(".")).or_insert(0);
            stack.push((ind, n.to_string()));
            *n += 1;
            nodes.push(Node {
                line: i,
                path: path(&stack),
                col: ind,
                key: None,
                on_dash: false,
                inline: None,
                end: i,
            });
        } else {
            while stack.last().is_some_and(|(c, _)| *c >= col) {
                stack.pop();
            }
        }
        let (key, value) = match content.split_once(": ") {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (content.trim_end_matches(':'), None),
        };
        if value
            .as_deref()
            .is_some_and(|v| v.starts_with('>') || v.starts_with('|'))
        {
            folded_under = Some(col);
        }
        stack.push((col, key.to_string()));
        nodes.push(Node {
            line: i,
            path: path(&stack),
            col,
            key: Some(key.to_string()),
            on_dash: dash,
            inline: value,
            end: i,
        });
    }
    // A node runs until the next content line that starts at or left of its column.
    for node in &mut nodes {
        let mut end = node.line;
        for (j, raw) in lines.iter().enumerate().skip(node.line + 1) {
            if !is_content(raw) {
                continue;
            }
            if indent(raw) <= node.col {
                break;
            }
            end = j;
        }
        node.end = end;
    }
    nodes
}

/// One mutant: its name (kind, value and path), its text, and the 1-based lines where
/// a diagnostic about the mutated node may stand.
#[derive(Debug, Clone)]
struct Mutant {
    kind: String,
    name: String,
    text: Vec<String>,
    at: (usize, usize),
}

struct Mutants<'a> {
    lines: &'a [String],
    nodes: &'a [Node],
    out: Vec<Mutant>,
}

impl Mutants<'_> {
    fn push(&mut self, kind: &str, label: &str, node_path: &str, text: Vec<String>, at: usize) {
        self.push_range(kind, label, node_path, text, (at, at));
    }

    fn push_range(
        &mut self,
        kind: &str,
        label: &str,
        node_path: &str,
        text: Vec<String>,
        at: (usize, usize),
    ) {
        let name = if label.is_empty() {
            format!("{kind}@{node_path}")
        } else {
            format!("{kind}:{label}@{node_path}")
        };
        self.out.push(Mutant {
            kind: kind.to_string(),
            name,
            text,
            at,
        });
    }

    /// The node's value replaced by `value` (written as YAML), children and folded
    /// lines dropped.
    fn set_value(&mut self, kind: &str, label: &str, node: &Node, value: &str) {
        let Some(key) = &node.key else { return };
        let mut text = self.lines.to_vec();
        let head = &self.lines[node.line][..=(node.col + key.len())];
        text[node.line] = if value.is_empty() {
            head.to_string()
        } else {
            format!("{head} {value}")
        };
        text.drain(node.line + 1..=node.end);
        self.push(kind, label, &node.dotted(), text, node.line + 1);
    }

    /// The key renamed: the diagnostic belongs on its line.
    fn rename(&mut self, kind: &str, label: &str, node: &Node, new_key: &str) {
        let Some(key) = &node.key else { return };
        let mut text = self.lines.to_vec();
        text[node.line].replace_range(node.col..node.col + key.len(), new_key);
        self.push(kind, label, &node.dotted(), text, node.line + 1);
    }

    fn parent(&self, node: &Node) -> Option<&Node> {
        let up = &node.path[..node.path.len() - 1];
        self.nodes.iter().find(|n| n.path == up)
    }

    /// The key and its value deleted: the diagnostic belongs on the mapping that lacks
    /// it (its key, its item's first line, or line 1 for the root).
    fn delete_key(&mut self, node: &Node) {
        let mut text = self.lines.to_vec();
        if node.on_dash {
            // The next key of the item takes over the dash.
            let Some(next) = (node.end + 1..self.lines.len()).find(|j| is_content(&self.lines[*j]))
            else {
                return;
            };
            if indent(&self.lines[next]) != node.col {
                return;
            }
            text[next].replace_range(node.col - 2..node.col - 1, "-");
        }
        text.drain(node.line..=node.end);
        let at = self.parent(node).map_or(1, |p| p.line + 1);
        self.push("delete-key", "", &node.dotted(), text, at);
    }

    /// A list item deleted: the diagnostic belongs on the list's key.
    fn delete_item(&mut self, node: &Node) {
        let mut text = self.lines.to_vec();
        text.drain(node.line..=node.end);
        let at = self.parent(node).map_or(1, |p| p.line + 1);
        self.push("delete-item", "", &node.dotted(), text, at);
    }

    /// A key inserted into the mapping whose first key is `first`, after that key.
    fn add_key(&mut self, kind: &str, label: &str, first: &Node, line: &str) {
        let mut text = self.lines.to_vec();
        let at = first.end + 1;
        text.insert(at, format!("{}{line}", " ".repeat(first.col)));
        let up = &first.path[..first.path.len() - 1];
        self.push(kind, label, &up.join("."), text, at + 1);
    }
}

/// Decomposes the few precomposed letters the mutants use (NFD), so no Unicode crate
/// is needed.
fn nfd(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            'é' => out.push_str("e\u{301}"),
            'è' => out.push_str("e\u{300}"),
            'ï' => out.push_str("i\u{308}"),
            'ç' => out.push_str("c\u{327}"),
            other => out.push(other),
        }
    }
    out
}

/// The first Latin letter that has a Cyrillic twin, swapped for it.
fn homoglyph(text: &str) -> Option<String> {
    let (at, twin) = text.char_indices().find_map(|(i, c)| {
        let twin = match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'i' => 'і',
            'c' => 'с',
            'p' => 'р',
            _ => return None,
        };
        Some((i, twin))
    })?;
    let mut out = text.to_string();
    out.replace_range(at..=at, &twin.to_string());
    Some(out)
}

const KEY_TYPES: &[(&str, &str)] = &[
    ("int", "1"),
    ("float", "1.5"),
    ("bool", "true"),
    ("null", "null"),
    ("tilde", "~"),
    ("inf", ".inf"),
    ("yaml11-bool", "yes"),
];
const TYPES: &[(&str, &str)] = &[
    ("int", "42"),
    ("float", "3.5"),
    ("bool", "true"),
    ("null", "null"),
    ("list", "[x]"),
    ("map", "{a: b}"),
];
const NULLS: &[(&str, &str)] = &[("tilde", "~"), ("empty", "")];
const HUGE: &[(&str, &str)] = &[
    ("1e400", "1e400"),
    ("-1e400", "-1e400"),
    ("20-digits", "99999999999999999999"),
];
const NON_FINITE: &[&str] = &[".inf", "-.Inf", ".NaN", "+.INF"];
const YAML11: &[&str] = &[
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "0777", "1_000", "1:20", "0b101", "0x_1",
];
const DATES: &[(&str, &str)] = &[
    ("feb-30", "2021-02-30"),
    ("month-13", "2021-13-01"),
    ("short-year", "21-1-1"),
    ("unpadded", "2021-1-1"),
    ("timestamp", "2021-12-10T10:00:00"),
    ("spaced-time", "2021-12-10 10:00"),
    ("as-int", "20211210"),
    ("zeros", "0000-00-00"),
    ("quoted-feb-29", "\"2021-02-29\""),
    ("slashes", "2021/12/10"),
    ("trailing-newline", "\"2021-12-10\\n\""),
    ("arabic-digits", "\"٢٠٢١-١٢-١٠\""),
    ("fullwidth-digits", "\"２０２１-１２-１０\""),
    ("year-zero", "0000-01-01"),
    ("century-feb-29", "2100-02-29"),
    ("apr-31", "2021-04-31"),
    ("leap-2000", "2000-02-29"),
];

/// Values for keys the shipped tracker does not use, added where the schema allows
/// them: (where, first key of that mapping, key, values).
const ABSENT: &[(&str, &str, &str, &[&str])] = &[
    ("root", "schema_version", "closed", DATED_REASONS),
    (
        "source",
        "sources.icg-306.title",
        "correction",
        DATED_REASONS,
    ),
    (
        "entry",
        "recommendations.unify-ranks.steps.government-consensus.history.0.date",
        "correction",
        DATED_REASONS,
    ),
    (
        "step",
        "recommendations.unify-ranks.steps.foreign-partners.status",
        "next_review",
        &[
            "2021-12-01",
            "2021-02-30",
            "2021-1-1",
            "42",
            ".inf",
            "~",
            "yes",
            "[2021-12-01]",
        ],
    ),
    (
        "evidence",
        "recommendations.unify-ranks.steps.government-consensus.history.0.evidence.0.source",
        "stance",
        &[
            "supports",
            "contradicts",
            "Contradicts",
            "\"supports \"",
            "support",
            "42",
            ".inf",
            "~",
            "yes",
            "[supports]",
        ],
    ),
];
/// Dated on the tracker's `as_of`, so a good one raises nothing (no entry is later).
const DATED_REASONS: &[&str] = &[
    "{date: 2021-12-10, reason: A reason}",
    "{date: 2021-02-30, reason: A reason}",
    "{date: 2021-12-1, reason: A reason}",
    "{date: .inf, reason: A reason}",
    "{date: 20211201, reason: A reason}",
    "{date: 2021-12-10, reason: \"\"}",
    "{date: 2021-12-10, reason: ~}",
    "{date: 2021-12-10, reason: 42}",
    "{date: 2021-12-10, reason: .inf}",
    "{date: 2021-12-10, reason: -.inf}",
    "{date: 2021-12-10}",
    "{reason: A reason}",
    "{date: 2021-12-10, reason: A reason, by: me}",
    "{}",
    "~",
    "[]",
    "A reason",
];
const ENUM_TYPOS: &[(&str, &str)] = &[
    ("acheived", "acheived"),
    ("capital", "Achieved"),
    ("upper", "ACHIEVED"),
    ("trailing-space", "\"achieved \""),
    ("space", "in progress"),
    ("underscore", "in_progress"),
    ("zwsp", "\"in-progress\\u200B\""),
];
const SCHEMA_VERSIONS: &[&str] = &[
    "1.0", "2", "0", "-1", "\"1\"", "1e0", "+1", "0x1", "0o1", "01", "1.5", "true",
];

const URLS: &[(&str, &str)] = &[
    ("good", "https://example.org/a"),
    ("ftp", "ftp://example.org/a"),
    ("no-scheme", "example.org/a"),
    ("space", "\"https://example.org/a b\""),
    ("tab", "\"https://example.org/\\t\""),
    ("vt", "\"https://example.org/\\v\""),
    ("newline", "\"https://example.org/\\n\""),
    ("nel", "\"https://example.org/\\N\""),
    ("nbsp", "\"https://example.org/\\_\""),
    ("ogham", "\"https://example.org/\\u1680\""),
    ("mvs", "\"https://example.org/\\u180E\""),
    ("en-quad", "\"https://example.org/\\u2000\""),
    ("zwsp", "\"https://example.org/\\u200B\""),
    ("ls", "\"https://example.org/\\L\""),
    ("ps", "\"https://example.org/\\P\""),
    ("nnbsp", "\"https://example.org/\\u202F\""),
    ("ideographic", "\"https://example.org/\\u3000\""),
    ("bom", "\"https://example.org/\\uFEFF\""),
    ("empty", "\"https://\""),
    ("int", "42"),
    ("inf", ".inf"),
];

/// Characters a reader cannot see or that YAML forbids raw: (label, escaped form in a
/// double-quoted scalar, raw character).
const INVISIBLE: &[(&str, &str, char)] = &[
    ("bel", "\\a", '\u{7}'),
    ("del", "\\x7F", '\u{7f}'),
    ("zwsp", "\\u200B", '\u{200b}'),
    ("bom", "\\uFEFF", '\u{feff}'),
    ("rlo", "\\u202E", '\u{202e}'),
    ("nbsp", "\\u00A0", '\u{a0}'),
    ("nonchar", "\\uFFFE", '\u{fffe}'),
];

fn is_date(node: &Node) -> bool {
    matches!(
        node.key.as_deref(),
        Some("as_of" | "date" | "published" | "next_review")
    )
}

fn is_id_value(node: &Node) -> bool {
    node.path == ["id"] || node.key.as_deref() == Some("source")
}

/// Keys that are ids: sources, recommendations, steps.
fn is_id_key(node: &Node) -> bool {
    let n = node.path.len();
    node.key.is_some()
        && n >= 2
        && matches!(
            node.path[n - 2].as_str(),
            "sources" | "recommendations" | "steps"
        )
}

fn generate(lines: &[String]) -> Vec<Mutant> {
    let nodes = walk(lines);
    let mut m = Mutants {
        lines,
        nodes: &nodes,
        out: Vec::new(),
    };
    // The big batteries run on one node per schema position and original value class
    // (statuses and cited sources by value, because their meaning differs): twelve
    // copies of a history date would test the same thing twelve times.
    let mut seen: HashSet<String> = HashSet::new();
    for node in &nodes {
        let Some(key) = node.key.clone() else {
            m.delete_item(node);
            continue;
        };
        let class = match key.as_str() {
            "status" | "source" => node.text(),
            _ => String::new(),
        };
        let first = seen.insert(format!("{}={class}", node.position()));

        m.delete_key(node);
        let title_case: String = key
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        if first {
            m.rename("rename-key", "capital", node, &title_case);
            for (label, value) in NULLS {
                m.set_value("null", label, node, value);
            }
        }
        if first {
            // Keys that are not text in YAML: a number, a boolean, null.
            for (label, other) in KEY_TYPES {
                m.rename("key-type", label, node, other);
            }
        }
        if is_id_key(node) {
            if let Some(twin) = homoglyph(&key) {
                m.rename("homoglyph", "key", node, &twin);
            }
            m.rename("nfc-nfd", "nfc-key", node, &format!("{key}é"));
            m.rename("nfc-nfd", "nfd-key", node, &nfd(&format!("{key}é")));
            m.rename("invisible", "zwsp-key", node, &format!("{key}\u{200b}"));
        }
        if !node.is_scalar() {
            if first && !node.on_dash {
                m.set_value("type", "scalar", node, "42");
                m.set_value("type", "list", node, "[]");
            }
            continue;
        }
        let text = node.text();
        if is_id_value(node) {
            if let Some(twin) = homoglyph(&text) {
                m.set_value("homoglyph", "value", node, &twin);
            }
            m.set_value("nfc-nfd", "nfc-id", node, &format!("{text}é"));
            m.set_value("nfc-nfd", "nfd-id", node, &nfd(&format!("{text}é")));
            m.set_value(
                "anchor",
                "trailing-newline",
                node,
                &format!("\"{text}\\n\""),
            );
            m.set_value("anchor", "leading-newline", node, &format!("\"\\n{text}\""));
        }
        if node.path == ["schema_version"] {
            for value in SCHEMA_VERSIONS {
                m.set_value("schema-version", value, node, value);
            }
        }
        if is_date(node) && first {
            for (label, value) in DATES {
                m.set_value("date", label, node, value);
            }
        }
        if key == "status" && first {
            for (label, value) in ENUM_TYPOS {
                m.set_value("enum", label, node, value);
            }
        }
        if text.chars().any(|c| nfd(&c.to_string()) != c.to_string()) {
            m.set_value("nfc-nfd", "nfd-text", node, &format!("\"{}\"", nfd(&text)));
        }
        if !first {
            continue;
        }
        for (label, value) in TYPES {
            m.set_value("type", label, node, value);
        }
        for (label, value) in HUGE {
            m.set_value("huge", label, node, value);
        }
        for value in NON_FINITE {
            m.set_value("non-finite", value, node, value);
        }
        for value in YAML11 {
            m.set_value("yaml11", value, node, value);
        }
        if node.path.last().map(String::as_str) == Some("authors") {
            for value in ["[.inf]", "[42]", "[~]", "[yes]", "[1_000]", "[[x]]"] {
                m.set_value("type", &format!("item{value}"), node, value);
            }
        }
        // Invisible characters where text is expected: escaped (valid YAML, odd text)
        // and raw (YAML forbids some of them in a stream).
        let bare = if text.contains(' ') || text.contains(':') {
            "text".to_string()
        } else {
            text.clone()
        };
        for (label, escaped, raw) in INVISIBLE {
            m.set_value(
                "invisible",
                &format!("escaped-{label}"),
                node,
                &format!("\"{bare}{escaped}\""),
            );
            m.set_value(
                "invisible",
                &format!("raw-{label}"),
                node,
                &format!("{bare}{raw}x"),
            );
        }
    }
    // Keys added to every mapping: an unknown key, a near miss of a sibling, and a
    // YAML 1.1 merge key (not YAML 1.2).
    let mut firsts: Vec<&Node> = Vec::new();
    let mut parents: HashSet<Vec<String>> = HashSet::new();
    for node in &nodes {
        if node.key.is_some() && parents.insert(node.path[..node.path.len() - 1].to_vec()) {
            firsts.push(node);
        }
    }
    for (place, first, key, values) in ABSENT {
        let first = nodes
            .iter()
            .find(|n| n.dotted() == *first)
            .unwrap_or_else(|| panic!("the shipped tracker has no {first}"));
        for value in *values {
            m.add_key(
                "absent-key",
                &format!("{place}.{key}={value}"),
                first,
                &format!("{key}: {value}"),
            );
        }
    }
    let mut url_seen: HashSet<String> = HashSet::new();
    for first in firsts {
        let key = first.key.as_deref().unwrap_or_default();
        m.add_key("add-key", "unknown", first, "unknown-key: 1");
        m.add_key("add-key", "near-miss", first, &format!("{key}s: x"));
        m.add_key("add-key", "merge", first, "<<: {unknown-key: 1}");
        m.add_key("add-key", "merge-same", first, &format!("<<: {{{key}: x}}"));
        // A repeated key: a reader of the last value and a reader of the first would
        // see different trackers, so both tools must refuse it, at the repeat.
        let again = first.inline.as_deref().unwrap_or("x");
        let again = if again.starts_with('>') { "x" } else { again };
        m.add_key("add-key", "duplicate", first, &format!("{key}: {again}"));
        // The shipped tracker has no `url`: one is added wherever the schema allows it
        // (sources and evidence), good and bad. Which characters count as the `\s` of
        // the URL pattern differs between regex dialects, so each kind of space is tried.
        let url_here = first.path.len() >= 3
            && (first.path[first.path.len() - 3] == "sources" || key == "source");
        if url_here && url_seen.insert(first.position()) {
            for (label, value) in URLS {
                m.add_key("url", label, first, &format!("url: {value}"));
            }
        }
    }
    m.out
}

/// `*` matches any run of characters; everything else is literal.
fn glob(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some((first, rest)) = parts.split_first() else {
        return pattern == name;
    };
    let Some(mut tail) = name.strip_prefix(first) else {
        return false;
    };
    for (i, part) in rest.iter().enumerate() {
        if i == rest.len() - 1 {
            return tail.ends_with(part);
        }
        match tail.find(part) {
            Some(at) => tail = &tail[at + part.len()..],
            None => return false,
        }
    }
    tail.is_empty()
}

/// What one tool said about one file.
#[derive(Debug, Default, Clone)]
struct Verdict {
    rejected: bool,
    /// (line, rule, message) of each error; check-jsonschema has no lines: 0.
    errors: Vec<(usize, String, String)>,
}

fn check_jsonschema(
    validator: &str,
    dir: &std::path::Path,
    files: &[String],
) -> HashMap<String, Verdict> {
    // Two processes, each over half the files: Python's per-file cost dominates the
    // test, and CI machines have at least two cores.
    let children: Vec<_> = files
        .chunks(files.len().div_ceil(2).max(1))
        .map(|chunk| {
            std::process::Command::new(validator)
                .current_dir(dir)
                .args(["--schemafile", "schema/tracker.schema.json", "-o", "json"])
                .args(chunk)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("check-jsonschema runs")
        })
        .collect();
    let mut verdicts: HashMap<String, Verdict> = HashMap::new();
    for child in children {
        let out = child.wait_with_output().expect("check-jsonschema finishes");
        let report: Json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "check-jsonschema printed no JSON ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        for (list, rule) in [("errors", "schema"), ("parse_errors", "parse")] {
            for e in report[list].as_array().into_iter().flatten() {
                let file = e["filename"].as_str().unwrap_or_default().to_string();
                let v = verdicts.entry(file).or_default();
                v.rejected = true;
                v.errors.push((
                    0,
                    rule.to_string(),
                    format!(
                        "{} {}",
                        e["path"].as_str().unwrap_or_default(),
                        e["message"].as_str().unwrap_or_default()
                    ),
                ));
            }
        }
    }
    verdicts
}

fn rectrack_verdicts(dir: &std::path::Path) -> HashMap<String, Verdict> {
    let (code, stdout, stderr) = run(rectrack()
        .current_dir(dir)
        .args(["check", "--format", "json", "--max-diagnostics", "0"])
        .args(["--today", "2030-01-01", "tracker"]));
    assert!(code <= 1, "rectrack check failed to run ({code}): {stderr}");
    let report: Json = serde_json::from_str(&stdout).expect("rectrack prints JSON");
    let mut verdicts = HashMap::new();
    for f in report["files"].as_array().expect("files[]") {
        let path = f["path"].as_str().unwrap_or_default().to_string();
        let mut v = Verdict::default();
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            // Mutants of the id share ids with each other; that they do is no finding
            // about the mutated node.
            if d["severity"] != "error" || d["rule"] == "duplicate-id" {
                continue;
            }
            v.rejected = true;
            v.errors.push((
                d["line"].as_u64().unwrap_or_default() as usize,
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            ));
        }
        verdicts.insert(path, v);
    }
    verdicts
}

#[test]
fn mutants_generate_deterministically_and_aim_at_their_node() {
    let lines: Vec<String> = read(SHIPPED).lines().map(str::to_string).collect();
    let a = generate(&lines);
    let b = generate(&lines);
    assert!(a.len() >= 500, "only {} mutants", a.len());
    assert_eq!(
        a.iter().map(|m| &m.name).collect::<Vec<_>>(),
        b.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
    // Every kind of mutation the issue names is generated.
    for kind in [
        "delete-key",
        "add-key",
        "type",
        "date",
        "null",
        "enum",
        "huge",
        "non-finite",
        "invisible",
        "nfc-nfd",
        "homoglyph",
        "yaml11",
        "key-type",
        "absent-key",
        "url",
    ] {
        assert!(a.iter().any(|m| m.kind == kind), "no `{kind}` mutant");
    }
    let names: HashSet<&String> = a.iter().map(|m| &m.name).collect();
    assert_eq!(names.len(), a.len(), "mutant names are unique");
    // The walker finds what a reader sees: spot checks against the file itself.
    let nodes = walk(&lines);
    let find = |dotted: &str| {
        nodes
            .iter()
            .find(|n| n.dotted() == dotted)
            .unwrap_or_else(|| panic!("no node {dotted}"))
    };
    let date = find("recommendations.unify-ranks.steps.jnim-consensus.history.1.date");
    assert_eq!(date.inline.as_deref(), Some("2021-12-10"));
    assert!(date.on_dash);
    let note = find("recommendations.unify-ranks.steps.government-consensus.history.0.note");
    assert_eq!(note.end, note.line + 2, "folded note spans its lines");
    let evidence =
        find("recommendations.unify-ranks.steps.government-consensus.history.0.evidence");
    assert_eq!(
        lines[evidence.end].trim(),
        "locator: Executive Summary, paragraph 3"
    );
    for m in &a {
        assert_ne!(m.text, lines, "{} changes the file", m.name);
        assert!(
            m.at.0 >= 1 && m.at.1 <= m.text.len(),
            "{}: {:?}",
            m.name,
            m.at
        );
    }
    assert!(glob("yaml11:1_000@*", "yaml11:1_000@id"));
    assert!(!glob("yaml11:1_000@*", "yaml11:1_0000@id"));
    assert!(glob("a*b*c", "a-x-b-y-c"));
    assert!(!glob("a*b", "a-x-b-y"));
}

#[test]
fn check_jsonschema_rejects_nothing_that_rectrack_accepts() {
    let Some(validator) = crate::check_jsonschema("the differential test") else {
        eprintln!("skipped: RECTRACK_CHECK_JSONSCHEMA is not set (./scripts/test sets it)");
        return;
    };
    let lines: Vec<String> = read(SHIPPED).lines().map(str::to_string).collect();
    let mutants = generate(&lines);
    let id_line = lines
        .iter()
        .position(|l| l.starts_with("id: "))
        .expect("the shipped tracker has an id");
    let (dir, trackers) = sandbox();
    let mut files = Vec::new();
    for (i, m) in mutants.iter().enumerate() {
        let mut text = m.text.clone();
        // Each mutant is its own tracker, unless its id is what was mutated.
        if let Some(line) = text.iter_mut().find(|l| **l == lines[id_line]) {
            *line = format!("id: mutant-{i}");
        }
        let name = format!("tracker/m{i:04}.yaml");
        std::fs::write(
            trackers.join(format!("m{i:04}.yaml")),
            text.join("\n") + "\n",
        )
        .unwrap();
        files.push(name);
    }
    let peer = check_jsonschema(&validator, dir.path(), &files);
    let ours = rectrack_verdicts(dir.path());

    let mut failures = String::new();
    let mut intended_used = vec![false; INTENDED.len()];
    let mut per_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut stricter: Vec<String> = Vec::new();
    for (m, file) in mutants.iter().zip(&files) {
        let theirs = peer.get(file).cloned().unwrap_or_default();
        let mine = ours
            .get(file)
            .cloned()
            .unwrap_or_else(|| panic!("rectrack did not report {file}"));
        let tally = per_kind.entry(m.kind.as_str()).or_default();
        tally.0 += 1;
        tally.1 += usize::from(theirs.rejected);
        tally.2 += usize::from(mine.rejected);
        if !theirs.rejected {
            // rectrack's own rules reject more than the schema: that direction is fine,
            // and worth seeing when the tools are compared.
            if let Some((_, rule, _)) = mine.errors.first() {
                stricter.push(format!("{} [{rule}]", m.name));
            }
            continue;
        }
        let problem = if !mine.rejected {
            Waives::Rejection
        } else if mine
            .errors
            .iter()
            .any(|(line, ..)| (m.at.0..=m.at.1).contains(line))
        {
            continue;
        } else {
            Waives::Place
        };
        let waived = |list: &[Difference], used: &mut [bool]| {
            let mut hit = false;
            for (i, (pattern, waives, _)) in list.iter().enumerate() {
                if *waives == problem && glob(pattern, &m.name) {
                    used[i] = true;
                    hit = true;
                }
            }
            hit
        };
        if waived(INTENDED, &mut intended_used) {
            continue;
        }
        let what = match problem {
            Waives::Rejection => "check-jsonschema rejects it, rectrack accepts it".to_string(),
            Waives::Place => format!(
                "rectrack has no error on line {}",
                if m.at.0 == m.at.1 {
                    m.at.0.to_string()
                } else {
                    format!("{}-{}", m.at.0, m.at.1)
                }
            ),
        };
        let _ = writeln!(failures, "\n{} ({file}): {what}", m.name);
        let shown = |line: &str| line.escape_debug().to_string();
        let _ = writeln!(
            failures,
            "  mutated line: {}",
            shown(m.text.get(m.at.0 - 1).map_or("", String::as_str))
        );
        for (_, _, msg) in &theirs.errors {
            let _ = writeln!(failures, "  check-jsonschema: {}", shown(msg));
        }
        for (line, rule, msg) in &mine.errors {
            let _ = writeln!(failures, "  rectrack: {line}: [{rule}] {}", shown(msg));
        }
    }

    let mut summary = format!(
        "{} mutants of {SHIPPED}\n{:<16} {:>7} {:>17} {:>9}\n",
        mutants.len(),
        "kind",
        "mutants",
        "check-jsonschema",
        "rectrack"
    );
    for (kind, (n, theirs, mine)) in &per_kind {
        let _ = writeln!(summary, "{kind:<16} {n:>7} {theirs:>17} {mine:>9}");
    }
    eprintln!(
        "{summary}rejected by rectrack only ({}):\n  {}",
        stricter.len(),
        stricter.join("\n  ")
    );

    for (i, used) in intended_used.iter().enumerate() {
        if !used {
            let _ = writeln!(
                failures,
                "\nINTENDED entry `{}` matches no disagreement: remove it, or the mutant it names is gone",
                INTENDED[i].0
            );
        }
    }
    assert!(failures.is_empty(), "{summary}{failures}");
}
