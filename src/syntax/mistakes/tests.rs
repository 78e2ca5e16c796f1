//! The hand-editing mistakes, through the whole parse: where each is reported and what
//! the help says to write.

use crate::syntax::span::Pos;
use crate::syntax::testing::load;

#[test]
fn a_colon_in_unquoted_text_asks_for_quotes_built_from_the_line() {
    let err = load("a:\n  note: The mediator said: talks are near\n").unwrap_err();
    assert_eq!(
        err.span.start,
        Pos { line: 2, col: 26 },
        "at the `: ` in the text"
    );
    assert!(err.message.contains("`note`"), "{}", err.message);
    assert_eq!(
        err.help,
        "quote the text: `note: \"The mediator said: talks are near\"`"
    );
    // In a list item, with quotes and backslashes to escape, a trailing comment left
    // out, and a colon that ends the line.
    let err = load("h:\n  - note: He said \"no\\yes\": maybe  # check\n").unwrap_err();
    assert_eq!(err.span.start, Pos { line: 2, col: 27 });
    assert_eq!(
        err.help,
        "quote the text: `note: \"He said \\\"no\\\\yes\\\": maybe\"`"
    );
    let err = load("locator: Annex, as follows:\n").unwrap_err();
    assert_eq!(err.span.start, Pos { line: 1, col: 27 });
    assert_eq!(
        err.help,
        "quote the text: `locator: \"Annex, as follows:\"`"
    );
}

#[test]
fn a_long_text_is_shortened_in_the_suggestion() {
    let long = format!("{}: {}", "x".repeat(200), "y".repeat(200));
    let err = load(&format!("note: {long}\n")).unwrap_err();
    assert!(err.help.contains('…'), "{}", err.help);
    assert!(err.help.chars().count() < 200, "{}", err.help);
}

#[test]
fn a_key_indented_too_deep_keeps_the_indentation_help() {
    // The scanner says the same ("mapping values are not allowed"), at the key's own
    // colon: quoting would be the wrong fix.
    let err = load("a:\n  status: x\n    note: y\n").unwrap_err();
    assert_eq!(err.span.start, Pos { line: 3, col: 9 });
    assert!(err.help.contains("indentation"), "{}", err.help);
    // Neither is quoted text whose quotes close early.
    let err = load("note: \"The mediator\" said: yes\n").unwrap_err();
    assert!(!err.help.contains("quote the text"), "{}", err.help);
}

#[test]
fn a_tab_is_reported_on_its_own_line() {
    // The scanner stops at the scalar on the line above; the tab is on the next line.
    let text = "h:\n  - date: 2020-02-10\n\t   status: in-progress\n";
    let err = load(text).unwrap_err();
    assert_eq!(err.span.start, Pos { line: 3, col: 1 });
    assert_eq!(
        err.help,
        "YAML indents with spaces: replace the tab on line 3 with spaces"
    );
    let text = "h:\n  - date: 2020-02-10\n    \tstatus: in-progress\n";
    assert_eq!(load(text).unwrap_err().span.start, Pos { line: 3, col: 5 });
    // Blank lines and comments indented with tabs are allowed in between.
    let text = "h:\n  - date: 2020-02-10\n\t\n\t# c\n\t   status: in-progress\n";
    assert_eq!(load(text).unwrap_err().span.start, Pos { line: 5, col: 1 });
    // A tab on the scanner's own line stays there.
    let err = load("a:\n\tb: 1\n").unwrap_err();
    assert_eq!(err.span.start, Pos { line: 2, col: 1 });
    assert!(err.message.contains("line 2"), "{}", err.message);
}

#[test]
fn a_missing_dash_before_an_entry_says_so() {
    let text = "history:\n  - date: 2020-01-01\n    status: unknown\n    date: 2021-01-01\n    status: unknown\n";
    let err = load(text).unwrap_err();
    assert_eq!(err.span.start, Pos { line: 4, col: 5 }, "the second `date`");
    assert!(
        err.message.contains("duplicate key `date`"),
        "{}",
        err.message
    );
    assert!(
        err.help.starts_with(
            "a new entry starts here without its `- `: write `- date: …` at column 3,"
        ),
        "{}",
        err.help
    );
    // Indentless and nested the same way.
    let text = "h:\n- x: 1\n  x: 2\n";
    let err = load(text).unwrap_err();
    assert!(err.help.contains("`- x: …` at column 1"), "{}", err.help);
    // A key repeated further down an entry may be a slip in one entry: both fixes.
    let text = "h:\n  - date: 2020-01-01\n    status: unknown\n    status: stalled\n";
    let err = load(text).unwrap_err();
    assert!(
        err.help.starts_with("each key may appear once in an entry"),
        "{}",
        err.help
    );
    assert!(
        err.help.contains("`- status: …` at column 3"),
        "{}",
        err.help
    );
    // No dashes to line up with: in a flow list, or outside any list.
    for text in ["h: [{x: 1, x: 2}]\n", "a:\n  x: 1\n  x: 2\n"] {
        let err = load(text).unwrap_err();
        assert!(
            err.help.contains("merge the two entries"),
            "{text}: {}",
            err.help
        );
    }
}

#[test]
fn a_comment_that_cuts_text_short_is_found_and_real_comments_are_not() {
    let found = |text: &str| {
        let doc = load(text).unwrap();
        crate::syntax::comments_in_text(text, &doc)
    };
    let text = "sources:\n  a:\n    reference: Africa Report #306\n";
    let errs = found(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].span.start, Pos { line: 3, col: 30 }, "at the `#`");
    assert!(
        errs[0].message.contains("`reference`"),
        "{}",
        errs[0].message
    );
    assert!(
        errs[0].message.contains("`Africa Report`"),
        "{}",
        errs[0].message
    );
    assert_eq!(
        errs[0].help,
        "to keep the `#` in the text, quote it all: `reference: \"Africa Report #306\"`; if it is a comment, write `# 306`"
    );
    // A list item under its key, after a tab, with CRLF line ends.
    let errs = found("authors:\r\n  - Baba Dakono\t#1\r\n");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].span.start, Pos { line: 2, col: 17 });
    assert!(errs[0].message.contains("`authors`"), "{}", errs[0].message);
    // Comments written as comments, `#` inside text or quotes, and comments after
    // quoted text, block scalars and collections are left alone.
    for text in [
        "note: text # a comment\n",
        "note: text ## heading\n",
        "note: text #\n",
        "note: Report#306\n",
        "note: \"Report #306\"\n",
        "note: 'Report' #306\n",
        "note: >- #1\n  text\n",
        "#1 a comment line\nnote: text\n  #2 an indented one\n",
        "a: [x, y] #1\n",
    ] {
        assert!(found(text).is_empty(), "{text:?}: {:?}", found(text));
    }
}

#[test]
fn a_file_full_of_such_comments_costs_a_bounded_list() {
    let text: String = (0..5_000).map(|i| format!("k{i}: v #{i}\n")).collect();
    let doc = load(&text).unwrap();
    let errs = crate::syntax::comments_in_text(&text, &doc);
    assert_eq!(errs.len(), super::MAX_CANDIDATES);
    assert_eq!(errs[0].span.start, Pos { line: 1, col: 7 });
}

#[test]
fn the_hash_search_finds_what_reading_each_line_finds() {
    // The line-by-line reading the `#` search replaced, kept as the definition.
    fn by_lines(text: &str) -> Vec<(usize, usize, &str)> {
        let mut candidates = Vec::new();
        for (i, line) in crate::syntax::span::lines(text).enumerate() {
            let (mut blanks_from, mut after_text) = (None, false);
            let mut chars = line.chars().enumerate().peekable();
            while let Some((c, ch)) = chars.next() {
                match ch {
                    ' ' | '\t' => {
                        blanks_from.get_or_insert(c + 1);
                    }
                    '#' => {
                        let next = chars.peek().map(|(_, n)| *n);
                        if let Some(from) = blanks_from
                            && after_text
                            && next.is_some_and(|n| !n.is_whitespace() && n != '#')
                        {
                            candidates.push((i + 1, from, line));
                        }
                        (blanks_from, after_text) = (None, true);
                    }
                    _ => (blanks_from, after_text) = (None, true),
                }
            }
        }
        candidates
    }
    let pieces = [
        "a",
        "é",
        " ",
        "\t",
        "#",
        "##",
        "#1",
        "# ",
        "#\u{a0}",
        "#\u{2028}",
        "\n",
        "\r",
        "\r\n",
        "x #y",
        "\t#z",
        " \t #é",
    ];
    // Every text of up to four pieces, and a few long ones.
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        texts.extend(longer);
        texts.dedup();
    }
    texts.push("k: v #1\r\nl: w\t#2\rm: é #3\n\n#4\n  - x  #5 #6\n".repeat(3));
    for text in &texts {
        assert_eq!(super::text_like_comments(text), by_lines(text), "{text:?}");
    }
}
