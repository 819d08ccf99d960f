//! Criterion benchmarks of the phrase engine on the real SOTU corpus
//! (249 speeches, ~2 million words):
//!
//! - `sotu/pipeline_min5`: import the folder, tokenize and index it, find the
//!   phrases of ≥ 5 words in ≥ 2 speeches (the target: < 0.3 s), and
//!   its stages `sotu/import`, `sotu/add_all`, `sotu/first_phrases_min5`;
//! - `requery/*`: a second `phrases()` call on the indexed corpus with other
//!   options (min_words 5→8, min_speeches 2→5), which reuses the suffix
//!   array (target: < 100 ms).
//!
//! Run with `cargo bench --bench phrases` (or `benches/run.sh`, which also
//! compares with Python). The corpus is `$REFRAIN_CORPUS/sotu/speeches`; when
//! it is missing the bench prints "skipped: corpus not found" and does
//! nothing. What the pipeline found is written to
//! `target/tmp/refrain-bench/phrases.json` for `run.sh` to cross-check.

#![allow(clippy::expect_used)] // a benchmark fails loudly, with a message

use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode};

mod common;

use common::{Found, import, index, min5, phrases, pipeline};

fn bench_pipeline(c: &mut Criterion, dir: &Path) {
    let transcripts = import(dir);
    let mut group = c.benchmark_group("sotu");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("pipeline_min5", |b| b.iter_with_large_drop(|| pipeline(dir)));
    group.bench_function("import", |b| b.iter_with_large_drop(|| import(dir)));
    group.bench_function("add_all", |b| b.iter_with_large_drop(|| index(&transcripts)));
    group.bench_function("first_phrases_min5", |b| {
        b.iter_batched(
            || index(&transcripts).0,
            |mut ix| {
                let set = phrases(&mut ix, &min5());
                (ix, set)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn bench_requery(c: &mut Criterion, dir: &Path) {
    let transcripts = import(dir);
    let (mut ix, _) = index(&transcripts);
    // The first call builds the suffix array; every call timed below reuses it.
    phrases(&mut ix, &min5());
    let mut group = c.benchmark_group("requery");
    group.sampling_mode(SamplingMode::Flat).sample_size(20).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(6));
    let cases = [
        ("min_words_5_again", min5()),
        ("min_words_8", min5().min_words(8)),
        ("min_speeches_5", min5().min_speeches(5)),
    ];
    for (name, options) in cases {
        group.bench_function(name, |b| b.iter_with_large_drop(|| phrases(&mut ix, &options)));
    }
    group.finish();
}

/// Records what the pipeline found (counts per option set), for `run.sh`.
fn record_found(dir: &Path) {
    let (mut ix, ids, set) = pipeline(dir);
    let min5_found = Found::of(&ix, &ids, &set);
    let words8 = phrases(&mut ix, &min5().min_words(8));
    let speeches5 = phrases(&mut ix, &min5().min_speeches(5));
    let no_gap = phrases(&mut ix, &min5().max_gap(0));
    let json = serde_json::json!({
        "corpus": dir,
        "min5": min5_found.to_json(),
        "min5_no_gap_bridging": Found::of(&ix, &ids, &no_gap).to_json(),
        "min_words_8": Found::of(&ix, &ids, &words8).to_json(),
        "min_speeches_5": Found::of(&ix, &ids, &speeches5).to_json(),
    });
    println!(
        "SOTU: {} speeches, {} words; min_words 5: {} phrases, {} recurring words",
        min5_found.docs, min5_found.words, min5_found.phrases, min5_found.recurring_words
    );
    let path = common::results_dir().join("phrases.json");
    let text = serde_json::to_string_pretty(&json).expect("JSON of plain counts");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn main() {
    let Some(dir) = common::sotu_speeches() else { return };
    let mut c = Criterion::default().configure_from_args();
    record_found(&dir);
    bench_pipeline(&mut c, &dir);
    bench_requery(&mut c, &dir);
    c.final_summary();
}
