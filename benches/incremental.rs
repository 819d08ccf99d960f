//! Incremental indexing benchmark: one transcript added, removed or
//! reloaded (replaced by an edited version) against a full index of the
//! corpus, on SOTU and on the 10x corpus (`target/tmp/sotu-x10`, made as
//! `benches/scale.rs` makes it). The target: each operation on the
//! 10x corpus in under 5% of a full index of it, with the phrases of a full
//! rebuild.
//!
//! A full index is what the app did for every change: a new `PhraseIndex`,
//! `add_all` of every transcript and `phrases()` with the default options.
//! An operation is what it does with updates kept
//! ([`PhraseIndex::set_incremental`]): `remove(id)`, `add(t)` or
//! `replace(id, edited)`, then `phrases()`, which updates the last answer.
//! Each is timed on four speeches (the earliest, the latest, the longest
//! and the one of the median date), interleaved with full indexes in the
//! same loop; medians are reported, over all of them and per speech. After
//! the loop the updated answer is checked against a full search of the same
//! documents.
//!
//! Each corpus runs in a fresh child process (this binary with `--child
//! DIR RUNS`), for its own peak memory. Run with `cargo bench --bench
//! incremental` (or `benches/run.sh`); `REFRAIN_BENCH_RUNS` sets the runs
//! (default 5). Prints a table and writes
//! `target/tmp/refrain-bench/incremental.json` and `rows-incremental.json`
//! (the rows `benches/run.sh` shows: the median speech against the target,
//! with PASS or FAIL, and the slowest beside it).

#![allow(clippy::expect_used)] // a benchmark fails loudly, with a message

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};

mod common;

use common::{Found, current_rss, generate_x10, import, min5, num, peak_rss, run_child_with, text_bytes};
use refrain::core::phrases::{PhraseIndex, PhraseSet, QueryPath};
use refrain::core::text::transcript::Transcript;

/// The target: an operation takes under this share of a full index.
const TARGET_SHARE: f64 = 0.05;

/// The operations timed, in the order they are made on each file.
const OPS: [&str; 3] = ["remove", "add", "reload"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let dir = args.get(i + 1).expect("--child needs a folder");
        let runs = args.get(i + 2).and_then(|r| r.parse().ok()).unwrap_or(5);
        child(Path::new(dir), runs);
        return;
    }
    // Missing, it says "skipped: corpus not found" itself.
    let Some(sotu) = common::sotu_speeches() else { return };
    let runs: usize = std::env::var("REFRAIN_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let x10 = generate_x10(&sotu);
    let mut results = Vec::new();
    for (label, dir) in [("SOTU", &sotu), ("10x", &x10)] {
        let mut r = run_child_with(dir, &[&runs.to_string()]);
        r["corpus"] = json!(label);
        r["text_bytes"] = json!(text_bytes(dir));
        results.push(r);
    }
    print_table(&results);
    let path = common::results_dir().join("incremental.json");
    let text = serde_json::to_string_pretty(&json!({ "runs": runs, "corpora": results })).expect("plain JSON");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("written: {}", path.display());
    write_run_rows(&results);
}

/// The files timed: the earliest and the latest speech, the longest, and
/// the one of the median date (different speeches, also on the 10x corpus
/// where each has ten copies).
fn chosen(ts: &[Transcript]) -> Vec<usize> {
    let mut by_date: Vec<usize> = (0..ts.len()).collect();
    by_date.sort_by_key(|&k| (ts[k].date.map(|d| d.date), k));
    let longest = (0..ts.len()).max_by_key(|&k| ts[k].words).unwrap_or(0);
    let (earliest, latest, median) = (by_date[0], by_date[by_date.len() - 1], by_date[by_date.len() / 2]);
    let mut files = vec![earliest, latest, longest, median];
    files.sort_unstable();
    files.dedup();
    files
}

/// An edited version of `t`, as a reload after an edit reads it: its
/// second paragraph gone and a paragraph of `other` added at its end.
fn edited(t: &Transcript, other: &Transcript) -> Transcript {
    let mut paragraphs: Vec<&str> = (0..t.paragraphs.len()).filter_map(|k| t.paragraph(k)).collect();
    if paragraphs.len() > 2 {
        paragraphs.remove(1);
    }
    paragraphs.push(other.paragraph(0).unwrap_or("An added closing line of the address."));
    let mut e = Transcript::from_text(t.path.clone(), &t.title, &paragraphs.join("\n\n"));
    e.date = t.date;
    e.time = t.time;
    e.languages = t.languages.clone();
    e
}

/// Runs `phrases()` with the default options and checks how it answered.
fn query(ix: &mut PhraseIndex, how: QueryPath) -> PhraseSet {
    let set = ix.phrases(&min5()).expect("the phrases of the corpus");
    assert_eq!(ix.last_query(), how, "answered {how:?}");
    set
}

/// What a set found over the live documents of `ix`.
fn found(ix: &PhraseIndex, set: &PhraseSet) -> Found {
    let ids: Vec<_> = ix.doc_ids().collect();
    Found::of(ix, &ids, set)
}

/// One corpus: full indexes and the operations, interleaved; prints the
/// figures as one JSON line.
fn child(dir: &Path, runs: usize) {
    let ts = import(dir);
    let files = chosen(&ts);
    let edits: Vec<Transcript> = files.iter().map(|&f| edited(&ts[f], &ts[(f + 1) % ts.len()])).collect();
    // The index the app keeps, with updates kept: its first answer is a
    // full one (timed too), its peak memory taken before any other index.
    let started = Instant::now();
    let mut ix = PhraseIndex::new();
    ix.set_incremental(true);
    let mut ids = ix.add_all(&ts);
    // The answer shown: as in the app, the one before stays until the next
    // is ready (a new answer cannot reuse its memory).
    let mut shown = query(&mut ix, QueryPath::Full);
    let first_s = started.elapsed().as_secs_f64();
    let peak_kept = peak_rss();

    let mut full_s = Vec::new();
    let mut op_s: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); files.len()]; OPS.len()];
    let mut full_found = None;
    for _ in 0..runs {
        let t = Instant::now();
        let mut fresh = PhraseIndex::new();
        fresh.add_all(&ts);
        let fresh_set = fresh.phrases(&min5()).expect("the phrases of the corpus");
        full_s.push(t.elapsed().as_secs_f64());
        full_found = Some(found(&fresh, &fresh_set));
        drop((fresh_set, fresh));
        for (k, &f) in files.iter().enumerate() {
            let t = Instant::now();
            ix.remove(ids[f]);
            let next = query(&mut ix, QueryPath::Incremental);
            op_s[0][k].push(t.elapsed().as_secs_f64());
            drop(std::mem::replace(&mut shown, next));
            let t = Instant::now();
            ids[f] = ix.add(&ts[f]);
            let next = query(&mut ix, QueryPath::Incremental);
            op_s[1][k].push(t.elapsed().as_secs_f64());
            drop(std::mem::replace(&mut shown, next));
            let t = Instant::now();
            ix.replace(ids[f], &edits[k]);
            let next = query(&mut ix, QueryPath::Incremental);
            op_s[2][k].push(t.elapsed().as_secs_f64());
            drop(std::mem::replace(&mut shown, next));
            // Back to the file as it was (not timed).
            ix.replace(ids[f], &ts[f]);
            drop(std::mem::replace(&mut shown, query(&mut ix, QueryPath::Incremental)));
        }
    }
    // The updated answer is a full index's of the same documents (re-added
    // files have new ids, which orders copies of one date differently
    // from the import order: a full search on this index, not a new one).
    let set = query(&mut ix, QueryPath::Incremental);
    drop(shown);
    let updated = found(&ix, &set);
    // What keeping the answer for updates holds: resident memory with it
    // and after letting it go.
    refrain::core::memory::give_back();
    let rss_kept = current_rss();
    ix.set_incremental(false);
    refrain::core::memory::give_back();
    let kept_bytes = rss_kept.saturating_sub(current_rss());
    let rebuilt = query(&mut ix, QueryPath::Full);
    if let Some(k) = set.first_difference(&rebuilt) {
        panic!(
            "the updated phrases differ from a full search's ({} and {} phrases), first at {k}:\n{:?}\n{:?}",
            set.phrases.len(),
            rebuilt.phrases.len(),
            set.phrases.get(k),
            rebuilt.phrases.get(k)
        );
    }
    assert!(ix.doc_ids().all(|d| set.recurring_words(d) == rebuilt.recurring_words(d)), "recurring words differ");
    let full_found = full_found.expect("a full index ran");
    assert_eq!((updated.docs, updated.words), (full_found.docs, full_found.words), "the same corpus");

    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let full = median(&full_s);
    let ops: Vec<Value> = OPS
        .iter()
        .zip(&op_s)
        .map(|(name, per_file)| {
            let all: Vec<f64> = per_file.iter().flatten().copied().collect();
            let per_file: Vec<Value> = files
                .iter()
                .zip(per_file)
                .map(|(&f, times)| {
                    json!({"file": ts[f].path.file_name().map(|n| n.to_string_lossy().into_owned()),
                           "words": ts[f].words, "median_s": median(times)})
                })
                .collect();
            json!({"op": name, "median_s": median(&all), "share_of_full": median(&all) / full, "files": per_file})
        })
        .collect();
    let result = json!({
        "full_s": full,
        "all_full_s": full_s,
        "first_answer_kept_s": first_s,
        "peak_rss_kept": peak_kept,
        "kept_bytes": kept_bytes,
        "peak_rss": peak_rss(),
        "found": updated.to_json(),
        "ops": ops,
    });
    println!("RESULT {result}");
    std::process::exit(0);
}

fn print_table(results: &[Value]) {
    println!();
    println!("{:<6} {:<8} {:>10} {:>8}   per speech (words: median ms)", "corpus", "op", "median ms", "of full");
    for r in results {
        let corpus = r["corpus"].as_str().unwrap_or("?");
        let full = num(r, "full_s");
        println!("{corpus:<6} {:<8} {:>10.1}", "full", full * 1e3);
        for op in r["ops"].as_array().into_iter().flatten() {
            let files: Vec<String> = op["files"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| format!("{}: {:.1}", f["words"], num(f, "median_s") * 1e3))
                .collect();
            println!(
                "{corpus:<6} {:<8} {:>10.1} {:>7.1}%   {}",
                op["op"].as_str().unwrap_or("?"),
                num(op, "median_s") * 1e3,
                num(op, "median_s") / full * 100.0,
                files.join(", "),
            );
        }
        println!(
            "{corpus}: first answer with updates kept {:.2} s, peak memory then {:.0} MB ({:.2}x the text); \
             the answer kept for updates holds {:.0} MB",
            num(r, "first_answer_kept_s"),
            num(r, "peak_rss_kept") / 1e6,
            num(r, "peak_rss_kept") / num(r, "text_bytes"),
            num(r, "kept_bytes") / 1e6,
        );
    }
}

/// `rows-incremental.json` for `benches/run.sh`: per corpus the full index;
/// per operation the median over the speeches timed, against the 5%
/// target on the 10x corpus (shown without a target on SOTU), and the
/// slowest of them (the longest speech, ten times in the 10x corpus),
/// shown beside it.
fn write_run_rows(results: &[Value]) {
    let mut rows = Vec::new();
    for r in results {
        let corpus = r["corpus"].as_str().unwrap_or("?");
        let full = num(r, "full_s");
        rows.push(json!({"measure": format!("incremental, {corpus}: full index (add_all + phrases)"),
                         "measured": format!("{full:.3} s"), "target": "", "ok": null}));
        let row = |measure: String, secs: f64, targeted: bool| {
            json!({
                "measure": measure,
                "measured": format!("{:.1} ms = {:.1}%", secs * 1e3, secs / full * 100.0),
                "target": if targeted { "< 5%" } else { "" },
                "ok": if targeted { json!(secs / full < TARGET_SHARE) } else { Value::Null },
            })
        };
        for op in r["ops"].as_array().into_iter().flatten() {
            let name = op["op"].as_str().unwrap_or("?");
            let files = op["files"].as_array().map_or(0, Vec::len);
            let measure = format!("incremental, {corpus}: {name} one file + phrases, median of {files} speeches");
            rows.push(row(measure, num(op, "median_s"), corpus == "10x"));
            let slowest = op["files"]
                .as_array()
                .into_iter()
                .flatten()
                .max_by(|a, b| num(a, "median_s").total_cmp(&num(b, "median_s")));
            if let Some(f) = slowest {
                let label = format!("{} ({} words)", f["file"].as_str().unwrap_or("?"), f["words"]);
                rows.push(row(
                    format!("incremental, {corpus}: {name}, slowest speech: {label}"),
                    num(f, "median_s"),
                    false,
                ));
            }
        }
    }
    let path = common::results_dir().join("rows-incremental.json");
    let text = serde_json::to_string_pretty(&rows).expect("plain JSON");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("written: {}", path.display());
}
