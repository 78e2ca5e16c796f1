use super::*;
use crate::model::tracker::Tracker;
use crate::present::Render;
use crate::present::report::{Csv, CsvLong, Html, Json, Markdown, Svg};
use crate::syntax::{Limits, parse};

/// A small catalog with one recommendation `r` of steps `s` and `t`.
const SMALL: &str = "catalog_format: 1\nid: small\ntitle: {en: Small one, fr: Petit}\n\
     languages: [en, fr]\ndocuments: {d: {title: D}}\nparties: {a: {en: Ay, fr: Aa}}\n\
     recommendations:\n  r:\n    title: {en: Only rec, fr: Seule reco}\n    description: R\n    \
     from: [{document: d, locator: p}]\n    steps:\n      \
     s: {party: a, title: {en: Step S, fr: Étape S}, description: D, from: [{document: d, locator: p}]}\n      \
     t: {party: a, title: {en: Step T, fr: Étape T}, description: D, from: [{document: d, locator: p}]}\n";

fn tracker(id: &str, rec: &str, step: &str) -> Tracker {
    let doc = format!(
        "id: {id}\ntitle: Tracker {id}\nas_of: 2021-12-10\nrecommendations:\n  {rec}:\n    steps:\n      {step}:\n        status: achieved\n        history:\n          - {{date: 2021-12-01, status: achieved}}\n"
    );
    Tracker::from_document(parse(&doc, &Limits::default()).unwrap())
}

fn request() -> PeriodRequest {
    PeriodRequest {
        from: None,
        to: None,
        shorthand: None,
        days_before: 90,
    }
}

/// Trackers `b1` (built-in), `s1` (small), `b2` (built-in), `s2` (small).
fn mixed() -> Grouped {
    let builtin = Arc::new(Catalog::builtin().unwrap());
    let small = Arc::new(Catalog::from_yaml(SMALL).unwrap());
    let trackers = [
        tracker("b1", "mediator", "mediator-agreed"),
        tracker("s1", "r", "s"),
        tracker("b2", "mediator", "mediator-agreed"),
        tracker("s2", "r", "t"),
    ];
    let catalogs = [&builtin, &small, &builtin, &small];
    let files = ["b1.yaml", "s1.yaml", "b2.yaml", "s2.yaml"];
    let inputs: Vec<_> = trackers
        .iter()
        .zip(catalogs)
        .zip(files)
        .map(|((tracker, c), file)| (Input { file, tracker }, Arc::clone(c)))
        .collect();
    Grouped::build(&inputs, &builtin, request(), 90).unwrap()
}

#[test]
fn trackers_are_grouped_by_catalog_in_order_of_first_appearance() {
    let g = mixed();
    assert!(g.single().is_none());
    let ids: Vec<(&str, Vec<&str>)> = g
        .groups
        .iter()
        .map(|g| {
            (
                g.catalog.id.as_str(),
                g.report.trackers.iter().map(|t| t.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("mali-jnim-dialogue", vec!["b1", "b2"]),
            ("small", vec!["s1", "s2"])
        ]
    );
    assert_eq!(g.tracker_count(), 4);
    // Each group's report holds its own catalog's steps, and only them.
    let steps = |i: usize| -> Vec<String> {
        g.groups[i].report.trackers[0]
            .end
            .iter()
            .map(|v| format!("{}/{}", v.recommendation, v.step))
            .collect()
    };
    assert_eq!(steps(1), ["r/s", "r/t"]);
    assert_eq!(steps(0).len(), 14);
    assert!(steps(0).iter().all(|s| !s.starts_with("r/")));
    assert_eq!(g.groups[1].report.catalog_id, "small");
}

#[test]
fn an_empty_run_is_one_empty_group_of_the_default_catalog() {
    let builtin = Arc::new(Catalog::builtin().unwrap());
    let g = Grouped::build(&[], &builtin, request(), 90).unwrap();
    let one = g.single().unwrap();
    assert!(Arc::ptr_eq(&one.catalog, &builtin));
    assert!(one.report.trackers.is_empty());
}

#[test]
fn every_format_heads_each_catalog_and_never_mixes_their_steps() {
    let g = mixed();
    let m = Messages::new("en").unwrap();
    let r = Reader {
        m: &m,
        stale_days: 90,
    };
    let md = Markdown(r).render(&g);
    let builtin = md.find("## Catalog mali-jnim-dialogue: ").unwrap();
    let small = md.find("## Catalog small: Small one").unwrap();
    assert!(builtin < small, "{md}");
    // One summary per catalog, each with its own recommendations as columns.
    let summaries: Vec<&str> = md.split("### Summary").skip(1).collect();
    assert_eq!(summaries.len(), 2, "{md}");
    let small_matrix = summaries[1].split("\n\n").nth(2).unwrap();
    assert!(small_matrix.contains("| Only rec |"), "{small_matrix}");
    assert!(small_matrix.contains("| Tracker s1 |") && small_matrix.contains("| Tracker s2 |"));
    assert!(!small_matrix.contains("Tracker b"), "{small_matrix}");
    assert!(
        !summaries[0]
            .split("\n\n")
            .nth(2)
            .unwrap()
            .contains("Only rec")
    );
    // A provenance line per catalog.
    assert!(md.contains("with catalog mali-jnim-dialogue"), "{md}");
    assert!(md.contains("with catalog small (sources: d)"), "{md}");
    assert!(md.starts_with("# Status report: 4 trackers\n"), "{md}");

    let html = Html(r).render(&g);
    assert_eq!(html.matches("<h2>Catalog ").count(), 2, "{html}");
    assert_eq!(html.matches("<h3>Summary</h3>").count(), 2);
    // Anchors stay unique across groups.
    for i in 0..4 {
        assert_eq!(html.matches(&format!("id=\"tracker-{i}\"")).count(), 1);
    }

    let json: serde_json::Value = serde_json::from_str(&Json(r).render(&g)).unwrap();
    assert!(json["catalog"].is_null());
    assert_eq!(json["catalogs"][1]["id"], "small");
    assert_eq!(json["catalogs"][1]["title"], "Small one");
    let followed: Vec<_> = json["trackers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["catalog"].as_str().unwrap()))
        .collect();
    assert_eq!(
        followed,
        [
            ("b1", "mali-jnim-dialogue"),
            ("b2", "mali-jnim-dialogue"),
            ("s1", "small"),
            ("s2", "small")
        ]
    );

    let csv = Csv(r).render(&g);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",catalog"), "{csv}");
    assert!(lines.all(|l| l.ends_with(",mali-jnim-dialogue") || l.ends_with(",small")));
    assert!(
        csv.contains("s1,2021-09-11,2021-12-10,r,s,Step S,Ay,achieved"),
        "{csv}"
    );
    let long = CsvLong.render(&g);
    assert!(
        long.lines().next().unwrap().ends_with(",note,catalog"),
        "{long}"
    );
    assert!(long.contains(",small\n"), "{long}");

    let svg = Svg(r).render(&g);
    // Each picture has its own catalog's recommendations, drawn in group order.
    let b2 = svg.find(">Tracker b2: ").unwrap();
    let s1 = svg.find(">Tracker s1: ").unwrap();
    assert!(b2 < s1, "{svg}");
    assert!(!svg[..s1].contains(">Only rec<") && svg[s1..].contains(">Only rec<"));
    assert!(!svg[s1..].contains("mediator"));

    let fr = Messages::new("fr").unwrap();
    let md = Markdown(Reader { m: &fr, ..r }).render(&g);
    assert!(md.contains("## Catalogue small\u{a0}: Petit"), "{md}");
    assert!(md.contains("Étape S"), "{md}");
}

#[test]
fn a_single_catalog_renders_as_it_always_has() {
    let builtin = Arc::new(Catalog::builtin().unwrap());
    let t = tracker("b1", "mediator", "mediator-agreed");
    let input = Input {
        file: "b1.yaml",
        tracker: &t,
    };
    let g = Grouped::build(&[(input, Arc::clone(&builtin))], &builtin, request(), 90).unwrap();
    let m = Messages::new("en").unwrap();
    let r = Reader {
        m: &m,
        stale_days: 90,
    };
    let md = Markdown(r).render(&g);
    assert!(!md.contains("Catalog mali"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&Json(r).render(&g)).unwrap();
    assert_eq!(json["catalog"]["id"], "mali-jnim-dialogue");
    assert!(json.get("catalogs").is_none() && json["trackers"][0].get("catalog").is_none());
    assert!(
        !Csv(r)
            .render(&g)
            .lines()
            .next()
            .unwrap()
            .contains("catalog")
    );
}
