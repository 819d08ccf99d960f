//! Everything with a date on one axis: the [`Timeline`] model and its lanes
//! (speeches, outside [`events`], the dates speeches mention, the uses of a
//! selected phrase or a pinned search), the notes on its entries, and the
//! time axis ([`TimeView`]) that maps days to positions for every view.

pub mod axis;
pub mod events;
pub mod field_lanes;
pub mod mentions;
pub mod model;
pub mod notes;
pub mod pinned_search;

pub use axis::TimeView;
pub use events::Event;
pub use model::{Entry, EntryKind, Lane, Timeline};
