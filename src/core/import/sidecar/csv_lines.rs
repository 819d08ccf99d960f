//! Lines of a CSV sidecar, for warnings that name them: the rows whose
//! quote runs away, and the line each row read starts on.
//!
//! A quote that opens a cell and is never closed, or that closes only on a
//! later line with text glued to it (`a,"Broken title,1790` then
//! `b,"Good",1791`), makes the CSV reader swallow the rows after it into one
//! cell. Such a row is found here the way the reader reads (RFC 4180, as
//! the `csv` crate does by default), so that its first line can be left
//! out, reported, and the rows after it read as they are written.

use std::borrow::Cow;
use std::ops::Range;

/// A row whose quote runs away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RunawayQuote {
    /// The line the row starts on (1-based).
    pub line: u64,
    /// The bytes of that line, without its line break.
    pub text: Range<usize>,
    /// The line the quote closes on, when it closes at all.
    pub closes_on: Option<u64>,
}

impl RunawayQuote {
    /// What is wrong with the row, for the warning that names its line.
    pub fn problem(&self) -> String {
        match self.closes_on {
            None => "a quote opened in this row is never closed".to_string(),
            Some(line) => format!("a quote opened in this row closes only on line {line}, with text after it"),
        }
    }
}

/// The rows of CSV `text` whose quote runs away, in order. After each, the
/// search goes on at the next line, as if that row's first line were empty.
pub(super) fn runaway_quotes(text: &str) -> Vec<RunawayQuote> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let (mut at, mut line) = (0, 1u64);
    while let Some(&b) = bytes.get(at) {
        // Line breaks between records (empty lines) are skipped, as the reader does.
        if b == b'\n' || b == b'\r' {
            line += u64::from(b == b'\n');
            at += 1;
            continue;
        }
        let (start, start_line) = (at, line);
        match record_end(bytes, at, &mut line) {
            Ok(end) => at = end,
            Err(closes_on) => {
                let end =
                    bytes[start..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |n| start + n);
                found.push(RunawayQuote { line: start_line, text: start..end, closes_on });
                (at, line) = (end, start_line);
            }
        }
    }
    found
}

/// `text` without the first line of each of `runaways` (its line break
/// kept, so every other row keeps its line number).
pub(super) fn without_runaways<'a>(text: &'a str, runaways: &[RunawayQuote]) -> Cow<'a, str> {
    if runaways.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for r in runaways {
        kept.push_str(text.get(at..r.text.start).unwrap_or_default());
        at = r.text.end;
    }
    kept.push_str(text.get(at..).unwrap_or_default());
    Cow::Owned(kept)
}

/// Reads the record starting at `at` (not a line break), counting the line
/// breaks inside its quoted cells in `line`: where it ends (its line break,
/// or the end of the text), or, when a quote in it runs away, the line the
/// quote closes on (`None`: never).
fn record_end(bytes: &[u8], mut at: usize, line: &mut u64) -> Result<usize, Option<u64>> {
    loop {
        // At the start of a cell: a quote here opens a quoted cell.
        if bytes.get(at) == Some(&b'"') {
            let opened_on = *line;
            at += 1;
            loop {
                match bytes.get(at).copied() {
                    None => return Err(None),
                    Some(b'"') if bytes.get(at + 1) == Some(&b'"') => at += 2, // `""`, a quote in the cell
                    Some(b'"') => {
                        at += 1;
                        break;
                    }
                    Some(b) => {
                        *line += u64::from(b == b'\n');
                        at += 1;
                    }
                }
            }
            let glued = !matches!(bytes.get(at).copied(), None | Some(b',' | b'\n' | b'\r'));
            if glued && *line > opened_on {
                return Err(Some(*line));
            }
        }
        // The rest of the cell, read as it is (after a closing quote too:
        // the reader keeps what follows it, and a quote there is a character).
        while let Some(&b) = bytes.get(at) {
            match b {
                b',' => break,
                b'\n' | b'\r' => return Ok(at),
                _ => at += 1,
            }
        }
        if bytes.get(at).is_none() {
            return Ok(at);
        }
        at += 1; // the comma
    }
}

/// The line each record of a CSV text starts on, for records asked in
/// order. The reader's own position of a record is where the previous one
/// ended, which is a line early when blank lines come between them.
pub(super) struct LineCursor<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        LineCursor { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    /// The line of the record the reader placed at byte `start` (where the
    /// previous record ended): past the line breaks there, to its first
    /// character. `start` must not go back from one call to the next.
    pub fn line_of(&mut self, start: u64) -> u64 {
        let start = usize::try_from(start).unwrap_or(usize::MAX).min(self.bytes.len());
        while self.at < start {
            self.line += u64::from(self.bytes.get(self.at) == Some(&b'\n'));
            self.at += 1;
        }
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            self.at += 1;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u64, Option<u64>)> {
        runaway_quotes(text).iter().map(|r| (r.line, r.closes_on)).collect()
    }

    #[test]
    fn well_formed_quotes_run_nowhere() {
        assert_eq!(lines("fileid,title\na,\"Quoted, with comma\"\nb,\"Two\nlines\"\nc,\"He said \"\"no\"\"\"\n"), []);
        // A quote inside an unquoted cell, or text glued on the same line, stays on its row.
        assert_eq!(lines("fileid,title\na,The \"Big\" Speech\nb,\"x\"y,z\r\nc,d"), []);
    }

    #[test]
    fn a_quote_never_closed_is_found_and_the_rows_after_it_are_read() {
        let text = "fileid,title\na,ok\nb,\"Broken title,1790\nc,fine\n";
        let found = runaway_quotes(text);
        assert_eq!(found, [RunawayQuote { line: 3, text: 18..38, closes_on: None }]);
        assert_eq!(&text[found[0].text.clone()], "b,\"Broken title,1790");
        assert_eq!(without_runaways(text, &found), "fileid,title\na,ok\n\nc,fine\n");
    }

    #[test]
    fn lines_of_records_past_blank_lines() {
        let text = "h\r\n\r\n\r\nb\n\"two\nlines\"\nc";
        let mut cursor = LineCursor::new(text);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let lines: Vec<u64> = reader.records().map(|r| cursor.line_of(r.unwrap().position().unwrap().byte())).collect();
        assert_eq!(lines, [1, 4, 5, 7]);
    }

    #[test]
    fn a_quote_closed_by_the_next_rows_quote_is_found() {
        let text = "fileid,title,year\r\na,\"Broken,1790\r\nb,\"Good\",1791\r\nc,\"Also good\",1792\r\n";
        assert_eq!(lines(text), [(2, Some(3))]);
        let kept = without_runaways(text, &runaway_quotes(text));
        assert_eq!(kept, "fileid,title,year\r\n\r\nb,\"Good\",1791\r\nc,\"Also good\",1792\r\n");
        // Two runaway rows, each reported.
        assert_eq!(lines("h\n\"a\nb\n\"c\nd,\"e\"f\n"), [(2, Some(4)), (4, Some(5))]);
    }
}
