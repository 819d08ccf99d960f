//! The desktop app (eframe/egui). It draws the core's state and turns clicks
//! into calls on the core; it computes nothing itself.

pub mod app;
pub mod columns;
pub mod corpus_list;
pub mod indexer;
pub mod loader;
pub mod palette;
pub mod workspace;

use std::path::PathBuf;

/// The window icon (also used by the tests to check it decodes).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the main window with the given transcripts (files or folders), or
/// the built-in sample set when none are given. Returns when the window closes.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Refrain")
        .with_app_id("refrain")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0]);
    // The icon is compiled in; a broken one only costs the icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "Refrain",
        options,
        Box::new(move |cc| {
            let saved: Option<workspace::Workspace> = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY));
            Ok(Box::new(app::RefrainApp::new(cc.egui_ctx.clone(), paths, saved)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).map_err(|e| e.to_string());
        assert_eq!(icon.map(|i| (i.width, i.height)), Ok((256, 256)));
    }
}
