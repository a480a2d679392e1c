//! A pass over the raw YAML value before typed deserialization: normalization (string keys,
//! no tags, finite numbers), lenient repairs of common mistakes, and checks for mistakes the
//! typed model would silently drop or trip over (see [`crate::exclusive`]).

use apigen_ir::Skipped;
use serde_yaml::{Mapping, Value};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;

/// Normalizes, repairs and checks `doc` in place; returns what it removed.
pub(crate) fn run(doc: &mut Value) -> Result<Vec<Skipped>> {
    normalize(doc, &Ptr::root())?;
    repair_version(doc);
    let mut skipped = misplaced_paths(doc);
    check_paths(doc)?;
    crate::exclusive::check(doc)?;
    let mut repair = Repair {
        components: component_names(doc),
        skipped: &mut skipped,
    };
    repair.walk(doc, &Ptr::root());
    Ok(skipped)
}

/// The keys a path item may have.
const PATH_ITEM_KEYS: &[&str] = &[
    "$ref",
    "summary",
    "description",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "servers",
    "parameters",
];

/// Leniency: an entry of `paths` that is neither a path nor a path item (Cloudforet's 3.1
/// export puts `securitySchemes` there) is removed and reported. A path item under a key
/// without the leading `/` stays, and [`check_paths`] rejects it.
fn misplaced_paths(doc: &mut Value) -> Vec<Skipped> {
    let Some(Value::Mapping(paths)) = doc.get_mut("paths") else {
        return Vec::new();
    };
    let misplaced: Vec<Value> = paths
        .iter()
        .filter(|(key, item)| {
            let key = key.as_str().unwrap_or_default();
            let path_item = match item {
                Value::Mapping(map) => map.keys().any(|k| {
                    let k = k.as_str().unwrap_or_default();
                    PATH_ITEM_KEYS.contains(&k)
                }),
                _ => false,
            };
            !key.starts_with('/') && !key.starts_with("x-") && !path_item
        })
        .map(|(key, _)| key.clone())
        .collect();
    misplaced
        .into_iter()
        .map(|key| {
            paths.remove(&key);
            let key = key.as_str().unwrap_or_default();
            Skipped {
                location: Ptr::root().at("paths").at(key).to_string(),
                reason: format!("\"{key}\" is not a path (and holds no operation): ignored"),
            }
        })
        .collect()
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
        "integer/long" => ("integer", Some("int64")),
        "integer/int" => ("integer", Some("int32")),
        _ => return None,
    })
}

/// The names of the component schemas.
fn component_names(doc: &Value) -> Vec<String> {
    match doc.get("components").and_then(|c| c.get("schemas")) {
        Some(Value::Mapping(schemas)) => schemas
            .keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The JSON types a schema `type` may name.
const JSON_TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "array", "object", "null",
];

/// The lenient repair of schemas.
struct Repair<'a> {
    /// Component schema names.
    components: Vec<String>,
    /// What was read differently from what it says.
    skipped: &'a mut Vec<Skipped>,
}

impl Repair<'_> {
    /// Walks the document and repairs every schema found under a `schema` key or in
    /// `components/schemas`. Examples and extensions are left alone.
    fn walk(&mut self, value: &mut Value, at: &Ptr) {
        match value {
            Value::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, &at.at(i));
                }
            }
            Value::Mapping(map) => {
                for (key, child) in map.iter_mut() {
                    let key = key.as_str().unwrap_or_default();
                    if matches!(key, "example" | "examples") || key.starts_with("x-") {
                        continue;
                    }
                    if key == "schema" {
                        self.schema(child, &at.at(key));
                    } else if key == "schemas" && at.as_str() == "/components" {
                        if let Value::Mapping(schemas) = child {
                            for (name, schema) in schemas.iter_mut() {
                                let at = at.at(key).at(name.as_str().unwrap_or_default());
                                self.schema(schema, &at);
                            }
                        }
                    } else {
                        self.walk(child, &at.at(key));
                    }
                }
            }
            _ => {}
        }
    }

    /// Rewrites alias `type`s in one schema and its subschemas. Leniency for exports that
    /// write their own type names in `type` (Cloudforet's `type: Value`, `type: AuthType`):
    /// the name of a component schema is read as a `$ref` to it; another name starting with
    /// an uppercase letter as any value (reported). Other unknown types stay errors.
    fn schema(&mut self, value: &mut Value, at: &Ptr) {
        let Value::Mapping(schema) = value else {
            return;
        };
        let typ = schema
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(typ) = typ.filter(|t| !JSON_TYPES.contains(&t.as_str())) {
            if let Some((json, format)) = type_alias(&typ) {
                schema.insert("type".into(), json.into());
                if let Some(format) = format {
                    schema
                        .entry("format".into())
                        .or_insert_with(|| format.into());
                }
            } else if self.components.contains(&typ) {
                schema.remove("type");
                let reference = format!("#/components/schemas/{}", crate::pointer::escape(&typ));
                schema.insert("$ref".into(), reference.into());
            } else if typ.starts_with(|c: char| c.is_ascii_uppercase()) {
                schema.remove("type");
                self.skipped.push(Skipped {
                    location: at.at("type").to_string(),
                    reason: format!("`type: {typ}` names no JSON type: read as any value"),
                });
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            if let Some(child) = schema.get_mut(key) {
                self.schema(child, &at.at(key));
            }
        }
        if let Some(Value::Mapping(props)) = schema.get_mut("properties") {
            for (name, prop) in props.iter_mut() {
                let at = at.at("properties").at(name.as_str().unwrap_or_default());
                self.schema(prop, &at);
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            if let Some(Value::Sequence(parts)) = schema.get_mut(key) {
                for (i, part) in parts.iter_mut().enumerate() {
                    self.schema(part, &at.at(key).at(i));
                }
            }
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
    T: {type: MyType}
    U: {properties: {t: {type: T}, v: {type: Value}}}
paths:
  /a:
    get:
      parameters: [{schema: {type: long}}]
      responses: {200: {description: d}}
example: {schema: {type: int}}
"#,
        );
        let skipped = run(&mut doc).unwrap();
        let u = &doc["components"]["schemas"]["U"]["properties"];
        assert_eq!(u["t"]["$ref"], "#/components/schemas/T");
        assert!(u["v"].get("type").is_none());
        let places: Vec<&str> = skipped.iter().map(|s| s.location.as_str()).collect();
        assert_eq!(
            places,
            [
                "#/components/schemas/T/type",
                "#/components/schemas/U/properties/v/type"
            ]
        );
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
        let f = fault("paths: {a: {get: {responses: {}}}}");
        assert_eq!(f.message, "a path must start with `/`");
        let mut doc = yaml("paths: {securitySchemes: {HTTPBearer: {type: http}}, /a: {}}");
        let skipped = run(&mut doc).unwrap();
        assert_eq!(skipped[0].location, "#/paths/securitySchemes");
        assert!(doc["paths"].get("securitySchemes").is_none());
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
