//! Subtitles whose timing lines are malformed: every cue's text kept, a
//! warning per malformed cue naming its number and line, shown by
//! `refrain inspect`; timings without milliseconds read.

use refrain::core::text::transcript::Transcript;

use crate::common;
use crate::support::{import, refrain};

/// The five cues of `formats/broken_timings.srt`: cue 2's timing line is a
/// bare `->`, cue 3's starts at a negative time, cue 4's has no
/// milliseconds (`00:00:09 --> 00:00:10`).
const CUE_TEXTS: [&str; 5] = [
    "The first cue keeps its time.",
    "The second cue has an arrow and nothing else.",
    "The third cue starts before zero.",
    "The fourth cue has no milliseconds.",
    "The fifth cue is well formed.",
];

fn broken_timings() -> Transcript {
    import(&common::fixture("formats/broken_timings.srt"))
}

#[test]
fn every_cues_text_is_kept_in_order() {
    let t = broken_timings();
    assert_eq!(
        t.body,
        format!("{} {} {}\n\n{} {}", CUE_TEXTS[0], CUE_TEXTS[1], CUE_TEXTS[2], CUE_TEXTS[3], CUE_TEXTS[4])
    );
    assert_eq!(t.paragraphs.len(), 2, "the pause from 3 s to 9 s starts a paragraph");
}

#[test]
fn timed_cues_keep_their_times_and_no_milliseconds_is_read() {
    let t = broken_timings();
    let timed: Vec<(u64, u64, &str)> =
        t.cues.iter().map(|c| (c.start_ms, c.end_ms, &t.body[c.range.clone()])).collect();
    assert_eq!(
        timed,
        [(1000, 3000, CUE_TEXTS[0]), (9000, 10_000, CUE_TEXTS[3]), (11_000, 12_500, CUE_TEXTS[4])],
        "cues 2 and 3 have no time to give"
    );
}

#[test]
fn each_malformed_cue_is_warned_about_with_its_number_and_line() {
    let t = broken_timings();
    let cue_warnings: Vec<&String> = t.warnings.iter().filter(|w| w.starts_with("cue ")).collect();
    assert_eq!(
        cue_warnings,
        [
            "cue 2 (line 6): its timing line “->” is not understood; its text is kept, without a time",
            "cue 3 (line 10): its timing line “-00:00:07,000 --> 00:00:08,000” is not understood; its text is kept, \
             without a time",
        ],
        "{:?}",
        t.warnings
    );
}

#[test]
fn refrain_inspect_shows_the_warnings() {
    let file = common::fixture("formats/broken_timings.srt");
    let out = refrain(&["inspect".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning: cue 2 (line 6): its timing line “->” is not understood"), "{text}");
    assert!(text.contains("warning: cue 3 (line 10): its timing line “-00:00:07,000"), "{text}");

    let out = refrain(&["inspect".as_ref(), "--json".as_ref(), file.as_os_str()]);
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings = records[0]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().starts_with("cue 2 (line 6): ")), "{warnings:?}");
}

#[test]
fn webvtt_cues_with_identifiers_or_no_timing_line_keep_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.vtt");
    std::fs::write(
        &path,
        "WEBVTT\n\nNOTE not spoken\n\nintro\n00:01 --> 00:04\nHello there.\n\n\
         00:05.000 --> 00:06.000\nGood to see you.\n\nA line with no timing at all.\n",
    )
    .unwrap();
    let t = import(&path);
    assert_eq!(t.body, "Hello there. Good to see you. A line with no timing at all.");
    assert_eq!(t.cues.len(), 1);
    let cue_warnings: Vec<&String> = t.warnings.iter().filter(|w| w.contains("without a time")).collect();
    assert_eq!(
        cue_warnings,
        [
            "cue “intro” (line 6): its timing line “00:01 --> 00:04” is not understood; its text is kept, without a time",
            "a cue (line 12): it has no timing line; its text is kept, without a time",
        ]
    );
}
