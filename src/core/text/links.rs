//! Which links Refrain opens. An events file gives each event a `url`,
//! written by whoever made the file; a click on it hands it to the
//! system's opener, which opens whatever it names: a local file
//! (`file:///etc/passwd`), a script (`javascript:…`), a network share
//! (`smb://…`), another program's own scheme. Only web pages and mail
//! (`http`, `https`, `mailto`) are opened; any other link is shown as text.
//! A mail link may set only the message's recipients, subject and body:
//! some mail programs attach the file an `attach=` names.

/// Said where a link that is not opened is shown as text.
pub const NOT_OPENED: &str = "Not opened: only web and mail links (http, https, mailto) open";

/// The schemes a link may have to be opened.
const OPENED: [&str; 3] = ["http", "https", "mailto"];

/// The fields a mail link may fill in (`mailto:a@b.org?subject=…`).
const MAIL_FIELDS: [&str; 5] = ["to", "cc", "bcc", "subject", "body"];

/// `link` ready to be opened, without the white space around it, when it
/// is a web or mail link (its scheme `http`, `https` or `mailto`, in any
/// case); `None` for every other link, a link with no scheme, one holding
/// control characters (browsers drop them before reading the scheme, so
/// `java\tscript:` would run as `javascript:`), and a mail link filling in
/// anything but recipients, subject and body.
pub fn safe_link(link: &str) -> Option<&str> {
    let link = link.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if link.chars().any(char::is_control) {
        return None;
    }
    let (scheme, rest) = link.split_once(':')?;
    if rest.is_empty() || !OPENED.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return None;
    }
    if scheme.eq_ignore_ascii_case("mailto") && !plain_mail(rest) {
        return None;
    }
    Some(link)
}

/// True when the fields a mail link fills in (after `?`) are all
/// [`MAIL_FIELDS`], named in plain letters (a name written with `%`
/// escapes could be `attach`).
fn plain_mail(rest: &str) -> bool {
    let Some((_, query)) = rest.split_once('?') else { return true };
    query.split('&').all(|field| {
        let name = field.split_once('=').map_or(field, |(name, _)| name);
        name.is_empty() || MAIL_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_links_open() {
        assert_eq!(safe_link("https://example.org/ph"), Some("https://example.org/ph"));
        assert_eq!(safe_link("http://example.org"), Some("http://example.org"));
        assert_eq!(safe_link("mailto:press@example.org"), Some("mailto:press@example.org"));
        assert_eq!(safe_link("  HTTPS://Example.org/a?b=c#d \n"), Some("HTTPS://Example.org/a?b=c#d"));
        assert_eq!(safe_link("MailTo:a@b.c"), Some("MailTo:a@b.c"));
        let mail = "mailto:a@b.c?subject=Hello&body=Dear%20editor&cc=d@e.f&";
        assert_eq!(safe_link(mail), Some(mail));
    }

    #[test]
    fn every_other_link_is_text() {
        for link in [
            "file:///etc/passwd",
            "FILE:///etc/passwd",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "\u{1}\tjavascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "https://example.org/\u{0}x",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "smb://server/share",
            "\\\\server\\share",
            "ftp://example.org",
            "ms-settings:",
            "https:",
            "mailto:a@b.c?attach=/etc/passwd",
            "mailto:a@b.c?subject=Hi&ATTACHMENT=~/.ssh/id_rsa",
            "mailto:a@b.c?%61ttach=/etc/passwd",
            "\u{202E}https://example.org",
            "\u{200B}https://example.org",
            "https\u{200B}://example.org",
            "//example.org",
            "/etc/passwd",
            "example.org",
            "",
            "   ",
        ] {
            assert_eq!(safe_link(link), None, "{link:?}");
        }
    }
}
