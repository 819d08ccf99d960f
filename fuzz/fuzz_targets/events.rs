//! The events-file reader and parser (CSV or JSON) on arbitrary bytes: the
//! size limit enforced while reading holds whatever the cap, invalid UTF-8
//! is refused as not text, and on any text bad rows are reported with a
//! line of the file, good ones cover at least a day and have a title.
//!
//! Input: the file's bytes; the first byte also sets a size cap (a multiple
//! of 16 bytes) the bytes are read under, as `read_limited` reads a file
//! or an allowed FIFO. The parsers get the text with invalid UTF-8
//! replaced: the app refuses such files before parsing, but the parser
//! must not care.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use refrain::core::import::limited_read::{ReadError, read_capped};
use refrain::core::timeline::events::{EventsError, events_from_bytes, parse_csv, parse_events, parse_json};
use refrain_fuzz::check_speech_date;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("events.csv");
    let cap = u64::from(data.first().copied().unwrap_or(0)) * 16;
    match read_capped(path, data, cap, 0) {
        Ok(bytes) => assert!(bytes == data && bytes.len() as u64 <= cap, "{} bytes under a cap of {cap}", bytes.len()),
        Err(ReadError::OverLimitWhileReading { limit, .. }) => assert!(limit == cap && data.len() as u64 > cap),
        Err(e) => panic!("reading bytes in memory: {e}"),
    }
    let utf8 = std::str::from_utf8(data).is_ok();
    match events_from_bytes(path, data.to_vec()) {
        Err(EventsError::NotText { .. }) => assert!(!utf8, "valid UTF-8 refused as not text"),
        Err(EventsError::NotRead(e)) => panic!("nothing to read: {e}"),
        Ok(_) | Err(EventsError::NotEvents { .. }) => assert!(utf8, "invalid UTF-8 parsed"),
    }
    let text = String::from_utf8_lossy(data);
    let lines = text.matches('\n').count() + 1;
    for parsed in [parse_events(&text), parse_csv(&text), parse_json(&text)] {
        let Ok((events, skipped)) = parsed else { continue };
        for e in &events {
            let days = e.days();
            assert!(days.start < days.end, "{e:?} covers no day: {days:?}");
            assert!(!e.title.is_empty() && e.title.trim() == e.title, "{e:?}");
            assert!((1..=lines).contains(&e.line), "{e:?} starts on line {} of {lines}", e.line);
            check_speech_date(&refrain::core::text::transcript::SpeechDate {
                date: e.date,
                precision: e.precision,
                source: refrain::core::text::transcript::DateSource::Header,
            });
        }
        for b in &skipped {
            assert!((1..=lines).contains(&b.line), "{b:?} in a text of {lines} lines");
        }
    }
});
