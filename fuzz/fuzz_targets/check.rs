//! Fuzz the whole path a tracker takes: bytes → document → schema and rules →
//! rendered diagnostics, and for a valid tracker the status table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rectrack::catalog::Catalog;
use rectrack::check::Checker;
use rectrack::load::Limits;
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

fuzz_target!(|data: &[u8]| {
    let checked = CHECKER.check_bytes(data);
    let _ = rectrack::render::human("fuzz.yaml", &checked.source, &checked.findings);
    if checked.count(rectrack::diagnostic::Severity::Error) == 0 {
        if let Some(tracker) = &checked.tracker {
            let table = StatusTable::new("fuzz.yaml", tracker, &CHECKER.catalog, None, DEFAULT_STALE_DAYS);
            let _ = (table.to_table(), table.to_markdown(), table.to_json());
        }
    }
});
