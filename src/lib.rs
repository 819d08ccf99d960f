//! Refrain: compare speeches side by side and see the phrasing that keeps
//! coming back, and when it first appeared.
//!
//! [`core`] holds everything that does not draw (import, dates, the models
//! the views show); [`ui`] is the eframe/egui desktop app; [`cli`] is the
//! `refrain` command line for headless work.

pub mod cli;
pub mod core;
pub mod ui;
