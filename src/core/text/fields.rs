//! Metadata fields across a corpus, as the transcript list, the timeline
//! and the columns use them: which fields the transcripts state, the
//! values of one field in order of first date (the order of lanes and of
//! colours), a filter keeping the transcripts with one value, and the list
//! grouped by a field (a header per value, with its count, then its
//! speeches). The view settings are kept in the app's workspace.

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::text::transcript::{BUILTIN_FIELDS, Transcript};

/// How the list, the timeline and the columns use the metadata fields;
/// saved with the workspace (missing parts take their defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldView {
    /// The list is grouped by this field (a header per value).
    pub group_by: Option<String>,
    /// Only the transcripts with this value are listed and on the speeches lane.
    pub filter: Option<FieldFilter>,
    /// The timeline has a speeches lane per value of this field.
    pub lanes_by: Option<String>,
    /// Column headers and timeline speech markers take the colour of their
    /// value of this field.
    pub color_by: Option<String>,
    /// The values whose group is collapsed in the list.
    pub collapsed: Vec<String>,
}

/// Keeps the transcripts whose `field` has `value`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldFilter {
    /// The field's name (`speaker`, `party`, …).
    pub field: String,
    /// The value kept, as [`value_of`] gives it.
    pub value: String,
}

impl FieldFilter {
    /// Whether `t` has the value.
    pub fn matches(&self, t: &Transcript) -> bool {
        value_of(t, &self.field).is_some_and(|v| v == self.value)
    }
}

/// A transcript's value of `field` ([`Transcript::field`]), trimmed; an
/// empty value is none.
pub fn value_of(t: &Transcript, field: &str) -> Option<String> {
    t.field(field).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// The fields at least one transcript states, the built-in ones first (in
/// [`BUILTIN_FIELDS`] order), then the others by name. `title` is left out:
/// each transcript has its own, so it groups nothing.
pub fn corpus_field_names<T: Borrow<Transcript>>(corpus: &[T]) -> Vec<String> {
    // Borrowed names and each built-in field asked only until one
    // transcript has it: 24,900 transcripts with ten fields each are
    // looked at in the frame a corpus arrives in.
    let mut extra: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut builtin = [false; BUILTIN_FIELDS.len()];
    let mut last_keys = None;
    for t in corpus {
        let t = t.borrow();
        for (k, name) in BUILTIN_FIELDS.iter().enumerate() {
            if !builtin[k] && t.field(name).is_some() {
                builtin[k] = true;
            }
        }
        // The transcripts of one metadata table share their keys: a run of
        // the same keys is looked at once.
        if last_keys.is_some_and(|last: &std::collections::BTreeMap<String, String>| last.keys().eq(t.fields.keys())) {
            continue;
        }
        last_keys = Some(&t.fields);
        extra.extend(t.fields.keys().map(String::as_str).filter(|k| !BUILTIN_FIELDS.contains(k)));
    }
    let mut extra: Vec<String> = extra.into_iter().map(str::to_string).collect();
    extra.sort_unstable();
    let builtin =
        BUILTIN_FIELDS.iter().zip(builtin).filter(|(n, on)| *on && **n != "title").map(|(n, _)| n.to_string());
    builtin.chain(extra).collect()
}

/// One value of a field: how many transcripts have it and the earliest date among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCount {
    /// The value.
    pub value: String,
    /// Transcripts with it.
    pub count: usize,
    /// The earliest of their dates, if any is dated.
    pub first: Option<NaiveDate>,
}

/// The values of one field over a corpus, in order of first date (undated
/// values last, then by name): Washington before Adams, the Federalists
/// before the Whigs. A value's position is its colour's number, so a
/// value keeps its colour whatever is filtered or shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldValues {
    /// The field.
    pub field: String,
    /// Its values, in order.
    pub values: Vec<ValueCount>,
    /// Each value's position in `values`.
    position: HashMap<String, usize>,
    /// Transcripts without a value.
    pub missing: usize,
}

impl FieldValues {
    /// The values of `field` in `corpus`.
    pub fn of<T: Borrow<Transcript>>(corpus: &[T], field: &str) -> FieldValues {
        let mut position: HashMap<String, usize> = HashMap::new();
        let mut values: Vec<ValueCount> = Vec::new();
        let mut missing = 0;
        for t in corpus {
            let t = t.borrow();
            let Some(v) = value_of(t, field) else {
                missing += 1;
                continue;
            };
            let date = t.date.map(|d| d.date);
            let k = *position.entry(v.clone()).or_insert_with(|| {
                values.push(ValueCount { value: v, count: 0, first: None });
                values.len() - 1
            });
            let vc = &mut values[k];
            vc.count += 1;
            vc.first = match (vc.first, date) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        values.sort_by(|a, b| (a.first.is_none(), a.first, &a.value).cmp(&(b.first.is_none(), b.first, &b.value)));
        let position = values.iter().enumerate().map(|(k, v)| (v.value.clone(), k)).collect();
        FieldValues { field: field.to_string(), values, position, missing }
    }

    /// The position of `value` (its colour's number).
    pub fn index_of(&self, value: &str) -> Option<usize> {
        self.position.get(value).copied()
    }

    /// The position of `t`'s value.
    pub fn index_of_transcript(&self, t: &Transcript) -> Option<usize> {
        value_of(t, &self.field).and_then(|v| self.index_of(&v))
    }
}

/// A row of the transcript list: a group's header or a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListRow {
    /// A group: its value (none for the transcripts without one), how many
    /// transcripts it holds, and whether they are hidden.
    Header {
        /// The value; `None` for transcripts without one.
        value: Option<String>,
        /// Transcripts in the group.
        count: usize,
        /// Its transcripts are not listed.
        collapsed: bool,
    },
    /// A transcript (its corpus index).
    Speech(usize),
}

/// `shown` (corpus indices in list order) grouped by their value of
/// `field`: groups in the order their first transcript comes (by date in
/// a list in date order), each a header then its transcripts in list
/// order (none when its value is in `collapsed`); the transcripts without
/// a value come last under a header of their own.
pub fn grouped_rows<T: Borrow<Transcript>>(
    corpus: &[T],
    shown: &[usize],
    field: &str,
    collapsed: &[String],
) -> Vec<ListRow> {
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    let mut none: Vec<usize> = Vec::new();
    for &i in shown {
        let Some(t) = corpus.get(i) else { continue };
        match value_of(t.borrow(), field) {
            Some(v) => {
                let g = *group_of.entry(v.clone()).or_insert_with(|| {
                    groups.push((Some(v), Vec::new()));
                    groups.len() - 1
                });
                groups[g].1.push(i);
            }
            None => none.push(i),
        }
    }
    if !none.is_empty() {
        groups.push((None, none));
    }
    let mut rows = Vec::with_capacity(shown.len() + groups.len());
    for (value, members) in groups {
        let is_collapsed = value.as_ref().is_some_and(|v| collapsed.contains(v))
            || (value.is_none() && collapsed.iter().any(|c| c.is_empty()));
        rows.push(ListRow::Header { value, count: members.len(), collapsed: is_collapsed });
        if !is_collapsed {
            rows.extend(members.into_iter().map(ListRow::Speech));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::transcript::{DatePrecision, DateSource, SpeechDate};

    fn speech(name: &str, year: i32, speaker: Option<&str>, party: Option<&str>) -> Transcript {
        let mut t = Transcript::from_text(name, name, "Words.");
        t.speaker = speaker.map(str::to_string);
        if let Some(p) = party {
            t.fields.insert("party".into(), p.into());
        }
        t.date = Some(SpeechDate {
            date: NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            precision: DatePrecision::Year,
            source: DateSource::Header,
        });
        t
    }

    fn corpus() -> Vec<Transcript> {
        vec![
            speech("a", 1801, Some("Jefferson"), Some("Democratic-Republican")),
            speech("b", 1790, Some("Washington"), Some("Nonpartisan")),
            speech("c", 1802, Some("Jefferson"), Some("Democratic-Republican")),
            speech("d", 1797, Some("Adams"), Some("Federalist")),
            speech("e", 1850, None, Some("  ")),
        ]
    }

    #[test]
    fn values_come_in_order_of_first_date_with_their_counts() {
        let c = corpus();
        let v = FieldValues::of(&c, "party");
        let names: Vec<&str> = v.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(names, ["Nonpartisan", "Federalist", "Democratic-Republican"]);
        assert_eq!(v.values[2].count, 2);
        assert_eq!(v.values[2].first, NaiveDate::from_ymd_opt(1801, 1, 1));
        assert_eq!(v.missing, 1, "a blank value is none");
        assert_eq!(v.index_of("Federalist"), Some(1));
        assert_eq!(v.index_of_transcript(&c[2]), Some(2));
        assert_eq!(v.index_of_transcript(&c[4]), None);
    }

    #[test]
    fn field_names_list_the_builtin_ones_first_and_leave_out_the_title() {
        let c = corpus();
        assert_eq!(corpus_field_names(&c), ["speaker", "year", "party"]);
    }

    #[test]
    fn a_filter_keeps_one_value() {
        let c = corpus();
        let f = FieldFilter { field: "party".into(), value: "Democratic-Republican".into() };
        let kept: Vec<&str> = c.iter().filter(|t| f.matches(t)).map(|t| t.title.as_str()).collect();
        assert_eq!(kept, ["a", "c"]);
        let f = FieldFilter { field: "speaker".into(), value: "Adams".into() };
        assert_eq!(c.iter().filter(|t| f.matches(t)).count(), 1);
    }

    #[test]
    fn the_list_grouped_has_a_header_per_value_with_its_count_and_collapsed_groups_hide_their_rows() {
        let c = corpus();
        // In date order: b (1790), d (1797), a (1801), c (1802), e (1850).
        let shown = [1, 3, 0, 2, 4];
        let rows = grouped_rows(&c, &shown, "speaker", &[]);
        let header =
            |v: Option<&str>, count, collapsed| ListRow::Header { value: v.map(str::to_string), count, collapsed };
        assert_eq!(
            rows,
            vec![
                header(Some("Washington"), 1, false),
                ListRow::Speech(1),
                header(Some("Adams"), 1, false),
                ListRow::Speech(3),
                header(Some("Jefferson"), 2, false),
                ListRow::Speech(0),
                ListRow::Speech(2),
                header(None, 1, false),
                ListRow::Speech(4),
            ]
        );
        let rows = grouped_rows(&c, &shown, "speaker", &["Jefferson".to_string()]);
        assert_eq!(rows[4], header(Some("Jefferson"), 2, true));
        assert_eq!(rows[5], header(None, 1, false), "its speeches are hidden");
        assert_eq!(rows.len(), 7);
    }
}
