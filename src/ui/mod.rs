//! The desktop app (eframe/egui). It draws the core's state and turns clicks
//! into calls on the core; it computes nothing itself.

pub mod app;
pub mod corpus_list;
pub mod loader;
pub mod reader;

use std::path::PathBuf;

/// Opens the main window with the given transcripts (files or folders), or
/// the built-in sample set when none are given. Returns when the window closes.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Refrain")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Refrain",
        options,
        Box::new(move |cc| Ok(Box::new(app::RefrainApp::new(cc.egui_ctx.clone(), paths)))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
