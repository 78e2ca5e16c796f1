//! Checking many files: in parallel, results handed on in a stable order.
//!
//! Files are independent, so they are checked on all cores; but output must not depend
//! on thread timing, and memory must not grow with the number of files. So workers
//! take files in order and may run only a bounded window ahead of the file this thread
//! hands on next, in input order, to the caller, who renders and drops it. (With a
//! base, the base's trackers are read before the first file: see `base.rs`.)

use crate::check::checker::{BaseCheck, Checked, Checker};
use crate::sys::read::{Found, ReadError};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// Results each thread may run ahead of the one to be handed on next.
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
    check_in_order(checker, files, base, jobs.clamp(1, MAX_JOBS), &mut each)
}

/// The loop of [`check_all`]: workers take files in order from a shared counter and
/// send each result to this thread, which hands them on in input order.
///
/// A pipeline, not batches: with batches, every worker waited at the end of each batch
/// for the slowest file, and again while this thread rendered and dropped the batch's
/// results (a tenth of a check's work); both cores now stay busy. Memory stays bounded:
/// a worker takes file `i` only once file `i - window` has been handed on, so at most
/// `window` results wait here.
fn check_in_order<E>(
    checker: &Checker,
    files: &[Found],
    base: Option<&BaseCheck<'_>>,
    jobs: usize,
    each: &mut impl FnMut(&PathBuf, Result<Checked, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    if jobs == 1 || files.len() <= 1 {
        for found in files {
            each(&found.path, checker.check_file(found, base))?;
        }
        return Ok(());
    }
    let window = jobs * BATCH_PER_JOB;
    let next = AtomicUsize::new(0);
    // How many results have been handed on, and a stop flag once the caller failed.
    let handed = Mutex::new((0usize, false));
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel();
        for _ in 0..jobs.min(files.len()) {
            let send = send.clone();
            let (next, handed, moved) = (&next, &handed, &moved);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() {
                        break;
                    }
                    {
                        let mut state = handed.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= state.0 + window && !state.1 {
                            state = moved.wait(state).unwrap_or_else(PoisonError::into_inner);
                        }
                        if state.1 {
                            break;
                        }
                    }
                    // A check only panics on a bug; the file is then checked again on
                    // the calling thread, so the bug shows as it would on one thread.
                    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        checker.check_file(&files[i], base)
                    }))
                    .ok();
                    if send.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting: BTreeMap<usize, Option<Result<Checked, ReadError>>> = BTreeMap::new();
        let mut outcome = Ok(());
        for (i, found) in files.iter().enumerate() {
            let result = loop {
                if let Some(result) = waiting.remove(&i) {
                    break result;
                }
                match receive.recv() {
                    Ok((j, result)) => {
                        waiting.insert(j, result);
                    }
                    // Every worker is gone without this file (cannot happen but for a
                    // bug): it is checked here.
                    Err(_) => break None,
                }
            };
            let result = result.unwrap_or_else(|| checker.check_file(found, base));
            if let Err(e) = each(&found.path, result) {
                outcome = Err(e);
                break;
            }
            handed.lock().unwrap_or_else(PoisonError::into_inner).0 = i + 1;
            moved.notify_all();
        }
        // Stop the workers (the caller failed, or all is done) before joining them.
        handed.lock().unwrap_or_else(PoisonError::into_inner).1 = true;
        moved.notify_all();
        drop(receive);
        outcome
    })
}
