//! How many of something each year: the record the exports and the
//! command line write for a phrase's uses or a search's matches per year,
//! so both say it with the same fields (`year`, `count`).

use serde::Serialize;

/// A count for one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// How many that year: speeches using a phrase, or matches of a search.
    pub count: u32,
}
