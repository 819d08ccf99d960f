//! The `refrain` command line: headless access to the core.

mod compare;
mod inspect;
mod match_args;
mod output;
mod phrases;
mod report;
mod reuse;
mod search;
mod shingles;
mod speakers;
mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::import::files::{DEFAULT_MAX_FILE_SIZE, FileOutcome, ImportOptions, import_paths_reporting};
use crate::core::text::transcript::Transcript;

pub use inspect::InspectRecord;
pub use output::exit_status;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "refrain",
    version,
    about = "Compare speeches and find the phrasing that keeps coming back.",
    long_about = "Compare speeches and find the phrasing that keeps coming back.\n\nWithout a subcommand, opens the desktop app with the given transcripts (files or folders).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do headless; without one, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Transcript files or folders to open in the app.
    pub paths: Vec<PathBuf>,
    /// Open this workspace file (sources, columns, settings) instead of the saved one.
    #[arg(long, value_name = "FILE")]
    pub workspace: Option<PathBuf>,
    /// Start the app, wait until it has read and indexed everything, save a
    /// screenshot of the window to this PNG file and quit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size for the app, WIDTHxHEIGHT in points.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: [f32; 2],
}

/// Parses `1280x800`.
fn parse_size(s: &str) -> Result<[f32; 2], String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or("expected WIDTHxHEIGHT, like 1280x800")?;
    let parse = |v: &str| v.trim().parse::<f32>().map_err(|_| format!("{v:?} is not a number"));
    let (w, h) = (parse(w)?, parse(h)?);
    if !(200.0..=10_000.0).contains(&w) || !(200.0..=10_000.0).contains(&h) {
        return Err("the size must be between 200 and 10000 in each direction".into());
    }
    Ok([w, h])
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what the importer understood of each transcript.
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the
    /// others are still printed), 2 for a usage error.
    Inspect {
        /// Transcript files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON array, an object per file.
        #[arg(long)]
        json: bool,
        /// Refuse files larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
        max_size: u64,
    },
    /// List the phrasing that recurs across speeches, with first and last use.
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the
    /// phrases of the others are still printed), 2 for a usage error.
    Phrases {
        /// Transcript files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        matching: match_args::MatchArgs,
        /// Print one JSON object with `documents` and `phrases`.
        #[arg(long)]
        json: bool,
        /// Phrases listed in the table (all are in the JSON).
        #[arg(long, default_value_t = 40, value_name = "N")]
        limit: usize,
        /// Only phrases this speaker used (a name or part of one, any case;
        /// repeat for several speakers).
        #[arg(long, value_name = "NAME")]
        speaker: Vec<String>,
        /// Only phrases used on or after this date (`1861`, `1861-03` or `1861-03-04`).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only phrases used on or before this date (a year or a month means its last day).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// Compare two speeches: the passages they share (wherever they sit), or
    /// with --revision the word-level diff of two versions of one speech.
    Compare(compare::CompareArgs),
    /// The speeches, outside events and the dates the speeches mention
    /// ("three years ago", "last June"), on one time axis in date order.
    ///
    /// Exit status: 0 when every file was read, 1 when any transcript or
    /// events row failed (the rest is still printed), 2 for a usage error.
    Timeline {
        /// Transcript files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Events file: CSV `date,title,description[,end_date][,url]` or a JSON
        /// array with those keys; may be given more than once. A regular file
        /// of at most 256 MiB: folders, devices and sockets are refused, and
        /// named pipes unless --events-fifo is given.
        #[arg(long, value_name = "FILE")]
        events: Vec<PathBuf>,
        /// Also read --events files that are named pipes (FIFOs), such as a
        /// shell's `<(command)`: read until the writer closes it, at most
        /// 256 MiB. Without it a FIFO is refused, as one nobody writes to
        /// would wait forever.
        #[arg(long)]
        events_fifo: bool,
        /// Print one JSON object with `entries` and `undated`.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print the lanes as CSV, as File > Export timeline… writes them
        /// (lane, kind, date, …, file relative to the corpus folder, notes).
        #[arg(long)]
        csv: bool,
        /// Put the speeches matching this search on the phrase lane (as a
        /// pinned search in the app): plain words, or "an exact phrase".
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
    },
    /// Find every place a word or phrase was said: keyword-in-context lines
    /// grouped by speech in date order.
    ///
    /// Plain words match that run of words, case- and accent-insensitive
    /// (the first and last word may be part of a longer word); words in
    /// double quotes match whole words only.
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the
    /// matches in the others are still printed), 2 for a usage error (an
    /// empty query, a bad regular expression).
    Search {
        /// What to look for: words, "an exact phrase", or a regular
        /// expression with --regex.
        query: String,
        /// Transcript files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object with `speeches`, their `matches` and `per_year`.
        #[arg(long)]
        json: bool,
        /// Match case and accents exactly.
        #[arg(long)]
        case_sensitive: bool,
        /// Match whole words only.
        #[arg(long)]
        whole_word: bool,
        /// The query is a regular expression over the text as written.
        #[arg(long)]
        regex: bool,
        /// Characters of context on each side of a match (at most 1000).
        #[arg(long, default_value_t = 40, value_name = "N")]
        context: usize,
        /// Lines printed in the text output (all are in the JSON).
        #[arg(long, default_value_t = 200, value_name = "N")]
        limit: usize,
        /// Sorting by context and the CSV output.
        #[command(flatten)]
        order: search::OrderArgs,
    },
    /// The speech x speech reuse map: for each pair of speeches, the words
    /// of the shorter one inside recurring phrases the other also uses, as
    /// a share of its length; the most similar pairs, or in JSON the whole
    /// matrix (or blocks of speeches or years for a large corpus).
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the map
    /// of the others is still printed), 2 for a usage error.
    Reuse(reuse::ReuseArgs),
    /// Write the comparison as one self-contained HTML file: the columns side
    /// by side with the app's highlight colours and legend, the selected
    /// phrase's occurrences, the timeline (speeches, events, the phrase's
    /// uses) as an inline SVG, and the recurring phrases with first and last use.
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the
    /// report of the others is still written), 2 for a usage error.
    Report {
        /// Transcript files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The HTML file to write (`-`: standard output; a device or a
        /// named pipe is written through, a folder refused).
        #[arg(short, long, value_name = "REPORT.html")]
        output: PathBuf,
        #[command(flatten)]
        matching: match_args::MatchArgs,
        /// A transcript to show as a column (repeat for several); default:
        /// all of them when 8 or fewer, else the first 4 by date.
        #[arg(long, value_name = "PATH")]
        column: Vec<PathBuf>,
        /// Select the recurring phrase containing these words (its
        /// occurrences are listed and underlined).
        #[arg(long, value_name = "TEXT")]
        phrase: Option<String>,
        /// The report's title.
        #[arg(long)]
        title: Option<String>,
        /// Most recurring phrases listed.
        #[arg(long, default_value_t = 500, value_name = "N")]
        max_phrases: usize,
        /// Events file for the report's timeline (CSV or JSON, as for
        /// `refrain timeline`); may be given more than once.
        #[arg(long, value_name = "FILE")]
        events: Vec<PathBuf>,
        /// Also read --events files that are named pipes (FIFOs), as for
        /// `refrain timeline`.
        #[arg(long)]
        events_fifo: bool,
    },
    /// Who said a phrase first and who used it later: per pair of speakers
    /// (or of another field's values, --field party), the phrases first
    /// said by one and later used by the other, with their words and the
    /// median lag; a speaker's own later use is listed apart.
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the
    /// pairs of the others are still printed), 2 for a usage error.
    Speakers(speakers::SpeakersArgs),
    /// Write each document's metadata and the hashes of its n-grams as JSON
    /// Lines (one object per document), for Apache Spark, DataFusion or
    /// DuckDB to find the n-grams documents share on a corpus larger than
    /// one machine. Words are normalized as for `refrain phrases`; each
    /// hash is 64-bit FNV-1a of the n-gram's normalized words joined by
    /// single spaces, written as the signed 64-bit integer with its bits.
    ///
    /// Exit status: 0 when every file was read, 1 when any failed (the
    /// others are still written), 2 for a usage error.
    Shingles {
        /// Transcript files, or folders to read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The JSON Lines file to write (`-`: standard output).
        #[arg(short, long, value_name = "OUT.jsonl")]
        output: PathBuf,
        /// Words per n-gram.
        #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        words: u32,
        /// List every n-gram in text order with the byte range of its
        /// words (`start_bytes`, `end_bytes`), not only the distinct hashes.
        #[arg(long)]
        positions: bool,
    },
}

/// The command line of `refrain compare` alone: the same subcommand, its
/// arguments and help, without building the parser of every other
/// subcommand (a tenth of a millisecond; users time `compare` of two
/// speeches, a few milliseconds in all).
#[derive(Debug, Parser)]
#[command(name = "refrain", version, about = "Refrain: compare speeches (command line)")]
struct CompareOnly {
    #[command(subcommand)]
    command: CompareCommand,
}

#[derive(Debug, Subcommand)]
enum CompareCommand {
    /// Compare two speeches: the passages they share (wherever they sit), or
    /// with --revision the word-level diff of two versions of one speech.
    Compare(compare::CompareArgs),
}

/// True when the arguments (without the program's name) ask for `compare`,
/// to be parsed by [`run_compare`].
pub fn asks_for_compare(args: &[std::ffi::OsString]) -> bool {
    args.first().is_some_and(|a| a == "compare")
}

/// Parses `refrain compare …` and runs it.
pub fn run_compare() -> anyhow::Result<ExitCode> {
    let CompareOnly { command: CompareCommand::Compare(args) } = CompareOnly::parse();
    compare::compare(&args)
}

/// Runs a subcommand and returns the exit status it calls for.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Inspect { paths, json, max_size } => inspect::inspect(&paths, json, max_size),
        Command::Phrases { paths, matching, json, limit, speaker, from, to } => {
            let options = matching.options();
            let filter = phrases::PhraseFilterArgs { speakers: speaker, from, to };
            phrases::phrases(&paths, &options, json, limit, &filter)
        }
        Command::Compare(args) => compare::compare(&args),
        Command::Timeline { paths, events, events_fifo, json, csv, search } => {
            let format = if csv {
                timeline::Format::Csv
            } else if json {
                timeline::Format::Json
            } else {
                timeline::Format::Table
            };
            timeline::timeline(&paths, &events, events_fifo, format, search.as_deref())
        }
        Command::Report { paths, output, matching, column, phrase, title, max_phrases, events, events_fifo } => {
            let options = matching.options();
            report::report(report::ReportArgs {
                paths,
                output,
                options,
                columns: column,
                phrase,
                title,
                max_phrases,
                events,
                events_fifo,
            })
        }
        Command::Search { query, paths, json, case_sensitive, whole_word, regex, context, limit, order } => {
            let options = crate::core::search::SearchOptions { case_sensitive, whole_word, regex };
            search::search(&query, &paths, options, json, context, limit, &order)
        }
        Command::Reuse(args) => reuse::reuse(&args),
        Command::Speakers(args) => speakers::speakers(&args),
        Command::Shingles { paths, output, words, positions } => {
            let options = crate::core::export::shingles::ShingleOptions { words: words as usize, positions };
            shingles::shingles(&paths, &output, &options)
        }
    }
}

/// Reads transcripts for a command that works on a corpus: failures are
/// reported on stderr and counted, the rest returned in date order.
fn load_corpus(paths: &[PathBuf]) -> (Vec<Transcript>, usize) {
    let mut failed = 0;
    let mut transcripts = Vec::new();
    let report = import_paths_reporting(paths, &ImportOptions::default());
    for outcome in report.outcomes {
        match outcome {
            FileOutcome::Imported(t) => transcripts.push(*t),
            FileOutcome::Duplicate { path, of } => {
                let message = format!("{}: same content as {}; read once", path.display(), of.display());
                eprintln!("refrain: {}", output::visible(&message))
            }
            FileOutcome::Failed(e) => {
                eprintln!("refrain: {}", output::visible(&e.to_string()));
                failed += 1;
            }
        }
    }
    // What the metadata tables hold but are not used as written: said, and
    // the run goes on (as `inspect` does).
    for warning in report.table_warnings {
        eprintln!("refrain: {}", output::visible(&warning.to_string()));
    }
    transcripts.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    (transcripts, failed)
}

/// Pads `s` with spaces to `width` characters.
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_alone_parses_as_the_whole_command_line_does() {
        let cases: [&[&str]; 5] = [
            &["compare", "a.txt", "b.txt"],
            &["compare", "--revision", "a.txt", "b.txt", "--json"],
            &["compare", "--revision", "--unified", "--ignore-case=false", "--min-words", "8", "a", "b"],
            &["compare", "--revision", "--html", "out.html", "--ignore-numbers", "a", "b"],
            &["compare", "a", "b", "--min-words", "3", "--json"],
        ];
        for case in cases {
            let argv = std::iter::once("refrain").chain(case.iter().copied());
            let whole = match Cli::try_parse_from(argv.clone()).unwrap().command {
                Some(Command::Compare(args)) => args,
                other => panic!("{case:?}: {other:?}"),
            };
            let CompareOnly { command: CompareCommand::Compare(alone) } = CompareOnly::try_parse_from(argv).unwrap();
            assert_eq!(format!("{alone:?}"), format!("{whole:?}"), "{case:?}");
        }
        for bad in [&["compare", "a"][..], &["compare", "--html", "x", "a", "b"], &["compare", "--bogus", "a", "b"]] {
            let argv = std::iter::once("refrain").chain(bad.iter().copied());
            let (whole, alone) = (Cli::try_parse_from(argv.clone()), CompareOnly::try_parse_from(argv));
            assert_eq!(
                whole.map(|_| ()).map_err(|e| e.kind()),
                alone.map(|_| ()).map_err(|e| e.kind()),
                "{bad:?}: refused alike"
            );
        }
        let args: Vec<std::ffi::OsString> = ["compare", "a", "b"].iter().map(Into::into).collect();
        assert!(asks_for_compare(&args) && !asks_for_compare(&args[1..]) && !asks_for_compare(&[]));
    }
}
