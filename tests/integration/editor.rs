//! The editor agrees with `check` on structure: yaml-language-server 1.25, driven over
//! stdio as an editor drives it (see `lsp`), loads the schema through each file's
//! modeline, flags what `check` flags structurally (on the same line), passes what
//! `check` passes, completes statuses and step ids, and heads a hover with the hovered
//! thing's own title.
//!
//! What the editor cannot check (the semantic rules, and every comparison with
//! `--base`) is listed in [`EDITOR_CANNOT_CHECK`], which the fixtures keep true.
//!
//! `./scripts/test` installs the server into target/peers/node and points
//! RECTRACK_YAML_LANGUAGE_SERVER at it. A plain `cargo test` without it skips this
//! test with a message; under CI (CI=true) a missing server is a failure.

use crate::lsp::{Server, file_uri};
use crate::{SHIPPED, TODAY, read, rectrack, root, run, skip_or_fail};
use rectrack::check::rules::{RULES, Scope};
use rectrack::model::status::Status;
use serde_json::{Value as Json, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The longest any one answer may take (the whole test takes a few seconds).
const TIMEOUT: Duration = Duration::from_secs(30);

/// File rules whose findings the editor does not show: they compare values with one
/// another, with today, with other files or with the catalog's meaning, which a JSON
/// Schema cannot. (`yaml`: only where the text is legal YAML that rectrack refuses,
/// such as a second YAML document after `---`.) Every `--base` rule is beyond the
/// editor too: it sees one version of one file.
pub const EDITOR_CANNOT_CHECK: &[&str] = &[
    "back-to-not-started",
    // The editor validates with the schema its modeline names, whatever `catalog:` says.
    "catalog-unresolved",
    "date-after-as-of",
    "duplicate-id",
    "entry-after-close",
    "future-date",
    "history-order",
    "review-overdue",
    "stale-step",
    "status-mismatch",
    "unknown-source",
    "unused-source",
    "yaml",
];

/// Fixtures on which the editor and check-jsonschema differ, and why.
const EDITOR_DIFFERS: [(&str, &str); 2] = [
    (
        "yaml-two-documents.yaml",
        "a second YAML document is legal YAML to the editor, and no modeline names its schema",
    ),
    (
        "modeline-mismatch.yaml",
        "the editor cannot load the schema the modeline names: an error where `check` warns",
    ),
];

/// The server `./scripts/test` installed, or `None` (the test is skipped; under CI it
/// fails).
fn server_program() -> Option<PathBuf> {
    match std::env::var("RECTRACK_YAML_LANGUAGE_SERVER") {
        Ok(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => {
            skip_or_fail("RECTRACK_YAML_LANGUAGE_SERVER is not set (./scripts/test sets it)");
            None
        }
    }
}

/// Settings the server asks for, by section: validation, hover and completion on, and
/// the schema store off (it would download a catalog). A proxy on the discard port
/// makes any download the server might still try fail at once, on this machine.
fn settings() -> Json {
    json!({
        "yaml": {
            "validate": true,
            "hover": true,
            "completion": true,
            "schemaStore": {"enable": false},
        },
        "http": {"proxy": "http://127.0.0.1:9", "proxyStrictSSL": true},
    })
}

/// One finding of `check`, as its JSON output gives it.
#[derive(Debug)]
struct Finding {
    rule: String,
    line: u64,
    column: u64,
    error: bool,
}

/// `rectrack check --format json ARGS PATH`, the findings about `path` alone.
fn check(path: &str, args: &[&str]) -> Vec<Finding> {
    let (_, stdout, stderr) = run(rectrack()
        .args(["check", "--format", "json"])
        .args(args)
        .arg(path));
    let out: Json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    out["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| Finding {
            rule: d["rule"].as_str().unwrap().to_string(),
            line: d["line"].as_u64().unwrap(),
            column: d["column"].as_u64().unwrap(),
            error: d["severity"] == "error",
        })
        .collect()
}

/// The 1-based lines of the editor's error diagnostics, with their messages.
fn editor_errors(diagnostics: &Json) -> Vec<(u64, String)> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        // 1 is Error; a diagnostic without severity is left to the client (none here).
        .filter(|d| d["severity"] == 1)
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Starts the server, initialised, with its configuration answered.
fn start(program: &Path, workspace: &Path) -> Server {
    let mut server = Server::start(program, settings());
    let init = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": file_uri(workspace),
            "capabilities": {
                "workspace": {"configuration": true},
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": true}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {},
                },
            },
        }),
        TIMEOUT,
    );
    let info = &init["serverInfo"];
    if info["name"] != "yaml-language-server"
        || !info["version"]
            .as_str()
            .unwrap_or_default()
            .starts_with("1.25.")
    {
        server.fail(&format!(
            "this test speaks for yaml-language-server 1.25, not {info}"
        ));
    }
    server.notify("initialized", json!({}));
    // Documents are opened only once the server has its settings, so that none is
    // validated with the defaults (schema store on).
    server.wait_for("a workspace/configuration request", TIMEOUT, |m| {
        m["method"] == "workspace/configuration"
    });
    server
}

fn open(server: &mut Server, path: &Path, text: &str) -> String {
    let uri = file_uri(path);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    uri
}

/// Diagnostics for every one of `uris`, as first published.
fn diagnostics(server: &mut Server, uris: &[String]) -> BTreeMap<String, Json> {
    let mut got = BTreeMap::new();
    let wanted: BTreeSet<&String> = uris.iter().collect();
    server.wait_for(
        &format!("diagnostics for all {} files", uris.len()),
        TIMEOUT,
        |m| {
            if m["method"] == "textDocument/publishDiagnostics"
                && let Some(uri) = m["params"]["uri"].as_str()
                && wanted.contains(&uri.to_string())
            {
                got.entry(uri.to_string())
                    .or_insert_with(|| m["params"]["diagnostics"].clone());
            }
            got.len() == wanted.len()
        },
    );
    got
}

/// The 0-based number of the line that is exactly `line`.
fn line_of(text: &str, line: &str) -> u64 {
    let i = text
        .lines()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("no line {line:?}"));
    i as u64
}

/// A hover's heading (its first line, a Markdown title) and its text.
fn hover(server: &mut Server, uri: &str, line: u64, character: u64) -> (String, String) {
    let result = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        TIMEOUT,
    );
    let value = result["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let heading = value
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#### "))
        .unwrap_or_default()
        .to_string();
    (heading, value)
}

/// Completion items at a position: (label, the text it inserts).
fn complete(server: &mut Server, uri: &str, line: u64, character: u64) -> Vec<(String, String)> {
    let result = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        TIMEOUT,
    );
    let items = result
        .get("items")
        .or(Some(&result))
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .map(|i| {
            let text = i["textEdit"]["newText"]
                .as_str()
                .or(i["insertText"].as_str())
                .or(i["label"].as_str())
                .unwrap_or_default();
            (
                i["label"].as_str().unwrap_or_default().to_string(),
                text.to_string(),
            )
        })
        .collect()
}

#[test]
fn yaml_language_server_agrees_with_check() {
    let Some(program) = server_program() else {
        return;
    };
    // A copy of the repository's layout, so that each file's modeline finds the
    // committed schema where it finds it in the repository.
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path();
    let mut files: Vec<String> = vec![SHIPPED.to_string()];
    for folder in ["tests/fixtures/valid", "tests/fixtures/rules"] {
        let mut names: Vec<String> = std::fs::read_dir(root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| Path::new(n).extension().is_some_and(|e| e == "yaml"))
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{folder}/{n}")));
    }
    for path in files
        .iter()
        .map(String::as_str)
        .chain(["schema/tracker.schema.json"])
    {
        let to = workspace.join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(path), &to).unwrap();
    }

    let mut server = start(&program, workspace);
    let uris: Vec<String> = files
        .iter()
        .map(|f| open(&mut server, &workspace.join(f), &read(f)))
        .collect();
    let published = diagnostics(&mut server, &uris);

    let mut missed: BTreeSet<String> = BTreeSet::new();
    let mut flagged = 0;
    for (path, uri) in files.iter().zip(&uris) {
        let text = read(path);
        let name = path.rsplit('/').next().unwrap();
        let header = |key: &str| text.lines().find_map(|l| l.strip_prefix(key));
        let args: Vec<&str> = match header("# args: ") {
            Some(args) => args.split_whitespace().collect(),
            None if path.starts_with("tests/fixtures/rules/") => vec!["--today", "2022-01-01"],
            None => vec!["--today", TODAY],
        };
        let findings = check(path, &args);
        let errors = editor_errors(&published[uri]);
        let check_passes = findings.iter().all(|f| !f.error);
        // What check-jsonschema says of the file: the structural verdict.
        let structural_pass = header("# peer: ").is_none_or(|p| p.starts_with("pass"));
        assert!(
            !path.starts_with("tests/fixtures/rules/") || header("# peer: ").is_some(),
            "{path}: no `# peer:` line"
        );
        let differs = EDITOR_DIFFERS.iter().find(|(n, _)| *n == name);
        match differs {
            Some(("modeline-mismatch.yaml", _)) => assert!(
                errors
                    .iter()
                    .any(|(_, m)| m.contains("Unable to load schema")),
                "{path}: the editor should say it cannot load the schema: {errors:?}"
            ),
            Some((_, why)) => assert!(
                errors.is_empty() && !check_passes,
                "{path}: expected the editor to pass it ({why}) and check to fail it: {errors:?}"
            ),
            None => {
                assert_eq!(
                    errors.is_empty(),
                    structural_pass,
                    "{path}: the editor should {} it (check-jsonschema does); editor errors: {errors:?}; check: {findings:?}",
                    if structural_pass { "accept" } else { "reject" }
                );
                if check_passes {
                    assert!(errors.is_empty(), "{path}: check passes it: {errors:?}");
                }
                // Where check finds a structural error, the editor marks the same
                // line, unless the finding is about the file as a whole (1:1). (A
                // `yaml` finding on legal YAML, such as text cut by ` #`, is
                // rectrack's own: the editor, like check-jsonschema, passes it.)
                for f in &findings {
                    if !structural_pass && f.error && ["schema", "yaml"].contains(&f.rule.as_str())
                    {
                        assert!(
                            (f.line, f.column) == (1, 1)
                                || errors.iter().any(|(l, _)| *l == f.line),
                            "{path}: check's {} error is on line {}, the editor's on {errors:?}",
                            f.rule,
                            f.line
                        );
                    }
                }
            }
        }
        if errors.is_empty() {
            missed.extend(findings.iter().map(|f| f.rule.clone()));
        } else {
            flagged += 1;
        }
    }
    assert!(flagged >= 6, "the editor flagged only {flagged} files");
    let expected: BTreeSet<String> = EDITOR_CANNOT_CHECK
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        missed, expected,
        "the rules whose findings the editor misses changed: update EDITOR_CANNOT_CHECK and the README"
    );
    for id in EDITOR_CANNOT_CHECK {
        assert!(
            RULES.iter().any(|r| r.id == *id && r.scope == Scope::File),
            "{id}"
        );
    }

    impossible_days(&mut server, workspace);
    completion_and_hover(&mut server, workspace);
}

/// Days that do not exist are errors in the editor wherever a date goes, leap days
/// that do exist are not.
fn impossible_days(server: &mut Server, workspace: &Path) {
    let shipped = read(SHIPPED);
    let mut text = shipped.clone();
    for (from, to) in [
        ("as_of: 2021-12-10\n", "as_of: 2021-04-31\n"),
        (
            "          - date: 2020-02-10\n",
            "          - date: 2021-02-29\n",
        ),
        ("    published: 2021-12-10\n", "    published: 2000-02-29\n"),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let uri = open(server, &workspace.join("tracker/dates.yaml"), &text);
    let published = diagnostics(server, std::slice::from_ref(&uri));
    let lines: BTreeSet<u64> = editor_errors(&published[&uri])
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    let line = |l: &str| line_of(&text, l) + 1;
    assert_eq!(
        lines,
        BTreeSet::from([
            line("as_of: 2021-04-31"),
            line("          - date: 2021-02-29")
        ]),
        "errors on 2021-04-31 and 2021-02-29, none on 2000-02-29"
    );
}

/// Statuses complete at `status: `, a missing step id completes as `id:` and a new
/// line under `steps:`, and a hover is headed by what is hovered, never by another
/// step.
fn completion_and_hover(server: &mut Server, workspace: &Path) {
    let shipped = read(SHIPPED);
    let schema: Json = serde_json::from_str(&read("schema/tracker.schema.json")).unwrap();
    let steps = |rec: &str| {
        &schema["properties"]["recommendations"]["properties"][rec]["properties"]["steps"]["properties"]
    };
    let step = "      candidates-identified:";
    let next_step = "      mediator-agreed:";

    // A step's status, emptied: the six statuses, and nothing else.
    let emptied = shipped.replacen(
        &format!("{step}\n        status: not-started\n"),
        &format!("{step}\n        status: \n"),
        1,
    );
    assert_ne!(emptied, shipped);
    let uri = open(server, &workspace.join("tracker/status.yaml"), &emptied);
    let line = line_of(&emptied, step) + 1;
    let labels: BTreeSet<String> = complete(server, &uri, line, 16)
        .into_iter()
        .map(|(label, _)| label)
        .collect();
    let statuses: BTreeSet<String> = Status::ALL.iter().map(|s| s.id().to_string()).collect();
    assert_eq!(labels, statuses, "completion at `status: `");

    // A step left out of `mediator`: its id completes, with its colon and a new line.
    let start = shipped.find(&format!("{step}\n")).unwrap();
    let end = shipped.find(&format!("{next_step}\n")).unwrap();
    let without = format!("{}      \n{}", &shipped[..start], &shipped[end..]);
    let uri = open(server, &workspace.join("tracker/steps.yaml"), &without);
    let line = line_of(&without, "      ");
    let items = complete(server, &uri, line, 6);
    let offered: Vec<&(String, String)> = items
        .iter()
        .filter(|(label, _)| label == "candidates-identified")
        .collect();
    assert!(
        offered
            .iter()
            .any(|(_, text)| text.starts_with("candidates-identified:\n")),
        "completing the step id inserts `candidates-identified:` and a new line: {items:?}"
    );
    // Only the step that is missing here, not one present nor another recommendation's.
    for (label, _) in &items {
        assert!(
            !["mediator-agreed", "agenda", "grievances"].contains(&label.as_str()),
            "{label} offered under mediator's steps: {items:?}"
        );
    }

    // Hovers on the shipped tracker.
    let uri = file_uri(&workspace.join(SHIPPED));
    let at = line_of(&shipped, step);
    let (heading, text) = hover(server, &uri, at, 8);
    let own = steps("mediator")["candidates-identified"]["title"]
        .as_str()
        .unwrap();
    assert_eq!(heading, own, "a step's hover: {text}");
    let other = "      government-consensus:";
    let (heading, text) = hover(server, &uri, line_of(&shipped, other), 8);
    let own_other = steps("unify-ranks")["government-consensus"]["title"]
        .as_str()
        .unwrap();
    assert_eq!(heading, own_other, "another step's hover: {text}");
    // Inside the step: `history`, and its first entry's `date`.
    let history = at + 2;
    assert_eq!(
        shipped.lines().nth(history as usize),
        Some("        history:")
    );
    let (heading, text) = hover(server, &uri, history, 10);
    assert_eq!(heading, "History", "`history`'s hover: {text}");
    let entry = history + 1;
    assert!(
        shipped
            .lines()
            .nth(entry as usize)
            .unwrap()
            .starts_with("          - date: ")
    );
    let (heading, text) = hover(server, &uri, entry, 13);
    let date = &schema["definitions"]["entry"]["properties"]["date"];
    assert_eq!(heading, date["title"], "an entry's `date`: {text}");
    assert!(
        text.contains(date["description"].as_str().unwrap()),
        "an entry's `date`: {text}"
    );
}
