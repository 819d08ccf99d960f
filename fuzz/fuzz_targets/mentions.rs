//! The date-reference resolver ("three years ago", "in September", "on 19
//! May 1919") on arbitrary text and speech dates, including dates at the
//! ends of the calendar.
//!
//! Input: one byte choosing the anchor (low two bits: none, year, month or
//! day precision; bit 2: any date chrono can hold rather than 1500–2299),
//! four bytes for the date, then the text (invalid UTF-8 replaced).
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use refrain::core::text::transcript::{DatePrecision, DateSource, SpeechDate};
use refrain_fuzz::check_mentions;

/// The speech date encoded in `kind` and `raw`, if any.
fn anchor(kind: u8, raw: [u8; 4]) -> Option<SpeechDate> {
    let precision = match kind & 3 {
        0 => return None,
        1 => DatePrecision::Year,
        2 => DatePrecision::Month,
        _ => DatePrecision::Day,
    };
    let date = if kind & 4 != 0 {
        let (min, max) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
        let span = i64::from(max) - i64::from(min) + 1;
        let days = i64::from(i32::from_le_bytes(raw)).rem_euclid(span) + i64::from(min);
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)?
    } else {
        let year = 1500 + i32::from(u16::from_le_bytes([raw[0], raw[1]]) % 800);
        let month = u32::from(raw[2] % 12) + 1;
        let day = u32::from(raw[3] % 31) + 1;
        NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))?
    };
    // Coarser dates are the first day of their period, as the importer makes them.
    let date = match precision {
        DatePrecision::Year => date.with_day(1)?.with_month(1)?,
        DatePrecision::Month => date.with_day(1)?,
        DatePrecision::Day => date,
    };
    Some(SpeechDate { date, precision, source: DateSource::Header })
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let anchor = anchor(data[0], [data[1], data[2], data[3], data[4]]);
    let text = String::from_utf8_lossy(&data[5..]);
    check_mentions(&text, anchor.as_ref(), true);
});
