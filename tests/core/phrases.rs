//! The phrase engine on the real State of the Union corpus: formulas known
//! to recur across centuries, and per-speech recurring word counts checked
//! against an independent, deliberately naive computation.

use std::collections::{HashMap, HashSet};

use crate::support::sotu_speeches;
use chrono::Datelike;
use refrain::core::phrases::{PhraseIndex, PhraseOptions, PhraseSet, SpanKind};
use refrain::core::text::transcript::Transcript;
use refrain::core::text::{Language, tokenize};

use crate::common;

fn norm_text(t: &str) -> String {
    tokenize(t, Language::English).into_iter().map(|w| w.norm).collect::<Vec<_>>().join(" ")
}

/// The phrase whose words are exactly `text`, with (speeches, first year, last year).
fn find(set: &PhraseSet, ts: &[Transcript], text: &str) -> (u32, i32, i32) {
    let wanted = norm_text(text);
    let p = set
        .phrases
        .iter()
        .find(|p| {
            let o = &p.occurrences[0];
            norm_text(&ts[o.doc as usize].body[set.occurrence_bytes(o)]) == wanted
        })
        .unwrap_or_else(|| panic!("no phrase {text:?}"));
    let year = |d: u32| ts[d as usize].date.unwrap().date.year();
    (p.speeches, year(p.first), year(p.last))
}

#[test]
fn formulas_that_recur_across_centuries() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();

    // The Constitution asks the President to give Congress "information of
    // the State of the Union"; Washington's first message uses the words and
    // so does the latest address.
    let (speeches, first, last) = find(&set, &ts, "the state of the Union");
    assert!(speeches >= 80, "{speeches}");
    assert_eq!((first, last), (1790, 2026));

    // The salutation of the written messages, from Washington until the
    // written era ended with Hoover's last message.
    let (speeches, first, last) = find(&set, &ts, "Senate and House of Representatives");
    assert!(speeches >= 80, "{speeches}");
    assert_eq!(first, 1790);
    assert!((1930..=1933).contains(&last), "{last}");

    // A modern closing formula, from Reagan on.
    let (speeches, first, last) = find(&set, &ts, "God bless you, and God bless America");
    assert!(speeches >= 5, "{speeches}");
    assert_eq!((first, last), (1984, 2026));

    // "The state of our Union is …", the modern verdict sentence.
    let (speeches, first, _) = find(&set, &ts, "The state of our Union is");
    assert!(speeches >= 15, "{speeches}");
    assert!((1960..1990).contains(&first), "{first}");

    // Changing thresholds on the built index gives consistent answers.
    let stricter = index.phrases(&PhraseOptions::default().min_words(8).min_speeches(5)).unwrap();
    assert!(stricter.phrases.len() < set.phrases.len());
    assert!(stricter.phrases.iter().all(|p| p.len >= 8 && p.speeches >= 5));
}

/// Words of each speech covered by a 5-gram that occurs in at least two
/// speeches, computed the simple way: a dictionary from 5-grams to speeches.
fn naive_recurring_words(ts: &[Transcript], n: usize) -> Vec<usize> {
    let tokens: Vec<Vec<String>> =
        ts.iter().map(|t| tokenize(&t.body, Language::English).into_iter().map(|w| w.norm).collect()).collect();
    let mut docs_of: HashMap<&[String], HashSet<usize>> = HashMap::new();
    for (d, toks) in tokens.iter().enumerate() {
        for gram in toks.windows(n) {
            docs_of.entry(gram).or_default().insert(d);
        }
    }
    tokens
        .iter()
        .map(|toks| {
            let mut covered = vec![false; toks.len()];
            for (i, gram) in toks.windows(n).enumerate() {
                if docs_of[gram].len() >= 2 {
                    covered[i..i + n].iter_mut().for_each(|c| *c = true);
                }
            }
            covered.iter().filter(|&&c| c).count()
        })
        .collect()
}

#[test]
fn recurring_words_agree_with_a_naive_count() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let naive = naive_recurring_words(&ts, 5);
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&ts);

    // Without gap bridging the two must agree exactly.
    let exact = index.phrases(&PhraseOptions::default().max_gap(0)).unwrap();
    for (k, &id) in ids.iter().enumerate() {
        assert_eq!(exact.recurring_words(id), naive[k], "{}", ts[k].path.display());
    }
    // With the default one-word gaps, the short runs a phrase picks up after
    // a changed word count as well: within 1% of each speech's words.
    let bridged = index.phrases(&PhraseOptions::default()).unwrap();
    for (k, &id) in ids.iter().enumerate() {
        let ours = bridged.recurring_words(id);
        assert!(ours >= naive[k], "{}", ts[k].path.display());
        assert!(
            (ours - naive[k]) as f64 <= 0.01 * ts[k].words as f64,
            "{}: {ours} vs {}",
            ts[k].path.display(),
            naive[k]
        );
        let highlighted: usize =
            bridged.spans(id).iter().filter(|s| s.kind != SpanKind::Unique).map(|s| s.words.len()).sum();
        assert!(highlighted >= ours);
    }
}

/// `add_all` tokenizes in pipelined batches; the documents, word ids and
/// phrases must be those of adding the speeches one at a time.
#[test]
fn adding_all_at_once_equals_adding_one_by_one() {
    let Some(corpus) = common::corpus() else { return };
    let ts: Vec<Transcript> = sotu_speeches(&corpus).into_iter().take(60).collect();
    let mut all = PhraseIndex::new();
    let ids = all.add_all(&ts);
    let mut one = PhraseIndex::new();
    let singles: Vec<u32> = ts.iter().map(|t| one.add(t)).collect();
    assert_eq!(ids, singles);
    assert_eq!(all.vocabulary().len(), one.vocabulary().len());
    for &id in &ids {
        let (a, b) = (all.doc(id).unwrap(), one.doc(id).unwrap());
        assert_eq!(a.ids, b.ids, "doc {id}");
        assert_eq!(a.words.to_vec(), b.words.to_vec(), "doc {id}");
    }
    let options = PhraseOptions::default();
    assert_eq!(all.phrases(&options).unwrap().phrases, one.phrases(&options).unwrap().phrases);
}

/// Two speeches: `n` times one word, and another word then `n − 1` times it.
fn repeated_word(n: usize) -> Vec<Transcript> {
    let words = vec!["freedom"; n].join(" ");
    vec![
        Transcript::from_text("a.txt", "A", &words),
        Transcript::from_text("b.txt", "B", &format!("liberty {}", &words["freedom ".len()..])),
    ]
}

#[test]
fn a_word_said_over_and_over_is_one_phrase_spanning_each_run() {
    for n in [20, 2_000, 100_000] {
        let ts = repeated_word(n);
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        assert_eq!(set.phrases.len(), 1, "{n} words: one phrase, not one per shift");
        let p = &set.phrases[0];
        assert_eq!(p.len as usize, n - 1, "as long as the shorter run");
        let words: Vec<_> = p.occurrences.iter().map(|o| (o.doc, o.words.clone())).collect();
        assert_eq!(words, [(0, 0..n as u32), (1, 1..n as u32)]);
    }
}

#[test]
fn a_chant_inside_speeches_is_found_whole_and_the_text_around_it_too() {
    let chant = "U S A ".repeat(300);
    let before = "and when the crowd heard the news it began to chant";
    let after = "thank you and God bless the people of this country";
    let ts = vec![
        Transcript::from_text("a.txt", "A", &format!("{before} {chant} {after}.")),
        Transcript::from_text("b.txt", "B", &format!("Yesterday {before} {}{after}.", "U S A ".repeat(120))),
    ];
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();
    let texts: Vec<String> = set
        .phrases
        .iter()
        .map(|p| {
            let o = &p.occurrences[0];
            ts[o.doc as usize].body[set.occurrence_bytes(o)].to_string()
        })
        .collect();
    // The words before the chant, the chant and the words after are shared;
    // the shared stretch runs through the whole chant in each speech.
    assert!(set.phrases.len() <= 3, "{texts:?}");
    let spanning = set.phrases.iter().find(|p| p.occurrences.iter().all(|o| o.words.len() > 360)).expect("through");
    let b = spanning.occurrences.iter().find(|o| o.doc == 1).unwrap();
    assert!(ts[1].body[set.occurrence_bytes(b)].starts_with("and when the crowd"), "{texts:?}");
    assert!(ts[1].body[set.occurrence_bytes(b)].ends_with("of this country"), "{texts:?}");
}
