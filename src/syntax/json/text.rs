//! String text for the JSON fast path: finding what in a run of text needs a look,
//! and decoding JSON's escapes.

/// Which of eight bytes (a little-endian word) is a quote, a backslash, a control,
/// DEL or not ASCII: the high bit of each such byte is set, and none below the first
/// (a borrow or carry only ever marks a byte above one that matches), so the lowest
/// set bit is the first byte to look at, and 0 means none.
pub(super) fn needs_a_look(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = zero_byte(x ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(x ^ (ONES * u64::from(b'\\')));
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let del_or_wide = (x.wrapping_add(ONES) | x) & HIGH;
    quote | backslash | control | del_or_wide
}

/// The character an escape stands for, and the bytes it takes after its backslash:
/// JSON's escapes only, and a surrogate only as half of a pair.
pub(super) fn escape(rest: &[u8]) -> Option<(char, usize)> {
    let c = match rest.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(rest.get(1..5)?)?;
            if !(0xD800..0xDC00).contains(&high) {
                // A lone low half is no character: `from_u32` refuses it.
                return Some((char::from_u32(high)?, 5));
            }
            if rest.get(5..7)? != b"\\u" {
                return None;
            }
            let low = hex4(rest.get(7..11)?)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
            return Some((c, 11));
        }
        _ => return None,
    };
    Some((c, 1))
}

/// Four hex digits' value.
fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |acc, &d| {
        char::from(d).to_digit(16).map(|v| acc * 16 + v)
    })
}
