//! What the IR does not carry, read from the documents of a tolerant reading: the constraint
//! keywords of a schema (array and object sizes, `multipleOf`, 3.1 numeric exclusive bounds),
//! the media types a body offers, parameter styles (OpenAPI), and reserved numbers and names
//! and exact field types (proto facts).

use serde_json::Value;

/// How many `$ref`s are followed before giving up (guards against cycles).
const MAX_REFS: usize = 16;

/// The value at a location (`#/json/pointer`), following a `$ref` found there (local
/// references only).
pub(crate) fn at<'a>(doc: &'a Value, location: &str) -> Option<&'a Value> {
    let pointer = location.strip_prefix('#')?;
    deref(doc, doc.pointer(pointer)?)
}

/// Follows `$ref`s from `v`.
pub(crate) fn deref<'a>(doc: &'a Value, mut v: &'a Value) -> Option<&'a Value> {
    for _ in 0..MAX_REFS {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => v = doc.pointer(r.strip_prefix('#')?)?,
            None => return Some(v),
        }
    }
    None
}

/// The keys of a body's `content` map: `owner` is the request body or response object.
pub(crate) fn media_types(doc: &Value, owner: &str) -> Option<Vec<String>> {
    let content = at(doc, owner)?.get("content")?.as_object()?;
    Some(content.keys().map(|k| essence(k)).collect())
}

/// A media type without parameters, lowercased.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The parameter object named `name` in `place` of the operation at `op` (its own list first,
/// then its path item's).
pub(crate) fn parameter<'a>(
    doc: &'a Value,
    op: &str,
    place: &str,
    name: &str,
) -> Option<&'a Value> {
    let operation = at(doc, op)?;
    let item_pointer = op.rsplit_once('/')?.0;
    let item = at(doc, item_pointer);
    let lists = [
        operation.get("parameters"),
        item.and_then(|i| i.get("parameters")),
    ];
    lists
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|p| deref(doc, p))
        .find(|p| {
            p.get("in").and_then(Value::as_str) == Some(place)
                && p.get("name").and_then(Value::as_str).is_some_and(|n| {
                    n.eq_ignore_ascii_case(name) && (place == "header" || n == name)
                })
        })
}

/// `style` and `explode` of a parameter object, with the defaults OpenAPI gives them.
pub(crate) fn style(p: &Value) -> (String, bool) {
    let place = p.get("in").and_then(Value::as_str).unwrap_or_default();
    let default = match place {
        "query" | "cookie" => "form",
        _ => "simple",
    };
    let style = p
        .get("style")
        .and_then(Value::as_str)
        .unwrap_or(default)
        .to_string();
    let explode = p
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == "form");
    (style, explode)
}

/// The size and divisibility keywords of a schema the IR's `Constraints` do not hold, by
/// name: lower bounds, upper bounds, and the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sizes {
    pub min_items: Option<f64>,
    pub max_items: Option<f64>,
    pub min_properties: Option<f64>,
    pub max_properties: Option<f64>,
    pub multiple_of: Option<f64>,
    pub unique_items: bool,
}

/// The [`Sizes`] written at `location` itself: a `$ref` there names a schema whose own
/// constraints are compared where it is defined, so they are not repeated at each use.
pub(crate) fn sizes(doc: &Value, location: &str) -> Sizes {
    location
        .strip_prefix('#')
        .and_then(|p| doc.pointer(p))
        .map_or_else(Sizes::default, sizes_of)
}

/// The [`Sizes`] of a schema object (none for a `$ref`, see [`sizes`]).
pub(crate) fn sizes_of(s: &Value) -> Sizes {
    if s.get("$ref").is_some() {
        return Sizes::default();
    }
    let num = |k: &str| s.get(k).and_then(Value::as_f64);
    Sizes {
        min_items: num("minItems"),
        max_items: num("maxItems"),
        min_properties: num("minProperties"),
        max_properties: num("maxProperties"),
        multiple_of: num("multipleOf"),
        unique_items: s
            .get("uniqueItems")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    }
}

/// Reserved numbers (inclusive ranges) and names of a proto message or enum, from the facts.
pub(crate) fn reserved(facts: &Value, type_name: &str) -> (Vec<(i64, i64)>, Vec<String>) {
    let Some(t) = facts.get("types").and_then(|t| t.get(type_name)) else {
        return (Vec::new(), Vec::new());
    };
    let numbers = t
        .get("reserved_numbers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r.get(0)?.as_i64()?, r.get(1)?.as_i64()?)))
        .collect();
    let names = t
        .get("reserved_names")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    (numbers, names)
}

/// The exact proto type of a field (`TYPE_SINT32`), from the facts.
pub(crate) fn proto_type<'a>(facts: &'a Value, type_name: &str, field: &str) -> Option<&'a str> {
    facts
        .get("types")?
        .get(type_name)?
        .get("fields")?
        .get(field)?
        .get("type")?
        .as_str()
}
