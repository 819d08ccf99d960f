//! How a speech is read with a language's rules (Russian, Turkish): each
//! rule looks for its form at one word and gives the match, or nothing.
//! Absolute days, months, seasons and years are found first, whatever the
//! speech's date (so the date never changes them); then, with a speech date
//! precise enough, the forms counted from it, where no absolute one took
//! their words. A language gives its rules in the order it tries them.

use chrono::NaiveDate;

use super::Finds;
use super::tokens::Hit;
use crate::core::text::transcript::{DatePrecision, SpeechDate};

/// What a rule found at a word.
pub(super) enum Found {
    /// A day, a month or a year, with its precision.
    At(Hit, NaiveDate, DatePrecision),
    /// A span of months (a season): its first and last month.
    Months(Hit, NaiveDate, NaiveDate),
}

impl Found {
    fn hit(&self) -> &Hit {
        match self {
            Found::At(h, ..) | Found::Months(h, ..) => h,
        }
    }

    /// How precise the speech's date must be to count it from there.
    fn precision(&self) -> DatePrecision {
        match self {
            Found::At(_, _, p) => *p,
            Found::Months(..) => DatePrecision::Month,
        }
    }

    /// Adds it to `found`; returns the word after it.
    fn add_to(self, found: &mut Finds, relative: bool) -> usize {
        match self {
            Found::At(h, date, precision) => {
                found.push(h.bytes, date, precision, relative);
                h.to
            }
            Found::Months(h, start, last) => {
                found.push_months(h.bytes, start, last, relative);
                h.to
            }
        }
    }
}

/// A language's rules over one speech's words.
pub(super) trait Rules {
    /// The first absolute date (a day, month or season) at word `i` that
    /// `keep` accepts, the language's rules tried in its order.
    fn absolute(&self, i: usize, keep: &dyn Fn(&Found) -> bool) -> Option<Found>;
    /// The first date counted from `anchor` at word `i` that `keep`
    /// accepts, the language's rules tried in its order.
    fn relative(&self, i: usize, anchor: NaiveDate, keep: &dyn Fn(&Found) -> bool) -> Option<Found>;
    /// Number of words.
    fn len(&self) -> usize;
    /// True when the words of `hit` lie in the quoted title of a legal act
    /// (a law's number, not a date).
    fn in_title(&self, hit: &Hit) -> bool;
    /// The years named at word `i` (one, or a list of them).
    fn years(&self, i: usize) -> Vec<(Hit, i32)>;
}

/// Adds the references `rules` find to `found`, dated from `anchor`.
pub(super) fn read<R: Rules>(rules: &R, anchor: Option<&SpeechDate>, found: &mut Finds) {
    let mut i = 0;
    while i < rules.len() {
        let ok = |h: &Hit| !rules.in_title(h) && !found.taken(&h.bytes);
        if let Some(f) = rules.absolute(i, &|f| ok(f.hit())) {
            i = f.add_to(found, false);
        } else {
            let years = rules.years(i);
            let all_free = !years.is_empty() && years.iter().all(|(h, _)| ok(h));
            i = if all_free { found.push_years(years, i) } else { i + 1 };
        }
    }
    let Some(anchor) = anchor else { return };
    let mut i = 0;
    while i < rules.len() {
        let counts = |f: &Found| !found.taken(&f.hit().bytes) && anchor.precision >= f.precision();
        match rules.relative(i, anchor.date, &counts) {
            Some(f) => i = f.add_to(found, true),
            None => i += 1,
        }
    }
}
