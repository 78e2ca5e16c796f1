//! The embedded languages are exactly the files in `locales/`: the list in
//! `src/present/i18n.rs` is written by hand, so a new file must not be forgotten.

use crate::{read, root};
use rectrack::present::i18n::LOCALES;

#[test]
fn every_locale_file_is_embedded_and_every_embedded_one_is_a_file() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("locales"))
        .expect("locales/ readable")
        .map(|e| e.expect("entry readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .map(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .expect("a UTF-8 file name")
                .to_string()
        })
        .collect();
    files.sort();
    let listed: Vec<&str> = LOCALES.iter().map(|(code, _)| *code).collect();
    assert_eq!(
        listed, files,
        "LOCALES in src/present/i18n.rs (sorted by code) must list every locales/*.ftl"
    );
    // Each code embeds its own file, not a neighbour's.
    for (code, text) in LOCALES {
        assert_eq!(
            *text,
            read(format!("locales/{code}.ftl")),
            "LOCALES: `{code}` embeds another file than locales/{code}.ftl"
        );
    }
}
