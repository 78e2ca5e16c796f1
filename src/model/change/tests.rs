use super::*;
use crate::syntax::{Limits, parse};

fn kinds(old: &str, new: &str) -> Vec<Op> {
    let list = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<Vec<_>>()
    };
    align(&list(old), &list(new))
}

#[test]
fn appends_inserts_removals_and_changes_are_told_apart() {
    assert_eq!(
        kinds("[a, b]", "[a, b, c]"),
        [Op::Same, Op::Same, Op::Appended(2)]
    );
    assert_eq!(
        kinds("[a, b]", "[x, a, b]"),
        [Op::Inserted(0), Op::Same, Op::Same]
    );
    assert_eq!(
        kinds("[a, b, c]", "[a, c]"),
        [Op::Same, Op::Removed(1), Op::Same]
    );
    assert_eq!(
        kinds("[a, b, c]", "[a, B, c]"),
        [Op::Same, Op::Changed(1, 1), Op::Same]
    );
    assert_eq!(
        kinds("[a, b]", "[a, B, c]"),
        [Op::Same, Op::Changed(1, 1), Op::Appended(2)]
    );
    // Swapped: one stays, the other moved in front of it.
    assert_eq!(
        kinds("[a, b]", "[b, a]"),
        [Op::Inserted(0), Op::Same, Op::Removed(1)]
    );
    assert_eq!(kinds("[a]", "[]"), [Op::Removed(0)]);
}

/// The one entry of a one-step tracker whose history is `history` (a flow list).
fn entry(history: &str) -> Entry {
    let text = format!("recommendations: {{r: {{steps: {{s: {{history: [{history}]}}}}}}}}");
    let root = parse(&text, &Limits::default()).unwrap();
    let tracker = Tracker::from_document(root);
    tracker.step("r", "s").unwrap().history[0].clone()
}

#[test]
fn key_order_and_style_are_not_changes() {
    let old = entry("{a: 1, b: [x, y]}");
    let new = entry("{b: [x, \"y\"], \"a\": 1}");
    assert_eq!(old.written, new.written);
    assert_ne!(old.written, entry("{a: 1, b: [y, x]}").written);
    assert_ne!(old.written, entry("{a: \"1\", b: [x, y]}").written);
    assert_ne!(old.written, entry("{a: 1, b: [x, y], c: 2}").written);
}

#[test]
fn a_changed_entry_lists_each_changed_leaf() {
    let old = entry("{date: 2021-01-01, note: one, evidence: [{source: a, locator: p1}]}");
    let new = entry(
        "{date: 2021-01-01, note: two, evidence: [{source: a, locator: p2}], correction: {date: 2022-01-01, reason: r}}",
    );
    let diffs = field_diffs(&old.written, &new.written);
    let fields: Vec<_> = diffs.iter().map(|d| d.field.as_str()).collect();
    assert_eq!(fields, ["evidence[0].locator", "note"]);
    assert_eq!(diffs[1].before.as_deref(), Some("one"));
    assert_eq!(diffs[1].after.as_deref(), Some("two"));
}
