//! The tree's errors against the old path's: the same schema compiled for
//! `serde_json::Value` and run on `Node::to_json`'s copy (kept here only, for this
//! comparison) must give the same errors, in the same order, and the same findings.

use super::super::{SchemaChecker, build};
use super::{Copies, Handle, Tree};
use crate::check::finding::{Finding, tidy};
use crate::model::catalog::Catalog;
use crate::syntax::document::{Node, Value};
use crate::syntax::{Limits, parse};
use jsonschema::json::SerdeJson;
use serde_json::{Value as Json, json};
use std::path::Path;

/// What identifies an error: instance path, schema path, kind (with its data) and
/// message (which shows the instance).
type Sig = (String, String, String, String);

fn sig(e: &jsonschema::ValidationError<'_>) -> Sig {
    (
        e.instance_path().as_str().to_string(),
        e.schema_path().as_str().to_string(),
        format!("{:?}", e.kind()),
        e.to_string(),
    )
}

/// Validity and errors through the old path: a `serde_json` copy of the document.
fn via_serde(v: &jsonschema::Validator<SerdeJson>, root: &Node) -> (bool, Vec<Sig>) {
    let copy = root.to_json();
    (
        v.is_valid(&copy),
        v.iter_errors(&copy).map(|e| sig(&e)).collect(),
    )
}

/// Validity and errors read off the tree itself.
fn via_tree(v: &jsonschema::Validator<Tree>, root: &Node) -> (bool, Vec<Sig>) {
    let copies = Copies::new();
    (
        v.is_valid(Handle::root(root)),
        v.iter_errors(Handle::root_keeping(root, &copies))
            .map(|e| sig(&e))
            .collect(),
    )
}

/// The same tree with every mapping's keys in byte order, the order a
/// `serde_json::Map` (a `BTreeMap` in this build) visits them in.
fn keys_sorted(node: &Node) -> Node {
    fn sort(node: &mut Node) {
        match &mut node.value {
            Value::Map(entries) => {
                entries.sort_by(|a, b| a.key.cmp(&b.key));
                for e in entries.iter_mut() {
                    sort(&mut e.value);
                }
            }
            Value::Seq(items) => {
                for i in items.iter_mut() {
                    sort(i);
                }
            }
            _ => {}
        }
    }
    let mut copy = node.clone();
    sort(&mut copy);
    copy
}

/// The two validators of one schema.
struct Validators {
    old: jsonschema::Validator<SerdeJson>,
    new: jsonschema::Validator<Tree>,
}

impl Validators {
    fn of(schema: &Json) -> Self {
        Validators {
            old: build::<SerdeJson>(schema).unwrap(),
            new: build::<Tree>(schema).unwrap(),
        }
    }

    /// Asserts both paths agree on `root`; returns how many errors they found.
    fn agree(&self, root: &Node, what: &str) -> usize {
        let (old_valid, old) = via_serde(&self.old, root);
        // In key order, the tree must give exactly the old list: kinds, paths,
        // messages and order.
        let (sorted_valid, sorted) = via_tree(&self.new, &keys_sorted(root));
        assert_eq!(old_valid, sorted_valid, "{what}: is_valid");
        assert_eq!(old, sorted, "{what}: errors, keys in order");
        assert_eq!(old_valid, old.is_empty(), "{what}: valid means no errors");
        // As written, only the order of a mapping's members may differ (source order
        // here): the same errors at the same places.
        let (valid, written) = via_tree(&self.new, root);
        assert_eq!(old_valid, valid, "{what}: is_valid as written");
        let place = |s: &Sig| (s.0.clone(), s.1.clone());
        let mut old_places: Vec<_> = old.iter().map(place).collect();
        let mut places: Vec<_> = written.iter().map(place).collect();
        old_places.sort();
        places.sort();
        assert_eq!(old_places, places, "{what}: error places as written");
        old.len()
    }
}

fn yaml(text: &str) -> Node {
    parse(text, &Limits::default()).unwrap()
}

/// A schema that uses every keyword a number, a string, a list or a mapping can fail.
fn hostile_schema() -> Json {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "definitions": {
            "tree": {
                "type": "object",
                "properties": {"kids": {"type": "array", "items": {"$ref": "#/definitions/tree"}}},
                "additionalProperties": false
            }
        },
        "properties": {
            "int": {"type": "integer"},
            "one": {"const": 1},
            "zero": {"const": 0},
            "num": {"type": "number", "minimum": 0, "exclusiveMaximum": 10, "multipleOf": 0.5},
            "big": {"type": "integer", "maximum": 9007199254740992_u64},
            "en": {"enum": [1, "a", null, true, [1, 2], {"a": 1, "b": [2.0]}]},
            "text": {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-zé🦀]*$"},
            "empty": {"type": "string", "minLength": 1},
            "date": {"type": "string", "format": "date"},
            "list": {
                "type": "array", "uniqueItems": true, "minItems": 1, "maxItems": 20,
                "items": {"type": ["string", "number", "array", "object", "null", "boolean"]}
            },
            "keys": {
                "type": "object",
                "propertyNames": {"pattern": "^[a-zé]+$", "maxLength": 4},
                "minProperties": 1, "maxProperties": 3,
                "additionalProperties": {"type": "string"}
            },
            "shape": {"oneOf": [
                {"type": "string"},
                {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"}}}
            ]},
            "any": {"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 5}]},
            "not": {"not": {"type": "string"}},
            "has": {"type": "array", "contains": {"const": "x"}},
            "tree": {"$ref": "#/definitions/tree"},
            "cond": {
                "if": {"properties": {"k": {"const": "a"}}},
                "then": {"required": ["a"]},
                "else": {"required": ["b"]}
            },
            "dep": {"dependencies": {"a": ["b"], "c": {"required": ["d"]}}},
            "many": {"type": "object", "required": ["k01", "k05", "k10", "k20", "k30", "k99"]},
            "closed": {
                "type": "object",
                "properties": {"x": {"type": "string"}, "y": {"type": "integer"}},
                "patternProperties": {"^p": {"type": "integer"}},
                "additionalProperties": false
            },
            "nested": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}
        },
        "required": ["int", "one", "zzz"]
    })
}

/// Documents that probe every difference a JSON copy could hide: non-finite numbers,
/// integers past 64 bits, `-0`, `1.0` against `1`, many keys out of order, text whose
/// length in characters is not its length in bytes, empty strings, nested lists.
const HOSTILE: &[&str] = &[
    "int: 1\none: 1\nzzz: 0\n",
    "int: 1.0\none: 1.0\nzzz: 0\nzero: -0\n",
    "int: -0.0\none: 1e0\nzero: -0.0\n",
    "int: .inf\none: .inf\nnum: .nan\nbig: -.inf\nen: .nan\n",
    "int: -.inf\none: -.inf\nnum: -.inf\ntext: .inf\nlist: [.nan, .nan, .inf, .inf]\n",
    "int: 99999999999999999999\none: 18446744073709551616\nbig: 9007199254740993\n",
    "int: 9223372036854775807\none: -9223372036854775808\nbig: 1e300\nnum: 0.25\n",
    "num: 9.5\nnum2: 10\nbig: -1e400\n",
    "num: 10\n",
    "num: -0.5\n",
    "num: 1.5e-320\n",
    "en: 1.0\n",
    "en: [1.0, 2]\n",
    "en: {b: [2], a: 1.0}\n",
    "en: {a: 1, b: [2], c: 3}\n",
    "en: 'true'\n",
    "en: ~\n",
    "text: 'é🦀'\n",
    "text: '🦀🦀🦀🦀'\n",
    "text: 'ééé'\n",
    "text: 'a'\n",
    "text: 'é'\n",
    "text: '🦀'\n",
    "text: 'aé'\n",
    "text: 'abcd'\n",
    "text: 'ABC'\n",
    "text: ''\nempty: ''\n",
    "text: \"\\u0000\\u0000\"\nempty: \"\\u00e9\"\n",
    "date: 2021-02-29\n",
    "date: 0000-01-01\n",
    "date: 2024-02-29\n",
    "date: 2021-2-3\n",
    "date: 20210203\n",
    "list: [1, 1.0]\n",
    "list: [0, -0.0]\n",
    "list: [[1, 2], [1.0, 2.0]]\n",
    "list: [{a: 1, b: 2}, {b: 2, a: 1.0}]\n",
    "list: [{a: 1, b: 2}, {b: 2, a: 3}]\n",
    "list: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, a]\n",
    "list: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]\n",
    "list: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 1.0]\n",
    "list: []\n",
    "keys: {}\n",
    "keys: {zz: a, b: 1, Éa: x, toolong: y, '': z}\n",
    "keys: {é: a}\n",
    "shape: {b: 1}\n",
    "shape: {a: 1.5, b: 2}\n",
    "shape: 3\n",
    "shape: [x]\n",
    "any: 4\nnot: x\nhas: [y, z]\n",
    "any: 4.0\nnot: 1\nhas: []\n",
    "any: 5.0\nhas: [x]\n",
    "tree: {kids: [{kids: [{kids: [{}, {oops: 1}]}]}, {kids: 3}]}\n",
    "cond: {k: a}\n",
    "cond: {k: b}\n",
    "cond: {k: a, a: 1, b: 2}\n",
    "dep: {a: 1, c: 2}\n",
    "dep: {c: 2, d: 1}\n",
    "closed: {z: 1, y: 1.0, x: 2, p1: a, p0: 1, w: 1, v: 2, u: 3, t: 4, s: 5}\n",
    "closed: {y: 1.5, x: '', p: .inf}\n",
    "nested: [[1, 2.0], [1.5], [], [[1]], x]\n",
    "nested: [[.inf, -0]]\n",
    "- 1\n- 2\n",
    "just text\n",
    "~\n",
    ".inf\n",
    "{}\n",
];

#[test]
fn the_tree_gives_the_errors_of_the_json_copy_on_hostile_documents() {
    let pair = Validators::of(&hostile_schema());
    let mut errors = 0;
    for (i, text) in HOSTILE.iter().enumerate() {
        errors += pair.agree(&yaml(text), &format!("document {i}: {text:?}"));
    }
    // A comparison of two empty lists would prove nothing.
    assert!(errors > HOSTILE.len(), "only {errors} errors");
}

#[test]
fn many_keys_out_of_order_give_the_same_errors() {
    let pair = Validators::of(&hostile_schema());
    // Forty keys written backwards, some of them required, plus stray keys in a
    // closed mapping: the tree visits them as written, the copy in key order.
    let many: String = (1..=40)
        .rev()
        .map(|i| format!("  k{i:02}: {i}\n"))
        .collect();
    let closed: String = (0..30)
        .rev()
        .map(|i| format!("  stray{i}: {i}\n"))
        .collect();
    let text = format!("int: x\nmany:\n{many}closed:\n{closed}  y: 1.5\n  x: 1\n");
    let n = pair.agree(&yaml(&text), "many keys");
    assert!(n >= 3, "{n}");
}

#[test]
fn a_non_finite_number_is_the_largest_finite_one_of_its_sign() {
    use jsonschema::json::Node as _;
    for (text, expected) in [
        (".inf", f64::MAX),
        ("-.inf", -f64::MAX),
        (".nan", f64::MAX),
        ("-0.0", -0.0),
        ("1.0", 1.0),
    ] {
        let doc = yaml(text);
        let n = Handle::root(&doc).as_number().unwrap();
        // Bit for bit: `-0.0` keeps its sign.
        assert_eq!(
            n.as_f64().map(f64::to_bits),
            Some(expected.to_bits()),
            "{text}"
        );
        assert_eq!(
            n.as_u64(),
            None,
            "{text}: a float is never read as an integer"
        );
    }
    let doc = yaml("7");
    assert_eq!(Handle::root(&doc).as_number().unwrap().as_u64(), Some(7));
    assert!(Handle::root(&yaml("x")).as_number().is_none());
}

/// Findings of `checker` on `root` through the old path (the `serde_json` copy).
fn findings_via_serde(checker: &SchemaChecker, root: &Node) -> Vec<Finding> {
    let old = build::<SerdeJson>(checker.schema()).unwrap();
    let copy = root.to_json();
    let mut out = if old.is_valid(&copy) {
        Vec::new()
    } else {
        checker.translate_all(root, old.iter_errors(&copy))
    };
    tidy(&mut out);
    out
}

/// Every YAML file of the tests (the fixtures and the YAML test suite's inputs).
fn every_test_document() -> Vec<(String, Node)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if let Ok(doc) = parse(&text, &Limits::default()) {
                    out.push((path.display().to_string(), doc));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_test_document_gets_the_same_errors_and_findings_from_both_paths() {
    let docs = every_test_document();
    assert!(docs.len() > 100, "{}", docs.len());
    let trackers = SchemaChecker::new(&Catalog::builtin().unwrap()).unwrap();
    let catalogs = SchemaChecker::for_catalogs().unwrap();
    let mut errors = 0;
    let mut findings = 0;
    for checker in [&trackers, &catalogs] {
        let pair = Validators::of(checker.schema());
        for (path, doc) in &docs {
            errors += pair.agree(doc, path);
            let mut new = checker.check(doc);
            tidy(&mut new);
            let old = findings_via_serde(checker, doc);
            assert_eq!(old, new, "{path}: findings");
            findings += new.len();
        }
    }
    assert!(
        errors > 1000 && findings > 1000,
        "{errors} errors, {findings} findings"
    );
}

#[test]
fn errors_about_one_mapping_share_one_copy_of_it() {
    let v = build::<Tree>(&json!({"required": ["a", "b", "c", "d"], "maxProperties": 1})).unwrap();
    let doc = yaml("x: 1\ny: [1, 2]\n");
    let copies = Copies::new();
    let errors: Vec<_> = v.iter_errors(Handle::root_keeping(&doc, &copies)).collect();
    assert_eq!(errors.len(), 5);
    let addresses: Vec<*const Json> = errors
        .iter()
        .map(|e| match e.instance() {
            std::borrow::Cow::Borrowed(b) => std::ptr::from_ref(*b),
            std::borrow::Cow::Owned(_) => panic!("a copy of its own: {e}"),
        })
        .collect();
    assert!(addresses.iter().all(|a| *a == addresses[0]));
    assert_eq!(errors[0].instance().as_ref(), &json!({"x": 1, "y": [1, 2]}));
    // Past the slots, an error still gets its instance (a copy of its own).
    let many: String = (0..70).map(|i| format!("- {{k{i}: 1}}\n")).collect();
    let doc = yaml(&many);
    let v = build::<Tree>(&json!({"items": {"required": ["a"]}})).unwrap();
    let copies = Copies::new();
    let errors: Vec<_> = v.iter_errors(Handle::root_keeping(&doc, &copies)).collect();
    assert_eq!(errors.len(), 70);
    assert_eq!(errors[69].instance().as_ref(), &json!({"k69": 1}));
}
