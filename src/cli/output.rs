//! Where the command line's output goes and how a run ends: one buffered
//! standard output for a subcommand, one way every subcommand prints its
//! result (JSON or its table), and the one place an error that ended the
//! run is reported and turned into the exit status.
//!
//! A reader that stops early (`refrain inspect DIR | head`) closes the pipe;
//! the next write fails with a broken pipe. That is not a failure of the
//! run: as ripgrep does, it ends quietly with status 0.

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
        Print::Json => serde_json::to_writer(&mut out, value).context("writing JSON")?,
        Print::PrettyJson => serde_json::to_writer_pretty(&mut out, value).context("writing JSON")?,
    }
    if how != Print::Table {
        writeln!(out).context("writing output")?;
    }
    out.flush().context("writing output")
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
            eprintln!("refrain: {e:#}");
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
