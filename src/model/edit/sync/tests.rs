use crate::model::catalog::Catalog;
use crate::model::edit::{Held, SyncChange, Synced, sync};
use crate::syntax::{Limits, parse};

/// Recommendation `r` with steps `a` (once `old-a`) and `b`, parties `p` (named in two
/// languages) and `q`.
const CATALOG: &str = "catalog_format: 1
id: t
title: T
languages: [en, fr]
documents: {d: {title: D}}
parties:
  p: {en: Party P, fr: Partie P}
  q: Q
recommendations:
  r:
    title: R
    description: R
    from: [{document: d, locator: x}]
    steps:
      a: {party: p, title: A, description: A, from: [{document: d, locator: x}], renamed_from: [old-a]}
      b: {party: q, title: B, description: B, from: [{document: d, locator: x}]}
";

fn run(catalog: &str, text: &str) -> Synced {
    let catalog = Catalog::from_yaml(catalog).unwrap();
    let root = parse(text, &Limits::default()).unwrap();
    sync(text, &root, &catalog).unwrap()
}

const ENTRY: &str = "[{date: 2021-01-01, status: unknown}]";

fn tracker(parties: &str, steps: &str) -> String {
    format!(
        "as_of: 2022-01-01\n{parties}sources: {{}}\nrecommendations:\n  r:\n    steps:\n{steps}"
    )
}

#[test]
fn parties_are_added_in_the_catalog_s_words_and_unknown_ones_dropped() {
    let steps = "      a: {status: unknown}\n      b: {status: unknown}\n";
    let s = run(CATALOG, &tracker("", steps));
    assert_eq!(
        s.text,
        tracker(
            "parties:\n  p:\n    en: Party P\n    fr: Partie P\n  q: Q\n",
            steps
        )
    );
    let s = run(CATALOG, &tracker("parties: {q: Mine, z: Gone}\n", steps));
    assert_eq!(
        s.text,
        tracker(
            "parties: {p: {en: Party P, fr: Partie P}, q: Mine}\n",
            steps
        )
    );
    assert_eq!(
        s.changes,
        [
            SyncChange::AddedParty {
                id: "p".into(),
                name: "Party P".into()
            },
            SyncChange::DroppedParty { id: "z".into() }
        ]
    );
}

#[test]
fn an_old_id_with_the_record_wins_over_an_empty_new_one() {
    let parties = "parties: {p: P, q: Q}\n";
    let text = tracker(
        parties,
        &format!(
            "      a: {{status: unknown}}\n      \"old-a\": {{status: unknown, history: {ENTRY}}}\n      b: {{status: unknown}}\n"
        ),
    );
    let s = run(CATALOG, &text);
    assert_eq!(
        s.text,
        tracker(
            parties,
            &format!(
                "      \"a\": {{status: unknown, history: {ENTRY}}}\n      b: {{status: unknown}}\n"
            )
        )
    );
    assert_eq!(
        s.changes,
        [
            SyncChange::DroppedStep {
                rec: "r".into(),
                step: "a".into(),
                renamed_to: Some("a".into())
            },
            SyncChange::Renamed {
                rec: "r".into(),
                from: "old-a".into(),
                to: "a".into()
            }
        ]
    );
}

#[test]
fn a_recommendation_the_catalog_lacks_goes_only_without_history() {
    let parties = "parties: {p: P, q: Q}\n";
    let steps = "      a: {status: unknown}\n      b: {status: unknown}\n";
    let extra = "  gone:\n    steps:\n      x: {status: unknown}\n";
    let s = run(CATALOG, &format!("{}{extra}", tracker(parties, steps)));
    assert_eq!(s.text, tracker(parties, steps));
    assert_eq!(
        s.changes,
        [SyncChange::DroppedRecommendation { rec: "gone".into() }]
    );
    let recorded = format!("  gone:\n    steps:\n      x: {{status: unknown, history: {ENTRY}}}\n");
    let text = format!("{}{recorded}", tracker(parties, steps));
    let s = run(CATALOG, &text);
    assert_eq!(s.text, text);
    assert_eq!(
        s.held,
        [Held {
            step: "gone/x".into(),
            span: s.held[0].span,
            entries: 1,
            merge_into: None
        }]
    );
    assert_eq!(s.held[0].span.start.line, 11, "the key of `x`");
}

#[test]
fn a_broken_catalog_renames_nothing() {
    // `b` claims `a`, a current step (catalog-renamed-collision): `a` stays `a`.
    let broken = CATALOG.replace(
        "from: [{document: d, locator: x}]}\n",
        "from: [{document: d, locator: x}], renamed_from: [a]}\n",
    );
    assert_ne!(broken, CATALOG);
    let text = tracker(
        "parties: {p: P, q: Q}\n",
        &format!("      a: {{status: unknown, history: {ENTRY}}}\n"),
    );
    let s = run(&broken, &text);
    assert_eq!(
        s.changes,
        [SyncChange::AddedStep {
            rec: "r".into(),
            step: "b".into()
        }]
    );
    assert!(
        s.text.contains("      a: {status: unknown, history"),
        "{}",
        s.text
    );
}
