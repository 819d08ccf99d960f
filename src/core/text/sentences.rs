//! The sentence around a place in a body: one rule for the sentence the
//! timeline shows with a mentioned date and the sentence a note made from
//! a click in a column covers, so both cut a speech into the same sentences.

use std::ops::Range;

/// The sentence around `bytes` in `body`: back to just after the previous
/// sentence end (or the start of the text), forward to the next one (or the
/// end of the text), without leading white space or straight double quotes.
///
/// A sentence ends at a line break, so it never runs into the next
/// paragraph, or at `.`, `!` or `?` followed by white space, a straight
/// quote (`"` or `'`) or the end of the text; the stop belongs to the
/// sentence, a quote after it does not. Stops inside `bytes` do not count
/// ("Dec. 7, 1941" stays whole). The rule is plain on purpose, and what the
/// timeline has always shown: an abbreviation followed by a space
/// ("Mr. Smith") ends a sentence, and `…` or a curly quote after a stop
/// does not.
pub fn sentence_around(body: &str, bytes: &Range<usize>) -> Range<usize> {
    let b = body.as_bytes();
    let ends_sentence = |i: usize| {
        matches!(b.get(i), Some(b'\n'))
            || (matches!(b.get(i), Some(b'.' | b'!' | b'?'))
                && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\'')))
    };
    let mut start = bytes.start.min(b.len());
    while start > 0 && !ends_sentence(start - 1) {
        start -= 1;
    }
    let mut end = bytes.end.min(b.len());
    while end < b.len() && !ends_sentence(end) {
        end += 1;
    }
    if end < b.len() && b[end] != b'\n' {
        end += 1; // keep the full stop
    }
    // Skip leading spaces and closing quotes (ASCII, so boundaries hold).
    while start < end && (b[start].is_ascii_whitespace() || b[start] == b'"') {
        start += 1;
    }
    // Both ends sit next to ASCII bytes, or at the ends of the text.
    if body.is_char_boundary(start) && body.is_char_boundary(end) { start..end } else { bytes.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence around the first occurrence of `needle` in `text`.
    fn around(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap();
        text[sentence_around(text, &(at..at + needle.len()))].to_string()
    }

    #[test]
    fn stops_followed_by_space_end_sentences_and_stay_with_them() {
        let text = "First one. Second, with 3.5 numbers! Third?  Fourth";
        assert_eq!(around(text, "First"), "First one.");
        assert_eq!(around(text, "with"), "Second, with 3.5 numbers!");
        assert_eq!(around(text, "Third"), "Third?");
        assert_eq!(around(text, "Fourth"), "Fourth");
        // On a stop: the sentence it ends; on the space after it: the next.
        let stop = text.find('!').unwrap();
        assert_eq!(&text[sentence_around(text, &(stop..stop))], "Second, with 3.5 numbers!");
        assert_eq!(&text[sentence_around(text, &(stop + 1..stop + 1))], "Third?");
    }

    #[test]
    fn abbreviations_followed_by_a_space_end_a_sentence() {
        // The rule does not know abbreviations: "Mr." ends a sentence.
        assert_eq!(around("We met Mr. Smith in 1990. Then more.", "1990"), "Smith in 1990.");
        assert_eq!(around("The U.S. grew in 1990. Then more.", "1990"), "grew in 1990.");
        // Stops inside a word or number, or before a comma, do not.
        assert_eq!(
            around("Talks, e.g., with the U.S.A.-led group in 1990.", "1990"),
            "Talks, e.g., with the U.S.A.-led group in 1990."
        );
        // Nor do those inside the range asked about.
        assert_eq!(
            around("It was signed Dec. 7, 1941 here. Next.", "Dec. 7, 1941"),
            "It was signed Dec. 7, 1941 here."
        );
    }

    #[test]
    fn straight_quotes_after_a_stop_end_the_sentence_but_stay_out() {
        let text = "He said \"we stay.\" Then we left in 1990. \"Never,\" she said.";
        assert_eq!(around(text, "stay"), "He said \"we stay.");
        assert_eq!(around(text, "1990"), "Then we left in 1990.");
        // A sentence's opening quote is left out too.
        assert_eq!(around(text, "Never"), "Never,\" she said.");
        assert_eq!(around("It's 'done.' So it is.", "done"), "It's 'done.");
        // Curly quotes after a stop do not end it; guillemets before one do.
        assert_eq!(around("“We stay.” Then we left.", "left"), "“We stay.” Then we left.");
        assert_eq!(around("Он сказал: «Мы остаёмся». Потом ушёл.", "остаёмся"), "Он сказал: «Мы остаёмся».");
    }

    #[test]
    fn line_breaks_and_paragraph_ends_end_sentences() {
        let text = "Last paragraph without a stop\n\nNew one: in 2014 we met\nthe next line. End.";
        assert_eq!(around(text, "without"), "Last paragraph without a stop");
        assert_eq!(around(text, "2014"), "New one: in 2014 we met");
        assert_eq!(around(text, "next"), "the next line.");
        // The end of a paragraph (its line break) and the blank line after.
        let end = text.find('\n').unwrap();
        assert_eq!(&text[sentence_around(text, &(end..end))], "Last paragraph without a stop");
        assert_eq!(sentence_around(text, &(end + 1..end + 1)), end + 1..end + 1);
        // Just after a final stop nothing is left of the sentence, at the
        // end of the text or past it; before the stop, the last sentence.
        let n = text.len();
        assert_eq!(sentence_around(text, &(n..n)), n..n);
        assert_eq!(sentence_around(text, &(10_000..10_000)), n..n);
        assert_eq!(&text[sentence_around(text, &(n - 1..n - 1))], "End.");
        assert_eq!(sentence_around("No stop", &(7..7)), 0..7);
        assert_eq!(sentence_around("", &(0..3)), 0..0);
    }

    #[test]
    fn cyrillic_and_turkish_text() {
        let ru = "Мы остаёмся открытыми. Ещё раз: в 2014 году! Да?";
        assert_eq!(around(ru, "открытыми"), "Мы остаёмся открытыми.");
        assert_eq!(around(ru, "2014"), "Ещё раз: в 2014 году!");
        assert_eq!(around(ru, "Да"), "Да?");
        // An ellipsis does not end a sentence.
        assert_eq!(around("Ну… в 2014 году. Да.", "2014"), "Ну… в 2014 году.");
        let tr = "İstanbul'da 2019 yılında buluştuk. Işık söndü mü? Evet.";
        assert_eq!(around(tr, "2019"), "İstanbul'da 2019 yılında buluştuk.");
        assert_eq!(around(tr, "söndü"), "Işık söndü mü?");
        // Ranges inside a letter come back on character boundaries.
        let inside = tr.find('ş').unwrap() + 1;
        let r = sentence_around(tr, &(inside..inside));
        assert_eq!(&tr[r], "İstanbul'da 2019 yılında buluştuk.");
    }
}
