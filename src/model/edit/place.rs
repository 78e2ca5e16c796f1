//! The edits themselves, as byte ranges of the file and the text that replaces them:
//! a scalar replaced in its own quoting, a pair added to a mapping, an item appended
//! to a list, a value replaced; each in block or flow style as the file writes it.

use crate::model::edit::EditError;
use crate::model::edit::render::{Kind, Out};
use crate::model::edit::scalar::{Context, double, folded_lines, single, write};
use crate::model::edit::style::Style;
use crate::model::edit::text::Text;
use crate::model::edit::walk::{At, PairAt, guard_within};
use crate::syntax::shape::{Form, Shape};

/// The changes to a text: replacements of byte ranges, applied at once.
#[derive(Debug, Default)]
pub(super) struct Splice {
    edits: Vec<(usize, usize, String)>,
}

impl Splice {
    /// Replaces bytes `from..to` with `with`.
    pub fn replace(&mut self, from: usize, to: usize, with: String) {
        self.edits.push((from, to, with));
    }

    /// Inserts `with` at byte `at` (after what was inserted there before).
    pub fn insert(&mut self, at: usize, with: String) {
        self.edits.push((at, at, with));
    }

    /// The text with every change made; overlapping changes are refused.
    pub fn apply(mut self, text: &str) -> Result<String, EditError> {
        // Stable: insertions at one place keep the order they were made in.
        self.edits.sort_by_key(|(from, _, _)| *from);
        let mut out = String::with_capacity(text.len() + 256);
        let mut at = 0;
        for (from, to, with) in self.edits {
            if from < at || to < from || to > text.len() {
                return Err(EditError::Verify(
                    "two changes overlap (an editor bug)".to_string(),
                ));
            }
            out.push_str(&text[at..from]);
            out.push_str(&with);
            at = to;
        }
        out.push_str(&text[at..]);
        Ok(out)
    }
}

/// The context of what is written inside `container`.
pub(super) fn context(container: &Shape) -> Context {
    if container.is_flow() {
        Context::Flow
    } else {
        Context::Block
    }
}

/// An edit in progress: the text, its style and the root's shape.
pub(super) struct Editor<'t> {
    /// The text.
    pub text: Text<'t>,
    /// Its style.
    pub style: Style,
    /// The written form of its document.
    pub root: &'t Shape,
    /// The changes so far.
    pub splice: Splice,
}

impl Editor<'_> {
    fn unsupported(what: &str, shape: &Shape) -> EditError {
        EditError::Unsupported {
            what: what.to_string(),
            line: shape.span.start.line as usize,
        }
    }

    /// Replaces the scalar value of `pair` (in `container`) by `new`, in the same
    /// quoting (a folded text refolded at the same indentation).
    pub fn replace_scalar(
        &mut self,
        container: &Shape,
        pair: PairAt<'_>,
        new: &str,
        kind: Kind,
    ) -> Result<(), EditError> {
        let (t, v) = (&self.text, pair.value.shape);
        guard_within(self.root, v, &format!("the value of `{}`", pair.key))?;
        let ctx = context(container);
        let written = match v.form {
            Form::Plain if v.span.start == v.span.end => {
                // An empty value (`key:`): its span stands before the colon.
                let at = t.after_colon(pair.key_shape)?;
                let value = self.style.scalar(new, kind, ctx);
                self.splice.insert(at, format!(" {value}"));
                return Ok(());
            }
            Form::Plain => write(new, crate::model::edit::scalar::Quote::Plain, ctx),
            Form::SingleQuoted => single(new).unwrap_or_else(|| double(new)),
            Form::DoubleQuoted => double(new),
            Form::Alias(_) => self.style.scalar(new, kind, ctx),
            Form::Folded | Form::Literal => {
                let indent = v.span.start.col as usize - 1;
                let width = self.style.fold.map_or(88, |f| f.width);
                let lines = if v.form == Form::Folded {
                    folded_lines(new, indent, width)
                } else {
                    folded_lines(new, indent, usize::MAX)
                };
                let from = t.value_start(pair.key_shape, v)?;
                let to = t.end(v)?;
                let header = if v.form == Form::Folded { ">-" } else { "|-" };
                let with = match lines {
                    Some(lines) => {
                        let pad = " ".repeat(indent);
                        let mut s = header.to_string();
                        for l in lines {
                            s.push_str(self.style.eol);
                            s.push_str(&pad);
                            s.push_str(&l);
                        }
                        s
                    }
                    None => double(new),
                };
                self.splice.replace(from, to, with);
                return Ok(());
            }
            Form::Seq(_) | Form::Map(_) => {
                return Err(Self::unsupported(
                    &format!("`{}` is not a single value", pair.key),
                    v,
                ));
            }
        };
        let from = if matches!(v.form, Form::Alias(_)) {
            t.offset(v.span.start)
        } else {
            t.start(v)
        };
        let to = t.end(v)?;
        self.splice.replace(from, to, written);
        Ok(())
    }

    /// Adds `key: value` to the mapping `map`, after the pair of `after` (the last
    /// pair when `None` or absent).
    pub fn insert_pair(
        &mut self,
        map: At<'_>,
        after: &[&str],
        key: &str,
        value: &Out,
    ) -> Result<(), EditError> {
        let pairs = map.pairs();
        let anchor = after
            .iter()
            .find_map(|k| pairs.iter().find(|p| p.key == *k))
            .or(pairs.last())
            .copied();
        let t = &self.text;
        let style = &self.style;
        if map.shape.form == Form::Map(false) {
            let anchor =
                anchor.ok_or_else(|| Self::unsupported("an empty block mapping", map.shape))?;
            let col = anchor.key_shape.span.start.col as usize - 1;
            let end = t.end(anchor.value.shape)?;
            let at = t.line_end(end.max(t.offset(anchor.key_shape.span.end)));
            let lines = style.block_pairs(&[(key, value.clone())], col);
            self.splice
                .insert(at, format!("{}{}", style.eol, lines.join(style.eol)));
            return Ok(());
        }
        if map.shape.form != Form::Map(true) {
            return Err(Self::unsupported("not a mapping", map.shape));
        }
        let pair = format!("{}: {}", style.key(key, Context::Flow), style.flow(value));
        match anchor {
            None => {
                let open = t.start(map.shape);
                self.splice.insert(open + 1, pair);
            }
            Some(anchor) => {
                let at = t.end(anchor.value.shape)?;
                let key_at = t.offset(anchor.key_shape.span.start);
                let sep = if t.starts_line(key_at) {
                    format!(",{}{}", style.eol, " ".repeat(t.col(key_at)))
                } else {
                    ", ".to_string()
                };
                self.splice.insert(at, format!("{sep}{pair}"));
            }
        }
        Ok(())
    }

    /// Appends `item` to the list that is the value of `pair` in `container`; an
    /// empty list (`[]`, or nothing) in a block mapping becomes a block list.
    pub fn append_item(
        &mut self,
        container: &Shape,
        pair: PairAt<'_>,
        item: &Out,
    ) -> Result<(), EditError> {
        let (t, style, v) = (&self.text, &self.style, pair.value.shape);
        let key_col = pair.key_shape.span.start.col as usize - 1;
        let empty = match v.form {
            Form::Seq(_) => v.children.is_empty(),
            Form::Plain => pair.value.node.value == crate::syntax::document::Value::Null,
            _ => false,
        };
        if empty && !container.is_flow() {
            // `history: []` or `history:` in a block mapping: a block list.
            let lines = style.block_items(std::slice::from_ref(item), key_col + style.seq_indent);
            return self.fill_block(pair, &lines);
        }
        match v.form {
            Form::Seq(false) => {
                let dash = t.col(t.dash(v)?);
                let at = t.line_end(t.end(v)?);
                let lines = style.block_items(std::slice::from_ref(item), dash);
                self.splice
                    .insert(at, format!("{}{}", style.eol, lines.join(style.eol)));
            }
            Form::Seq(true) => {
                let flow = style.flow(item);
                match v.children.last() {
                    None => self.splice.insert(t.start(v) + 1, flow),
                    Some(last) => {
                        let at = t.end(last)?;
                        let start = if matches!(last.form, Form::Literal | Form::Folded) {
                            t.offset(last.span.start)
                        } else {
                            t.start(last)
                        };
                        let sep = if t.starts_line(start) {
                            format!(",{}{}", style.eol, " ".repeat(t.col(start)))
                        } else {
                            ", ".to_string()
                        };
                        self.splice.insert(at, format!("{sep}{flow}"));
                    }
                }
            }
            _ => {
                return Err(Self::unsupported(
                    &format!("`{}` is not a list", pair.key),
                    v,
                ));
            }
        }
        Ok(())
    }

    /// Writes `lines` (a block list or mapping) as the value of `pair`, whose value is
    /// empty (`[]`, `{}`, nothing): the brackets go, the lines follow the key's line
    /// (after its comment, if any).
    pub fn fill_block(&mut self, pair: PairAt<'_>, lines: &[String]) -> Result<(), EditError> {
        let (t, v) = (&self.text, pair.value.shape);
        let from = t.after_colon(pair.key_shape)?;
        let to = if v.span.start == v.span.end {
            from
        } else {
            t.end(v)?.max(from)
        };
        let block = format!("{}{}", self.style.eol, lines.join(self.style.eol));
        let line_end = t.line_end(to);
        if t.s[to..line_end].trim().is_empty() {
            self.splice.replace(from, line_end, block);
        } else {
            let gap = t.s[from..to].len() - t.s[from..to].trim_start_matches([' ', '\t']).len();
            self.splice.replace(from + gap, to, String::new());
            self.splice.insert(line_end, block);
        }
        Ok(())
    }

    /// Replaces the collection value of `pair` by `new`, at the same place and in the
    /// same style (block at the same column, or flow).
    pub fn replace_value(&mut self, pair: PairAt<'_>, new: &Out) -> Result<(), EditError> {
        let (t, style, v) = (&self.text, &self.style, pair.value.shape);
        guard_within(self.root, v, &format!("the value of `{}`", pair.key))?;
        let with = match (v.form, new) {
            (Form::Seq(false), Out::List(items)) if !items.is_empty() => {
                let from = t.dash(v)?;
                let lines = style.block_items(items, t.col(from));
                (
                    from,
                    lines.join(style.eol).trim_start_matches(' ').to_string(),
                )
            }
            (Form::Map(false), Out::Map(pairs)) if !pairs.is_empty() => {
                let from = t.start(v);
                let lines = style.block_pairs(pairs, t.col(from));
                (
                    from,
                    lines.join(style.eol).trim_start_matches(' ').to_string(),
                )
            }
            (Form::Seq(_) | Form::Map(_), _) => (t.start(v), style.flow(new)),
            _ => {
                return Err(Self::unsupported(
                    &format!(
                        "`{}` is written in a form the editor does not change",
                        pair.key
                    ),
                    v,
                ));
            }
        };
        let to = t.end(v)?;
        self.splice.replace(with.0, to, with.1);
        Ok(())
    }

    /// Gives `pair` (in `container`) the key `new`, in the old key's quoting; its value
    /// and every comment stay as they are.
    pub fn rename_key(
        &mut self,
        container: &Shape,
        pair: PairAt<'_>,
        new: &str,
    ) -> Result<(), EditError> {
        let (t, k) = (&self.text, pair.key_shape);
        let written = match k.form {
            Form::Plain => write(
                new,
                crate::model::edit::scalar::Quote::Plain,
                context(container),
            ),
            Form::SingleQuoted => single(new).unwrap_or_else(|| double(new)),
            Form::DoubleQuoted => double(new),
            _ => {
                return Err(Self::unsupported(
                    &format!("the key `{}` is not written on one line", pair.key),
                    k,
                ));
            }
        };
        let from = t.start(k);
        let to = t.end(k)?;
        self.splice.replace(from, to, written);
        Ok(())
    }

    /// Removes `pair` from the mapping `map`: in block style its lines, from the key's
    /// line to the end of its value's last line (comments between pairs stay); in flow
    /// style the pair and one comma. Its value must hold no anchor an alias repeats.
    pub fn remove_pair(&mut self, map: At<'_>, pair: PairAt<'_>) -> Result<(), EditError> {
        let t = &self.text;
        guard_within(self.root, pair.value.shape, &format!("`{}`", pair.key))?;
        let key_at = t.start(pair.key_shape);
        let value_end = if pair.value.shape.span.start == pair.value.shape.span.end
            && pair.value.shape.form == Form::Plain
        {
            t.after_colon(pair.key_shape)?
        } else {
            t.end(pair.value.shape)?
                .max(t.offset(pair.key_shape.span.end))
        };
        match map.shape.form {
            Form::Map(false) => {
                if !t.starts_line(key_at) {
                    return Err(Self::unsupported(
                        &format!("`{}` does not start its line", pair.key),
                        pair.key_shape,
                    ));
                }
                let from = t.line_start(key_at);
                let end = t.line_end(value_end);
                let rest = &t.s[end..];
                let to = end
                    + if rest.starts_with("\r\n") {
                        2
                    } else {
                        usize::from(rest.starts_with(['\r', '\n']))
                    };
                self.splice.replace(from, to, String::new());
            }
            Form::Map(true) => {
                let pairs = map.pairs();
                let i = pairs
                    .iter()
                    .position(|p| std::ptr::eq(p.key_shape, pair.key_shape))
                    .ok_or_else(|| Self::unsupported("a pair not of its mapping", map.shape))?;
                let (from, to) = match (i.checked_sub(1).map(|j| pairs[j]), pairs.get(i + 1)) {
                    (_, Some(next)) => (key_at, t.start(next.key_shape)),
                    (Some(prev), None) => (t.end(prev.value.shape)?, value_end),
                    (None, None) => (key_at, value_end),
                };
                self.splice.replace(from, to, String::new());
            }
            _ => return Err(Self::unsupported("not a mapping", map.shape)),
        }
        Ok(())
    }

    /// Adds `key: value` to the mapping `map` before its first pair (at the end when it
    /// has none).
    pub fn insert_first(&mut self, map: At<'_>, key: &str, value: &Out) -> Result<(), EditError> {
        let pairs = map.pairs();
        let Some(first) = pairs.first() else {
            return self.insert_pair(map, &[], key, value);
        };
        let (t, style) = (&self.text, &self.style);
        let key_at = t.start(first.key_shape);
        match map.shape.form {
            Form::Map(false) => {
                if !t.starts_line(key_at) {
                    return Err(Self::unsupported(
                        &format!("`{}` does not start its line", first.key),
                        first.key_shape,
                    ));
                }
                let lines = style.block_pairs(&[(key, value.clone())], t.col(key_at));
                let at = t.line_start(key_at);
                self.splice
                    .insert(at, format!("{}{}", lines.join(style.eol), style.eol));
            }
            Form::Map(true) => {
                let pair = format!("{}: {}", style.key(key, Context::Flow), style.flow(value));
                let sep = if t.starts_line(key_at) {
                    format!(",{}{}", style.eol, " ".repeat(t.col(key_at)))
                } else {
                    ", ".to_string()
                };
                self.splice.insert(key_at, format!("{pair}{sep}"));
            }
            _ => return Err(Self::unsupported("not a mapping", map.shape)),
        }
        Ok(())
    }
}
