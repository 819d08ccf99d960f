//! Who gave each speech and when, as the speakers views count them: each
//! document of a phrase set in a group (its speaker, or its value of any
//! other field such as `party`) with its date.

use std::borrow::Borrow;

use chrono::NaiveDate;

use crate::core::phrases::DocId;
use crate::core::text::transcript::{SPEAKER_FIELD, Transcript};

/// A group's number in a [`SpeechGroups`]: its position in
/// [`SpeechGroups::names`] (the names in alphabetical order).
pub type GroupId = u32;

/// Each document's group and date, for the documents of one phrase set
/// (document ids are positions in the list of transcripts the set was
/// indexed from, as in the command line and the app).
///
/// A document without a value for the field (no speaker, no party) is in
/// no group: it takes part in no speaker's path, nor in the speaker ×
/// speaker table, and a phrase it said first has no first speaker. A
/// document without a date takes no part in who said what first (see
/// [`crate::core::speakers::path`]). Dates of a month or a year only are
/// the first day of that period, as the importer gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeechGroups {
    /// The field grouped by (`speaker`, `party`, …).
    field: String,
    /// Group names, in alphabetical order, each once.
    names: Vec<String>,
    /// Per document, its group.
    of_doc: Vec<Option<GroupId>>,
    /// Per document, its date.
    dates: Vec<Option<NaiveDate>>,
}

impl SpeechGroups {
    /// The documents `transcripts` (document `k` is `transcripts[k]`)
    /// grouped by their value of `field` ([`Transcript::field`]: `speaker`,
    /// `place`, `language`, `year` or any extra field such as `party`).
    pub fn by_field<T: Borrow<Transcript>>(transcripts: &[T], field: &str) -> SpeechGroups {
        SpeechGroups::from_parts(
            field,
            transcripts.iter().map(|t| {
                let t = t.borrow();
                (t.field(field).map(|v| v.into_owned()), t.date.map(|d| d.date))
            }),
        )
    }

    /// The documents `transcripts` grouped by speaker.
    pub fn by_speaker<T: Borrow<Transcript>>(transcripts: &[T]) -> SpeechGroups {
        SpeechGroups::by_field(transcripts, SPEAKER_FIELD)
    }

    /// From each document's value of `field` and date, in document order.
    /// Values are trimmed; an empty one counts as none.
    pub fn from_parts(
        field: &str,
        docs: impl IntoIterator<Item = (Option<String>, Option<NaiveDate>)>,
    ) -> SpeechGroups {
        let (values, dates): (Vec<Option<String>>, Vec<Option<NaiveDate>>) =
            docs.into_iter().map(|(v, d)| (v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()), d)).unzip();
        let mut names: Vec<String> = values.iter().flatten().cloned().collect();
        names.sort_unstable();
        names.dedup();
        let of_doc =
            values.iter().map(|v| v.as_ref().and_then(|v| names.binary_search(v).ok()).map(|g| g as GroupId)).collect();
        SpeechGroups { field: field.to_string(), names, of_doc, dates }
    }

    /// The field grouped by.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no document has a value for the field.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of documents.
    pub fn docs(&self) -> usize {
        self.of_doc.len()
    }

    /// The groups' names, in alphabetical order ([`GroupId`] is a position here).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// A group's name; empty for a number that is no group.
    pub fn name(&self, group: GroupId) -> &str {
        self.names.get(group as usize).map_or("", String::as_str)
    }

    /// A document's group; `None` when it has no value for the field (or
    /// is no document).
    pub fn group_of(&self, doc: DocId) -> Option<GroupId> {
        self.of_doc.get(doc as usize).copied().flatten()
    }

    /// A document's date; `None` when undated (or no document).
    pub fn date_of(&self, doc: DocId) -> Option<NaiveDate> {
        self.dates.get(doc as usize).copied().flatten()
    }

    /// The groups a user's `name` means: the one of that name ignoring
    /// case, or when there is none, every group whose name contains it
    /// ignoring case (`Bush` is both George Bushes); empty when none does.
    pub fn find(&self, name: &str) -> Vec<GroupId> {
        let needle = name.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        let lower: Vec<String> = self.names.iter().map(|n| n.to_lowercase()).collect();
        let exact: Vec<GroupId> = (0..lower.len()).filter(|&g| lower[g] == needle).map(|g| g as GroupId).collect();
        if !exact.is_empty() {
            return exact;
        }
        (0..lower.len()).filter(|&g| lower[g].contains(&needle)).map(|g| g as GroupId).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_in_order_and_documents_without_a_value_are_in_none() {
        let d = |y| NaiveDate::from_ymd_opt(y, 1, 1);
        let g = SpeechGroups::from_parts(
            "speaker",
            [
                (Some("George W. Bush".into()), d(2001)),
                (Some(" ".into()), d(2002)),
                (None, None),
                (Some("George Bush ".into()), d(1990)),
                (Some("George W. Bush".into()), None),
            ],
        );
        assert_eq!(g.names(), ["George Bush", "George W. Bush"]);
        assert_eq!((g.len(), g.docs(), g.field()), (2, 5, "speaker"));
        assert_eq!(
            [g.group_of(0), g.group_of(1), g.group_of(2), g.group_of(3), g.group_of(4)],
            [Some(1), None, None, Some(0), Some(1)]
        );
        assert_eq!((g.date_of(2), g.date_of(3), g.date_of(9)), (None, d(1990), None));
        assert_eq!(g.name(1), "George W. Bush");
        assert_eq!(g.name(7), "");
        assert_eq!(g.find("george bush"), [0], "an exact name is that one");
        assert_eq!(g.find("BUSH"), [0, 1], "a part of names is all of them");
        assert!(g.find("Lincoln").is_empty() && g.find(" ").is_empty());
    }
}
