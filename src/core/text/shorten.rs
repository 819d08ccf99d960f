//! Shortening a line of text to a width for a label or a table column, the
//! cut marked with an ellipsis: the command line's tables and the app's
//! labels shorten alike.

/// `s` cut to at most `max` characters (not bytes), its last one an
/// ellipsis (`…`) when anything was cut; `s` itself when it fits.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn counts_characters_and_marks_the_cut() {
        assert_eq!(shorten("state of the union", 18), "state of the union");
        assert_eq!(shorten("state of the union", 10), "state of …");
        // Characters, not bytes: a cut never falls inside one.
        assert_eq!(shorten("состояние Союза", 6), "состо…");
        assert_eq!(shorten("Birliğin durumu", 15), "Birliğin durumu");
        assert_eq!(shorten("abc", 1), "…");
        assert_eq!(shorten("abc", 0), "…");
        assert_eq!(shorten("", 0), "");
    }
}
