//! Pairwise comparison and time classification: shared passages found
//! wherever they sit, the revision diff of an edited State of the Union
//! speech, formulas, and earlier / introduced-here / unique spans.

use chrono::NaiveDate;
use refrain::core::compare::pairwise::shared_passages;
use refrain::core::compare::revision::{RevisionOp, RevisionOptions, covered, revision_diff};
use refrain::core::phrases::{PhraseIndex, PhraseOptions, SpanKind};
use refrain::core::text::transcript::{DatePrecision, DateSource, SpeechDate, Transcript};

use crate::common;
use crate::support::{import, sotu_metadata};

fn dated(name: &str, text: &str, y: i32, m: u32, d: u32) -> Transcript {
    let mut t = Transcript::from_text(name, name, text);
    t.date = Some(SpeechDate {
        date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        precision: DatePrecision::Day,
        source: DateSource::Header,
    });
    t
}

/// A deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn earlier_introduced_here_and_unique_spans() {
    let ts = vec![
        dated(
            "a.txt",
            "In 2015 we said the terrorists continue to pose a major threat to everyone. Fine.",
            2015,
            9,
            28,
        ),
        dated(
            "b.txt",
            "Today the terrorists continue to pose a major threat to all countries without exception here.",
            2018,
            11,
            7,
        ),
        dated(
            "c.txt",
            "Again: the terrorists continue to pose major threat to all countries without exception, we repeat.",
            2019,
            3,
            1,
        ),
    ];
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();
    let spans_b = set.spans(ids[1]);
    let text_of =
        |k: usize, s: &refrain::core::phrases::Span| ts[k].body[set.byte_range(ids[k], s.words.clone())].to_string();
    let earlier: Vec<String> =
        spans_b.iter().filter(|s| matches!(s.kind, SpanKind::Earlier { .. })).map(|s| text_of(1, s)).collect();
    let introduced: Vec<String> =
        spans_b.iter().filter(|s| matches!(s.kind, SpanKind::IntroducedHere { .. })).map(|s| text_of(1, s)).collect();
    assert_eq!(earlier, vec!["the terrorists continue to pose a major threat to"]);
    assert_eq!(introduced, vec!["all countries without exception"]);
    assert!(matches!(spans_b[0].kind, SpanKind::Unique));
    // In c, "a" is missing: with the default one-word gap, "the terrorists
    // continue to pose [a] major threat to" is one phrase first said in 2015,
    // and "all countries without exception" was first said in 2018.
    let spans_c = set.spans(ids[2]);
    let recurring: Vec<(String, SpanKind)> =
        spans_c.iter().filter(|s| !matches!(s.kind, SpanKind::Unique)).map(|s| (text_of(2, s), s.kind)).collect();
    assert_eq!(recurring.len(), 2, "{recurring:?}");
    assert_eq!(recurring[0].0, "the terrorists continue to pose major threat to");
    assert!(matches!(recurring[0].1, SpanKind::Earlier { first, .. } if first == ids[0]));
    assert_eq!(recurring[1].0, "all countries without exception");
    assert!(matches!(recurring[1].1, SpanKind::Earlier { first, .. } if first == ids[1]));
    // That phrase is listed once, with c's wording as a variant.
    let bridged = set.phrases.iter().find(|p| p.bridged && p.speeches == 3).expect("a bridged phrase in all three");
    assert_eq!(bridged.first, ids[0]);
    let in_c = bridged.occurrences.iter().find(|o| o.doc == ids[2]).unwrap();
    assert_eq!(&ts[2].body[set.occurrence_bytes(in_c)], "the terrorists continue to pose major threat to");
    let in_a = bridged.occurrences.iter().find(|o| o.doc == ids[0]).unwrap();
    assert_eq!(&ts[0].body[set.occurrence_bytes(in_a)], "the terrorists continue to pose a major threat to");
    // Without gaps, c's passage splits where the word is missing.
    let strict = index.phrases(&PhraseOptions::default().max_gap(0)).unwrap();
    let strict_c: Vec<String> =
        strict.spans(ids[2]).iter().filter(|s| !matches!(s.kind, SpanKind::Unique)).map(|s| text_of(2, s)).collect();
    assert_eq!(strict_c, vec!["the terrorists continue to pose", "major threat to all countries without exception"]);
    // The first speech only introduces.
    assert!(set.spans(ids[0]).iter().all(|s| !matches!(s.kind, SpanKind::Earlier { .. })));
}

#[test]
fn a_changed_word_inside_a_recurring_passage_is_bridged() {
    let ts = vec![
        dated(
            "a.txt",
            "Intro. The terrorists continue to pose a major threat to everyone in the whole region. End.",
            2015,
            1,
            1,
        ),
        dated(
            "d.txt",
            "Now: the terrorists continue to pose a grave threat to everyone in the whole region, sadly.",
            2020,
            1,
            1,
        ),
    ];
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&ts);
    let recurring = |set: &refrain::core::phrases::PhraseSet| -> Vec<String> {
        set.spans(ids[1])
            .iter()
            .filter(|s| !matches!(s.kind, SpanKind::Unique))
            .map(|s| ts[1].body[set.byte_range(ids[1], s.words.clone())].to_string())
            .collect()
    };
    let bridged = index.phrases(&PhraseOptions::default()).unwrap();
    assert_eq!(
        recurring(&bridged),
        vec!["the terrorists continue to pose a grave threat to everyone in the whole region"]
    );
    // "grave" is highlighted as part of the passage but is not a repeated word.
    assert_eq!(bridged.recurring_words(ids[1]), 6 + 7);
    let strict = index.phrases(&PhraseOptions::default().max_gap(0)).unwrap();
    assert_eq!(recurring(&strict), vec!["the terrorists continue to pose a", "threat to everyone in the whole region"]);
}

#[test]
fn formulas_are_marked_and_can_be_hidden() {
    let formula = "ladies and gentlemen thank you very much";
    let ts: Vec<Transcript> = (0..4)
        .map(|k| {
            dated(
                &format!("{k}.txt"),
                &format!("{formula} speech number {k} {}", "word ".repeat(k)),
                2000 + k as i32,
                1,
                1,
            )
        })
        .collect();
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();
    assert!(set.phrases.iter().any(|p| p.formula && p.speeches == 4), "{:?}", set.phrases);
    assert!(set.recurring_words(ids[2]) >= 7);
    let hidden = index.phrases(&PhraseOptions::default().hide_formulas(true)).unwrap();
    assert_eq!(hidden.recurring_words(ids[2]), 0);
    // Adding and removing a document updates the answers.
    let extra = index.add(&dated("x.txt", "completely different words here and there again", 2010, 1, 1));
    let with_extra = index.phrases(&PhraseOptions::default()).unwrap();
    assert_eq!(with_extra.recurring_words(extra), 0);
    index.remove(ids[0]);
    let after = index.phrases(&PhraseOptions::default()).unwrap();
    assert!(after.phrases.iter().all(|p| p.occurrences.iter().all(|o| o.doc != ids[0])));
    assert!(after.phrases.iter().any(|p| p.speeches == 3));
}

#[test]
fn shared_passages_survive_shuffled_paragraphs() {
    let Some(corpus) = common::corpus() else { return };
    let a = import(&corpus.join("sotu/speeches/2002-Bush-1.txt"));
    let b = import(&corpus.join("sotu/speeches/2003-Bush-1.txt"));
    // b with its paragraphs in reverse order.
    let reversed: Vec<&str> = b.paragraphs.iter().rev().map(|r| &b.body[r.clone()]).collect();
    let b2 = Transcript::from_text("b2.txt", "b2", &reversed.join("\n\n"));
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&[a, b, b2]);
    let (da, db, db2) = (index.doc(ids[0]).unwrap(), index.doc(ids[1]).unwrap(), index.doc(ids[2]).unwrap());
    let words = |ps: &[refrain::core::compare::pairwise::SharedPassage]| {
        let mut v: Vec<Vec<u32>> = ps.iter().map(|p| da.ids.slice(p.a.start as usize..p.a.end as usize)).collect();
        v.sort();
        v
    };
    let straight = shared_passages(&da.ids.to_vec(), &db.ids.to_vec(), 5);
    let shuffled = shared_passages(&da.ids.to_vec(), &db2.ids.to_vec(), 5);
    assert!(straight.len() >= 10, "{}", straight.len());
    // Passages inside paragraphs are the same either way.
    assert_eq!(words(&straight), words(&shuffled));
}

#[test]
fn revision_of_the_longest_speech_with_edits_and_moved_paragraphs() {
    let Some(corpus) = common::corpus() else { return };
    let meta = sotu_metadata(&corpus);
    let (longest, _) = meta.iter().max_by_key(|(_, (_, _, words))| *words).unwrap();
    let original = import(&corpus.join(format!("sotu/speeches/{longest}.txt")));
    // Edit 5% of the words and move two paragraphs to the end.
    let mut rng = Lcg(42);
    let mut paragraphs: Vec<String> =
        original.paragraphs.iter().map(|r| original.body[r.clone()].to_string()).collect();
    let moved_a = paragraphs.remove(10);
    let moved_b = paragraphs.remove(40);
    paragraphs.push(moved_a.clone());
    paragraphs.push(moved_b.clone());
    let mut text = paragraphs.join("\n\n");
    let word_count = original.words;
    let mut edited = 0;
    while edited < word_count / 20 {
        let at = rng.next(text.len());
        if !text.is_char_boundary(at) || !text[at..].starts_with(' ') {
            continue;
        }
        text.insert_str(at, " EDITED");
        edited += 1;
    }
    let revised = Transcript::from_text("revised.txt", "revised", &text);
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&[original, revised]);
    let (old, new) = (index.doc(ids[0]).unwrap(), index.doc(ids[1]).unwrap());
    let ops = revision_diff(&old.ids.to_vec(), &new.ids.to_vec(), &RevisionOptions::default());
    let moved: Vec<&RevisionOp> = ops.iter().filter(|o| matches!(o, RevisionOp::MovedTo { .. })).collect();
    assert!(moved.len() >= 2, "moved passages not recognized");
    // The moved passages carry the edits made inside them.
    assert!(moved.iter().any(|m| matches!(m, RevisionOp::MovedTo { changes, .. } if changes.iter().any(|c| matches!(c, RevisionOp::Insert { .. })))));
    let (o, n) = covered(&ops);
    assert_eq!(o.iter().map(|r| r.len()).sum::<usize>(), old.ids.len());
    assert_eq!(n.iter().map(|r| r.len()).sum::<usize>(), new.ids.len());
    let inserted: usize = ops
        .iter()
        .map(|op| match op {
            RevisionOp::Insert { new } => new.len(),
            RevisionOp::MovedTo { changes, .. } => {
                changes.iter().map(|c| if let RevisionOp::Insert { new } = c { new.len() } else { 0 }).sum()
            }
            _ => 0,
        })
        .sum();
    assert!(inserted >= edited && inserted <= edited * 2, "{inserted} inserted words for {edited} edits");
}
