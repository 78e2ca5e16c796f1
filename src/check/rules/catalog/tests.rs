use super::*;
use crate::syntax::{Limits, parse};

/// (rule, line, column) of each finding on `yaml`.
fn found(yaml: &str) -> Vec<(&'static str, u32, u32)> {
    let root = parse(yaml, &Limits::default()).unwrap();
    check(&root)
        .iter()
        .map(|f| (f.rule, f.span.start.line, f.span.start.col))
        .collect()
}

const HEAD: &str = "catalog_format: 1\nid: c\ntitle: T\nlanguages: [en, fr]\n\
documents:\n  doc: {title: D}\nparties:\n  gov: {en: Government, fr: Gouvernement}\n  jnim: JNIM\n";

#[test]
fn a_well_formed_catalog_has_no_finding() {
    let yaml = format!(
        "{HEAD}recommendations:\n  r:\n    title: {{en: A, fr: B}}\n    description: X\n    \
from: [{{document: doc, locator: {{en: p. 1, fr: p. 1}}}}]\n    steps:\n      s:\n        \
party: [gov, jnim]\n        title: S\n        description: S\n        from: [{{document: doc, locator: L}}]\n        \
renamed_from: [old]\n"
    );
    assert_eq!(found(&yaml), []);
}

#[test]
fn each_rule_points_at_its_place() {
    let yaml = format!(
        "{HEAD}recommendations:\n  r:\n    title: {{en: A}}\n    description: {{en: A, fr: B, de: C}}\n    \
from: [{{document: dok, locator: L}}]\n    steps:\n      s:\n        \
party: [gov, gov, jnm]\n        title: S\n        description: S\n        from: [{{document: doc, locator: L}}]\n        \
renamed_from: [t, old, old]\n      t:\n        party: gov\n        title: S\n        description: S\n        \
from: [{{document: doc, locator: L}}]\n        renamed_from: [old]\n"
    );
    let got = found(&yaml);
    assert_eq!(
        got,
        [
            ("catalog-missing-language", 12, 5),
            ("catalog-unknown-language", 13, 33),
            ("catalog-unknown-document", 14, 23),
            ("catalog-duplicate-id", 17, 22),
            ("catalog-unknown-party", 17, 27),
            ("catalog-renamed-collision", 21, 24),
            ("catalog-duplicate-id", 21, 32),
            ("catalog-renamed-collision", 27, 24),
        ],
        "{yaml}"
    );
}

#[test]
fn repeated_languages_and_broken_shapes() {
    let got = found("catalog_format: 1\nlanguages: [en, fr, en]\ntitle: {en: A, fr: B}\n");
    assert_eq!(got, [("catalog-duplicate-id", 2, 21)]);
    // Nothing to compare with: the schema's findings say what is missing.
    assert_eq!(
        found("catalog_format: 1\nrecommendations: 3\nparties: [a]\n"),
        []
    );
    assert_eq!(found("catalog_format: 1\n"), []);
}

#[test]
fn language_codes_are_recognised_as_the_schema_does() {
    for good in ["en", "fr", "pt-BR", "zh-Hant-TW", "ast"] {
        assert!(looks_like_language(good), "{good}");
    }
    for bad in ["EN", "e", "engl", "pt-", "pt-B", "en_GB", ""] {
        assert!(!looks_like_language(bad), "{bad}");
    }
}
