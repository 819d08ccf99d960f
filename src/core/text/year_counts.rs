//! How many of something each year: a phrase's speeches or a search's
//! matches per year, for the sparklines, the timeline's phrase lane and the
//! exports. One function adds the counts up and one record carries them,
//! so every view and every output counts and names them alike.

use std::collections::BTreeMap;

use serde::Serialize;

/// A count for one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// How many that year: speeches using a phrase, or matches of a search.
    pub count: u32,
}

/// Adds up `counts`, pairs of a year and how many that year (in any order,
/// a year any number of times): one count a year, in year order.
pub fn per_year(counts: impl IntoIterator<Item = (i32, u32)>) -> Vec<YearCount> {
    let mut by_year: BTreeMap<i32, u32> = BTreeMap::new();
    for (year, count) in counts {
        *by_year.entry(year).or_default() += count;
    }
    by_year.into_iter().map(|(year, count)| YearCount { year, count }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_a_year_add_up_in_year_order() {
        let counts = per_year([(2001, 1), (1990, 2), (2001, 3), (-44, 1)]);
        assert_eq!(
            counts,
            [YearCount { year: -44, count: 1 }, YearCount { year: 1990, count: 2 }, YearCount { year: 2001, count: 4 },]
        );
        assert!(per_year([]).is_empty());
    }
}
