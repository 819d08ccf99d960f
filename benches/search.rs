//! Criterion benchmarks of corpus search on the real SOTU corpus (249
//! speeches, ~2 million words), against a naive scan:
//!
//! - `search/index`: building the search index (once per corpus);
//! - `search/quoted`, `search/typing`, `search/one_word`, `search/regex`:
//!   one query on the built index (the target: < 50 ms, so results
//!   update as one types): `"state of the union"` as whole words, `state of
//!   the un` (the last word a prefix, as while typing), `freedom` inside
//!   words, and the regex `state of the union` (case-insensitive);
//! - `search/naive_scan`: lowercasing every body and counting the phrase
//!   with `str::matches`, what a search without an index does.
//!
//! Run with `cargo bench --bench search`; on a busy machine `cargo bench
//! --bench search --profile dev` reuses the debug build (slower figures,
//! the same ratios roughly). When the corpus is missing the bench says
//! "skipped: corpus not found" and does nothing.

#![allow(clippy::expect_used)] // a benchmark fails loudly, with a message

use std::time::Duration;

use criterion::{Criterion, SamplingMode};
use refrain::core::search::{Query, SearchIndex, SearchOptions, naive_search};

mod common;

fn main() {
    let Some(dir) = common::sotu_speeches() else { return };
    let transcripts = common::import(&dir);
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("search");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("index", |b| b.iter_with_large_drop(|| SearchIndex::build(&transcripts)));
    let index = SearchIndex::build(&transcripts);
    let regex = SearchOptions { regex: true, ..Default::default() };
    let cases = [
        ("quoted", "\"state of the union\"", SearchOptions::default()),
        ("typing", "state of the un", SearchOptions::default()),
        ("one_word", "freedom", SearchOptions::default()),
        ("regex", "state of the union", regex),
    ];
    for (name, q, options) in cases {
        let query = Query::parse(q, options).expect("the bench queries parse");
        let found = index.search(&transcripts, &query).total();
        println!("search/{name}: {found} matches");
        group.bench_function(name, |b| b.iter(|| index.search(&transcripts, &query)));
    }
    println!("search/naive_scan: {} matches", naive_search(&transcripts, "state of the union"));
    group.bench_function("naive_scan", |b| b.iter(|| naive_search(&transcripts, "state of the union")));
    group.finish();
    c.final_summary();
}
