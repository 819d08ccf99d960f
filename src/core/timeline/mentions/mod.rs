//! Dated references inside a speech ("three years ago", "last June", "in
//! September 2015", "on 19 May 1919"), resolved against the speech's
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
//! The English rules are in `english.rs`, the calendar arithmetic they
//! count with in `calendar.rs`.

mod calendar;
mod english;

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::text::sentence_around;
use crate::core::text::transcript::{DatePrecision, SpeechDate};

/// A date a speech refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The date referred to (first day of the month or year for coarser ones).
    pub date: NaiveDate,
    /// How precise the reference is.
    pub precision: DatePrecision,
    /// True when resolved against the speech date (`last June`), false for
    /// absolute dates (`June 2018`).
    pub relative: bool,
    /// Byte range of the reference itself in the body (`three years ago`).
    pub bytes: Range<usize>,
    /// Byte range of the sentence it occurs in ([`sentence_around`]).
    pub sentence: Range<usize>,
}

/// A reference found by one of the rules, before its sentence is looked up.
#[derive(Debug, Clone)]
pub(super) struct Found {
    bytes: Range<usize>,
    date: NaiveDate,
    precision: DatePrecision,
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
        self.0.push(Found { bytes, date, precision, relative });
    }

    /// The references in text order, each with its sentence in `body`.
    fn into_mentions(mut self, body: &str) -> Vec<Mention> {
        self.0.sort_by_key(|f| f.bytes.start);
        self.0
            .into_iter()
            .map(|f| Mention {
                date: f.date,
                precision: f.precision,
                relative: f.relative,
                sentence: sentence_around(body, &f.bytes),
                bytes: f.bytes,
            })
            .collect()
    }
}

/// Finds the dated references in `body`, resolving relative ones against
/// `anchor` (the speech's date; relative forms are skipped without one, or
/// when it is less precise than they need). Sorted by position; overlapping
/// matches keep the one found first in the order absolute day, month, year,
/// then relative forms.
pub fn find_mentions(body: &str, anchor: Option<&SpeechDate>) -> Vec<Mention> {
    let mut finds = Finds::default();
    english::collect(body, anchor, &mut finds);
    finds.into_mentions(body)
}
