//! Hostile inputs that aim at memory or at the values the schema sees, through the
//! real binary, with the child's own peak memory measured (`wait4`, not
//! RUSAGE_CHILDREN: tests run in parallel).
//!
//! The bound asserted is the one the README states: peak resident memory at most
//! [`BASE_KIB`] plus [`PER_BYTE`] times the file's size.

use crate::{Measured, SHIPPED, diagnostics, read, sandbox};

/// The constant part of the bound, in KiB: the binary, the compiled schema, the
/// catalog (a debug build, which these tests run, is the larger).
const BASE_KIB: u64 = 64 * 1024;
/// The part proportional to the file: peak bytes per byte of file.
const PER_BYTE: u64 = 64;

/// The big inputs are built one test at a time: a child's `ru_maxrss` includes the
/// pages it shared with this process before `exec` (see [`measure`]), so this process
/// is kept small while one is measured.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn measure(args: &[&str]) -> Measured {
    crate::measure(args, None)
}

/// Checks `text` written to a fresh file and asserts the memory bound for its size.
fn check_within_bound(name: &str, text: Vec<u8>) -> Measured {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &text).unwrap();
    let size = text.len();
    // Returned to the system before the child is forked (see `measure`).
    drop(text);
    let m = measure(&["check", path.to_str().unwrap()]);
    let bound = BASE_KIB + PER_BYTE * size as u64 / 1024;
    assert!(
        m.max_rss_kib <= bound,
        "{name} ({size} bytes): peak {} KiB, over the bound of {bound} KiB\n{}",
        m.max_rss_kib,
        m.stdout
    );
    m
}

/// "Billion laughs" with anchors nested in anchors: each anchor held a copy of all
/// inside it, so a file of `size` bytes cost 64 copies of itself.
fn nested_anchors(size: usize) -> String {
    let depth = 63;
    // Five bytes an item: under the node density limit, so the anchors are what
    // refuses the file.
    let items = (size - depth * 8) / 5;
    let mut s = String::with_capacity(size);
    for i in 0..depth {
        s.push_str(&format!("&a{i} ["));
    }
    s.push_str(&"word,".repeat(items));
    s.push_str("word");
    s.push_str(&"]".repeat(depth));
    s
}

#[test]
fn nested_anchors_of_600_kb_and_2_mb_are_refused_within_the_bound() {
    // Before: 1.2 GB for 600 KB, 4.2 GB for 2 MB (every anchor a deep copy).
    for (name, size) in [("nest-600k.yaml", 600 * 1024), ("nest-2m.yaml", 2 << 20)] {
        let m = check_within_bound(name, nested_anchors(size).into_bytes());
        assert_eq!(m.code, 1, "{name}: {}", m.stdout);
        assert!(
            m.stdout.contains("error[yaml]") && m.stdout.contains("anchored nodes hold more than"),
            "{name}: {}",
            m.stdout
        );
    }
}

#[test]
fn aliases_of_a_long_string_count_its_bytes() {
    // 100 KB of text aliased 2,000 times is 200 MB of copies from 100 KB of file, in
    // a node count (2,000) far under the node budget.
    let mut text = format!("a: &s \"{}\"\nb: [", "x".repeat(100_000));
    text.push_str(&vec!["*s"; 2_000].join(", "));
    text.push_str("]\n");
    let m = check_within_bound("long-alias.yaml", text.into_bytes());
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(
        m.stdout
            .contains("aliases expand to more than 1048576 bytes of text"),
        "{}",
        m.stdout
    );
    assert_eq!(
        diagnostics(&m.stdout)[0].1,
        2,
        "at the alias that goes over"
    );
}

#[test]
fn a_16_mib_flow_list_is_refused_within_the_bound() {
    // Before: 2.9 GB (the parser queued every token of the list before the first
    // event, then each `1` cost a node and its JSON copy).
    let size = 16 << 20;
    let mut text = String::with_capacity(size);
    text.push('[');
    text.push_str(&"1,".repeat((size - 2) / 2 - 1));
    text.push_str("1]");
    assert!(text.len() <= size);
    let m = check_within_bound("flow.yaml", text.into_bytes());
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(
        m.stdout.contains("error[yaml]") && m.stdout.contains("values, one per 4 bytes"),
        "{}",
        m.stdout
    );
}

#[test]
fn a_long_flat_mapping_and_a_json_tracker_stay_within_the_bound() {
    // A flow mapping of short unique keys: the costliest shape per byte (each key a
    // node, a string, a JSON entry and an unknown-key report).
    let keys: Vec<String> = (0..300_000).map(|i| format!("k{i:x}")).collect();
    let flow = format!("{{{}}}", keys.join(","));
    let m = check_within_bound("flow-map.yaml", flow.into_bytes());
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(
        m.stdout.contains("error[yaml]"),
        "dense: refused {}",
        m.stdout
    );
    // A block mapping of the same keys with values, under the density limit: read,
    // and its unknown keys reported in one finding, not 300,000.
    let block: String = keys.iter().map(|k| format!("{k}: a value\n")).collect();
    let m = check_within_bound("block-map.yaml", block.into_bytes());
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(
        m.stdout
            .contains("300000 unknown keys in the tracker: `k0`, `k1`, `k2`, `k3`, `k4`"),
        "{}",
        m.stdout
    );
    assert_eq!(diagnostics(&m.stdout).len(), 2, "{}", m.stdout);
    // JSON is one flow mapping: it used to be tokenized whole before parsing began.
    let entries: Vec<String> = (0..40_000)
        .map(|i| format!("\"k{i}\": {{\"date\": \"2020-01-01\", \"note\": \"a few words\"}}"))
        .collect();
    let json = format!("{{{}}}", entries.join(",\n"));
    let m = check_within_bound("big.json", json.into_bytes());
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(m.stdout.contains("40000 unknown keys"), "{}", m.stdout);
}

#[test]
fn deep_nesting_is_refused_within_the_bound() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let m = check_within_bound("deep.yaml", deep.into_bytes());
    assert_eq!(m.code, 1);
    assert!(
        m.stdout.contains("nesting deeper than 64 levels")
            || m.stdout.contains("recursion limit exceeded"),
        "{}",
        m.stdout
    );
    // 4 MiB of `1,` nested 60 deep (under the depth limit): every level a possible
    // key the parser used to wait on, so the whole list was queued as tokens (850 MB)
    // before the first event, and before any limit of ours could look at it.
    let nested = "[".repeat(60) + &"1,".repeat(2 << 20) + "1" + &"]".repeat(60);
    let m = check_within_bound("nested.yaml", nested.into_bytes());
    assert_eq!(m.code, 1);
    assert!(m.stdout.contains("values, one per 4 bytes"), "{}", m.stdout);
}

/// A base revision may hold a file far over the size limit (the limit is today's
/// setting; history is whatever was merged). With `--base` its blob was read whole
/// into memory before being skipped as too large: 96 MB of it cost 96 MB. git
/// announces a blob's size first, so it is now skipped without being held.
#[test]
fn a_huge_file_at_the_base_is_not_held_in_memory() {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let repo = crate::history::Scratch::new();
    let big = repo.path().join("tracker/big.yaml");
    std::fs::write(&big, vec![b'a'; 96 << 20]).unwrap();
    repo.commit("a huge file at the base");
    std::fs::write(&big, "id: big\n").unwrap();
    repo.commit("the change under review");
    let m = crate::measure_in(
        repo.path(),
        &[
            "check",
            "--today",
            "2022-01-01",
            "--base",
            "HEAD~1",
            "tracker",
        ],
        None,
    );
    assert_eq!(m.code, 1, "{}{}", m.stdout, m.stderr);
    assert!(
        m.max_rss_kib <= BASE_KIB,
        "peak {} KiB for two small files: the base's 96 MB blob was held\n{}",
        m.max_rss_kib,
        m.stdout
    );
}

/// The shipped tracker with its first achieved-looking step claimed by evidence whose
/// `source` and `locator` are the float `.inf`.
fn fabricated_evidence() -> String {
    let t = read(SHIPPED);
    let t = t.replacen(
        "      government-consensus:\n        status: in-progress",
        "      government-consensus:\n        status: achieved",
        1,
    );
    let t = t.replacen(
        "          - date: 2021-12-10\n            status: in-progress\n            note: >-\n              ICG reports",
        "          - date: 2021-12-10\n            status: achieved\n            note: >-\n              ICG reports",
        1,
    );
    let t = t.replacen(
        "              - source: icg-306\n                locator: Principal Findings; Executive Summary, paragraphs 1, 3 and 4",
        "              - source: .inf\n                locator: .inf",
        1,
    );
    assert!(
        t.contains("source: .inf"),
        "the fixture still has the entry"
    );
    t
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn non_finite_evidence_is_a_schema_error_and_no_step_is_shown_achieved() {
    let (_dir, trackers) = sandbox();
    let text = fabricated_evidence();
    let file = trackers.join("t.yaml");
    std::fs::write(&file, &text).unwrap();
    let m = measure(&["check", file.to_str().unwrap()]);
    // Before: exit 0, "no problems".
    assert_eq!(m.code, 1, "{}", m.stdout);
    let line = line_of(&text, "source: .inf");
    let found = diagnostics(&m.stdout);
    assert!(
        found.contains(&("schema".into(), line, 25))
            && found.contains(&("schema".into(), line + 1, 26)),
        "{found:?}\n{}",
        m.stdout
    );
    assert!(
        m.stdout.contains("should be text, not a number (.inf)"),
        "{}",
        m.stdout
    );
    let s = measure(&["status", file.to_str().unwrap()]);
    assert_eq!(s.code, 1, "{}", s.stdout);
    assert!(!s.stdout.contains("achieved"), "{}", s.stdout);
    assert!(s.stderr.contains("no status shown"), "{}", s.stderr);
}

#[test]
fn every_text_field_refuses_a_non_finite_number_at_its_place() {
    // Each scalar value of the shipped tracker that is text, replaced in turn by
    // `.inf`, `-.inf` or `.nan`: one file each, checked in one run.
    let (_dir, trackers) = sandbox();
    let text = read(SHIPPED);
    let lines: Vec<&str> = text.lines().collect();
    let spellings = [".inf", "-.inf", ".nan", ".NaN", "-.INF", "+.inf"];
    let mut expected = Vec::new();
    // The indentation of the key whose folded scalar is being read: its text lines
    // (more indented) may hold ": " but are not keys.
    let mut in_block: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        match in_block {
            Some(key_indent) if indent > key_indent || line.trim().is_empty() => continue,
            _ => in_block = None,
        }
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        if value.starts_with('>') || value.starts_with('|') {
            in_block = Some(indent);
        }
        let key = key.trim_start().trim_start_matches("- ");
        // Skip the number, folded scalars (the text is on the next lines) and keys
        // whose value is not one line of text.
        if key.starts_with('#')
            || key == "schema_version"
            || value.starts_with('>')
            || value.is_empty()
        {
            continue;
        }
        let spelling = spellings[expected.len() % spellings.len()];
        let mut mutated = lines.clone();
        let replaced = format!("{}: {spelling}", line.split_once(": ").unwrap().0);
        mutated[i] = &replaced;
        let name = format!("m{i:03}.yaml");
        std::fs::write(trackers.join(&name), mutated.join("\n") + "\n").unwrap();
        let col = line.find(": ").unwrap() + 3;
        expected.push((name, i + 1, col, key.to_string()));
    }
    assert!(expected.len() > 40, "enough places: {}", expected.len());
    let m = measure(&["check", "--format", "json", trackers.to_str().unwrap()]);
    assert_eq!(m.code, 1);
    let report: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    for (name, line, col, key) in &expected {
        let file = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name.as_str()))
            .unwrap_or_else(|| panic!("{name} checked"));
        let hit = file["diagnostics"].as_array().unwrap().iter().any(|f| {
            f["severity"] == "error"
                && f["line"].as_u64() == Some(*line as u64)
                && f["column"].as_u64() == Some(*col as u64)
        });
        assert!(hit, "{name}: `{key}` at {line}:{col} not reported: {file}");
    }
}

#[test]
fn a_numeric_key_stays_as_written() {
    // `0x1f:` read as the integer 31 became the key "31" in the JSON the schema saw,
    // which evidence citing "31" then matched: a source the file never names.
    let (_dir, trackers) = sandbox();
    let text = read(SHIPPED).replacen("  icg-306:\n", "  0x1f:\n", 1);
    assert!(text.contains("0x1f:"));
    let file = trackers.join("t.yaml");
    std::fs::write(&file, text.replace("source: icg-306", "source: \"31\"")).unwrap();
    let m = measure(&["check", file.to_str().unwrap()]);
    assert_eq!(m.code, 1, "{}", m.stdout);
    assert!(m.stdout.contains("error[unknown-source]"), "{}", m.stdout);
}

/// An ordinary, valid tracker with `entries` history entries (about 240 bytes each,
/// as a monitor writes them: a date, a status, a sentence, one piece of evidence),
/// spread over a few steps.
fn large_tracker(entries: usize) -> String {
    let mut t = String::from(
        "schema_version: 1\nid: large\ntitle: A large tracker\nas_of: 2024-12-31\n\
         parties:\n  government: Government\n  jnim: JNIM\nsources:\n",
    );
    for s in 1..=5 {
        t.push_str(&format!(
            "  src-{s}:\n    title: Source {s}\n    publisher: A publisher\n    \
             published: 2015-01-0{s}\n    url: https://example.org/source-{s}\n"
        ));
    }
    t.push_str("recommendations:\n");
    // Every step of the default catalog, so the tracker is complete and valid.
    let catalog = [
        (
            "unify-ranks",
            &[
                "government-consensus",
                "jnim-consensus",
                "foreign-partners",
                "security-assurances",
            ][..],
        ),
        ("appoint-teams", &["government-team", "jnim-team", "agenda"]),
        ("public-debate", &["debate-held", "positions-defined"]),
        ("mediator", &["candidates-identified", "mediator-agreed"]),
        (
            "inclusivity",
            &[
                "multi-level-engagement",
                "grievances",
                "interlocutors-identified",
            ],
        ),
    ];
    let per_step = entries.div_ceil(14);
    let first = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let mut left = entries;
    for (rec, steps) in catalog {
        t.push_str(&format!("  {rec}:\n    steps:\n"));
        for step in steps {
            t.push_str(&format!(
                "      {step}:\n        status: in-progress\n        history:\n"
            ));
            let here = per_step.min(left).max(1);
            left = left.saturating_sub(here);
            for i in 0..here {
                let date = first + chrono::Days::new((i / 4) as u64);
                t.push_str(&format!(
                    "          - date: {date}\n            status: in-progress\n            \
                     note: Monitors report talks between representatives, elders and the council, entry {i}.\n            \
                     evidence:\n              - source: src-{}\n                locator: paragraph {}\n",
                    i % 5 + 1,
                    i % 40 + 1
                ));
            }
        }
    }
    t
}

#[test]
fn a_large_ordinary_tracker_is_checked_in_a_few_times_its_size() {
    // The shipped tracker measures what any run costs (the binary, the schema, the
    // catalog); a large tracker may add at most `LARGE_PER_BYTE` bytes per byte of
    // file on top. Before the compact tree (and the tree held once, the text held
    // once) it took about 30 bytes per byte.
    let (_dir, trackers) = sandbox();
    let small = trackers.join("small.yaml");
    std::fs::write(&small, read(SHIPPED)).unwrap();
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let base = measure(&["check", "--today", "2027-01-01", small.to_str().unwrap()]);
    assert_eq!(base.code, 0, "{}", base.stdout);
    let text = large_tracker(20_000);
    let size = text.len();
    assert!(size > 4 << 20, "{size} bytes");
    let large = trackers.join("large.yaml");
    std::fs::write(&large, &text).unwrap();
    drop(text);
    let m = measure(&["check", "--today", "2027-01-01", large.to_str().unwrap()]);
    assert_eq!(m.code, 0, "an ordinary tracker: {}", m.stdout);
    let added = m.max_rss_kib.saturating_sub(base.max_rss_kib);
    // Issue #17's bound: 6 bytes per byte. Measured 4.2 (debug build) once the schema
    // read the tree itself and entries kept no typed copies of their notes and
    // evidence; 10 with the schema's JSON copy of the tree, 28 before the compact tree.
    const LARGE_PER_BYTE: u64 = 6;
    let bound = LARGE_PER_BYTE * size as u64 / 1024;
    eprintln!(
        "large tracker: {size} bytes, peak {} KiB, shipped tracker {} KiB: {:.1} bytes per byte",
        m.max_rss_kib,
        base.max_rss_kib,
        added as f64 * 1024.0 / size as f64
    );
    assert!(
        added <= bound,
        "{size} bytes: peak {} KiB, {added} KiB over the shipped tracker's {} KiB; the bound is {bound} KiB",
        m.max_rss_kib,
        base.max_rss_kib,
    );
}
