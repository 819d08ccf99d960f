//! A quotation with its source, as "Copy with citation" puts it on the
//! clipboard: the words as the transcript has them, then who said them,
//! where and when, and the file they were read from, so a quote pasted into
//! an article or a note can be checked later.

use std::ops::Range;

use crate::core::text::transcript::Transcript;

/// The text of `range` in `t`'s body, quoted, followed by a line naming its
/// speaker, title, date, place and file (the parts the transcript has).
/// Runs of whitespace, paragraph breaks included, become single spaces, so
/// the quote pastes as one paragraph. Empty when the range is not text of
/// the body.
pub fn cite(t: &Transcript, range: Range<usize>) -> String {
    let Some(text) = t.body.get(range) else { return String::new() };
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    let mut source: Vec<String> = Vec::new();
    if let Some(speaker) = t.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
        source.push(speaker.trim().to_string());
    }
    if !t.title.trim().is_empty() {
        source.push(t.title.trim().to_string());
    }
    source.push(t.date.map_or_else(|| "undated".to_string(), |d| d.display()));
    if let Some(place) = t.place.as_deref().filter(|s| !s.trim().is_empty()) {
        source.push(place.trim().to_string());
    }
    format!("“{}”\n— {} ({})", words.join(" "), source.join(", "), t.path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_quotes_the_range_and_names_its_source() {
        let mut t = Transcript::from_text(
            "/speeches/1842-Tyler.txt",
            "Second Annual Message",
            "Fellow-Citizens of the Senate:\n\nWe have continued  reason to express\nour profound gratitude.",
        );
        t.speaker = Some("John Tyler".into());
        let start = t.body.find("We have").unwrap();
        let end = t.body.find(" gratitude").unwrap();
        let c = cite(&t, start..end);
        assert_eq!(
            c,
            "“We have continued reason to express our profound”\n— John Tyler, Second Annual Message, undated (/speeches/1842-Tyler.txt)"
        );
    }

    #[test]
    fn a_range_outside_the_text_or_of_spaces_cites_nothing() {
        let t = Transcript::from_text("a.txt", "A", "Привет, мир.\n\nСлово.");
        assert_eq!(cite(&t, 0..1), "", "inside a character");
        assert_eq!(cite(&t, 0..10_000), "");
        let gap = t.paragraphs[0].end..t.paragraphs[1].start;
        assert_eq!(cite(&t, gap), "");
        assert!(cite(&t, t.paragraphs[1].clone()).starts_with("“Слово.”\n— A, undated"));
    }
}
