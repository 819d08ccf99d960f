//! Pairwise comparison speed on the real corpus: shared passages between
//! SOTU speeches (the worst pair of a sample of pairs), and the revision diff
//! of the longest speech against a copy with 5% of its words edited and two
//! paragraphs moved. Targets from the issue: shared passages under 5 ms for
//! any two speeches; the revision diff under 20 ms and at least 10x faster
//! than Python's difflib.SequenceMatcher on the same word lists (which
//! `benches/alternatives.py --revision` times from the lists this bench writes
//! to target/tmp/refrain-bench/revision_words.json).
//!
//! Run with `cargo bench --bench pairwise` (or `benches/run.sh`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark fails loudly

mod common;

use std::time::Instant;

use refrain::core::compare::pairwise::shared_passages;
use refrain::core::compare::revision::{RevisionOptions, revision_diff};
use refrain::core::import::files::{FileOutcome, ImportOptions, import_paths};
use refrain::core::phrases::PhraseIndex;
use refrain::core::text::transcript::Transcript;

/// Median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

/// A deterministic pseudo-random sequence.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn main() {
    let Some(speeches) = common::sotu_speeches() else { return };
    let transcripts: Vec<Transcript> = import_paths(&[speeches], &ImportOptions::default())
        .into_iter()
        .filter_map(|o| match o {
            FileOutcome::Imported(t) => Some(*t),
            _ => None,
        })
        .collect();
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&transcripts);

    // Shared passages: every pair of 40 speeches spread over the corpus,
    // the longest four included; the slowest pair is reported.
    let mut sample: Vec<u32> = ids.iter().step_by(ids.len() / 36).copied().collect();
    let mut by_len: Vec<u32> = ids.clone();
    by_len.sort_by_key(|&d| std::cmp::Reverse(index.doc(d).unwrap().ids.len()));
    sample.extend(by_len.iter().take(4));
    sample.sort_unstable();
    sample.dedup();
    let mut worst = (0.0f64, 0u32, 0u32);
    for (k, &a) in sample.iter().enumerate() {
        for &b in &sample[k + 1..] {
            let (da, db) = (index.doc(a).unwrap().ids.to_vec(), index.doc(b).unwrap().ids.to_vec());
            let ms = median_ms(5, || {
                std::hint::black_box(shared_passages(&da, &db, 5));
            });
            if ms > worst.0 {
                worst = (ms, a, b);
            }
        }
    }
    let pairs = sample.len() * (sample.len() - 1) / 2;

    // Revision diff: the longest speech against an edited copy.
    let longest = by_len[0] as usize;
    let original = &transcripts[longest];
    let mut rng = Lcg(42);
    let mut paragraphs: Vec<String> =
        original.paragraphs.iter().map(|r| original.body[r.clone()].to_string()).collect();
    let moved_a = paragraphs.remove(10);
    let moved_b = paragraphs.remove(40);
    paragraphs.push(moved_a);
    paragraphs.push(moved_b);
    let mut text = paragraphs.join("\n\n");
    let mut edited = 0;
    while edited < original.words / 20 {
        let at = rng.next(text.len());
        if text.is_char_boundary(at) && text[at..].starts_with(' ') {
            text.insert_str(at, " EDITED");
            edited += 1;
        }
    }
    let revised = Transcript::from_text("revised.txt", "revised", &text);
    let mut pair_index = PhraseIndex::new();
    let pair = pair_index.add_all(&[original.clone(), revised]);
    let (old, new) = (pair_index.doc(pair[0]).unwrap(), pair_index.doc(pair[1]).unwrap());
    let (old, new) = (old.ids.to_vec(), new.ids.to_vec());
    let options = RevisionOptions::default();
    let diff_ms = median_ms(11, || {
        std::hint::black_box(revision_diff(&old, &new, &options));
    });
    let words =
        |ids: &[u32]| -> Vec<String> { ids.iter().map(|&i| pair_index.vocabulary().word(i).to_string()).collect() };
    let lists = serde_json::json!({ "old": words(&old), "new": words(&new) });
    std::fs::write(common::results_dir().join("revision_words.json"), lists.to_string()).expect("write word lists");

    println!(
        "shared passages: slowest of {pairs} pairs {:.2} ms ({} × {} words)",
        worst.0,
        index.doc(worst.1).unwrap().ids.len(),
        index.doc(worst.2).unwrap().ids.len()
    );
    println!(
        "revision diff of {} ({} words) against a copy with {edited} edits and 2 moved paragraphs: {diff_ms:.2} ms",
        original.title,
        old.len()
    );
    let json = serde_json::json!({ "shared_worst_ms": worst.0, "pairs": pairs, "revision_ms": diff_ms });
    std::fs::write(common::results_dir().join("pairwise.json"), json.to_string()).expect("write pairwise.json");
}
