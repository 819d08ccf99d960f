//! The speech × speech reuse map on the SOTU corpus: its cells against a
//! brute-force count from the phrase set, its symmetry, the 1945 Roosevelt
//! pair among the most similar, its blocks against the full matrix; and
//! `refrain reuse` as a user runs it.

use std::collections::HashSet;
use std::sync::OnceLock;

use refrain::core::compare::reuse_map::{ReuseMap, ReuseOptions};
use refrain::core::phrases::{DocId, PhraseIndex, PhraseOptions, PhraseSet};
use refrain::core::text::transcript::Transcript;

use crate::common;
use crate::support::{refrain, sotu_speeches};

/// SOTU indexed once for every test here: the speeches in date order
/// (document id = position), the index and its phrases.
fn sotu() -> Option<&'static (Vec<Transcript>, PhraseIndex, PhraseSet)> {
    static SOTU: OnceLock<Option<(Vec<Transcript>, PhraseIndex, PhraseSet)>> = OnceLock::new();
    SOTU.get_or_init(|| {
        let corpus = common::corpus()?;
        let ts = sotu_speeches(&corpus);
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        Some((ts, index, set))
    })
    .as_ref()
}

/// Words of `a` inside a matched piece of an occurrence in `a` of a
/// phrase also occurring in `b`, each counted once: the definition, word
/// by word.
fn brute_shared(set: &PhraseSet, words: usize, a: DocId, b: DocId, formulas: bool) -> u32 {
    let mut covered = vec![false; words];
    for p in set.phrases.iter().filter(|p| formulas || !p.formula) {
        if !p.occurrences.iter().any(|o| o.doc == b) || a == b {
            continue;
        }
        for o in p.occurrences.iter().filter(|o| o.doc == a) {
            for r in set.pieces(o) {
                for w in r.clone() {
                    covered[w as usize] = true;
                }
            }
        }
    }
    covered.iter().filter(|&&c| c).count() as u32
}

fn index_of_stem(ts: &[Transcript], stem: &str) -> usize {
    ts.iter().position(|t| t.path.file_stem().is_some_and(|s| s == stem)).unwrap()
}

#[test]
fn cells_agree_with_a_brute_force_count_and_scores_are_symmetric() {
    let Some((ts, index, set)) = sotu() else { return };
    let map = ReuseMap::of_index(index, set, ReuseOptions::default());
    assert_eq!(map.len(), 249);
    // Date order: the map's indices are the transcripts' positions here.
    for (i, d) in map.docs().iter().enumerate() {
        assert_eq!(d.doc as usize, i);
        assert_eq!(d.words as usize, ts[i].words);
    }
    let r1 = index_of_stem(ts, "1945-Roosevelt-1");
    let r2 = index_of_stem(ts, "1945-Roosevelt-2");
    let mut pairs = vec![(r1, r2), (0, 1), (0, 248), (100, 101), (200, 230), (17, 180)];
    pairs.extend((0..8).map(|k| (k * 31 % 249, (k * 57 + 13) % 249)));
    let formulas = ReuseMap::of_index(index, set, ReuseOptions { formulas: true });
    let mut nonzero = 0;
    for (a, b) in pairs {
        for (x, y) in [(a, b), (b, a)] {
            let want = brute_shared(set, ts[x].words, x as DocId, y as DocId, false);
            assert_eq!(map.shared(x, y), want, "{} with {}", ts[x].title, ts[y].title);
            let with = brute_shared(set, ts[x].words, x as DocId, y as DocId, true);
            assert_eq!(formulas.shared(x, y), with);
            assert!(with >= want);
            nonzero += usize::from(want > 0);
        }
        assert_eq!(map.score(a, b), map.score(b, a));
        let shorter = if ts[a].words <= ts[b].words { a } else { b };
        let other = a + b - shorter;
        if a != b {
            assert_eq!(map.score(a, b), map.shared(shorter, other) as f32 / ts[shorter].words as f32);
        }
    }
    assert!(nonzero >= 10, "only {nonzero} pairs share anything");
    for i in 0..map.len() {
        assert_eq!(map.shared(i, i), 0);
        assert_eq!(map.score(i, i), 0.0);
        for j in 0..map.len() {
            let s = map.score(i, j);
            assert!((0.0..=1.0).contains(&s) && s == map.score(j, i));
            assert!(map.shared(i, j) <= map.docs()[i].words);
        }
    }
}

#[test]
fn the_1945_roosevelt_pair_is_among_the_most_similar() {
    let Some((ts, index, set)) = sotu() else { return };
    let map = ReuseMap::of_index(index, set, ReuseOptions::default());
    let (r1, r2) = (index_of_stem(ts, "1945-Roosevelt-1"), index_of_stem(ts, "1945-Roosevelt-2"));
    let top = map.top_pairs(5);
    assert_eq!(top.len(), 5);
    assert!(top.iter().any(|p| (p.a, p.b) == (r1, r2)), "{top:?}");
    assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
    for p in &top {
        assert_eq!(Some(*p), map.pair(p.b, p.a));
        assert_eq!((p.doc_a as usize, p.doc_b as usize), (p.a, p.b));
    }
    // The top pair against every other pair.
    let best = (0..249).flat_map(|a| (a + 1..249).map(move |b| (a, b))).map(|(a, b)| map.score(a, b));
    assert_eq!(best.fold(0.0f32, f32::max), top[0].score);
}

#[test]
fn blocks_agree_with_the_full_matrix() {
    let Some((_, index, set)) = sotu() else { return };
    let map = ReuseMap::of_index(index, set, ReuseOptions::default());
    for groups in [map.groups_of(10), map.groups_of(1), map.groups_by_year(10), map.groups_by_year(1)] {
        // The groups cover the speeches once, in order.
        let flat: Vec<usize> = groups.iter().flat_map(|g| g.clone()).collect();
        assert_eq!(flat, (0..map.len()).collect::<Vec<_>>());
        let blocks = map.blocks(groups.clone());
        let g = groups.len();
        assert_eq!(blocks.cells.len(), g * g);
        for x in 0..g {
            for y in 0..g {
                let cell = blocks.cell(x, y).unwrap();
                assert_eq!(cell, blocks.cell(y, x).unwrap());
                let mut scores = Vec::new();
                let mut seen = HashSet::new();
                for a in groups[x].clone() {
                    for b in groups[y].clone() {
                        if a != b && seen.insert((a.min(b), a.max(b))) {
                            scores.push((map.score(a, b), a.min(b), a.max(b)));
                        }
                    }
                }
                assert_eq!(cell.pairs as usize, scores.len());
                let max = scores.iter().map(|s| s.0).fold(0.0f32, f32::max);
                assert_eq!(cell.max, max);
                let mean = scores.iter().map(|s| f64::from(s.0)).sum::<f64>() / scores.len().max(1) as f64;
                assert!((f64::from(cell.mean) - mean).abs() < 1e-5, "{} vs {mean}", cell.mean);
                match cell.pair {
                    Some(p) => assert_eq!(map.score(p.a, p.b), max),
                    None => assert!(scores.is_empty()),
                }
            }
        }
    }
    // Decades: the first group holds the 1790s.
    let decades = map.groups_by_year(10);
    assert!(map.docs()[decades[0].clone()].iter().all(|d| d.date.is_some_and(|d| d.to_string() < "1800".into())));
}

#[test]
fn refrain_reuse_prints_the_top_pairs_and_the_matrix() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let out = refrain(&["reuse".as_ref(), speeches.as_os_str(), "--top".as_ref(), "5".as_ref()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("249 speeches"), "{text}");
    assert!(text.lines().filter(|l| l.contains("1945-Roosevelt-")).count() >= 1, "{text}");

    let out = refrain(&["reuse".as_ref(), "--json".as_ref(), speeches.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 249);
    let shared = v["shared"].as_array().unwrap();
    let scores = v["scores"].as_array().unwrap();
    assert_eq!((shared.len(), scores.len()), (249, 249));
    if let Some((ts, index, set)) = sotu() {
        let map = ReuseMap::of_index(index, set, ReuseOptions::default());
        for (i, t) in ts.iter().enumerate() {
            assert!(docs[i]["path"].as_str().unwrap().ends_with(&*t.path.file_name().unwrap().to_string_lossy()));
            for j in [0, 57, 248] {
                assert_eq!(shared[i][j].as_u64(), Some(u64::from(map.shared(i, j))));
                assert!((scores[i][j].as_f64().unwrap() - f64::from(map.score(i, j))).abs() < 1e-4);
            }
        }
    }

    let out = refrain(&["reuse".as_ref(), "--json".as_ref(), "--block".as_ref(), "10".as_ref(), speeches.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["blocks"]["groups"].as_array().unwrap().len(), 25);
    assert_eq!(v["blocks"]["cells"].as_array().unwrap().len(), 25 * 25);
}
