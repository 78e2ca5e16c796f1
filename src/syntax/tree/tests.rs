//! The builder's checks: duplicate keys, keys kept as written, and the limits on
//! nesting, aliases, anchors and nodes per byte.

use crate::syntax::document::Value;
use crate::syntax::span::Pos;
use crate::syntax::testing::load;

#[test]
fn duplicate_keys_point_at_the_second_occurrence() {
    let err = load("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
    assert_eq!(err.span.start, Pos { line: 4, col: 3 });
    assert!(err.message.contains("duplicate key `c`"), "{}", err.message);
}

#[test]
fn keys_stay_as_written_and_values_keep_their_type() {
    let doc = load("0x1f: a\n.inf: b\n~: c\n1.0: d\ntrue: e\nx: .inf\n").unwrap();
    let keys: Vec<&str> = doc
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(keys, ["0x1f", ".inf", "~", "1.0", "true", "x"]);
    assert_eq!(doc.get("x").unwrap().value, Value::Float(f64::INFINITY));
    // An alias used as a key has no text of its own: its value's.
    let doc = load("a: &n 12\nb: {*n : x}\n").unwrap();
    assert_eq!(doc.get("b").unwrap().as_map().unwrap()[0].key, "12");
    // Large mappings find duplicates by hash, and still only true ones.
    let keys: Vec<String> = (0..100).map(|i| format!("k{i}: v")).collect();
    let many = keys.join("\n") + "\n";
    assert!(load(&many).is_ok());
    let err = load(&format!("{many}k57: again\n")).unwrap_err();
    assert!(
        err.message.contains("duplicate key `k57`"),
        "{}",
        err.message
    );
    assert_eq!(err.span.start.line, 101);
}

#[test]
fn aliases_are_charged_the_nodes_and_bytes_they_expand_to() {
    // A list of 100 items is 101 nodes: 99 aliases fit in 10,000, 100 do not.
    let list = format!("a: &l [{}]\n", vec!["x"; 100].join(", "));
    let fits = format!("{list}b: [{}]\n", vec!["*l"; 99].join(", "));
    assert!(load(&fits).is_ok());
    let over = format!("{list}b: [{}]\n", vec!["*l"; 100].join(", "));
    let err = load(&over).unwrap_err();
    assert!(
        err.message.contains("more than 10000 nodes"),
        "{}",
        err.message
    );
    assert_eq!(err.span.start.line, 2);
    // Few nodes, much text: 20 copies of 100 KB go over 1 MiB at the 11th.
    let long = format!(
        "a: &s {}\nb: [{}]\n",
        "y".repeat(100_000),
        vec!["*s"; 20].join(", ")
    );
    let err = load(&long).unwrap_err();
    assert!(
        err.message.contains("1048576 bytes of text"),
        "{}",
        err.message
    );
    let col = long
        .lines()
        .nth(1)
        .unwrap()
        .match_indices("*s")
        .nth(10)
        .unwrap()
        .0
        + 1;
    assert_eq!(
        (err.span.start.line as usize, err.span.start.col as usize),
        (2, col)
    );
    // Keys count too: a mapping of 5,000 keys is 10,001 nodes.
    let keys: Vec<String> = (0..5_000).map(|i| format!("k{i}: v")).collect();
    let map = format!("a: &m {{{}}}\nb: *m\n", keys.join(", "));
    assert!(load(&map).unwrap_err().message.contains("10000 nodes"));
}

#[test]
fn anchors_may_copy_what_the_file_holds_once_but_not_nested() {
    // An anchor on the whole content is one copy of the file: allowed.
    let items = vec!["word"; 20_000].join(", ");
    assert!(load(&format!("&all [{items}]")).is_ok());
    // Anchors nested in anchors copy it once per level.
    let err = load(&format!("&a [&b [&c [{items}]]]")).unwrap_err();
    assert!(
        err.message.contains("anchored nodes hold more than"),
        "{}",
        err.message
    );
    assert_eq!(
        err.span.start.col, 5,
        "at the anchor that goes over: `&b`'s list"
    );
}

#[test]
fn files_denser_than_one_node_per_four_bytes_are_refused_past_the_floor() {
    // 10,000 nodes are always allowed, however small the file.
    let small = format!("[{}]", vec!["1"; 9_000].join(","));
    assert!(load(&small).is_ok());
    let dense = format!("[{}]", vec!["1"; 20_000].join(","));
    let err = load(&dense).unwrap_err();
    assert!(err.message.contains("one per 4 bytes"), "{}", err.message);
    // Max nodes = 10,000 + 40,000 / 4 = 20,000: the 20,001st node is refused.
    assert_eq!(
        err.message,
        format!(
            "the file holds more than {} values, one per 4 bytes (plus 10000); it was not read further",
            10_000 + dense.len() / 4
        )
    );
    // Words at five bytes each are well under it.
    let words = format!("[{}]", vec!["word"; 40_000].join(","));
    assert!(load(&words).is_ok());
}

#[test]
fn limits_stop_deep_nesting_and_alias_bombs() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let err = load(&deep).unwrap_err();
    assert!(
        err.message.contains("nesting deeper") || err.message.contains("recursion"),
        "{}",
        err.message
    );
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in 'b'..='j' {
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = name;
    }
    assert!(load(&bomb).unwrap_err().message.contains("billion laughs"));
}
