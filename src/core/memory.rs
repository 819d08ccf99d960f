//! Giving freed memory back to the operating system after the large,
//! short-lived allocations of indexing a corpus.
//!
//! glibc's allocator keeps memory freed by a thread in that thread's arena
//! for the thread to reuse. Indexing runs on a pool of threads and frees
//! hundreds of megabytes of temporary lists on a large corpus, which other
//! threads (or the next, larger, allocations) do not reuse: the process
//! would keep that memory until exit. `malloc_trim` returns the free pages
//! inside every arena.

/// Arenas glibc may create for the whole process (see [`limit_arenas`]).
pub const MAX_ARENAS: i32 = 2;

/// Caps glibc's allocator at [`MAX_ARENAS`] arenas, before any thread is
/// started. By default each new thread may get an arena of its own (up to 8
/// per core); memory one thread frees stays in its arena, unusable by the
/// others. The pool that imports and indexes, the indexer, the window and a
/// software renderer's threads then each keep their own high-water mark:
/// opening SOTU in the windowed app took 0.3-0.6x the text more than the
/// same data in one or two arenas (benches/app_memory.sh). Two arenas, not
/// one: with a single arena indexing the 10x corpus was 13% slower; with
/// two, as fast as with sixteen. Must run before the first thread spawns
/// (arenas are handed out when a thread first allocates).
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called at the start
    // of main, before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, MAX_ARENAS);
    }
}

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
