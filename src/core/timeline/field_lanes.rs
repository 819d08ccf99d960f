//! The timeline's speeches split into lanes by a metadata field (a lane
//! per speaker or per party), and the speeches a field filter keeps.

use std::borrow::Borrow;
use std::collections::HashMap;

use crate::core::text::fields::{FieldFilter, value_of};
use crate::core::text::transcript::Transcript;
use crate::core::timeline::model::Entry;

/// The name of the lane holding the speeches of the values without a lane
/// of their own, and those without a value.
pub const OTHER_LANE: &str = "other";

/// Most speech lanes shown by default; beyond, the rarest values share the
/// [`OTHER_LANE`].
pub const MAX_SPEECH_LANES: usize = 8;

/// Speech lanes: each lane's name and the speeches in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeechLanes {
    /// Each lane: its value (`None` for the [`OTHER_LANE`]) and its
    /// speeches (indices into the speeches lane, in order).
    pub lanes: Vec<(Option<String>, Vec<usize>)>,
}

impl SpeechLanes {
    /// The speeches `entries` (the timeline's speeches lane, in date order)
    /// of the transcripts `corpus`, kept when `filter` keeps them, split by
    /// their value of `field` (one lane, unnamed, when none is given).
    pub fn of<T: Borrow<Transcript>>(
        entries: &[Entry],
        corpus: &[T],
        field: Option<&str>,
        filter: Option<&FieldFilter>,
        cap: usize,
    ) -> SpeechLanes {
        let transcript = |e: &Entry| e.doc.and_then(|d| corpus.get(d)).map(|t| t.borrow());
        let kept = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| filter.is_none_or(|f| transcript(e).is_some_and(|t| f.matches(t))));
        match field {
            None => SpeechLanes { lanes: vec![(None, kept.map(|(i, _)| i).collect())] },
            Some(field) => {
                let values = kept.map(|(i, e)| (i, transcript(e).and_then(|t| value_of(t, field))));
                SpeechLanes::assign(values, cap)
            }
        }
    }

    /// Lanes for `(speech, value)` pairs in date order: a lane per value in
    /// order of first use, at most `cap` lanes; when more are needed the
    /// values with the most speeches keep theirs (ties: the earlier) and
    /// the others, with the speeches without a value, share the last,
    /// [`OTHER_LANE`].
    pub fn assign(speeches: impl IntoIterator<Item = (usize, Option<String>)>, cap: usize) -> SpeechLanes {
        let mut order: HashMap<String, usize> = HashMap::new();
        let mut lanes: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        let mut none = Vec::new();
        for (i, v) in speeches {
            match v {
                Some(v) => {
                    let k = *order.entry(v.clone()).or_insert_with(|| {
                        lanes.push((Some(v), Vec::new()));
                        lanes.len() - 1
                    });
                    lanes[k].1.push(i);
                }
                None => none.push(i),
            }
        }
        let cap = cap.max(1);
        let fits = lanes.len() + usize::from(!none.is_empty()) <= cap;
        if !fits {
            // The values keeping a lane: the most speeches, the earlier first.
            let mut by_size: Vec<usize> = (0..lanes.len()).collect();
            by_size.sort_by_key(|&k| (std::cmp::Reverse(lanes[k].1.len()), k));
            let mut keep = vec![false; lanes.len()];
            for &k in by_size.iter().take(cap - 1) {
                keep[k] = true;
            }
            let mut kept = Vec::new();
            for (k, lane) in lanes.into_iter().enumerate() {
                if keep[k] {
                    kept.push(lane);
                } else {
                    none.extend(lane.1);
                }
            }
            none.sort_unstable();
            lanes = kept;
        }
        if !none.is_empty() {
            lanes.push((None, none));
        }
        SpeechLanes { lanes }
    }

    /// The lane's name as shown: its value, or [`OTHER_LANE`].
    pub fn name(&self, k: usize) -> &str {
        self.lanes.get(k).and_then(|l| l.0.as_deref()).unwrap_or(OTHER_LANE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(values: &[Option<&str>]) -> Vec<(usize, Option<String>)> {
        values.iter().enumerate().map(|(i, v)| (i, v.map(str::to_string))).collect()
    }

    #[test]
    fn a_lane_per_value_in_order_of_first_use() {
        let l = SpeechLanes::assign(pairs(&[Some("F"), Some("D"), Some("F"), Some("W"), Some("D")]), 8);
        assert_eq!(
            l.lanes,
            vec![(Some("F".into()), vec![0, 2]), (Some("D".into()), vec![1, 4]), (Some("W".into()), vec![3])]
        );
        assert_eq!(l.name(2), "W");
    }

    #[test]
    fn beyond_the_cap_the_rarest_values_and_the_unvalued_share_the_other_lane() {
        let values = [Some("A"), Some("B"), Some("B"), None, Some("C"), Some("C"), Some("C"), Some("D")];
        let l = SpeechLanes::assign(pairs(&values), 3);
        // B (2) and C (3) keep a lane; A, D and the unvalued one share "other".
        assert_eq!(
            l.lanes,
            vec![(Some("B".into()), vec![1, 2]), (Some("C".into()), vec![4, 5, 6]), (None, vec![0, 3, 7])]
        );
        assert_eq!(l.name(2), OTHER_LANE);
        let all: usize = l.lanes.iter().map(|x| x.1.len()).sum();
        assert_eq!(all, values.len(), "every speech is in a lane");
    }

    #[test]
    fn speeches_without_a_value_get_the_other_lane_even_under_the_cap() {
        let l = SpeechLanes::assign(pairs(&[None, Some("A")]), 8);
        assert_eq!(l.lanes, vec![(Some("A".into()), vec![1]), (None, vec![0])]);
    }
}
