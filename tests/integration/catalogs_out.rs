//! `status` and `report` over trackers of other catalogs: the fictional example in
//! both its languages and every format, trackers of two catalogs grouped apart (no
//! table mixes their steps), and a catalog in a language rectrack has no words for.

use crate::{Checkout as Scratch, example_tracker, read, rectrack, root, run};
use std::path::Path;

const EXAMPLE_CATALOG: &str = "examples/fictional-river-accord/catalog.yaml";
const EXAMPLE_TRACKERS: &str = "examples/fictional-river-accord/tracker";

/// Every format of `status`, then of `report`, as arguments.
const FORMATS: &[(&str, &[&str])] = &[
    ("status", &["--format", "table"]),
    ("status", &["--format", "markdown"]),
    ("status", &["--format", "csv"]),
    ("status", &["--format", "json"]),
    ("status", &["--format", "html"]),
    ("report", &["--format", "markdown"]),
    ("report", &["--format", "html"]),
    ("report", &["--format", "json"]),
    ("report", &["--format", "csv"]),
    ("report", &["--format", "csv", "--long"]),
    ("report", &["--format", "svg"]),
];

/// The shipped tracker with id `id`.
fn mali_tracker(id: &str) -> String {
    let text = read(crate::SHIPPED);
    let old = text.lines().find(|l| l.starts_with("id: ")).unwrap();
    text.replacen(old, &format!("id: {id}"), 1)
}

#[test]
fn the_example_passes_status_and_report_in_both_languages_and_every_format() {
    for lang in ["en", "fr"] {
        for (command, args) in FORMATS {
            let (code, stdout, stderr) =
                run(rectrack()
                    .arg(command)
                    .args(*args)
                    .args(["--lang", lang, EXAMPLE_TRACKERS]));
            assert_eq!(code, 0, "{command} {args:?} --lang {lang}: {stderr}");
            assert!(!stdout.is_empty(), "{command} {args:?}");
            assert!(stderr.is_empty(), "{command} {args:?}: {stderr}");
            // Only the catalog's steps, never the built-in catalog's.
            assert!(!stdout.contains("mediator"), "{command} {args:?}: {stdout}");
            // One catalog: no catalog heading, column or key.
            assert!(!stdout.contains("Catalog fictional"), "{command} {args:?}");
            assert!(!stdout.contains("\"catalogs\""), "{command} {args:?}");
        }
    }
    let report = |lang: &str| {
        let (code, out, err) = run(rectrack().args(["report", "--lang", lang, EXAMPLE_TRACKERS]));
        assert_eq!(code, 0, "{err}");
        out
    };
    let (en, fr) = (report("en"), report("fr"));
    for (english, french) in [
        ("Share the river", "Partager les données de débit du fleuve"),
        (
            "Flow gauges installed on the upper river",
            "Stations de jaugeage installées sur le cours supérieur",
        ),
        (
            "Settle disputes over water releases",
            "Régler les différends sur les lâchers d",
        ),
    ] {
        assert!(
            en.contains(english) && !en.contains(french),
            "{english}: {en}"
        );
        assert!(
            fr.contains(french) && !fr.contains(english),
            "{french}: {fr}"
        );
    }
    assert!(fr.contains("## Situation au 2023-09-30"), "{fr}");
    // The provenance line names the catalog and its version.
    assert!(
        en.contains(
            "with catalog fictional-river-accord version 2 (sources: panel-report, accord)"
        ),
        "{en}"
    );
    assert!(
        fr.contains("avec le catalogue fictional-river-accord version 2 (sources\u{a0}: panel-report, accord)"),
        "{fr}"
    );
    // The tracker names its parties, the republics per language and the commission
    // with one plain string, which holds in every language.
    assert!(
        en.contains("| Upland Republic and Lowland Republic |"),
        "{en}"
    );
    assert!(
        fr.contains("| République des Hautes-Terres et République des Basses-Terres |"),
        "{fr}"
    );
    assert!(fr.contains("| Joint River Commission |"), "{fr}");
}

#[test]
fn french_outputs_name_parties_as_the_catalog_does_where_the_tracker_gives_no_french() {
    let s = Scratch::new();
    s.write("catalog.yaml", &read(EXAMPLE_CATALOG));
    let tracker = example_tracker("../catalog.yaml", "river")
        .replace(
            "  upland: {en: Upland Republic, fr: République des Hautes-Terres}\n",
            "  upland: {en: Upland Republic}\n",
        )
        .replace(
            "  lowland: {en: Lowland Republic, fr: République des Basses-Terres}\n",
            "  lowland: {en: Lowland Republic}\n",
        )
        .replace(
            "  commission: Joint River Commission       # one name in every language\n",
            "  commission: {en: Joint River Commission}\n",
        );
    assert!(tracker.contains("upland: {en: Upland Republic}"));
    s.write("tracker/river.yaml", &tracker);
    for (command, args) in [
        ("status", &["--format", "table"][..]),
        ("status", &["--format", "markdown"]),
        ("status", &["--format", "html"]),
        ("status", &["--format", "csv"]),
        ("report", &["--format", "markdown"]),
        ("report", &["--format", "html"]),
        ("report", &["--format", "csv"]),
    ] {
        let (code, fr, stderr) = s.run(&[command, args[0], args[1], "--lang", "fr", "tracker"]);
        assert_eq!(code, 0, "{command} {args:?}: {stderr}");
        assert!(
            fr.contains("République des Hautes-Terres et République des Basses-Terres"),
            "{command} {args:?}: {fr}"
        );
        assert!(
            fr.contains("Commission mixte du fleuve"),
            "{command} {args:?}"
        );
        // (The tracker's notes speak of the republics in English, as written.)
        assert!(
            !fr.contains("Upland Republic et"),
            "{command} {args:?}: {fr}"
        );
        let (_, en, _) = s.run(&[command, args[0], args[1], "--lang", "en", "tracker"]);
        assert!(
            en.contains("Upland Republic and Lowland Republic"),
            "{command} {args:?}: {en}"
        );
    }
}

/// A checkout with trackers of two catalogs, interleaved: `a-mali` (built-in),
/// `b-river` (the example's), `c-mali`, `d-river`.
fn two_catalogs() -> Scratch {
    let s = Scratch::new();
    s.write("catalog.yaml", &read(EXAMPLE_CATALOG));
    s.write("tracker/a-mali.yaml", &mali_tracker("a-mali"));
    s.write(
        "tracker/b-river.yaml",
        &example_tracker("../catalog.yaml", "b-river"),
    );
    s.write("tracker/c-mali.yaml", &mali_tracker("c-mali"));
    s.write(
        "tracker/d-river.yaml",
        &example_tracker("../catalog.yaml", "d-river"),
    );
    s
}

/// The rows of the Markdown table that starts at `from` in `text`.
fn table_after<'t>(text: &'t str, from: &str) -> Vec<&'t str> {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {text}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect()
}

#[test]
fn trackers_of_two_catalogs_are_grouped_and_no_matrix_mixes_them() {
    let s = two_catalogs();
    let today = ["--today", crate::TODAY];
    let (code, md, stderr) = s.run(&["report", today[0], today[1], "tracker"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(md.starts_with("# Status report: 4 trackers\n"), "{md}");
    let mali = md
        .find("\n## Catalog mali-jnim-dialogue: ")
        .unwrap_or_else(|| panic!("{md}"));
    let river = md
        .find("\n## Catalog fictional-river-accord: Verdant River Accord, the panel")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(mali < river, "groups in order of first appearance");
    // Each catalog's summary: its own recommendations as columns, its own trackers
    // as rows, and nothing of the other catalog.
    let mali_matrix = table_after(&md[mali..], "### Summary");
    let river_matrix = table_after(&md[river..], "### Summary");
    assert_eq!(mali_matrix.len(), 4, "{mali_matrix:?}");
    assert_eq!(river_matrix.len(), 4, "{river_matrix:?}");
    assert!(
        river_matrix[0].contains("Share the river"),
        "{river_matrix:?}"
    );
    assert!(
        river_matrix[0].contains("Settle disputes"),
        "{river_matrix:?}"
    );
    assert!(!mali_matrix.join("\n").contains("river"), "{mali_matrix:?}");
    assert!(!river_matrix[0].contains("mediator") && !river_matrix[0].contains("Mediator"));
    assert!(
        river_matrix[2].contains("Fictional example")
            && river_matrix[3].contains("Fictional example")
    );
    assert_eq!(md.matches("### Summary").count(), 2, "{md}");
    // Trackers sit under their catalog, a level down.
    let b = md.find("### Status report: Fictional example").unwrap();
    assert!(b > river, "{md}");
    assert!(
        md[..river].matches("### Status report: ").count() == 2,
        "{md}"
    );
    // A provenance line per catalog.
    assert!(md.contains("*Produced by rectrack"), "{md}");
    assert!(md.contains("with catalog mali-jnim-dialogue"), "{md}");
    assert!(
        md.contains("with catalog fictional-river-accord version 2"),
        "{md}"
    );

    let (code, html, _) = s.run(&["report", "--format", "html", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    assert_eq!(
        html.matches("<section class=\"catalog\"><h2>Catalog ")
            .count(),
        2,
        "{html}"
    );
    assert_eq!(html.matches("<h3>Summary</h3>").count(), 2, "{html}");
    for i in 0..4 {
        assert_eq!(
            html.matches(&format!("id=\"tracker-{i}\"")).count(),
            1,
            "{i}"
        );
    }

    let (code, json, _) = s.run(&["report", "--format", "json", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(doc["catalog"].is_null(), "{json}");
    let catalogs: Vec<_> = doc["catalogs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["version"].clone()))
        .collect();
    assert_eq!(
        catalogs,
        [
            ("mali-jnim-dialogue", doc["catalogs"][0]["version"].clone()),
            ("fictional-river-accord", serde_json::json!(2))
        ]
    );
    for t in doc["trackers"].as_array().unwrap() {
        let river = t["id"].as_str().unwrap().ends_with("river");
        let catalog = t["catalog"].as_str().unwrap();
        assert_eq!(catalog == "fictional-river-accord", river, "{t}");
        let steps: Vec<_> = t["status"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["step"].clone())
            .collect();
        assert_eq!(steps.len(), if river { 5 } else { 14 }, "{t}");
    }

    let (code, csv, _) = s.run(&["report", "--format", "csv", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",score,catalog"), "{csv}");
    for line in lines {
        let river = line.starts_with("b-river,") || line.starts_with("d-river,");
        let expected = if river {
            ",fictional-river-accord"
        } else {
            ",mali-jnim-dialogue"
        };
        assert!(line.ends_with(expected), "{line}");
    }
    let (code, long, _) = s.run(&[
        "report", "--format", "csv", "--long", today[0], today[1], "tracker",
    ]);
    assert_eq!(code, 0);
    assert!(long.starts_with("tracker,file,recommendation,step,party,seq,date,status_from,status,score,in_period,sources,contested,note,catalog\n"), "{long}");
    assert!(
        long.contains("b-river,tracker/b-river.yaml,data-sharing,gauges-installed,upland,1,"),
        "{long}"
    );

    // status: a heading per catalog, trackers under it; JSON says which is which.
    let (code, table, _) = s.run(&["status", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    let mali = table.find("Catalog mali-jnim-dialogue: ").unwrap();
    let river = table.find("Catalog fictional-river-accord: ").unwrap();
    assert!(
        mali < river && table[river..].matches("(b-river)").count() == 1,
        "{table}"
    );
    assert!(!table[river..].contains("(c-mali)"), "{table}");
    let (code, md, _) = s.run(&[
        "status", "--format", "markdown", today[0], today[1], "tracker",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        md.matches("\n# Catalog ").count() + usize::from(md.starts_with("# Catalog ")),
        2,
        "{md}"
    );
    let (code, json, _) = s.run(&["status", "--format", "json", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["catalogs"][1]["id"], "fictional-river-accord");
    assert_eq!(doc["trackers"][2]["id"], "b-river");
    assert_eq!(doc["trackers"][2]["catalog"], "fictional-river-accord");
    let (code, html, _) = s.run(&["status", "--format", "html", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    assert_eq!(html.matches("<h2>Catalog ").count(), 2, "{html}");

    // French: each catalog's title in French in its heading.
    let (code, fr, _) = s.run(&["report", "--lang", "fr", today[0], today[1], "tracker"]);
    assert_eq!(code, 0);
    assert!(
        fr.contains("## Catalogue fictional-river-accord\u{a0}: Accord sur le fleuve Verdant"),
        "{fr}"
    );
}

/// A tiny catalog in Portuguese (and English), whose title tries to break out of
/// every output.
const PORTUGUESE: &str = r#"catalog_format: 1
id: tiny-pt
title:
  pt: "Catálogo <script>alert(1)</script> | *mínimo*"
  en: "Tiny <script>alert(1)</script> | *catalog*"
languages: [pt, en]
documents:
  relatorio: {title: Relatório}
parties:
  governo: {pt: Governo, en: Government}
recommendations:
  dialogo:
    title: {pt: Abrir o diálogo, en: Open the dialogue}
    description: {pt: O governo abre o diálogo., en: The government opens the dialogue.}
    from: [{document: relatorio, locator: "§ 1"}]
    steps:
      equipa:
        party: governo
        title: {pt: Equipa nomeada, en: Team named}
        description: {pt: Uma equipa é nomeada., en: A team is named.}
        from: [{document: relatorio, locator: "§ 1(a)"}]
"#;

const PORTUGUESE_TRACKER: &str = "schema_version: 1
catalog: ../tiny-pt.yaml
id: tiny
title: Tiny tracker
as_of: 2023-09-30
parties:
  governo: {pt: Governo de teste}
sources:
  s: {title: A source}
recommendations:
  dialogo:
    steps:
      equipa:
        status: achieved
        history:
          - date: 2023-09-01
            status: achieved
            evidence: [{source: s, locator: p. 1}]
";

#[test]
fn a_catalog_in_a_language_rectrack_lacks_gives_its_text_and_english_words_with_a_note() {
    let s = Scratch::new();
    s.write("tiny-pt.yaml", PORTUGUESE);
    s.write("tracker/tiny.yaml", PORTUGUESE_TRACKER);
    let note = "Note: rectrack has no translation into “pt”";
    for (command, args) in FORMATS {
        let (code, out, err) =
            s.run(&[&[*command][..], args, &["--lang", "pt", "tracker"]].concat());
        assert_eq!(code, 0, "{command} {args:?}: {err}");
        let human = !args.contains(&"csv") && !args.contains(&"json") && !args.contains(&"svg");
        if human {
            assert_eq!(out.matches(note).count(), 1, "{command} {args:?}: {out}");
            assert!(err.is_empty(), "{err}");
        } else if args.contains(&"json") {
            assert!(!out.contains(note));
        } else if !args.contains(&"--long") {
            // The CSV table and the picture carry English words: the note on stderr.
            assert!(err.contains(note), "{command} {args:?}: {err}");
        }
        assert!(!out.contains("<script>"), "{command} {args:?}: {out}");
    }
    let (_, md, _) = s.run(&["report", "--lang", "pt", "tracker"]);
    // The catalog's text in Portuguese, rectrack's own words in English.
    assert!(
        md.contains("Abrir o diálogo") && md.contains("Equipa nomeada"),
        "{md}"
    );
    assert!(md.contains("## Status on 2023-09-30"), "{md}");
    assert!(md.contains("| Governo de teste |"), "{md}");
    let (_, json, _) = s.run(&["report", "--format", "json", "--lang", "pt", "tracker"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (doc["lang"].as_str(), doc["interface_lang"].as_str()),
        (Some("pt"), Some("en"))
    );
    assert_eq!(doc["trackers"][0]["status"][0]["title"], "Equipa nomeada");
    assert_eq!(doc["trackers"][0]["status"][0]["label"], "achieved");
    // In rectrack's own languages: no note, no extra key; French words with the
    // catalog's default language (it has no French).
    let (_, en, _) = s.run(&["report", "--lang", "en", "tracker"]);
    assert!(
        en.contains("Open the dialogue") && !en.contains("Note:"),
        "{en}"
    );
    let (_, fr, _) = s.run(&["report", "--lang", "fr", "tracker"]);
    assert!(
        fr.contains("Abrir o diálogo") && fr.contains("## Situation au"),
        "{fr}"
    );
    let (_, json, _) = s.run(&["report", "--format", "json", "tracker"]);
    assert!(!json.contains("interface_lang"), "{json}");
    // A language nobody has: a usage error naming those there are.
    for command in ["status", "report"] {
        let (code, out, err) = s.run(&[command, "--lang", "de", "tracker"]);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert!(
            err.contains("`de`") && err.contains("available: en, fr, pt"),
            "{err}"
        );
    }
    let (code, _, err) = s.run(&["status", "--lang", "pt; rm", "tracker"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a language code"), "{err}");

    // With a tracker of the built-in catalog too: two groups, the hostile title
    // escaped in every heading.
    s.write("tracker/mali.yaml", &mali_tracker("mali"));
    let today = ["--today", crate::TODAY];
    let (code, md, err) = s.run(&["report", "--lang", "pt", today[0], today[1], "tracker"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.contains(
            "## Catalog tiny-pt: Catálogo &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*mínimo\\*"
        ),
        "{md}"
    );
    let (_, html, _) = s.run(&[
        "report", "--format", "html", "--lang", "pt", today[0], today[1], "tracker",
    ]);
    assert!(
        !html.contains("<script>") && html.contains("&lt;script&gt;"),
        "{html}"
    );
    let (_, table, _) = s.run(&["status", "--lang", "pt", today[0], today[1], "tracker"]);
    assert!(table.starts_with(note), "{table}");
    assert!(
        table.contains("Catalog tiny-pt: Catálogo <script>"),
        "terminal text is shown as is: {table}"
    );
}

#[test]
fn catalog_lang_accepts_the_catalogs_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny-pt.yaml");
    std::fs::write(&path, PORTUGUESE).unwrap();
    let path = path.to_str().unwrap();
    let (code, out, err) = run(rectrack().args(["catalog", "--catalog", path, "--lang", "pt"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Note: rectrack has no translation into “pt”"),
        "{out}"
    );
    assert!(
        out.contains("Equipa nomeada") && out.contains("Governo"),
        "{out}"
    );
    let (code, out, _) = run(rectrack().args([
        "catalog",
        "--catalog",
        path,
        "--lang",
        "pt",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["interface_lang"], "en");
    assert_eq!(doc["lang"], "pt");
    let (code, out, _) = run(rectrack().args(["catalog", "--catalog", path, "--lang", "fr"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Equipa nomeada") && !out.contains("Note"),
        "{out}"
    );
    // Portuguese is not a language of the built-in catalog, nor of rectrack.
    let (code, out, err) = run(rectrack().args(["catalog", "--lang", "pt"]));
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("available: en, fr"), "{err}");
    assert!(Path::new(&root().join(EXAMPLE_CATALOG)).exists());
    let (code, out, _) =
        run(rectrack().args(["catalog", "--catalog", EXAMPLE_CATALOG, "--lang", "fr"]));
    assert_eq!(code, 0);
    assert!(out.contains("Stations de jaugeage installées"), "{out}");
}
