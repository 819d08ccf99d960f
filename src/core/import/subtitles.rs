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
    /// Each cue's times and its text's range in `body`.
    pub cues: Vec<Cue>,
    /// The speaker named by WebVTT voice tags (`<v Name>`), when all agree.
    pub speaker: Option<String>,
}

static TIMING: Pattern =
    Pattern::new(|| compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"));
static TAG: Pattern = Pattern::new(|| compile(r"<[^>]*>|\{\\[^}]*\}"));
static VOICE: Pattern = Pattern::new(|| compile(r"<v(?:\.[^ >]*)?\s+([^>]+)>"));

/// A pause this long between cues starts a new paragraph.
const PARAGRAPH_PAUSE_MS: u64 = 2_000;
/// A paragraph this long is closed at the next sentence end.
const PARAGRAPH_WORDS: usize = 120;

/// Parses `00:01:02,345` or `01:02.345` into milliseconds.
fn parse_timestamp(s: &str) -> Option<u64> {
    let (hms, frac) = s.split_once(['.', ','])?;
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let secs = match parts.as_slice() {
        [h, m, s] => h * 3600 + m * 60 + s,
        [m, s] => m * 60 + s,
        _ => return None,
    };
    let ms: u64 = format!("{frac:0<3}").get(..3)?.parse().ok()?;
    Some(secs * 1000 + ms)
}

/// True when the text looks like a subtitle file (WebVTT header or an SRT
/// timing line near the top), whatever its file name.
pub fn looks_like_subtitles(text: &str) -> bool {
    // A timing line has an arrow: lines without one are not searched (the
    // pattern is compiled only for text that might be subtitles).
    text.trim_start().starts_with("WEBVTT")
        || text.lines().take(4).any(|l| l.contains("-->") && TIMING.with(|re| re.is_match(l)))
}

/// Reads SRT or WebVTT text. Cue numbers, identifiers, timings, styling tags,
/// `NOTE` and `STYLE` blocks are dropped; consecutive cues are joined into
/// paragraphs, a new one starting after a pause or a long run of words.
pub fn parse_subtitles(text: &str) -> Subtitles {
    let mut cues_text: Vec<(u64, u64, String)> = Vec::new();
    let mut voices: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
        let Some(timing_at) = lines.iter().position(|l| TIMING.with(|re| re.is_match(l))) else { continue };
        let Some(c) = TIMING.with(|re| re.captures(lines[timing_at])) else { continue };
        let (Some(start), Some(end)) =
            (c.get(1).and_then(|m| parse_timestamp(m.as_str())), c.get(2).and_then(|m| parse_timestamp(m.as_str())))
        else {
            continue;
        };
        let raw = lines[timing_at + 1..].join(" ");
        VOICE.with(|re| {
            voices.extend(re.captures_iter(&raw).filter_map(|v| v.get(1)).map(|name| name.as_str().trim().to_string()))
        });
        let clean = TAG.with(|re| re.replace_all(&raw, ""));
        let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        if !clean.is_empty() {
            cues_text.push((start, end, clean));
        }
    }

    let mut body = String::new();
    let mut paragraphs = Vec::new();
    let mut cues = Vec::new();
    let mut para_start = 0;
    let mut para_words = 0;
    let mut prev_end: Option<u64> = None;
    for (start, end, text) in cues_text {
        let sentence_ended = body.trim_end().ends_with(['.', '!', '?', '…']);
        let new_paragraph = match prev_end {
            None => false,
            Some(p) => {
                start.saturating_sub(p) >= PARAGRAPH_PAUSE_MS || (para_words >= PARAGRAPH_WORDS && sentence_ended)
            }
        };
        if new_paragraph {
            paragraphs.push(para_start..body.len());
            body.push_str("\n\n");
            para_start = body.len();
            para_words = 0;
        } else if prev_end.is_some() {
            body.push(' ');
        }
        let cue_start = body.len();
        body.push_str(&text);
        para_words += text.split_whitespace().count();
        cues.push(Cue { start_ms: start, end_ms: end, range: cue_start..body.len() });
        prev_end = Some(end);
    }
    if body.len() > para_start {
        paragraphs.push(para_start..body.len());
    }
    voices.dedup();
    let speaker = (voices.len() == 1).then(|| voices.remove(0));
    Subtitles { body, paragraphs, cues, speaker }
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
}
