//! "Did you mean": the closest known id to a near-miss.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// Jaro-Winkler favours a shared prefix, which is how ids go wrong in practice
/// (`goverment-team`, `mediator-agree`); the 0.8 floor keeps unrelated words from
/// producing a confident but useless suggestion.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase().replace('_', "-");
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, c), c))
        .filter(|(score, c)| *score >= 0.8 && *c != word)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["government-team", "jnim-team", "agenda"];
        assert_eq!(closest("goverment-team", ids), Some("government-team"));
        assert_eq!(closest("JNIM_team", ids), Some("jnim-team"));
        assert_eq!(closest("weather", ids), None);
        assert_eq!(did_you_mean("agend", ids), "; did you mean `agenda`?");
    }
}
