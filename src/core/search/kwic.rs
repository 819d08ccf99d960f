//! Keyword-in-context lines: a match with the words around it, on one line,
//! for search results that are read aligned on the match.

use std::ops::Range;

/// One match with its context, white space collapsed to single spaces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KwicLine {
    /// The text before the match (at most the context width, cut at a word
    /// boundary when it can be).
    pub left: String,
    /// The match itself.
    #[serde(rename = "match")]
    pub hit: String,
    /// The text after the match.
    pub right: String,
    /// Byte range of the match in the body.
    pub bytes: Range<usize>,
    /// Byte range of the whole line (context included) in the body.
    pub context: Range<usize>,
}

/// Joins runs of white space (line breaks included) into single spaces.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The keyword-in-context line of the match `range` in `body`, with about
/// `width` characters of context on each side. A range that is out of the
/// body or not on character boundaries gives an empty line, never a panic.
pub fn kwic(body: &str, range: Range<usize>, width: usize) -> KwicLine {
    let empty = || KwicLine {
        left: String::new(),
        hit: String::new(),
        right: String::new(),
        bytes: range.clone(),
        context: range.clone(),
    };
    let (Some(hit), Some(before), Some(after)) =
        (body.get(range.clone()), body.get(..range.start), body.get(range.end..))
    else {
        return empty();
    };
    // Left: the last `width` characters, then forward to a word start.
    let mut start = before.char_indices().rev().nth(width.saturating_sub(1)).map_or(0, |(b, _)| b);
    if start > 0
        && let Some(space) = before[start..].find(char::is_whitespace)
    {
        start += space;
        start += before[start..].len() - before[start..].trim_start().len();
    }
    // Right: the first `width` characters, then back to a word end.
    let mut end = after.char_indices().nth(width).map_or(after.len(), |(b, _)| b);
    if end < after.len()
        && let Some(space) = after[..end].rfind(char::is_whitespace)
    {
        end = space;
    }
    let left = collapse(&before[start..]);
    let right = collapse(&after[..end]);
    KwicLine {
        left: if start > 0 { format!("…{}", left.trim_start()) } else { left.trim_start().to_string() },
        hit: collapse(hit),
        right: if end < after.len() { format!("{}…", right.trim_end()) } else { right.trim_end().to_string() },
        bytes: range.clone(),
        context: start..range.end + end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_words_and_collapsed() {
        let body = "First paragraph ends here.\n\nThe state of the Union is strong, and growing stronger every day.";
        let at = body.find("state").unwrap();
        let line = kwic(body, at..at + "state of the Union".len(), 20);
        assert_eq!(line.hit, "state of the Union");
        assert_eq!(line.left, "…ends here. The ");
        assert_eq!(line.right, " is strong, and…");
        assert_eq!(&body[line.context.clone()][..4], "ends");
        // Whole text fits: no ellipsis.
        let line = kwic("a b c", 2..3, 10);
        assert_eq!((line.left.as_str(), line.hit.as_str(), line.right.as_str()), ("a ", "b", " c"));
    }

    #[test]
    fn cyrillic_and_bad_ranges() {
        let body = "Мы ещё раз подтверждаем нашу позицию.";
        let at = body.find("ещё").unwrap();
        let line = kwic(body, at..at + "ещё".len(), 5);
        assert_eq!(line.hit, "ещё");
        assert_eq!(line.left, "Мы ");
        assert!(line.right.ends_with('…'));
        // Inside a character, or past the end: empty, no panic.
        assert_eq!(kwic(body, 1..3, 5).hit, "");
        assert_eq!(kwic(body, 10..1000, 5).hit, "");
    }
}
