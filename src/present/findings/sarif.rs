//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards, valid against the OASIS
//! schema (tests/vendor/sarif-2.1.0 holds the copy the tests validate with).

use super::CheckRun;
use crate::check::finding::Severity;
use crate::check::rules::RULES;
use crate::present::Render;
use crate::present::text::escape::uri;
use crate::present::text::json::to_text;
use crate::present::version;
use serde_json::{Value, json};

/// The `$schema` rectrack's SARIF names: the OASIS standard's schema (errata 01, the
/// `id` the schema gives itself), so a validator finds it without being told.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base of every relative artifact URI: the folder rectrack ran in. Named as
/// GitHub code scanning and most producers name it; its absolute URI is left out, so
/// the log is the same on every machine and names no home folder.
const SRCROOT: &str = "%SRCROOT%";

/// SARIF 2.1.0.
#[derive(Debug, Clone, Copy)]
pub struct Sarif;

/// Where a file is, as a SARIF artifact location. A relative path stays a relative
/// reference against [`SRCROOT`] (`..` segments keep their meaning); an absolute path
/// becomes a `file:` URI, which takes no base. Every byte that is not unreserved or
/// `/` is percent-encoded ([`uri`]): blanks, `%`, `#`, `?`, `\`, non-ASCII.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        // One slash after `file://`'s empty authority: `//x` is the same file as `/x`,
        // and `file:////x` would read as a path with an empty first segment.
        json!({"uri": format!("file:///{}", uri(path.trim_start_matches('/')))})
    } else {
        json!({"uri": uri(path), "uriBaseId": SRCROOT})
    }
}

impl Render<CheckRun<'_>> for Sarif {
    fn render(&self, run: &CheckRun<'_>) -> String {
        let level = |s: Severity| match s {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let rules: Vec<_> = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.explanation},
                    "defaultConfiguration": {"level": level(r.severity)},
                })
            })
            .collect();
        let results: Vec<_> = run
            .files
            .iter()
            .flat_map(|file| {
                file.findings.iter().map(move |f| {
                    let mut result = json!({
                        "ruleId": f.rule,
                        "level": level(f.severity),
                        "message": {"text": if f.help.is_empty() { f.message.clone() } else { format!("{} (help: {})", f.message, f.help) }},
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": artifact(file.path),
                                "region": {
                                    "startLine": f.span.start.line.max(1),
                                    "startColumn": f.span.start.col.max(1),
                                    "endLine": f.span.end.line.max(f.span.start.line).max(1),
                                    "endColumn": f.span.end.col.max(f.span.start.col.saturating_add(1)),
                                },
                            },
                        }],
                    });
                    // The rule's place in `rules`, so a viewer need not search by id.
                    if let Some(i) = RULES.iter().position(|r| r.id == f.rule) {
                        result["ruleIndex"] = i.into();
                    }
                    result
                })
            })
            .collect();
        // A path that could not, or may not, be read is not a result about a line: SARIF
        // reports it as a tool execution notification, and the run as unsuccessful, so a
        // dashboard shows why the exit code was 2 (a refused link, a FIFO, a missing path).
        let notifications: Vec<_> = run
            .unreadable
            .iter()
            .map(|u| {
                json!({
                    "level": "error",
                    "message": {"text": u.message},
                    "locations": [{
                        "physicalLocation": {"artifactLocation": artifact(&u.path)},
                    }],
                })
            })
            .collect();
        let doc = json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "rectrack",
                    "version": version::LONG,
                    "semanticVersion": version::SEMVER,
                    "rules": rules,
                }},
                "invocations": [{
                    "executionSuccessful": notifications.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "originalUriBaseIds": {
                    SRCROOT: {"description": {"text": "The folder rectrack ran in: relative paths are relative to it."}},
                },
                // rectrack counts columns in characters (src/syntax/span.rs).
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        to_text(&doc)
    }
}
