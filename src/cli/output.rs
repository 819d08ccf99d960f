//! Where the command line's output goes and how a run ends: one buffered
//! standard output for a subcommand, one way every subcommand prints its
//! result (JSON or its table), and the one place an error that ended the
//! run is reported and turned into the exit status.
//!
//! A reader that stops early (`refrain inspect DIR | head`) closes the pipe;
//! the next write fails with a broken pipe. That is not a failure of the
//! run: as ripgrep does, it ends quietly with status 0.
//!
//! Every cell of a table for people goes through [`visible`]: a file name,
//! title or speaker holding a terminal escape sequence or a line break is
//! shown escaped, on its row, and never acts on the terminal. The JSON
//! escapes the same characters (`\u001b`, `\u009b`, `\u202e`), its values
//! unchanged ([`JsonInert`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{BufWriter, ErrorKind, StdoutLock, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::core::export::{OutputError, Written, write_output};

/// Standard output as the subcommands write to it.
pub(super) type Stdout = BufWriter<StdoutLock<'static>>;

/// Standard output, locked and buffered for a subcommand's whole output.
/// Call `flush` on it (and pass on its error) before anything is written to
/// standard error that should follow the output, and at the end: a
/// buffer dropped unflushed loses its error.
pub(super) fn stdout() -> Stdout {
    BufWriter::new(std::io::stdout().lock())
}

/// `s` as a table cell shows it: every character that would act on a
/// terminal or break the row instead of being seen is written as an
/// escape, so a file name, title or speaker with an ESC or OSC sequence
/// (`\x1b]0;title\x07`), a line break or a bidi override stays one cell
/// of one row and sends the terminal nothing.
///
/// Escapes: `\n`, `\r`, `\t`, `\0` and `\e` (ESC) for those, `\u{…}`
/// (hex) for the other C0 controls, DEL, the C1 controls (U+0080–U+009F,
/// CSI U+009B among them), the line and paragraph separators (U+2028,
/// U+2029) and the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069). Everything else, a backslash included, is kept as it
/// is; a text without such characters is borrowed, not copied.
pub(super) fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{1b}' => out.push_str("\\e"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// True for the characters [`visible`] escapes.
fn needs_escape(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How a subcommand prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Print {
    /// Its own table or lines, for people.
    Table,
    /// JSON on one line (`--json` of most subcommands).
    Json,
    /// Indented JSON (`inspect --json`, `compare --json`).
    PrettyJson,
}

impl Print {
    /// [`Print::Table`], or `json` when `--json` was given.
    pub(super) fn json_if(given: bool, json: Print) -> Print {
        if given { json } else { Print::Table }
    }
}

/// Prints a subcommand's result on standard output and flushes it: `value`
/// as JSON followed by a line end, or for [`Print::Table`] what `table`
/// writes of it.
pub(super) fn print<T: Serialize + ?Sized>(
    how: Print,
    value: &T,
    table: impl FnOnce(&mut Stdout, &T) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut out = stdout();
    match how {
        Print::Table => table(&mut out, value).context("writing output")?,
        Print::Json | Print::PrettyJson => {
            let mut json = JsonInert::new(&mut out);
            match how {
                Print::PrettyJson => serde_json::to_writer_pretty(&mut json, value),
                _ => serde_json::to_writer(&mut json, value),
            }
            .context("writing JSON")?;
            json.finish().context("writing JSON")?;
        }
    }
    if how != Print::Table {
        writeln!(out).context("writing output")?;
    }
    out.flush().context("writing output")
}

/// JSON passed through with the characters serde_json leaves as they are
/// but a terminal may act on written as `\uXXXX` escapes: DEL, the C1
/// controls (U+0080–U+009F, which some terminals obey even encoded in
/// UTF-8) and what [`visible`] escapes beyond the C0 controls (serde_json
/// escapes those itself). serde_json writes nothing but ASCII outside
/// strings, so each such character is inside a string, and the escape
/// reads back as the same character: the JSON's values are unchanged.
struct JsonInert<W: Write> {
    inner: W,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<W: Write> JsonInert<W> {
    fn new(inner: W) -> Self {
        JsonInert { inner, pending: Vec::new() }
    }

    /// Writes the bytes held back at the end (none after JSON, which ends
    /// in ASCII).
    fn finish(mut self) -> std::io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.inner.write_all(&pending)
    }

    /// Writes `bytes`, escaped; returns how many bytes at the end are the
    /// start of a character that may need escaping and were not written.
    fn write_escaped(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut done = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Every character escaped is DEL, or starts with 0xC2 (C1) or
            // 0xE2 (U+2000–U+2FFF): the character at `i` when it is one to
            // escape, with its length.
            let len = match bytes[i] {
                0xc2 => 2,
                0xe2 => 3,
                _ => 1,
            };
            if i + len > bytes.len() {
                self.inner.write_all(&bytes[done..i])?;
                return Ok(bytes.len() - i);
            }
            let c = match bytes[i] {
                0x7f => Some(0x7f),
                0xc2 => matches!(bytes[i + 1], 0x80..=0x9f).then(|| u32::from(bytes[i + 1])),
                0xe2 if bytes[i + 1] & 0xc0 == 0x80 && bytes[i + 2] & 0xc0 == 0x80 => {
                    let c = 0x2000 + (u32::from(bytes[i + 1] & 0x3f) << 6) + u32::from(bytes[i + 2] & 0x3f);
                    char::from_u32(c).filter(|&c| needs_escape(c)).map(u32::from)
                }
                _ => None,
            };
            match c {
                Some(c) => {
                    self.inner.write_all(&bytes[done..i])?;
                    write!(self.inner, "\\u{c:04x}")?;
                    i += len;
                    done = i;
                }
                None => i += 1,
            }
        }
        self.inner.write_all(&bytes[done..])?;
        Ok(0)
    }
}

impl<W: Write> Write for JsonInert<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            let kept = self.write_escaped(buf)?;
            self.pending.extend_from_slice(&buf[buf.len() - kept..]);
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            let kept = self.write_escaped(&joined)?;
            joined.drain(..joined.len() - kept);
            self.pending = joined;
        }
        Ok(buf.len())
    }

    /// Flushes what is written, not a character begun and not ended.
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a subcommand's file output (`report -o`, `compare --html`) to what
/// `path` names (see [`write_output`]: a regular file atomically, `-` to
/// standard output, a device or FIFO written through, a folder refused).
/// Returns where it went, for the message that says so.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<String, OutputError> {
    Ok(match write_output(path, bytes)? {
        Written::Stdout => "standard output".to_string(),
        Written::File(target) if target != path => {
            format!("{} (the file it links to: {})", path.display(), target.display())
        }
        Written::File(_) | Written::Through => path.display().to_string(),
    })
}

/// The exit status for the result of a run: the status asked for, or for an
/// error, the error reported once on standard error (with its causes) and
/// status 2; a closed output pipe ends quietly with status 0.
pub fn exit_status(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(status) => status,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("refrain: {}", visible(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// True when the error, or one of its causes, is a write to a closed pipe
/// (also when the JSON writer met it).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(ErrorKind::BrokenPipe)
            || cause.downcast_ref::<OutputError>().is_some_and(|o| o.kind() == ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use anyhow::Context;

    use super::*;

    /// A writer whose reader has gone.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn controls_line_breaks_and_bidi_overrides_are_shown_escaped() {
        let name = "a\x1b]0;pwned\x07b\nc\td\r\0\x7f\u{9b}31m\u{85}\u{202e}evil\u{2069}\u{2028}";
        assert_eq!(
            visible(name),
            "a\\e]0;pwned\\u{7}b\\nc\\td\\r\\0\\u{7f}\\u{9b}31m\\u{85}\\u{202e}evil\\u{2069}\\u{2028}"
        );
        assert!(!visible(name).chars().any(|c| c.is_control()));
        // Plain text, other languages and a backslash are left as they are
        // (borrowed).
        for plain in ["", "State of the Union", "состояние Союза", "خطاب", "C:\\dir\\x", "café ✓"]
        {
            assert!(matches!(visible(plain), Cow::Borrowed(p) if p == plain), "{plain}");
        }
    }

    #[test]
    fn json_is_unchanged_but_for_escapes_of_what_a_terminal_acts_on() {
        let value = serde_json::json!({
            "path": "a\x1b]0;x\x07\u{7f}\u{9b}2J\u{85}\u{202e}evil\u{2066}\u{2028}é€\u{2010}\u{a0}",
            "plain": ["состояние", "خطاب", "x\"y\\z"],
        });
        let plain = serde_json::to_vec(&value).unwrap();
        // Written whole, and one byte at a time (characters split between
        // writes).
        let mut whole = Vec::new();
        let mut json = JsonInert::new(&mut whole);
        json.write_all(&plain).unwrap();
        json.finish().unwrap();
        let mut bytewise = Vec::new();
        let mut json = JsonInert::new(&mut bytewise);
        for b in &plain {
            json.write_all(std::slice::from_ref(b)).unwrap();
        }
        json.finish().unwrap();
        assert_eq!(whole, bytewise);
        let text = String::from_utf8(whole).unwrap();
        let expected = concat!(r"a\u001b]0;x\u0007\u007f\u009b2J\u0085\u202eevil\u2066\u2028é€", "\u{2010}\u{a0}");
        assert!(text.contains(expected), "{text}");
        assert!(!text.chars().any(needs_escape), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn a_closed_pipe_is_recognized_through_context_and_the_json_writer() {
        let plain = writeln!(ClosedPipe, "x").context("writing output").unwrap_err();
        assert!(is_broken_pipe(&plain));
        let json = serde_json::to_writer(ClosedPipe, &[1, 2]).context("writing JSON").unwrap_err();
        assert!(is_broken_pipe(&json));
        let bare: anyhow::Error = std::io::Error::from(ErrorKind::BrokenPipe).into();
        assert!(is_broken_pipe(&bare));
        let other = std::fs::read("/no/such/file").context("reading").unwrap_err();
        assert!(!is_broken_pipe(&other));
        assert!(!is_broken_pipe(&anyhow::anyhow!("a usage error")));
        // `report -o -` to a reader that has gone.
        let output = OutputError::Io { path: "-".into(), error: ErrorKind::BrokenPipe.into() };
        assert!(is_broken_pipe(&anyhow::Error::from(output)));
        let folder = OutputError::Folder { path: "out".into() };
        assert!(!is_broken_pipe(&anyhow::Error::from(folder)));
    }
}
