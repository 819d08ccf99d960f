//! The egui font provider: egui asks it, while laying text out, for a font
//! with a character none of its fonts has (text that is not in the corpus:
//! a search typed, a file name, an event's title). It answers from the
//! system's catalog, once the catalog is there.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::catalog::Catalog;

/// What the provider shares with the [`super::FontFallbacks`] that made it.
#[derive(Default)]
pub(super) struct Shared {
    /// The fonts found, once the scan is done.
    pub catalog: OnceLock<Arc<Catalog>>,
    /// Set when egui asked before the catalog was there: egui remembers
    /// the miss, so it must be made to forget it once the catalog is in.
    pub asked_too_early: AtomicBool,
    /// Blocks of 128 code points in which a character found no font: not
    /// searched again (each search reads every face's character map).
    pub missed_blocks: Mutex<HashSet<u32>>,
}

/// The provider installed in each egui context the app draws in.
pub(super) struct SystemFallbacks {
    pub shared: Arc<Shared>,
}

impl egui::FontProvider for SystemFallbacks {
    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<egui::FontInsert> {
        let c = request.cluster.chars().next()?;
        let Some(catalog) = self.shared.catalog.get() else {
            self.shared.asked_too_early.store(true, Ordering::Relaxed);
            return None;
        };
        let block = c as u32 >> 7;
        if self.shared.missed_blocks.lock().is_ok_and(|missed| missed.contains(&block)) {
            return None;
        }
        let found = catalog.fallback_for_char(c);
        if found.is_none()
            && let Ok(mut missed) = self.shared.missed_blocks.lock()
        {
            missed.insert(block);
        }
        found.map(|f| f.insert())
    }
}
