//! The repeated-key check both parsers run on every mapping as they build it.

use crate::syntax::document::Pair;
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

/// Mappings with fewer keys than this are scanned: nearly all of a tracker's, and no
/// allocation per key. Larger ones get a set of key hashes, built once.
const SCAN_KEYS: usize = 16;

/// Whether `key` is already a key of `entries` (the pairs read so far of one mapping).
/// `seen` keeps that mapping's key hashes once it is large (hashes, not copies of the
/// keys: a copy doubled a large mapping).
pub(super) fn repeats(
    entries: &[Pair],
    key: &str,
    seen: &mut Option<HashSet<u64>>,
    hasher: &RandomState,
) -> bool {
    let scan = || entries.iter().any(|p| &*p.key == key);
    if entries.len() < SCAN_KEYS {
        return scan();
    }
    let set =
        seen.get_or_insert_with(|| entries.iter().map(|p| hasher.hash_one(&*p.key)).collect());
    // A repeated hash is a repeated key but for a collision (keyed hashes: not one a
    // file can aim for); the scan settles it.
    !set.insert(hasher.hash_one(key)) && scan()
}
