//! Metadata written at the top of a text: a `---` front-matter block
//! (Markdown and plain text) or plain `Key: value` header lines.

/// Metadata fields found at the top of a file, as written (not yet parsed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderFields {
    /// `title:`
    pub title: Option<String>,
    /// `date:`
    pub date: Option<String>,
    /// `time:`
    pub time: Option<String>,
    /// `speaker:` (also `author:`, `by:`)
    pub speaker: Option<String>,
    /// `place:` (also `location:`, `venue:`)
    pub place: Option<String>,
    /// `lang:` (also `language:`, `languages:`), split at commas and spaces.
    pub languages: Vec<String>,
    /// Every other `key: value` of the block or the header lines (`party:`,
    /// `office:`), the key lowercased, the value unquoted and not empty, in
    /// the order written: the transcript's extra fields.
    pub extra: Vec<(String, String)>,
}

impl HeaderFields {
    /// Stores `value` under the field `key` names; false when the key is not
    /// one Refrain knows.
    fn set(&mut self, key: &str, value: &str) -> bool {
        let value = unquote(value);
        let slot = match key.trim().to_lowercase().as_str() {
            "title" => &mut self.title,
            "date" => &mut self.date,
            "time" => &mut self.time,
            "speaker" | "author" | "by" => &mut self.speaker,
            "place" | "location" | "venue" => &mut self.place,
            "lang" | "language" | "languages" => {
                self.languages = value
                    .trim_matches(['[', ']'])
                    .split([',', ' ', ';'])
                    .map(unquote)
                    .filter(|s| !s.is_empty())
                    .collect();
                return true;
            }
            _ => {
                let key = key.trim().to_lowercase();
                if !key.is_empty() && !value.is_empty() {
                    self.extra.push((key, value));
                }
                return false;
            }
        };
        if !value.is_empty() {
            *slot = Some(value);
        }
        true
    }
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let stripped = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')));
    stripped.unwrap_or(v).trim().to_string()
}

/// How many lines a front-matter block may span before we stop looking for
/// its end (a lone `---` further down is a horizontal rule, not metadata).
const MAX_FRONT_MATTER_LINES: usize = 60;

/// Reads a `---` front-matter block at the very top of `text`. Returns the
/// fields and the text after the block, or `None` when there is no block.
pub fn parse_front_matter(text: &str) -> Option<(HeaderFields, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let mut fields = HeaderFields::default();
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if i >= MAX_FRONT_MATTER_LINES {
            return None;
        }
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return Some((fields, &rest[offset..]));
        }
        if let Some((k, v)) = trimmed.split_once(':') {
            fields.set(k, v);
        }
    }
    None
}

/// Reads `Key: value` lines (`Date:`, `Title:`, `Speaker:`, `Place:`,
/// `Lang:`) at the top of `text`, up to the first blank line. The first
/// non-blank line must be such a header; unknown keys among them are skipped.
pub fn parse_header_lines(text: &str) -> Option<(HeaderFields, &str)> {
    let mut fields = HeaderFields::default();
    let mut known = 0;
    let mut offset = 0;
    let mut started = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if started {
                break;
            }
            offset += line.len();
            continue;
        }
        let Some((k, v)) = trimmed.split_once(':') else { break };
        let key_like = !k.is_empty() && k.len() <= 20 && k.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-');
        if !key_like {
            break;
        }
        if fields.set(k, v) {
            known += 1;
        } else if !started {
            return None;
        }
        started = true;
        offset += line.len();
    }
    (known > 0).then(|| (fields, &text[offset.min(text.len())..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_block() {
        let text = "---\ntitle: \"Речь в Анкаре\"\ndate: 2019-04-08\nspeaker: Sergey Lavrov\nplace: Ankara\nlang: [ru, tr]\nextra: ignored\n---\nBody text.\n";
        let (f, rest) = parse_front_matter(text).unwrap();
        assert_eq!(f.title.as_deref(), Some("Речь в Анкаре"));
        assert_eq!(f.date.as_deref(), Some("2019-04-08"));
        assert_eq!(f.speaker.as_deref(), Some("Sergey Lavrov"));
        assert_eq!(f.place.as_deref(), Some("Ankara"));
        assert_eq!(f.languages, vec!["ru", "tr"]);
        assert_eq!(f.extra, [("extra".to_string(), "ignored".to_string())]);
        assert_eq!(rest, "Body text.\n");
    }

    #[test]
    fn unterminated_front_matter_is_not_metadata() {
        assert!(parse_front_matter("---\ntitle: x\nbody goes on\n").is_none());
        assert!(parse_front_matter("Body\n---\n").is_none());
    }

    #[test]
    fn header_lines() {
        let text = "Title: Address to the Nation\nDate: March 3, 2020\nSpeaker: Jane Doe\nSource: somewhere\n\nMy fellow citizens: thank you.";
        let (f, rest) = parse_header_lines(text).unwrap();
        assert_eq!(f.title.as_deref(), Some("Address to the Nation"));
        assert_eq!(f.date.as_deref(), Some("March 3, 2020"));
        assert_eq!(f.speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(rest, "\nMy fellow citizens: thank you.");
        assert_eq!(f.extra, [("source".to_string(), "somewhere".to_string())]);
        // A salutation ending in a colon is not a header.
        assert!(parse_header_lines("Fellow-Citizens of the Senate and House of Representatives:\n\nText").is_none());
        assert!(parse_header_lines("Note: this is a speech.\n").is_none());
    }
}
