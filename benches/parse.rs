//! Where a check's time goes, in-process, on one generated tracker of about 43 KB:
//! the libyaml event parser (through unsafe-libyaml, the parser behind the usual
//! libyaml-based serde pipeline), saphyr-parser's events (the parser rectrack uses),
//! rectrack's spanned tree built on them, and the whole check; then the same tracker as
//! one line of JSON (as the JSON corpus writes it): serde_json's own tree, rectrack's
//! tree through the JSON fast path and through the YAML path, and the whole check.
//!
//! `cargo bench --bench parse`
// Corpus sizes are small numbers on a 64-bit machine.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rectrack::check::checker::Checker;
use rectrack::check::rules::semantic::{Context, DEFAULT_STALE_DAYS};
use rectrack::model::catalog::Catalog;
use rectrack::syntax::Limits;
use std::hint::black_box;
use std::mem::MaybeUninit;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod generator;

fn sample() -> String {
    let catalog = Catalog::builtin().expect("the catalog loads");
    let mut rng = generator::Rng(0x9E37_79B9_7F4A_7C15);
    generator::tracker(&catalog, "bench", &mut rng, &mut |r| {
        20 / 3 + r.below(20 * 2 / 3 + 1) as usize
    })
}

/// Counts libyaml's events (no tree built).
#[allow(unsafe_code)] // libyaml's C API, the peer this benchmark compares against.
fn libyaml_events(text: &str) -> usize {
    use unsafe_libyaml::{
        YAML_STREAM_END_EVENT, yaml_event_delete, yaml_event_t, yaml_parser_delete,
        yaml_parser_initialize, yaml_parser_parse, yaml_parser_set_input_string, yaml_parser_t,
    };
    let mut count = 0;
    // SAFETY: the parser and event are initialised by libyaml before use, the input
    // outlives the parser, and every event and the parser are deleted.
    unsafe {
        let mut parser = MaybeUninit::<yaml_parser_t>::uninit();
        assert!(yaml_parser_initialize(parser.as_mut_ptr()).ok);
        let parser = parser.as_mut_ptr();
        yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        let mut event = MaybeUninit::<yaml_event_t>::uninit();
        loop {
            assert!(
                yaml_parser_parse(parser, event.as_mut_ptr()).ok,
                "valid YAML"
            );
            let done = (*event.as_ptr()).type_ == YAML_STREAM_END_EVENT;
            yaml_event_delete(event.as_mut_ptr());
            count += 1;
            if done {
                break;
            }
        }
        yaml_parser_delete(parser);
    }
    count
}

/// Counts saphyr-parser's events (no tree built).
fn saphyr_events(text: &str) -> usize {
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    let mut count = 0;
    while let Some(event) = parser.next_event() {
        event.expect("valid YAML");
        count += 1;
    }
    count
}

fn benches(c: &mut Criterion) {
    let text = sample();
    let context = Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date"),
        stale_days: DEFAULT_STALE_DAYS,
    };
    let checker = Checker::new(
        Catalog::builtin().expect("catalog"),
        context,
        Limits::default(),
    )
    .expect("schema");
    assert!(
        checker.check_bytes(text.as_bytes()).findings.is_empty(),
        "the sample is valid"
    );
    let mut group = c.benchmark_group("one 43 KB tracker");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("libyaml events (unsafe-libyaml)", |b| {
        b.iter(|| libyaml_events(black_box(&text)));
    });
    group.bench_function("saphyr-parser events", |b| {
        b.iter(|| saphyr_events(black_box(&text)));
    });
    group.bench_function("rectrack spanned tree (load::parse)", |b| {
        b.iter(|| rectrack::syntax::parse(black_box(&text), &Limits::default()).expect("parses"));
    });
    group.bench_function("rectrack check (tree, schema, rules)", |b| {
        b.iter(|| checker.check_bytes(black_box(text.as_bytes())));
    });
    group.finish();

    let json = serde_json::to_string(
        &rectrack::syntax::parse(&text, &Limits::default())
            .expect("parses")
            .to_json(),
    )
    .expect("JSON");
    assert!(
        rectrack::syntax::parse_json(&json, &Limits::default()).is_some(),
        "the fast path decides the JSON sample"
    );
    let mut group = c.benchmark_group("the same tracker as JSON");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("serde_json::Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json)).expect("JSON"));
    });
    group.bench_function("rectrack spanned tree, JSON fast path", |b| {
        b.iter(|| {
            rectrack::syntax::parse_json(black_box(&json), &Limits::default()).expect("decided")
        });
    });
    group.bench_function("rectrack spanned tree, YAML path", |b| {
        b.iter(|| {
            rectrack::syntax::parse_yaml(black_box(&json), &Limits::default()).expect("parses")
        });
    });
    group.bench_function("rectrack check (tree, schema, rules)", |b| {
        b.iter(|| checker.check_bytes(black_box(json.as_bytes())));
    });
    group.finish();
}

criterion_group!(parse, benches);
criterion_main!(parse);
