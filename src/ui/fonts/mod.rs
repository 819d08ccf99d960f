//! Fonts for every script the open transcripts use. egui's bundled fonts
//! draw Latin, Greek and Cyrillic; for the other scripts ([`Script`]) the
//! fonts installed on the system are used as fallbacks after them.
//!
//! [`FontFallbacks`] finds the system's fonts on a thread (their headers
//! only), reads which scripts the corpus uses on a thread whenever it
//! changes, and loads a font for each script the bundled fonts lack, again
//! on a thread: only scripts that are shown cost a font file read. Each font
//! is checked by drawing with it before egui gets it, so a broken file, a
//! collection or a machine without fonts never stops the app. A script no
//! installed font covers is said once in the notifications, with a package
//! that provides one. Other characters (typed, in file names) are found by
//! a font provider egui asks while laying text out (`provider`).

pub mod catalog;
mod provider;
pub mod scripts;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::core::text::transcript::Transcript;

pub use catalog::{Catalog, Fallback};
pub use scripts::{Script, ScriptSet};

/// The environment variable that replaces the system's fonts by the fonts
/// in these folders (separated as in `PATH`; empty or a folder without
/// fonts: a machine without fonts). For tests and for trying a font.
pub const FONT_DIRS_VAR: &str = "REFRAIN_FONT_DIRS";

/// How the notice about a script without a font begins (the notifications
/// count such notices apart from problems with files).
pub const MISSING_FONT_NOTICE: &str = "No installed font draws";

/// Where the fallback fonts come from.
#[derive(Clone)]
pub enum FontSource {
    /// The fonts installed on the system (scanned once per process).
    System,
    /// The fonts in these folders only.
    Dirs(Vec<PathBuf>),
    /// A catalog already made.
    Catalog(Arc<Catalog>),
}

impl FontSource {
    /// [`FONT_DIRS_VAR`]'s folders when it is set, else the system's fonts.
    pub fn from_env() -> FontSource {
        match std::env::var_os(FONT_DIRS_VAR) {
            Some(dirs) => FontSource::Dirs(std::env::split_paths(&dirs).collect()),
            None => FontSource::System,
        }
    }

    fn catalog(self) -> Arc<Catalog> {
        match self {
            FontSource::System => catalog::system_catalog(),
            FontSource::Dirs(dirs) => Arc::new(Catalog::from_dirs(&dirs)),
            FontSource::Catalog(catalog) => catalog,
        }
    }
}

/// The fonts loaded for the scripts the open corpus uses, and the scripts
/// no installed font covers. Driven by [`FontFallbacks::poll`] each frame.
pub struct FontFallbacks {
    /// Tells this manager's fonts apart in an egui context.
    id: u64,
    shared: Arc<provider::Shared>,
    wake: Arc<dyn Fn() + Send + Sync>,
    /// The corpus version whose scripts are read or being read.
    corpus_version: Option<u64>,
    corpus_scan: Option<Receiver<ScriptSet>>,
    /// The scripts the open corpus uses.
    shown: ScriptSet,
    /// The scripts whose fonts a thread is loading, and its answer.
    loading: Option<(ScriptSet, Receiver<Found>)>,
    /// A font per script, in the order they were loaded.
    loaded: Vec<(Script, Fallback)>,
    /// Scripts for which no installed font could be used.
    unavailable: ScriptSet,
    /// Scripts already said in the notifications.
    announced: ScriptSet,
    /// Bumped when the font provider must be installed again.
    provider_epoch: u64,
    /// True in the frame after fonts changed in a context (egui may only
    /// have applied them at the start of this one).
    changed_last_frame: bool,
}

/// What a loading thread sends: the font found for each script, if any.
type Found = Vec<(Script, Option<Fallback>)>;

/// What a [`FontFallbacks`] has put in an egui context (kept in the
/// context's memory, so a harness's context and the window's are alike).
#[derive(Clone, Copy)]
struct Installed {
    id: u64,
    provider_epoch: u64,
    fonts: usize,
}

impl FontFallbacks {
    /// Starts finding the fonts of `source` on a thread; `wake` is called
    /// (from another thread) when there is something new to apply.
    pub fn new(source: FontSource, wake: impl Fn() + Send + Sync + 'static) -> FontFallbacks {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let shared = Arc::new(provider::Shared::default());
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let (for_thread, wake_thread) = (Arc::clone(&shared), Arc::clone(&wake));
        let find = move || {
            // A scan that fails finds no fonts rather than none ever.
            let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| source.catalog()));
            let _ = for_thread.catalog.set(found.unwrap_or_else(|_| Arc::new(Catalog::empty())));
            wake_thread();
        };
        if std::thread::Builder::new().name("refrain-fonts".into()).spawn(find).is_err() {
            // No thread: no system fonts rather than a frozen window.
            let _ = shared.catalog.set(Arc::new(Catalog::empty()));
        }
        FontFallbacks {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            shared,
            wake,
            corpus_version: None,
            corpus_scan: None,
            shown: ScriptSet::EMPTY,
            loading: None,
            loaded: Vec::new(),
            unavailable: ScriptSet::EMPTY,
            announced: ScriptSet::EMPTY,
            provider_epoch: 0,
            changed_last_frame: false,
        }
    }

    /// The manager as the app starts it: [`FontSource::from_env`].
    pub fn from_env(wake: impl Fn() + Send + Sync + 'static) -> FontFallbacks {
        FontFallbacks::new(FontSource::from_env(), wake)
    }

    /// Each frame: reads the scripts of a corpus not seen yet, takes what
    /// the threads found, says missing scripts in `notifications`, and puts
    /// the fonts loaded (and the provider) into `ctx`.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        corpus_version: u64,
        corpus: &[Arc<Transcript>],
        notifications: &mut Vec<String>,
    ) {
        self.see_corpus(corpus_version, corpus);
        self.advance(notifications);
        self.apply(ctx);
    }

    /// Waits until the scripts of `corpus` are read and their fonts loaded
    /// or found missing (tests and screenshots). The fonts reach an egui
    /// context at its next [`FontFallbacks::poll`].
    pub fn wait(&mut self, corpus_version: u64, corpus: &[Arc<Transcript>], notifications: &mut Vec<String>) {
        self.see_corpus(corpus_version, corpus);
        loop {
            self.advance(notifications);
            if !self.busy() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// Waits until the fonts of the system (or the folders given) are
    /// found, so characters outside the corpus are drawn from the first
    /// frame on (tests).
    pub fn wait_for_catalog(&self) {
        while self.shared.catalog.get().is_none() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// The fonts found, once the scan is done.
    pub fn catalog(&self) -> Option<Arc<Catalog>> {
        self.shared.catalog.get().cloned()
    }

    /// True while the corpus's scripts are being read, or fonts for them
    /// being found or loaded.
    pub fn busy(&self) -> bool {
        self.corpus_scan.is_some() || self.loading.is_some() || !self.to_load().is_empty()
    }

    /// The scripts the open corpus uses.
    pub fn shown_scripts(&self) -> ScriptSet {
        self.shown
    }

    /// The scripts the open corpus uses that neither the bundled fonts nor
    /// any installed font draws: their characters show as boxes.
    pub fn missing_scripts(&self) -> ScriptSet {
        self.shown.intersection(self.unavailable)
    }

    /// The font loaded for `script`, if one was needed and found.
    pub fn fallback(&self, script: Script) -> Option<&Fallback> {
        self.loaded.iter().find(|(s, _)| *s == script).map(|(_, f)| f)
    }

    /// The fonts loaded so far, with the script each was loaded for.
    pub fn loaded(&self) -> impl Iterator<Item = (Script, &Fallback)> {
        self.loaded.iter().map(|(s, f)| (*s, f))
    }

    /// Starts reading the scripts of `corpus` when its version is new.
    fn see_corpus(&mut self, corpus_version: u64, corpus: &[Arc<Transcript>]) {
        if self.corpus_version == Some(corpus_version) {
            return;
        }
        self.corpus_version = Some(corpus_version);
        // One copy of the list, shared with the thread: each copy touches
        // every transcript's count (24,900 of them for a large corpus).
        let corpus: Arc<[Arc<Transcript>]> = corpus.into();
        let (send, receive) = std::sync::mpsc::channel();
        let (for_thread, wake) = (Arc::clone(&corpus), Arc::clone(&self.wake));
        let read = move || {
            let _ = send.send(corpus_scripts(&for_thread));
            wake();
        };
        if std::thread::Builder::new().name("refrain-scripts".into()).spawn(read).is_ok() {
            self.corpus_scan = Some(receive);
        } else {
            // No thread: read them here.
            (self.shown, self.corpus_scan) = (corpus_scripts(&corpus), None);
        }
    }

    /// Scripts shown that need a font and have none loaded or looked for.
    fn to_load(&self) -> ScriptSet {
        let loaded: ScriptSet = self.loaded.iter().map(|(s, _)| *s).collect();
        self.shown.difference(catalog::bundled_scripts()).difference(loaded).difference(self.unavailable)
    }

    /// Takes what the threads sent; starts loading fonts for scripts that
    /// need them once the catalog is there; says the missing ones.
    fn advance(&mut self, notifications: &mut Vec<String>) {
        if let Some(scan) = &self.corpus_scan {
            match scan.try_recv() {
                Ok(scripts) => (self.shown, self.corpus_scan) = (scripts, None),
                Err(TryRecvError::Disconnected) => self.corpus_scan = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some((scripts, loading)) = &self.loading {
            match loading.try_recv() {
                Ok(found) => {
                    for (script, fallback) in found {
                        match fallback {
                            Some(f) => self.loaded.push((script, f)),
                            None => self.unavailable.insert(script),
                        }
                    }
                    self.loading = None;
                }
                Err(TryRecvError::Disconnected) => {
                    // The thread failed: these scripts stay without a font.
                    self.unavailable = self.unavailable.union(*scripts);
                    self.loading = None;
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        if self.loading.is_none() && self.corpus_scan.is_none() {
            let wanted = self.to_load();
            if !wanted.is_empty()
                && let Some(catalog) = self.shared.catalog.get()
            {
                self.start_loading(Arc::clone(catalog), wanted);
            }
        }
        for script in self.missing_scripts().difference(self.announced).iter() {
            notifications.push(format!(
                "{MISSING_FONT_NOTICE} {}: such text shows as empty boxes (on Debian and Ubuntu, install {})",
                script.description(),
                script.debian_package()
            ));
            self.announced.insert(script);
        }
    }

    /// Finds and reads a font for each of `scripts` on a thread.
    fn start_loading(&mut self, catalog: Arc<Catalog>, scripts: ScriptSet) {
        let (send, receive) = std::sync::mpsc::channel();
        let wake = Arc::clone(&self.wake);
        let load = move || {
            let found: Found = scripts.iter().map(|s| (s, catalog.fallback_for_script(s))).collect();
            let _ = send.send(found);
            wake();
        };
        if std::thread::Builder::new().name("refrain-font-load".into()).spawn(load).is_ok() {
            self.loading = Some((scripts, receive));
        } else {
            // No thread: these scripts stay without a font (said once).
            self.unavailable = self.unavailable.union(scripts);
        }
    }

    /// Puts the provider and the fonts loaded since the last call into
    /// `ctx`, after its fonts (egui applies them at its next pass).
    fn apply(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.changed_last_frame) {
            bump_generation(ctx);
        }
        let key = egui::Id::unique("refrain-font-fallbacks");
        if self.shared.catalog.get().is_some() && self.shared.asked_too_early.swap(false, Ordering::Relaxed) {
            // egui remembers the misses from before the catalog came.
            self.provider_epoch += 1;
        }
        let mut installed = ctx
            .data(|d| d.get_temp::<Installed>(key))
            .filter(|i| i.id == self.id)
            .unwrap_or(Installed { id: self.id, provider_epoch: u64::MAX, fonts: 0 });
        if installed.provider_epoch == self.provider_epoch && installed.fonts == self.loaded.len() {
            return;
        }
        if installed.provider_epoch != self.provider_epoch {
            let provider = provider::SystemFallbacks { shared: Arc::clone(&self.shared) };
            ctx.set_font_providers(vec![Arc::new(provider)]);
            installed.provider_epoch = self.provider_epoch;
        }
        for (_, fallback) in self.loaded.iter().skip(installed.fonts) {
            ctx.add_font(fallback.insert());
        }
        installed.fonts = self.loaded.len();
        ctx.data_mut(|d| d.insert_temp(key, installed));
        bump_generation(ctx);
        self.changed_last_frame = true;
    }
}

/// Counts the changes of `ctx`'s fonts made here. egui lays text out anew
/// with new fonts, but a galley kept across frames (the columns keep
/// theirs) points into the glyph atlas of the fonts it was laid out with:
/// whoever keeps one lays it out again when this number changes.
pub fn generation(ctx: &egui::Context) -> u64 {
    ctx.data(|d| d.get_temp::<u64>(generation_key()).unwrap_or(0))
}

fn bump_generation(ctx: &egui::Context) {
    ctx.data_mut(|d| *d.get_temp_mut_or_default::<u64>(generation_key()) += 1);
}

fn generation_key() -> egui::Id {
    egui::Id::unique("refrain-font-generation")
}

/// The scripts of what the app shows of `corpus`: titles, speakers,
/// places, file names and bodies.
fn corpus_scripts(corpus: &[Arc<Transcript>]) -> ScriptSet {
    let mut set = ScriptSet::EMPTY;
    for t in corpus {
        set.add_text(&t.title);
        set.add_text(t.speaker.as_deref().unwrap_or(""));
        set.add_text(t.place.as_deref().unwrap_or(""));
        set.add_text(&t.path.to_string_lossy());
        set.add_text(&t.body);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_titles_speakers_paths_and_bodies_missing_ones_said_once() {
        let mut arabic = Transcript::from_text("/speeches/c.txt", "Statement", "In English.");
        arabic.speaker = Some("المتحدث الرسمي".into());
        let corpus: Vec<Arc<Transcript>> = vec![
            Transcript::from_text("/speeches/a.txt", "在大会上的讲话", "Body in English."),
            Transcript::from_text("/speeches/b.txt", "Statement", "שלום לכולם"),
            arabic,
            Transcript::from_text("/speeches/Ελληνικά.txt", "Statement", "Жить"),
        ]
        .into_iter()
        .map(Arc::new)
        .collect();
        let mut fonts = FontFallbacks::new(FontSource::Catalog(Arc::new(Catalog::empty())), || {});
        let mut notes = Vec::new();
        fonts.wait(1, &corpus, &mut notes);
        assert_eq!(fonts.shown_scripts().names(), ["Han", "Arabic", "Hebrew", "Greek", "Cyrillic"]);
        // Greek and Cyrillic are drawn by the bundled fonts.
        assert_eq!(fonts.missing_scripts().names(), ["Han", "Arabic", "Hebrew"]);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].contains("Chinese characters (Han)") && notes[0].contains("fonts-noto-cjk"), "{}", notes[0]);
        fonts.wait(1, &corpus, &mut notes);
        assert_eq!(notes.len(), 3, "said once");
        // A corpus without them: nothing missing; back again: not said again.
        fonts.wait(2, &corpus[3..], &mut notes);
        assert_eq!(fonts.missing_scripts(), ScriptSet::EMPTY);
        fonts.wait(3, &corpus, &mut notes);
        assert_eq!(fonts.missing_scripts().names(), ["Han", "Arabic", "Hebrew"]);
        assert_eq!(notes.len(), 3);
        assert!(!fonts.busy());
        assert_eq!(fonts.loaded().count(), 0);
    }

    #[test]
    fn a_latin_corpus_needs_no_font_and_waits_for_nothing() {
        let corpus =
            vec![Arc::new(Transcript::from_text("/s/a.txt", "State of the Union", "Mr. Speaker, naïve café."))];
        // Latin text needs no fallback: nothing waits for the fonts to be found.
        let mut fonts = FontFallbacks::new(FontSource::Dirs(Vec::new()), || {});
        let mut notes = Vec::new();
        fonts.wait(1, &corpus, &mut notes);
        assert_eq!(fonts.shown_scripts(), ScriptSet::EMPTY);
        assert!(notes.is_empty() && !fonts.busy());
    }
}
