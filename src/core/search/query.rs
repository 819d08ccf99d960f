//! What the user typed, read as a query: the search options, the words to
//! match and how each meets a word of the text, or a regular expression.
//!
//! A query is a sequence of words:
//! - plain words (`state of the un`) match that run of words, punctuation
//!   between them ignored; the first word may end a longer word and the last
//!   may begin one (so results come while typing), a single word may sit
//!   inside a longer one;
//! - words in double quotes (`"state of the union"`) match whole words only;
//! - with [`SearchOptions::whole_word`] every word matches whole;
//! - with [`SearchOptions::regex`] the query is a regular expression over the
//!   text as written (case-insensitive unless case-sensitive).

use crate::core::text::for_each_word;

/// How a query is matched. All off by default: case- and accent-insensitive
/// word search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// Letters must match exactly: case and accents.
    pub case_sensitive: bool,
    /// Every word of the query matches whole words only.
    pub whole_word: bool,
    /// The query is a regular expression over the text as written.
    pub regex: bool,
}

/// Why a query cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Nothing to search for (no word, or an empty regular expression).
    #[error("type a word or a phrase to search for")]
    Empty,
    /// The regular expression does not compile.
    #[error("not a valid regular expression: {0}")]
    BadRegex(String),
}

/// How one word of a query meets a word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// The whole word.
    Whole,
    /// The start of a word (the query's last word, while typing).
    Prefix,
    /// The end of a word (the query's first word).
    Suffix,
    /// Anywhere inside a word (a one-word query).
    Inside,
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    /// As typed.
    pub(super) raw: String,
    pub(super) fit: Fit,
}

/// A parsed query, ready to run on a [`SearchIndex`](crate::core::search::SearchIndex).
#[derive(Debug, Clone)]
pub struct Query {
    /// The text as typed.
    pub text: String,
    /// The options it was parsed with.
    pub options: SearchOptions,
    pub(super) terms: Vec<Term>,
    pub(super) regex: Option<regex::Regex>,
}

/// Largest compiled regular expression accepted (bytes), so a pathological
/// pattern is refused instead of exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

impl Query {
    /// Parses a query. Words in double quotes match whole; see the module
    /// documentation for plain words and regular expressions.
    pub fn parse(text: &str, options: SearchOptions) -> Result<Query, QueryError> {
        if options.regex {
            if text.is_empty() {
                return Err(QueryError::Empty);
            }
            let mut pattern = text.to_string();
            if options.whole_word {
                pattern = format!(r"\b(?:{pattern})\b");
            }
            let regex = regex::RegexBuilder::new(&pattern)
                .case_insensitive(!options.case_sensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| QueryError::BadRegex(e.to_string()))?;
            return Ok(Query { text: text.to_string(), options, terms: Vec::new(), regex: Some(regex) });
        }
        // Split at quotes: odd pieces are quoted (an unclosed quote quotes
        // the rest).
        let mut words: Vec<(String, bool)> = Vec::new();
        for (k, piece) in text.split('"').enumerate() {
            let quoted = k % 2 == 1;
            for_each_word(piece, |s, e| words.push((piece[s..e].to_string(), quoted)));
        }
        if words.is_empty() {
            return Err(QueryError::Empty);
        }
        let n = words.len();
        let terms = words
            .into_iter()
            .enumerate()
            .map(|(k, (raw, quoted))| {
                let fit = if quoted || options.whole_word {
                    Fit::Whole
                } else if n == 1 {
                    Fit::Inside
                } else if k == 0 {
                    Fit::Suffix
                } else if k == n - 1 {
                    Fit::Prefix
                } else {
                    Fit::Whole
                };
                Term { raw, fit }
            })
            .collect();
        Ok(Query { text: text.to_string(), options, terms, regex: None })
    }

    /// Number of words the query matches (0 for a regular expression).
    pub fn words(&self) -> usize {
        self.terms.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_regex_and_empty_queries_are_refused() {
        assert!(matches!(
            Query::parse("(unclosed", SearchOptions { regex: true, ..Default::default() }),
            Err(QueryError::BadRegex(_))
        ));
        assert!(matches!(Query::parse(" , ;", SearchOptions::default()), Err(QueryError::Empty)));
    }

    #[test]
    fn first_and_last_words_may_be_parts_quoted_words_are_whole() {
        let fits = |q: &str, options| Query::parse(q, options).unwrap().terms.iter().map(|t| t.fit).collect::<Vec<_>>();
        let plain = SearchOptions::default();
        assert_eq!(fits("state of the un", plain), [Fit::Suffix, Fit::Whole, Fit::Whole, Fit::Prefix]);
        assert_eq!(fits("unio", plain), [Fit::Inside]);
        assert_eq!(fits("\"state of\" the un", plain), [Fit::Whole, Fit::Whole, Fit::Whole, Fit::Prefix]);
        assert_eq!(fits("state of", SearchOptions { whole_word: true, ..plain }), [Fit::Whole, Fit::Whole]);
    }
}
