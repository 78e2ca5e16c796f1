use super::*;
use crate::model::date::parse_date;

fn schema() -> Json {
    generate(&Catalog::builtin().unwrap())
}

#[test]
fn the_date_pattern_accepts_exactly_the_days_parse_date_accepts() {
    // Editors enforce the pattern, rectrack `format: date` (parse_date): the two must
    // agree on every string shaped like a date, leap days and year 0000 included.
    let pattern = regex::Regex::new(DATE_PATTERN).unwrap();
    let years = [
        "0000", "0001", "0004", "0010", "0100", "0400", "0500", "1600", "1700", "1900", "1996",
        "2000", "2004", "2020", "2021", "2022", "2024", "2100", "2400", "9996", "9999",
    ];
    let mut checked = 0;
    for year in years {
        for month in 0..=13 {
            for day in 0..=32 {
                let text = format!("{year}-{month:02}-{day:02}");
                assert_eq!(
                    pattern.is_match(&text),
                    parse_date(&text).is_some(),
                    "{text}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, years.len() * 14 * 33);
    for good in ["2020-02-29", "2000-02-29", "2021-02-28", "2021-12-31"] {
        assert!(pattern.is_match(good), "{good}");
    }
    for bad in [
        "2021-02-29",
        "1900-02-29",
        "2021-04-31",
        "2021-02-30",
        "2021-1-05",
        "21-01-05",
        "2021-01-05T00:00",
        " 2021-01-05",
        "2021-01-05\n",
    ] {
        assert!(!pattern.is_match(bad), "{bad:?}");
    }
}

#[test]
fn every_date_in_the_schema_carries_the_pattern() {
    fn walk(value: &Json, path: &str, dates: &mut Vec<String>) {
        match value {
            Json::Object(map) => {
                if map.get("format") == Some(&json!("date")) {
                    assert_eq!(map.get("pattern"), Some(&json!(DATE_PATTERN)), "{path}");
                    dates.push(path.to_string());
                }
                for (k, v) in map {
                    walk(v, &format!("{path}/{k}"), dates);
                }
            }
            Json::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{path}/{i}"), dates);
                }
            }
            _ => {}
        }
    }
    let mut dates = Vec::new();
    walk(&schema(), "", &mut dates);
    // as_of, closed, a source's published and correction, a step's next_review, an
    // entry's date and correction.
    assert_eq!(dates.len(), 7, "{dates:?}");
}

#[test]
fn shared_definitions_have_titles_and_steps_are_objects() {
    let schema = schema();
    let definitions = schema["definitions"].as_object().unwrap();
    for (name, def) in definitions {
        // `step` has none on purpose: each step's own title heads its hover.
        assert_eq!(def.get("title").is_some(), name != "step", "{name}");
        for (key, property) in def
            .get("properties")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            assert!(
                property.get("title").is_some() || property.get("$ref").is_some(),
                "{name}.{key}"
            );
        }
    }
    assert_eq!(
        definitions["step"]["properties"]["next_review"]["title"],
        "Next review"
    );
    assert_eq!(definitions["evidence"]["properties"]["url"]["title"], "URL");
    let mut steps = 0;
    for rec in schema["properties"]["recommendations"]["properties"]
        .as_object()
        .unwrap()
        .values()
    {
        for step in rec["properties"]["steps"]["properties"]
            .as_object()
            .unwrap()
            .values()
        {
            assert_eq!(step["type"], "object");
            assert!(step["title"].as_str().is_some_and(|t| !t.is_empty()));
            assert_eq!(step["allOf"][0]["$ref"], "#/definitions/step");
            steps += 1;
        }
    }
    assert!(steps > 0);
}
