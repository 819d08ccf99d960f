//! Reading a JSON array of events in one pass: each element straight into
//! the five fields an event has, every other key skipped as it is read, so a
//! large file costs its events and not a tree of every value in it.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The keys an event object may have, in the order their faults are told.
pub(super) const KEYS: [&str; 5] = ["date", "title", "description", "end_date", "url"];

/// One element of the array as read.
pub(super) enum Element {
    /// An object: the value of each of [`KEYS`] it has (the last one when a
    /// key is repeated, as JSON readers do), in that order.
    Object(Box<[Option<Value>; 5]>),
    /// A string, number, array, `true`, `false` or `null`.
    NotObject,
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ElementVisitor)
    }
}

struct ElementVisitor;

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let mut fields: Box<[Option<Value>; 5]> = Box::default();
        while let Some(key) = map.next_key::<String>()? {
            match KEYS.iter().position(|k| *k == key) {
                Some(i) => fields[i] = Some(map.next_value()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Element::Object(fields))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Element, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Element::NotObject)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Element, E> {
        Ok(Element::NotObject)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Element, E> {
        Ok(Element::NotObject)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Element, E> {
        Ok(Element::NotObject)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Element, E> {
        Ok(Element::NotObject)
    }

    fn visit_str<E>(self, _: &str) -> Result<Element, E> {
        Ok(Element::NotObject)
    }

    fn visit_unit<E>(self) -> Result<Element, E> {
        Ok(Element::NotObject)
    }
}

/// A whole JSON text: the elements of a top-level array, or `None` for
/// any other JSON value (skipped as it is read).
pub(super) struct Top(pub Option<Vec<Element>>);

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        let mut elements = Vec::new();
        while let Some(e) = seq.next_element::<Element>()? {
            elements.push(e);
        }
        Ok(Top(Some(elements)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Top(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Top, E> {
        Ok(Top(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Top, E> {
        Ok(Top(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Top, E> {
        Ok(Top(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Top, E> {
        Ok(Top(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Top, E> {
        Ok(Top(None))
    }

    fn visit_unit<E>(self) -> Result<Top, E> {
        Ok(Top(None))
    }
}

/// Byte offsets where the elements of a top-level JSON array start, so bad
/// elements can be reported by line. Assumes `text` parsed as an array.
pub(super) fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut expect) = (0usize, false, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if expect && depth == 1 && !b.is_ascii_whitespace() && b != b']' {
            starts.push(i);
            expect = false;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 {
                    expect = true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => expect = true,
            _ => {}
        }
    }
    starts
}
