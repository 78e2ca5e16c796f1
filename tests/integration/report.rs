//! `rectrack report`: every format on the shipped tracker and on two fictional trackers
//! with a long history, the period arithmetic seen from the command line, the French
//! report, and the HTML page as a browser and an HTML5 parser see it.

use crate::{rectrack, run};
use insta::assert_snapshot;
use scraper::{Html, Selector};
use serde_json::Value;

const NORTH: &str = "tests/fixtures/report/north.yaml";
const CENTRE: &str = "tests/fixtures/report/centre.yaml";

fn report(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(rectrack().arg("report").args(args));
    assert_eq!(code, 0, "report {args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    stdout
}

fn shipped(extra: &[&str]) -> String {
    let mut args = vec!["--period", "2021-Q4"];
    args.extend_from_slice(extra);
    report(&args)
}

fn both(extra: &[&str]) -> String {
    let mut args = vec![NORTH, CENTRE, "--period", "2022-Q3"];
    args.extend_from_slice(extra);
    report(&args)
}

// --- Snapshots of every format ---------------------------------------------------

#[test]
fn shipped_markdown() {
    assert_snapshot!(shipped(&[]));
}

#[test]
fn shipped_markdown_french() {
    assert_snapshot!(shipped(&["--lang", "fr"]));
}

#[test]
fn shipped_html() {
    assert_snapshot!(shipped(&["--format", "html"]));
}

#[test]
fn shipped_json() {
    assert_snapshot!(shipped(&["--format", "json"]));
}

#[test]
fn shipped_csv() {
    assert_snapshot!(shipped(&["--format", "csv"]));
}

#[test]
fn shipped_csv_long() {
    assert_snapshot!(shipped(&["--format", "csv", "--long"]));
}

#[test]
fn shipped_svg() {
    assert_snapshot!(shipped(&["--format", "svg"]));
}

#[test]
fn several_markdown() {
    assert_snapshot!(both(&[]));
}

#[test]
fn several_markdown_french() {
    assert_snapshot!(both(&["--lang", "fr"]));
}

#[test]
fn several_html() {
    assert_snapshot!(both(&["--format", "html"]));
}

#[test]
fn several_html_french() {
    assert_snapshot!(both(&["--format", "html", "--lang", "fr"]));
}

#[test]
fn several_json() {
    assert_snapshot!(both(&["--format", "json"]));
}

#[test]
fn several_csv() {
    assert_snapshot!(both(&["--format", "csv", "--lang", "fr"]));
}

#[test]
fn several_csv_long() {
    assert_snapshot!(both(&["--format", "csv", "--long"]));
}

#[test]
fn several_svg() {
    assert_snapshot!(both(&["--format", "svg"]));
}

// --- What the sections say -------------------------------------------------------

#[test]
fn a_quarter_of_the_north_fixture_has_every_kind_of_attention() {
    let out = report(&[NORTH, "--period", "2022-Q4"]);
    let attention = out
        .split("## Needs attention")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("attention section");
    let lines: Vec<&str> = attention.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(lines.len(), 4, "{attention}");
    assert!(
        lines[0].starts_with("- **Regressed**")
            && lines[0].contains("achieved to reversed on 2022-11-20")
    );
    assert!(lines[1].starts_with("- **Contested**") && lines[1].contains("security-assurances"));
    assert!(lines[2].starts_with("- **Stale**") && lines[2].contains("2022-05-01"));
    assert!(lines[3].starts_with("- **Review overdue**") && lines[3].contains("2022-06-01"));
    // The change that regressed is also in the changes table, with its transition.
    assert!(
        out.contains("| 2022-11-20 | Malian sceptics of dialogue won over | achieved → reversed |")
    );
    // The note's pipe is escaped so the table keeps its columns, and its HTML characters
    // are entities (the ampersand too, so an entity in a note shows as written).
    assert!(out.contains(r"Notes may hold \| pipes, &lt;angle brackets&gt; &amp; ampersands."));
    // Grouped by recommendation, then by date.
    let changes = out.split("## What changed").nth(1).unwrap();
    let oct = changes.find("| 2022-10-05 |").unwrap();
    let nov = changes.find("| 2022-11-20 |").unwrap();
    assert!(oct < nov);
}

#[test]
fn scores_percentages_and_trends_in_json() {
    let doc: Value =
        serde_json::from_str(&report(&[NORTH, "--period", "2022-Q4", "--format", "json"])).unwrap();
    assert_eq!(doc["version"], 1);
    let t = &doc["trackers"][0];
    assert_eq!(t["period"]["from"], "2022-10-01");
    assert_eq!(t["period"]["to"], "2022-12-31");
    assert_eq!(t["period"]["name"], "2022-Q4");
    let overall = &t["progress"]["overall"];
    // End of 2022: achieved 3 (government-team, debate-held, candidates-identified),
    // in-progress 2 (security-assurances, grievances), stalled 1, reversed 1,
    // not-started 3, unknown 4. Known: 10 steps, scores 3*3 + 2*1 + 1 + 0 + 0 = 12.
    assert_eq!(overall["counts"]["achieved"], 3);
    assert_eq!(overall["counts"]["unknown"], 4);
    assert_eq!(overall["score"], 1.2);
    // Start (2022-09-30): unify-ranks/government-consensus was achieved (3), now
    // reversed (0); security-assurances and grievances were unknown, so they do not
    // count; nothing else moved: deteriorated.
    assert_eq!(overall["trend"], "deteriorated");
    for group in ["by_recommendation", "by_party"] {
        for p in t["progress"][group].as_array().unwrap() {
            let sum: u64 = p["percents"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_u64().unwrap())
                .sum();
            assert_eq!(sum, 100, "{p}");
        }
    }
    let inclusivity = &t["progress"]["by_recommendation"][4];
    assert_eq!(inclusivity["key"], "inclusivity");
    assert_eq!(
        inclusivity["score"], 1.0,
        "one in-progress step known, two unknown left out"
    );
    assert_eq!(
        inclusivity["trend"], "unchanged",
        "unknown → in-progress is news, not progress"
    );
    assert_eq!(t["attention"].as_array().unwrap().len(), 4);
    assert_eq!(t["changes"].as_array().unwrap().len(), 3);
}

#[test]
fn empty_period_and_period_before_the_first_entry() {
    // No entry in March 2021 in the shipped tracker.
    let out = report(&["--period", "2021-03"]);
    assert!(
        out.contains(
            "No history entry is dated inside the period (2021-03-01 – 2021-03-31 (2021-03))."
        ),
        "{out}"
    );
    assert!(
        out.contains("14 steps: 1 unknown, 12 not started, 1 in progress."),
        "{out}"
    );
    // 2019 is before every entry: nothing known but what holds backwards in time.
    let out = report(&["--period", "2019"]);
    assert!(out.contains("## Status on 2019-12-31"));
    assert!(
        out.contains("14 steps: 2 unknown, 12 not started."),
        "{out}"
    );
    assert!(out.contains("No history entry is dated inside the period"));
    assert!(out.contains("Nothing needs attention"));
}

#[test]
fn default_period_is_the_90_days_before_as_of() {
    let doc: Value = serde_json::from_str(&report(&["--format", "json"])).unwrap();
    assert_eq!(doc["trackers"][0]["period"]["from"], "2021-09-11");
    assert_eq!(doc["trackers"][0]["period"]["to"], "2021-12-10");
    let doc: Value = serde_json::from_str(&report(&[
        "--from",
        "2024-02-01",
        "--to",
        "2024-02-29",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        doc["trackers"][0]["period"]["name"], "2024-02",
        "a leap February is a whole month"
    );
}

#[test]
fn usage_errors_exit_2() {
    for (args, says) in [
        (vec!["--period", "2022-Q5"], "not a period"),
        (vec!["--period", "2022-02-30"], "not a period"),
        (vec!["--from", "2022-02-30"], "not a date"),
        (
            vec!["--from", "2022-01-01", "--to", "2021-01-01"],
            "swap --from and --to",
        ),
        (
            vec!["--period", "2022", "--from", "2022-01-01"],
            "cannot be used with",
        ),
        (vec!["--lang", "de"], "available: en, fr"),
        (vec!["--long"], "--format csv"),
    ] {
        let (code, stdout, stderr) = run(rectrack().arg("report").args(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn an_invalid_tracker_is_refused_not_reported() {
    let (code, stdout, stderr) =
        run(rectrack().args(["report", "tests/fixtures/several-problems.yaml", NORTH]));
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("error["), "{stderr}");
    assert!(
        stderr.contains("rectrack: no report written: 1 of 2 trackers invalid"),
        "{stderr}"
    );
}

#[test]
fn output_file_is_written_atomically_and_never_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out/report.html");
    let path_s = path.to_str().unwrap();
    let (code, stdout, _) = run(rectrack().args(["report", "--format", "html", "-o", path_s]));
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(first.starts_with("<!DOCTYPE html>"));
    let (code, _, stderr) = run(rectrack().args(["report", "-o", path_s]));
    assert_eq!(code, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first, "left alone");
    // Replaced with --force (in French, to tell the two apart; still HTML, as the
    // file's extension says).
    let (code, _, _) = run(rectrack().args(["report", "-o", path_s, "--force", "--lang", "fr"]));
    assert_eq!(code, 0);
    let second = std::fs::read_to_string(&path).unwrap();
    assert!(second.starts_with("<!DOCTYPE html>") && second.contains("<html lang=\"fr\">"));
    // No temporary file left behind.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

// --- French ----------------------------------------------------------------------

#[test]
fn french_throughout() {
    for format in ["markdown", "html", "csv"] {
        let out = both(&["--format", format, "--lang", "fr"]);
        // Every English heading, label and status name must be gone. (Tracker titles,
        // notes and ids are the monitors' own data and stay as written.)
        for english in [
            "Status report",
            "Summary",
            "Status on",
            "What changed",
            "Progress",
            "By party",
            "Needs attention",
            "Sources cited",
            "not started",
            "in progress",
            "achieved",
            "unknown",
            "steps",
            "Tracker as of",
            "Period",
            "score:",
            "Timeline",
            "Legend",
            "report period",
            "first record",
            "Regressed",
            "Stale",
            "improved",
            "unchanged",
            // (Party names are the trackers' own when they give them: the fixtures
            // name the government "Malian authorities (test)" in every language.)
            "Both sides",
            "Produced by",
        ] {
            let found = out.lines().find(|l| {
                l.contains(english) && !l.contains("fictional") && !l.contains("Fictional")
            });
            assert!(
                found.is_none(),
                "{format}: English `{english}` in: {found:?}"
            );
        }
        for french in ["non commencé", "en cours", "réalisé"] {
            assert!(out.contains(french), "{format}: no `{french}`");
        }
    }
    let md = both(&["--lang", "fr"]);
    for heading in [
        "# Rapport de suivi",
        "## Synthèse",
        "### Situation au 2022-09-30",
        "### Évolutions au cours de la période",
        "### Avancement",
        "### Points d'attention",
    ] {
        assert!(md.contains(heading), "no {heading}");
    }
    assert!(md.contains("1,6"), "French decimal comma");
    assert!(md.contains("50\u{a0}%"), "French percent spacing");
}

#[test]
fn catalog_in_french() {
    let (code, out, _) = run(rectrack().args(["catalog", "--lang", "fr"]));
    assert_eq!(code, 0);
    assert!(out.contains("unify-ranks — Vaincre la méfiance envers le dialogue dans chaque camp"));
    assert!(out.contains(
        "source\u{a0}: icg-306 (Africa Report N°306), résumé analytique, première mesure"
    ));
    assert!(out.contains("5 recommandations, 14 étapes."));
    assert!(out.contains("Suggestions non suivies"), "{out}");
    let (_, md, _) = run(rectrack().args(["catalog", "--lang", "fr", "--format", "markdown"]));
    assert!(
        md.contains(
            "| `mediator-agreed` | Les deux parties | **Médiateur accepté par les deux parties**"
        ),
        "{md}"
    );
    assert!(
        md.contains("| iss-today-2020, paragraphe 19 (après le chapeau ; exergues non comptés) |"),
        "{md}"
    );
    // The catalog's words in English, and the party ids a reader should not see: none
    // is left in the French table or Markdown (ids such as `government-consensus` and
    // the documents' own titles and references stay as they are).
    let english = [
        "Executive Summary",
        "Principal Findings",
        "measure",
        "paragraph ",
        "standfirst",
        "pull quote",
        "Overcome suspicion",
        "Malian authorities",
        "Both sides",
        "Not tracked",
        "why not",
        "what is tracked",
    ];
    for text in [&out, &md] {
        for word in english {
            assert!(!text.contains(word), "`{word}` in French:\n{text}");
        }
        for party in ["government", "jnim", "both"] {
            assert!(
                !text.contains(&format!("┆ {party} ")),
                "party id `{party}`:\n{text}"
            );
            assert!(
                !text.contains(&format!("| {party} |")),
                "party id `{party}`:\n{text}"
            );
        }
    }
    let (_, json, _) = run(rectrack().args(["catalog", "--lang", "fr", "--format", "json"]));
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["lang"], "fr");
    assert_eq!(doc["recommendations"][0]["id"], "unify-ranks", "ids stay");
    assert_eq!(doc["parties"]["government"], "Autorités maliennes");
    assert_eq!(
        doc["recommendations"][4]["steps"][0]["from"][0]["locator"],
        "paragraphe 14 (après le chapeau ; exergues non comptés)"
    );
    assert_eq!(doc["not_tracked"].as_array().unwrap().len(), 7);
}

/// What the documents suggest and no step follows is listed, with where and why, in
/// every format.
#[test]
fn catalog_lists_what_it_does_not_track() {
    let (_, md, _) = run(rectrack().args(["catalog", "--format", "markdown"]));
    let section = md
        .split("## Not tracked\n")
        .nth(1)
        .expect("a Not tracked section");
    let rows: Vec<&str> = section
        .lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| suggestion") && !l.starts_with("| ---")
        })
        .collect();
    assert_eq!(rows.len(), 7, "{section}");
    for (row, locator) in rows.iter().zip([
        "iss-today-2020, paragraph 12",
        "iss-today-2020, paragraph 15",
        "iss-today-2020, paragraph 16",
        "iss-today-2020, paragraph 17",
        "iss-today-2020, paragraph 18",
        "iss-today-2020, paragraph 19",
        "icg-306, Executive Summary, paragraph 5",
    ]) {
        assert!(row.contains(locator), "{row}");
        assert_eq!(row.matches(" | ").count(), 2, "three cells: {row}");
    }
    let (_, table, _) = run(rectrack().arg("catalog"));
    assert!(
        table.contains(
            "Not tracked\n  7 suggestions of the source documents are followed by no step, and why:"
        ),
        "{table}"
    );
    let (_, json, _) = run(rectrack().args(["catalog", "--format", "json"]));
    let doc: Value = serde_json::from_str(&json).unwrap();
    let first = &doc["not_tracked"][0];
    assert_eq!(first["document"], "iss-today-2020");
    assert_eq!(
        first["locator"],
        "paragraph 12 (after the standfirst; pull quotes not counted)"
    );
    assert!(first["why"].as_str().unwrap().len() > 20);
}

// --- HTML and SVG as parsers and browsers see them -----------------------------------

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn html_is_valid_html5_self_contained_and_has_the_timeline() {
    for html in [
        shipped(&["--format", "html"]),
        both(&["--format", "html", "--lang", "fr"]),
    ] {
        let doc = Html::parse_document(&html);
        assert!(
            doc.errors.is_empty(),
            "HTML5 parse errors: {:?}",
            doc.errors
        );
        // Self-contained: no script, no stylesheet link, no image or frame to fetch.
        for tag in ["script", "link", "img", "iframe", "object", "embed"] {
            assert_eq!(doc.select(&sel(tag)).count(), 0, "<{tag}> found");
        }
        assert!(!html.contains(" src="), "no external source");
        let figures: Vec<_> = doc.select(&sel("figure svg")).collect();
        assert_eq!(
            figures.len(),
            doc.select(&sel("article")).count(),
            "one timeline per tracker"
        );
        for svg in &figures {
            assert!(svg.select(&sel("rect")).count() > 14, "lanes drawn");
            assert!(svg.value().attr("aria-label").is_some());
        }
        // Pattern ids are unique on the page even with several pictures.
        let ids: Vec<_> = doc
            .select(&sel("[id]"))
            .filter_map(|e| e.value().attr("id"))
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    }
    // A note's markup is shown, not interpreted.
    let html = report(&[NORTH, "--period", "2022-Q4", "--format", "html"]);
    assert!(html.contains("&lt;angle brackets&gt; &amp; ampersands"));
}

#[test]
fn svg_is_well_formed_with_a_legend_of_every_status() {
    let svg = both(&["--format", "svg"]);
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut texts = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Text(t) => {
                let s: &str = t.as_ref();
                texts.push(s.to_string());
            }
            _ => {}
        }
    }
    for status in [
        "unknown",
        "not started",
        "in progress",
        "stalled",
        "achieved",
        "reversed",
        "report period",
    ] {
        assert!(texts.iter().any(|t| t == status), "legend lacks {status}");
    }
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn status_html_page_is_the_status_table_and_timeline() {
    let (code, html, _) =
        run(rectrack().args(["status", "--format", "html", "--as-of", "2020-06-01"]));
    assert_eq!(code, 0);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(doc.select(&sel("figure svg")).count(), 1);
    assert_eq!(
        doc.select(&sel("h3")).count(),
        2,
        "status and timeline only"
    );
    assert!(html.contains("Status on 2020-06-01"));
    assert!(
        !html.contains("report period"),
        "a status page has no period"
    );
    assert_snapshot!(html);
}
