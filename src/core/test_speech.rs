//! A transcript for unit tests, dated to the day (or undated) from a
//! header, as an imported speech would be: one fixture for the tests of the
//! timeline and its exports instead of a copy in each.

use chrono::{Datelike, NaiveDate};

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

/// A speech named `name` (its file `NAME.txt`) by `speaker`, given on
/// `day` (`YYYY-MM-DD`), shared as the views and exports hold speeches.
pub(crate) fn spoken(name: &str, speaker: &str, day: &str, body: &str) -> std::sync::Arc<Transcript> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a test date is a real day");
    let mut t = titled(&format!("{name}.txt"), name, Some((date.year(), date.month(), date.day())), body);
    t.speaker = Some(speaker.to_string());
    std::sync::Arc::new(t)
}
