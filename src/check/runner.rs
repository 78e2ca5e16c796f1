//! Checking many files: in parallel, in batches, results handed on in a stable order.
//!
//! Files are independent, so they are checked on all cores; but output must not depend
//! on thread timing, and memory must not grow with the number of files. So files go
//! through in batches: each batch is checked in parallel, then its results are handed
//! to the caller in input order and dropped before the next batch starts. (With a
//! base, the base's trackers are read before the first batch: see `baseline.rs`.)

use crate::check::checker::{BaseCheck, Checked, Checker};
use crate::sys::read::{Found, ReadError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files checked per thread before results are handed on.
const BATCH_PER_JOB: usize = 16;

/// Most threads `--jobs` accepts. Files are checked in milliseconds each, so more
/// threads than this only cost memory (a stack each) and scheduling; the bound also
/// keeps `jobs * BATCH_PER_JOB` and every per-thread allocation far from overflow.
pub const MAX_JOBS: usize = 256;

/// The number of threads to use when the user does not say: one per core, within
/// [`MAX_JOBS`].
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_JOBS))
}

/// Checks `files` with `jobs` threads (against `base` when given) and calls `each`
/// with every file's path and result, in input order.
pub fn check_all<E>(
    checker: &Checker,
    files: &[Found],
    base: Option<&BaseCheck<'_>>,
    jobs: usize,
    mut each: impl FnMut(&PathBuf, Result<Checked, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    // The command line bounds --jobs; a caller that does not is held to it here.
    check_batches(checker, files, base, jobs.clamp(1, MAX_JOBS), &mut each)
}

/// The batch loop of [`check_all`].
fn check_batches<E>(
    checker: &Checker,
    files: &[Found],
    base: Option<&BaseCheck<'_>>,
    jobs: usize,
    each: &mut impl FnMut(&PathBuf, Result<Checked, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    for batch in files.chunks(jobs * BATCH_PER_JOB) {
        let check_one = |i: usize| checker.check_file(&batch[i], base);
        let results: Vec<Result<Checked, ReadError>> = if jobs == 1 || batch.len() == 1 {
            (0..batch.len()).map(check_one).collect()
        } else {
            let next = AtomicUsize::new(0);
            let mut slots: Vec<(usize, Result<Checked, ReadError>)> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..jobs.min(batch.len()))
                    .map(|_| {
                        scope.spawn(|| {
                            let mut done = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                if i >= batch.len() {
                                    break done;
                                }
                                done.push((i, check_one(i)));
                            }
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    // A worker only panics on a bug; its files are then checked again
                    // on this thread below, so the bug shows as it would on one thread.
                    .flat_map(|w| w.join().unwrap_or_default())
                    .collect()
            });
            slots.sort_by_key(|(i, _)| *i);
            let mut results = Vec::with_capacity(batch.len());
            let mut slots = slots.into_iter().peekable();
            for i in 0..batch.len() {
                match slots.next_if(|(j, _)| *j == i) {
                    Some((_, r)) => results.push(r),
                    None => results.push(check_one(i)),
                }
            }
            results
        };
        for (found, result) in batch.iter().zip(results) {
            each(&found.path, result)?;
        }
    }
    Ok(())
}
