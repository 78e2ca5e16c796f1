//! English counts for terminal messages (`check`'s summary and errors). Reports in
//! the reader's language use Fluent, whose plural rules differ by language.

/// `1 error`, `2 errors`, `0 errors`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular() {
        assert_eq!(super::count(1, "file", "files"), "1 file");
        assert_eq!(super::count(0, "file", "files"), "0 files");
        assert_eq!(
            super::count(2, "history entry", "history entries"),
            "2 history entries"
        );
    }
}
