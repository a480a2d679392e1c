//! Spec documentation → rustdoc attributes that render well and never turn into doctests.

use apigen_ir::Docs;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = …]` attributes for spec docs, with optional extra paragraphs appended.
pub fn doc_attrs(docs: &Docs, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &docs.summary {
        paragraphs.push(s.clone());
    }
    if let Some(d) = &docs.description {
        if docs.summary.as_deref() != Some(d.as_str()) {
            paragraphs.push(d.clone());
        }
    }
    paragraphs.extend(extra.iter().filter(|e| !e.is_empty()).cloned());
    lines_to_attrs(&sanitize(&paragraphs.join("\n\n")))
}

/// `#[doc = …]` attributes of a field: its docs, with the short `notes` (read-only, defaults,
/// bounds) run on at the end of its last paragraph when that is plain prose, else a paragraph
/// of their own.
pub fn field_doc_attrs(docs: &Docs, notes: &[String]) -> TokenStream {
    let notes: Vec<&str> = notes.iter().map(String::as_str).filter(|n| !n.is_empty()).collect();
    if notes.is_empty() {
        return doc_attrs(docs, &[]);
    }
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &docs.summary {
        paragraphs.push(s.clone());
    }
    if let Some(d) = &docs.description {
        if docs.summary.as_deref() != Some(d.as_str()) {
            paragraphs.push(d.clone());
        }
    }
    let text = sanitize(&paragraphs.join("\n\n"));
    let joined = notes.join(" ");
    let last = text.lines().last().unwrap_or("").trim();
    let prose = last.ends_with(['.', '!', '?', ')'])
        && last.starts_with(|c: char| c.is_alphanumeric())
        && !text.contains("```");
    let text = if text.trim().is_empty() {
        sanitize(&joined)
    } else if prose {
        format!("{text} {}", sanitize(&joined))
    } else {
        format!("{text}\n\n{}", sanitize(&joined))
    };
    lines_to_attrs(&text)
}

/// `#[doc = …]` attributes for plain text.
pub fn text_attrs(text: &str) -> TokenStream {
    lines_to_attrs(&sanitize(text))
}

fn lines_to_attrs(text: &str) -> TokenStream {
    if text.trim().is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| {
        let l = l.trim_end();
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// Makes spec Markdown safe for rustdoc:
/// - fenced code blocks without a language (or with a non-Rust one) are marked `text`;
/// - indented lines outside fences are de-indented (they would otherwise become doctests);
/// - bare `http(s)://` URLs are wrapped in `<…>` so rustdoc links them;
/// - a lone carriage return (old Mac line end) ends a line, like `\r\n` and `\n`.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            if in_fence {
                out.push("```".to_string());
            } else {
                let lang = lang.trim();
                out.push(if lang.is_empty() || lang != "rust" {
                    "```text".to_string()
                } else {
                    "```rust,ignore".to_string()
                });
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
        } else {
            out.push(wrap_urls(trimmed));
        }
    }
    if in_fence {
        out.push("```".to_string());
    }
    out.join("\n")
}

fn wrap_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = find_url(rest) {
        let (before, url_start) = rest.split_at(pos);
        out.push_str(before);
        let end = url_start
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"' | '\'' | '`'))
            .unwrap_or(url_start.len());
        let (url, after) = url_start.split_at(end);
        let (url, trailing) = match url.char_indices().last() {
            Some((i, '.' | ',' | ';' | ':')) => url.split_at(i),
            _ => (url, ""),
        };
        let prev = before.chars().last();
        if matches!(prev, Some('(' | '<' | '[')) {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        out.push_str(trailing);
        rest = after;
    }
    out.push_str(rest);
    out
}

fn find_url(s: &str) -> Option<usize> {
    match (s.find("http://"), s.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_text_is_not_a_doctest() {
        assert_eq!(sanitize("a\n    b\n```\nx\n```"), "a\nb\n```text\nx\n```");
    }

    #[test]
    fn carriage_returns_end_lines() {
        assert_eq!(sanitize("a\rb\r\nc\n\rd"), "a\nb\nc\n\nd");
        assert_eq!(
            text_attrs("a\rb").to_string(),
            quote!(#[doc = " a"] #[doc = " b"]).to_string()
        );
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(
            sanitize("see https://x.y/z. and [l](https://a.b)"),
            "see <https://x.y/z>. and [l](https://a.b)"
        );
    }
}
