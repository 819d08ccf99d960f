//! The speaker × speaker table (#25) after indexing: on SOTU (249 speeches,
//! 43 presidents) and on the 10x corpus (2,490 speeches,
//! `target/tmp/sotu-x10`, made as `benches/scale.rs` makes it), against the
//! issue's targets: under 100 ms on SOTU and under 1 s on the 10x corpus.
//!
//! The phrases are found first (import, index, `phrases()` with the
//! default options, not timed); then each speech's speaker is read from
//! the transcripts and the table built from the phrase set
//! ([`SpeechGroups::by_speaker`] + [`PairTable::build`]),
//! `REFRAIN_BENCH_RUNS` times (default 7), and the median is reported. The
//! table by party, every phrase's path one by one, "introduced here" for
//! the earliest speech and the filter by one speaker and a date range are
//! timed beside it (shown without a target). Prints a table with PASS/FAIL
//! and writes `target/tmp/refrain-bench/rows-speakers.json` for
//! `benches/run.sh`.

#![allow(clippy::expect_used)] // a benchmark fails loudly, with a message

use std::path::Path;

mod common;

use common::import;
use refrain::core::phrases::{PhraseIndex, PhraseOptions};
use refrain::core::speakers::{DateRange, PairTable, PhraseFilter, PhrasePath, SpeechGroups, Uses, introduced_in};

/// One corpus: its rows (measure, seconds, target in seconds or none).
fn corpus(label: &str, dir: &Path, target: f64, runs: usize) -> Vec<(String, f64, Option<f64>)> {
    let mut ts = import(dir);
    // Document ids are positions: in date order, as the command line has them.
    ts.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).expect("the phrases of the corpus");

    let (table_s, (groups, table)) = common::median_of(runs, || {
        let groups = SpeechGroups::by_speaker(&ts);
        let table = PairTable::build(&set, &groups);
        (groups, table)
    });
    let (party_s, parties) = common::median_of(runs, || PairTable::build(&set, &SpeechGroups::by_field(&ts, "party")));
    let (paths_s, later) = common::median_of(runs, || {
        (0..set.phrases.len()).map(|k| PhrasePath::of(&set, k, &groups).later.len()).sum::<usize>()
    });
    let (intro_s, intro) = common::median_of(runs, || introduced_in(&set, 0, &groups));
    let filter = PhraseFilter {
        speakers: Some(groups.find("Abraham Lincoln")),
        range: DateRange::parse(Some("1862"), Some("1864")).expect("a range"),
        uses: Uses::Any,
    };
    let (filter_s, kept) = common::median_of(runs, || filter.apply(&set, &groups));

    let entries: u32 = table.cells().iter().map(|c| c.phrases).sum();
    println!(
        "{label}: {} speeches, {} speakers, {} phrases; table {:.1} ms ({} pairs, {entries} phrase uses), \
         by party {:.1} ms ({} pairs); every path one by one {:.1} ms ({later} later speakers); \
         introduced in the first speech {:.2} ms ({} phrases); Lincoln 1862-1864 {:.2} ms ({} phrases)",
        ts.len(),
        groups.len(),
        set.phrases.len(),
        table_s * 1e3,
        table.cells().len(),
        party_s * 1e3,
        parties.cells().len(),
        paths_s * 1e3,
        intro_s * 1e3,
        intro.len(),
        filter_s * 1e3,
        kept.len(),
    );
    vec![
        (format!("speakers, {label}: speaker x speaker table after indexing"), table_s, Some(target)),
        (format!("speakers, {label}: party x party table"), party_s, None),
        (format!("speakers, {label}: every phrase's path, one by one"), paths_s, None),
        (format!("speakers, {label}: introduced here, first speech"), intro_s, None),
        (format!("speakers, {label}: filter by speaker and dates"), filter_s, None),
    ]
}

fn main() {
    common::on_sotu_and_10x("speakers", (0.1, 1.0), corpus);
}
