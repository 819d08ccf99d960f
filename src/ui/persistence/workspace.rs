//! What the app remembers between runs: the open sources, the columns, the
//! phrase settings, the selected phrase, pinned searches and notes. Saved
//! as JSON, always atomically: between runs to `workspace.json` in the
//! app's data folder (see `autosave`) and, on request, to a file of the
//! user's choosing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::core::import::limited_read::{ReadError, ReadLimits, read_limited};
use crate::core::phrases::PhraseOptions;

/// The workspace format version written now; newer files are refused
/// rather than misread. Format 2 keeps the phrase settings as one object,
/// `phrase_options`; format 1 kept them at the top level (`min_words`,
/// `min_speeches`, `max_gap`, `stem`, `hide_formulas`) and is still read.
pub const WORKSPACE_VERSION: u32 = 2;

/// Everything saved. Missing fields take their defaults, so older saves load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    /// Format version.
    pub version: u32,
    /// Files and folders opened; empty means the built-in samples.
    pub sources: Vec<PathBuf>,
    /// Transcripts shown as columns, in order.
    pub columns: Vec<PathBuf>,
    /// The phrase settings: shortest phrase, fewest speeches, gap, stems,
    /// formulas left unhighlighted.
    #[serde(deserialize_with = "phrase_options_within_limits")]
    pub phrase_options: PhraseOptions,
    /// The selected phrase, by its words as first used.
    pub selected_phrase: Option<String>,
    /// Revision diff of two columns.
    pub pair_mode: bool,
    /// Scroll columns together.
    pub sync_scroll: bool,
    /// Which differences the pair diff ignores.
    pub pair_options: PairDiffOptions,
    /// Recently opened sets of sources, newest first.
    pub recent: Vec<Vec<PathBuf>>,
    /// Transcripts the user removed; they stay out when their folder is read again.
    pub excluded: Vec<PathBuf>,
    /// The phrases panel is open.
    pub phrases_panel: bool,
    /// How the phrases panel is sorted.
    pub phrase_sort: crate::ui::panels::phrases::PhraseSort,
    /// What the phrase explorer was last asked (typed text, speaker,
    /// dates, order).
    pub explore: crate::core::phrases::explore::ExploreQuery,
    /// The phrase explorer is open.
    pub explorer_open: bool,
    /// The reuse map is open.
    pub reuse_map_open: bool,
    /// The dispersion window is open.
    pub dispersion_open: bool,
    /// What the dispersion window shows.
    pub dispersion_of: crate::ui::panels::dispersion::DispersionOf,
    /// The Speakers window is open.
    pub speakers_open: bool,
    /// The field the Speakers window groups by (empty: speaker).
    pub speakers_field: String,
    /// Events files shown on the timeline (CSV or JSON).
    pub events_files: Vec<PathBuf>,
    /// The timeline panel is open.
    pub timeline_panel: bool,
    /// Speeches within this many days of a selected event are highlighted.
    pub event_window_days: i64,
    /// How searches are matched (case, whole words, regex).
    pub search_options: crate::core::search::SearchOptions,
    /// Searches pinned to come back to.
    pub tracked_searches: Vec<crate::ui::panels::search::TrackedSearch>,
    /// Notes on places in transcripts and on phrases.
    pub notes: Vec<crate::core::notes::Note>,
    /// Where each transcript was last read, newest first: a column
    /// shown again (after a restart, or closed and reopened) opens there.
    pub reading_positions: Vec<ReadingPosition>,
    /// How the list, the timeline and the columns use the metadata fields
    /// (group, filter, lanes and colours by speaker, party, …).
    pub fields: crate::core::text::fields::FieldView,
}

/// Which differences between two versions the pair diff ignores (see
/// `RevisionOptions`): by default case, punctuation and white space are
/// ignored and numbers compared, as phrases match words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct PairDiffOptions {
    /// "War" and "war" are the same word.
    pub ignore_case: bool,
    /// Punctuation and symbols are no change.
    pub ignore_punctuation: bool,
    /// Line breaks and extra spaces are no change.
    pub ignore_whitespace: bool,
    /// One number in place of another is no change.
    pub ignore_numbers: bool,
}

impl Default for PairDiffOptions {
    fn default() -> Self {
        PairDiffOptions { ignore_case: true, ignore_punctuation: true, ignore_whitespace: true, ignore_numbers: false }
    }
}

/// Where a transcript was last read: the byte at the top of its column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingPosition {
    /// The transcript's file.
    pub path: PathBuf,
    /// The first byte of the row at the top of the column, in the body.
    pub top_byte: usize,
}

/// Most reading positions remembered.
const MAX_READING_POSITIONS: usize = 500;

/// Most sets of sources remembered as recent.
const MAX_RECENT: usize = 10;

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            version: WORKSPACE_VERSION,
            sources: Vec::new(),
            columns: Vec::new(),
            phrase_options: PhraseOptions::default(),
            selected_phrase: None,
            pair_mode: false,
            sync_scroll: true,
            pair_options: PairDiffOptions::default(),
            recent: Vec::new(),
            excluded: Vec::new(),
            phrases_panel: true,
            phrase_sort: Default::default(),
            explore: Default::default(),
            explorer_open: false,
            reuse_map_open: false,
            dispersion_open: false,
            dispersion_of: Default::default(),
            speakers_open: false,
            speakers_field: String::new(),
            events_files: Vec::new(),
            timeline_panel: true,
            event_window_days: 90,
            search_options: Default::default(),
            tracked_searches: Vec::new(),
            notes: Vec::new(),
            reading_positions: Vec::new(),
            fields: Default::default(),
        }
    }
}

impl Workspace {
    /// A workspace read in format 1, which kept the phrase settings at the
    /// top level: `top_level` is the same data read as [`PhraseOptions`]
    /// (the fields it does not know are ignored). Returns it in the format
    /// written now.
    pub fn from_format_1(workspace: Workspace, top_level: PhraseOptions) -> Workspace {
        Workspace { version: WORKSPACE_VERSION, phrase_options: within_limits(top_level), ..workspace }
    }

    /// Where `path` was last read, if remembered.
    pub fn reading_position(&self, path: &Path) -> Option<usize> {
        self.reading_positions.iter().find(|r| r.path == path).map(|r| r.top_byte)
    }

    /// Remembers where `path` is read now; a transcript not remembered yet
    /// goes first, and the oldest beyond the limit are forgotten.
    pub fn set_reading_position(&mut self, path: &Path, top_byte: usize) {
        if let Some(r) = self.reading_positions.iter_mut().find(|r| r.path == path) {
            r.top_byte = top_byte;
            return;
        }
        self.reading_positions.insert(0, ReadingPosition { path: path.to_path_buf(), top_byte });
        self.reading_positions.truncate(MAX_READING_POSITIONS);
    }

    /// Remembers a set of sources as the most recent.
    pub fn remember(&mut self, sources: &[PathBuf]) {
        if sources.is_empty() {
            return;
        }
        self.recent.retain(|r| r != sources);
        self.recent.insert(0, sources.to_vec());
        self.recent.truncate(MAX_RECENT);
    }

    /// Holds the lists the app keeps short while running (recent sets,
    /// reading positions) to their limits, the newest kept: a hand-edited
    /// or hostile file may list millions, each looked through often. The
    /// columns are held to theirs by the app, which says so.
    pub fn hold_lists_to_limits(&mut self) {
        self.recent.truncate(MAX_RECENT);
        self.reading_positions.truncate(MAX_READING_POSITIONS);
    }

    /// Writes the workspace as JSON: to a temporary file beside `path`,
    /// flushed to disk, then renamed over it, keeping the previous version
    /// as `path.bak`.
    pub fn save_to(&self, path: &Path) -> Result<(), WorkspaceError> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|error| WorkspaceError::Unencodable { path: path.to_path_buf(), error })?;
        let write = || -> std::io::Result<()> {
            // The previous version is kept when it is a workspace file (a
            // regular file within the limit); a FIFO or a device at `path`
            // is written through, not copied.
            if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_WORKSPACE_FILE) {
                let bak = path.with_extension("json.bak");
                if !keep_by_link(path, &bak)
                    && let Ok(previous) = read_workspace_file(path)
                {
                    crate::core::export::write_atomic(&bak, &previous)?;
                }
            }
            crate::core::export::write_atomic(path, &json)
        };
        write().map_err(|error| WorkspaceError::Unsaved { path: path.to_path_buf(), error })
    }

    /// Reads a workspace file, refusing files from a newer Refrain, and
    /// anything but a regular file of at most [`MAX_WORKSPACE_FILE`] bytes
    /// (unopened: a FIFO or a device given as a workspace must not hang or
    /// fill memory).
    pub fn load_from(path: &Path) -> Result<Workspace, WorkspaceError> {
        let bytes = read_workspace_file(path)?;
        Workspace::parse(&bytes, path)
    }

    /// Reads a workspace from the bytes of the file at `path` (named in the
    /// messages). The version is looked at first, so a file from a newer
    /// Refrain is called that even when its fields no longer fit this one.
    /// Fails with [`WorkspaceError::Newer`] or [`WorkspaceError::Invalid`].
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Workspace, WorkspaceError> {
        /// Just the version, whatever else the file holds.
        #[derive(Deserialize)]
        struct Version {
            #[serde(default)]
            version: u32,
        }
        let version = serde_json::from_slice::<Version>(bytes).map(|v| v.version);
        if let Ok(version) = version
            && version > WORKSPACE_VERSION
        {
            return Err(WorkspaceError::Newer { path: path.to_path_buf(), version });
        }
        let invalid = |error| WorkspaceError::Invalid { path: path.to_path_buf(), error };
        let workspace = serde_json::from_slice::<Workspace>(bytes);
        if version.as_ref().is_ok_and(|&version| version > 1) {
            return workspace.map_err(invalid);
        }
        // Format 1 (or a file whose version cannot be read): the phrase
        // settings are the top-level fields PhraseOptions knows. Of two
        // errors, the one reading the file once meets first is reported:
        // the earlier, or at the same place, the wrong value (read before
        // what follows it).
        match (workspace, serde_json::from_slice::<PhraseOptions>(bytes)) {
            (Ok(workspace), Ok(top_level)) => Ok(Workspace::from_format_1(workspace, top_level)),
            (Err(error), Ok(_)) | (Ok(_), Err(error)) => Err(invalid(error)),
            (Err(first), Err(second)) => {
                let place = |e: &serde_json::Error| (e.line(), e.column(), !e.is_data());
                Err(invalid(if place(&second) < place(&first) { second } else { first }))
            }
        }
    }
}

/// Workspace files larger than this are refused unread: 128 MiB. A
/// workspace is settings, paths and the user's notes; a hundred thousand
/// notes of a paragraph each fit with room to spare, so Refrain's own saves
/// stay far below it, while a wrong file picked as a workspace cannot fill
/// memory (reading JSON takes several times the file's size).
pub const MAX_WORKSPACE_FILE: u64 = 128 * 1024 * 1024;

/// The bytes of the workspace file at `path`: a regular file of at most
/// [`MAX_WORKSPACE_FILE`] bytes, never a FIFO or a device
/// ([`read_limited`]). Used by [`Workspace::load_from`] and the autosave.
pub fn read_workspace_file(path: &Path) -> Result<Vec<u8>, WorkspaceError> {
    read_limited(path, ReadLimits::new(MAX_WORKSPACE_FILE)).map_err(WorkspaceError::NotRead)
}

/// Makes `bak` the file now at `path` without reading it: a new name for the
/// same file (a hard link made under a fresh name beside `bak`, then renamed
/// over it), which the save that follows leaves alone (it renames a new file
/// over `path`). A save from the window's thread then costs no read of a
/// large workspace. False where links cannot be made (some file systems):
/// the caller copies instead.
fn keep_by_link(path: &Path, bak: &Path) -> bool {
    // A symbolic link would be linked itself, not the file it leads to,
    // and that file is about to be replaced: such a workspace is copied.
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file()) {
        return false;
    }
    let Some(dir) = bak.parent() else { return false };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let name = bak.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A fresh name each try: nothing planted at it is followed or replaced.
    let linked =
        tempfile::Builder::new().prefix(&format!(".{name}.link-")).make_in(dir, |tmp| std::fs::hard_link(path, tmp));
    match linked {
        Ok(tmp) => tmp.into_temp_path().persist(bak).is_ok(),
        Err(_) => false,
    }
}

/// Reads the saved phrase settings, held to the limits their setters keep
/// (a hand-edited file may ask for less).
fn phrase_options_within_limits<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PhraseOptions, D::Error> {
    PhraseOptions::deserialize(deserializer).map(within_limits)
}

/// `options` held to the limits its setters keep.
fn within_limits(options: PhraseOptions) -> PhraseOptions {
    let (min_words, min_speeches) = (options.min_words, options.min_speeches);
    options.min_words(min_words).min_speeches(min_speeches)
}

/// Why a workspace file cannot be used or saved. Every message names the
/// file and the reason; causes are part of the message, so not also given
/// as the error's source.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The file was not read: missing, a folder, a device or FIFO, larger
    /// than [`MAX_WORKSPACE_FILE`], or refused by the operating system (the
    /// message names the file and why).
    #[error(transparent)]
    NotRead(ReadError),
    /// Written by a newer Refrain: readable there, so best left as it is.
    #[error("{path}: written by a newer Refrain (format {version}, this one reads {WORKSPACE_VERSION})")]
    Newer {
        /// The workspace file.
        path: PathBuf,
        /// The format version it says it has.
        version: u32,
    },
    /// Cut off, not JSON, or values of the wrong type.
    #[error("{path}: not a Refrain workspace: {}: {error}", what_is_wrong(error))]
    Invalid {
        /// The workspace file.
        path: PathBuf,
        /// What the JSON reader said.
        error: serde_json::Error,
    },
    /// The workspace could not be turned into JSON.
    #[error("{path}: {error}")]
    Unencodable {
        /// The workspace file.
        path: PathBuf,
        /// What the JSON writer said.
        error: serde_json::Error,
    },
    /// The file (or the backup of the previous one) could not be written.
    #[error("{path}: cannot be saved: {error}")]
    Unsaved {
        /// The workspace file.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
}

/// What is wrong with a file that is not a workspace, in words.
fn what_is_wrong(error: &serde_json::Error) -> &'static str {
    match error.classify() {
        serde_json::error::Category::Eof => "it ends too early (cut off?)",
        serde_json::error::Category::Syntax => "it is not valid JSON",
        serde_json::error::Category::Data => "a value has the wrong type",
        serde_json::error::Category::Io => "it could not be read",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workspace_saved_to_a_device_is_written_through_and_nothing_is_copied_from_it() {
        // /dev/zero read for a backup would never end; /dev/null must stay.
        let workspace = Workspace::default();
        workspace.save_to(Path::new("/dev/null")).unwrap();
        use std::os::unix::fs::FileTypeExt as _;
        assert!(std::fs::symlink_metadata("/dev/null").unwrap().file_type().is_char_device());
        assert!(!Path::new("/dev/null.json.bak").exists());
    }

    #[test]
    fn save_and_load_round_trip_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.json");
        let mut workspace = Workspace {
            sources: vec![PathBuf::from("/speeches/речи")],
            phrase_options: PhraseOptions::default().min_words(7),
            ..Default::default()
        };
        workspace.save_to(&path).unwrap();
        assert_eq!(Workspace::load_from(&path).unwrap(), workspace);
        workspace.phrase_options.min_words = 9;
        workspace.save_to(&path).unwrap();
        assert_eq!(Workspace::load_from(&path).unwrap().phrase_options.min_words, 9);
        assert_eq!(Workspace::load_from(&path.with_extension("json.bak")).unwrap().phrase_options.min_words, 7);
        std::fs::write(&path, b"{\"version\": 99}").unwrap();
        let newer = Workspace::load_from(&path).unwrap_err();
        assert!(matches!(newer, WorkspaceError::Newer { version: 99, .. }), "{newer:?}");
        assert!(newer.to_string().ends_with("ws.json: written by a newer Refrain (format 99, this one reads 2)"));
        std::fs::write(&path, b"{\"min_words\": \"five\"").unwrap();
        let invalid = Workspace::load_from(&path).unwrap_err().to_string();
        assert!(invalid.contains("ws.json: not a Refrain workspace: a value has the wrong type: "), "{invalid}");
        // Missing fields take defaults.
        std::fs::write(&path, b"{\"pair_mode\": true}").unwrap();
        let old = Workspace::load_from(&path).unwrap();
        assert!(old.pair_mode && old.phrase_options == PhraseOptions::default());
        // Only the file and its backup are left: no temporary file.
        let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["ws.json", "ws.json.bak"]);
    }

    #[test]
    fn the_previous_save_becomes_the_backup_unread_and_stays_as_it_was() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.json");
        let first = Workspace { sources: vec![PathBuf::from("/a")], ..Default::default() };
        first.save_to(&path).unwrap();
        let inode = std::fs::metadata(&path).unwrap().ino();
        let second = Workspace { sources: vec![PathBuf::from("/b")], ..Default::default() };
        second.save_to(&path).unwrap();
        let bak = path.with_extension("json.bak");
        assert_eq!(std::fs::metadata(&bak).unwrap().ino(), inode, "the first save's file itself, not a copy");
        assert_eq!(std::fs::metadata(&bak).unwrap().nlink(), 1, "no other name left for it");
        assert_eq!(Workspace::load_from(&bak).unwrap(), first);
        assert_eq!(Workspace::load_from(&path).unwrap(), second);
        // A link planted at a name the backup's could take is not followed.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"untouched").unwrap();
        for i in 0..3 {
            let _ = std::os::unix::fs::symlink(&victim, dir.path().join(format!(".ws.json.bak.link-{i}")));
        }
        first.save_to(&path).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
        assert_eq!(Workspace::load_from(&bak).unwrap(), second);
        // A workspace reached through a symbolic link: its backup is a copy
        // of what the link led to, which the save then replaces.
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        first.save_to(&real).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        second.save_to(&link).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(Workspace::load_from(&real).unwrap(), second);
        assert_eq!(
            Workspace::load_from(&link.with_extension("json.bak")).unwrap(),
            first,
            "the backup keeps the first"
        );
    }

    #[test]
    fn a_format_1_file_still_loads_with_its_phrase_settings() {
        // As Refrain wrote it before the phrase settings had an object of
        // their own (abridged).
        let format_1 = br#"{
  "version": 1,
  "sources": ["/speeches"],
  "columns": [],
  "min_words": 7,
  "min_speeches": 3,
  "max_gap": 0,
  "stem": true,
  "hide_formulas": true,
  "selected_phrase": "the state of the Union",
  "pair_mode": true,
  "sync_scroll": false,
  "event_window_days": 30,
  "notes": []
}"#;
        let workspace = Workspace::parse(format_1, Path::new("workspace.json")).unwrap();
        let expected = PhraseOptions::default().min_words(7).min_speeches(3).max_gap(0).stem(true).hide_formulas(true);
        assert_eq!(workspace.phrase_options, expected);
        assert_eq!(workspace.version, WORKSPACE_VERSION, "read into the format written now");
        assert_eq!(workspace.sources, [PathBuf::from("/speeches")]);
        assert_eq!(workspace.selected_phrase.as_deref(), Some("the state of the Union"));
        assert!(workspace.pair_mode && !workspace.sync_scroll && workspace.event_window_days == 30);
        // Saved again, the settings are one object and read back the same.
        let saved: serde_json::Value = serde_json::to_value(&workspace).unwrap();
        assert_eq!(saved["phrase_options"]["min_words"], 7);
        assert_eq!(saved.get("min_words"), None);
        assert_eq!(Workspace::parse(&serde_json::to_vec(&saved).unwrap(), Path::new("w")).unwrap(), workspace);
        // Values below the setters' limits, in either format, are held to them.
        let low = Workspace::parse(br#"{"version": 1, "min_words": 0, "min_speeches": 0}"#, Path::new("w")).unwrap();
        assert_eq!((low.phrase_options.min_words, low.phrase_options.min_speeches), (1, 2));
        let low = br#"{"version": 2, "phrase_options": {"min_words": 0, "min_speeches": 1}}"#;
        let low = Workspace::parse(low, Path::new("w")).unwrap();
        assert_eq!((low.phrase_options.min_words, low.phrase_options.min_speeches), (1, 2));
    }

    #[test]
    fn a_broken_format_1_file_names_its_first_fault() {
        let message = |bytes: &[u8]| Workspace::parse(bytes, Path::new("w.json")).unwrap_err().to_string();
        // A wrong type before the file is cut off: the wrong type.
        assert_eq!(
            message(br#"{"min_words": "five""#),
            "w.json: not a Refrain workspace: a value has the wrong type: invalid type: string \"five\", \
             expected usize at line 1 column 20"
        );
        // A phrase setting and another field both wrong: the first one.
        let both = message(br#"{"pair_mode": 3, "min_words": "five"}"#);
        assert!(both.ends_with("invalid type: integer `3`, expected a boolean at line 1 column 15"), "{both}");
        let both = message(br#"{"min_words": "five", "pair_mode": 3}"#);
        assert!(both.ends_with("invalid type: string \"five\", expected usize at line 1 column 20"), "{both}");
    }

    #[test]
    fn a_workspace_that_is_not_a_regular_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let refused = |path: &Path| match Workspace::load_from(path) {
            Err(WorkspaceError::NotRead(e)) => e,
            other => panic!("{}: {other:?}", path.display()),
        };
        assert!(matches!(refused(dir.path()), ReadError::IsADirectory { .. }));
        assert!(matches!(refused(&dir.path().join("missing.json")), ReadError::NotFound { .. }));
        // Sparse: huge by its size, nothing on disk.
        let huge = dir.path().join("huge.json");
        std::fs::File::create(&huge).unwrap().set_len(MAX_WORKSPACE_FILE + 1).unwrap();
        let e = refused(&huge);
        assert!(matches!(e, ReadError::TooLarge { limit: MAX_WORKSPACE_FILE, .. }), "{e:?}");
        #[cfg(unix)]
        {
            // A FIFO nobody writes to: refused at once, not waited on.
            let fifo = dir.path().join("ws.json");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
            let (tx, rx) = std::sync::mpsc::channel();
            let f = fifo.clone();
            std::thread::spawn(move || tx.send(Workspace::load_from(&f).err().map(|e| e.to_string())));
            let got = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("load_from waited on a FIFO");
            let message = got.expect("a FIFO is refused");
            assert!(message.ends_with("ws.json: is a FIFO (named pipe), not a regular file; not read"), "{message}");
            let zero = Path::new("/dev/zero");
            if zero.exists() {
                let e = refused(zero);
                assert_eq!(e.to_string(), "/dev/zero: is a character device, not a regular file; not read");
            }
        }
    }

    #[test]
    fn lists_a_file_can_make_huge_are_held_to_their_limits() {
        let mut workspace = Workspace {
            recent: vec![vec![PathBuf::from("/a")]; 1000],
            reading_positions: (0..10_000)
                .map(|k| ReadingPosition { path: PathBuf::from(format!("/t/{k}.txt")), top_byte: k })
                .collect(),
            ..Default::default()
        };
        workspace.hold_lists_to_limits();
        assert_eq!((workspace.recent.len(), workspace.reading_positions.len()), (MAX_RECENT, MAX_READING_POSITIONS));
        assert_eq!(workspace.reading_positions[0].top_byte, 0, "the newest are kept");
    }

    #[test]
    fn a_failed_save_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: its backup cannot be made,
        // and nothing is written.
        let path = dir.path().join("ws.json");
        std::fs::create_dir(&path).unwrap();
        let err = Workspace::default().save_to(&path).unwrap_err();
        assert!(matches!(err, WorkspaceError::Unsaved { .. }), "{err:?}");
        assert!(err.to_string().contains("ws.json: cannot be saved"), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["ws.json"], "only the folder that was there");
    }
}
