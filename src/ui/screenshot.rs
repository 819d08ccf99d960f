//! `refrain --screenshot OUT.png`: run the real app until its files are read
//! and indexed, take a screenshot of the window, write it and quit.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames to wait after the work is done, so the last layout is on screen.
const SETTLE_FRAMES: u32 = 5;
/// Give up after this long.
const TIMEOUT: Duration = Duration::from_secs(180);

/// The outcome of a screenshot run, shared with the caller of `run_native`.
pub type Outcome = Arc<Mutex<Option<Result<(), String>>>>;

/// A screenshot to take once the app is idle.
pub struct ScreenshotPlan {
    path: PathBuf,
    outcome: Outcome,
    idle_frames: u32,
    requested: bool,
    started: Instant,
}

impl ScreenshotPlan {
    /// Plans a screenshot to `path`; its result lands in `outcome`.
    pub fn new(path: PathBuf, outcome: Outcome) -> Self {
        ScreenshotPlan { path, outcome, idle_frames: 0, requested: false, started: Instant::now() }
    }

    /// Called every frame: requests the screenshot once nothing is left to
    /// do, and closes the window when it is written.
    pub fn tick(&mut self, ctx: &egui::Context, busy: bool) {
        let done = self.outcome.lock().map(|o| o.is_some()).unwrap_or(true);
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.started.elapsed() > TIMEOUT {
            if let Ok(mut o) = self.outcome.lock() {
                *o = Some(Err(format!("gave up after {} s: the app never became idle", TIMEOUT.as_secs())));
            }
            ctx.request_repaint();
            return;
        }
        if !self.requested {
            self.idle_frames = if busy { 0 } else { self.idle_frames + 1 };
            if self.idle_frames >= SETTLE_FRAMES {
                self.requested = true;
                let (path, outcome, wake) = (self.path.clone(), self.outcome.clone(), ctx.clone());
                ctx.request_screenshot(move |image| {
                    let result = save_png(&path, &image);
                    if let Ok(mut o) = outcome.lock() {
                        *o = Some(result);
                    }
                    wake.request_repaint();
                });
            }
        }
        ctx.request_repaint();
    }
}

/// Writes an image as PNG, through a temporary file renamed into place.
pub fn save_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| format!("{}: the screenshot has an impossible size {w}x{h}", path.display()))?;
    let tmp = path.with_extension("png.tmp");
    buffer
        .save_with_format(&tmp, image::ImageFormat::Png)
        .map_err(|e| format!("{}: cannot be written: {e}", path.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: cannot be written: {e}", path.display()))
}
