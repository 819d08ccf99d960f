//! `refrain shingles`: each document's metadata and n-gram hashes as JSON
//! Lines, for a distributed engine to find the n-grams documents share
//! (see `core::export::shingles` for the hash and the normalization).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::load_corpus;
use crate::core::export::shingles::{ShingleOptions, shingles_jsonl};

pub(super) fn shingles(paths: &[PathBuf], output: &Path, options: &ShingleOptions) -> anyhow::Result<ExitCode> {
    let (transcripts, failed) = load_corpus(paths);
    let (bytes, counts) = shingles_jsonl(&transcripts, options).context("writing JSON")?;
    let wrote = super::output::write_file(output, &bytes)?;
    eprintln!(
        "refrain: wrote {wrote} ({} documents, {} hashes of {}-grams)",
        counts.documents, counts.hashes, options.words
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
