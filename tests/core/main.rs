//! Integration tests of the core and the command line: everything that
//! runs without the `gui` feature (`cargo test --no-default-features`
//! builds this binary alone). The app's tests are in `tests/gui/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../common/mod.rs"]
mod common; // where the shared corpus, the seed, the fixtures and the events file are
mod support; // running `refrain`, importing one file, the SOTU metadata read on its own

mod alignment; // the pair view's alignment: counterparts on generated edits and the 1945 Roosevelt pair
mod cli; // `refrain inspect`, `phrases`, `compare`: output, exit statuses, a closed pipe
mod cli_escaping; // file names, titles, speakers and events with ESC/OSC sequences, line breaks and bidi overrides: every table cell escaped, one row each
mod compare; // time classification, shared passages and the revision diff
mod corpus; // the importer on the seed and the 249 SOTU speeches with their metadata
mod dispersion; // a SOTU phrase's and a search's positions along each speech, against their occurrences
mod events_csv; // events tables with a broken quote: the row reported by line, the rows around it kept, `refrain timeline`'s stderr
mod hostile_fields; // event links other than web and mail never opened; titles and speakers with bidi overrides in the report and word diff
mod import; // every format rule, encoding and bad input on tests/fixtures
mod import_text; // the import `compare` makes: the same text as a full import on every fixture and SOTU speech, no date
mod incremental; // the phrase index updated one SOTU speech at a time gives the answer of a search from scratch
mod inputs; // events files that are devices, FIFOs, folders or over the limit; 100,000 events by line
mod mentions_ru_tr; // dates mentioned in Russian and Turkish: a table of sentences, `refrain timeline`, English unchanged
mod names_and_folders; // an empty folder given: reported, exit 1; a name that is not UTF-8: a warning, `inspect --json`'s path_bytes
mod outputs; // `report -o`/`compare --html` to files, `-`, /dev/null, a FIFO, a link, a folder; spreadsheet-safe CSV
mod paragraph_highlights; // phrases crossing a paragraph break leave no stray highlighted words
mod phrases; // formulas that recur across the SOTU centuries, against a naive count
mod properties; // proptest properties of tokenizing, phrases and the revision diff
mod report; // `refrain report`: its HTML, escaping, and the picture Chromium renders
mod reuse; // the speech x speech reuse map on SOTU against a brute-force count, its blocks, `refrain reuse`
mod revision_lines; // the revision diff by lines then words: a word diff on generated edits and three SOTU pairs, moves kept
mod search; // `refrain search` on SOTU against an independent count, and other scripts
mod search_limits; // `search --regex . --limit 1` and --json/--sort on millions of matches: peak memory a small multiple of the text; --context 2^64-1 capped, both sides kept
mod search_sort; // search results sorted by context against a plain sort; `search --sort`, `--csv` read back (SOTU, RTL)
mod shingles; // `refrain shingles` on SOTU: the shared 5-grams of its hashes are the phrase engine's
mod sidecar_warnings; // a sidecar table's second row for a file, runaway quote, JSON not a table: each named by table and line, `inspect`'s stderr
mod speakers; // who said a phrase first on SOTU: paths, the speaker × speaker table against a brute-force count, `refrain speakers`
mod speakers_synthetic; // paths and the table on small corpora with undated speeches, no speaker and same-day uses; extra metadata fields
mod subtitles; // SRT/WebVTT cues with malformed timing lines: text kept, a warning per cue with its number and line, `refrain inspect`
mod timeline; // the seed's dated references and `refrain timeline` on SOTU and events
mod word_diff; // the unified and HTML word diffs: both versions given back, escaping, `compare --unified/--html`
mod word_ranges; // word ranges stored at import index exactly as ranges found afresh
