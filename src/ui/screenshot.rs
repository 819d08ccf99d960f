//! `refrain --screenshot OUT.png`: run the real app until its files are read
//! and indexed, take a screenshot of the window, write it and quit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames to wait after the work is done, so the last layout is on screen.
const SETTLE_FRAMES: u32 = 5;
/// Give up after this long.
const TIMEOUT: Duration = Duration::from_secs(180);

/// The outcome of a screenshot run, shared with the caller of `run_native`.
pub type Outcome = Arc<Mutex<Option<Result<(), ScreenshotError>>>>;

/// Why no screenshot was written. The messages name the file (causes are
/// part of the message, so not also given as the error's source).
#[derive(Debug, thiserror::Error)]
pub enum ScreenshotError {
    /// The app kept working (reading, indexing) past the time limit.
    #[error("gave up after {seconds} s: the app never became idle")]
    NeverIdle {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// The window's pixels do not make an image of the size reported.
    #[error("{path}: the screenshot has an impossible size {width}x{height}")]
    ImpossibleSize {
        /// The PNG asked for.
        path: PathBuf,
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// PNG encoding failed.
    #[error("{path}: cannot be encoded: {error}")]
    Unencodable {
        /// The PNG asked for.
        path: PathBuf,
        /// What the encoder said.
        error: image::ImageError,
    },
    /// The file could not be written.
    #[error("{path}: cannot be written: {error}")]
    Unwritable {
        /// The PNG asked for.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
}

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
                *o = Some(Err(ScreenshotError::NeverIdle { seconds: TIMEOUT.as_secs() }));
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

/// Writes an image as PNG with [`crate::core::export::write_atomic`] (a
/// temporary file flushed to disk, then renamed), so a screenshot that
/// fails halfway never leaves a broken image under the name asked for.
pub fn save_png(path: &Path, image: &egui::ColorImage) -> Result<(), ScreenshotError> {
    let [width, height] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(width as u32, height as u32, bytes)
        .ok_or_else(|| ScreenshotError::ImpossibleSize { path: path.to_path_buf(), width, height })?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|error| ScreenshotError::Unencodable { path: path.to_path_buf(), error })?;
    crate::core::export::write_atomic(path, png.get_ref())
        .map_err(|error| ScreenshotError::Unwritable { path: path.to_path_buf(), error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screenshot_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shot.png");
        let image = egui::ColorImage::new([3, 2], vec![egui::Color32::from_rgb(200, 10, 30); 6]);
        save_png(&path, &image).unwrap();
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!((back.width(), back.height()), (3, 2));
        assert_eq!(back.get_pixel(2, 1).0, [200, 10, 30, 255]);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("shot.png")], "no temporary file left");
        // A folder that does not exist: a message naming the file.
        let missing = dir.path().join("no such folder").join("shot.png");
        let err = save_png(&missing, &image).unwrap_err();
        assert!(matches!(err, ScreenshotError::Unwritable { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("no such folder") && message.contains("cannot be written"), "{message}");
    }
}
