//! Runs independent jobs on a few threads and returns their results in the jobs' order, so the
//! output does not depend on how many threads ran or which finished first.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The number of threads to use: `APIGEN_THREADS` when set to a positive number, else the
/// machine's available parallelism.
pub fn threads() -> usize {
    std::env::var("APIGEN_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `jobs.map(f)` on up to `threads` scoped threads (the calling thread included), results in
/// the order of `jobs`. Each thread takes the next job not yet taken, so put the longest first.
pub fn map<T: Send, R: Send>(jobs: Vec<T>, threads: usize, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let n = jobs.len();
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return jobs.into_iter().map(f).collect();
    }
    release_free_memory();
    let jobs: Vec<Mutex<Option<T>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<R>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = jobs.get(i) else { break };
        let job = slot.lock().map(|mut j| j.take()).ok().flatten();
        if let Some(job) = job {
            let result = f(job);
            if let Ok(mut r) = results[i].lock() {
                *r = Some(result);
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .ok()
                .flatten()
                .expect("every job ran (a job panicked otherwise, and the scope re-raised it)")
        })
        .collect()
}

/// Hands the memory the process has freed so far back to the operating system. glibc gives
/// each new thread an arena of its own, and what the calling thread freed (the parsed spec,
/// once lowered) stays in the calling thread's arena: without this, the workers' arenas grow
/// on top of it and the peak resident set is their sum. A no-op where the C library is not glibc.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages of the allocator's arenas to the kernel;
    // it takes no pointers and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..50).collect();
        for threads in [1, 2, 3, 8, 100] {
            let out = map(jobs.clone(), threads, |j| {
                // Uneven work, so that jobs finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((50 - j) * 20));
                j * j
            });
            assert_eq!(
                out,
                jobs.iter().map(|j| j * j).collect::<Vec<_>>(),
                "{threads}"
            );
        }
        assert!(map(Vec::<u8>::new(), 4, |j| j).is_empty());
    }
}
