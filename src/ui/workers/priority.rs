//! Work beside the window yields the processor to it. Reading and indexing
//! a large corpus keeps every core busy for seconds (half a minute for 200
//! million words); at the same priority the window's thread waits its turn
//! behind them, and a frame that needs 30 ms of work took 150 ms on two
//! cores. The threads that do such work lower their own priority (a nice
//! value of [`BACKGROUND_NICE`]): they still get every core the window
//! leaves idle, which is nearly all of them.

/// The nice value of background threads (0 is the default, 19 the lowest).
pub const BACKGROUND_NICE: i32 = 10;

/// Lowers the calling thread's priority to [`BACKGROUND_NICE`] (Linux, where
/// the nice value belongs to each thread; elsewhere nothing). Threads it
/// starts afterwards (the suffix sort's OpenMP threads) inherit it.
pub fn background_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes no pointers; on Linux `PRIO_PROCESS` with
    // id 0 names the calling thread only.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICE);
    }
}

/// Starts a thread named `name` that runs `work` as a background thread
/// ([`background_thread`] first): the one way the workers beside the window
/// start theirs.
pub fn spawn<F, T>(name: &str, work: F) -> std::io::Result<std::thread::JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    std::thread::Builder::new().name(name.to_string()).spawn(move || {
        background_thread();
        work()
    })
}

/// Makes the threads of rayon's global pool (importing and indexing run on
/// it) background threads, if the pool has not been started yet; once per
/// process.
pub fn background_pool() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Already built (by a test, or the command line): it stays as it is.
        let _ = rayon::ThreadPoolBuilder::new().start_handler(|_| background_thread()).build_global();
    });
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_background_thread_has_a_lower_priority_than_the_one_that_started_it() {
        let nice = || {
            // SAFETY: getpriority takes no pointers.
            unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
        };
        let mine = nice();
        let theirs = std::thread::spawn(move || {
            background_thread();
            nice()
        })
        .join()
        .unwrap();
        assert_eq!(theirs, BACKGROUND_NICE.max(mine), "the started thread is lowered");
        assert_eq!(nice(), mine, "the calling thread of the test is not");
    }
}
