//! Subtitle transcripts (`.srt`, `.vtt`): the spoken text joined into
//! paragraphs, with each cue's time kept.

use crate::core::text::pattern::{Pattern, compile};

use crate::core::text::transcript::Cue;

/// A subtitle file reduced to its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtitles {
    /// The text, paragraphs separated by blank lines.
    pub body: String,
    /// Byte ranges of the paragraphs in `body`.
    pub paragraphs: Vec<std::ops::Range<usize>>,
    /// Each timed cue's times and its text's range in `body` (a cue whose
    /// timing line is not understood has its text in `body` but no entry).
    pub cues: Vec<Cue>,
    /// The speaker named by WebVTT voice tags (`<v Name>`), when all agree.
    pub speaker: Option<String>,
    /// One message per cue whose timing line is missing or not understood,
    /// naming the cue and its line: their text is kept, without a time, and
    /// the user must learn that it has none.
    pub warnings: Vec<String>,
}

/// A timing line: two timestamps around `-->`, each `[h:]mm:ss.ttt` (`,` or
/// `.` before the milliseconds) or `h:mm:ss` without milliseconds
/// (unambiguous with the hours; `mm:ss` alone could be hours and minutes,
/// so it needs its milliseconds).
static TIMING: Pattern = Pattern::new(|| {
    compile(
        r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}|\d+:\d{1,2}:\d{2})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}|\d+:\d{1,2}:\d{2})",
    )
});
static TAG: Pattern = Pattern::new(|| compile(r"<[^>]*>|\{\\[^}]*\}"));
static VOICE: Pattern = Pattern::new(|| compile(r"<v(?:\.[^ >]*)?\s+([^>]+)>"));

/// A pause this long between cues starts a new paragraph.
const PARAGRAPH_PAUSE_MS: u64 = 2_000;
/// A paragraph this long is closed at the next sentence end.
const PARAGRAPH_WORDS: usize = 120;

/// Parses `00:01:02,345`, `01:02.345` or `00:01:02` into milliseconds;
/// `None` for anything else, or a time past what milliseconds can count.
fn parse_timestamp(s: &str) -> Option<u64> {
    let (hms, ms) = match s.split_once(['.', ',']) {
        Some((hms, frac)) => (hms, format!("{frac:0<3}").get(..3)?.parse::<u64>().ok()?),
        None => (s, 0),
    };
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let secs = match (parts.as_slice(), hms.len() < s.len()) {
        ([h, m, s], _) => h.checked_mul(3600)?.checked_add(m * 60 + s)?,
        ([m, s], true) => m * 60 + s,
        _ => return None,
    };
    secs.checked_mul(1000)?.checked_add(ms)
}

/// The start and end of a timing line (`00:00:01,000 --> 00:00:03,500`,
/// cue settings after it allowed), when it is one.
fn parse_timing(line: &str) -> Option<(u64, u64)> {
    let c = TIMING.with(|re| re.captures(line))?;
    Some((parse_timestamp(c.get(1)?.as_str())?, parse_timestamp(c.get(2)?.as_str())?))
}

/// True when a line was meant as a timing line but is not one: it has the
/// arrow `-->` (with a bad time on either side), or it is made of digits,
/// colons, time punctuation and arrows only (`->`, `00:00:09 - 00:00:10`).
/// The line is not part of the cue's text; the warning quotes it.
fn looks_like_timing(line: &str) -> bool {
    let line = line.trim();
    line.contains("-->")
        || ((line.contains(':') || line.contains("->"))
            && line.chars().all(|c| c.is_ascii_digit() || " \t:.,->".contains(c)))
}

/// True for the WebVTT blocks that hold no spoken text: the header, `NOTE`,
/// `STYLE` and `REGION` blocks.
fn is_vtt_metadata(first_line: &str, first_block: bool) -> bool {
    let word = first_line.trim_start_matches('\u{feff}').split_whitespace().next().unwrap_or("");
    (first_block && word.starts_with("WEBVTT")) || matches!(word, "NOTE" | "STYLE" | "REGION")
}

/// True when the text looks like a subtitle file (WebVTT header or an SRT
/// timing line near the top), whatever its file name.
pub fn looks_like_subtitles(text: &str) -> bool {
    // A timing line has an arrow: lines without one are not searched (the
    // pattern is compiled only for text that might be subtitles).
    text.trim_start().starts_with("WEBVTT")
        || text.lines().take(4).any(|l| l.contains("-->") && TIMING.with(|re| re.is_match(l)))
}

/// One cue as read: its times when its timing line was understood, and
/// its text with the tags removed.
struct RawCue {
    times: Option<(u64, u64)>,
    text: String,
}

/// What reading the blocks of a subtitle file gathers besides the cues.
struct Reading {
    /// True for WebVTT (its header, `NOTE`, `STYLE` and `REGION` blocks
    /// hold no spoken text).
    vtt: bool,
    /// True until a block with text is seen.
    first_block: bool,
    /// One per cue without a usable timing line.
    warnings: Vec<String>,
    /// The names of the voice tags, in order.
    voices: Vec<String>,
}

impl Reading {
    /// The cues of one block of lines (a block is what blank lines
    /// separate), each line with its number in the file. Every timing line
    /// starts a cue (a cue number just before it is dropped), so cues not
    /// separated by a blank line stay apart. A block without one is a cue
    /// whose timing line is missing or not understood: its text is kept,
    /// with a warning naming the cue (its number or identifier) and the
    /// line of its timing. Nothing for a WebVTT header, `NOTE`, `STYLE` or
    /// `REGION` block.
    fn block(&mut self, lines: &[(usize, &str)], cues: &mut Vec<RawCue>) {
        let Some(&(first_no, first)) = lines.first() else { return };
        let first_block = std::mem::replace(&mut self.first_block, false);
        let timed: Vec<(usize, (u64, u64))> =
            lines.iter().enumerate().filter_map(|(k, (_, l))| parse_timing(l).map(|t| (k, t))).collect();
        for (j, &(at, times)) in timed.iter().enumerate() {
            let mut end = timed.get(j + 1).map_or(lines.len(), |&(next, _)| next);
            if end < lines.len() && end > at + 1 && is_number(lines[end - 1].1) {
                end -= 1;
            }
            let text = self.text(&lines[at + 1..end]);
            cues.push(RawCue { times: Some(times), text });
        }
        if !timed.is_empty() || (self.vtt && is_vtt_metadata(first, first_block)) {
            return;
        }
        // A cue number or identifier first, when a timing-like line
        // follows it, or when it is a plain number.
        let label_first =
            !looks_like_timing(first) && (is_number(first) || lines.get(1).is_some_and(|&(_, l)| looks_like_timing(l)));
        let (label, rest) = if label_first { (Some(first.trim()), &lines[1..]) } else { (None, lines) };
        let (problem, line_no, rest) = match rest.first() {
            Some(&(n, l)) if looks_like_timing(l) => {
                (format!("its timing line “{}” is not understood", l.trim()), n, &rest[1..])
            }
            _ => ("it has no timing line".to_string(), first_no, rest),
        };
        let text = self.text(rest);
        if text.is_empty() {
            return;
        }
        let cue = match label {
            Some(number) if is_number(number) => format!("cue {number}"),
            Some(id) => format!("cue “{id}”"),
            None => "a cue".to_string(),
        };
        self.warnings.push(format!("{cue} (line {line_no}): {problem}; its text is kept, without a time"));
        cues.push(RawCue { times: None, text });
    }

    /// The text of a cue's lines joined by spaces, styling tags removed;
    /// the names of its voice tags noted.
    fn text(&mut self, lines: &[(usize, &str)]) -> String {
        let raw = lines.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
        VOICE.with(|re| {
            self.voices
                .extend(re.captures_iter(&raw).filter_map(|v| v.get(1)).map(|name| name.as_str().trim().to_string()))
        });
        let clean = TAG.with(|re| re.replace_all(&raw, ""));
        clean.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// True for a line that is a plain number (an SRT cue number).
fn is_number(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit())
}

/// Reads SRT or WebVTT text. Cue numbers, identifiers, timings, styling tags,
/// `NOTE` and `STYLE` blocks are dropped; consecutive cues are joined into
/// paragraphs, a new one starting after a pause or a long run of words. A
/// cue whose timing line is missing or not understood keeps its text (in
/// the paragraph of the cue before it) and adds a warning naming it.
pub fn parse_subtitles(text: &str) -> Subtitles {
    let vtt = text.trim_start_matches('\u{feff}').trim_start().starts_with("WEBVTT");
    let mut reading = Reading { vtt, first_block: true, warnings: Vec::new(), voices: Vec::new() };
    let mut raw_cues: Vec<RawCue> = Vec::new();
    let mut block_line = 1;
    for block in text.split("\n\n") {
        let lines: Vec<(usize, &str)> = block
            .split('\n')
            .enumerate()
            .map(|(i, l)| (block_line + i, l.trim_end_matches('\r')))
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        block_line += block.matches('\n').count() + 2;
        reading.block(&lines, &mut raw_cues);
    }
    raw_cues.retain(|c| !c.text.is_empty());
    let Reading { warnings, mut voices, .. } = reading;

    let mut body = String::new();
    let mut paragraphs = Vec::new();
    let mut cues = Vec::new();
    let mut para_start = 0;
    let mut para_words = 0;
    let mut prev_end: Option<u64> = None;
    for RawCue { times, text } in raw_cues {
        let sentence_ended = body.trim_end().ends_with(['.', '!', '?', '…']);
        let paused =
            matches!((prev_end, times), (Some(p), Some((start, _))) if start.saturating_sub(p) >= PARAGRAPH_PAUSE_MS);
        let new_paragraph = !body.is_empty() && (paused || (para_words >= PARAGRAPH_WORDS && sentence_ended));
        if new_paragraph {
            paragraphs.push(para_start..body.len());
            body.push_str("\n\n");
            para_start = body.len();
            para_words = 0;
        } else if !body.is_empty() {
            body.push(' ');
        }
        let cue_start = body.len();
        body.push_str(&text);
        para_words += text.split_whitespace().count();
        if let Some((start, end)) = times {
            cues.push(Cue { start_ms: start, end_ms: end, range: cue_start..body.len() });
            prev_end = Some(end);
        }
    }
    if body.len() > para_start {
        paragraphs.push(para_start..body.len());
    }
    voices.dedup();
    let speaker = (voices.len() == 1).then(|| voices.remove(0));
    Subtitles { body, paragraphs, cues, speaker, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srt_cues_become_paragraphs_with_times() {
        let srt = "1\n00:00:01,000 --> 00:00:03,500\nGood <i>morning</i>,\ndear colleagues.\n\n2\n00:00:03,600 --> 00:00:05,000\nWe meet again.\n\n3\n00:00:09,000 --> 00:00:11,000\nДобрый день.\n";
        assert!(looks_like_subtitles(srt));
        let s = parse_subtitles(srt);
        assert_eq!(s.body, "Good morning, dear colleagues. We meet again.\n\nДобрый день.");
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(s.cues.len(), 3);
        assert_eq!((s.cues[0].start_ms, s.cues[0].end_ms), (1000, 3500));
        assert_eq!(&s.body[s.cues[2].range.clone()], "Добрый день.");
        assert_eq!(s.cues[2].start_ms, 9000);
    }

    #[test]
    fn webvtt_with_notes_ids_and_voices() {
        let vtt = "WEBVTT - talk\n\nNOTE written by hand\n\nintro\n00:01.000 --> 00:04.000 align:start\n<v Recep Tayyip Erdoğan>Değerli kardeşlerim, hoş geldiniz.\n\n00:04.500 --> 00:06.000\n<v Recep Tayyip Erdoğan>İstanbul'dan selamlar.\n";
        let s = parse_subtitles(vtt);
        assert_eq!(s.body, "Değerli kardeşlerim, hoş geldiniz. İstanbul'dan selamlar.");
        assert_eq!(s.cues[0].start_ms, 1000);
        assert_eq!(s.cues[1].end_ms, 6000);
        assert_eq!(s.speaker.as_deref(), Some("Recep Tayyip Erdoğan"));
    }

    #[test]
    fn timestamps_with_and_without_milliseconds() {
        assert_eq!(parse_timestamp("00:01:02,345"), Some(62_345));
        assert_eq!(parse_timestamp("01:02.5"), Some(62_500));
        assert_eq!(parse_timestamp("1:00:09"), Some(3_609_000));
        assert_eq!(parse_timestamp("00:09"), None, "minutes and seconds, or hours and minutes?");
        assert_eq!(parse_timestamp("99999999999999999999:00:00,000"), None);
        assert_eq!(parse_timestamp("9999999999999999:00:00,000"), None, "past what milliseconds count");
        assert_eq!(parse_timing("00:00:09 --> 00:00:10,250 align:start"), Some((9000, 10_250)));
        assert_eq!(parse_timing("-00:00:07,000 --> 00:00:08,000"), None);
        assert!(looks_like_subtitles("1\n00:00:09 --> 00:00:10\nHello.\n"));
    }

    #[test]
    fn cues_without_a_blank_line_between_stay_apart() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nOne.\n2\n00:00:02,500 --> 00:00:03,000\nTwo.\n1984\n";
        let s = parse_subtitles(srt);
        assert_eq!(s.body, "One. Two. 1984");
        assert_eq!(s.cues.len(), 2);
        assert_eq!(&s.body[s.cues[1].range.clone()], "Two. 1984");
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    #[test]
    fn malformed_timings_keep_the_text_and_warn() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n2\n00:00:03,000 -> 00:00:04,000\nTwo.\n\n3\nThree has no timing.\n\n4\n\n6\nHe said -> go.\n";
        let s = parse_subtitles(srt);
        assert_eq!(s.body, "One. Two. Three has no timing. He said -> go.");
        assert_eq!(s.cues.len(), 1);
        assert_eq!(
            s.warnings,
            [
                "cue 2 (line 6): its timing line “00:00:03,000 -> 00:00:04,000” is not understood; its text is kept, \
                 without a time",
                "cue 3 (line 9): it has no timing line; its text is kept, without a time",
                "cue 6 (line 14): it has no timing line; its text is kept, without a time",
            ]
        );
    }
}
