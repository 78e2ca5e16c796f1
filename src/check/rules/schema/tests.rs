use super::place::describe;
use super::*;
use crate::syntax::{Limits, parse};
use serde_json::json;

fn checker() -> SchemaChecker {
    SchemaChecker::new(&Catalog::builtin().unwrap()).unwrap()
}

#[test]
fn schema_is_draft_07_and_compiles() {
    let schema = generate(&Catalog::builtin().unwrap());
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(
        schema["properties"]["recommendations"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("mediator"))
    );
    checker();
}

#[test]
fn describe_names_places_as_a_reader_counts_them() {
    assert_eq!(
        describe(
            SchemaKind::Tracker,
            &[
                "recommendations",
                "mediator",
                "steps",
                "agenda",
                "history",
                "0",
                "date"
            ]
        ),
        "`date` of history entry #1 of `agenda`"
    );
    assert_eq!(describe(SchemaKind::Tracker, &[]), "the tracker");
    let catalog = |p: &[&str]| describe(SchemaKind::Catalog, p);
    assert_eq!(catalog(&[]), "the catalog");
    assert_eq!(
        catalog(&[
            "recommendations",
            "r",
            "steps",
            "s",
            "from",
            "0",
            "locator",
            "fr"
        ]),
        "the `fr` text of `locator` of citation #1 of step `s`"
    );
    assert_eq!(
        catalog(&["parties", "jnim", "EN"]),
        "the `EN` name of party `jnim`"
    );
    // A step whose id is a key name is still named as the step it is.
    assert_eq!(
        catalog(&["recommendations", "r", "steps", "title"]),
        "step `title`"
    );
    assert_eq!(
        catalog(&["documents", "d", "title"]),
        "`title` of document `d`"
    );
    assert_eq!(
        catalog(&["not_tracked", "1", "why"]),
        "`why` of `not_tracked` entry #2"
    );
}

#[test]
fn allowed_keys_follow_the_keyword_path() {
    let c = checker();
    let keys = c.allowed_keys("/definitions/step/additionalProperties");
    assert_eq!(keys, ["history", "next_review", "note", "status"]);
}

#[test]
fn a_root_level_typo_points_at_the_key_with_a_suggestion() {
    let doc = parse("schema_version: 1\ntitel: x\n", &Limits::default()).unwrap();
    let findings = checker().check(&doc);
    let typo = findings
        .iter()
        .find(|f| f.message.contains("titel"))
        .expect("unknown key reported");
    assert_eq!((typo.span.start.line, typo.span.start.col), (2, 1));
    assert!(
        typo.message.contains("did you mean `title`"),
        "{}",
        typo.message
    );
    let missing = findings
        .iter()
        .find(|f| f.message.contains("`as_of`"))
        .expect("missing key reported");
    assert_eq!((missing.span.start.line, missing.span.start.col), (1, 1));
    assert_eq!(
        missing.message,
        "the tracker lacks the required keys `id`, `title`, `as_of`, `parties`, `sources`, `recommendations`",
        "one finding for all keys missing from one mapping"
    );
}

#[test]
fn a_source_id_that_is_not_kebab_case_is_reported_at_its_key() {
    // Found by the differential test: the finding stood on `sources:`, not on the
    // key, and did not say which key (an invisible character cannot be spotted).
    let doc = parse(
        "sources:\n  icg-306:\n    title: A\n  iss\u{200b}-today:\n    title: B\n  Icg-306:\n    title: C\n",
        &Limits::default(),
    )
    .unwrap();
    let mut found: Vec<_> = checker()
        .check(&doc)
        .into_iter()
        .filter(|f| f.message.contains("kebab-case"))
        .map(|f| (f.span.start.line, f.span.start.col, f.message))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                4,
                3,
                "`iss\\u{200b}-today` in `sources` is not a kebab-case id".to_string()
            ),
            (
                6,
                3,
                "`Icg-306` in `sources` is not a kebab-case id".to_string()
            ),
        ]
    );
}

#[test]
fn year_zero_is_not_a_date_for_the_schema_either() {
    // Found by the differential test: check-jsonschema refuses `0000-01-01`, the
    // validator's built-in `date` format accepted it.
    let doc = parse("as_of: 0000-01-01\n", &Limits::default()).unwrap();
    let found: Vec<_> = checker()
        .check(&doc)
        .into_iter()
        .filter(|f| f.message.contains("0000"))
        .map(|f| (f.span.start.line, f.span.start.col, f.message, f.help))
        .collect();
    assert_eq!(
        found,
        [(
            1,
            8,
            "`0000-01-01` is not a real calendar date: there is no year 0 (the calendar goes from 1 BC to AD 1)".to_string(),
            "there is no year 0000: check the year".to_string()
        )]
    );
}

#[test]
fn every_unknown_key_is_reported_at_its_own_place() {
    let doc = parse(
        "schema_version: 1
foo: 1
bar: 2
",
        &Limits::default(),
    )
    .unwrap();
    let mut lines: Vec<_> = checker()
        .check(&doc)
        .into_iter()
        .filter(|f| f.message.starts_with("unknown key"))
        .map(|f| f.span.start.line)
        .collect();
    lines.sort_unstable();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn a_key_written_for_another_by_meaning_gets_that_one_where_it_is_allowed() {
    let doc = parse(
        "sources:\n  a:\n    title: T\n    date: 2021-01-01\n    link: https://x.org\nname: n\n",
        &Limits::default(),
    )
    .unwrap();
    let findings = checker().check(&doc);
    let message = |key: &str| {
        findings
            .iter()
            .find(|f| f.message.starts_with(&format!("unknown key `{key}`")))
            .map_or_else(
                || panic!("`{key}` reported: {findings:#?}"),
                |f| f.message.clone(),
            )
    };
    assert!(message("date").ends_with("; did you mean `published`?"));
    assert!(message("link").ends_with("; did you mean `url`?"));
    // `title` is allowed at the top too, and is what `name` stands for there.
    assert!(message("name").ends_with("; did you mean `title`?"));
    // `published` is not a key of the tracker itself: no suggestion of it there.
    let doc = parse("date: 2021-01-01\n", &Limits::default()).unwrap();
    let findings = checker().check(&doc);
    let date = findings
        .iter()
        .find(|f| f.message.contains("`date`"))
        .unwrap();
    assert!(!date.message.contains("did you mean"), "{}", date.message);
}

#[test]
fn evidence_without_a_locator_is_told_where_to_say_it() {
    for item in ["{source: a}", "{source: a, locator: ''}"] {
        let text = format!(
            "recommendations:\n  mediator:\n    steps:\n      mediator-agreed:\n        status: in-progress\n        history:\n          - date: 2021-01-01\n            status: in-progress\n            evidence: [{item}]\n"
        );
        let doc = parse(&text, &Limits::default()).unwrap();
        let findings = checker().check(&doc);
        let f = findings
            .iter()
            .find(|f| f.message.contains("locator"))
            .unwrap_or_else(|| panic!("{item}: {findings:#?}"));
        assert_eq!(
            f.help,
            "say where in the source the evidence is: `locator: paragraph 3` (for a short communiqué, `locator: whole text`)",
            "{item}"
        );
    }
}

#[test]
fn an_impossible_date_says_which_day_is_missing_once() {
    // The pattern (which editors enforce) and `format: date` both fail such a date:
    // one finding, saying which day does not exist, never the pattern.
    let checker = checker();
    for (date, why) in [
        (
            "2021-02-29",
            "2021 has no February 29 (2021 is not a leap year)",
        ),
        (
            "1900-02-29",
            "1900 has no February 29 (1900 is not a leap year)",
        ),
        ("2021-04-31", "2021 has no April 31"),
        (
            "2021-13-01",
            "there is no month 13 (months run from 01 to 12)",
        ),
    ] {
        let doc = parse(&format!("as_of: {date}\n"), &Limits::default()).unwrap();
        let found: Vec<_> = checker
            .check(&doc)
            .into_iter()
            .filter(|f| f.span.start.line == 1 && !f.message.contains("lacks"))
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [format!("`{date}` is not a real calendar date: {why}")],
            "{date}"
        );
    }
    for date in ["2020-02-29", "2000-02-29", "2021-04-30", "0001-01-01"] {
        let doc = parse(&format!("as_of: {date}\n"), &Limits::default()).unwrap();
        let on_the_date: Vec<_> = checker
            .check(&doc)
            .into_iter()
            .filter(|f| f.span.start.line == 1 && f.message.contains(date))
            .map(|f| f.message)
            .collect();
        assert!(on_the_date.is_empty(), "{date}: {on_the_date:?}");
    }
    // A date of the wrong shape still gets the shape's message.
    let doc = parse("as_of: 2021-2-28\n", &Limits::default()).unwrap();
    let messages: Vec<_> = checker.check(&doc).into_iter().map(|f| f.message).collect();
    assert!(
        messages.contains(&"`2021-2-28` is not a date written YYYY-MM-DD".to_string()),
        "{messages:?}"
    );
    assert!(
        messages.iter().all(|m| !m.contains("[0-9]")),
        "{messages:?}"
    );
}

/// (line, column, message, help) of each finding of `checker` on `yaml`.
fn said(checker: &SchemaChecker, yaml: &str) -> Vec<(u32, u32, String, String)> {
    let doc = parse(yaml, &Limits::default()).unwrap();
    checker
        .check(&doc)
        .into_iter()
        .map(|f| (f.span.start.line, f.span.start.col, f.message, f.help))
        .collect()
}

#[test]
fn tracker_party_names_say_what_a_name_is() {
    let c = checker();
    let found = said(
        &c,
        "parties:\n  government: {EN: Malian authorities}\n  jnim: 3\n",
    );
    let language = found
        .iter()
        .find(|f| f.2.contains("`EN`"))
        .expect("the key is reported");
    assert_eq!((language.0, language.1), (2, 16));
    assert_eq!(
        language.2,
        "`EN` in `government` is not a language code such as en, fr or pt-BR"
    );
    assert!(!language.3.contains("source ids"), "{}", language.3);
    let kind = found
        .iter()
        .find(|f| f.2.starts_with("`jnim`"))
        .expect("the value is reported");
    assert_eq!(
        kind.2,
        "`jnim` should be a name, or a map of names per language, not a number"
    );
    // Source ids keep their words.
    let found = said(&c, "sources:\n  Icg-306: {title: A}\n");
    assert!(
        found
            .iter()
            .any(|f| f.3 == "source ids use lowercase letters, digits and hyphens, e.g. icg-306"),
        "{found:?}"
    );
}

#[test]
fn the_catalog_schema_compiles_and_speaks_of_catalogs() {
    let c = SchemaChecker::for_catalogs().unwrap();
    assert_eq!(c.kind(), SchemaKind::Catalog);
    let found = said(
        &c,
        "catalog_format: 1\nid: c\ntitle: [x]\nlanguages: [en, EN]\ndocuments: {d: {title: D}}\n\
parties: {p: {en: P, Fr: Q}}\nrecommendations:\n  r:\n    title: {}\n    description: ''\n    \
from: [{document: d, locator: 3}]\n    steps:\n      s: {party: [p, p], title: S, description: S, from: []}\n",
    );
    let mut found = found;
    found.sort();
    let messages: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`title` should be a text, or a map of texts per language, not a list",
            "`EN` is not a language code such as en, fr or pt-BR",
            "`Fr` in the name of party `p` is not a language code such as en, fr or pt-BR",
            "`title` of recommendation `r` must not be empty",
            "`description` of recommendation `r` must not be empty",
            "`locator` of citation #1 of recommendation `r` should be a text, or a map of texts per language, not a number",
            "`from` of step `s` must not be empty",
        ],
        "{found:#?}"
    );
    // The repeated party is `catalog-duplicate-id`'s, not the schema's.
    assert!(
        !messages.iter().any(|m| m.contains("unique")),
        "{messages:?}"
    );
}
