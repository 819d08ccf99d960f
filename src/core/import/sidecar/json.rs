//! `metadata.json`: an array of objects, each naming its file, or an object
//! keyed by file. Its entries are read in the order written, duplicate keys
//! included, with the line each starts on, so that an entry skipped (not an
//! object, no file named) or overridden (a second row for a file) is
//! reported by its line.

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{KEY_COLUMNS, Table, TableProblem, first_value, key_of, row_from};

/// Reads the rows of a `metadata.json`'s text.
pub(super) fn load_json(text: &str) -> Result<Table, TableProblem> {
    let top = serde_json::from_str::<Top>(text).map_err(TableProblem::InvalidJson)?;
    let lines = entry_lines(text);
    let line = |i: usize| lines.get(i).copied();
    let mut table = Table::default();
    match top {
        Top::Scalar(found) => return Err(TableProblem::NotATable { found: found.to_string() }),
        Top::Rows(items) => {
            if !items.is_empty() && !items.iter().any(Value::is_object) {
                let found = format!("an array of {} value(s), none of them an object", items.len());
                return Err(TableProblem::NotATable { found });
            }
            for (i, item) in items.iter().enumerate() {
                let what = format!("item {}", i + 1);
                match item.as_object() {
                    Some(row) => add(&mut table, &what, None, row, line(i)),
                    None => table.note(line(i), format!("{what} is {}, not an object (a row); skipped", kind(item))),
                }
            }
        }
        Top::Keyed(entries) => {
            if !entries.is_empty() && !entries.iter().any(|(_, v)| v.is_object()) {
                let found = "an object whose values are not objects (one row? put it in [ ])".to_string();
                return Err(TableProblem::NotATable { found });
            }
            for (i, (key, item)) in entries.iter().enumerate() {
                let what = format!("“{key}”");
                match item.as_object() {
                    Some(row) => add(&mut table, &what, Some(key.as_str()), row, line(i)),
                    None => table.note(line(i), format!("{what} is {}, not an object (a row); skipped", kind(item))),
                }
            }
        }
    }
    Ok(table)
}

/// Adds one object as the row of the file `key` names (or, with no key, the
/// first of its [`KEY_COLUMNS`] with a value); `what` names the entry in a
/// warning about it.
fn add(table: &mut Table, what: &str, key: Option<&str>, obj: &serde_json::Map<String, Value>, line: Option<u64>) {
    let lower: HashMap<String, &Value> = obj.iter().map(|(k, v)| (k.to_lowercase(), v)).collect();
    // The first of `names` with a value, trimmed.
    let get = |names: &[&str]| {
        names
            .iter()
            .filter_map(|n| lower.get(*n).and_then(|v| as_string(v)))
            .map(|v| v.trim().to_string())
            .find(|v| !v.is_empty())
    };
    let (raw, key_name) = match key {
        Some(k) => (Some(k.to_string()), None),
        None => {
            let name = KEY_COLUMNS.iter().find(|n| get(&[**n]).is_some());
            (name.and_then(|n| get(&[*n])), name.copied())
        }
    };
    let Some((key, raw)) = raw.map(|r| (key_of(&r), r)).filter(|(k, _)| !k.is_empty()) else {
        table.note(line, format!("{what} names no file (none of {} has a value); skipped", KEY_COLUMNS.join(", ")));
        return;
    };
    let fields = obj
        .iter()
        .map(|(k, v)| (k.trim().to_lowercase(), v))
        .filter(|(k, _)| !k.is_empty() && Some(k.as_str()) != key_name)
        .filter_map(|(k, v)| first_value([as_string(v).as_deref()]).map(|v| (k, v)))
        .collect();
    table.insert(key, &raw, row_from(|c| get(c.columns()), fields), line);
}

/// A cell's text: strings as they are, numbers written out, arrays of
/// strings joined by commas; nothing for the rest.
fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => Some(a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(",")),
        _ => None,
    }
}

/// What a value is, for a warning.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The line (1-based) each entry of the top-level array or object of the
/// JSON `text` starts on, in order: for an object, the line of the key.
/// `text` must be valid JSON (it is only scanned for brackets, commas and
/// strings).
fn entry_lines(text: &str) -> Vec<u64> {
    let mut lines = Vec::new();
    let (mut line, mut depth, mut in_string, mut escaped, mut next_entry) = (1u64, 0usize, false, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if b == b'\n' {
            line += 1;
        }
        if next_entry && !b.is_ascii_whitespace() && b != b']' && b != b'}' {
            lines.push(line);
            next_entry = false;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                next_entry = depth == 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                next_entry = false;
            }
            b',' if depth == 1 => next_entry = true,
            _ => {}
        }
    }
    lines
}

/// The top of a `metadata.json`, its entries in the order written.
enum Top {
    /// An array: one row per item.
    Rows(Vec<Value>),
    /// An object: one row per key, duplicate keys kept.
    Keyed(Vec<(String, Value)>),
    /// Anything else, by what it is.
    Scalar(&'static str),
}

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TopVisitor)
    }
}

/// Reads [`Top`], keeping what a `serde_json::Value` would lose (the order
/// of an object's keys, and its duplicate keys).
struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<Top, E> {
        Ok(Top::Scalar("true or false"))
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<Top, E> {
        Ok(Top::Scalar("a number"))
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<Top, E> {
        Ok(Top::Scalar("a number"))
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<Top, E> {
        Ok(Top::Scalar("a number"))
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<Top, E> {
        Ok(Top::Scalar("a string"))
    }

    fn visit_unit<E: Error>(self) -> Result<Top, E> {
        Ok(Top::Scalar("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Top::Rows(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Value>()? {
            entries.push(entry);
        }
        Ok(Top::Keyed(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_lines_follow_items_and_keys_not_what_is_inside_them() {
        let text = "[\n  {\"file\": \"a\", \"note\": \"a \\\"quoted\\\" [x], {y}\"},\n\n  {\"file\": \"b\",\n   \"x\": [1,\n 2]}, 7\n]";
        assert_eq!(entry_lines(text), [2, 4, 6]);
        assert_eq!(entry_lines("{\"a\": {}, \n\"b\": {\"c\": [\n]},\n\"a\": {}}"), [1, 2, 4]);
        assert_eq!(entry_lines("[]"), Vec::<u64>::new());
        assert_eq!(entry_lines(" 7"), Vec::<u64>::new());
    }

    #[test]
    fn duplicate_keys_and_non_objects_are_noted_by_line_the_last_row_used() {
        let text = "{\n \"a\": {\"title\": \"First\"},\n \"_comment\": \"made by hand\",\n \"A.txt\": {\"title\": \"Second\"}\n}";
        let table = load_json(text).unwrap();
        assert_eq!(table.rows["a"].title.as_deref(), Some("Second"));
        assert_eq!(
            table.notes,
            [
                (Some(3), "“_comment” is a string, not an object (a row); skipped".to_string()),
                (Some(4), "a second row for “A.txt” (the first is on line 2); the later row is used".to_string()),
            ]
        );
        let table = load_json("[{\"file\": \"a\"},\n 5,\n {\"date\": \"2001-01-01\"}]").unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.notes[0], (Some(2), "item 2 is a number, not an object (a row); skipped".to_string()));
        assert!(table.notes[1].1.starts_with("item 3 names no file (none of fileid, file_id,"), "{:?}", table.notes);
        assert_eq!(table.notes[1].0, Some(3));
    }

    #[test]
    fn a_single_row_or_a_list_of_values_is_not_a_table() {
        for (text, found) in [
            ("{\"fileid\": \"a\", \"date\": \"2001-01-01\"}", "an object whose values are not objects"),
            ("[1, 2]", "an array of 2 value(s), none of them an object"),
            ("\"metadata\"", "a string"),
        ] {
            match load_json(text) {
                Err(TableProblem::NotATable { found: f }) => assert!(f.starts_with(found), "{f}"),
                other => panic!("{other:?}"),
            }
        }
        assert!(load_json("[]").unwrap().rows.is_empty());
    }
}
