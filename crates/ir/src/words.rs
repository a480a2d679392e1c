//! How a spec name splits into words — the one splitter every backend's naming rule and the
//! diff's "same name" check share, so that they agree on which names are the same.
//!
//! A name splits at every character that cannot be part of an identifier (anything that is
//! not alphanumeric, and alphanumerics outside Unicode's `XID_Continue` such as `²` and `½`),
//! and inside a run of word characters at case boundaries:
//! - after a lower-case letter (or digits following one) that is followed by an upper-case
//!   letter (`createdDate` → `created` `Date`, `v2Beta` → `v2` `Beta`);
//! - before the last of several upper-case letters that is followed by a lower-case one
//!   (`HTTPServer` → `HTTP` `Server`);
//! - between an ASCII digit and an upper-case letter (`401Unauthorized` → `401`
//!   `Unauthorized`).
//!
//! Words keep the spec's spelling; each target language cases and joins them its own way.

/// The words of `name`, in order (empty when it has no word characters).
pub fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for chunk in name.split(|c: char| !is_word_char(c)) {
        split_cases(chunk, &mut out);
    }
    out
}

/// Whether `c` can be part of a word: alphanumerics that identifiers allow (`XID_Continue`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && unicode_ident::is_xid_continue(c)
}

/// The letter case a run of characters is in, for boundary detection.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// At the start of a word (or only caseless characters so far).
    Start,
    Lower,
    Upper,
}

/// Pushes the words of a run of word characters, split at case boundaries.
fn split_cases<'a>(chunk: &'a str, out: &mut Vec<&'a str>) {
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let mut start = 0;
    let mut mode = Mode::Start;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let Some(&(next_i, next)) = chars.get(k + 1) else {
            break;
        };
        let with_c = if c.is_lowercase() {
            Mode::Lower
        } else if c.is_uppercase() {
            Mode::Upper
        } else {
            mode
        };
        if (with_c == Mode::Lower || c.is_ascii_digit()) && next.is_uppercase() {
            out.push(&chunk[start..next_i]);
            start = next_i;
            mode = Mode::Start;
        } else if mode == Mode::Upper && c.is_uppercase() && next.is_lowercase() {
            out.push(&chunk[start..i]);
            start = i;
            mode = Mode::Upper;
        } else {
            mode = with_c;
        }
    }
    if start < chunk.len() {
        out.push(&chunk[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn splits_at_separators_and_case_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            ("X-Contract-Number", &["X", "Contract", "Number"]),
            ("createdDate", &["created", "Date"]),
            ("HTTPServer", &["HTTP", "Server"]),
            ("XMLHttpRequest", &["XML", "Http", "Request"]),
            ("401UnAuthorized", &["401", "Un", "Authorized"]),
            ("v2Beta", &["v2", "Beta"]),
            ("REFRESH_TOKEN", &["REFRESH", "TOKEN"]),
            ("x²y", &["x", "y"]),
            ("---", &[]),
            ("Größe", &["Größe"]),
            ("a1b2", &["a1b2"]),
        ];
        for (name, expected) in cases {
            assert_eq!(words(name), *expected, "{name}");
        }
    }
}
