//! The events-file parser (CSV or JSON) on arbitrary text: bad rows are
//! reported with a line of the file, good ones cover at least a day and
//! have a title.
//!
//! Input: the file's bytes (invalid UTF-8 replaced; the app refuses such
//! files before parsing, but the parser must not care).
#![no_main]

use libfuzzer_sys::fuzz_target;
use refrain::core::timeline::events::{parse_csv, parse_events, parse_json};
use refrain_fuzz::check_speech_date;

fuzz_target!(|data: &[u8]| {
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
