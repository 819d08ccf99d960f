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

/// Largest allocation glibc's allocator may serve from its heap rather
/// than by a mapping of its own (its maximum on 64-bit systems).
const SHORT_COMMAND_MMAP_THRESHOLD: i32 = 32 << 20;

/// Lets a short command reuse the memory it frees: every allocation up to
/// [`SHORT_COMMAND_MMAP_THRESHOLD`] comes from the heap, which keeps freed
/// memory (up to twice that) for the next allocation. By default glibc maps
/// each allocation over 128 KB afresh and unmaps it when freed, so every
/// large temporary list of `refrain compare` (two speeches' words, tokens,
/// the diff's tables) paid a page fault per 4 KB again: 1,260 faults for
/// the Carter pair against git's 310, a tenth of the whole command, whose
/// users time it in milliseconds. Only for commands that end soon: a long
/// one would keep its peak memory until exit.
pub fn reuse_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called at the start of
    // main, before other threads exist.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, SHORT_COMMAND_MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 2 * SHORT_COMMAND_MMAP_THRESHOLD);
    }
}
