//! A random corpus for the unit tests of the phrase room: speeches that
//! quote each other, so every path of finding phrases has work to do.

use chrono::NaiveDate;

use crate::core::text::transcript::Transcript;

/// A corpus of random speeches over a vocabulary of a few hundred words
/// that quote each other: passages copied from earlier speeches, some
/// with a word changed, some numbers.
pub(super) fn quoting_corpus(seed: u64, docs: usize) -> Vec<Transcript> {
    let mut rng = crate::core::test_rng::seeded(seed);
    let mut next = move |m: u64| u64::from(rng()) % m;
    let mut texts: Vec<Vec<String>> = Vec::new();
    for _ in 0..docs {
        let mut words: Vec<String> = Vec::new();
        let len = 200 + next(400) as usize;
        while words.len() < len {
            if !texts.is_empty() && next(100) < 3 {
                let from = &texts[next(texts.len() as u64) as usize];
                let start = next(from.len() as u64) as usize;
                let take = (3 + next(20) as usize).min(from.len() - start);
                let mut quote = from[start..start + take].to_vec();
                if take > 6 && next(2) == 0 {
                    let k = next(take as u64) as usize;
                    quote[k] = format!("w{}", next(300));
                }
                words.extend(quote);
            } else if next(30) == 0 {
                words.push(format!("{}", next(50)));
            } else {
                words.push(format!("w{}", next(300)));
            }
        }
        texts.push(words);
    }
    texts
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut t = Transcript::from_text(format!("doc{i}.txt"), "t", &w.join(" "));
            t.date = Some(crate::core::text::transcript::SpeechDate {
                date: NaiveDate::from_ymd_opt(1900 + (i as i32 * 7) % 50, 1, 1).unwrap_or_default(),
                precision: crate::core::text::transcript::DatePrecision::Year,
                source: crate::core::text::transcript::DateSource::Filename,
            });
            t
        })
        .collect()
}
