//! A pass over the raw YAML value before typed deserialization: normalization (string keys,
//! no tags, finite numbers), lenient repairs of common mistakes, and checks for mistakes the
//! typed model would silently drop or trip over (see [`crate::exclusive`]).

use serde_yaml::{Mapping, Value};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;

/// Normalizes, repairs and checks `doc` in place.
pub(crate) fn run(doc: &mut Value) -> Result<()> {
    normalize(doc, &Ptr::root())?;
    repair_version(doc);
    check_paths(doc)?;
    crate::exclusive::check(doc)?;
    walk(doc, &Ptr::root());
    Ok(())
}

/// Makes every mapping key a string (YAML reads `200:` as a number), drops YAML tags, and
/// rejects numbers JSON cannot represent (`.nan`, `.inf`).
pub(crate) fn normalize(value: &mut Value, at: &Ptr) -> Result<()> {
    while let Value::Tagged(tagged) = value {
        let inner = std::mem::take(&mut tagged.value);
        *value = inner;
    }
    match value {
        Value::Number(n) if n.as_f64().is_some_and(|f| !f.is_finite()) => {
            Err(Fault::new(at, format!("the number {n} is not finite")))
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                normalize(item, &at.at(i))?;
            }
            Ok(())
        }
        Value::Mapping(map) => {
            if map.keys().any(|k| !k.is_string()) {
                *map = string_keys(std::mem::take(map), at)?;
            }
            for (key, child) in map.iter_mut() {
                normalize(child, &at.at(key.as_str().unwrap_or_default()))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A mapping whose scalar keys are turned into strings.
fn string_keys(map: Mapping, at: &Ptr) -> Result<Mapping> {
    let mut out = Mapping::with_capacity(map.len());
    for (key, value) in map {
        let text = match &key {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".to_string(),
            Value::Tagged(t) => match &t.value {
                Value::String(s) => s.clone(),
                _ => return Err(Fault::new(at, "mapping keys must be plain scalars")),
            },
            Value::Sequence(_) | Value::Mapping(_) => {
                return Err(Fault::new(
                    at,
                    "mapping keys must be scalars, not collections",
                ))
            }
        };
        if out.contains_key(text.as_str()) {
            return Err(Fault::new(
                &at.at(&text),
                format!("duplicate key \"{text}\""),
            ));
        }
        out.insert(Value::String(text), value);
    }
    Ok(out)
}

/// `info.version: 1.0` (a number in YAML) is read as the string `"1.0"`.
fn repair_version(doc: &mut Value) {
    if let Some(version) = doc.get_mut("info").and_then(|info| info.get_mut("version")) {
        if let Value::Number(n) = version {
            *version = Value::String(n.to_string());
        }
    }
}

/// Schema `type` spellings seen in real specs, and what they mean: (type, format).
fn type_alias(typ: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match typ {
        "int" | "int32" => ("integer", Some("int32")),
        "long" | "int64" => ("integer", Some("int64")),
        "bool" => ("boolean", None),
        "float" => ("number", Some("float")),
        "double" => ("number", Some("double")),
        _ => return None,
    })
}

/// Walks the document and repairs every schema found under a `schema` key or in
/// `components/schemas`. Examples and extensions are left alone.
fn walk(value: &mut Value, at: &Ptr) {
    match value {
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &at.at(i));
            }
        }
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default();
                if matches!(key, "example" | "examples") || key.starts_with("x-") {
                    continue;
                }
                if key == "schema" {
                    repair_schema(child);
                } else if key == "schemas" && at.as_str() == "/components" {
                    if let Value::Mapping(schemas) = child {
                        schemas.values_mut().for_each(repair_schema);
                    }
                } else {
                    walk(child, &at.at(key));
                }
            }
        }
        _ => {}
    }
}

/// Rewrites alias `type`s in one schema and its subschemas.
fn repair_schema(value: &mut Value) {
    let Value::Mapping(schema) = value else {
        return;
    };
    let alias = schema
        .get("type")
        .and_then(Value::as_str)
        .and_then(type_alias);
    if let Some((typ, format)) = alias {
        schema.insert("type".into(), typ.into());
        if let Some(format) = format {
            schema
                .entry("format".into())
                .or_insert_with(|| format.into());
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = schema.get_mut(key) {
            repair_schema(child);
        }
    }
    if let Some(Value::Mapping(props)) = schema.get_mut("properties") {
        props.values_mut().for_each(repair_schema);
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Sequence(parts)) = schema.get_mut(key) {
            parts.iter_mut().for_each(repair_schema);
        }
    }
}

/// Paths must start with `/`, and response keys must be status codes, ranges or `default`:
/// the typed model would silently ignore anything else.
fn check_paths(doc: &Value) -> Result<()> {
    let Some(Value::Mapping(paths)) = doc.get("paths") else {
        return Ok(());
    };
    let at = Ptr::root().at("paths");
    for (path, item) in paths {
        let path = path.as_str().unwrap_or_default();
        if path.starts_with("x-") {
            continue;
        }
        let item_at = at.at(path);
        if !path.starts_with('/') {
            return Err(Fault::new(&item_at, "a path must start with `/`"));
        }
        let Value::Mapping(item) = item else { continue };
        for (method, op) in item {
            if let Some(Value::Mapping(responses)) = op.get("responses") {
                let method = method.as_str().unwrap_or_default();
                check_responses(responses, &item_at.at(method).at("responses"))?;
            }
        }
    }
    Ok(())
}

/// Checks the keys of one `responses` mapping.
fn check_responses(responses: &Mapping, at: &Ptr) -> Result<()> {
    for key in responses.keys() {
        let key = key.as_str().unwrap_or_default();
        let ok = key == "default" || key.starts_with("x-") || is_status(key);
        if !ok {
            return Err(Fault::new(
                &at.at(key),
                format!("\"{key}\" is not a status code (such as 200), a range (4XX) or `default`"),
            ));
        }
    }
    Ok(())
}

/// `200`, `4XX`, `4xx`.
fn is_status(key: &str) -> bool {
    match key.as_bytes() {
        [b'1'..=b'5', rest @ ..] if rest.len() == 2 => {
            rest.iter().all(u8::is_ascii_digit) || rest.eq_ignore_ascii_case(b"XX")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn repairs_int_in_schemas_only() {
        let mut doc = yaml(
            r#"
components:
  schemas:
    E:
      properties:
        code: {type: int, example: {type: int}}
        list: {items: {type: bool}}
paths:
  /a:
    get:
      parameters: [{schema: {type: long}}]
      responses: {200: {description: d}}
example: {schema: {type: int}}
"#,
        );
        run(&mut doc).unwrap();
        let code = &doc["components"]["schemas"]["E"]["properties"]["code"];
        assert_eq!(code["type"], "integer");
        assert_eq!(code["format"], "int32");
        assert_eq!(code["example"]["type"], "int");
        let list = &doc["components"]["schemas"]["E"]["properties"]["list"];
        assert_eq!(list["items"]["type"], "boolean");
        let get = &doc["paths"]["/a"]["get"];
        assert_eq!(get["parameters"][0]["schema"]["format"], "int64");
        assert!(get["responses"].get("200").is_some(), "keys become strings");
        assert_eq!(doc["example"]["schema"]["type"], "int");
    }

    #[test]
    fn rejects_bad_response_keys_and_odd_values() {
        let fault = |text: &str| run(&mut yaml(text)).unwrap_err();
        let f = fault("paths: {/a: {get: {responses: {20x: {}}}}}");
        assert_eq!(f.pointer, "/paths/~1a/get/responses/20x");
        let f = fault("a: {b: .nan}");
        assert_eq!(
            (f.pointer.as_str(), f.message.as_str()),
            ("/a/b", "the number .nan is not finite")
        );
        let f = fault("a: {[1, 2]: x}");
        assert_eq!(f.message, "mapping keys must be scalars, not collections");
        let f = fault("a: {1: x, '1': y}");
        assert_eq!(f.message, "duplicate key \"1\"");
    }

    #[test]
    fn status_keys() {
        assert!(is_status("200") && is_status("4XX") && is_status("5xx"));
        assert!(!is_status("20") && !is_status("600") && !is_status("2X0") && !is_status("2000"));
    }
}
