//! The file's own style, read off its histories: line ends, indentation of lists and
//! mappings, how keys, dates, ids and text are quoted, whether long notes are folded
//! (`>-`) and at what width. New text is written the same way.

use crate::model::edit::scalar::Quote;
use crate::model::edit::text::Text;
use crate::model::edit::walk::At;
use crate::syntax::shape::Form;

/// How the file writes what an edit adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Style {
    /// The line break: `\n`, `\r\n` or `\r`.
    pub eol: &'static str,
    /// Columns from a key to the `-` of the block list under it (0 or more).
    pub seq_indent: usize,
    /// Columns from a list item's `-` to its first key (2 or more).
    pub dash_gap: usize,
    /// Columns from a key to the keys of the block mapping under it.
    pub map_indent: usize,
    /// Long text folded (`>-`), when the file folds its notes.
    pub fold: Option<Fold>,
    /// How keys are quoted.
    pub keys: Quote,
    /// How dates are quoted.
    pub dates: Quote,
    /// How statuses and ids are quoted.
    pub words: Quote,
    /// How free text (notes, locators, titles) is quoted when on one line.
    pub text: Quote,
    /// A blank inside the braces of a flow mapping: `{ a: 1 }`.
    pub flow_pad: bool,
}

/// How the file folds long text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fold {
    /// The widest line of its folded text, indentation included.
    pub width: usize,
    /// Columns from the key to the folded lines.
    pub indent: usize,
}

/// Votes for how something is quoted.
#[derive(Debug, Default)]
struct Votes([usize; 3]);

impl Votes {
    fn add(&mut self, form: Form) {
        match form {
            Form::Plain => self.0[0] += 1,
            Form::SingleQuoted => self.0[1] += 1,
            Form::DoubleQuoted => self.0[2] += 1,
            _ => {}
        }
    }

    /// The most used; plain on a tie.
    fn winner(&self) -> Quote {
        let [p, s, d] = self.0;
        if d > p && d >= s {
            Quote::Double
        } else if s > p && s > d {
            Quote::Single
        } else {
            Quote::Plain
        }
    }
}

/// The most frequent of some measured columns.
fn most_common(samples: &[usize]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for s in samples {
        *counts.entry(*s).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(value, n)| (*n, std::cmp::Reverse(*value)))
        .map(|(v, _)| v)
}

/// What the file's histories say about its style.
#[derive(Default)]
struct Sample {
    seq_indent: Vec<usize>,
    dash_gap: Vec<usize>,
    map_indent: Vec<usize>,
    fold_indent: Vec<usize>,
    fold_width: usize,
    keys: Votes,
    dates: Votes,
    words: Votes,
    text: Votes,
    pad: [usize; 2],
}

impl Style {
    /// Reads the style of `text`, whose document is `root`.
    pub fn detect(text: &Text<'_>, root: At<'_>) -> Style {
        let mut sample = Sample::default();
        for rec in root
            .pair("recommendations")
            .map(|r| r.value.pairs())
            .unwrap_or_default()
        {
            for step in rec
                .value
                .pair("steps")
                .map(|s| s.value.pairs())
                .unwrap_or_default()
            {
                sample.step(text, step.key_shape.span.start.col as usize, step.value);
            }
        }
        if let Some(as_of) = root.pair("as_of") {
            sample.dates.add(as_of.value.shape.form);
        }
        // Keys and text outside the histories count too (a file with none yet).
        for pair in root.pairs() {
            sample.keys.add(pair.key_shape.form);
        }
        for source in root
            .pair("sources")
            .map(|s| s.value.pairs())
            .unwrap_or_default()
        {
            sample.keys.add(source.key_shape.form);
            for pair in source.value.pairs() {
                sample.keys.add(pair.key_shape.form);
                match pair.key {
                    "published" => sample.dates.add(pair.value.shape.form),
                    "title" | "publisher" | "reference" => sample.text.add(pair.value.shape.form),
                    _ => {}
                }
            }
        }
        let fold = most_common(&sample.fold_indent).map(|indent| Fold {
            width: sample.fold_width.max(40),
            indent,
        });
        Style {
            eol: line_end(text.s),
            seq_indent: most_common(&sample.seq_indent).unwrap_or(2),
            dash_gap: most_common(&sample.dash_gap).unwrap_or(2).max(2),
            map_indent: most_common(&sample.map_indent)
                .filter(|n| *n > 0)
                .unwrap_or(2),
            fold,
            keys: sample.keys.winner(),
            dates: sample.dates.winner(),
            words: sample.words.winner(),
            text: sample.text.winner(),
            flow_pad: sample.pad[1] > sample.pad[0],
        }
    }
}

impl Sample {
    fn step(&mut self, text: &Text<'_>, step_col: usize, step: At<'_>) {
        if step.shape.form == Form::Map(false)
            && let Some(first) = step.shape.children.first()
        {
            self.map_indent
                .push((first.span.start.col as usize).saturating_sub(step_col));
        }
        self.flow(text, step);
        let Some(history) = step.pair("history") else {
            return;
        };
        self.flow(text, history.value);
        if history.value.shape.form == Form::Seq(false)
            && let Ok(dash) = text.dash(history.value.shape)
        {
            let dash_col = text.col(dash);
            self.seq_indent
                .push(dash_col.saturating_sub(history.key_shape.span.start.col as usize - 1));
            if let Some(first) = history.value.shape.children.first()
                && first.form == Form::Map(false)
                && let Some(key) = first.children.first()
            {
                self.dash_gap
                    .push((key.span.start.col as usize - 1).saturating_sub(dash_col));
            }
        }
        for entry in history.value.items() {
            self.flow(text, entry);
            for pair in entry.pairs() {
                self.keys.add(pair.key_shape.form);
                let form = pair.value.shape.form;
                match pair.key {
                    "date" => self.dates.add(form),
                    "status" => self.words.add(form),
                    "note" => self.text(text, pair.key_shape.span.start.col as usize, pair.value),
                    "evidence" => {
                        for item in pair.value.items() {
                            for ev in item.pairs() {
                                match ev.key {
                                    "source" => self.words.add(ev.value.shape.form),
                                    "locator" => self.text.add(ev.value.shape.form),
                                    _ => {}
                                }
                            }
                        }
                    }
                    "correction" => {
                        if let Some(reason) = pair.value.pair("reason") {
                            self.text(text, reason.key_shape.span.start.col as usize, reason.value);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A free text: quoting voted, and a folded one's indentation and width measured.
    fn text(&mut self, text: &Text<'_>, key_col: usize, value: At<'_>) {
        self.text.add(value.shape.form);
        if value.shape.form != Form::Folded {
            return;
        }
        self.fold_indent
            .push((value.shape.span.start.col as usize).saturating_sub(key_col));
        let start = text.offset(value.shape.span.start);
        if let Ok(end) = text.end(value.shape) {
            let from = text.line_start(start);
            for line in crate::syntax::span::lines(&text.s[from..end]) {
                self.fold_width = self.fold_width.max(line.chars().count());
            }
        }
    }

    /// Whether a flow mapping pads its braces.
    fn flow(&mut self, text: &Text<'_>, at: At<'_>) {
        if at.shape.form == Form::Map(true) {
            let open = text.start(at.shape);
            let padded = text.s[open..].chars().nth(1) == Some(' ');
            self.pad[usize::from(padded)] += 1;
        }
    }
}

/// The file's line break: that of its first line (a file of one line: `\n`).
fn line_end(s: &str) -> &'static str {
    match s.find(['\r', '\n']) {
        Some(i) if s[i..].starts_with("\r\n") => "\r\n",
        Some(i) if s[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}
