//! Reading transcripts from disk: folders walked recursively, size limits
//! checked before reading, duplicates recognized, and every failure reported
//! per file while the rest load (a folder with no transcripts, a file name
//! that is not UTF-8 and a sidecar table's skipped rows are reported too).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::core::import::decode::{DecodeError, decode};
use crate::core::import::error::ImportError;
use crate::core::import::limited_read::{ReadError, ReadLimits, read_limited};
use crate::core::import::recognize::{recognize, recognize_text};
use crate::core::import::sidecar::{SidecarCache, SidecarRef, SidecarWarning};
use crate::core::text::transcript::Transcript;

/// File extensions read when walking a folder. Files named explicitly are
/// read whatever their extension.
pub const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "srt", "vtt"];

/// Default size limit for one transcript: 50 MB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 50 * 1024 * 1024;

/// Settings for an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Files larger than this many bytes are refused before being read
    /// (default [`DEFAULT_MAX_FILE_SIZE`], 50 MB).
    pub max_file_size: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// Read and understood.
    Imported(Box<Transcript>),
    /// The same bytes as a file already imported; not imported again.
    Duplicate {
        /// This file.
        path: PathBuf,
        /// The file it duplicates.
        of: PathBuf,
    },
    /// Refused, with the reason.
    Failed(ImportError),
}

impl FileOutcome {
    /// The file this outcome is about.
    pub fn path(&self) -> &Path {
        match self {
            FileOutcome::Imported(t) => &t.path,
            FileOutcome::Duplicate { path, .. } => path,
            FileOutcome::Failed(e) => e.path(),
        }
    }

    /// The transcript read, when the file was imported.
    pub fn into_transcript(self) -> Option<Transcript> {
        match self {
            FileOutcome::Imported(t) => Some(*t),
            _ => None,
        }
    }
}

/// Expands the paths a user gave into transcript files: folders are walked
/// recursively (hidden entries skipped, symlinks followed, loops reported),
/// files are taken as they are. Missing paths, and folders in which no
/// transcript is found ([`ImportError::NoTranscripts`]), come back as errors.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, ImportError>> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Err(ImportError::NotFound { path: path.clone() }));
            }
            Err(source) => out.push(Err(ImportError::Unreadable { path: path.clone(), source })),
            Ok(m) if m.is_dir() => walk(path, &mut out),
            Ok(_) => out.push(Ok(path.clone())),
        }
    }
    out
}

fn walk(root: &Path, out: &mut Vec<Result<PathBuf, ImportError>>) {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && has_transcript_extension(e.path()) => {
                files.push(Ok(e.into_path()));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let reason = match err.loop_ancestor() {
                    Some(ancestor) => format!("symlink loop back to {}; skipped", ancestor.display()),
                    None => err.io_error().map(|e| format!("cannot be read: {e}")).unwrap_or_else(|| err.to_string()),
                };
                files.push(Err(ImportError::Walk { path, reason }));
            }
        }
    }
    if files.is_empty() {
        // Said, not silently nothing: a folder given with nothing to read.
        let empty = std::fs::read_dir(root).is_ok_and(|mut entries| entries.next().is_none());
        files.push(Err(ImportError::NoTranscripts { path: root.to_path_buf(), empty }));
    }
    out.extend(files);
}

/// True for file names with one of [`TRANSCRIPT_EXTENSIONS`].
pub fn has_transcript_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| TRANSCRIPT_EXTENSIONS.contains(&e.as_str()))
}

/// Imports files one at a time, remembering sidecar tables and the content
/// of files already seen (to recognize duplicates).
#[derive(Debug, Default)]
pub struct Importer {
    options: ImportOptions,
    sidecars: SidecarCache,
    seen: HashMap<ContentKey, PathBuf>,
}

impl Importer {
    /// A new importer with the given options.
    pub fn new(options: ImportOptions) -> Self {
        Importer { options, ..Default::default() }
    }

    /// An importer for [`Importer::import_text`] alone: the sidecar tables
    /// are read for the languages they state (the rules the words are read
    /// with); a table without a language column is not read past its
    /// header, so its rows give the transcripts nothing.
    pub fn for_text(options: ImportOptions) -> Self {
        Importer { options, sidecars: SidecarCache::languages_only(), ..Default::default() }
    }

    /// Reads one transcript file. A folder is an error here: use [`discover`]
    /// to expand folders first.
    pub fn import_file(&mut self, path: &Path) -> FileOutcome {
        let tables = self.sidecars.for_file(path);
        let parsed = read_bytes(path, self.options.max_file_size).and_then(|b| parse(path, &b, &tables, true));
        self.settle(path, parsed)
    }

    /// [`Importer::import_file`] for the text alone: the same body, words
    /// and languages, but no date, speaker or place looked for (see
    /// [`recognize_text`]): for reading a few files whose metadata nothing
    /// shows. With an importer made by [`Importer::for_text`] the sidecar
    /// tables give the languages alone.
    pub fn import_text(&mut self, path: &Path) -> FileOutcome {
        let tables = self.sidecars.for_file(path);
        let parsed = read_bytes(path, self.options.max_file_size).and_then(|b| parse(path, &b, &tables, false));
        self.settle(path, parsed)
    }

    /// Reads files in parallel (decoding and recognizing them on all cores)
    /// and returns one outcome per file, in the order given; duplicates are
    /// decided in that order too. `progress` is called once per file read,
    /// from the worker threads.
    pub fn import_many(&mut self, paths: &[PathBuf], progress: impl Fn() + Sync) -> Vec<FileOutcome> {
        let tables: Vec<Vec<SidecarRef>> = paths.iter().map(|p| self.sidecars.for_file(p)).collect();
        let limit = self.options.max_file_size;
        let parsed: Vec<Result<Parsed, ImportError>> = paths
            .par_iter()
            .zip(tables.par_iter())
            .map(|(path, tables)| {
                let r = read_bytes(path, limit).and_then(|b| parse(path, &b, tables, true));
                progress();
                r
            })
            .collect();
        paths.iter().zip(parsed).map(|(path, r)| self.settle(path, r)).collect()
    }

    /// What the sidecar tables read since the last call hold but are not
    /// used as written (rows skipped or overridden, tables not used), each
    /// table's once: to show besides the files' outcomes.
    pub fn take_table_warnings(&mut self) -> Vec<SidecarWarning> {
        self.sidecars.take_warnings()
    }

    /// Imports text already in memory (the built-in samples), with the same
    /// rules as a file of that name except that no sidecar table is looked up
    /// on disk.
    pub fn import_bytes(&mut self, path: &Path, bytes: &[u8]) -> FileOutcome {
        let parsed = parse(path, bytes, &[], true);
        self.settle(path, parsed)
    }

    /// Turns a parsed file into an outcome, recognizing duplicates.
    fn settle(&mut self, path: &Path, parsed: Result<Parsed, ImportError>) -> FileOutcome {
        match parsed {
            Ok(Parsed { transcript, key }) => {
                if let Some(of) = self.seen.get(&key) {
                    return FileOutcome::Duplicate { path: path.to_path_buf(), of: of.clone() };
                }
                self.seen.insert(key, path.to_path_buf());
                FileOutcome::Imported(transcript)
            }
            Err(e) => FileOutcome::Failed(e),
        }
    }
}

/// The hash that, with the length, recognizes a file's content. Seeded
/// with a constant so the same bytes give the same key in every run.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x5EED_0F2E_F2A1).hash_one(bytes)
}

/// What recognizes a file read twice, under any name: its content's hash
/// and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ContentKey {
    hash: u64,
    len: usize,
}

/// A file read and understood, with the key that identifies its content.
struct Parsed {
    transcript: Box<Transcript>,
    key: ContentKey,
}

/// Reads a file's bytes, refusing folders, special files and files over
/// `limit` bytes (checked before reading, and again while reading in case
/// the file grows): [`read_limited`], its refusals told as import errors.
fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    read_limited(path, ReadLimits::new(limit)).map_err(|e| match e {
        ReadError::NotFound { path } => ImportError::NotFound { path },
        ReadError::IsADirectory { path } => ImportError::IsADirectory { path },
        ReadError::Special { path, .. } => ImportError::NotAFile { path },
        ReadError::TooLarge { path, size, limit } => ImportError::TooLarge { path, size, limit },
        ReadError::OverLimitWhileReading { path, limit } => {
            ImportError::TooLarge { path, size: limit.saturating_add(1), limit }
        }
        ReadError::Unreadable { path, source } => ImportError::Unreadable { path, source },
    })
}

/// Decodes and recognizes a file's bytes, using the first sidecar table that
/// has a row for it; its date, speaker and place only when `metadata`.
fn parse(path: &Path, bytes: &[u8], tables: &[SidecarRef], metadata: bool) -> Result<Parsed, ImportError> {
    let p = || path.to_path_buf();
    let decoded = decode(bytes).map_err(|e| match e {
        DecodeError::Empty => ImportError::Empty { path: p() },
        DecodeError::Binary(kind) => ImportError::Binary { path: p(), kind },
    })?;
    let key = ContentKey { hash: content_hash(bytes), len: bytes.len() };
    let mut warnings: Vec<String> = non_utf8_name(path).into_iter().collect();
    let mut row = None;
    for table in tables {
        match table.as_ref() {
            Ok(table) => {
                if let Some(r) = table.row_for(path) {
                    row = Some(r);
                    break;
                }
            }
            Err(error) => warnings.push(format!("metadata table skipped: {error}")),
        }
    }
    let read = if metadata { recognize } else { recognize_text };
    let transcript = read(path, decoded, row, warnings).ok_or_else(|| ImportError::NoText { path: p() })?;
    Ok(Parsed { transcript: Box::new(transcript), key })
}

/// The warning for a path that is not valid UTF-8. Its name is shown (here,
/// in tables, in the app) with U+FFFD for the bytes that are not UTF-8, so
/// the warning says so; `refrain inspect --json` gives the exact bytes too.
fn non_utf8_name(path: &Path) -> Option<String> {
    path.to_str().is_none().then(|| {
        format!(
            "the name “{}” is not valid UTF-8: it is shown with � for the bytes that are not (the file is read all the same)",
            path.display()
        )
    })
}

/// What an import of files and folders brings back.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One outcome per file, in the order found.
    pub outcomes: Vec<FileOutcome>,
    /// What concerns no single file: the sidecar tables' rows skipped or
    /// overridden and tables not used, each table's once.
    pub table_warnings: Vec<SidecarWarning>,
}

/// Imports everything under `paths` (files and folders): one outcome per
/// file, in the order found. One bad file never stops the others. The
/// sidecar tables' warnings are left out: see [`import_paths_reporting`].
pub fn import_paths(paths: &[PathBuf], options: &ImportOptions) -> Vec<FileOutcome> {
    import_paths_reporting(paths, options).outcomes
}

/// [`import_paths`] with the warnings of the sidecar tables read on the way.
pub fn import_paths_reporting(paths: &[PathBuf], options: &ImportOptions) -> ImportReport {
    let found = discover(paths);
    let files: Vec<PathBuf> = found.iter().filter_map(|f| f.as_ref().ok().cloned()).collect();
    let mut importer = Importer::new(options.clone());
    let mut imported = importer.import_many(&files, || {}).into_iter();
    let outcomes = found
        .into_iter()
        .filter_map(|f| match f {
            Ok(_) => imported.next(),
            Err(e) => Some(FileOutcome::Failed(e)),
        })
        .collect();
    ImportReport { outcomes, table_warnings: importer.take_table_warnings() }
}
