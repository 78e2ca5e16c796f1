//! Fuzz the whole path a tracker takes: bytes → document → schema and rules →
//! rendered diagnostics in every format; for a valid tracker the status in every
//! format and the report; and the comparison with a base version (`check --base`,
//! `diff`), the shipped tracker standing in as the old version. And the JSON fast path
//! against the YAML path: wherever it decides, the same tree, spans included.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rectrack::check::base::BaseInfo;
use rectrack::check::checker::Checker;
use rectrack::check::finding::Severity;
use rectrack::check::rules::append_only;
use rectrack::check::rules::semantic::{Context, DEFAULT_STALE_DAYS};
use rectrack::model::catalog::Catalog;
use rectrack::model::change;
use rectrack::model::tracker::Tracker;
use rectrack::present::findings::{self, CheckRun, CheckedFile};
use rectrack::present::i18n::Messages;
use rectrack::present::report::{self, Grouped, Input, PeriodRequest, Reader};
use rectrack::present::{Render, diff, status};
use rectrack::syntax::{self, Limits};
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
    let catalog = Catalog::builtin().expect("the built-in catalog loads");
    let context = Context {
        today: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).expect("a real date"),
        stale_days: DEFAULT_STALE_DAYS,
    };
    Checker::new(catalog, context, Limits::default()).expect("the schema compiles")
});

static SHIPPED: LazyLock<Tracker> = LazyLock::new(|| {
    let text = include_str!("../../tracker/mali-jnim-dialogue.yaml");
    let root = syntax::parse(text, &Limits::default()).expect("the shipped tracker parses");
    Tracker::from_document(root)
});

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = syntax::decode(data)
        && let Some(fast) = syntax::parse_json(text, &Limits::default())
    {
        assert_eq!(
            Ok(fast),
            syntax::parse_yaml(text, &Limits::default()),
            "the JSON fast path and the YAML path read {text:?} differently"
        );
    }
    let checked = CHECKER.check_bytes(data);
    let file = CheckedFile {
        path: "fuzz.yaml",
        text: &checked.text,
        findings: &checked.findings,
        gone: false,
        catalog: checked.is_catalog,
    };
    let run = CheckRun {
        files: vec![file],
        unreadable: &[],
        deny_warnings: false,
    };
    let human = findings::Human {
        max_diagnostics: 100,
    };
    for format in [
        &human as &dyn Render<CheckRun<'_>>,
        &findings::Json,
        &findings::Github,
        &findings::Sarif,
        &findings::Junit { with_base: true },
    ] {
        let _ = format.render(&run);
    }
    if let Ok(root) = syntax::document(data, &Limits::default()) {
        let new = Tracker::from_document(root);
        let base = BaseInfo {
            rev: "HEAD",
            commit: "0123456789ab",
            today: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).expect("a real date"),
        };
        // Both directions, judged as `check --base` judges them, and shown as `diff`
        // shows them.
        let mut changes = Vec::new();
        for (old, now) in [(&*SHIPPED, &new), (&new, &*SHIPPED)] {
            let mut change = change::compare(Some(old), now, Some(CHECKER.default_catalog()));
            change.file = Some("fuzz.yaml".into());
            change.old_file = Some("old/fuzz.yaml".into());
            changes.push(append_only::judge(change, &base));
        }
        let view = diff::Diff {
            changes: &changes,
            base: &base,
        };
        let _ = (
            diff::Text.render(&view),
            diff::Markdown.render(&view),
            diff::Json.render(&view),
        );
    }
    if checked.count(Severity::Error) == 0
        && let Some(tracker) = &checked.tracker
    {
        let inputs = [Input {
            file: "fuzz.yaml",
            tracker,
        }];
        // French: its plural rules and longer words are the harder case.
        let messages = Messages::new("fr").expect("French is shipped");
        let ctx = Reader {
            m: &messages,
            stale_days: DEFAULT_STALE_DAYS,
        };
        // The tracker's own catalog (a fuzzed `catalog:` only ever resolves to a
        // built-in one here: there is no folder around the bytes).
        let catalog = checked
            .catalog
            .clone()
            .unwrap_or_else(|| CHECKER.default_catalog().clone());
        let inputs = [(inputs[0], catalog)];
        let day = PeriodRequest {
            from: None,
            to: None,
            shorthand: None,
            days_before: 0,
        };
        if let Ok(one_day) =
            Grouped::build(&inputs, CHECKER.default_catalog(), day, DEFAULT_STALE_DAYS)
        {
            let _ = (
                status::Table(ctx).render(&one_day),
                status::Markdown(ctx).render(&one_day),
                status::Json.render(&one_day),
                report::Csv(ctx).render(&one_day),
            );
        }
        let quarter = PeriodRequest {
            days_before: 90,
            ..day
        };
        if let Ok(built) = Grouped::build(
            &inputs,
            CHECKER.default_catalog(),
            quarter,
            DEFAULT_STALE_DAYS,
        ) {
            let _ = (
                report::Markdown(ctx).render(&built),
                report::Html(ctx).render(&built),
                report::Json(ctx).render(&built),
                report::CsvLong.render(&built),
                report::Svg(ctx).render(&built),
            );
        }
    }
});
