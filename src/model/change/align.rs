//! How an old history lines up with a new one: which entries stayed, changed, were
//! removed, put in front of recorded ones, or appended.

/// Histories longer than this in their changed middle are paired by position rather
/// than aligned (the alignment is quadratic; real changes touch a handful of entries).
const MAX_ALIGN_CELLS: usize = 1_000_000;

/// How the old history lines up with the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Same,
    Changed(usize, usize),
    Removed(usize),
    Inserted(usize),
    Appended(usize),
}

/// Aligns two histories: the longest run of identical entries in order (after the
/// common start and end, which is all an append touches), then each gap between
/// matches paired up by position as changes, the rest removed or new.
pub(super) fn align<T: PartialEq>(old: &[T], new: &[T]) -> Vec<Op> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (o, n) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    // Matched pairs inside the middle, in order.
    let mut matches: Vec<(usize, usize)> = Vec::new();
    if !o.is_empty() && !n.is_empty() && o.len().saturating_mul(n.len()) <= MAX_ALIGN_CELLS {
        // Longest common subsequence, table from the end.
        let w = n.len() + 1;
        let mut t = vec![0u32; (o.len() + 1) * w];
        for i in (0..o.len()).rev() {
            for j in (0..n.len()).rev() {
                t[i * w + j] = if o[i] == n[j] {
                    t[(i + 1) * w + j + 1] + 1
                } else {
                    t[(i + 1) * w + j].max(t[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < o.len() && j < n.len() {
            if o[i] == n[j] {
                matches.push((i, j));
                i += 1;
                j += 1;
            } else if t[(i + 1) * w + j] > t[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let mut ops = vec![Op::Same; prefix];
    let (mut i, mut j) = (0, 0);
    let ends = matches
        .iter()
        .copied()
        .chain(std::iter::once((o.len(), n.len())));
    for (k, (mi, mj)) in ends.enumerate() {
        let last_gap = k == matches.len();
        // Nothing recorded follows the last gap unless the common end does.
        let recorded_after = !last_gap || suffix > 0;
        let (gap_old, gap_new) = (mi - i, mj - j);
        for d in 0..gap_old.min(gap_new) {
            ops.push(Op::Changed(prefix + i + d, prefix + j + d));
        }
        for d in gap_new.min(gap_old)..gap_old {
            ops.push(Op::Removed(prefix + i + d));
        }
        for d in gap_old.min(gap_new)..gap_new {
            ops.push(if recorded_after {
                Op::Inserted(prefix + j + d)
            } else {
                Op::Appended(prefix + j + d)
            });
        }
        if !last_gap {
            ops.push(Op::Same);
        }
        i = mi + 1;
        j = mj + 1;
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}
