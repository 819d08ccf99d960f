//! Refrain: compare speeches side by side and see the phrasing that keeps
//! coming back, and when it first appeared.
//!
//! [`core`] holds everything that does not draw (import, dates, the models
//! the views show); [`ui`] is the eframe/egui desktop app; [`cli`] is the
//! `refrain` command line for headless work. The app is built with the
//! default `gui` feature; without it (the fuzz targets) only the core and the
//! command line are compiled.

pub mod cli;
pub mod core;
#[cfg(feature = "gui")]
pub mod ui;
