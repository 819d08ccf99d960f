//! A transcript for unit tests, dated to the day (or undated) from a
//! header, as an imported speech would be: one fixture for the tests of the
//! timeline and its exports instead of a copy in each.

use chrono::NaiveDate;

use crate::core::text::transcript::{DatePrecision, DateSource, SpeechDate, Transcript};

/// A speech at `path`, titled by its path, saying `body`, given on `date`
/// (year, month, day) when there is one.
pub(crate) fn speech(path: &str, date: Option<(i32, u32, u32)>, body: &str) -> Transcript {
    titled(path, path, date, body)
}

/// A speech as [`speech`] makes it, titled `title`.
pub(crate) fn titled(path: &str, title: &str, date: Option<(i32, u32, u32)>, body: &str) -> Transcript {
    let mut t = Transcript::from_text(path, title, body);
    t.date = date.map(|(y, m, d)| SpeechDate {
        date: NaiveDate::from_ymd_opt(y, m, d).expect("a test date is a real day"),
        precision: DatePrecision::Day,
        source: DateSource::Header,
    });
    t
}
