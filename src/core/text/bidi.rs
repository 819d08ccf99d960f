//! Right-to-left text (Arabic, Persian, Hebrew) put in the order it is read
//! on screen. A text is kept in logical order (the order it is typed and
//! stored); a display lays it out left to right. The Unicode bidirectional
//! algorithm (`unicode-bidi`) says, line by line, which stretches run right
//! to left and in what order the stretches stand: numbers and Latin words
//! inside Arabic text stay left to right, a line that starts in Arabic
//! reads from the right edge.
//!
//! The display shapes each piece given here as a whole (joining Arabic
//! letters and reversing a right-to-left word itself), so a piece is a
//! word of one direction, a space, or a single neutral character; the
//! pieces of a line come out in left-to-right order.

use std::borrow::Cow;
use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// A stretch of a text drawn as one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Its characters run right to left (the shaper reverses them).
    pub rtl: bool,
    /// White space only (not drawn at the end of a line).
    pub space: bool,
}

/// True when the text has a character written right to left (Hebrew,
/// Arabic, Persian, Syriac, Thaana, N'Ko…): only such text needs the
/// bidirectional algorithm; everything else is laid out as it is.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// True for the invisible characters that tell the bidirectional algorithm
/// how to order text instead of letting the letters decide: the
/// embeddings and overrides (U+202A–U+202E, U+202E RIGHT-TO-LEFT OVERRIDE
/// among them), the isolates (U+2066–U+2069) and the marks (U+200E, U+200F,
/// U+061C ARABIC LETTER MARK). Inside a title or a speaker they are no
/// part of what is said, only of how it reads: an override shows "live"
/// as "evil", an unclosed one reverses whatever stands after the field.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A metadata field (a title, a speaker, a file name, an event's title)
/// without its bidirectional controls ([`is_bidi_control`]): its letters
/// alone decide how it reads, so a field cannot reverse its own words nor
/// change how its neighbours read. Arabic and Hebrew letters keep their
/// direction (they need no controls); text without controls is borrowed.
pub fn clean_field(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        Cow::Owned(text.chars().filter(|&c| !is_bidi_control(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` as a field that stands among others: its bidirectional controls
/// dropped ([`clean_field`]) and, when it holds right-to-left letters,
/// marked as a unit with its own direction, taken from its first letter
/// (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE): a title
/// or a speaker inside a left-to-right label then reads as it would alone,
/// its brackets and numbers in place, without moving what stands around it.
pub fn isolate(text: &str) -> String {
    let text = clean_field(text);
    if has_rtl(&text) { format!("\u{2068}{text}\u{2069}") } else { text.into_owned() }
}

/// `line` with its embeddings and overrides (U+202A–U+202E) made neutral
/// for laying it out: each becomes U+200B ZERO WIDTH SPACE, of the same
/// length, so byte positions found in the result hold in `line`. A label
/// built from fields that were not passed through [`isolate`] then still
/// cannot reverse its words; the isolates [`isolate`] adds are kept.
pub fn without_overrides(line: &str) -> Cow<'_, str> {
    if line.chars().any(|c| matches!(c, '\u{202A}'..='\u{202E}')) {
        Cow::Owned(line.chars().map(|c| if matches!(c, '\u{202A}'..='\u{202E}') { '\u{200B}' } else { c }).collect())
    } else {
        Cow::Borrowed(line)
    }
}

/// True for the invisible characters that open and close an isolate
/// ([`isolate`]): dropped when the text is drawn.
pub fn is_isolate_mark(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2069}')
}

/// True for characters that end a paragraph for the bidirectional
/// algorithm (a line break in a transcript's paragraph): a line never
/// runs across one.
pub fn is_paragraph_break(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::B)
}

/// The character shown for `c` inside right-to-left text: brackets and
/// quotation marks that point face the other way (rule L4).
pub fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '⟨' => '⟩',
        '⟩' => '⟨',
        _ => c,
    }
}

/// A text with its directions resolved, ready to be cut into lines.
pub struct Bidi<'a> {
    text: &'a str,
    info: BidiInfo<'a>,
}

impl<'a> Bidi<'a> {
    /// Resolves the directions of `text`; each paragraph (ended by a line
    /// break) takes its direction from its first letter, as editors and
    /// browsers do (`dir="auto"`).
    pub fn new(text: &'a str) -> Self {
        Bidi { text, info: BidiInfo::new(text, None) }
    }

    /// Resolves the directions of `text` as a line inside a left-to-right
    /// interface (a list row, a title, a label): right-to-left stretches
    /// are reversed where they stand, what comes first stays on the left
    /// (a date before an Arabic title stays before it).
    pub fn left_to_right(text: &'a str) -> Self {
        Bidi { text, info: BidiInfo::new(text, Some(unicode_bidi::LTR_LEVEL)) }
    }

    /// True when the paragraph holding `byte` reads from right to left:
    /// its lines are aligned to the right edge.
    pub fn rtl_at(&self, byte: usize) -> bool {
        self.info
            .paragraphs
            .iter()
            .find(|p| p.range.contains(&byte))
            .or(self.info.paragraphs.last())
            .is_some_and(|p| p.level.is_rtl())
    }

    /// The text cut into pieces in logical order, every byte in one: white
    /// space, words running left to right, and inside right-to-left
    /// stretches the words of right-to-left letters and each other
    /// character alone (so each can be placed and mirrored by itself).
    pub fn tokens(&self) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let mut start = 0;
        // The kind of the token being built: (space, rtl level, level, joins).
        let mut current: Option<(bool, bool, u8, bool)> = None;
        for (i, c) in self.text.char_indices() {
            let level = self.info.levels.get(i).copied().unwrap_or(unicode_bidi::LTR_LEVEL);
            let space = c.is_whitespace();
            let rtl = level.is_rtl();
            // In right-to-left stretches only letters (and their marks and
            // joiners) join into a word; each other character stands alone.
            let joins =
                !rtl || space || matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN);
            let kind = (space, rtl, level.number(), joins);
            let same = current == Some(kind) && joins && !is_paragraph_break(c);
            if !same {
                if let Some((space, rtl, ..)) = current
                    && i > start
                {
                    out.push(Piece { bytes: start..i, rtl, space });
                }
                start = i;
            }
            current = Some(kind);
            if is_paragraph_break(c) {
                // A break is a piece of its own and ends the one before.
                current = Some((true, rtl, u8::MAX, false));
            }
        }
        if let Some((space, rtl, ..)) = current
            && self.text.len() > start
        {
            out.push(Piece { bytes: start..self.text.len(), rtl, space });
        }
        out
    }

    /// The pieces of `tokens` inside `line` (a byte range of the text not
    /// running across a paragraph break) in the order they are shown from
    /// left to right.
    pub fn visual(&self, line: Range<usize>, tokens: &[Piece]) -> Vec<Piece> {
        let line = line.start.min(self.text.len())..line.end.min(self.text.len());
        let mut out = Vec::new();
        if line.is_empty() {
            return out;
        }
        for para in self.info.paragraphs.iter().filter(|p| p.range.start < line.end && line.start < p.range.end) {
            let part = line.start.max(para.range.start)..line.end.min(para.range.end);
            let (levels, runs) = self.info.visual_runs(para, part);
            for run in runs {
                let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
                let first = tokens.partition_point(|t| t.bytes.end <= run.start);
                let inside = tokens[first..].iter().take_while(|t| t.bytes.start < run.end).map(|t| Piece {
                    bytes: t.bytes.start.max(run.start)..t.bytes.end.min(run.end),
                    rtl,
                    space: t.space,
                });
                if rtl {
                    let mut pieces: Vec<Piece> = inside.collect();
                    pieces.reverse();
                    out.extend(pieces);
                } else {
                    out.extend(inside);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of a one-line text, left to right, as strings.
    fn shown(text: &str) -> Vec<&str> {
        let b = Bidi::new(text);
        let tokens = b.tokens();
        b.visual(0..text.len(), &tokens).into_iter().map(|p| &text[p.bytes]).collect()
    }

    #[test]
    fn left_to_right_text_keeps_its_order() {
        assert!(!has_rtl("The state of the Union, состояние Союза, 国情咨文"));
        assert_eq!(shown("one two"), ["one", " ", "two"]);
    }

    #[test]
    fn arabic_words_stand_right_to_left_with_their_numbers_left_to_right() {
        let text = "قال الوزير في 2020 إن الاتفاق";
        assert!(has_rtl(text));
        assert_eq!(shown(text), ["الاتفاق", " ", "إن", " ", "2020", " ", "في", " ", "الوزير", " ", "قال"]);
        assert!(Bidi::new(text).rtl_at(0));
    }

    #[test]
    fn a_date_before_an_arabic_title_reads_as_written() {
        // A list row: the date, then the title. Digits have no direction
        // of their own, so the title's first letter makes the line read
        // from the right.
        let text = "2020-05-01 خطاب الوزير";
        let b = Bidi::new(text);
        let pieces = shown(text);
        // The date stays one left-to-right piece, digits in order.
        assert!(pieces.contains(&"2020-05-01"), "{pieces:?}");
        assert!(b.rtl_at(0));
        // Right to left: the date (first in logical order) is at the right end.
        assert_eq!(pieces.last(), Some(&"2020-05-01"));
        assert_eq!(pieces.first(), Some(&"الوزير"));
    }

    #[test]
    fn in_a_left_to_right_label_the_date_stays_first() {
        let text = "2019-09-24  كلمة أمام الجمعية";
        let b = Bidi::left_to_right(text);
        let tokens = b.tokens();
        let shown: Vec<&str> = b.visual(0..text.len(), &tokens).into_iter().map(|p| &text[p.bytes]).collect();
        assert_eq!(shown, ["2019-09-24", "  ", "الجمعية", " ", "أمام", " ", "كلمة"]);
    }

    #[test]
    fn an_isolated_arabic_title_in_a_label_reads_as_it_would_alone() {
        let text = format!("1948-12-10  {}", isolate("الإعلان العالمي (المواد 1–3)"));
        let b = Bidi::left_to_right(&text);
        let tokens = b.tokens();
        let shown: String = b
            .visual(0..text.len(), &tokens)
            .into_iter()
            .map(|p| {
                let s = &text[p.bytes];
                if p.rtl && s.chars().count() == 1 { s.chars().map(mirror).collect() } else { s.to_string() }
            })
            .filter(|s| !s.chars().all(is_isolate_mark))
            .collect();
        let shown: String = shown.chars().filter(|c| !is_isolate_mark(*c)).collect();
        // The date first; then, read from the right, the title as written:
        // its bracket around "المواد 1–3" on the left end, the range read
        // from the right too (an en dash between numbers takes the
        // surrounding direction, so 1 stands right of 3).
        assert_eq!(shown, "1948-12-10  (3–1 المواد) العالمي الإعلان");
        assert_eq!(isolate("The Union"), "The Union");
    }

    #[test]
    fn latin_words_inside_hebrew_stay_in_their_order() {
        let text = "הנאום של Barack Obama בשנת 2009";
        let pieces = shown(text);
        let barack = pieces.iter().position(|p| *p == "Barack");
        let obama = pieces.iter().position(|p| *p == "Obama");
        assert!(barack < obama, "{pieces:?}");
        assert_eq!(pieces.last(), Some(&"הנאום"));
        assert_eq!(pieces.first(), Some(&"2009"));
    }

    #[test]
    fn punctuation_inside_arabic_stands_alone_and_brackets_mirror() {
        let text = "(السلام)، والتعاون.";
        let b = Bidi::new(text);
        let tokens = b.tokens();
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.bytes.clone()]).collect();
        assert_eq!(words, ["(", "السلام", ")", "،", " ", "والتعاون", "."]);
        assert_eq!(mirror('('), ')');
        assert_eq!(shown(text), [".", "والتعاون", " ", "،", ")", "السلام", "("]);
    }

    #[test]
    fn english_paragraph_with_an_arabic_quote_keeps_english_order() {
        let text = "He said السلام عليكم and left.";
        let b = Bidi::new(text);
        assert!(!b.rtl_at(0));
        assert_eq!(shown(text), ["He", " ", "said", " ", "عليكم", " ", "السلام", " ", "and", " ", "left."]);
    }

    #[test]
    fn every_byte_is_in_one_token_and_each_line_shows_every_token_once() {
        let text = "مرحبا world 12 שלום (x)\nسطر ثانٍ، 3.5%\n\nend";
        let b = Bidi::new(text);
        let tokens = b.tokens();
        let mut at = 0;
        for t in &tokens {
            assert_eq!(t.bytes.start, at);
            assert!(t.bytes.end > t.bytes.start);
            at = t.bytes.end;
        }
        assert_eq!(at, text.len());
        // Lines split at the line breaks, each reordered by itself.
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let range = start..start + line.len();
            let mut shown: Vec<Range<usize>> = b.visual(range.clone(), &tokens).into_iter().map(|p| p.bytes).collect();
            shown.sort_by_key(|r| r.start);
            let covered: usize = shown.iter().map(|r| r.len()).sum();
            assert_eq!(covered, line.len(), "{line:?}");
            start = range.end;
        }
        assert!(b.rtl_at(0));
        assert!(!b.rtl_at(text.len() - 1));
    }

    /// A one-line label as drawn, left to right, without the isolates.
    fn drawn(text: &str) -> String {
        let b = Bidi::left_to_right(text);
        let tokens = b.tokens();
        b.visual(0..text.len(), &tokens)
            .into_iter()
            .map(|p| &text[p.bytes])
            .collect::<String>()
            .chars()
            .filter(|c| !is_bidi_control(*c) && *c != '\u{200B}')
            .collect()
    }

    #[test]
    fn an_override_in_a_title_is_dropped_and_the_words_read_as_typed() {
        // The tester's title: "live" between an override and its pop
        // reads "evil" wherever the algorithm is applied.
        let hostile = "abc\u{202E}live\u{202C} x";
        let row = format!("كلمة {hostile} (2019)");
        assert!(drawn(&row).contains("evil"), "{:?}", drawn(&row));
        assert_eq!(clean_field(hostile), "abclive x");
        let row = format!("كلمة {} (2019)", isolate(hostile));
        assert!(drawn(&row).contains("abclive x") && !drawn(&row).contains("evil"), "{:?}", drawn(&row));
        // Unclosed, every kind: nothing of them is left.
        for c in ['\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(clean_field(&format!("{c}Jane {c}Doe{c}")), "Jane Doe", "{:x}", c as u32);
        }
        assert_eq!(clean_field("\u{200F}2019 \u{200E}2020\u{061C}"), "2019 2020");
        // An Arabic or Hebrew title needs no controls: kept, borrowed.
        for title in ["كلمة أمام الجمعية (المواد 1–3)", "הנאום של Barack Obama בשנת 2009", "The Union"]
        {
            assert!(matches!(clean_field(title), Cow::Borrowed(t) if t == title));
        }
        assert_eq!(isolate("\u{202E}كلمة\u{202C}"), "\u{2068}كلمة\u{2069}");
    }

    #[test]
    fn a_label_with_an_override_is_laid_out_as_if_it_had_none() {
        // A tooltip built from a title that was not isolated.
        let label = "2019 خطاب \u{202E}live x";
        let neutral = without_overrides(label);
        assert_eq!(neutral.len(), label.len(), "byte positions hold");
        assert_eq!(drawn(&neutral), "2019 خطاب live x");
        assert!(drawn(label).contains("x evil"), "{:?}", drawn(label));
        // The isolates a field is wrapped in are kept.
        let isolated = format!("2019 {}", isolate("خطاب"));
        assert!(matches!(without_overrides(&isolated), Cow::Borrowed(_)));
    }

    #[test]
    fn persian_with_zero_width_non_joiner_is_one_word() {
        let text = "می‌خواهم بگویم";
        assert_eq!(shown(text), ["بگویم", " ", "می‌خواهم"]);
    }
}
