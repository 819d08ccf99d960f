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

mod common;

use common::{import, min5};
use refrain::core::compare::reuse_map::{ReuseMap, ReuseOptions};
use refrain::core::phrases::PhraseIndex;

/// One corpus: its rows (measure, seconds, target in seconds or none).
fn corpus(label: &str, dir: &Path, target: f64, runs: usize) -> Vec<(String, f64, Option<f64>)> {
    let ts = import(dir);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&min5()).expect("the phrases of the corpus");
    let (map_s, map) = common::median_of(runs, || ReuseMap::of_index(&index, &set, ReuseOptions::default()));
    let (blocks_s, blocks) = common::median_of(runs, || map.blocks(map.groups_of(10)));
    let (years_s, years) = common::median_of(runs, || map.blocks(map.groups_by_year(10)));
    let (top_s, top) = common::median_of(runs, || map.top_pairs(20));
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
    common::on_sotu_and_10x("reuse", (0.1, 1.0), corpus);
}
