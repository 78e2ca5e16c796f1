//! Progress of a group of steps: counts per status, percentages, the 0–3 score and its
//! trend over the period.
//!
//! The score scale (documented in the README and in every report): `not-started` 0,
//! `in-progress` 1, `stalled` 1, `achieved` 3, `reversed` 0. `unknown` is also 0 on the
//! scale but is left out of averages and counted apart: "no information" is not
//! "nothing done", and averaging it in would make a poorly documented recommendation
//! look like a failed one.

use crate::model::status::Status;
use crate::model::timeline::StepView;

/// A step's score on the 0–3 scale.
pub fn score(status: Status) -> u8 {
    match status {
        Status::Unknown | Status::NotStarted | Status::Reversed => 0,
        Status::InProgress | Status::Stalled => 1,
        Status::Achieved => 3,
    }
}

/// The highest score a step can have.
pub const MAX_SCORE: u8 = 3;

/// Which way a group moved over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Higher score at the end.
    Improved,
    /// Lower score at the end.
    Deteriorated,
    /// Same score, or nothing known on both dates to compare.
    Unchanged,
}

impl Trend {
    /// The stable id used in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Trend::Improved => "improved",
            Trend::Deteriorated => "deteriorated",
            Trend::Unchanged => "unchanged",
        }
    }

    /// The arrow shown beside the score.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Improved => "↑",
            Trend::Deteriorated => "↓",
            Trend::Unchanged => "→",
        }
    }
}

/// Progress of one recommendation, one party, or all steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Recommendation id, party id, or `all`.
    pub key: String,
    /// Steps per status at the period's end, in [`Status::ALL`] order.
    pub counts: [usize; 6],
    /// The same as whole percentages of all steps, adding up to exactly 100 (all zero
    /// for an empty group).
    pub percents: [u32; 6],
    /// Mean score of the steps whose status is known at the end; `None` if none is.
    pub score: Option<f64>,
    /// Mean score of the steps known at the start, for reference.
    pub score_at_start: Option<f64>,
    /// Against the start of the period, over the steps known on both dates.
    pub trend: Trend,
}

impl Progress {
    /// Progress of the steps `keep` selects, from their views at the start and end.
    ///
    /// The trend compares the summed scores of the steps whose status is known on both
    /// dates: a step going from `unknown` to anything is news about the past, not
    /// movement, so it cannot make a trend (while it does move the mean score).
    pub fn of(
        key: &str,
        start: &[StepView],
        end: &[StepView],
        keep: impl Fn(&StepView) -> bool,
    ) -> Progress {
        let pairs: Vec<(&StepView, &StepView)> =
            start.iter().zip(end).filter(|(_, e)| keep(e)).collect();
        let mut counts = [0usize; 6];
        let mut before = 0i64;
        let mut after = 0i64;
        for (s, e) in &pairs {
            counts[status_index(e.status)] += 1;
            if s.status != Status::Unknown && e.status != Status::Unknown {
                before += i64::from(score(s.status));
                after += i64::from(score(e.status));
            }
        }
        let trend = match after.cmp(&before) {
            std::cmp::Ordering::Greater => Trend::Improved,
            std::cmp::Ordering::Less => Trend::Deteriorated,
            std::cmp::Ordering::Equal => Trend::Unchanged,
        };
        Progress {
            key: key.to_string(),
            counts,
            percents: percentages(&counts),
            score: mean_score(pairs.iter().map(|(_, e)| e.status)),
            score_at_start: mean_score(pairs.iter().map(|(s, _)| s.status)),
            trend,
        }
    }

    /// Number of steps in the group.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Steps of one status.
    pub fn count(&self, status: Status) -> usize {
        self.counts[status_index(status)]
    }

    /// Percentage of one status.
    pub fn percent(&self, status: Status) -> u32 {
        self.percents[status_index(status)]
    }
}

fn status_index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

fn mean_score(statuses: impl Iterator<Item = Status>) -> Option<f64> {
    let (sum, known) = statuses
        .filter(|s| *s != Status::Unknown)
        .fold((0u32, 0u32), |(sum, n), s| {
            (sum + u32::from(score(s)), n + 1)
        });
    // Groups have at most a few dozen steps: both fit an f64 exactly.
    (known > 0).then(|| f64::from(sum) / f64::from(known))
}

/// Whole percentages that add up to exactly 100 (largest remainder method): each share
/// is rounded down, then the points left go to the largest remainders, ties to the
/// earlier status. All zero when there is nothing to share.
pub fn percentages(counts: &[usize; 6]) -> [u32; 6] {
    let total: usize = counts.iter().sum();
    let mut out = [0u32; 6];
    if total == 0 {
        return out;
    }
    let mut remainders: Vec<(usize, usize)> = Vec::with_capacity(6);
    let mut given = 0usize;
    for (i, &c) in counts.iter().enumerate() {
        let share = c * 100 / total;
        out[i] = u32::try_from(share).unwrap_or(100);
        given += share;
        remainders.push((c * 100 % total, i));
    }
    // Largest remainder first; on a tie the earlier status (stable sort).
    remainders.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (_, i) in remainders.into_iter().take(100 - given) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn view(status: Status, party: &str) -> StepView {
        StepView {
            recommendation: "r".into(),
            step: "s".into(),
            party: party.into(),
            status,
            since: None,
            last_evidence: None,
            last_entry: None,
            next_review: None,
            flags: Vec::new(),
        }
    }

    #[test]
    fn the_scale() {
        let scores: Vec<u8> = Status::ALL.into_iter().map(score).collect();
        // unknown, not-started, in-progress, stalled, achieved, reversed
        assert_eq!(scores, [0, 0, 1, 1, 3, 0]);
    }

    #[test]
    fn three_thirds_add_up_to_100() {
        assert_eq!(percentages(&[1, 1, 1, 0, 0, 0]), [34, 33, 33, 0, 0, 0]);
        assert_eq!(percentages(&[7, 5, 2, 0, 0, 0]), [50, 36, 14, 0, 0, 0]);
        assert_eq!(percentages(&[0; 6]), [0; 6]);
        assert_eq!(percentages(&[0, 0, 0, 0, 4, 0]), [0, 0, 0, 0, 100, 0]);
    }

    proptest! {
        #[test]
        fn percentages_always_add_up_to_100(counts in proptest::array::uniform6(0usize..500)) {
            let p = percentages(&counts);
            let total: usize = counts.iter().sum();
            prop_assert_eq!(p.iter().sum::<u32>(), if total == 0 { 0 } else { 100 });
            for (c, p) in counts.iter().zip(p) {
                // Never more than one point away from the exact share.
                let exact = *c as f64 * 100.0 / total.max(1) as f64;
                prop_assert!((f64::from(p) - exact).abs() < 1.0, "{} vs {}", p, exact);
            }
        }
    }

    #[test]
    fn mean_leaves_unknown_out_and_trend_needs_known_on_both_dates() {
        use Status::*;
        let start = [
            view(InProgress, "g"),
            view(Unknown, "g"),
            view(NotStarted, "j"),
            view(Unknown, "j"),
        ];
        let end = [
            view(Achieved, "g"),
            view(NotStarted, "g"),
            view(NotStarted, "j"),
            view(InProgress, "j"),
        ];
        let g = Progress::of("g", &start, &end, |v| v.party == "g");
        assert_eq!(g.score, Some(1.5), "(3 + 0) / 2");
        assert_eq!(g.score_at_start, Some(1.0), "unknown left out");
        assert_eq!(g.trend, Trend::Improved);
        assert_eq!(g.total(), 2);
        // j: the only movement is unknown → in-progress, which is news, not progress.
        let j = Progress::of("j", &start, &end, |v| v.party == "j");
        assert_eq!(j.trend, Trend::Unchanged);
        assert_eq!(j.score, Some(0.5));
        let down = Progress::of("x", &[view(Achieved, "g")], &[view(Reversed, "g")], |_| {
            true
        });
        assert_eq!((down.trend, down.score), (Trend::Deteriorated, Some(0.0)));
        let none = Progress::of("u", &[view(Unknown, "g")], &[view(Unknown, "g")], |_| true);
        assert_eq!((none.score, none.trend), (None, Trend::Unchanged));
        assert_eq!(none.percent(Unknown), 100);
    }
}
