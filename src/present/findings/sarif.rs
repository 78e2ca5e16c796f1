//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards.

use super::CheckRun;
use crate::check::finding::Severity;
use crate::check::rules::RULES;
use crate::present::Render;
use crate::present::text::escape::uri;
use crate::present::text::json::to_text;
use serde_json::json;

/// SARIF 2.1.0.
#[derive(Debug, Clone, Copy)]
pub struct Sarif;

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
                    json!({
                        "ruleId": f.rule,
                        "level": level(f.severity),
                        "message": {"text": if f.help.is_empty() { f.message.clone() } else { format!("{} (help: {})", f.message, f.help) }},
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri(file.path)},
                                "region": {
                                    "startLine": f.span.start.line,
                                    "startColumn": f.span.start.col,
                                    "endLine": f.span.end.line,
                                    "endColumn": f.span.end.col.max(f.span.start.col + 1),
                                },
                            },
                        }],
                    })
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
                        "physicalLocation": {"artifactLocation": {"uri": uri(&u.path)}},
                    }],
                })
            })
            .collect();
        let doc = json!({
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "rectrack", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
                "invocations": [{
                    "executionSuccessful": notifications.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "results": results,
            }],
        });
        to_text(&doc)
    }
}
