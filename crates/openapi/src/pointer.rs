//! JSON pointers (RFC 6901) into the spec document.

use std::fmt;

/// A JSON pointer such as `/paths/~1tokens/get`, kept without the leading `#`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Ptr(String);

impl Ptr {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Ptr(String::new())
    }

    /// The pointer to child `segment` (escaped as RFC 6901 requires).
    pub fn at(&self, segment: impl fmt::Display) -> Ptr {
        let segment = segment.to_string();
        let mut s = String::with_capacity(self.0.len() + segment.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        s.push_str(&escape(&segment));
        Ptr(s)
    }

    /// The pointer to `#/components/{section}/{name}`.
    pub fn component(section: &str, name: &str) -> Ptr {
        Ptr::root().at("components").at(section).at(name)
    }

    /// The pointer text without `#`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ptr {
    /// Formats as a URI fragment: `#/paths/~1tokens/get`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Escapes one segment: `~` → `~0`, `/` → `~1`.
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one segment of a `$ref` fragment: percent-decoding, then `~1` → `/`, `~0` → `~`.
pub(crate) fn unescape(segment: &str) -> String {
    percent_decode(segment)
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Decodes `%XX` escapes; malformed escapes are kept as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes.get(i), hex(i + 1), hex(i + 2)) {
            (Some(b'%'), Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (Some(b), _, _) => {
                out.push(*b);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_segments() {
        let p = Ptr::root().at("paths").at("/tokens/{tokenId}").at("a~b");
        assert_eq!(p.as_str(), "/paths/~1tokens~1{tokenId}/a~0b");
        assert_eq!(p.to_string(), "#/paths/~1tokens~1{tokenId}/a~0b");
    }

    #[test]
    fn unescapes_ref_segments() {
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        assert_eq!(unescape("My%20Type"), "My Type");
        assert_eq!(unescape("bad%2"), "bad%2");
        assert_eq!(unescape("%zz%"), "%zz%");
    }
}
