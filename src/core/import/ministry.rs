//! The page layout of a foreign ministry's published transcript: a dateline
//! (`7 November 201814:07`), a title paragraph, a language line
//! (`• en-GB1 ru-RU1`), the body, and site boilerplate at the end.

use crate::core::text::pattern::{Pattern, compile};

use crate::core::text::dates::{DayOrder, FoundDate, may_hold_a_date, parse_dateline};

/// What the layout gives besides the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinistryPage<'a> {
    /// The dateline's date and time.
    pub date: FoundDate,
    /// The title paragraph, when there is one.
    pub title: Option<String>,
    /// Language tags from the language line.
    pub languages: Vec<String>,
    /// The text after the header, boilerplate not yet removed.
    pub rest: &'a str,
}

/// Longest paragraph still taken for a title; longer ones are body text.
const MAX_TITLE_CHARS: usize = 400;

static LANGUAGE_TOKEN: Pattern = Pattern::new(|| compile(r"^([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\d*$"));

/// Lines a publishing site appends after the text.
const BOILERPLATE: &[&str] = &[
    "advanced settings",
    "print version",
    "printable version",
    "share",
    "back to top",
    "расширенные настройки",
    "версия для печати",
];

/// Reads a language line such as `• en-GB1 ru-RU1` into `["en-GB", "ru-RU"]`.
pub fn parse_language_line(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let (bulleted, t) = match t.strip_prefix(['•', '·', '*']) {
        Some(rest) => (true, rest.trim()),
        None => (false, t),
    };
    let mut langs = Vec::new();
    let mut has_region = false;
    for token in t.split_whitespace() {
        let c = LANGUAGE_TOKEN.with(|re| re.captures(token))?;
        let tag = c.get(1)?.as_str();
        has_region |= tag.contains('-');
        langs.push(tag.to_string());
    }
    (!langs.is_empty() && (bulleted || has_region)).then_some(langs)
}

/// Recognizes the ministry layout: the first non-blank line is a date and
/// nothing else.
pub fn parse_ministry_page(text: &str) -> Option<MinistryPage<'_>> {
    // Most first lines (the first that is not blank) hold no date: then the
    // text is not split into paragraphs, nor searched for a language line.
    let first_line = text.split_inclusive('\n').find(|l| !l.trim().is_empty())?;
    if !may_hold_a_date(first_line) {
        return None;
    }
    let mut paragraphs = paragraph_spans(text);
    let (first_start, first_end) = paragraphs.next()?;
    let line_end = text[first_start..first_end].find('\n').map_or(first_end, |i| first_start + i);
    // A language line further down may decide how to read 07/11/2018.
    let langs_hint: Vec<String> =
        paragraph_spans(text).take(4).find_map(|(s, e)| parse_language_line(&text[s..e])).unwrap_or_default();
    let date = parse_dateline(&text[first_start..line_end], DayOrder::from_languages(&langs_hint))?;
    // The title may follow on the next line or after a blank line.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    if line_end < first_end {
        candidates.push((line_end + 1, first_end));
    }
    candidates.extend(paragraphs.take(2));
    let mut title = None;
    let mut languages = Vec::new();
    let mut rest_start = line_end;
    for (s, e) in candidates.into_iter().take(2) {
        let p = &text[s..e];
        if let Some(l) = parse_language_line(p) {
            languages = l;
            rest_start = e;
        } else if title.is_none() && languages.is_empty() && looks_like_title(p) {
            title = Some(p.split_whitespace().collect::<Vec<_>>().join(" "));
            rest_start = e;
        } else {
            break;
        }
    }
    Some(MinistryPage { date, title, languages, rest: &text[rest_start..] })
}

/// A title is one short paragraph that does not end like a sentence.
fn looks_like_title(p: &str) -> bool {
    p.chars().count() <= MAX_TITLE_CHARS && !p.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// Start and end offsets of the blank-line-separated paragraphs of `text`.
fn paragraph_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    crate::core::text::transcript::split_paragraphs(text).into_iter().map(move |p| {
        let start = p.as_ptr() as usize - text.as_ptr() as usize;
        (start, start + p.len())
    })
}

/// Removes site boilerplate lines ("Advanced settings", …) from the end of a
/// text; returns the text without them.
pub fn strip_site_boilerplate(text: &str) -> &str {
    let mut end = text.trim_end().len();
    loop {
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..end].trim();
        if line_start == 0 || !BOILERPLATE.contains(&line.to_lowercase().as_str()) {
            return &text[..end];
        }
        end = text[..line_start].trim_end().len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_lines() {
        assert_eq!(parse_language_line("  • en-GB1 ru-RU1").unwrap(), vec!["en-GB", "ru-RU"]);
        assert_eq!(parse_language_line("• es"), Some(vec!["es".to_string()]));
        assert_eq!(parse_language_line("Thank you"), None);
        assert_eq!(parse_language_line("it is"), None);
    }

    #[test]
    fn page_layout() {
        let text = "7 November 201814:07\n\nTitle of the remarks, Moscow, November 7, 2018\n\n  • en-GB1 ru-RU1\n\n\nFirst paragraph.\n\nLast.\n\n\n\nAdvanced settings";
        let page = parse_ministry_page(text).unwrap();
        assert_eq!(page.title.as_deref(), Some("Title of the remarks, Moscow, November 7, 2018"));
        assert_eq!(page.languages, vec!["en-GB", "ru-RU"]);
        assert_eq!(strip_site_boilerplate(page.rest).trim(), "First paragraph.\n\nLast.");
        assert!(parse_ministry_page("Fellow-Citizens of the Senate:\n\nText").is_none());
    }

    #[test]
    fn boilerplate_only_at_the_end() {
        assert_eq!(strip_site_boilerplate("Body\n\nShare\nAdvanced settings\n"), "Body");
        assert_eq!(strip_site_boilerplate("Share\n\nBody"), "Share\n\nBody");
    }
}
