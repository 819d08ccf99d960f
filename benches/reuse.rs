//! The speech × speech reuse map (#25) after indexing: on SOTU (249
//! speeches, the full matrix) and on the 10x corpus (2,490 speeches,
//! `target/tmp/sotu-x10`, made as `benches/scale.rs` makes it), against the
//! issue's targets: under 100 ms on SOTU and under 1 s on the 10x corpus.
//!
//! The phrases are found first (import, index, `phrases()` with the
//! default options, not timed); then the map is built from them
//! ([`ReuseMap::of_index`]) `REFRAIN_BENCH_RUNS` times (default 7) and the
//! median is reported, with the aggregation into blocks of 10 speeches and
//! into decades and the top pairs timed beside it (shown without a target).
//! Prints a table with PASS/FAIL and writes
//! `target/tmp/refrain-bench/rows-reuse.json` for `benches/run.sh`.

#![allow(clippy::expect_used)] // a benchmark fails loudly, with a message

use std::path::Path;
use std::time::Instant;

mod common;

use common::{generate_x10, import, min5};
use refrain::core::compare::reuse_map::{ReuseMap, ReuseOptions};
use refrain::core::phrases::PhraseIndex;

/// Median of `runs` timings of `f`, in seconds, and its last result.
fn median<R>(runs: usize, mut f: impl FnMut() -> R) -> (f64, R) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one run"))
}

/// One corpus: its rows (measure, seconds, target in seconds or none).
fn corpus(label: &str, dir: &Path, target: f64, runs: usize) -> Vec<(String, f64, Option<f64>)> {
    let ts = import(dir);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&min5()).expect("the phrases of the corpus");
    let (map_s, map) = median(runs, || ReuseMap::of_index(&index, &set, ReuseOptions::default()));
    let (blocks_s, blocks) = median(runs, || map.blocks(map.groups_of(10)));
    let (years_s, years) = median(runs, || map.blocks(map.groups_by_year(10)));
    let (top_s, top) = median(runs, || map.top_pairs(20));
    println!(
        "{label}: {} speeches, {} phrases; map {:.1} ms, {} blocks of 10 {:.1} ms, {} decades {:.1} ms, top 20 pairs {:.1} ms",
        map.len(),
        set.phrases.len(),
        map_s * 1e3,
        blocks.groups.len(),
        blocks_s * 1e3,
        years.groups.len(),
        years_s * 1e3,
        top_s * 1e3
    );
    if let Some(p) = top.first() {
        let name = |i: usize| map.doc(i).and_then(|d| index.doc(d)).map(|d| d.path.display().to_string());
        println!("  top pair: {:?} and {:?}, score {:.3}", name(p.a), name(p.b), p.score);
    }
    vec![
        (format!("reuse map, {label}: {} speeches after indexing", map.len()), map_s, Some(target)),
        (format!("reuse map, {label}: blocks of 10 speeches"), blocks_s, None),
        (format!("reuse map, {label}: blocks of decades"), years_s, None),
        (format!("reuse map, {label}: top 20 pairs"), top_s, None),
    ]
}

fn main() {
    // Missing, it says "skipped: corpus not found" itself.
    let Some(sotu) = common::sotu_speeches() else { return };
    let runs: usize = std::env::var("REFRAIN_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7).max(1);
    let x10 = generate_x10(&sotu);
    let mut rows = corpus("SOTU", &sotu, 0.1, runs);
    rows.extend(corpus("10x", &x10, 1.0, runs));
    common::report_timed_rows("reuse", rows);
}
