//! The spanned tree as the `jsonschema` crate's JSON: the validator reads the nodes
//! rectrack already holds, so no `serde_json::Value` copy of a document is made (on a
//! 16 MB tracker that copy was several times the file, and on every file it cost the
//! building, the string clones and the drop).
//!
//! Every answer here must be the one the crate gives for `Node::to_json`'s value of the
//! same node: numbers are read as exactly that `serde_json::Number`, strings and keys as
//! they are, mappings in source order. Only the order in which a mapping's members are
//! visited differs (source order here, key order in a `serde_json::Map`), which changes
//! no finding: they are sorted by position afterwards.

use crate::syntax::document::{Node, Pair, Value};
use jsonschema::JsonType;
use jsonschema::json::{self, Json, NodeIdentity};
use serde_json::Value as Serde;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::ops::ControlFlow;

/// Arrays longer than this are compared for `uniqueItems` through `serde_json` copies
/// (hashed, linear), shorter ones pairwise in place. The crate's own switch point.
const PAIRWISE_UNIQUE_UP_TO: usize = 15;

/// The spanned tree as a JSON representation; its values are borrowed [`Handle`]s.
pub(super) struct Tree;

/// How many containers' copies one error pass keeps (past them, each error gets a
/// copy of its own, as every error did before).
const COPIES: usize = 64;

/// One value the validator looks at: a node of the tree, or a mapping key that
/// `propertyNames` validates as a string (a key is text, not a node, in the tree).
#[derive(Debug, Clone, Copy)]
pub(super) enum Handle<'a> {
    /// A node of the document, and where the error pass keeps copies (none when
    /// only validity is asked: no error, no copy).
    Node(&'a Node, Option<&'a Copies>),
    /// A mapping key, seen as a string.
    Name(&'a str),
}

impl<'a> Handle<'a> {
    /// The document `root`, for a yes/no pass.
    pub(super) fn root(root: &'a Node) -> Self {
        Handle::Node(root, None)
    }

    /// The document `root`, for the error pass: each error carries a JSON copy of
    /// the value it is about, made once per container and shared by its errors (a
    /// mapping of 300,000 stray keys that lacks the required keys has one error per
    /// missing key; a copy each held 530 MB for a 4.7 MB file, one shared 278 MB).
    pub(super) fn root_keeping(root: &'a Node, copies: &'a Copies) -> Self {
        Handle::Node(root, Some(copies))
    }
}

/// The JSON copies of containers made for one error pass, each made once.
#[derive(Debug)]
pub(super) struct Copies {
    /// Fixed in number, so a copy handed out is never moved.
    slots: Vec<OnceCell<Serde>>,
    /// The address of the node each slot used so far copies.
    taken: RefCell<Vec<usize>>,
}

impl Copies {
    /// Room for [`COPIES`] copies, none made yet.
    pub(super) fn new() -> Self {
        Copies {
            slots: (0..COPIES).map(|_| OnceCell::new()).collect(),
            taken: RefCell::new(Vec::new()),
        }
    }

    /// The copy of `node`, made on first asking; `None` once every slot is taken.
    fn of(&self, node: &Node) -> Option<&Serde> {
        let address = std::ptr::from_ref::<Node>(node) as usize;
        let slot = {
            let mut taken = self.taken.borrow_mut();
            match taken.iter().position(|&a| a == address) {
                Some(i) => i,
                None if taken.len() < self.slots.len() => {
                    taken.push(address);
                    taken.len() - 1
                }
                None => return None,
            }
        };
        Some(self.slots[slot].get_or_init(|| node.to_json()))
    }
}

/// A mapping's entries, as the validator's object.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mapping<'a>(&'a [Pair], Option<&'a Copies>);

/// A sequence's items, as the validator's array.
#[derive(Debug, Clone, Copy)]
pub(super) struct Items<'a>(&'a [Node], Option<&'a Copies>);

/// A mapping's members in source order.
pub(super) struct Members<'a>(std::slice::Iter<'a, Pair>, Option<&'a Copies>);

/// A sequence's items in order.
pub(super) struct Elements<'a>(std::slice::Iter<'a, Node>, Option<&'a Copies>);

/// A pair's key as text, whatever string type holds it.
fn key(pair: &Pair) -> &str {
    &pair.key
}

impl Json for Tree {
    type Node<'a> = Handle<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = ();

    // A lookup here is a linear scan (a tracker's mappings hold a handful of keys, and
    // hashing them would cost more than comparing), so each lookup visits up to every
    // key; one members pass visits each key once and never costs more than the lookups
    // it replaces, at any size. The value only has to exceed every real mapping's
    // length, and stays far enough below `usize::MAX` that the crate's
    // `KEYS_PER_LOOKUP * required_count` cannot overflow.
    const KEYS_PER_LOOKUP: usize = 1 << 20;
    // A tree: aliases are expanded into copies, so no node is its own descendant.
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(Handle<'_>) -> T) -> T {
        f(Handle::Name(string))
    }
}

/// `node`'s number exactly as `Node::to_json` writes it (non-finite floats become the
/// largest finite number of their sign there), or `None` if it is not a number.
fn number(node: &Node) -> Option<serde_json::Number> {
    if !matches!(node.value, Value::Int(_) | Value::Float(_)) {
        return None;
    }
    // A scalar's JSON costs no allocation, and reading it keeps one definition of
    // what a YAML number is to the schema.
    match node.to_json() {
        Serde::Number(n) => Some(n),
        _ => None,
    }
}

/// Whether `node` equals `expected` as JSON Schema compares values (`const`, `enum`):
/// numbers by value (`1` equals `1.0`), mappings whatever their order.
fn equals(node: &Node, expected: &Serde) -> bool {
    match (&node.value, expected) {
        (Value::Null, Serde::Null) => true,
        (Value::Bool(a), Serde::Bool(b)) => a == b,
        (Value::Int(_) | Value::Float(_), Serde::Number(b)) => {
            number(node).is_some_and(|a| json::cmp::equal_numbers(&a, b))
        }
        (Value::Str(_), Serde::String(b)) => node.as_str() == Some(b.as_str()),
        (Value::Seq(_), Serde::Array(b)) => {
            let a = node.as_seq().unwrap_or_default();
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equals(x, y))
        }
        // Keys are unique in the tree (the loader refuses a repeat), so equal sizes
        // and every key found with an equal value is equality.
        (Value::Map(_), Serde::Object(b)) => {
            let a = node.as_map().unwrap_or_default();
            a.len() == b.len()
                && a.iter()
                    .all(|p| b.get(key(p)).is_some_and(|y| equals(&p.value, y)))
        }
        _ => false,
    }
}

/// Whether two nodes are equal as JSON Schema compares values (`uniqueItems`).
fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            match (number(a), number(b)) {
                (Some(x), Some(y)) => json::cmp::equal_numbers(&x, &y),
                _ => false,
            }
        }
        (Value::Str(_), Value::Str(_)) => a.as_str() == b.as_str(),
        (Value::Seq(_), Value::Seq(_)) => {
            let (x, y) = (
                a.as_seq().unwrap_or_default(),
                b.as_seq().unwrap_or_default(),
            );
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Map(_), Value::Map(_)) => {
            let (x, y) = (
                a.as_map().unwrap_or_default(),
                b.as_map().unwrap_or_default(),
            );
            x.len() == y.len()
                && x.iter().all(|p| {
                    y.iter()
                        .find(|q| key(q) == key(p))
                        .is_some_and(|q| same(&p.value, &q.value))
                })
        }
        _ => false,
    }
}

impl<'a> json::Node<'a, Tree> for Handle<'a> {
    type Object = Mapping<'a>;
    type Array = Items<'a>;
    type Number = serde_json::Number;

    fn as_object(&self) -> Option<Mapping<'a>> {
        match *self {
            Handle::Node(n, c) => n.as_map().map(|m| Mapping(m, c)),
            Handle::Name(_) => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match *self {
            Handle::Node(n, c) => n.as_seq().map(|i| Items(i, c)),
            Handle::Name(_) => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match *self {
            Handle::Node(n, _) => n.as_str().map(Cow::Borrowed),
            Handle::Name(s) => Some(Cow::Borrowed(s)),
        }
    }

    fn as_number(&self) -> Option<serde_json::Number> {
        match *self {
            Handle::Node(n, _) => number(n),
            Handle::Name(_) => None,
        }
    }

    fn is_number(&self) -> bool {
        matches!(*self, Handle::Node(n, _) if matches!(n.value, Value::Int(_) | Value::Float(_)))
    }

    fn as_boolean(&self) -> Option<bool> {
        match *self {
            Handle::Node(n, _) => match n.value {
                Value::Bool(b) => Some(b),
                _ => None,
            },
            Handle::Name(_) => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(*self, Handle::Node(n, _) if matches!(n.value, Value::Null))
    }

    fn json_type(&self) -> JsonType {
        let Handle::Node(n, _) = *self else {
            return JsonType::String;
        };
        match n.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Int(_) | Value::Float(_) => JsonType::Number,
            Value::Str(_) => JsonType::String,
            Value::Seq(_) => JsonType::Array,
            Value::Map(_) => JsonType::Object,
        }
    }

    fn string_length(&self) -> Option<u64> {
        self.as_string().map(|s| s.chars().count() as u64)
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let s = self.as_string()?;
        // A code point takes one to four bytes, so the byte length often settles it
        // without counting (always, for the ASCII most values are).
        let bytes = s.len() as u64;
        let fewest = bytes.div_ceil(4);
        if bytes < min || fewest > max {
            return Some(false);
        }
        if min <= fewest && bytes <= max {
            return Some(true);
        }
        Some((min..=max).contains(&(s.chars().count() as u64)))
    }

    fn equals_value(&self, expected: &Serde) -> bool {
        match *self {
            Handle::Node(n, _) => equals(n, expected),
            Handle::Name(s) => expected.as_str() == Some(s),
        }
    }

    // Cold: an error's instance (a container's copy made once per error pass), and
    // the `uniqueItems` of long arrays.
    fn to_value(&self) -> Cow<'a, Serde> {
        match *self {
            Handle::Node(n, Some(copies)) if matches!(n.value, Value::Seq(_) | Value::Map(_)) => {
                copies
                    .of(n)
                    .map_or_else(|| Cow::Owned(n.to_json()), Cow::Borrowed)
            }
            Handle::Node(n, _) => Cow::Owned(n.to_json()),
            Handle::Name(s) => Cow::Owned(Serde::String(s.to_string())),
        }
    }

    fn identity(&self) -> Option<NodeIdentity> {
        match *self {
            // Nodes are never shared (an alias is a copy), so a node's address is its
            // own for as long as the tree lives.
            Handle::Node(n, _) => Some(NodeIdentity::new(std::ptr::from_ref::<Node>(n) as usize)),
            // A key lives in no node of its own: it opts out, as the crate allows
            // (only `propertyNames` sees keys, and its subschemas are patterns).
            Handle::Name(_) => None,
        }
    }
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, Handle<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0
            .next()
            .map(|p| (key(p), Handle::Node(&p.value, self.1)))
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Handle<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|n| Handle::Node(n, self.1))
    }
}

impl<'a> json::Object<'a, Tree> for Mapping<'a> {
    type Node = Handle<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    // The trait names the prepared key's type, `Box<str>` here.
    #[allow(clippy::borrowed_box)]
    fn get(&self, wanted: &Box<str>) -> Option<Handle<'a>> {
        let wanted: &str = wanted;
        self.0
            .iter()
            .find(|p| key(p) == wanted)
            .map(|p| Handle::Node(&p.value, self.1))
    }

    fn members(&self) -> Members<'a> {
        Members(self.0.iter(), self.1)
    }

    // The keys are already strings the handle can borrow: no buffer, no copy.
    fn try_for_each_name_node<B>(
        &self,
        (): &mut (),
        mut f: impl FnMut(Handle<'_>) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        for p in self.0 {
            f(Handle::Name(key(p)))?;
        }
        ControlFlow::Continue(())
    }
}

impl<'a> json::Array<'a, Tree> for Items<'a> {
    type Node = Handle<'a>;
    type ElementsIter = Elements<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Elements<'a> {
        Elements(self.0.iter(), self.1)
    }

    fn is_unique(&self) -> bool {
        let items = self.0;
        if items.len() <= PAIRWISE_UNIQUE_UP_TO {
            return items
                .iter()
                .enumerate()
                .all(|(i, a)| items[i + 1..].iter().all(|b| !same(a, b)));
        }
        // Pairwise is quadratic: a long list goes through the crate's hashing, on
        // copies that live only for this check.
        let values: Vec<Serde> = items.iter().map(Node::to_json).collect();
        json::unique::is_unique(&values)
    }
}

#[cfg(test)]
mod tests;
