//! Bytes to text: the byte-order mark, the encodings a tracker must not use, and the
//! characters YAML forbids in a file.

use crate::syntax::LoadError;
use crate::syntax::span::Span;

/// Turns raw bytes into text, refusing encodings a tracker must not use.
///
/// A UTF-8 byte-order mark is dropped (Windows editors add it); anything else that is
/// not UTF-8 is refused with the place of the first bad byte, because guessing an
/// encoding would silently change the names and notes a monitor wrote.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    not_utf16(bytes)?;
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => allowed(text).map(|()| text),
        Err(e) => Err(not_utf8(bytes, &e)),
    }
}

/// [`decode()`], keeping the bytes: the text is the read buffer itself (the
/// byte-order mark removed in place), not a copy of it. On error, the error and the
/// text to show under it ([`shown_text`]).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, (LoadError, String)> {
    if let Err(e) = not_utf16(&bytes) {
        return Err((e, shown_text(&bytes)));
    }
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    match String::from_utf8(bytes) {
        Ok(text) => match allowed(&text) {
            Ok(()) => Ok(text),
            Err(e) => Err((e, text)),
        },
        Err(e) => {
            let error = not_utf8(e.as_bytes(), &e.utf8_error());
            Err((error, String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
    }
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Refuses UTF-16, told by its byte-order mark.
fn not_utf16(bytes: &[u8]) -> Result<(), LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::new(
            Span::point(1, 1),
            "the file is UTF-16, not UTF-8",
            "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)",
        ));
    }
    Ok(())
}

/// The error for `bytes` (a BOM removed), which are not UTF-8 from `e` on.
fn not_utf8(bytes: &[u8], e: &std::str::Utf8Error) -> LoadError {
    let good = &bytes[..e.valid_up_to()];
    // The prefix is valid UTF-8 by construction, so this cannot fail; fall back
    // to the top of the file rather than panic if it somehow did.
    let span = std::str::from_utf8(good).map_or(Span::point(1, 1), |t| point_at(t, t.len()));
    LoadError::new(
        span,
        "the file is not valid UTF-8",
        "save the file as UTF-8; text pasted from a word processor may carry another encoding",
    )
}

/// Refuses a text holding a character YAML forbids in a file.
fn allowed(text: &str) -> Result<(), LoadError> {
    match forbidden_char(text) {
        Some((at, '\0')) => Err(LoadError::new(
            point_at(text, at),
            "the file contains a NUL byte",
            "a tracker is plain text: remove the NUL byte (the file may be binary or corrupt)",
        )),
        Some((at, c)) => Err(LoadError::new(
            point_at(text, at),
            format!(
                "the file contains U+{:04X}, {}, which YAML does not allow in a file",
                u32::from(c),
                if u32::from(c) >= 0xFFFE {
                    "a noncharacter"
                } else {
                    "a control character"
                }
            ),
            format!(
                "delete it: it is invisible in most editors and usually comes from a copy-paste or an export; \
                     a text that really needs it can write it as the escape `\\u{:04X}` inside double quotes",
                u32::from(c)
            ),
        )),
        None => Ok(()),
    }
}

/// The text to show under a [`decode()`] error: the bytes decode would have read (a
/// UTF-8 byte-order mark dropped), bad bytes replaced. The error's line and column
/// count in this text, so the caret lands on the offending character.
pub fn shown_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// The first character YAML 1.2 forbids in a stream, with its byte offset: everything
/// outside `c-printable`, that is C0 controls other than TAB, LF and CR, DEL, C1
/// controls other than NEL (U+0085), and the noncharacters U+FFFE and U+FFFF
/// (surrogates cannot occur in UTF-8). Such a character is invisible in an editor and
/// can steer a terminal, so it is refused where it stands. An escape such as `"\x07"`
/// in a double-quoted scalar stays legal YAML: it is visible in the file, and every
/// output escapes what it decodes to.
///
/// Byte-wise, because nearly every file is ASCII: only the lead bytes 0xC2 (C1
/// controls) and 0xEF (U+FFFE, U+FFFF) need a second look.
fn forbidden_char(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        // One table lookup a byte over the long runs of ordinary text; the second look
        // only where a byte could start a forbidden character (this scan was ~4% of a
        // check when every byte went through the match below).
        let at = from
            + bytes[from..]
                .iter()
                .position(|&b| MAY_START[usize::from(b)])?;
        let forbidden = match bytes[at] {
            0xC2 => matches!(bytes.get(at + 1), Some(0x80..=0x84 | 0x86..=0x9F)),
            0xEF => {
                bytes.get(at + 1) == Some(&0xBF) && matches!(bytes.get(at + 2), Some(0xBE | 0xBF))
            }
            _ => true,
        };
        if forbidden {
            return Some((at, text[at..].chars().next()?));
        }
        from = at + 1;
    }
}

/// The bytes that can start a character YAML forbids (see [`forbidden_char`]): C0
/// controls but TAB, LF and CR, DEL, and the lead bytes 0xC2 and 0xEF.
const MAY_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        // TAB, LF and CR are allowed.
        table[b] = !matches!(b, 0x09 | 0x0A | 0x0D);
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xEF] = true;
    table
};

/// The line and column of byte offset `at` in `text`.
pub(super) fn point_at(text: &str, at: usize) -> Span {
    let pos = crate::syntax::span::pos_at(text, at);
    Span {
        start: pos,
        end: pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::document::Value;
    use crate::syntax::span::Pos;
    use crate::syntax::testing::value;

    #[test]
    fn characters_yaml_forbids_are_refused_where_they_stand() {
        for (text, line, col, code) in [
            ("a: x\x07y\n", 1, 5, "U+0007"),
            ("a: 1\nb: \x7f\n", 2, 4, "U+007F"),
            ("a: 1\rb: \u{9b}2J\n", 2, 4, "U+009B"),
            ("a: \u{fffe}\n", 1, 4, "U+FFFE"),
            ("a: é\u{ffff}\n", 1, 5, "U+FFFF"),
            ("a: \"\x1b[2J\"\n", 1, 5, "U+001B"),
            ("# \x0c\na: 1\n", 1, 3, "U+000C"),
        ] {
            let err = decode(text.as_bytes()).unwrap_err();
            assert_eq!(err.span.start, Pos { line, col }, "{text:?}");
            assert!(err.message.contains(code), "{text:?}: {}", err.message);
            assert!(err.help.contains("delete it"), "{}", err.help);
        }
        // What YAML allows: TAB, NEL, NBSP, a BOM, the last BMP character before
        // U+FFFE, and escapes of any of the refused ones.
        assert!(decode("a:\tb\u{85}\u{a0}\u{feff}\u{fffd}\u{10ffff}\r\n".as_bytes()).is_ok());
        assert_eq!(
            value(r#""\x07\e\u007F""#).unwrap(),
            Value::Str("\x07\x1b\x7f".into())
        );
    }

    #[test]
    fn the_fast_scan_finds_what_a_character_by_character_one_does() {
        // Every character that may stand next to the lead bytes 0xC2 and 0xEF, alone
        // and in pairs, against the definition: forbidden outside `c-printable`.
        let forbidden = |c: char| {
            !matches!(c, '\t' | '\n' | '\r' | '\u{85}')
                && (c < ' '
                    || ('\u{7f}'..='\u{9f}').contains(&c)
                    || matches!(c, '\u{fffe}' | '\u{ffff}'))
        };
        let chars: Vec<char> = (0u32..0x100)
            .chain(0xFFF0..=0xFFFF)
            .chain([0xEFBF, 0x10FFFF, 0xBF, 0xBE])
            .filter_map(char::from_u32)
            .collect();
        for &a in &chars {
            for b in ['x', 'é', '\u{ffbf}', '\u{efbf}', a] {
                let text = format!("ab{a}{b}c");
                let expected = text.char_indices().find(|(_, c)| forbidden(*c));
                assert_eq!(forbidden_char(&text), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn decoding_refuses_utf16_and_bad_bytes_and_drops_a_utf8_bom() {
        assert!(
            decode(b"\xFF\xFEa\0")
                .unwrap_err()
                .message
                .contains("UTF-16")
        );
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        let err = decode(b"a: 1\nb: \xC3\x28\n").unwrap_err();
        assert_eq!(err.span.start, Pos { line: 2, col: 4 });
        assert!(decode(b"a: \0").unwrap_err().message.contains("NUL"));
    }
}
