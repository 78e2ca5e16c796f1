//! How far a load may go: the limits that keep a hostile file from costing more
//! than a normal one (size, nesting, alias expansion, nodes per byte).

/// Largest tracker file read, in bytes. A real tracker is kilobytes; ten years of
/// monthly entries on every step stay under a megabyte, so 16 MiB leaves a wide margin
/// while keeping a runaway file's cost (time, memory) small. Adjustable with
/// `--max-file-size`.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Deepest nesting of mappings and sequences. A tracker nests eight levels; the limit
/// only stops "10,000 open brackets" files before they cost stack or time.
pub const MAX_DEPTH: usize = 64;
/// Most nodes that aliases (`*name`) may copy in one file, counted as they expand (an
/// alias of a list of 100 items costs 101). Anchors are legitimate (a monitor may reuse
/// an evidence list), a "billion laughs" file is not.
pub const MAX_ALIAS_NODES: usize = 10_000;
/// Bytes of file per node, at the least, beyond the first [`MIN_NODE_BUDGET`] nodes. A
/// node costs about a hundred bytes in memory (the spanned tree, then its JSON copy for
/// the schema), while `[1,1,…]` writes one in two bytes: unchecked, a 16 MiB file cost
/// 1 GiB and more. The densest real trackers (compact JSON, history without notes)
/// spend seven to ten bytes per node, so four leaves them room and caps memory at a
/// small multiple of the file's size.
pub const BYTES_PER_NODE: usize = 4;
/// Nodes any file may hold whatever its size (a small file is never refused for this).
pub const MIN_NODE_BUDGET: usize = 10_000;
/// Most bytes of text that aliases may copy in one file: a node budget alone would let
/// 10,000 aliases of one 1 MiB string copy 10 GiB.
pub const MAX_ALIAS_BYTES: usize = 1 << 20;

/// How far a load may go.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// See [`MAX_FILE_BYTES`].
    pub max_file_bytes: u64,
    /// See [`MAX_DEPTH`].
    pub max_depth: usize,
    /// See [`MAX_ALIAS_NODES`].
    pub max_alias_nodes: usize,
    /// See [`MAX_ALIAS_BYTES`].
    pub max_alias_bytes: usize,
    /// See [`BYTES_PER_NODE`].
    pub bytes_per_node: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_depth: MAX_DEPTH,
            max_alias_nodes: MAX_ALIAS_NODES,
            max_alias_bytes: MAX_ALIAS_BYTES,
            bytes_per_node: BYTES_PER_NODE,
        }
    }
}
