//! Dated references inside a speech ("three years ago", "last June", "in
//! September 2015", "on 19 May 1919"; "три года назад", "в сентябре 2016
//! года"; "üç yıl önce", "Eylül 2016'da"), resolved against the speech's
//! own date, so the timeline can show what a speech talks about, not only
//! when it was given.
//!
//! Absolute forms need no anchor. Relative forms resolve against the
//! speech's date: `last June` and `in September` mean the most recent such
//! month before the speech (the speech's own month counts for `in`), unless
//! the text says `next`; `three years ago`, `last year`, `yesterday` count
//! back from the speech. A relative form needs an anchor at least as precise
//! as its answer (no `yesterday` for a speech known only by its year).
//!
//! The English rules (`english.rs`) run on every transcript. A Russian or
//! Turkish transcript (by its language tag, or, untagged, by its letters:
//! [`rules_language`]) is read by the rules of its language first
//! (`russian.rs`, `turkish.rs`), then by the English ones where those found
//! nothing, so an English quotation in it still counts.

mod calendar;
mod english;
mod reading;
mod russian;
mod russian_words;
mod tokens;
mod turkish;
mod turkish_words;

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::text::transcript::{DatePrecision, SpeechDate, Transcript};
use crate::core::text::{Language, sentence_around};
use crate::core::timeline::events::{day_number, period_end};

/// A date a speech refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The date referred to (first day of the month or year for coarser ones).
    pub date: NaiveDate,
    /// How precise the reference is.
    pub precision: DatePrecision,
    /// The last period of a reference covering several (a season, `осенью
    /// 2015 года`: September to November, as 1 November 2015 at month
    /// precision); `None` for a single day, month or year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<(NaiveDate, DatePrecision)>,
    /// True when resolved against the speech date (`last June`), false for
    /// absolute dates (`June 2018`).
    pub relative: bool,
    /// Byte range of the reference itself in the body (`three years ago`).
    pub bytes: Range<usize>,
    /// Byte range of the sentence it occurs in ([`sentence_around`]).
    pub sentence: Range<usize>,
}

impl Mention {
    /// The days the reference covers, half-open, as day numbers
    /// ([`day_number`]): its day, month or year, or for a season from the
    /// first day of its first month to the end of its last.
    pub fn days(&self) -> Range<i64> {
        let start = day_number(self.date);
        let (last, p) = self.end.unwrap_or((self.date, self.precision));
        start..period_end(last, p).max(start + 1)
    }
}

/// A reference found by one of the rules, before its sentence is looked up.
#[derive(Debug, Clone)]
pub(super) struct Found {
    bytes: Range<usize>,
    date: NaiveDate,
    precision: DatePrecision,
    end: Option<(NaiveDate, DatePrecision)>,
    relative: bool,
}

/// The references found so far in one body, by every rule that ran.
#[derive(Debug, Default)]
pub(super) struct Finds(Vec<Found>);

impl Finds {
    /// True when `r` overlaps a reference already found: the first rule to
    /// claim some words keeps them.
    pub(super) fn taken(&self, r: &Range<usize>) -> bool {
        self.0.iter().any(|f| f.bytes.start < r.end && r.start < f.bytes.end)
    }

    /// Adds a single day, month or year.
    pub(super) fn push(&mut self, bytes: Range<usize>, date: NaiveDate, precision: DatePrecision, relative: bool) {
        self.0.push(Found { bytes, date, precision, end: None, relative });
    }

    /// Adds years read alone (`в 2014 году`, `2014'te`, `в 2014 и 2015
    /// годах`); returns the token after the last (`at` when there is none).
    fn push_years(&mut self, years: Vec<(tokens::Hit, i32)>, at: usize) -> usize {
        let mut next = at;
        for (h, y) in years {
            next = h.to;
            if let Some(date) = calendar::first_of_year(y) {
                self.push(h.bytes, date, DatePrecision::Year, false);
            }
        }
        next
    }

    /// Adds a reference covering the months from `start` to `last` (a season).
    pub(super) fn push_months(&mut self, bytes: Range<usize>, start: NaiveDate, last: NaiveDate, relative: bool) {
        let end = Some((last, DatePrecision::Month));
        self.0.push(Found { bytes, date: start, precision: DatePrecision::Month, end, relative });
    }

    /// The references in text order, each with its sentence in `body`.
    fn into_mentions(mut self, body: &str) -> Vec<Mention> {
        self.0.sort_by_key(|f| f.bytes.start);
        self.0
            .into_iter()
            .map(|f| Mention {
                date: f.date,
                precision: f.precision,
                end: f.end,
                relative: f.relative,
                sentence: sentence_around(body, &f.bytes),
                bytes: f.bytes,
            })
            .collect()
    }
}

/// Finds the dated references in `body` by the English rules, resolving
/// relative ones against `anchor` (the speech's date; relative forms are
/// skipped without one, or when it is less precise than they need). Sorted
/// by position; overlapping matches keep the one found first in the order
/// absolute day, month, year, then relative forms.
pub fn find_mentions(body: &str, anchor: Option<&SpeechDate>) -> Vec<Mention> {
    find_mentions_in(body, anchor, Language::English)
}

/// [`find_mentions`] for a text in `language`: Russian and Turkish text is
/// read by the rules of its language, then by the English rules where they
/// found nothing; any other language by the English rules alone (as
/// [`find_mentions`]).
pub fn find_mentions_in(body: &str, anchor: Option<&SpeechDate>, language: Language) -> Vec<Mention> {
    let mut finds = Finds::default();
    match language {
        Language::Russian => russian::collect(body, anchor, &mut finds),
        Language::Turkish => turkish::collect(body, anchor, &mut finds),
        _ => {}
    }
    english::collect(body, anchor, &mut finds);
    finds.into_mentions(body)
}

/// The dated references of a transcript, read by the rules of its language
/// ([`rules_language`]) against its date.
pub fn transcript_mentions(t: &Transcript) -> Vec<Mention> {
    find_mentions_in(&t.body, t.date.as_ref(), rules_language(t))
}

/// The language whose date rules read `t`: its first language tag Refrain
/// has rules for, unless the text's letters contradict it (a Russian tag on
/// a text in Latin letters, a Turkish one on Cyrillic text: pages list the
/// languages they are available in); untagged text by its letters
/// ([`letters_language`]).
pub fn rules_language(t: &Transcript) -> Language {
    let tagged = Language::from_tags(&t.languages);
    let seen = letters_language(&t.body);
    match tagged {
        Language::Russian if seen == Language::Russian => Language::Russian,
        Language::Turkish if seen != Language::Russian => Language::Turkish,
        Language::Russian | Language::Turkish | Language::Unknown => seen,
        other => other,
    }
}

/// Russian for text mostly in Cyrillic letters, Turkish for text in Latin
/// letters among which the Turkish-only `ı`, `ğ`, `ş` and `İ` make at least
/// one in forty (Turkish prose has far more; an English speech naming
/// `Erdoğan` far fewer), [`Language::Unknown`] otherwise. Reads the first
/// 20,000 bytes, plenty to tell and cheap on long speeches.
pub fn letters_language(body: &str) -> Language {
    let mut end = body.len().min(20_000);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let (mut cyrillic, mut latin, mut turkish) = (0usize, 0usize, 0usize);
    for c in body[..end].chars() {
        match c {
            'ı' | 'ğ' | 'ş' | 'İ' | 'Ğ' | 'Ş' => {
                latin += 1;
                turkish += 1;
            }
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            c if c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)) => latin += 1,
            _ => {}
        }
    }
    if cyrillic > latin {
        Language::Russian
    } else if turkish >= 3 && turkish * 40 >= latin {
        Language::Turkish
    } else {
        Language::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letters_tell_russian_and_turkish_from_english() {
        assert_eq!(letters_language("Мы остаёмся открытыми к диалогу, as they say."), Language::Russian);
        assert_eq!(
            letters_language("Bölüşülemez güvenlik ilkesi istisnasız bütün uluslara uygulanmalıdır."),
            Language::Turkish
        );
        assert_eq!(letters_language("We met Mr. Erdoğan in Ankara last year."), Language::Unknown);
        assert_eq!(letters_language(""), Language::Unknown);
        // A long text is cut on a character boundary.
        assert_eq!(letters_language(&"ё".repeat(15_000)), Language::Russian);
    }

    #[test]
    fn tags_pick_the_rules_unless_the_letters_disagree() {
        let t = |tags: &[&str], body: &str| {
            let mut t = Transcript::from_text("x.txt", "x", body);
            t.languages = tags.iter().map(|s| s.to_string()).collect();
            rules_language(&t)
        };
        assert_eq!(t(&["ru-RU"], "Три года назад."), Language::Russian);
        assert_eq!(t(&["ru-RU"], "Three years ago."), Language::Unknown);
        assert_eq!(t(&["en-GB", "ru-RU"], "Three years ago."), Language::English);
        assert_eq!(t(&["tr"], "Üç yıl önce."), Language::Turkish);
        assert_eq!(t(&["tr"], "Три года назад."), Language::Russian);
        assert_eq!(t(&[], "Üç yıl önce, geçen yıl, dün, şubatta, ılık bir ağustos günü."), Language::Turkish);
        assert_eq!(t(&["fr"], "Il y a trois ans."), Language::Other(crate::core::text::StemLanguage::French));
    }
}
