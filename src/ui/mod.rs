//! The desktop app (eframe/egui). It draws the core's state and turns clicks
//! into calls on the core; it computes nothing itself.

pub mod app;
pub mod bidi;
pub mod first_frame;
pub mod fonts;
pub mod panels;
pub mod persistence;
pub mod screenshot;
pub mod workers;

use std::path::PathBuf;

/// The app id: the window's class on Linux, and the name of the data folder
/// eframe keeps `app.ron` in and the remembered workspace lives in
/// (`$XDG_DATA_HOME/refrain` on Linux, see [`eframe::storage_dir`]).
const APP_ID: &str = "refrain";

/// The window icon (also used by the tests to check it decodes).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Frees `value` on a thread of its own, so the frame in which a large
/// structure is replaced (the phrases of a 20-million-word corpus are
/// millions of allocations, 90 ms to free) does not wait for it. When no
/// thread can be started the value is freed here.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("refrain-free".into()).spawn(move || drop(value));
}

/// How the app was started from the command line.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Transcript files or folders to open.
    pub paths: Vec<PathBuf>,
    /// A workspace file to open instead of the saved state.
    pub workspace: Option<PathBuf>,
    /// Take a screenshot to this file once loaded, then quit.
    pub screenshot: Option<PathBuf>,
    /// Window size in points.
    pub size: [f32; 2],
}

/// Opens the main window with the given transcripts (files or folders), or
/// the saved workspace, or the built-in sample set. Returns when the window
/// closes; in screenshot mode, fails when the screenshot could not be taken.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let size = if launch.size[0] > 0.0 { launch.size } else { [1280.0, 800.0] };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Refrain")
        .with_app_id(APP_ID)
        .with_inner_size(size)
        .with_min_inner_size([640.0, 400.0]);
    // The icon is compiled in; a broken one only costs the icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let screenshot_mode = launch.screenshot.is_some();
    // System fonts come from `fonts::FontFallbacks` (its provider replaces
    // eframe's, which without `system_fonts` only logs that none was found).
    let options = eframe::NativeOptions {
        viewport,
        persist_window: !screenshot_mode,
        system_font_fallback: false,
        ..Default::default()
    };
    let workspace = match &launch.workspace {
        Some(path) => Some(persistence::workspace::Workspace::load_from(path).map_err(|e| anyhow::anyhow!(e))?),
        None => None,
    };
    let outcome: screenshot::Outcome = Default::default();
    let plan_outcome = outcome.clone();
    eframe::run_native(
        "Refrain",
        options,
        Box::new(move |cc| {
            // A screenshot run neither reads nor writes the remembered
            // workspace; otherwise it is read from (and saved to) the data
            // folder, also when `--workspace` chose what to open.
            let data_dir = if screenshot_mode { None } else { eframe::storage_dir(APP_ID) };
            let mut app = match data_dir {
                Some(dir) => app::RefrainApp::remembering(cc.egui_ctx.clone(), launch.paths, workspace, &dir, || {
                    cc.storage.and_then(persistence::autosave::workspace_in_app_ron)
                }),
                None => app::RefrainApp::new(cc.egui_ctx.clone(), launch.paths, workspace),
            };
            if let Some(path) = launch.screenshot {
                app.screenshot = Some(screenshot::ScreenshotPlan::new(path, plan_outcome));
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))?;
    if screenshot_mode {
        let result = outcome.lock().map_err(|_| anyhow::anyhow!("the screenshot state was lost"))?.take();
        return match result {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => Err(anyhow::anyhow!(e)),
            None => Err(anyhow::anyhow!("the window closed before the screenshot was taken")),
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).map_err(|e| e.to_string());
        assert_eq!(icon.map(|i| (i.width, i.height)), Ok((256, 256)));
    }
}
