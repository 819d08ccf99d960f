//! A probe for the start-up benchmark (`benches/whole/startup.py`): with
//! `REFRAIN_FIRST_FRAME=report` in the environment, the app prints on
//! standard error the wall-clock time (seconds since the Unix epoch) at
//! which its first frame had been shown, and the time its first frame with
//! columns (the samples' text) had been shown, then closes. The benchmark
//! subtracts the moment it started the process, so the figure is the whole
//! start as a user sees it: loading the binary, opening the window, the
//! renderer, the fonts, the first paint.
//!
//! A frame counts as shown when the next one starts: eframe paints and
//! presents a frame after the app has drawn it, before it asks for the next.

use std::time::{SystemTime, UNIX_EPOCH};

/// The environment variable that turns the probe on.
pub const VARIABLE: &str = "REFRAIN_FIRST_FRAME";

/// Counts frames and reports the first ones shown.
#[derive(Debug, Default)]
pub struct FirstFrameProbe {
    /// Frames drawn so far.
    frames: u32,
    /// When the first frame had been shown (seconds since the epoch).
    first: Option<f64>,
    /// Whether the frame before this one had columns.
    columns_before: bool,
    /// Both moments were printed; the window is closing.
    reported: bool,
}

impl FirstFrameProbe {
    /// The probe when `REFRAIN_FIRST_FRAME=report` is set, else `None`.
    pub fn from_env() -> Option<FirstFrameProbe> {
        (std::env::var(VARIABLE).as_deref() == Ok("report")).then(FirstFrameProbe::default)
    }

    /// Called at the start of each frame, with whether the previous frame
    /// drawn had columns; returns true once both moments are known and the
    /// app should close.
    pub fn frame_starts(&mut self, ctx: &egui::Context) -> bool {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
        if self.reported {
            // The frames drawn while the window closes.
            return true;
        }
        self.frames += 1;
        if self.frames == 2 {
            self.first = Some(now);
        }
        let done = self.columns_before && self.first.is_some();
        if done {
            eprintln!("refrain: first frame shown at {:.6}", self.first.unwrap_or(now));
            eprintln!("refrain: first frame with columns shown at {now:.6}");
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.reported = true;
        } else {
            ctx.request_repaint();
        }
        done
    }

    /// Records whether the frame just drawn had columns.
    pub fn frame_drawn(&mut self, had_columns: bool) {
        self.columns_before = had_columns;
    }
}
