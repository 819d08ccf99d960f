//! A transcript's bodies are segmented into words once, at import; the
//! phrase and search indexes reuse those ranges. A transcript without them
//! (deserialized: they are not saved) must index exactly as the imported one.

use refrain::core::import::files::{FileOutcome, ImportOptions, import_paths};
use refrain::core::phrases::{PhraseIndex, PhraseOptions};
use refrain::core::search::{Query, SearchIndex, SearchOptions};
use refrain::core::text::transcript::Transcript;
use refrain::core::text::{Language, WordRanges, tokenize};

use crate::common;

/// The fixtures, the built-in samples and, when the corpus is there, the seed.
fn imported() -> Vec<Transcript> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![root.join("tests/fixtures"), root.join("assets/samples")];
    if let Some(corpus) = common::corpus() {
        sources.push(common::seed_file(&corpus));
    }
    let ts: Vec<Transcript> = import_paths(&sources, &ImportOptions::default())
        .into_iter()
        .filter_map(FileOutcome::into_transcript)
        .collect();
    assert!(ts.len() > 30, "only {} transcripts", ts.len());
    ts
}

#[test]
fn word_ranges_are_the_tokenizers_words() {
    for t in imported() {
        let words: Vec<(u32, u32)> = tokenize(&t.body, Language::from_tags(&t.languages))
            .into_iter()
            .map(|w| (w.range.start as u32, w.range.end as u32))
            .collect();
        assert_eq!(t.word_ranges().to_vec(), words, "{}", t.path.display());
        assert_eq!(WordRanges::of(&t.body).to_vec(), words, "{}", t.path.display());
        assert_eq!(t.words, words.len(), "{}", t.path.display());
    }
}

#[test]
fn a_deserialized_transcript_indexes_like_the_imported_one() {
    let ts = imported();
    let back: Vec<Transcript> =
        ts.iter().map(|t| serde_json::from_str(&serde_json::to_string(t).unwrap()).unwrap()).collect();
    assert_eq!(back, ts);

    let mut a = PhraseIndex::new();
    let ids_a = a.add_all(&ts);
    let mut b = PhraseIndex::new();
    let ids_b = b.add_all(&back);
    assert_eq!(ids_a, ids_b);
    for ((&ia, &ib), t) in ids_a.iter().zip(&ids_b).zip(&ts) {
        let (da, db) = (a.doc(ia).unwrap(), b.doc(ib).unwrap());
        assert_eq!(da.words.to_vec(), db.words.to_vec(), "{}", t.path.display());
        assert_eq!(da.ids, db.ids, "{}", t.path.display());
        // The imported transcript's ranges are shared, not copied.
        assert!(da.words.shares(&t.word_ranges()), "{}", t.path.display());
    }
    let options = PhraseOptions::default().min_words(3);
    let (sa, sb) = (a.phrases(&options).unwrap(), b.phrases(&options).unwrap());
    assert!(!sa.phrases.is_empty());
    assert_eq!(sa.phrases, sb.phrases);
    for &id in &ids_a {
        assert_eq!(sa.spans(id), sb.spans(id));
    }

    let (xa, xb) = (SearchIndex::build(&ts), SearchIndex::build(&back));
    for q in ["the", "state of", "\"security\"", "istanbul", "безопасн", "мы"] {
        let query = Query::parse(q, SearchOptions::default()).unwrap();
        let (ra, rb) = (xa.search(&ts, &query), xb.search(&back, &query));
        assert_eq!(ra.flat().collect::<Vec<_>>(), rb.flat().collect::<Vec<_>>(), "{q}");
    }
}
