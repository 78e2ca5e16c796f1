//! Property: a random valid tracker passes; after one random mutation, rectrack
//! reports it, and every diagnostic points inside the file at the mutated node (or at
//! the one other place the contract names for that defect).

use proptest::prelude::*;
use rectrack::check::checker::Checker;
use rectrack::check::rules::semantic::{Context, DEFAULT_STALE_DAYS};
use rectrack::model::catalog::Catalog;
use rectrack::syntax::Limits;
use std::collections::BTreeSet;
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
    let context = Context {
        today: chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
        stale_days: DEFAULT_STALE_DAYS,
    };
    Checker::new(Catalog::builtin().unwrap(), context, Limits::default()).unwrap()
});

const PROGRESS: [&str; 4] = ["in-progress", "stalled", "achieved", "reversed"];

/// One step's story: `None` is `unknown` without history; otherwise a not-started
/// flag and a list of (days before as_of, progress status index, source index).
type Story = Option<(bool, Vec<(u32, usize, usize)>)>;

/// Where things were written, for the mutations to aim at.
#[derive(Debug, Default)]
struct Lines {
    /// Per step: (recommendation's `steps:` line, step key line, status line).
    steps: Vec<(usize, usize, usize)>,
    /// Per history entry: (date line, next entry's date line if any).
    dates: Vec<(usize, Option<usize>)>,
    /// Evidence `source:` lines, with the line of the cited source's key and whether
    /// this is the source's only citation.
    evidence: Vec<(usize, usize, bool)>,
}

fn emit(stories: &[Story]) -> (String, Lines) {
    let catalog = Catalog::builtin().unwrap();
    let sources = ["src-a", "src-b"];
    let mut cited = [0usize; 2];
    for story in stories.iter().flatten() {
        for (_, _, s) in &story.1 {
            cited[*s] += 1;
        }
    }
    let mut out: Vec<String> = vec![
        "schema_version: 1".into(),
        "id: generated".into(),
        "title: A generated tracker".into(),
        "as_of: 2021-12-10".into(),
        "parties:".into(),
        "  government: G".into(),
        "  jnim: J".into(),
    ];
    let mut source_line = [0usize; 2];
    if cited.iter().all(|c| *c == 0) {
        out.push("sources: {}".into());
    } else {
        out.push("sources:".into());
        for (i, s) in sources.iter().enumerate() {
            if cited[i] > 0 {
                out.push(format!("  {s}:"));
                source_line[i] = out.len();
                out.push(format!("    title: Source {s}"));
            }
        }
    }
    out.push("recommendations:".into());
    let mut lines = Lines::default();
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 12, 10).unwrap();
    let mut stories = stories.iter();
    for rec in &catalog.recommendations {
        out.push(format!("  {}:", rec.id));
        out.push("    steps:".into());
        let steps_line = out.len();
        for step in &rec.steps {
            out.push(format!("      {}:", step.id));
            let key_line = out.len();
            // Dates run forward: the largest "days before" first.
            let story = stories.next().cloned().flatten().map(|(n, mut entries)| {
                entries.sort_by_key(|e| std::cmp::Reverse(e.0));
                (n, entries)
            });
            let status = match &story {
                None => "unknown",
                Some((_, entries)) if !entries.is_empty() => PROGRESS[entries.last().unwrap().1],
                Some(_) => "not-started",
            };
            out.push(format!("        status: {status}"));
            lines.steps.push((steps_line, key_line, out.len()));
            let Some((not_started, entries)) = story else {
                continue;
            };
            if entries.is_empty() && !not_started {
                continue;
            }
            out.push("        history:".into());
            if not_started || entries.is_empty() {
                out.push("          - date: 2020-01-01".into());
                out.push("            status: not-started".into());
            }
            let mut date_lines = Vec::new();
            for (days, status, source) in &entries {
                let date = as_of - chrono::Duration::days(i64::from(*days));
                out.push(format!("          - date: {date}"));
                date_lines.push(out.len());
                out.push(format!("            status: {}", PROGRESS[*status]));
                out.push("            evidence:".into());
                out.push(format!("              - source: {}", sources[*source]));
                lines
                    .evidence
                    .push((out.len(), source_line[*source], cited[*source] == 1));
                out.push("                locator: paragraph 1".into());
            }
            for (i, line) in date_lines.iter().enumerate() {
                lines.dates.push((*line, date_lines.get(i + 1).copied()));
            }
        }
    }
    (out.join("\n") + "\n", lines)
}

fn story() -> impl Strategy<Value = Story> {
    proptest::option::of((
        any::<bool>(),
        proptest::collection::vec((0u32..170, 0usize..4, 0usize..2), 0..4),
    ))
}

/// (rule, line, column) of every finding.
fn findings(text: &str) -> Vec<(&'static str, usize, usize)> {
    CHECKER
        .check_bytes(text.as_bytes())
        .findings
        .iter()
        .map(|f| {
            (
                f.rule,
                f.span.start.line as usize,
                f.span.start.col as usize,
            )
        })
        .collect()
}

fn replace_line(text: &str, line: usize, f: impl Fn(&str) -> String) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { f(l) } else { l.to_string() } + "\n")
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    BadStatus(usize),
    OtherStatus(usize),
    BadDate(usize),
    DateAfterAsOf(usize),
    RenameStep(usize),
    UnknownKey(usize),
    UnknownSource(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..14).prop_map(Mutation::BadStatus),
        (0usize..14).prop_map(Mutation::OtherStatus),
        any::<usize>().prop_map(Mutation::BadDate),
        any::<usize>().prop_map(Mutation::DateAfterAsOf),
        (0usize..14).prop_map(Mutation::RenameStep),
        (0usize..14).prop_map(Mutation::UnknownKey),
        any::<usize>().prop_map(Mutation::UnknownSource),
    ]
}

/// Applies `m`; returns the new text and the lines diagnostics may point at, or
/// `None` when the tracker has nothing for this mutation to aim at.
fn apply(text: &str, lines: &Lines, m: &Mutation) -> Option<(String, BTreeSet<usize>)> {
    let value_after_colon = |l: &str, new: &str| {
        let (head, _) = l.split_once(": ").unwrap();
        format!("{head}: {new}")
    };
    Some(match m {
        Mutation::BadStatus(i) => {
            let (_, _, status) = lines.steps[*i];
            (
                replace_line(text, status, |l| value_after_colon(l, "in_progress")),
                [status].into(),
            )
        }
        Mutation::OtherStatus(i) => {
            let (_, _, status) = lines.steps[*i];
            let current = text
                .lines()
                .nth(status - 1)
                .unwrap()
                .trim()
                .trim_start_matches("status: ")
                .to_string();
            let other = if current == "achieved" {
                "reversed"
            } else {
                "achieved"
            };
            (
                replace_line(text, status, |l| value_after_colon(l, other)),
                [status].into(),
            )
        }
        Mutation::BadDate(i) => {
            let (date, _) = *lines.dates.get(i % lines.dates.len().max(1))?;
            (
                replace_line(text, date, |l| value_after_colon(l, "2021-02-30")),
                [date].into(),
            )
        }
        Mutation::DateAfterAsOf(i) => {
            let (date, next) = *lines.dates.get(i % lines.dates.len().max(1))?;
            let mut expect: BTreeSet<usize> = [date].into();
            expect.extend(next);
            (
                replace_line(text, date, |l| value_after_colon(l, "2021-12-31")),
                expect,
            )
        }
        Mutation::RenameStep(i) => {
            let (steps, key, _) = lines.steps[*i];
            (
                replace_line(text, key, |l| l.replace(':', "x:")),
                [steps, key].into(),
            )
        }
        Mutation::UnknownKey(i) => {
            let (_, key, _) = lines.steps[*i];
            // The new key goes right under the step key; later lines move down by one.
            let mut out = String::new();
            for (n, l) in text.lines().enumerate() {
                out.push_str(l);
                out.push('\n');
                if n + 1 == key {
                    out.push_str("        histroy: []\n");
                }
            }
            (out, [key + 1].into())
        }
        Mutation::UnknownSource(i) => {
            let (line, source_key, only) = *lines.evidence.get(i % lines.evidence.len().max(1))?;
            let mut expect: BTreeSet<usize> = [line].into();
            if only {
                expect.insert(source_key);
            }
            (
                replace_line(text, line, |l| value_after_colon(l, "src-z")),
                expect,
            )
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn diagnostics_point_at_the_mutated_node(
        stories in proptest::collection::vec(story(), 14),
        m in mutation(),
    ) {
        let (text, lines) = emit(&stories);
        prop_assert_eq!(findings(&text), vec![], "a generated tracker is valid:\n{}", text);
        let Some((mutated, expected)) = apply(&text, &lines, &m) else {
            return Ok(());
        };
        let found = findings(&mutated);
        prop_assert!(!found.is_empty(), "{:?} went unnoticed", m);
        let file_lines: Vec<&str> = mutated.lines().collect();
        for (rule, line, col) in &found {
            prop_assert!(expected.contains(line), "{:?}: {} at {}:{}, expected lines {:?}\n{}", m, rule, line, col, expected, mutated);
            let width = file_lines[line - 1].chars().count();
            prop_assert!(*col >= 1 && *col <= width, "{}:{} inside the line of width {}", line, col, width);
        }
    }
}
