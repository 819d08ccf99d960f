//! Who spoke and where, read from a title such as "Foreign Minister Sergey
//! Lavrov's remarks at …, Moscow, November 7, 2018".

use crate::core::text::pattern::{Pattern, compile};

use crate::core::text::dates::{DayOrder, find_day_date};

/// Words that name an office rather than a person; they are dropped from the
/// front of a name ("Foreign Minister Sergey Lavrov" → "Sergey Lavrov").
const ROLE_WORDS: &[&str] = &[
    "foreign",
    "minister",
    "deputy",
    "prime",
    "president",
    "vice",
    "secretary",
    "general",
    "state",
    "chancellor",
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "ambassador",
    "acting",
    "first",
    "chairman",
    "chairwoman",
    "premier",
    "his",
    "her",
    "majesty",
    "excellency",
    "mr",
    "mrs",
    "ms",
    "dr",
    "russian",
    "federation",
    "affairs",
    "defence",
    "defense",
    "senator",
    "governor",
    "mayor",
    "director",
    "official",
    "representative",
    "permanent",
    "special",
    "envoy",
    "head",
    "leader",
    "king",
    "queen",
    "pope",
    "cardinal",
    "commissioner",
    "high",
];

const SPEECH_WORDS: &str = r"remarks|speech|statement|address|interview|answers|article|comments|message|greetings|opening\s+remarks|introductory\s+remarks|closing\s+remarks|welcoming\s+remarks|op-ed|briefing|lecture|toast";

/// A run of capitalized words (names may contain dots and hyphens: "C.V.", "Jean-Yves").
const NAME_RUN: &str = r"((?:\p{Lu}[\p{L}.\-]*\s+){0,7}\p{Lu}[\p{L}.\-]*)";

static POSSESSIVE: Pattern =
    Pattern::new(|| compile(&format!(r"{NAME_RUN}(?:’s|'s|’|')\s+(?:(?:\p{{Ll}}+)\s+){{0,2}}?(?i:{SPEECH_WORDS})\b")));
static BY: Pattern =
    Pattern::new(|| compile(&format!(r"(?i:{SPEECH_WORDS})\b[^.]{{0,40}}?\bby\s+(?:the\s+)?{NAME_RUN}")));

fn strip_roles(run: &str) -> Option<String> {
    let words: Vec<&str> = run.split_whitespace().collect();
    let first_name =
        words.iter().position(|w| !ROLE_WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))?;
    let name: Vec<&str> = words[first_name..].iter().take(4).copied().collect();
    (!name.is_empty()).then(|| name.join(" "))
}

/// The speaker a title names, as in "Foreign Minister Sergey Lavrov's
/// remarks …" or "Statement by President Jane Doe …".
pub fn speaker_from_title(title: &str) -> Option<String> {
    if let Some(c) = POSSESSIVE.with(|re| re.captures(title))
        && let Some(name) = c.get(1).and_then(|m| strip_roles(m.as_str()))
    {
        return Some(name);
    }
    BY.with(|re| re.captures(title)).and_then(|c| c.get(1)).and_then(|m| strip_roles(m.as_str()))
}

/// The place a title ends with before its date, as in "…, Moscow, November 7,
/// 2018": one to three capitalized words between the last two commas.
pub fn place_from_title(title: &str) -> Option<String> {
    let date = find_day_date(title, DayOrder::Unknown)?;
    let tail = title[date.range.end..].trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    if !tail.is_empty() {
        return None;
    }
    let before = title[..date.range.start].trim_end().trim_end_matches(',').trim_end();
    let (_, candidate) = before.rsplit_once(',')?;
    let candidate = candidate.trim();
    let words: Vec<&str> = candidate.split_whitespace().collect();
    let plausible = (1..=3).contains(&words.len())
        && candidate.chars().count() <= 40
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    plausible.then(|| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_TITLE: &str = "Foreign Minister Sergey Lavrov’s remarks at the 17th Meeting of Heads of Special Services, Security Agencies and Law Enforcement Agencies that are Foreign Partners of Russia’s Federal Security Service, Moscow, November 7, 2018";

    #[test]
    fn speaker_from_possessive_and_by() {
        assert_eq!(speaker_from_title(SEED_TITLE).as_deref(), Some("Sergey Lavrov"));
        assert_eq!(
            speaker_from_title("Statement by Foreign Minister Mevlüt Çavuşoğlu on the situation").as_deref(),
            Some("Mevlüt Çavuşoğlu")
        );
        assert_eq!(
            speaker_from_title("Deputy Foreign Minister Sergey Ryabkov's opening remarks at the briefing").as_deref(),
            Some("Sergey Ryabkov")
        );
        assert_eq!(speaker_from_title("Annual Message to Congress"), None);
    }

    #[test]
    fn place_before_the_trailing_date() {
        assert_eq!(place_from_title(SEED_TITLE).as_deref(), Some("Moscow"));
        assert_eq!(place_from_title("Press conference, New York, 24 September 2019").as_deref(), Some("New York"));
        assert_eq!(place_from_title("Remarks on the economy, which we discussed at length, 2 May 2019"), None);
        assert_eq!(place_from_title("Remarks without a date, Moscow"), None);
    }
}
