//! `$ref`s to a schema that stands anywhere in the document, not as a component
//! (`#/components/schemas/A/properties/b`, `#/components/parameters/p/schema`,
//! `#/paths/~1x/get/responses/200/content/application~1json/schema`): the schema is copied
//! into `components.schemas` under a name made from its place, and every such `$ref` points
//! at the copy. Real specs write them (codat.io's 3.1 documents use hundreds); the typed model
//! and the lowering know only `#/components/schemas/NAME`. Copies keep their original place as
//! their location ([`Moves`]).

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use crate::pointer::{unescape, Ptr};
use crate::v31::Moves;

/// Segments of a pointer that say where a schema stands rather than what it is called.
const STRUCTURAL: &[&str] = &[
    "components",
    "schemas",
    "parameters",
    "headers",
    "requestBodies",
    "responses",
    "paths",
    "properties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "additionalProperties",
    "schema",
    "content",
    "requestBody",
    "get",
    "put",
    "post",
    "delete",
    "patch",
    "head",
    "options",
    "trace",
];

/// Copies every schema that a deep `$ref` points at into `components.schemas`.
pub(crate) fn hoist(doc: &mut Value, moves: &mut Moves) {
    let mut refs = Vec::new();
    collect(doc, &mut refs, 0);
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for reference in refs {
        if names.contains_key(&reference) {
            continue;
        }
        let Some(target) = resolve(doc, &reference) else {
            continue; // dangling: the lowering reports it where it stands
        };
        let Some(Value::Mapping(schemas)) = doc
            .as_mapping_mut()
            .map(|root| {
                root.entry("components".into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()))
            })
            .and_then(|c| c.as_mapping_mut())
            .map(|c| {
                c.entry("schemas".into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()))
            })
        else {
            return;
        };
        let name = free_name(schemas, &name_of(&reference));
        schemas.insert(name.clone().into(), target);
        let new = Ptr::component("schemas", &name);
        moves.record(new.as_str(), &reference[1..]);
        names.insert(reference, format!("#{}", new.as_str()));
    }
    if !names.is_empty() {
        rename(doc, &names, 0);
    }
}

/// Whether `reference` points inside the document at something other than a whole component
/// (`$defs` and Swagger's `#/definitions/` are read elsewhere).
fn is_deep(reference: &str) -> bool {
    let Some(pointer) = reference.strip_prefix("#/") else {
        return false;
    };
    if reference.contains("/$defs/") || reference.contains("/definitions/") {
        return false;
    }
    if pointer.starts_with("definitions/") {
        return false;
    }
    let segments: Vec<&str> = pointer.split('/').collect();
    match segments.first() {
        Some(&"components") => segments.len() > 3,
        // A schema of an operation: reached through a `schema` keyword.
        Some(&"paths") => segments.contains(&"schema"),
        _ => false,
    }
}

/// Every deep `$ref` in the document, in order.
fn collect(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 256 {
        return;
    }
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if key == "$ref" {
                    if let Some(r) = child.as_str().filter(|r| is_deep(r)) {
                        out.push(r.to_string());
                    }
                } else if !matches!(key, "example" | "examples") && !key.starts_with("x-") {
                    collect(child, out, depth + 1);
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|i| collect(i, out, depth + 1)),
        _ => {}
    }
}

/// The value `reference` points at (following a chain of whole-value `$ref`s is left to the
/// lowering: a copied `{$ref: …}` is itself a reference).
fn resolve(doc: &Value, reference: &str) -> Option<Value> {
    let mut at = doc;
    for segment in reference.strip_prefix("#/")?.split('/') {
        let segment = unescape(&percent_decode(segment));
        at = match at {
            Value::Mapping(map) => map.get(segment.as_str())?,
            Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at.clone())
}

/// `%7B` → `{` (pointers in URI fragments are percent-encoded).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&segment[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

/// A name for the copy: the last two naming segments of its place (`Transaction currency`,
/// `companyId`, `logo full`).
fn name_of(reference: &str) -> String {
    let naming: Vec<String> = reference
        .trim_start_matches("#/")
        .split('/')
        .map(|s| unescape(&percent_decode(s)))
        .filter(|s| {
            !STRUCTURAL.contains(&s.as_str())
                && !s.contains('/')
                && !s.is_empty()
                && !s.chars().all(|c| c.is_ascii_digit())
                && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    let start = naming.len().saturating_sub(2);
    let name = naming[start..].join(" ");
    if name.is_empty() {
        "Schema".to_string()
    } else {
        name
    }
}

/// `key`, or `key 2`, `key 3`… if a component has that name.
fn free_name(schemas: &Mapping, key: &str) -> String {
    let mut name = key.to_string();
    let mut n = 1;
    while schemas.contains_key(name.as_str()) {
        n += 1;
        name = format!("{key} {n}");
    }
    name
}

/// Points every deep `$ref` at its copy.
fn rename(value: &mut Value, names: &BTreeMap<String, String>, depth: usize) {
    if depth > 256 {
        return;
    }
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default();
                if key == "$ref" {
                    if let Value::String(r) = child {
                        if let Some(new) = names.get(r.as_str()) {
                            *r = new.clone();
                        }
                    }
                } else if !matches!(key, "example" | "examples") && !key.starts_with("x-") {
                    rename(child, names, depth + 1);
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|i| rename(i, names, depth + 1)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_depth() {
        assert!(is_deep("#/components/schemas/A/properties/b"));
        assert!(is_deep("#/components/parameters/p/schema"));
        assert!(!is_deep("#/components/schemas/A"));
        assert!(!is_deep("#/components/schemas/A/$defs/B"));
        assert!(!is_deep("#/definitions/A"));
        assert_eq!(
            name_of("#/components/schemas/Transaction/allOf/1/properties/currency"),
            "Transaction currency"
        );
        assert_eq!(name_of("#/components/parameters/companyId/schema"), "companyId");
        assert_eq!(
            name_of("#/paths/~1config~1%7Bkey%7D~1branding/get/responses/200/content/application~1json/schema/properties/logo/properties/full"),
            "logo full"
        );
        assert_eq!(percent_decode("%7Bkey%7D"), "{key}");
    }
}
