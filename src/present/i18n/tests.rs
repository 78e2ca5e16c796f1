use super::*;

fn ui_ids(code: &str) -> Vec<String> {
    let ids = Messages::ids(code);
    // Catalog text lives in catalogs, never in the interface's files.
    let catalog_text: Vec<_> = ids
        .iter()
        .filter(|id| {
            ["rec-", "step-", "not-tracked-", "party-"]
                .iter()
                .any(|p| id.starts_with(p))
        })
        .collect();
    assert!(catalog_text.is_empty(), "{code}: {catalog_text:?}");
    ids
}

#[test]
fn every_language_has_every_english_message_and_no_other() {
    let english = ui_ids("en");
    assert!(english.len() > 50, "{}", english.len());
    for code in available() {
        let ids = ui_ids(code);
        let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
        let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(extra.is_empty(), "{code} has unknown messages {extra:?}");
    }
}

#[test]
fn parties_are_named_by_the_tracker_then_the_catalog() {
    let catalog = Catalog::builtin().unwrap();
    let fr = Messages::new("fr").unwrap();
    let en = Messages::new("en").unwrap();
    assert_eq!(fr.party("government", &catalog, &[]), "Autorités maliennes");
    assert_eq!(en.party("government", &catalog, &[]), "Malian authorities");
    let names = [
        ("jnim".to_string(), Text::plain("Jama'at Nusrat al-Islam")),
        (
            "government".to_string(),
            Text::by_language(vec![("en".into(), "The government".into())]),
        ),
    ];
    // English only in the tracker: French readers get the catalog's French name.
    assert_eq!(en.party("government", &catalog, &names), "The government");
    assert_eq!(
        fr.party("government", &catalog, &names),
        "Autorités maliennes"
    );
    assert_eq!(
        fr.party("jnim", &catalog, &names),
        "Jama'at Nusrat al-Islam"
    );
    assert_eq!(
        fr.party("government+jnim", &catalog, &names),
        "Les deux parties"
    );
    assert_eq!(en.party("government+jnim", &catalog, &[]), "Both sides");
    assert_eq!(en.party("nobody", &catalog, &[]), "nobody");
    let three = Catalog::from_yaml(
        "catalog_format: 1\nid: t\ntitle: T\nlanguages: [en, fr]\n\
         documents: {d: {title: D}}\nparties: {a: A, b: {en: Bee, fr: Bé}, c: C}\n\
         recommendations:\n  r:\n    title: R\n    description: R\n    from: [{document: d, locator: p}]\n    steps:\n      \
         s: {party: [a, b], title: T, description: D, from: [{document: d, locator: p}]}\n",
    )
    .unwrap();
    assert_eq!(en.party("a+b", &three, &[]), "A and Bee");
    assert_eq!(fr.party("a+b", &three, &[]), "A et Bé");
    assert_eq!(en.party("a+b+c", &three, &[]), "All parties");
    assert_eq!(en.party("c+a+b", &three, &[]), "All parties");
    assert_eq!(fr.party("a+b+c", &three, &[]), "Toutes les parties");
}

#[test]
fn french_plurals_numbers_and_fallback() {
    let fr = Messages::new("fr").unwrap();
    let en = Messages::new("en").unwrap();
    assert_eq!(
        fr.args("steps-count", &[("count", 1usize.into())]),
        "1 étape"
    );
    assert_eq!(
        fr.args("steps-count", &[("count", 0usize.into())]),
        "0 étape"
    );
    assert_eq!(
        fr.args("steps-count", &[("count", 2usize.into())]),
        "2 étapes"
    );
    assert_eq!(
        en.args("steps-count", &[("count", 0usize.into())]),
        "0 steps"
    );
    assert_eq!(
        en.args("steps-count", &[("count", 1usize.into())]),
        "1 step"
    );
    assert_eq!(fr.decimal(1.25), "1,2");
    assert_eq!(en.decimal(1.5), "1.5");
    assert_eq!(fr.percent(45), "45\u{a0}%");
    assert_eq!(en.percent(45), "45%");
    assert_eq!(fr.status(Status::InProgress), "en cours");
    assert_eq!(fr.get("no-such-message"), "no-such-message");
    assert!(matches!(
        Messages::new("xx"),
        Err(I18nError::Unknown { .. })
    ));
}

#[test]
fn a_language_only_a_catalog_has_gives_its_text_and_english_words() {
    let pt = Catalog::from_yaml(
        "catalog_format: 1\nid: t\ntitle: {pt: Título, en: Title}\nlanguages: [pt, en]\n\
         documents: {d: {title: D}}\nparties: {a: {pt: Governo, en: Government}}\n\
         recommendations:\n  r:\n    title: {pt: Recomendação, en: Recommendation}\n    description: R\n    from: [{document: d, locator: p}]\n    steps:\n      \
         s: {party: a, title: T, description: D, from: [{document: d, locator: p}]}\n",
    )
    .unwrap();
    let builtin = Catalog::builtin().unwrap();
    let m = Messages::for_catalogs("pt", [&builtin, &pt]).unwrap();
    assert_eq!((m.code(), m.interface()), ("pt", "en"));
    assert_eq!(m.rec_title(&pt.recommendations[0]), "Recomendação");
    assert_eq!(m.party("a", &pt, &[]), "Governo");
    // rectrack's own words are English, and the note says so.
    assert_eq!(m.status(Status::Achieved), "achieved");
    let note = m.interface_note().unwrap();
    assert!(note.contains("“pt”") && note.contains("English"), "{note}");
    // The built-in catalog has no Portuguese: its default language stands in.
    assert_eq!(m.party("government", &builtin, &[]), "Malian authorities");
    // rectrack's own languages need no catalog and carry no note.
    let fr = Messages::for_catalogs("fr", [&pt]).unwrap();
    assert_eq!((fr.code(), fr.interface()), ("fr", "fr"));
    assert!(fr.interface_note().is_none());
    assert!(Messages::new("en").unwrap().interface_note().is_none());
    // A language nobody has is refused, naming every one there is.
    let err = Messages::for_catalogs("de", [&builtin, &pt]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no language `de` in rectrack's translations or the catalogs in play (available: en, fr, pt)"
    );
    assert!(Messages::for_catalogs("pt", [&builtin]).is_err());
}
