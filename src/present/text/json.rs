//! The one JSON writer, and the version of every JSON shape rectrack writes.

use super::escape;

/// The version of each JSON output's shape, each bumped on any incompatible change to
/// its own shape (they are independent numbers, listed together so a bump is seen).
pub mod version {
    /// `check --format json`, documented in docs/json-output.md.
    pub const CHECK: u32 = 1;
    /// `report --format json`, documented in docs/report-json.md.
    pub const REPORT: u32 = 1;
    /// `status --format json`.
    pub const STATUS: u32 = 1;
    /// `diff --format json` (2: trackers matched by id, every change with its line
    /// and verdict).
    pub const DIFF: u32 = 2;
}

/// A JSON document as rectrack writes it: pretty-printed, hidden characters escaped
/// ([`escape::json`]) and a final newline.
pub fn to_text(doc: &serde_json::Value) -> String {
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut text =
        escape::json(&serde_json::to_string_pretty(doc).unwrap_or_default()).into_owned();
    text.push('\n');
    text
}
