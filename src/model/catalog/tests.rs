use super::*;

#[test]
fn builtin_catalog_has_the_contracts_ids() {
    let c = Catalog::builtin().unwrap();
    assert_eq!(c.id, BUILTIN_ID);
    let ids: Vec<_> = c
        .steps()
        .map(|(r, s)| format!("{}/{} {}", r.id, s.id, s.party_key()))
        .collect();
    assert_eq!(
        ids,
        [
            "unify-ranks/government-consensus government",
            "unify-ranks/jnim-consensus jnim",
            "unify-ranks/foreign-partners government",
            "unify-ranks/security-assurances government",
            "appoint-teams/government-team government",
            "appoint-teams/jnim-team jnim",
            "appoint-teams/agenda government+jnim",
            "public-debate/debate-held government",
            "public-debate/positions-defined government+jnim",
            "mediator/candidates-identified government",
            "mediator/mediator-agreed government+jnim",
            "inclusivity/multi-level-engagement government",
            "inclusivity/grievances government",
            "inclusivity/interlocutors-identified government",
        ]
    );
    let parties: Vec<_> = c.party_ids().collect();
    assert_eq!(parties, ["government", "jnim"]);
    assert_eq!(
        c.party_name("government", "fr"),
        Some("Autorités maliennes")
    );
    assert_eq!(c.party_name("jnim", "fr"), Some("JNIM"));
    assert_eq!(c.languages, ["en", "fr"]);
    assert_eq!(c.not_tracked.len(), 7);
    // Every text is in both languages, and French is not English.
    for (rec, step) in c.steps() {
        for t in [
            &rec.title,
            &step.title,
            &step.description,
            &step.from[0].locator,
        ] {
            assert!(t.has("fr") && t.has("en"), "{}/{}", rec.id, step.id);
        }
        assert_ne!(step.title.get("fr"), step.title.get("en"));
    }
    assert_eq!(
        c.recommendation("mediator").unwrap().title.get("fr"),
        "S'accorder sur un médiateur tiers de confiance"
    );
}

#[test]
fn inconsistent_catalogs_are_refused() {
    let bad = CATALOG_YAML.replace("party: jnim", "party: jmin");
    assert!(
        matches!(Catalog::from_yaml(&bad), Err(CatalogError::Invalid(m)) if m.contains("jmin"))
    );
    let bad = CATALOG_YAML.replace("  - document: iss-today-2020", "  - document: iss-2020");
    assert!(
        matches!(Catalog::from_yaml(&bad), Err(CatalogError::Invalid(m)) if m.contains("iss-2020"))
    );
    let bad = CATALOG_YAML.replace("catalog_format: 1", "catalogue_format: 1");
    assert!(matches!(
        Catalog::from_yaml(&bad),
        Err(CatalogError::Shape(_))
    ));
    let bad = CATALOG_YAML.replace("catalog_format: 1", "catalog_format: 2");
    assert!(matches!(
        Catalog::from_yaml(&bad),
        Err(CatalogError::Invalid(m)) if m.contains("catalog_format 2")
    ));
    assert!(matches!(
        Catalog::builtin_named("lake-chad"),
        Err(CatalogError::Unknown { id }) if id == "lake-chad"
    ));
}

#[test]
fn order_is_the_files_not_the_alphabets() {
    let yaml = "catalog_format: 1\nid: x\ntitle: X\nlanguages: [fr, en]\n\
        documents: {z: {title: Z}, a: {title: A}}\nparties: {zed: Zed, abe: {fr: Abé, en: Abe}}\n\
        recommendations:\n  zz:\n    title: Z\n    description: D\n    from: [{document: z, locator: p1}]\n    steps:\n      \
        s2: {party: [zed, abe], title: T, description: D, from: [{document: a, locator: p2}], renamed_from: [old]}\n      \
        s1: {party: abe, title: T, description: D, from: [{document: a, locator: p2}]}\n  \
        aa:\n    title: A\n    description: D\n    from: [{document: z, locator: p1}]\n    steps:\n      \
        s: {party: zed, title: T, description: D, from: [{document: a, locator: p2}]}\n";
    let c = Catalog::from_yaml(yaml).unwrap();
    let ids: Vec<_> = c
        .steps()
        .map(|(r, s)| format!("{}/{}", r.id, s.id))
        .collect();
    assert_eq!(ids, ["zz/s2", "zz/s1", "aa/s"]);
    assert_eq!(c.party_ids().collect::<Vec<_>>(), ["zed", "abe"]);
    assert_eq!(c.documents[0].0, "z");
    assert_eq!(c.party_name("abe", "pt"), Some("Abé"));
    let zz = c.recommendation("zz").unwrap();
    assert_eq!(zz.renamed("old").unwrap().id, "s2");
    assert_eq!(zz.steps[0].party_key(), "zed+abe");
}
