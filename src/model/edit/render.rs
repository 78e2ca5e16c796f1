//! What an edit adds, as a small tree ([`Out`]), written in the file's style: block
//! lines at a column, or one flow collection.

use crate::model::edit::scalar::{Context, Quote, folded_lines, write};
use crate::model::edit::style::Style;
use serde_json::Value as Json;

/// What a scalar is, for its quoting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A date.
    Date,
    /// A status or an id.
    Word,
    /// Free text.
    Text,
}

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Out {
    /// A string.
    Scalar(String, Kind),
    /// A list, written in block style in a block.
    List(Vec<Out>),
    /// A list always written in flow style (`authors: [A, B]`).
    Inline(Vec<Out>),
    /// A mapping.
    Map(Vec<(&'static str, Out)>),
    /// A mapping whose keys are data (ids, language codes), written as `Map`.
    Keyed(Vec<(String, Out)>),
}

impl Out {
    /// The same value as JSON, for the self-check.
    pub fn to_json(&self) -> Json {
        match self {
            Out::Scalar(s, _) => Json::String(s.clone()),
            Out::List(items) | Out::Inline(items) => {
                Json::Array(items.iter().map(Out::to_json).collect())
            }
            Out::Map(pairs) => Json::Object(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), v.to_json()))
                    .collect(),
            ),
            Out::Keyed(pairs) => Json::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

impl Style {
    /// How a scalar of `kind` is quoted.
    fn quote(&self, kind: Kind) -> Quote {
        match kind {
            Kind::Date => self.dates,
            Kind::Word => self.words,
            Kind::Text => self.text,
        }
    }

    /// A scalar of `kind`.
    pub fn scalar(&self, s: &str, kind: Kind, context: Context) -> String {
        write(s, self.quote(kind), context)
    }

    /// A key.
    pub fn key(&self, k: &str, context: Context) -> String {
        write(k, self.keys, context)
    }

    /// The lines of a block mapping with its keys at column `col` (each line indented).
    pub fn block_pairs<K: AsRef<str>>(&self, pairs: &[(K, Out)], col: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for (k, v) in pairs {
            let head = format!(
                "{}{}:",
                " ".repeat(col),
                self.key(k.as_ref(), Context::Block)
            );
            match v {
                Out::Scalar(s, kind) => {
                    let one = format!("{head} {}", self.scalar(s, *kind, Context::Block));
                    let fold = self
                        .fold
                        .filter(|f| *kind == Kind::Text && one.chars().count() > f.width);
                    match fold
                        .and_then(|f| folded_lines(s, col + f.indent, f.width).map(|l| (f, l)))
                    {
                        Some((f, folded)) => {
                            lines.push(format!("{head} >-"));
                            let pad = " ".repeat(col + f.indent);
                            lines.extend(folded.into_iter().map(|l| format!("{pad}{l}")));
                        }
                        None => lines.push(one),
                    }
                }
                Out::List(items) if !items.is_empty() => {
                    lines.push(head);
                    lines.extend(self.block_items(items, col + self.seq_indent));
                }
                Out::Map(inner) if !inner.is_empty() => {
                    lines.push(head);
                    lines.extend(self.block_pairs(inner, col + self.map_indent));
                }
                Out::Keyed(inner) if !inner.is_empty() => {
                    lines.push(head);
                    lines.extend(self.block_pairs(inner, col + self.map_indent));
                }
                other => lines.push(format!("{head} {}", self.flow(other))),
            }
        }
        lines
    }

    /// The lines of block list items with their `-` at column `dash`.
    pub fn block_items(&self, items: &[Out], dash: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let key_col = dash + self.dash_gap;
        for item in items {
            let mut item_lines = match item {
                Out::Map(pairs) if !pairs.is_empty() => self.block_pairs(pairs, key_col),
                Out::Keyed(pairs) if !pairs.is_empty() => self.block_pairs(pairs, key_col),
                Out::Scalar(s, kind) => {
                    vec![format!(
                        "{}{}",
                        " ".repeat(key_col),
                        self.scalar(s, *kind, Context::Block)
                    )]
                }
                other => vec![format!("{}{}", " ".repeat(key_col), self.flow(other))],
            };
            if let Some(first) = item_lines.first_mut() {
                *first = format!(
                    "{}-{}{}",
                    " ".repeat(dash),
                    " ".repeat(self.dash_gap - 1),
                    first.trim_start_matches(' ')
                );
            }
            lines.extend(item_lines);
        }
        lines
    }

    /// A mapping in flow style, on one line.
    fn flow_map<K: AsRef<str>>(&self, pairs: &[(K, Out)]) -> String {
        if pairs.is_empty() {
            return "{}".to_string();
        }
        let pad = if self.flow_pad { " " } else { "" };
        let inner: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}: {}", self.key(k.as_ref(), Context::Flow), self.flow(v)))
            .collect();
        format!("{{{pad}{}{pad}}}", inner.join(", "))
    }

    /// A value in flow style, on one line.
    pub fn flow(&self, out: &Out) -> String {
        match out {
            Out::Scalar(s, kind) => self.scalar(s, *kind, Context::Flow),
            Out::List(items) | Out::Inline(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| self.flow(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Out::Map(pairs) => self.flow_map(pairs),
            Out::Keyed(pairs) => self.flow_map(pairs),
        }
    }
}
