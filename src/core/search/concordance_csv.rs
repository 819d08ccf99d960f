//! Search results as CSV: one row per match with its speech and its
//! keyword-in-context line, for a spreadsheet or a script (what
//! concordancers export). Written with the `csv` crate (quoted where a
//! cell holds a comma, a quote or a line break); every cell whose text
//! comes from a transcript or its file name is made spreadsheet-safe
//! ([`spreadsheet_safe`]).

use std::borrow::Borrow;
use std::io::Write;
use std::ops::Range;

use super::kwic::kwic;
use crate::core::export::csv_cell::spreadsheet_safe;
use crate::core::text::transcript::Transcript;

/// The header row of [`write_concordance_csv`].
pub const CONCORDANCE_HEADER: [&str; 9] =
    ["date", "speaker", "title", "path", "left", "match", "right", "start_byte", "end_byte"];

/// Writes `hits` (transcript index, byte range of the match in its body),
/// in the order given, as CSV to `out`: the header, then per match the
/// speech's date (`YYYY-MM-DD` or empty), speaker, title and path, the
/// context on each side (`width` characters at most, as [`kwic`] cuts it,
/// white space collapsed), the match, and its byte range in the body.
/// Hits whose transcript is not in `transcripts` are skipped.
pub fn write_concordance_csv<T: Borrow<Transcript>, W: Write>(
    out: W,
    transcripts: &[T],
    hits: impl IntoIterator<Item = (usize, Range<usize>)>,
    width: usize,
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CONCORDANCE_HEADER)?;
    for (doc, m) in hits {
        let Some(t) = transcripts.get(doc).map(Borrow::borrow) else { continue };
        let line = kwic(&t.body, m.clone(), width);
        let date = t.date.map(|d| d.date.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let path = t.path.display().to_string();
        writer.write_record([
            date.as_str(),
            &spreadsheet_safe(t.speaker.as_deref().unwrap_or("")),
            &spreadsheet_safe(&t.title),
            &spreadsheet_safe(&path),
            &spreadsheet_safe(&line.left),
            &spreadsheet_safe(&line.hit),
            &spreadsheet_safe(&line.right),
            &m.start.to_string(),
            &m.end.to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_quotes_commas_and_line_breaks_read_back() {
        let mut t = Transcript::from_text("dir/a \"b\", c.txt", "Title, \"quoted\"\nsecond line", "one, \"two\" three");
        t.speaker = Some("=Mallory".into());
        let at = t.body.find("\"two\"").unwrap_or(0);
        let mut out = Vec::new();
        write_concordance_csv(&mut out, &[t.clone()], [(0, at..at + 5), (7, 0..1)], 40).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CONCORDANCE_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(&r[1], "'=Mallory");
        assert_eq!(&r[2], t.title);
        assert_eq!(&r[3], "dir/a \"b\", c.txt");
        assert_eq!((&r[4], &r[5], &r[6]), ("one, ", "\"two\"", " three"));
        assert_eq!((&r[7], &r[8]), (at.to_string().as_str(), (at + 5).to_string().as_str()));
    }
}
