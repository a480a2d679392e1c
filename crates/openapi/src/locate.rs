//! Locating typed-deserialization failures precisely.
//!
//! The typed model uses `#[serde(flatten)]` and untagged enums, which hide where inside an
//! object deserialization failed: the reported path stops at the enclosing operation or
//! schema. Most such failures are in schemas, so we look below that path for the innermost
//! schema that fails on its own.

use openapiv3::{ReferenceOr, Schema};
use serde::Deserialize;
use serde_path_to_error::Segment;
use serde_yaml::Value;

use crate::error::Fault;
use crate::pointer::Ptr;

/// The fault for a typed-deserialization error of the document `root`.
pub(crate) fn locate(root: &Value, error: &serde_path_to_error::Error<serde_yaml::Error>) -> Fault {
    let mut at = Ptr::root();
    let mut node = Some(root);
    let mut keys: Vec<String> = Vec::new();
    for segment in error.path().iter() {
        let key = match segment {
            Segment::Seq { index } => {
                node = node.and_then(|n| n.get(index));
                index.to_string()
            }
            Segment::Map { key } => {
                node = node.and_then(|n| n.get(key.as_str()));
                key.clone()
            }
            Segment::Enum { .. } | Segment::Unknown => break,
        };
        at = at.at(&key);
        keys.push(key);
    }
    let narrowed = node.and_then(|node| innermost_bad_schema(node, &at, is_schema_position(&keys)));
    match narrowed {
        Some((at, message)) => Fault::new(&at, message),
        None => Fault::new(&at, error.inner().to_string()),
    }
}

/// Whether the path (keys from the document root) leads to a schema.
fn is_schema_position(keys: &[String]) -> bool {
    let mut is_schema = false;
    let mut i = 0;
    while let Some(key) = keys.get(i) {
        let (schema_next, step) = match (is_schema, key.as_str()) {
            (false, "schema") => (true, 1),
            (false, "schemas") if i == 1 && keys.first().is_some_and(|k| k == "components") => {
                (true, 2)
            }
            (false, _) => (false, 1),
            (true, "properties" | "allOf" | "oneOf" | "anyOf") => (true, 2),
            (true, "items" | "additionalProperties" | "not") => (true, 1),
            (true, _) => return false,
        };
        if i + step > keys.len() {
            return false;
        }
        is_schema = schema_next;
        i += step;
    }
    is_schema
}

/// The innermost schema at or below `node` (which stands at `at`) that does not deserialize,
/// with the error. `is_schema` tells whether `node` itself is a schema.
pub(crate) fn innermost_bad_schema(
    node: &Value,
    at: &Ptr,
    is_schema: bool,
) -> Option<(Ptr, String)> {
    let found = match node {
        Value::Mapping(map) => map.iter().find_map(|(key, child)| {
            let key = key.as_str()?;
            if matches!(key, "example" | "examples") || key.starts_with("x-") {
                return None;
            }
            let child_at = at.at(key);
            match key {
                "schema" => innermost_bad_schema(child, &child_at, true),
                "schemas" if at.as_str() == "/components" => each_entry(child, &child_at),
                "properties" if is_schema => each_entry(child, &child_at),
                "items" | "additionalProperties" | "not" if is_schema => {
                    innermost_bad_schema(child, &child_at, true)
                }
                "allOf" | "oneOf" | "anyOf" if is_schema => each_entry(child, &child_at),
                _ if !is_schema => innermost_bad_schema(child, &child_at, false),
                _ => None,
            }
        }),
        Value::Sequence(items) if !is_schema => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| innermost_bad_schema(item, &at.at(i), false)),
        _ => None,
    };
    found.or_else(|| {
        if !is_schema {
            return None;
        }
        ReferenceOr::<Schema>::deserialize(node)
            .err()
            .map(|e| (at.clone(), e.to_string()))
    })
}

/// The first bad schema among the entries of a mapping or sequence of schemas.
fn each_entry(node: &Value, at: &Ptr) -> Option<(Ptr, String)> {
    match node {
        Value::Mapping(map) => map
            .iter()
            .find_map(|(key, child)| innermost_bad_schema(child, &at.at(key.as_str()?), true)),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| innermost_bad_schema(item, &at.at(i), true)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_positions() {
        let p =
            |path: &str| is_schema_position(&path.split('/').map(String::from).collect::<Vec<_>>());
        assert!(p("components/schemas/A"));
        assert!(p("components/schemas/A/properties/b/items"));
        assert!(p("paths/~1a/get/parameters/0/schema/allOf/1"));
        assert!(!p("components/schemas"));
        assert!(!p("components/schemas/A/properties"));
        assert!(!p("components/schemas/A/enum"));
        assert!(!p("paths/~1a/get"));
    }

    #[test]
    fn finds_the_innermost_schema() {
        let doc: Value = serde_yaml::from_str(
            "components: {schemas: {A: {properties: {b: {type: array, items: {required: 5}}}}}}",
        )
        .unwrap();
        let (at, message) = innermost_bad_schema(&doc, &Ptr::root(), false).unwrap();
        assert_eq!(at.as_str(), "/components/schemas/A/properties/b/items");
        assert_eq!(message, "invalid type: integer `5`, expected a sequence");
    }
}
