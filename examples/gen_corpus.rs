//! Generates benchmark corpora of valid trackers, deterministically.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --out DIR --trackers N --history H [--json]
//! cargo run --release --example gen_corpus -- --out DIR --large ENTRIES [--json]
//! ```
//!
//! Every tracker has every catalog step; each step's history has between H/3 and H
//! entries (oldest first, statuses consistent, every entry with evidence), so the files
//! pass `rectrack check` without a finding. `--large ENTRIES` writes one tracker whose
//! histories hold ENTRIES entries in all. `--json` also writes a `.json` copy of each
//! file (for validators that do not read YAML).
// Corpus sizes are small numbers on a 64-bit machine.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]

use rectrack::model::catalog::Catalog;
use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64*: reproducible noise without a dependency.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "talks",
    "envoy",
    "delegation",
    "communiqué",
    "meeting",
    "village",
    "council",
    "elders",
    "mediators",
    "ceasefire",
    "statement",
    "region",
    "leaders",
    "representatives",
    "process",
    "agreement",
    "reported",
    "local",
    "officials",
    "partners",
    "dialogue",
    "security",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 5 + rng.below(6) as usize;
    let mut s: Vec<&str> = (0..n)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect();
    s[0] = "Monitors";
    format!("{}.", s.join(" "))
}

/// One tracker; `entries_per_step(rng)` says how long each history is.
pub fn tracker(
    catalog: &Catalog,
    id: &str,
    rng: &mut Rng,
    entries_per_step: &mut dyn FnMut(&mut Rng) -> usize,
) -> String {
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).expect("a real date");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# yaml-language-server: $schema=../schema/tracker.schema.json"
    );
    let _ = writeln!(
        out,
        "schema_version: 1\nid: {id}\ntitle: Generated tracker {id}\nas_of: {as_of}"
    );
    out.push_str("parties:\n  government: Government\n  jnim: JNIM\nsources:\n");
    for s in 1..=5 {
        let _ = writeln!(
            out,
            "  src-{s}:\n    title: Generated source {s}\n    publisher: Generated publisher\n    published: 2015-01-0{s}\n    url: https://example.org/source-{s}"
        );
    }
    out.push_str("recommendations:\n");
    let mut source = 0;
    for rec in &catalog.recommendations {
        let _ = writeln!(out, "  {}:\n    steps:", rec.id);
        for step in &rec.steps {
            let n = entries_per_step(rng);
            let mut lines = String::new();
            let mut status = "in-progress";
            for i in 0..n {
                // Two entries a day at most, the last 90 days before as_of: dates run
                // forward and no step goes stale.
                let date = as_of - chrono::Duration::days(90 + ((n - 1 - i) / 2) as i64);
                status = match (i + 1 == n, rng.below(4)) {
                    (true, 0) => "achieved",
                    (_, 1) => "stalled",
                    _ => "in-progress",
                };
                source = source % 5 + 1;
                let _ = write!(
                    lines,
                    "          - date: {date}\n            status: {status}\n            note: {}\n            evidence:\n              - source: src-{source}\n                locator: paragraph {}\n",
                    sentence(rng),
                    1 + rng.below(40)
                );
            }
            if n == 0 {
                let _ = writeln!(out, "      {}:\n        status: unknown", step.id);
            } else {
                let _ = write!(
                    out,
                    "      {}:\n        status: {status}\n        history:\n{lines}",
                    step.id
                );
            }
        }
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut out, mut trackers, mut history, mut large, mut json) =
        (None, 0usize, 20usize, 0usize, false);
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value())),
            "--trackers" => trackers = value().parse().expect("a number"),
            "--history" => history = value().parse().expect("a number"),
            "--large" => large = value().parse().expect("a number"),
            "--json" => json = true,
            other => panic!("unknown option {other}; see the comment at the top of gen_corpus.rs"),
        }
    }
    let out = out.expect("--out DIR");
    std::fs::create_dir_all(&out).expect("create the output directory");
    let catalog = Catalog::builtin().expect("the catalog loads");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let write = |name: String, text: String| {
        if json {
            let doc = rectrack::syntax::parse(
                &text,
                &rectrack::syntax::Limits {
                    max_depth: 64,
                    ..Default::default()
                },
            )
            .expect("generated YAML parses");
            let j = serde_json::to_string(&doc.to_json()).expect("serialises");
            std::fs::write(out.join(format!("{name}.json")), j).expect("write");
        }
        std::fs::write(out.join(format!("{name}.yaml")), text).expect("write");
    };
    for i in 0..trackers {
        let text = tracker(&catalog, &format!("gen-{i:05}"), &mut rng, &mut |r| {
            history / 3 + r.below(history as u64 * 2 / 3 + 1) as usize
        });
        write(format!("gen-{i:05}"), text);
    }
    if large > 0 {
        let steps = catalog.steps().count();
        let mut left = large;
        let mut remaining_steps = steps;
        let text = tracker(&catalog, "gen-large", &mut rng, &mut |_| {
            let n = left / remaining_steps;
            left -= n;
            remaining_steps -= 1;
            n
        });
        write(format!("large-{large}"), text);
    }
}
