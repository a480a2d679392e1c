//! Objects whose two alternative keys must not both be present: a parameter or header has
//! `schema` or `content`, a link `operationRef` or `operationId` (OpenAPI 3.0.3).
//!
//! Besides being invalid, such an object made the typed model panic: openapiv3 reads these
//! alternatives as a flattened enum, which takes the first of the two keys in document order;
//! when that alternative failed, openapiv3 retried through a `serde_json::Value` (whose keys
//! are sorted), took the other one, succeeded, and panicked ("somehow this parsed successfully
//! the second time"; found by fuzzing). So these objects are rejected before typed
//! deserialization, at their exact places in the document — elsewhere the same keys mean
//! nothing and are left alone.

use serde_yaml::{Mapping, Value};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;

/// A check of one kind of object at its place.
type Check = fn(&Value, &Ptr) -> Result<()>;

/// The methods of a path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Checks every parameter, header and link of the document.
pub(crate) fn check(doc: &Value) -> Result<()> {
    let root = Ptr::root();
    for (name, item, at) in entries(doc.get("paths"), &root.at("paths")) {
        if !name.starts_with("x-") {
            path_item(item, &at)?;
        }
    }
    let Some(components) = doc.get("components") else {
        return Ok(());
    };
    let at = root.at("components");
    let sections: [(&str, Check); 6] = [
        ("parameters", parameter),
        ("headers", header),
        ("responses", response),
        ("requestBodies", request_body),
        ("callbacks", callback),
        ("links", link),
    ];
    for (section, check) in sections {
        for (_, value, at) in entries(components.get(section), &at.at(section)) {
            check(value, &at)?;
        }
    }
    Ok(())
}

/// The entries of a mapping (none for anything else), with their pointers.
fn entries<'a>(value: Option<&'a Value>, at: &Ptr) -> Vec<(&'a str, &'a Value, Ptr)> {
    let Some(Value::Mapping(map)) = value else {
        return Vec::new();
    };
    map.iter()
        .map(|(k, v)| {
            let key = k.as_str().unwrap_or_default();
            (key, v, at.at(key))
        })
        .collect()
}

/// The items of a sequence (none for anything else), with their pointers.
fn items<'a>(value: Option<&'a Value>, at: &Ptr) -> Vec<(&'a Value, Ptr)> {
    let Some(Value::Sequence(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| (v, at.at(i)))
        .collect()
}

/// Fails when `value` is a mapping holding both `a` and `b`.
fn exclusive(value: &Value, at: &Ptr, what: &str, a: &str, b: &str) -> Result<()> {
    let has = |map: &Mapping, key: &str| map.contains_key(key);
    match value {
        Value::Mapping(map) if has(map, a) && has(map, b) => Err(Fault::new(
            at,
            format!("{what} has either `{a}` or `{b}`, not both"),
        )),
        _ => Ok(()),
    }
}

fn path_item(item: &Value, at: &Ptr) -> Result<()> {
    for (p, at) in items(item.get("parameters"), &at.at("parameters")) {
        parameter(p, &at)?;
    }
    for (method, op, at) in entries(Some(item), at) {
        if METHODS.contains(&method) {
            operation(op, &at)?;
        }
    }
    Ok(())
}

fn operation(op: &Value, at: &Ptr) -> Result<()> {
    for (p, at) in items(op.get("parameters"), &at.at("parameters")) {
        parameter(p, &at)?;
    }
    if let Some(body) = op.get("requestBody") {
        request_body(body, &at.at("requestBody"))?;
    }
    for (_, r, at) in entries(op.get("responses"), &at.at("responses")) {
        response(r, &at)?;
    }
    for (_, c, at) in entries(op.get("callbacks"), &at.at("callbacks")) {
        callback(c, &at)?;
    }
    Ok(())
}

fn callback(callback: &Value, at: &Ptr) -> Result<()> {
    for (_, item, at) in entries(Some(callback), at) {
        path_item(item, &at)?;
    }
    Ok(())
}

fn parameter(p: &Value, at: &Ptr) -> Result<()> {
    exclusive(p, at, "a parameter", "schema", "content")?;
    content(p, at)
}

fn header(h: &Value, at: &Ptr) -> Result<()> {
    exclusive(h, at, "a header", "schema", "content")?;
    content(h, at)
}

fn request_body(body: &Value, at: &Ptr) -> Result<()> {
    content(body, at)
}

fn response(r: &Value, at: &Ptr) -> Result<()> {
    for (_, h, at) in entries(r.get("headers"), &at.at("headers")) {
        header(h, &at)?;
    }
    for (_, l, at) in entries(r.get("links"), &at.at("links")) {
        link(l, &at)?;
    }
    content(r, at)
}

/// The headers of the encodings of the media types of `owner.content`.
fn content(owner: &Value, at: &Ptr) -> Result<()> {
    for (_, media, at) in entries(owner.get("content"), &at.at("content")) {
        for (_, encoding, at) in entries(media.get("encoding"), &at.at("encoding")) {
            for (_, h, at) in entries(encoding.get("headers"), &at.at("headers")) {
                header(h, &at)?;
            }
        }
    }
    Ok(())
}

fn link(l: &Value, at: &Ptr) -> Result<()> {
    exclusive(l, at, "a link", "operationRef", "operationId")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(text: &str) -> Option<(String, String)> {
        let doc: Value = serde_yaml::from_str(text).unwrap();
        check(&doc).err().map(|f| (f.pointer, f.message))
    }

    #[test]
    fn parameters_and_headers_with_schema_and_content_are_rejected() {
        let (at, message) = fault(
            "components: {parameters: {p: {name: X, in: header, schema: x, content: {a/b: {}}}}}",
        )
        .unwrap();
        assert_eq!(at, "/components/parameters/p");
        assert_eq!(
            message,
            "a parameter has either `schema` or `content`, not both"
        );
        let (at, _) = fault(
            "paths: {/a: {get: {responses: {'200': {content: {a/b: {encoding: {e: {headers: \
             {H: {schema: {}, content: {}}}}}}}}}}}}",
        )
        .unwrap();
        assert_eq!(
            at,
            "/paths/~1a/get/responses/200/content/a~1b/encoding/e/headers/H"
        );
        let (at, _) =
            fault("paths: {/a: {parameters: [{schema: {}}, {schema: {}, content: {}}]}}").unwrap();
        assert_eq!(at, "/paths/~1a/parameters/1");
    }

    #[test]
    fn links_with_both_operation_keys_are_rejected() {
        let (at, message) =
            fault("components: {links: {l: {operationRef: 1, operationId: x}}}").unwrap();
        assert_eq!(at, "/components/links/l");
        assert_eq!(
            message,
            "a link has either `operationRef` or `operationId`, not both"
        );
    }

    #[test]
    fn the_same_keys_elsewhere_are_left_alone() {
        let schema_props = "components: {schemas: {S: {properties: {schema: {}, content: {}}}}}";
        assert_eq!(fault(schema_props), None);
        let example = "paths: {/a: {get: {parameters: [{name: a, in: query, schema: {}, \
                       example: {schema: 1, content: 2}}]}}}";
        assert_eq!(fault(example), None);
    }

    /// The fuzz finding itself: rejected with an error, no panic in openapiv3.
    #[test]
    fn the_fuzz_finding_is_an_error() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  \
                    parameters:\n    p:\n      name: X\n      in: header\n      schema: x\n      \
                    content:\n        application/json:\n          schema: {}\n";
        let e = crate::parse("t.yaml", text).unwrap_err().to_string();
        assert_eq!(
            e,
            "t.yaml#/components/parameters/p: a parameter has either `schema` or `content`, not both"
        );
    }
}
