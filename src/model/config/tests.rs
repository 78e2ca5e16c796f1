use super::*;
use crate::syntax::span::Pos;

fn problems(text: &str) -> Vec<Problem> {
    parse(text).expect_err("a problem")
}

#[test]
fn every_key_reads_with_its_span() {
    let text = "paths = [\"tracker\", \"more/trackers\"]\nstale-days = 30\ndeny-warnings = true\nmax-file-size = 0x100\nmax-diagnostics = 5\njobs = 2\nbase = \"origin/main\"\nlang = \"fr\"\n";
    let s = parse(text).unwrap();
    let paths: Vec<&str> = s
        .paths
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(paths, ["tracker", "more/trackers"]);
    assert_eq!(
        s.paths.unwrap()[1].span,
        Span {
            start: Pos::new(1, 21),
            end: Pos::new(1, 36)
        }
    );
    let stale = s.stale_days.unwrap();
    assert_eq!((stale.value, stale.span.start), (30, Pos::new(2, 14)));
    assert!(s.deny_warnings.unwrap().value);
    assert_eq!(s.max_file_size.unwrap().value, 256);
    assert_eq!(s.max_diagnostics.unwrap().value, 5);
    assert_eq!(s.jobs.unwrap().value, 2);
    assert_eq!(s.base.unwrap().value, "origin/main");
    assert_eq!(s.lang.unwrap().value, "fr");
    assert_eq!(parse("# nothing\n").unwrap(), Settings::default());
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let p = problems("stale_days = 3\nnonsense = 1\n");
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].span.start, Pos::new(1, 1));
    assert_eq!(p[0].message, "unknown key `stale_days` in rectrack.toml");
    assert_eq!(p[0].label, "did you mean `stale-days`?");
    assert_eq!(p[1].label, "not a setting");
    assert!(p[1].help.contains("`max-file-size`"), "{}", p[1].help);
    let grouped = problems("[check]\nbase = \"origin/main\"\n");
    assert!(
        grouped[0].help.contains("no tables: write `base = ...`"),
        "{:?}",
        grouped[0]
    );
    assert_eq!(closest_key("Deny-Warning"), Some("deny-warnings"));
    assert_eq!(closest_key("weather"), None);
}

#[test]
fn wrong_types_and_ranges_are_errors() {
    let p = problems("stale-days = \"ten\"\n");
    assert_eq!(
        p[0].message,
        "`stale-days` must be a whole number, 0 or more, not a string"
    );
    assert_eq!(
        p[0].span,
        Span {
            start: Pos::new(1, 14),
            end: Pos::new(1, 19)
        }
    );
    assert!(
        problems("stale-days = -1\n")[0]
            .message
            .contains("not this large")
    );
    assert!(
        problems("stale-days = 4294967296\n")[0]
            .message
            .contains("not this large")
    );
    assert!(
        problems("stale-days = 1.5\n")[0]
            .message
            .contains("not a decimal number")
    );
    assert!(
        problems("deny-warnings = \"yes\"\n")[0]
            .message
            .contains("true or false")
    );
    assert!(problems("base = \"\"\n")[0].message.contains("empty"));
    assert!(problems("lang = 1\n")[0].message.contains("not a number"));
    assert!(
        problems("paths = \"tracker\"\n")[0]
            .message
            .contains("a list of paths")
    );
    assert!(problems("paths = []\n")[0].message.contains("empty"));
    assert!(
        problems("paths = [1]\n")[0]
            .message
            .contains("not a number")
    );
}

#[test]
fn paths_are_relative() {
    for bad in ["/etc", "C:\\x", "\\\\server\\x", ""] {
        let text = format!("paths = [{}]\n", toml_string(bad));
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{bad}: {p:?}");
        assert!(p[0].message.starts_with("`paths` holds"), "{bad}: {p:?}");
    }
    assert!(parse("paths = [\"./tracker\", \"a/b..c\", \"../up\"]\n").is_ok());
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\"))
}

#[test]
fn bad_toml_is_one_problem_at_its_place() {
    let p = problems("stale-days = 1\nstale-days = 2\n");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].span.start.line, 2);
    assert!(
        p[0].message.starts_with("not valid TOML"),
        "{}",
        p[0].message
    );
    let p = problems("a = \"\u{e9}\"\nb = [\n");
    assert_eq!(p[0].span.start.line, 2);
    // Columns count characters, not bytes.
    let p = problems("\"\u{e9}\u{e9}\" = 1\n");
    assert_eq!(
        p[0].span,
        Span {
            start: Pos::new(1, 1),
            end: Pos::new(1, 5)
        }
    );
}
