//! Giving freed memory back to the operating system after the large,
//! short-lived allocations of indexing a corpus.
//!
//! glibc's allocator keeps memory freed by a thread in that thread's arena
//! for the thread to reuse. Indexing runs on a pool of threads and frees
//! hundreds of megabytes of temporary lists on a large corpus, which other
//! threads (or the next, larger, allocations) do not reuse: the process
//! would keep that memory until exit. `malloc_trim` returns the free pages
//! inside every arena.

/// Returns free heap pages to the operating system (glibc only; elsewhere
/// nothing to do: other allocators return memory by themselves).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; it takes
    // no pointers and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
