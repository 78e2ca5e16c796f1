//! Checking many files: in parallel, in batches, results handed on in a stable order.
//!
//! Files are independent, so they are checked on all cores; but output must not depend
//! on thread timing, and memory must not grow with the number of files. So files go
//! through in batches: each batch is checked in parallel, then its results are handed
//! to the caller in input order and dropped before the next batch starts.

use crate::check::{Checked, Checker};
use crate::git::{Base, GitError};
use crate::history::BaseInfo;
use crate::load::ReadError;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files checked per thread before results are handed on.
const BATCH_PER_JOB: usize = 16;

/// The number of threads to use when the user does not say.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Checks `files` with `jobs` threads (against `base` when given) and calls `each`
/// with every file's index, path and result, in input order.
pub fn check_all<E: From<GitError>>(
    checker: &Checker,
    files: &[PathBuf],
    base: Option<&Base>,
    jobs: usize,
    mut each: impl FnMut(&PathBuf, Result<Checked, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    let jobs = jobs.max(1);
    // All old versions come from one git process, read on their own thread into a
    // bounded queue, so git works while files are checked and memory stays bounded.
    let versions = base.map(|b| b.read(files)).transpose()?;
    let info = base.map(|b| BaseInfo {
        rev: &b.rev,
        date: b.date,
    });
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(jobs * BATCH_PER_JOB);
        if let Some(mut versions) = versions {
            let count = files.len();
            scope.spawn(move || {
                for _ in 0..count {
                    let next = versions.next_file();
                    let failed = next.is_err();
                    if send.send(next).is_err() || failed {
                        break;
                    }
                }
            });
        } else {
            drop(send);
        }
        check_batches(
            checker,
            files,
            info.as_ref(),
            jobs,
            |_| match base {
                Some(_) => receive
                    .recv()
                    .unwrap_or_else(|_| Err(GitError::Failed("git stopped answering".into()))),
                None => Ok(None),
            },
            &mut each,
        )
    })
}

/// The batch loop of [`check_all`]; `old` gives each file's old version in order.
fn check_batches<E: From<GitError>>(
    checker: &Checker,
    files: &[PathBuf],
    info: Option<&BaseInfo<'_>>,
    jobs: usize,
    mut old: impl FnMut(usize) -> Result<Option<Vec<u8>>, GitError>,
    each: &mut impl FnMut(&PathBuf, Result<Checked, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    for batch in files.chunks(jobs * BATCH_PER_JOB) {
        let olds: Vec<Option<Vec<u8>>> =
            (0..batch.len()).map(&mut old).collect::<Result<_, _>>()?;
        let check_one = |i: usize| {
            let against = info.map(|info| (info, olds[i].as_deref()));
            checker.check_file(&batch[i], against)
        };
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
        for (path, result) in batch.iter().zip(results) {
            each(path, result)?;
        }
    }
    Ok(())
}
