//! What several app test modules share: the app opened on some files with
//! loading and indexing done, with or without the events file, in a
//! kittest harness of a given size; six SOTU addresses across the centuries;
//! the mouse wheel turned; what a frame copied to the clipboard.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use refrain::ui::app::{Command, RefrainApp};

use crate::common;

/// A harness of `size` points drawing `app` as the window does.
pub fn harness(app: RefrainApp, size: [f32; 2]) -> Harness<'static, RefrainApp> {
    Harness::builder().with_size(size).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app)
}

/// The app on `paths` (samples when empty), with loading and indexing done.
pub fn app(paths: Vec<PathBuf>) -> RefrainApp {
    let mut app = RefrainApp::new(egui::Context::default(), paths, None);
    app.wait_until_idle();
    app
}

/// The app on `paths` with the events file, everything loaded and built.
pub fn app_with_events(paths: Vec<PathBuf>) -> RefrainApp {
    let mut app = RefrainApp::new(egui::Context::default(), paths, None);
    app.apply_command(Command::OpenEvents(common::events_file()));
    app.wait_until_idle();
    app
}

/// Six addresses across the centuries.
pub fn sotu_six(corpus: &Path) -> Vec<PathBuf> {
    ["1790-Washington-1", "1829-Jackson-1", "1869-Grant-1", "1909-Taft-1", "1942-Roosevelt-1", "2015-Obama-1"]
        .iter()
        .map(|s| corpus.join(format!("sotu/speeches/{s}.txt")))
        .collect()
}

/// Turns the mouse wheel by `dy` points over `at`, then draws `frames` frames.
pub fn wheel(h: &mut Harness<'static, RefrainApp>, at: egui::Pos2, dy: f32, frames: usize) {
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(frames);
}

/// What the last frame put on the clipboard.
pub fn copied(h: &Harness<'static, RefrainApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// Ctrl+C pressed once; the frame that follows is the one whose output
/// holds the copied text ([`copied`]).
pub fn press_copy(h: &mut Harness<'static, RefrainApp>) {
    h.event(egui::Event::Key {
        key: egui::Key::C,
        pressed: true,
        modifiers: egui::Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    });
    h.step();
}

/// A primary click at `at` (pressed and released).
pub fn click_at(h: &mut Harness<'static, RefrainApp>, at: egui::Pos2) {
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

/// Writes each `(name, text)` into `dir`; returns the paths.
pub fn write_files(dir: &Path, files: &[(&str, impl AsRef<[u8]>)]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// Steps the harness until `done` holds of the app (a window's work on its
/// thread arrived), for at most a minute (CI machines are slow), then lets it settle. Panics
/// naming `what` when it never does.
pub fn wait_for(h: &mut Harness<'static, RefrainApp>, what: &str, done: impl Fn(&RefrainApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "{what} never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}
