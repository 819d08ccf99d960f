//! Finding a broken quote in an events table before its rows are read. The
//! CSV reader takes a quote that is never closed as a field running to the
//! end of the file, and one closed after a line break and followed by more
//! text (`"start ... line\n2002,"Next"`) as a field spanning both lines: either
//! way the rows after it vanish into one cell without an error. Scanning the
//! quotes as the reader sees them finds such a field, so its row can be
//! reported as broken and the rows after it read on their own.

/// A quoted field that swallows what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct BrokenQuote {
    /// The byte offset where the row holding the field starts.
    pub row_start: usize,
    /// The byte offset of the opening quote.
    pub quote: usize,
    /// The byte offset of the text after the closing quote that shows the
    /// field is broken, or `None` when the quote is never closed.
    pub closed_before: Option<usize>,
}

/// Where the reader is, as in `csv-core` with its defaults (`,` between
/// fields, `"` quoting with `""` for a quote inside, `\r`, `\n` or `\r\n`
/// ending a row, blank lines skipped).
#[derive(Clone, Copy)]
enum State {
    /// Before a row: line breaks here are blank lines.
    RowStart,
    /// Before a field within a row.
    FieldStart,
    /// In a field that did not start with a quote (quotes are plain text).
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// Just after a quote in a quoted field: `"` makes it a quote of the
    /// text, `,` or a line break ends the field, anything else goes on
    /// as unquoted text (the reader's leniency this scan looks for).
    QuoteInQuoted,
}

/// The first quoted field from byte `from` on (the start of a row) that is
/// never closed, or that spans a line break and is closed by a quote
/// followed by neither `,`, a line break nor the end: the signs of a
/// quote typed by mistake. A quoted field on one line closed early
/// (`"Title" extra`) is left to the reader, as before.
pub(super) fn find_broken_quote(text: &str, from: usize) -> Option<BrokenQuote> {
    let mut state = State::RowStart;
    let (mut row_start, mut quote, mut spans_lines) = (from, from, false);
    for (i, &b) in text.as_bytes().iter().enumerate().skip(from) {
        let line_break = b == b'\n' || b == b'\r';
        state = match state {
            State::RowStart if line_break => State::RowStart,
            State::RowStart | State::FieldStart => {
                if matches!(state, State::RowStart) {
                    row_start = i;
                }
                match b {
                    b'"' => {
                        (quote, spans_lines) = (i, false);
                        State::Quoted
                    }
                    b',' => State::FieldStart,
                    _ if line_break => State::RowStart,
                    _ => State::Unquoted,
                }
            }
            State::Unquoted => match b {
                b',' => State::FieldStart,
                _ if line_break => State::RowStart,
                _ => State::Unquoted,
            },
            State::Quoted => {
                spans_lines |= line_break;
                if b == b'"' { State::QuoteInQuoted } else { State::Quoted }
            }
            State::QuoteInQuoted => match b {
                b'"' => State::Quoted,
                b',' => State::FieldStart,
                _ if line_break => State::RowStart,
                _ if spans_lines => return Some(BrokenQuote { row_start, quote, closed_before: Some(i) }),
                _ => State::Unquoted,
            },
        };
    }
    matches!(state, State::Quoted).then_some(BrokenQuote { row_start, quote, closed_before: None })
}

/// The byte offset of the line after the one holding byte `at` (after its
/// `\n`, `\r\n` or `\r`), or the end of the text.
pub(super) fn next_line(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let Some(k) = bytes.iter().skip(at).position(|&b| b == b'\n' || b == b'\r') else { return text.len() };
    let end = at + k;
    if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_closed_on_their_line_or_across_lines_properly_are_fine() {
        for text in [
            "date,title\n1941,\"Pearl Harbor, Hawaii\"\n",
            "date,title,description\n2001,\"Nine\",\"multi\nline\",,\n1969,Moon\n",
            "date,title\n1941,\"Say \"\"hi\"\"\"\n1942,x\n",
            "date,title\n1941,Quote\"in the middle\n",
            "date,title\n1941,\"Title\" extra\n",
            "date,title\n1941,\"closed at the end\"",
        ] {
            assert_eq!(find_broken_quote(text, 0), None, "{text:?}");
        }
    }

    #[test]
    fn a_quote_never_closed_or_closed_lines_later_before_text_is_found() {
        let text = "date,title,description\n2000,Before,\n2001-01-01,\"Quoted \"\"start,desc\n2002,After,\n";
        let row = text.find("2001").unwrap();
        let found = find_broken_quote(text, 0).unwrap();
        assert_eq!(found, BrokenQuote { row_start: row, quote: row + 11, closed_before: None });
        assert_eq!(&text[next_line(text, found.quote)..], "2002,After,\n");
        assert_eq!(find_broken_quote(text, next_line(text, found.quote)), None);

        let text = "date,title\r\n2001,\"Start\r\n2002,\"Next\"\r\n";
        let found = find_broken_quote(text, 0).unwrap();
        assert_eq!(found.row_start, text.find("2001").unwrap());
        assert_eq!(found.closed_before, Some(text.find("Next").unwrap()));
        assert_eq!(&text[next_line(text, found.quote)..], "2002,\"Next\"\r\n");
        assert_eq!(find_broken_quote(text, next_line(text, found.quote)), None);
    }
}
