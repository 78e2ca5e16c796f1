//! `--format json`: one document for scripts. The shape is documented in
//! docs/json-output.md and versioned by [`version::CHECK`].

use super::CheckRun;
use crate::check::finding::Severity;
use crate::present::Render;
use crate::present::text::json::{to_text, version};
use crate::present::version as build;
use serde_json::json;

/// One JSON document per run.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl Render<CheckRun<'_>> for Json {
    fn render(&self, run: &CheckRun<'_>) -> String {
        let files: Vec<_> = run
            .files
            .iter()
            .map(|file| {
                let diagnostics: Vec<_> = file
                    .findings
                    .iter()
                    .map(|f| {
                        json!({
                            "file": file.path,
                            "line": f.span.start.line,
                            "column": f.span.start.col,
                            "end_line": f.span.end.line,
                            "end_column": f.span.end.col,
                            "rule": f.rule,
                            "severity": f.severity.to_string(),
                            "message": f.message,
                            "label": f.label,
                            "help": f.help,
                        })
                    })
                    .collect();
                json!({
                    "path": file.path,
                    "gone": file.gone,
                    "errors": file.findings.iter().filter(|f| f.severity == Severity::Error).count(),
                    "warnings": file.findings.iter().filter(|f| f.severity == Severity::Warning).count(),
                    "diagnostics": diagnostics,
                })
            })
            .collect();
        let unreadable: Vec<_> = run
            .unreadable
            .iter()
            .map(|u| json!({"path": u.path, "message": u.message}))
            .collect();
        let doc = json!({
            "version": version::CHECK,
            "tool": tool(),
            "files": files,
            "unreadable": unreadable,
            "summary": {
                "files": run.checked(),
                "errors": run.errors(),
                "warnings": run.warnings(),
                "unreadable": run.unreadable.len(),
                "deny_warnings": run.deny_warnings,
                "exit_code": run.exit().code(),
            },
        });
        to_text(&doc)
    }
}

/// The `tool` object: name, semantic version, and the commit and date of the build
/// when it was built from git (absent otherwise, never empty).
fn tool() -> serde_json::Value {
    let mut tool = json!({"name": "rectrack", "version": build::SEMVER});
    if let Some(commit) = build::commit() {
        tool["commit"] = commit.into();
    }
    if let Some(date) = build::date() {
        tool["date"] = date.into();
    }
    tool
}
