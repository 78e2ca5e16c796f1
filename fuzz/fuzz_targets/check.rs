//! Fuzz the whole path a tracker takes: bytes → document → schema and rules →
//! rendered diagnostics in every format; for a valid tracker the status table; and the
//! comparison with a base version (`check --base`, `diff`), the shipped tracker
//! standing in as the old version.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rectrack::catalog::Catalog;
use rectrack::check::Checker;
use rectrack::history::BaseInfo;
use rectrack::load::Limits;
use rectrack::output::{self, FileReport, Format, RunReport};
use rectrack::rules::semantic::{Context, DEFAULT_STALE_DAYS};
use rectrack::status_table::StatusTable;
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
    let catalog = Catalog::builtin().expect("the built-in catalog loads");
    let context = Context {
        today: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).expect("a real date"),
        stale_days: DEFAULT_STALE_DAYS,
    };
    Checker::new(catalog, context, Limits::default()).expect("the schema compiles")
});

static SHIPPED: LazyLock<rectrack::document::Node> = LazyLock::new(|| {
    let text = include_str!("../../tracker/mali-jnim-dialogue.yaml");
    rectrack::load::parse(text, &Limits::default()).expect("the shipped tracker parses")
});

fuzz_target!(|data: &[u8]| {
    let checked = CHECKER.check_bytes(data);
    let _ = rectrack::render::human("fuzz.yaml", &checked.source, &checked.findings);
    let file = FileReport {
        path: "fuzz.yaml",
        source: &checked.source,
        findings: &checked.findings,
        gone: false,
    };
    let run = RunReport {
        files: vec![file],
        unreadable: &[],
        deny_warnings: false,
    };
    for format in [
        &output::Json as &dyn Format,
        &output::Github,
        &output::Sarif,
        &output::Junit { with_base: true },
    ] {
        let _ = format.render(&run);
    }
    if let Ok(new) =
        rectrack::load::document(data, &Limits::default())
    {
        let base = BaseInfo {
            rev: "HEAD",
            commit: "0123456789ab",
            today: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).expect("a real date"),
        };
        // Both directions, judged as `check --base` judges them, and shown as `diff`
        // shows them.
        let mut changes = Vec::new();
        for (old, now) in [(&*SHIPPED, &new), (&new, &*SHIPPED)] {
            let mut change = rectrack::compare::compare(Some(old), now);
            change.file = Some("fuzz.yaml".into());
            change.old_file = Some("old/fuzz.yaml".into());
            rectrack::history::judge(&mut change, &base);
            let _ = change.findings();
            changes.push(change);
        }
        let _ = (
            rectrack::diff::to_text(&changes, &base),
            rectrack::diff::to_markdown(&changes, &base),
            rectrack::diff::to_json(&changes, &base),
        );
    }
    if checked.count(rectrack::diagnostic::Severity::Error) == 0 {
        if let Some(tracker) = &checked.tracker {
            let table = StatusTable::new(
                "fuzz.yaml",
                tracker,
                &CHECKER.catalog,
                None,
                DEFAULT_STALE_DAYS,
            );
            let _ = (table.to_table(), table.to_markdown(), table.to_json());
        }
    }
});
