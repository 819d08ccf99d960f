//! `refrain shingles` as a user runs it: on the SOTU corpus, the n-grams
//! its hashes say two speeches share are exactly the 5-grams inside the
//! phrases `refrain phrases --max-gap 0` finds, with the same speeches; a
//! file that cannot be read is reported and the others still written.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsStr;
use std::path::Path;

use refrain::core::export::shingles::ngram_hash;
use serde::Deserialize;
use serde_json::Value;

use crate::common;
use crate::support::refrain;

/// The fields of a `refrain shingles` line the tests read (typed: parsing
/// 100 MB of JSON into `Value`s takes minutes in a debug build).
#[derive(Debug, Deserialize)]
struct Line {
    path: String,
    date: Option<String>,
    date_precision: Option<String>,
    speaker: Option<String>,
    words: usize,
    n: usize,
    hashes: Vec<i64>,
    start_bytes: Option<Vec<u32>>,
    end_bytes: Option<Vec<u32>>,
}

/// The parts of `refrain phrases --json` read here.
#[derive(Debug, Deserialize)]
struct Phrases {
    phrases: Vec<Phrase>,
}

#[derive(Debug, Deserialize)]
struct Phrase {
    occurrences: Vec<Occurrence>,
}

#[derive(Debug, Deserialize)]
struct Occurrence {
    path: String,
    start_byte: u32,
    end_byte: u32,
}

/// Hash → the documents holding it (by their line), in line order.
type Shared = HashMap<i64, Vec<usize>>;

/// The lines of a `refrain shingles` run over `paths` with `extra` options.
fn shingles(paths: &[&Path], extra: &[&str], out: &Path) -> Vec<Line> {
    let mut args: Vec<&OsStr> = vec!["shingles".as_ref(), "-o".as_ref(), out.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let run = refrain(&args);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(out).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Hashes as a JSON line holds them: each a signed 64-bit integer.
fn hashes(line: &Value) -> Vec<i64> {
    line["hashes"].as_array().unwrap().iter().map(|h| h.as_i64().expect("a signed 64-bit integer")).collect()
}

#[test]
fn shared_ngrams_of_the_shingles_are_the_phrase_engines_on_sotu() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let dir = tempfile::tempdir().unwrap();
    let lines = shingles(&[&speeches], &[], &dir.path().join("set.jsonl"));
    let with_positions = shingles(&[&speeches], &["--positions"], &dir.path().join("positions.jsonl"));
    assert_eq!(lines.len(), 249);
    assert_eq!(with_positions.len(), 249);

    // The metadata, as `inspect` reads it.
    let first = &lines[0];
    assert!(first.path.ends_with("1790-Washington-1.txt"), "{first:?}");
    assert_eq!((first.date.as_deref(), first.date_precision.as_deref()), (Some("1790-01-08"), Some("day")));
    assert_eq!(first.speaker.as_deref(), Some("George Washington"));
    for line in &lines {
        assert_eq!((line.n, line.start_bytes.as_ref()), (5, None));
        assert!(line.hashes.windows(2).all(|w| w[0] < w[1]), "distinct, ascending: {}", line.path);
        assert!(!line.hashes.is_empty() && line.hashes.len() <= line.words - 4, "{}", line.path);
    }

    // Shared by the shingles: a group-by on hash, as the Spark job does.
    let mut shared = Shared::new();
    for (d, line) in lines.iter().enumerate() {
        for &h in &line.hashes {
            shared.entry(h).or_default().push(d);
        }
    }
    shared.retain(|_, docs| docs.len() >= 2);

    // With positions: every 5-gram in text order, the same set per document.
    for (line, all) in lines.iter().zip(&with_positions) {
        assert_eq!(all.path, line.path);
        assert_eq!(all.hashes.iter().copied().collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>(), line.hashes);
        assert_eq!(all.start_bytes.as_ref().map(Vec::len), Some(all.hashes.len()));
        assert_eq!(all.end_bytes.as_ref().map(Vec::len), Some(all.hashes.len()));
    }

    // Shared according to the phrases: each 5-gram lying inside an
    // occurrence of an exact phrase of at least 5 words, found by its
    // byte range (no word normalized here).
    let out = refrain(&[
        "phrases".as_ref(),
        "--json".as_ref(),
        "--min-words".as_ref(),
        "5".as_ref(),
        "--max-gap".as_ref(),
        "0".as_ref(),
        speeches.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let phrases: Phrases = serde_json::from_slice(&out.stdout).unwrap();
    let doc_of: HashMap<&str, usize> = lines.iter().enumerate().map(|(d, l)| (l.path.as_str(), d)).collect();
    let mut from_phrases = Shared::new();
    let mut covered = BTreeSet::new();
    for o in phrases.phrases.iter().flat_map(|p| &p.occurrences) {
        let d = doc_of[o.path.as_str()];
        let line = &with_positions[d];
        let (starts, ends) = (line.start_bytes.as_ref().unwrap(), line.end_bytes.as_ref().unwrap());
        let mut k = starts.partition_point(|&s| s < o.start_byte);
        while k < starts.len() && ends[k] <= o.end_byte {
            from_phrases.entry(line.hashes[k]).or_default().push(d);
            covered.insert((d, k));
            k += 1;
        }
    }
    for docs in from_phrases.values_mut() {
        docs.sort_unstable();
        docs.dedup();
    }
    assert!(shared.len() > 50_000, "{}", shared.len());
    let only_shingles: Vec<_> = shared.keys().filter(|h| !from_phrases.contains_key(h)).take(5).collect();
    let only_phrases: Vec<_> = from_phrases.keys().filter(|h| !shared.contains_key(h)).take(5).collect();
    assert!(only_shingles.is_empty() && only_phrases.is_empty(), "{only_shingles:?} {only_phrases:?}");
    let other_docs: Vec<_> = shared.iter().filter(|(h, docs)| from_phrases[*h] != **docs).take(5).collect();
    assert!(other_docs.is_empty(), "same n-grams, other documents: {other_docs:?}");
    // And every place a shared 5-gram occurs lies inside a phrase occurrence.
    let places: BTreeSet<(usize, usize)> = with_positions
        .iter()
        .enumerate()
        .flat_map(|(d, l)| {
            l.hashes.iter().enumerate().filter(|(_, h)| shared.contains_key(h)).map(move |(k, _)| (d, k))
        })
        .collect();
    assert_eq!(places.len(), covered.len());
    assert!(places == covered);

    // "the state of the union" is said in many speeches.
    let union = ngram_hash("the state of the union") as i64;
    assert!(shared.get(&union).is_some_and(|docs| docs.len() > 50), "{:?}", shared.get(&union).map(Vec::len));
}

#[test]
fn a_bad_file_is_reported_and_the_others_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "We hold these truths to be self-evident, that all men are created equal.").unwrap();
    let out_path = dir.path().join("out.jsonl");
    let out = refrain(&[
        "shingles".as_ref(),
        "--words".as_ref(),
        "3".as_ref(),
        "-o".as_ref(),
        out_path.as_os_str(),
        "/no/such/transcript.txt".as_ref(),
        good.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/transcript.txt"), "{stderr}");
    let text = std::fs::read_to_string(&out_path).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["n"], 3);
    assert_eq!(lines[0]["date"], Value::Null);
    // 13 words: 11 distinct 3-grams, the first as normalized.
    assert_eq!(hashes(&lines[0]).len(), 11);
    assert!(hashes(&lines[0]).contains(&(ngram_hash("we hold these") as i64)));

    // `-o -` writes to standard output; --words 0 is a usage error.
    let out = refrain(&["shingles".as_ref(), "-o".as_ref(), "-".as_ref(), good.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((line["n"].as_u64(), hashes(&line).len()), (Some(5), 9));
    let out = refrain(&[
        "shingles".as_ref(),
        "--words".as_ref(),
        "0".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
        good.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
