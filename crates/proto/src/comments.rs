//! Source info: comments as docs (with the `+marker` convention lines) and element positions.

use std::collections::{BTreeSet, HashMap};

use apigen_ir::Docs;
use prost_reflect::DescriptorPool;

use crate::SourcePos;

/// The documentation of one element, split into prose and convention markers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Comment {
    /// The comment without marker lines.
    pub docs: Docs,
    /// Marker lines without the `+` (`optional`, `noauth`).
    pub markers: BTreeSet<String>,
}

impl Comment {
    /// Whether the comment carries the marker line `+name`.
    pub fn has(&self, name: &str) -> bool {
        self.markers.contains(name)
    }
}

/// Splits comment text into docs and markers. A marker is a line that, trimmed, is `+word`
/// (`+optional`, `+noauth`), also after the third slash of a `///` line (`/// +optional`, as
/// Cloudforet's protos write it once and Cloudforet's own OpenAPI export reads it); it may
/// share the comment with prose. A trailing JSON example (the
/// Cloudforet style) is fenced as a `json` code block.
pub(crate) fn parse_comment(text: &str) -> Comment {
    let mut markers = BTreeSet::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let trimmed = trimmed
            .strip_prefix('/')
            .map_or(trimmed, str::trim_start);
        match trimmed.strip_prefix('+') {
            Some(name) if is_marker(name) => {
                markers.insert(name.to_string());
            }
            _ => lines.push(line.trim_end()),
        }
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    Comment {
        docs: Docs::description(fence_json_example(&lines)),
        markers,
    }
}

/// Whether `name` (after the `+`) is a marker word: a letter, then no whitespace.
fn is_marker(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && !name.contains(char::is_whitespace)
}

/// Joins the lines, fencing the tail that starts at a line opening with `{` or `[` when that
/// tail is valid JSON.
fn fence_json_example(lines: &[&str]) -> String {
    let start = lines
        .iter()
        .position(|l| l.starts_with('{') || l.starts_with('['));
    if let Some(start) = start {
        let example = lines[start..].join("\n");
        if serde_json::from_str::<serde_json::Value>(&example).is_ok() {
            let prose = lines[..start].join("\n");
            let prose = prose.trim();
            let sep = if prose.is_empty() { "" } else { "\n\n" };
            return format!("{prose}{sep}```json\n{}\n```", example.trim_end());
        }
    }
    lines.join("\n")
}

/// Comments and spans of the elements of every file in a pool, by descriptor path.
pub(crate) struct SourceIndex {
    files: HashMap<String, HashMap<Vec<i32>, Location>>,
}

/// What the index keeps of one source location.
struct Location {
    /// 0-based line and column of the start.
    start: (usize, usize),
    /// The leading comment, or the trailing one when there is no leading comment.
    comment: Option<String>,
}

impl SourceIndex {
    /// Indexes every file of the pool except protox's bundled `google/protobuf/*` files.
    pub fn new(pool: &DescriptorPool) -> Self {
        let mut files = HashMap::new();
        for file in pool.files() {
            if file.package_name() == "google.protobuf" {
                continue;
            }
            let Some(info) = &file.file_descriptor_proto().source_code_info else {
                continue;
            };
            let mut locations = HashMap::with_capacity(info.location.len());
            for loc in &info.location {
                let (Some(&line), Some(&col)) = (loc.span.first(), loc.span.get(1)) else {
                    continue;
                };
                let comment = loc
                    .leading_comments
                    .clone()
                    .filter(|c| !c.trim().is_empty())
                    .or_else(|| loc.trailing_comments.clone());
                let start = (
                    usize::try_from(line).unwrap_or(0),
                    usize::try_from(col).unwrap_or(0),
                );
                // The first location of a path is the whole element; later ones are parts of it.
                locations
                    .entry(loc.path.clone())
                    .or_insert(Location { start, comment });
            }
            files.insert(file.name().to_string(), locations);
        }
        SourceIndex { files }
    }

    /// The comment of the element at `path` in `file` (empty when it has none).
    pub fn comment(&self, file: &str, path: &[i32]) -> Comment {
        self.location(file, path)
            .and_then(|l| l.comment.as_deref())
            .map(parse_comment)
            .unwrap_or_default()
    }

    /// Where the element at `path` in `file` starts (the start of the file when unknown).
    pub fn pos(&self, file: &str, path: &[i32]) -> SourcePos {
        match self.location(file, path) {
            Some(l) => SourcePos {
                file: file.to_string(),
                line: l.start.0 + 1,
                col: l.start.1 + 1,
            },
            None => SourcePos::start_of(file),
        }
    }

    /// Whether the element at `path` has a recorded location.
    pub fn contains(&self, file: &str, path: &[i32]) -> bool {
        self.location(file, path).is_some()
    }

    fn location(&self, file: &str, path: &[i32]) -> Option<&Location> {
        self.files.get(file)?.get(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_share_the_comment_with_prose() {
        let c = parse_comment(" LOCAL, EXTERNAL\n +optional\n");
        assert_eq!(c.docs.description.as_deref(), Some("LOCAL, EXTERNAL"));
        assert!(c.has("optional"));
        let c = parse_comment("+optional\n");
        assert!(c.docs.is_empty());
        assert!(c.has("optional"));
        let c = parse_comment("/ +optional\n");
        assert!(c.docs.is_empty());
        assert!(c.has("optional"));
        let c = parse_comment(" Issues a token.\n +noauth\n");
        assert!(c.has("noauth"));
        assert_eq!(c.docs.description.as_deref(), Some("Issues a token."));
    }

    #[test]
    fn a_plus_inside_prose_is_not_a_marker() {
        let c = parse_comment(" a + b\n +1 more\n");
        assert!(c.markers.is_empty());
        assert_eq!(c.docs.description.as_deref(), Some("a + b\n+1 more"));
    }

    #[test]
    fn json_examples_are_fenced_and_keep_their_indentation() {
        let c = parse_comment("{\n  \"a\": 1\n}\n");
        assert_eq!(
            c.docs.description.as_deref(),
            Some("```json\n{\n  \"a\": 1\n}\n```")
        );
        let c = parse_comment(" Credentials.\n\n {\n   \"a\": [1]\n }\n");
        assert_eq!(
            c.docs.description.as_deref(),
            Some("Credentials.\n\n```json\n{\n  \"a\": [1]\n}\n```")
        );
        let c = parse_comment(" {not json\n");
        assert_eq!(c.docs.description.as_deref(), Some("{not json"));
    }
}
