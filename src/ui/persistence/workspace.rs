//! What the app remembers between runs: the open sources, the columns, the
//! phrase settings, the selected phrase, pinned searches and notes. Saved
//! as JSON, always atomically: between runs to `workspace.json` in the
//! app's data folder (see `autosave`) and, on request, to a file of the
//! user's choosing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::phrases::PhraseOptions;

/// The workspace format version written now; newer files are refused
/// rather than misread.
pub const WORKSPACE_VERSION: u32 = 1;

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
    /// Shortest phrase, in words.
    pub min_words: usize,
    /// Fewest speeches a phrase occurs in.
    pub min_speeches: usize,
    /// Words bridged inside a phrase.
    pub max_gap: usize,
    /// Match stems.
    pub stem: bool,
    /// Leave common formulas unhighlighted.
    pub hide_formulas: bool,
    /// The selected phrase, by its words as first used.
    pub selected_phrase: Option<String>,
    /// Revision diff of two columns.
    pub pair_mode: bool,
    /// Scroll columns together.
    pub sync_scroll: bool,
    /// Recently opened sets of sources, newest first.
    pub recent: Vec<Vec<PathBuf>>,
    /// Transcripts the user removed; they stay out when their folder is read again.
    pub excluded: Vec<PathBuf>,
    /// The phrases panel is open.
    pub phrases_panel: bool,
    /// How the phrases panel is sorted.
    pub phrase_sort: crate::ui::panels::phrases::PhraseSort,
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
}

impl Default for Workspace {
    fn default() -> Self {
        let o = PhraseOptions::default();
        Workspace {
            version: WORKSPACE_VERSION,
            sources: Vec::new(),
            columns: Vec::new(),
            min_words: o.get_min_words(),
            min_speeches: o.get_min_speeches(),
            max_gap: o.get_max_gap(),
            stem: false,
            hide_formulas: false,
            selected_phrase: None,
            pair_mode: false,
            sync_scroll: true,
            recent: Vec::new(),
            excluded: Vec::new(),
            phrases_panel: true,
            phrase_sort: Default::default(),
            events_files: Vec::new(),
            timeline_panel: true,
            event_window_days: 90,
            search_options: Default::default(),
            tracked_searches: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl Workspace {
    /// The phrase settings as core options.
    pub fn phrase_options(&self) -> PhraseOptions {
        PhraseOptions::default()
            .min_words(self.min_words)
            .min_speeches(self.min_speeches)
            .max_gap(self.max_gap)
            .stem(self.stem)
            .hide_formulas(self.hide_formulas)
    }

    /// Remembers a set of sources as the most recent.
    pub fn remember(&mut self, sources: &[PathBuf]) {
        if sources.is_empty() {
            return;
        }
        self.recent.retain(|r| r != sources);
        self.recent.insert(0, sources.to_vec());
        self.recent.truncate(10);
    }

    /// Writes the workspace as JSON: to a temporary file beside `path`,
    /// flushed to disk, then renamed over it, keeping the previous version
    /// as `path.bak`.
    pub fn save_to(&self, path: &Path) -> Result<(), WorkspaceError> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|error| WorkspaceError::Unencodable { path: path.to_path_buf(), error })?;
        let write = || -> std::io::Result<()> {
            if path.exists() {
                std::fs::copy(path, path.with_extension("json.bak"))?;
            }
            crate::core::export::write_atomic(path, &json)
        };
        write().map_err(|error| WorkspaceError::Unsaved { path: path.to_path_buf(), error })
    }

    /// Reads a workspace file, refusing files from a newer Refrain.
    pub fn load_from(path: &Path) -> Result<Workspace, WorkspaceError> {
        let bytes =
            std::fs::read(path).map_err(|error| WorkspaceError::Unreadable { path: path.to_path_buf(), error })?;
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
        if let Ok(Version { version }) = serde_json::from_slice::<Version>(bytes)
            && version > WORKSPACE_VERSION
        {
            return Err(WorkspaceError::Newer { path: path.to_path_buf(), version });
        }
        serde_json::from_slice(bytes).map_err(|error| WorkspaceError::Invalid { path: path.to_path_buf(), error })
    }
}

/// Why a workspace file cannot be used or saved. Every message names the
/// file and the reason; causes are part of the message, so not also given
/// as the error's source.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The operating system refused to read the file.
    #[error("{path}: cannot be read: {error}")]
    Unreadable {
        /// The workspace file.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
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
    fn save_and_load_round_trip_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.json");
        let mut ws =
            Workspace { sources: vec![PathBuf::from("/speeches/речи")], min_words: 7, ..Default::default() };
        ws.save_to(&path).unwrap();
        assert_eq!(Workspace::load_from(&path).unwrap(), ws);
        ws.min_words = 9;
        ws.save_to(&path).unwrap();
        assert_eq!(Workspace::load_from(&path).unwrap().min_words, 9);
        assert_eq!(Workspace::load_from(&path.with_extension("json.bak")).unwrap().min_words, 7);
        std::fs::write(&path, b"{\"version\": 99}").unwrap();
        let newer = Workspace::load_from(&path).unwrap_err();
        assert!(matches!(newer, WorkspaceError::Newer { version: 99, .. }), "{newer:?}");
        assert!(newer.to_string().ends_with("ws.json: written by a newer Refrain (format 99, this one reads 1)"));
        std::fs::write(&path, b"{\"min_words\": \"five\"").unwrap();
        let invalid = Workspace::load_from(&path).unwrap_err().to_string();
        assert!(invalid.contains("ws.json: not a Refrain workspace: a value has the wrong type: "), "{invalid}");
        // Missing fields take defaults.
        std::fs::write(&path, b"{\"pair_mode\": true}").unwrap();
        let old = Workspace::load_from(&path).unwrap();
        assert!(old.pair_mode && old.min_words == 5);
        // Only the file and its backup are left: no temporary file.
        let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["ws.json", "ws.json.bak"]);
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
