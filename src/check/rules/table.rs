//! The rule table: every rule's id, severity, scope, explanation and examples.

use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth a look; does not fail `check` unless `--deny-warnings`.
    Warning,
    /// The tracker is invalid.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One tracker file, as it is.
    File,
    /// A change: the tracker against its version at a git revision (`check --base`).
    Change,
    /// One catalog file (a file with `catalog_format`), as it is.
    Catalog,
}

/// A rule: what it checks and how to satisfy it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id shown in every diagnostic.
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Whether it needs `check --base REV`.
    pub scope: Scope,
    /// One line: what it checks.
    pub summary: &'static str,
    /// Why it exists and how to fix a finding.
    pub explanation: &'static str,
    /// A tracker excerpt that breaks the rule.
    pub bad: &'static str,
    /// The same excerpt, fixed.
    pub good: &'static str,
}

macro_rules! rule {
    ($name:ident, $id:literal, $sev:ident, $summary:literal, $explanation:literal, bad: $bad:literal, good: $good:literal) => {
        rule!($name, $id, $sev, File, $summary, $explanation, bad: $bad, good: $good);
    };
    ($name:ident, $id:literal, $sev:ident, $scope:ident, $summary:literal, $explanation:literal, bad: $bad:literal, good: $good:literal) => {
        #[doc = $summary]
        pub const $name: Rule = Rule {
            id: $id,
            severity: Severity::$sev,
            scope: Scope::$scope,
            summary: $summary,
            explanation: $explanation,
            bad: $bad,
            good: $good,
        };
    };
}

rule!(YAML, "yaml", Error,
    "the file is one well-formed YAML document",
    "The file must parse as exactly one YAML 1.2 document, in UTF-8. Common causes: a \
line indented with a tab (YAML indents with spaces); a missing space after a colon; an \
unclosed quote; unquoted text holding `: ` (`note: The mediator said: talks are near`), \
which YAML reads as a new key: quote the text (`note: \"The mediator said: talks are \
near\"`); the same key twice in one mapping (the diagnostic points at the second one), \
which in a history entry usually means a new entry was written without its `- `. \
Unquoted text that goes on after ` #` (`reference: Africa Report #306`) is reported \
too: YAML reads the rest of the line as a comment, so quote the text, or write a \
comment as `# ...`, with a space. Rarer: several documents separated by `---`, an \
invisible control character pasted into the text, a `%YAML 1.1` line, a tag rectrack \
does not build (`!foo`) or one its value does not match (`!!int abc`), or nesting, \
values and alias expansion past rectrack's limits (README, \"Limits and hostile \
input\").",
    bad: "        history:\n          - date: 2021-12-10\n            status: in-progress\n            note: The mediator said: talks are near\n            evidence:\n              - source: icg-306\n                locator: paragraph 4\n            date: 2022-01-15\n            status: stalled\n",
    good: "        history:\n          - date: 2021-12-10\n            status: in-progress\n            note: \"The mediator said: talks are near\"\n            evidence:\n              - source: icg-306\n                locator: paragraph 4\n          - date: 2022-01-15\n            status: stalled\n");

rule!(SCHEMA, "schema", Error,
    "the tracker matches the JSON Schema (types, required keys, unknown keys, statuses, dates)",
    "Structure is checked against schema/tracker.schema.json, the same schema your editor \
uses through the yaml-language-server modeline. Keys must be spelt as in the format \
(a typo is an error, never ignored), statuses are one of unknown, not-started, \
in-progress, stalled, achieved, reversed, dates are real calendar dates written \
YYYY-MM-DD, and every evidence item names its `source` and a `locator` saying where in \
the source the evidence is (`paragraph 3`; for a short communiqué, `whole text`). A \
catalog (a file with `catalog_format: 1`) is checked the same way against \
schema/catalog.schema.json: every key of docs/catalog-format.md and no other, \
kebab-case ids, language codes such as `en` or `pt-BR`, a `from` on every step, no \
empty text, list or map.",
    bad: "        history:\n          - date: 2021-12-1\n            status: in_progress\n            evidence:\n              - source: icg-306\n",
    good: "        history:\n          - date: 2021-12-01\n            status: in-progress\n            evidence:\n              - source: icg-306\n                locator: Executive Summary, paragraph 4\n");

rule!(UNKNOWN_RECOMMENDATION, "unknown-recommendation", Error,
    "every recommendation id is in the catalog",
    "Recommendation ids come from the catalog (`rectrack catalog` lists them) and are a \
public contract. An id that is not in the catalog is usually a typo; the diagnostic \
suggests the closest id.",
    bad: "recommendations:\n  mediators:\n    steps: {}\n",
    good: "recommendations:\n  mediator:\n    steps: {}\n");

rule!(UNKNOWN_STEP, "unknown-step", Error,
    "every step id is a step of its recommendation in the catalog",
    "Step ids come from the catalog and belong to one recommendation. An unknown step is \
usually a typo or a step filed under the wrong recommendation; the diagnostic suggests \
the closest id.",
    bad: "  appoint-teams:\n    steps:\n      goverment-team:\n        status: not-started\n",
    good: "  appoint-teams:\n    steps:\n      government-team:\n        status: not-started\n");

rule!(MISSING_STEP, "missing-step", Error,
    "every catalog step appears in the tracker",
    "A tracker records every step of the catalog, so a reader can tell \"nothing known\" \
from \"forgotten\". Add the missing step; if nothing is known about it, give it \
`status: unknown`.",
    bad: "  mediator:\n    steps:\n      mediator-agreed:\n        status: not-started\n",
    good: "  mediator:\n    steps:\n      candidates-identified:\n        status: unknown\n      mediator-agreed:\n        status: not-started\n");

rule!(STATUS_MISMATCH, "status-mismatch", Error,
    "a step's status is the status of its last history entry",
    "`status` is the current status, and the history says how it got there: the two must \
agree. A status other than unknown or not-started needs at least one history entry. \
To change a status, append a dated entry with the new status and evidence, then \
update `status`.",
    bad: "      government-team:\n        status: achieved\n        history:\n          - date: 2021-12-10\n            status: not-started\n",
    good: "      government-team:\n        status: not-started\n        history:\n          - date: 2021-12-10\n            status: not-started\n");

rule!(HISTORY_ORDER, "history-order", Error,
    "history dates never go backwards",
    "History is a chronological record: each entry's date is on or after the previous \
one's (same-day entries are fine). The diagnostic points at the first date earlier \
than its predecessor; move the entry to its place in time.",
    bad: "        history:\n          - date: 2021-12-10\n            status: in-progress\n          - date: 2020-02-10\n            status: in-progress\n",
    good: "        history:\n          - date: 2020-02-10\n            status: in-progress\n          - date: 2021-12-10\n            status: in-progress\n");

rule!(DATE_AFTER_AS_OF, "date-after-as-of", Error,
    "no history date is later than the tracker's `as_of`",
    "`as_of` is the date the tracker describes; an entry dated after it describes a \
later state. Either the entry's date is wrong or `as_of` should move forward.",
    bad: "as_of: 2021-12-10\n...\n          - date: 2022-01-15\n",
    good: "as_of: 2022-01-15\n...\n          - date: 2022-01-15\n");

rule!(FUTURE_DATE, "future-date", Error,
    "`as_of`, history, correction and closing dates are not later than today",
    "A tracker records what has happened, so no date may lie in the future: not `as_of`, \
an entry's date, a correction's date (an amendment made \"in 2099\" would cover every \
later rewrite) nor `closed.date`. This is usually a typo in the year. (`--today DATE` \
sets the date rectrack compares with.)",
    bad: "as_of: 2201-12-10\n",
    good: "as_of: 2021-12-10\n");

rule!(BACK_TO_NOT_STARTED, "back-to-not-started", Error,
    "a step never returns to `not-started` once it has moved",
    "`not-started` means nothing has been done yet, which stops being true once a step has \
been in progress, stalled, achieved or reversed. Record a setback as `stalled` \
(blocked) or `reversed` (undone).",
    bad: "          - date: 2020-02-10\n            status: in-progress\n            evidence: [{source: iss-today-2020, locator: paragraph 1}]\n          - date: 2021-12-10\n            status: not-started\n",
    good: "          - date: 2020-02-10\n            status: in-progress\n            evidence: [{source: iss-today-2020, locator: paragraph 1}]\n          - date: 2021-12-10\n            status: stalled\n            evidence: [{source: icg-306, locator: paragraph 4}]\n");

rule!(MISSING_EVIDENCE, "missing-evidence", Error,
    "every claim of progress cites evidence",
    "A history entry whose status is in-progress, stalled, achieved or reversed says \
something happened; it must cite at least one source in `evidence`, with a locator \
so a reader can check it. Only unknown and not-started entries may go without.",
    bad: "          - date: 2020-03-08\n            status: in-progress\n",
    good: "          - date: 2020-03-08\n            status: in-progress\n            evidence:\n              - source: iss-today-2020\n                locator: paragraph 1\n");

rule!(UNKNOWN_SOURCE, "unknown-source", Error,
    "evidence names a source listed under `sources`",
    "Evidence points at a source by its id; the id must be a key of the tracker's \
`sources` mapping, which holds the title and publisher a reader needs. Fix the typo \
(the diagnostic suggests the closest id) or add the source.",
    bad: "            evidence:\n              - source: icg-360\n                locator: paragraph 4\n",
    good: "            evidence:\n              - source: icg-306\n                locator: paragraph 4\n");

rule!(UNUSED_SOURCE, "unused-source", Warning,
    "every listed source is cited by some evidence",
    "A source that no evidence cites is either left over or a sign that evidence names it \
under another id. Cite it or remove it.",
    bad: "sources:\n  old-report:\n    title: A report nothing cites\n",
    good: "sources: {}\n");

rule!(STALE_STEP, "stale-step", Warning,
    "an in-progress or stalled step has recent news",
    "A step in progress or stalled whose last history entry is older than the staleness \
window (180 days before `as_of` by default; `--stale-days N` changes it) may no longer \
describe reality. Look for news and append an entry, even one that confirms the status.",
    bad: "as_of: 2021-12-10\n...\n        status: in-progress\n        history:\n          - date: 2020-02-10\n            status: in-progress\n",
    good: "as_of: 2021-12-10\n...\n        status: in-progress\n        history:\n          - date: 2020-02-10\n            status: in-progress\n          - date: 2021-12-10\n            status: in-progress\n");

rule!(REVIEW_OVERDUE, "review-overdue", Warning,
    "a step's `next_review` date is not before `as_of`",
    "`next_review` is when a monitor promised to look at a step again. If it is earlier \
than `as_of`, the review is overdue: review the step, append an entry if anything \
changed, and set a new `next_review`.",
    bad: "as_of: 2021-12-10\n...\n        next_review: 2021-06-01\n",
    good: "as_of: 2021-12-10\n...\n        next_review: 2022-03-01\n");

rule!(DUPLICATE_ID, "duplicate-id", Error,
    "no two checked trackers share an `id`",
    "A tracker's id is its identity: reports list trackers by id, and `check --base` \
follows a tracker by id wherever its file moves. Two files with one id would show as \
two rows of the same tracker, and let one copy stand in for the other. Give the copy \
its own id, or remove it.",
    bad: "# tracker/a.yaml\nid: mali-jnim-dialogue\n# tracker/b.yaml\nid: mali-jnim-dialogue\n",
    good: "# tracker/a.yaml\nid: mali-jnim-dialogue\n# tracker/b.yaml\nid: burkina-dialogue\n");

rule!(ENTRY_AFTER_CLOSE, "entry-after-close", Error,
    "a closed tracker takes no entry dated after `closed.date` (nor, with --base, any new entry)",
    "`closed: {date, reason}` retires a tracker: it keeps its record, and nothing happens \
in it after the closing date. An entry dated later belongs in another tracker. With \
`check --base`, an entry appended to a tracker that was already closed at the base is \
refused too, whatever its date.",
    bad: "closed:\n  date: 2022-06-30\n  reason: Talks ended.\n...\n          - date: 2022-08-01\n",
    good: "closed:\n  date: 2022-06-30\n  reason: Talks ended.\n...\n          - date: 2022-06-15\n");

rule!(MODELINE_MISMATCH, "modeline-mismatch", Warning,
    "the editor modeline points at the schema rectrack enforces",
    "The `# yaml-language-server: $schema=...` line tells editors which JSON Schema to \
validate with. If it points at a missing file, a remote URL, or a schema other than \
the one this rectrack enforces, the editor and CI disagree about what is valid. Point \
it at a copy of `rectrack schema`'s output (regenerate with `rectrack schema > \
schema/tracker.schema.json`).",
    bad: "# yaml-language-server: $schema=../schemas/old-tracker.json\n",
    good: "# yaml-language-server: $schema=../schema/tracker.schema.json\n");

rule!(HISTORY_REWRITTEN, "history-rewritten", Error, Change,
    "a history entry recorded at the base is unchanged, or its change carries a new correction",
    "History is append-only: once an entry is merged, it stays as it was, so readers can \
trust what was reported when. To amend an entry (a wrong date, a better locator), keep \
it in place, change it, and in the same change add or update `correction: {date, \
reason}`: dated no later than today and not before the entry. A correction that was \
already there at the base does not cover a new change, so update its date and reason \
each time. Removing an entry is never allowed: record the new understanding in a new \
entry. The base is the merge base of `--base REV` and HEAD, as a pull request shows it.",
    bad: "          - date: 2021-12-10\n            status: achieved   # was in-progress\n",
    good: "          - date: 2021-12-10\n            status: achieved\n            correction:\n              date: 2022-01-05\n              reason: The report was misread; it says the team was named.\n");

rule!(HISTORY_INSERTED, "history-inserted", Error, Change,
    "new history entries are appended after the existing ones",
    "A new entry goes at the end of a step's history. An entry placed before entries that \
were already recorded rewrites the story readers have seen; if an event is learnt late, \
append it (its date may be earlier than the last entry only if that keeps dates in \
order, otherwise explain it in a note on a new entry).",
    bad: "          - date: 2020-03-01   # new, placed first\n          - date: 2021-12-10   # recorded before\n",
    good: "          - date: 2021-12-10   # recorded before\n          - date: 2022-01-15   # new, appended\n");

rule!(STEP_REMOVED, "step-removed", Error, Change,
    "no step that existed at the base revision is removed",
    "A step that was tracked stays tracked: its history is part of the record. Put it back \
(from `git show REV:FILE`); if it no longer applies, record that in a new history entry. \
Two cases are not removals: a step whose catalog renamed it (its `renamed_from` lists the old \
id) is the same step under its new id, its history compared entry by entry; and a step with \
no history that the tracker's catalog no longer has may go (`rectrack sync` removes it).",
    bad: "    steps:\n      jnim-team:        # government-team was here\n",
    good: "    steps:\n      government-team:\n        ...\n      jnim-team:\n");

rule!(SOURCE_REMOVED, "source-removed", Error, Change,
    "no source cited at the base is removed",
    "Sources back entries already published; removing one leaves readers unable to check \
them. Put the source back; if it was wrong, add a correction to it and to the entries \
citing it. A source that nothing cited at the base may go.",
    bad: "sources:\n  icg-306: ...        # iss-today-2020 was here\n",
    good: "sources:\n  icg-306: ...\n  iss-today-2020: ...\n");

rule!(SOURCE_CHANGED, "source-changed", Error, Change,
    "a source cited at the base keeps its metadata, or its change carries a new correction",
    "Entries already published point at a source by id; changing its title, publisher, \
reference, authors, date or URL changes what those entries cite. To amend a source, \
change it and, in the same change, add or update the source's own `correction: {date, \
reason}`, dated no later than today.",
    bad: "  iss-today-2020:\n    title: Can dialogue with violent extremist groups help bring stability to Mali?\n    url: https://example.org/the-article   # added since it was cited\n",
    good: "  iss-today-2020:\n    title: Can dialogue with violent extremist groups help bring stability to Mali?\n    url: https://example.org/the-article\n    correction:\n      date: 2022-01-05\n      reason: Link to the article added.\n");

rule!(TRACKER_REMOVED, "tracker-removed", Error, Change,
    "every tracker of the base is still in a checked file, under its id",
    "A tracker's identity is its `id`, wherever its file lives: moving or renaming the \
file is fine, but a tracker of the base whose id is in no checked file now was \
deleted, hidden (moved into a dot-folder or out of the checked paths) or given another \
id, and its record with it. Put it back; to stop following a process, keep the tracker \
and add `closed: {date, reason}` at the top level.",
    bad: "id: mali-dialogue          # was mali-jnim-dialogue\n",
    good: "id: mali-jnim-dialogue\nclosed:\n  date: 2022-06-30\n  reason: Talks ended; this tracker is kept as the record.\n");

rule!(AS_OF_BACKWARDS, "as-of-backwards", Error, Change,
    "`as_of` never moves earlier than at the base revision",
    "`as_of` is the date the tracker describes; moving it back would make entries already \
published appear to come from the future. Keep it, or move it forward.",
    bad: "as_of: 2021-11-30   # was 2021-12-10\n",
    good: "as_of: 2021-12-10\n");

rule!(STATUS_CHANGE_WITHOUT_NOTE, "status-change-without-note", Warning, Change,
    "a new entry that changes a step's status says why in a `note`",
    "A change of status is what readers look for in a report. A new entry that changes \
the status should carry a `note` saying what happened, in a sentence or two.",
    bad: "          - date: 2022-01-15\n            status: achieved\n            evidence: [{source: icg-306, locator: paragraph 4}]\n",
    good: "          - date: 2022-01-15\n            status: achieved\n            note: Both sides named their negotiators.\n            evidence: [{source: icg-306, locator: paragraph 4}]\n");

rule!(CATALOG_UNRESOLVED, "catalog-unresolved", Error,
    "the tracker's `catalog:` names a catalog rectrack can use",
    "`catalog:` names the catalog a tracker follows: a built-in id (`rectrack catalog` \
lists the built-in one; the default when the key is absent) or the path of a catalog \
file from the tracker's folder, ending `.yaml` or `.yml`. Because CI runs rectrack on \
pull requests, a path is followed only to a regular file, within the size limit, inside \
the current directory or the git checkout holding the tracker (links resolved); an \
absolute path, a path or link leading out, a folder, FIFO or device is refused and \
never read. A catalog file that does not load is named, not quoted: run `rectrack \
check` on it for its own diagnostics. Until the catalog resolves, the tracker's steps \
are not checked against any catalog, so this is the one finding to fix first.",
    bad: "catalog: ../../../etc/catalog.yaml\n",
    good: "catalog: ../catalogs/lake-chad.yaml\n");

// The catalog rules, in a file of their own: they speak of catalog files, not
// trackers.
mod catalog;
pub use catalog::*;

/// Every rule, in the order the docs list them.
pub const RULES: &[Rule] = &[
    YAML,
    SCHEMA,
    UNKNOWN_RECOMMENDATION,
    UNKNOWN_STEP,
    MISSING_STEP,
    STATUS_MISMATCH,
    HISTORY_ORDER,
    DATE_AFTER_AS_OF,
    FUTURE_DATE,
    BACK_TO_NOT_STARTED,
    MISSING_EVIDENCE,
    UNKNOWN_SOURCE,
    UNUSED_SOURCE,
    STALE_STEP,
    REVIEW_OVERDUE,
    DUPLICATE_ID,
    ENTRY_AFTER_CLOSE,
    MODELINE_MISMATCH,
    TRACKER_REMOVED,
    HISTORY_REWRITTEN,
    HISTORY_INSERTED,
    STEP_REMOVED,
    SOURCE_REMOVED,
    SOURCE_CHANGED,
    AS_OF_BACKWARDS,
    STATUS_CHANGE_WITHOUT_NOTE,
    CATALOG_UNRESOLVED,
    CATALOG_UNKNOWN_PARTY,
    CATALOG_UNKNOWN_DOCUMENT,
    CATALOG_MISSING_LANGUAGE,
    CATALOG_UNKNOWN_LANGUAGE,
    CATALOG_DUPLICATE_ID,
    CATALOG_RENAMED_COLLISION,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The rules as a Markdown table (the README's "Rules" section is this text).
pub fn table() -> String {
    let mut out = String::from("| rule | severity | what it checks |\n| --- | --- | --- |\n");
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.id, r.severity, r.summary
        ));
    }
    out
}

/// What `rectrack explain RULE` prints.
pub fn explain(rule: &Rule) -> String {
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    format!(
        "{id} ({severity}): {summary}\n\n{explanation}\n\nFails:\n\n{bad}\nPasses:\n\n{good}",
        id = rule.id,
        severity = rule.severity,
        summary = rule.summary,
        explanation = textwrap(rule.explanation, 80),
        bad = indent(rule.bad),
        good = indent(rule.good),
    )
}

/// Wraps prose at `width` columns on spaces.
fn textwrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for id in ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
        }
    }
}
