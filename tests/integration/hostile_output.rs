//! Tracker content cannot steer any output: a tracker whose title, notes, keys, source
//! title, locator, URL and file name hold workflow commands, terminal escapes, HTML,
//! Markdown and spreadsheet formulas, run through every output kind of `check`,
//! `status`, `report` and `diff`.

use crate::history::git_in;
use crate::{SHIPPED, read, root};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::path::{Path, PathBuf};

/// A title with a forged command, a heading, HTML, a lone CR, a table pipe, OSC and
/// CSI sequences, the one-byte CSI, a bidi override and a formula (YAML escapes).
const TITLE: &str = r#""T\n::error file=x::forged\n# H <img src=x onerror=alert(1)>\r| a | b \e]0;pwned\a \e[2J \u009b31m \u202e =HYPERLINK(1)""#;

/// A note: a formula first (for CSV), `::stop-commands::`, an OSC 8 link, raw HTML and
/// a Markdown link.
const NOTE: &str = r#""=HYPERLINK(\"http://x\")\n::stop-commands::pause\n\e]8;;http://evil\e\\link\e]8;;\e\\ <script>x</script> | [x](javascript:1)""#;

/// A key for `check`: it is unknown, so its name is quoted in the diagnostic.
const KEY: &str = r#""x\n::stop-commands::pause\n::error file=f.yaml,line=1::forged\n\e]0;t\a": 1"#;

/// A file name Linux allows: a formula, a newline and a command, an escape, HTML.
const FILE: &str = "=f\n::error::x\u{1b}[2J <i>#?%.yaml";

/// The name of the file with the hostile key (`check` shows it in every diagnostic).
const KEY_FILE: &str = "k\n::error::y\u{1b}]0;t\u{7}\u{9b}2J:b.yaml";

/// The shipped tracker with every payload in place.
fn hostile_tracker() -> String {
    let text = read(SHIPPED);
    let edits: [(&str, String); 5] = [
        (
            "title: Dialogue between the Malian authorities and JNIM",
            format!("title: {TITLE}"),
        ),
        (
            "            note: ICG reports that JNIM has not said who might represent it at the table.",
            format!("            note: {NOTE}"),
        ),
        (
            "    title: \"Mali: Enabling Dialogue with the Jihadist Coalition JNIM\"",
            format!("    title: {TITLE}"),
        ),
        (
            "    publisher: International Crisis Group",
            "    publisher: International Crisis Group\n    url: \"https://x.org/a\\\"><img/src=x/onerror=alert(1)>\"".to_string(),
        ),
        (
            "                locator: Executive Summary, paragraph 4",
            r#"                locator: "@SUM(1)\n# loc <b>x</b> \e[2J""#.to_string(),
        ),
    ];
    let mut text = text;
    for (from, to) in edits {
        assert!(text.contains(from), "the edit applies: {from}");
        text = text.replacen(from, &to, 1);
    }
    text
}

/// A folder `tracker/` with the hostile tracker under the hostile file name (valid,
/// so `status` and `report` accept it) and the schema its modeline points at.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let (dir, trackers) = crate::sandbox();
    std::fs::write(trackers.join(FILE), hostile_tracker()).unwrap();
    (dir, trackers)
}

/// `rectrack` in `dir`, colours forced on: the stream is then written as it is (no
/// stripping on the way), as a terminal or a CI log would receive it.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .args(["--color", "always"])
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    crate::run(&mut cmd)
}

/// rectrack's own colours (SGR sequences), which are not the tracker's.
fn without_colours(text: &str) -> String {
    regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(text, "")
        .into_owned()
}

/// One of rectrack's own annotations, well-formed: known command, numeric positions,
/// properties with no raw `:` or `,`.
fn own_annotation(line: &str) -> bool {
    let re = regex::Regex::new(
        r"^::(error|warning) file=[^:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=rectrack [a-z-]+::[^\r\n]*$|^::error title=rectrack::[^\r\n]*$",
    )
    .unwrap();
    re.is_match(line)
}

/// What every output must satisfy: no raw control character but LF (and tab), no
/// ESC/BEL/CR/C1 or bidi override, and no line that starts with `::` other than
/// rectrack's own well-formed annotations (when `annotations` says there are some).
fn assert_inert(what: &str, text: &str, annotations: bool) {
    let text = without_colours(text);
    for c in text.chars() {
        assert!(
            !(('\u{202a}'..='\u{202e}').contains(&c) || (c.is_control() && c != '\n' && c != '\t')),
            "{what}: raw {c:?} in the output:\n{text}"
        );
    }
    for line in text.lines() {
        if line.trim_start().starts_with("::") {
            assert!(
                annotations && own_annotation(line),
                "{what}: a line a CI runner would obey: {line:?}"
            );
        }
    }
}

/// `check` over a folder with the hostile tracker and a file with the hostile key.
fn check_folder() -> (tempfile::TempDir, PathBuf) {
    let (dir, trackers) = folder();
    let keyed = read(SHIPPED)
        .replacen("id: mali-jnim-dialogue", "id: hostile-key", 1)
        .replacen("as_of: 2021-12-10", &format!("as_of: 2021-12-10\n{KEY}"), 1);
    std::fs::write(trackers.join(KEY_FILE), keyed).unwrap();
    (dir, trackers)
}

#[test]
fn check_human_output_is_inert() {
    let (dir, _) = check_folder();
    let (code, out, err) = run_in(dir.path(), &["check", "tracker"], &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("unknown key"), "{out}");
    assert_inert("check (human)", &out, false);
    assert_inert("check (human, stderr)", &err, false);
    // The payloads are shown, visibly: the reader sees what the file holds.
    let plain = without_colours(&out);
    assert!(
        plain.contains(r"x\n::stop-commands::pause\n::error"),
        "{plain}"
    );
    assert!(
        plain.contains(r"k\n::error::y\u{1b}]0;t\u{7}\u{9b}2J:b.yaml"),
        "{plain}"
    );
}

#[test]
fn check_human_output_in_github_actions_has_only_rectrack_s_annotations() {
    let (dir, _) = check_folder();
    let (code, out, err) = run_in(
        dir.path(),
        &["check", "tracker"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert_inert("check (GitHub Actions)", &out, true);
    assert_inert("check (GitHub Actions, stderr)", &err, false);
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert!(
        annotations
            .iter()
            .any(|l| l.starts_with("::error file=tracker/k%0A%3A%3Aerror%3A%3Ay")),
        "{annotations:#?}"
    );
}

#[test]
fn check_machine_formats_are_inert_and_parse() {
    let (dir, _) = check_folder();
    let (_, github, _) = run_in(dir.path(), &["check", "tracker", "--format", "github"], &[]);
    assert_inert("check --format github", &github, true);
    assert!(github.lines().all(own_annotation), "{github}");
    assert!(
        github.contains("::error file=tracker/k%0A%3A%3Aerror%3A%3Ay"),
        "{github}"
    );

    let (_, junit, _) = run_in(dir.path(), &["check", "tracker", "--format", "junit"], &[]);
    assert_inert("check --format junit", &junit, false);
    well_formed("junit", &junit);

    let (_, sarif, _) = run_in(dir.path(), &["check", "tracker", "--format", "sarif"], &[]);
    assert_inert("check --format sarif", &sarif, false);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let uris: Vec<String> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(!uris.is_empty());
    for uri in &uris {
        assert_uri_reference(uri);
    }
    let names: Vec<String> = uris.iter().map(|u| percent_decode(u)).collect();
    assert!(names.contains(&format!("tracker/{KEY_FILE}")), "{names:?}");

    let (_, json, _) = run_in(dir.path(), &["check", "tracker", "--format", "json"], &[]);
    assert_inert("check --format json", &json, false);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // JSON keeps the data exactly: the file name round-trips.
    assert!(
        paths.contains(&format!("tracker/{KEY_FILE}").as_str()),
        "{paths:?}"
    );
}

/// A URI reference as RFC 3986 writes it: only unreserved, reserved and `%XX`.
fn assert_uri_reference(uri: &str) {
    let bytes = uri.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            assert!(
                bytes.len() > i + 2
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit(),
                "bad percent escape in {uri:?}"
            );
            i += 3;
            continue;
        }
        assert!(
            b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b),
            "{uri:?} holds {:?}",
            char::from(b)
        );
        i += 1;
    }
    // A relative reference whose first segment has a `:` would be read as a scheme.
    let first = uri.split('/').next().unwrap_or_default();
    assert!(
        !first.contains(['#', '?']) && !first.contains(':'),
        "{uri:?}"
    );
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Reads an XML document to its end.
fn well_formed(what: &str, xml: &str) {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                // Characters XML 1.0 allows (quick-xml itself does not check).
                let text = t.xml10_content();
                let bad = text.chars().find(|&c| {
                    !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
                });
                assert!(bad.is_none(), "{what}: {bad:?} is not an XML character");
            }
            Ok(_) => {}
            Err(e) => panic!(
                "{what}: not well-formed at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{what}: unbalanced");
}

/// No HTML from a tracker became an element.
fn no_injected_html(what: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    // rectrack writes `<b>` itself; the payload's holds `x`.
    let selector = scraper::Selector::parse("img, script, i, b").unwrap();
    let found: Vec<String> = doc
        .select(&selector)
        .filter(|e| e.value().name() != "b" || e.text().collect::<String>() == "x")
        .map(|e| e.html())
        .collect();
    assert!(found.is_empty(), "{what}: injected elements {found:?}");
}

/// Markdown with no HTML and no line of the tracker's making: every `<` opens one of
/// rectrack's autolinks, and no line starts with the payloads' `#` or `::`.
fn assert_markdown(what: &str, md: &str) {
    for (i, _) in md.match_indices('<') {
        assert!(
            md[i..].starts_with("<https://"),
            "{what}: raw < at {i}: {md}"
        );
    }
    let autolinks = regex::Regex::new(r"<https://[^<>\s]*>").unwrap();
    for link in autolinks.find_iter(md) {
        assert!(!link.as_str()[1..link.len() - 1].contains(['<', '>', '"']));
    }
    for line in md.lines() {
        for bad in [
            "# H",
            "# loc",
            "::",
            "=HYPERLINK",
            "[x](",
            "<img",
            "<script",
        ] {
            assert!(
                !line.starts_with(bad),
                "{what}: a line of the tracker's: {line:?}"
            );
        }
    }
    // The title's heading is one line, with its `#` and `|` escaped.
    assert!(
        md.contains(r"\# H &lt;img src=x onerror=alert(1)&gt;"),
        "{what}: {md}"
    );
}

#[test]
fn status_outputs_are_inert() {
    let (dir, _) = folder();
    let (code, table, err) = run_in(dir.path(), &["status", "tracker"], &[]);
    assert_eq!(code, 0, "{table}{err}");
    assert_inert("status (table)", &table, false);
    assert!(
        without_colours(&table).starts_with(r"T\n::error file=x::forged\n# H"),
        "{table}"
    );

    let (_, md, _) = run_in(
        dir.path(),
        &["status", "tracker", "--format", "markdown"],
        &[],
    );
    assert_inert("status --format markdown", &md, false);
    assert_markdown("status --format markdown", &md);
    // One heading line, no pipe of the title's left to split a table.
    let heading = md.lines().next().unwrap();
    assert!(heading.starts_with("## T "), "{heading}");
    assert!(!heading.replace(r"\|", "").contains('|'), "{heading}");

    let (_, json, _) = run_in(dir.path(), &["status", "tracker", "--format", "json"], &[]);
    assert_inert("status --format json", &json, false);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let title = doc["trackers"][0]["title"].as_str().unwrap();
    assert!(
        title.starts_with("T\n::error file=x::forged\n# H <img"),
        "{title:?}"
    );
    assert!(title.contains("\u{1b}]0;pwned\u{7}") && title.contains('\u{9b}'));

    let (_, csv, _) = run_in(dir.path(), &["status", "tracker", "--format", "csv"], &[]);
    assert_inert("status --format csv", &csv, false);
    assert_csv("status --format csv", &csv);

    let (_, html, _) = run_in(dir.path(), &["status", "tracker", "--format", "html"], &[]);
    assert_inert("status --format html", &html, false);
    no_injected_html("status --format html", &html);
}

/// No cell a spreadsheet would read as a formula.
fn assert_csv(what: &str, csv: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    for r in &records {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: a formula cell {cell:?}"
            );
        }
    }
    records
}

#[test]
fn report_outputs_are_inert() {
    let (dir, _) = folder();
    let report = |format: &str, extra: &[&str]| {
        let mut args = vec!["report", "tracker", "--format", format];
        args.extend(extra);
        let (code, out, err) = run_in(dir.path(), &args, &[]);
        assert_eq!(code, 0, "{format}: {out}{err}");
        assert_inert(&format!("report --format {format} {extra:?}"), &out, false);
        assert_inert("report (stderr)", &err, false);
        out
    };

    let csv = report("csv", &[]);
    assert_csv("report csv", &csv);
    let long = report("csv", &["--long"]);
    let records = assert_csv("report csv --long", &long);
    let notes: Vec<&str> = records.iter().filter_map(|r| r.get(13)).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("'=HYPERLINK(\"http://x\")")),
        "{notes:?}"
    );
    let files: Vec<&str> = records.iter().filter_map(|r| r.get(1)).collect();
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("'tracker/=f") || f.starts_with("tracker/=f")),
        "{files:?}"
    );

    let md = report("markdown", &[]);
    assert_markdown("report markdown", &md);
    assert!(
        md.contains("<https://x.org/a%22%3E%3Cimg/src=x/onerror=alert(1)%3E>"),
        "{md}"
    );

    let html = report("html", &[]);
    no_injected_html("report html", &html);
    // The title is text, whole, in the page's title and heading.
    let doc = scraper::Html::parse_document(&html);
    let h1 = doc
        .select(&scraper::Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        h1.contains("T\n::error file=x::forged\n# H <img src=x onerror=alert(1)>"),
        "{h1:?}"
    );

    let svg = report("svg", &[]);
    well_formed("report svg", &svg);

    let json = report("json", &[]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json.contains("onerror"), "{doc}");
}

#[test]
fn diff_outputs_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| git_in(repo, args);
    git(&["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(repo.join("schema")).unwrap();
    std::fs::create_dir_all(repo.join("tracker")).unwrap();
    std::fs::copy(
        root().join("schema/tracker.schema.json"),
        repo.join("schema/tracker.schema.json"),
    )
    .unwrap();
    std::fs::write(repo.join(SHIPPED), read(SHIPPED)).unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    // Moved to the hostile name, title and a recorded note rewritten, a step with a
    // hostile key added, and an entry appended whose note is a payload.
    std::fs::remove_file(repo.join(SHIPPED)).unwrap();
    let text = hostile_tracker()
        .replacen(
            "      jnim-consensus:",
            "      \"s\\n::error::step <b>x</b> \\e[2J\":\n        status: unknown\n      jnim-consensus:",
            1,
        )
        .replacen(
            "      jnim-team:",
            &format!(
                "          - date: 2021-12-10\n            status: not-started\n            note: {NOTE}\n      jnim-team:"
            ),
            1,
        );
    std::fs::write(repo.join("tracker").join(FILE), text).unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "hostile"]);

    let (_, out, err) = run_in(repo, &["diff", "HEAD~1"], &[]);
    assert!(out.contains("changes since HEAD~1"), "{out}{err}");
    assert!(out.contains(r"::stop-commands::pause\n"), "{out}");
    assert_inert("diff (text)", &out, false);
    assert_inert("diff (stderr)", &err, false);

    let (_, md, _) = run_in(repo, &["diff", "HEAD~1", "--format", "markdown"], &[]);
    assert!(md.contains("stop-commands"), "{md}");
    assert_inert("diff --format markdown", &md, false);
    assert_markdown("diff --format markdown", &md);

    let (_, json, _) = run_in(repo, &["diff", "HEAD~1", "--format", "json"], &[]);
    assert_inert("diff --format json", &json, false);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["trackers"][0]["file"], format!("tracker/{FILE}"));
}
