//! Property tests of the core: tokenizing, phrase finding and the revision
//! diff on generated inputs.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use refrain::core::compare::revision::{RevisionOp, RevisionOptions, covered, revision_diff};
use refrain::core::phrases::runs::{copies_kept, find_runs};
use refrain::core::phrases::{PhraseIndex, PhraseOptions};
use refrain::core::text::transcript::{DatePrecision, DateSource, SpeechDate, Transcript};
use refrain::core::text::{Language, tokenize};

/// `cases` generated inputs for each property, run after the failures saved
/// in `properties.proptest-regressions` beside this file (by default
/// proptest would look in `tests/proptest-regressions/`).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    }
}

fn contiguous(ranges: &[std::ops::Range<u32>], len: usize) -> bool {
    let mut at = 0u32;
    for r in ranges {
        if r.start != at || r.end < r.start {
            return false;
        }
        at = r.end;
    }
    at as usize == len
}

/// A corpus of small documents over a tiny vocabulary, so phrases recur.
fn corpus() -> impl Strategy<Value = Vec<(Vec<u8>, u16)>> {
    prop::collection::vec((prop::collection::vec(0u8..4, 0..60), 0u16..40), 2..7)
}

const WORDS: [&str; 4] = ["alpha", "Beta", "ГАММА", "dış"];

/// For each word of a document, whether the phrase index keeps it: all but
/// the middle copies of self-repeating runs (`phrases::runs`).
fn kept_words(ids: &[u32], min_words: usize) -> Vec<bool> {
    let mut kept = vec![true; ids.len()];
    for run in find_runs(ids, min_words) {
        kept[run.dropped(copies_kept(run.period, min_words))].iter_mut().for_each(|k| *k = false);
    }
    kept
}

fn transcripts(docs: &[(Vec<u8>, u16)]) -> Vec<Transcript> {
    docs.iter()
        .enumerate()
        .map(|(k, (words, day))| {
            let text: Vec<&str> = words.iter().map(|&w| WORDS[w as usize]).collect();
            let mut t = Transcript::from_text(format!("doc{k}.txt"), "t", &text.join(" "));
            t.date = Some(SpeechDate {
                date: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(*day as u64),
                precision: DatePrecision::Day,
                source: DateSource::Header,
            });
            t
        })
        .collect()
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn tokenizing_never_panics_and_offsets_are_char_boundaries(text in any::<String>(), turkish in any::<bool>()) {
        let lang = if turkish { Language::Turkish } else { Language::English };
        let words = tokenize(&text, lang);
        let mut last_end = 0;
        for w in &words {
            prop_assert!(text.is_char_boundary(w.range.start) && text.is_char_boundary(w.range.end));
            prop_assert!(w.range.start >= last_end && w.range.start < w.range.end);
            prop_assert!(!w.norm.is_empty());
            last_end = w.range.end;
        }
    }

    #[test]
    fn revision_diff_accounts_for_both_texts(
        old in prop::collection::vec(0u32..6, 0..80),
        new in prop::collection::vec(0u32..6, 0..80),
        min_move in 1usize..5,
    ) {
        let ops = revision_diff(&old, &new, &RevisionOptions::default().min_move_words(min_move));
        let (o, n) = covered(&ops);
        prop_assert!(contiguous(&o, old.len()), "old not reconstructed: {ops:?}");
        prop_assert!(contiguous(&n, new.len()), "new not reconstructed: {ops:?}");
        for op in &ops {
            match op {
                RevisionOp::Equal { old: a, new: b } => {
                    prop_assert_eq!(&old[a.start as usize..a.end as usize], &new[b.start as usize..b.end as usize]);
                }
                RevisionOp::MovedTo { new: b, from: a, changes } => {
                    let (co, cn) = covered(changes);
                    let shift = |rs: Vec<std::ops::Range<u32>>, by: u32| -> Vec<std::ops::Range<u32>> {
                        rs.into_iter().map(|r| r.start - by..r.end - by).collect()
                    };
                    prop_assert!(contiguous(&shift(co, a.start), a.len()));
                    prop_assert!(contiguous(&shift(cn, b.start), b.len()));
                }
                _ => {}
            }
        }
    }

    #[test]
    fn phrases_are_real_maximal_and_dated_right(
        docs in corpus(),
        min_words in 1usize..5,
        min_speeches in 2usize..4,
    ) {
        let ts = transcripts(&docs);
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        let options = PhraseOptions::default().min_words(min_words).min_speeches(min_speeches);
        let set = index.phrases(&options).unwrap();
        let exact = index.phrases(&options.clone().max_gap(0)).unwrap();
        let words_of = |d: u32, r: &std::ops::Range<u32>| -> Vec<u32> {
            index.doc(d).unwrap().ids.slice(r.start as usize..r.end as usize)
        };
        // Words the index keeps: inside a long self-repeating run only a few
        // copies, so occurrences spanning runs of different lengths differ
        // in the copies left out, and match in the words kept.
        let kept: HashMap<u32, Vec<bool>> =
            ids.iter().map(|&d| (d, kept_words(&index.doc(d).unwrap().ids.to_vec(), min_words))).collect();
        let in_run = |o: &refrain::core::phrases::Occurrence| kept[&o.doc][o.words.start as usize..o.words.end as usize].contains(&false);
        for p in &set.phrases {
            // The matched words of an occurrence: its pieces, gaps left out.
            let matched = |o: &refrain::core::phrases::Occurrence| -> Vec<u32> {
                set.pieces(o).iter().flat_map(|r| words_of(o.doc, r)).collect()
            };
            let through_runs = p.occurrences.iter().any(in_run);
            let reference = matched(&p.occurrences[0]);
            if through_runs {
                // As long as its shortest occurrence.
                let shortest = p.occurrences.iter().map(|o| matched(o).len()).min().unwrap_or(0);
                prop_assert_eq!(shortest, p.len as usize);
            } else {
                prop_assert_eq!(reference.len(), p.len as usize);
            }
            prop_assert!(p.len as usize >= min_words);
            let shortest_words =
                p.occurrences.iter().map(&matched).min_by_key(|w| w.len()).unwrap_or_default();
            for o in &p.occurrences {
                let doc = index.doc(o.doc).unwrap();
                prop_assert!((o.words.end as usize) <= doc.ids.len());
                let words = matched(o);
                if !through_runs {
                    prop_assert_eq!(words, shortest_words.clone());
                } else {
                    // Runs of different lengths are the same phrase (one
                    // speech's run may be another's few copies): the same
                    // words at both ends, at least as many words.
                    prop_assert!(words.len() >= p.len as usize);
                    prop_assert_eq!(words.first(), shortest_words.first());
                    prop_assert_eq!(words.last(), shortest_words.last());
                }
                // Pieces are in order, inside the occurrence, with gaps of at
                // most one word (the default) between them.
                let pieces = set.pieces(o);
                prop_assert_eq!(pieces[0].start, o.words.start);
                prop_assert_eq!(pieces[pieces.len() - 1].end, o.words.end);
                prop_assert_eq!(pieces.len() > 1, o.has_gaps());
                for w in pieces.windows(2) {
                    // The gap counted in the words the index keeps.
                    let gap = kept[&o.doc][w[0].end as usize..w[1].start as usize].iter().filter(|k| **k).count();
                    prop_assert!(w[0].end <= w[1].start && gap <= 1);
                }
                if !p.bridged {
                    let text = &ts[o.doc as usize].body[set.occurrence_bytes(o)];
                    prop_assert_eq!(text.split_whitespace().count(), matched(o).len());
                }
            }
            let docs_used: HashSet<u32> = p.occurrences.iter().map(|o| o.doc).collect();
            prop_assert_eq!(docs_used.len(), p.speeches as usize);
            prop_assert!(docs_used.len() >= min_speeches);
            if !p.bridged {
                // Maximal: the occurrences do not all continue with the same
                // word on the right, nor all start after the same word on the left.
                let next: Vec<Option<u32>> = p.occurrences.iter().map(|o| index.doc(o.doc).unwrap().ids.get(o.words.end as usize)).collect();
                prop_assert!(next.iter().any(|w| w.is_none() || *w != next[0]), "extendable right");
                let prev: Vec<Option<u32>> = p.occurrences.iter().map(|o| o.words.start.checked_sub(1).and_then(|i| index.doc(o.doc).unwrap().ids.get(i as usize))).collect();
                prop_assert!(prev.iter().any(|w| w.is_none() || *w != prev[0]), "extendable left");
            }
            // First use is the earliest date among the occurrences.
            let first_date = ts[p.first as usize].date.unwrap().date;
            prop_assert!(p.occurrences.iter().all(|o| ts[o.doc as usize].date.unwrap().date >= first_date));
        }
        // Complete: every word inside an n-gram found in enough documents is
        // inside some phrase.
        let mut docs_of: HashMap<Vec<u32>, HashSet<usize>> = HashMap::new();
        for (k, &id) in ids.iter().enumerate() {
            for g in index.doc(id).unwrap().ids.to_vec().windows(min_words) {
                docs_of.entry(g.to_vec()).or_default().insert(k);
            }
        }
        for (k, &id) in ids.iter().enumerate() {
            let toks = &index.doc(id).unwrap().ids.to_vec();
            let mut cov = vec![false; toks.len()];
            for (i, g) in toks.windows(min_words).enumerate() {
                if docs_of[g].len() >= min_speeches {
                    cov[i..i + min_words].iter_mut().for_each(|c| *c = true);
                }
            }
            let naive = cov.iter().filter(|&&c| c).count();
            // Also the words of the copies a run leaves out: a phrase
            // inside the run covers them as it does the copies kept.
            prop_assert_eq!(exact.recurring_words(id), naive, "doc {}", k);
            prop_assert!(set.recurring_words(id) >= naive, "doc {}", k);
        }
    }
}

/// Pieces speeches are made of: stretches of words, and runs repeating a
/// few words many times (a chant, one word said over and over).
#[derive(Debug, Clone)]
enum Piece {
    Words(Vec<u8>),
    Run(Vec<u8>, usize),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        prop::collection::vec(0u8..30, 0..40).prop_map(Piece::Words),
        (prop::collection::vec(0u8..30, 1..6), 1usize..300).prop_map(|(unit, copies)| Piece::Run(unit, copies)),
    ]
}

proptest! {
    #![proptest_config(config(48))]

    /// However the speeches repeat themselves, the phrases found hold a
    /// number of occurrences proportional to the words (without the runs'
    /// middle copies left out, a run of k copies in two speeches gave about
    /// k² occurrences).
    #[test]
    fn occurrences_grow_linearly_with_the_words_on_repetitive_text(
        pieces in prop::collection::vec(piece(), 1..8),
        picks in prop::collection::vec(prop::collection::vec(0usize..8, 1..10), 2..4),
        min_words in 2usize..6,
    ) {
        // Each speech strings together some of the pieces (so they share them).
        let ts: Vec<Transcript> = picks
            .iter()
            .enumerate()
            .map(|(k, pick)| {
                let mut words: Vec<String> = Vec::new();
                for &i in pick {
                    match &pieces[i % pieces.len()] {
                        Piece::Words(w) => words.extend(w.iter().map(|w| format!("w{w}"))),
                        Piece::Run(unit, copies) => {
                            for _ in 0..*copies {
                                words.extend(unit.iter().map(|w| format!("w{w}")));
                            }
                        }
                    }
                }
                Transcript::from_text(format!("doc{k}.txt"), "t", &words.join(" "))
            })
            .collect();
        let total: usize = ts.iter().map(|t| t.words).sum();
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default().min_words(min_words)).unwrap();
        let occurrences: usize = set.phrases.iter().map(|p| p.occurrences.len()).sum();
        prop_assert!(occurrences <= 16 * total + 64, "{} occurrences for {} words", occurrences, total);
    }
}

/// Strings rich in the characters word segmentation cares about.
fn segmentation_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "7", "0", ".", ",", ";", ":", "'", "_", "-", " ", "\n", "\t", "\"", "(", "’", "é", "İ", "ы",
        "\u{301}", "\u{a0}", "\u{200d}", "\u{2019}", "‐", "—", "1,000", "U.S.", "e.g.", "don't", "3.5", "a_b", "\r",
        // Control characters inside a chunk, for the ASCII fast path.
        "\u{1}", "\u{b}", "\u{7f}",
    ]);
    // Longer runs of letters, digits and joiners.
    let long = prop::sample::select(vec!["Abcdefghijklmnopq", "under_score_words", "12,345,678.90"]);
    let pieces = prop_oneof![4 => pieces, 1 => long];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn fast_word_segmentation_equals_unicode_segmentation(text in prop_oneof![segmentation_text(), any::<String>()]) {
        use unicode_segmentation::UnicodeSegmentation;
        let mut ours = Vec::new();
        refrain::core::text::for_each_word_segment(&text, |s, e| ours.push((s, e)));
        let theirs: Vec<(usize, usize)> = text.unicode_word_indices().map(|(s, w)| (s, s + w.len())).collect();
        prop_assert_eq!(ours, theirs, "{:?}", text);
    }
}

/// Words of every length around the 15 bytes the phrase index packs, in
/// mixed case and scripts, with the characters normalizing changes.
fn word_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "the", "The", "THE", "I", "i", "İ", "ı", "Iİı", "ISPARTA", "ё", "ЕЩЁ", "’", "'", "-", "‐", " ", "\n", ".",
        "Zz9_", "e\u{301}", "@", "[", "`", "{",
    ]);
    // 14, 15 and 16 bytes: around the longest packed word.
    let long = prop::sample::select(vec!["Abcdefghijklmn", "abcdefghijklmno", "ABCDEFGHIJKLMNOP", "Ünïcode"]);
    let pieces = prop_oneof![4 => pieces, 1 => long];
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(1000))]

    /// The phrase index's own fast paths (packed words, ASCII lowercased in
    /// place) give every word the normalized form `tokenize` gives it.
    #[test]
    fn indexed_words_are_the_tokenizers_words(
        texts in prop::collection::vec(prop_oneof![word_text(), any::<String>()], 1..4),
        lang in 0usize..4,
    ) {
        let tag = ["", "en-US", "tr-TR", "ru-RU"][lang];
        let ts: Vec<Transcript> = texts
            .iter()
            .enumerate()
            .map(|(k, text)| {
                let mut t = Transcript::from_text(format!("doc{k}.txt"), "t", text);
                if !tag.is_empty() {
                    t.languages = vec![tag.to_string()];
                }
                t
            })
            .collect();
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        for (t, id) in ts.iter().zip(ids) {
            let doc = index.doc(id).unwrap();
            let words = tokenize(&t.body, Language::from_tags(&t.languages));
            let ranges: Vec<(u32, u32)> = words.iter().map(|w| (w.range.start as u32, w.range.end as u32)).collect();
            prop_assert_eq!(doc.words.to_vec(), ranges);
            let norms: Vec<&str> = doc.ids.iter().map(|i| index.vocabulary().word(i)).collect();
            let wanted: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
            prop_assert_eq!(norms, wanted, "{:?}", t.body);
        }
    }
}
