//! One JSON Schema 2020-12 schema rewritten into the OpenAPI 3.0 schema object that means the
//! same: `type` lists and `"null"`, `const`, `examples`, `$ref` beside other keywords, numeric
//! `exclusiveMinimum`/`exclusiveMaximum`, `contentEncoding`/`contentMediaType`, `prefixItems`.
//! Keywords 3.0 has no place for are removed and reported.

use std::collections::HashMap;

use apigen_ir::Skipped;
use serde_yaml::{Mapping, Value};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;
use crate::v31::moves::Moves;

/// Keywords that only annotate a schema.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "deprecated",
    "readOnly",
    "writeOnly",
    "default",
    "example",
    "examples",
    "nullable",
    "externalDocs",
    "xml",
];

/// Keywords that only identify or comment a schema: dropped.
const IDENTIFIERS: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$dynamicAnchor",
    "$vocabulary",
];

/// JSON Schema 2020-12 keywords without an OpenAPI 3.0 equivalent: dropped and reported.
const UNCARRIED: &[&str] = &[
    "patternProperties",
    "dependentRequired",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "contentSchema",
];

/// Keywords that apply to one JSON type only, for splitting a `type` list.
fn keywords_of(typ: &str) -> &'static [&'static str] {
    match typ {
        "string" => &[
            "format",
            "pattern",
            "minLength",
            "maxLength",
            "contentEncoding",
            "contentMediaType",
        ],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
        ],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "patternProperties",
        ],
        _ => &[],
    }
}

/// What the schema rewrite needs from the rest of the document.
pub(crate) struct Rewriter<'a> {
    /// The JSON type of each component schema (`object` when it has properties), for `$ref`s
    /// whose sibling `type` contradicts their target.
    pub target_types: HashMap<String, String>,
    /// Where rewrites moved things.
    pub moves: &'a mut Moves,
    /// What was dropped.
    pub skipped: &'a mut Vec<Skipped>,
}

impl Rewriter<'_> {
    /// Rewrites the schema standing at `at`, then its subschemas. `body` says whether it is
    /// the schema of a request or response body (where `contentMediaType` means raw bytes).
    pub fn schema(&mut self, value: &mut Value, at: &Ptr, body: bool, depth: usize) -> Result<()> {
        if depth > 128 {
            return Err(Fault::new(at, "schemas nest more than 128 levels deep"));
        }
        match value {
            Value::Bool(true) => *value = Value::Mapping(Mapping::new()),
            Value::Bool(false) => {
                return Err(Fault::new(
                    at,
                    "the `false` schema (no value is valid) is not supported here",
                ))
            }
            _ => {}
        }
        let Value::Mapping(map) = value else {
            return Ok(());
        };
        for key in IDENTIFIERS {
            map.remove(*key);
        }
        for key in ["$dynamicRef", "$recursiveRef"] {
            if map.contains_key(key) {
                return Err(Fault::new(&at.at(key), format!("`{key}` is not supported")));
            }
        }
        self.reference_siblings(map, at)?;
        self.type_list(map, at)?;
        self.null_alternatives(map, at);
        self.keywords(map, at, body);
        self.children(map, at, depth)
    }

    /// `$ref` beside other keywords. Annotations stay on a wrapper `allOf: [{$ref}]`;
    /// structural keywords become a second `allOf` part. Leniency: when the siblings declare a
    /// `type` that contradicts the target's (proto exports write `type: array, items: {$ref: X},
    /// $ref: X`), the `$ref` is dropped and the siblings are read alone (reported).
    fn reference_siblings(&mut self, map: &mut Mapping, at: &Ptr) -> Result<()> {
        let Some(reference) = map.get("$ref").cloned() else {
            return Ok(());
        };
        if map.len() == 1 {
            return Ok(());
        }
        map.remove("$ref");
        let structural: Vec<Value> = map
            .keys()
            .filter(|k| {
                let k = k.as_str().unwrap_or_default();
                !ANNOTATIONS.contains(&k) && !k.starts_with("x-")
            })
            .cloned()
            .collect();
        if let (Some(own), Some(target)) = (
            map.get("type").and_then(Value::as_str),
            reference
                .as_str()
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|name| self.target_types.get(name)),
        ) {
            if own != target {
                self.skip(
                    &at.at("$ref"),
                    format!("`$ref` beside `type: {own}` contradicts its target (of type `{target}`): read as the `{own}` the other keywords describe"),
                );
                return Ok(());
            }
        }
        let mut parts = vec![Value::Mapping(Mapping::from_iter([(
            Value::from("$ref"),
            reference,
        )]))];
        self.moves
            .record(at.at("allOf").at(0).as_str(), at.as_str());
        if !structural.is_empty() {
            let mut part = Mapping::new();
            for key in structural {
                if let Some(v) = map.remove(&key) {
                    part.insert(key, v);
                }
            }
            parts.push(Value::Mapping(part));
            self.moves
                .record(at.at("allOf").at(1).as_str(), at.as_str());
        }
        map.insert("allOf".into(), Value::Sequence(parts));
        Ok(())
    }

    /// `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` → `nullable: true`;
    /// several types → a `oneOf` of one schema per type, with the keywords of that type.
    fn type_list(&mut self, map: &mut Mapping, at: &Ptr) -> Result<()> {
        let types: Vec<String> = match map.get("type") {
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|t| t.as_str().unwrap_or_default().to_string())
                .collect(),
            Some(Value::String(t)) if t == "null" => vec![t.clone()],
            _ => return Ok(()),
        };
        let mut rest: Vec<String> = Vec::new();
        for t in types.iter().filter(|t| *t != "null") {
            if !rest.contains(t) {
                rest.push(t.clone());
            }
        }
        if types.len() > rest.len() {
            map.insert("nullable".into(), true.into());
        }
        match rest.as_slice() {
            [] => {
                map.remove("type");
            }
            [only] => {
                map.insert("type".into(), only.as_str().into());
            }
            several => {
                if map.contains_key("oneOf") || map.contains_key("anyOf") {
                    return Err(Fault::new(
                        &at.at("type"),
                        "a list of types beside `oneOf`/`anyOf` is not supported",
                    ));
                }
                map.remove("type");
                let mut alternatives = Vec::with_capacity(several.len());
                for (i, typ) in several.iter().enumerate() {
                    let mut alt = Mapping::new();
                    alt.insert("type".into(), typ.as_str().into());
                    for key in keywords_of(typ) {
                        if let Some(v) = map.get(*key) {
                            alt.insert((*key).into(), v.clone());
                        }
                    }
                    if let Some(Value::Sequence(values)) = map.get("enum") {
                        let mine: Vec<Value> =
                            values.iter().filter(|v| is_of(v, typ)).cloned().collect();
                        if !mine.is_empty() {
                            alt.insert("enum".into(), Value::Sequence(mine));
                        }
                    }
                    alternatives.push(Value::Mapping(alt));
                    self.moves
                        .record(at.at("oneOf").at(i).as_str(), at.as_str());
                }
                for typ in several {
                    for key in keywords_of(typ) {
                        map.remove(*key);
                    }
                }
                map.remove("enum");
                map.insert("oneOf".into(), Value::Sequence(alternatives));
            }
        }
        Ok(())
    }

    /// `oneOf`/`anyOf` alternatives that only allow `null` make the schema nullable; a single
    /// alternative left is the schema itself (an `allOf` wrapper).
    fn null_alternatives(&mut self, map: &mut Mapping, at: &Ptr) {
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Sequence(alternatives)) = map.get(key) else {
                continue;
            };
            let kept: Vec<(usize, Value)> = alternatives
                .iter()
                .cloned()
                .enumerate()
                .filter(|(_, alt)| !is_null_schema(alt))
                .collect();
            if kept.len() == alternatives.len() {
                continue;
            }
            map.insert("nullable".into(), true.into());
            let lone =
                kept.len() == 1 && !map.contains_key("allOf") && !map.contains_key("properties");
            map.remove(key);
            if lone {
                let (i, alt) = kept.into_iter().next().expect("one alternative");
                self.moves
                    .record(at.at("allOf").at(0).as_str(), at.at(key).at(i).as_str());
                map.insert("allOf".into(), Value::Sequence(vec![alt]));
            } else if !kept.is_empty() {
                for (new, (old, _)) in kept.iter().enumerate() {
                    self.moves
                        .record(at.at(key).at(new).as_str(), at.at(key).at(*old).as_str());
                }
                let alts = kept.into_iter().map(|(_, alt)| alt).collect();
                map.insert(key.into(), Value::Sequence(alts));
            }
        }
    }

    /// The keywords of one schema that 3.0 writes differently or not at all.
    fn keywords(&mut self, map: &mut Mapping, at: &Ptr, body: bool) {
        if let Some(value) = map.remove("const") {
            if !map.contains_key("type") {
                if let Some(typ) = json_type(&value) {
                    map.insert("type".into(), typ.into());
                }
            }
            map.entry("enum".into())
                .or_insert_with(|| Value::Sequence(vec![value]));
        }
        if let Some(Value::Sequence(examples)) = map.get("examples").cloned() {
            map.remove("examples");
            if let Some(first) = examples.into_iter().next() {
                map.entry("example".into()).or_insert(first);
            }
        }
        for (key, bound, stricter) in [
            (
                "exclusiveMinimum",
                "minimum",
                f64::ge as fn(&f64, &f64) -> bool,
            ),
            ("exclusiveMaximum", "maximum", f64::le),
        ] {
            let Some(limit) = map.get(key).and_then(Value::as_f64) else {
                continue;
            };
            let inclusive = map.get(bound).and_then(Value::as_f64);
            if inclusive.is_some_and(|b| b != limit && !stricter(&limit, &b)) {
                // The inclusive bound is the stricter one.
                map.remove(key);
            } else {
                let number = map.remove(key).unwrap_or(Value::Null);
                map.insert(bound.into(), number);
                map.insert(key.into(), true.into());
            }
        }
        let encoding = map.remove("contentEncoding");
        let media = map.remove("contentMediaType");
        if !map.contains_key("format") {
            let format = match encoding.as_ref().and_then(Value::as_str) {
                Some("base64" | "base64url") => Some("byte"),
                Some("binary") => Some("binary"),
                Some(_) => None,
                None if media.is_some() && body => Some("binary"),
                None => None,
            };
            if let Some(format) = format {
                map.insert("format".into(), format.into());
                map.entry("type".into()).or_insert_with(|| "string".into());
            }
        }
        self.prefix_items(map, at);
        if !map.contains_key("additionalProperties") {
            if let Some(Value::Bool(false)) = map.get("unevaluatedProperties") {
                map.remove("unevaluatedProperties");
                map.insert("additionalProperties".into(), false.into());
            }
        }
        for key in UNCARRIED {
            if map.remove(*key).is_some() {
                self.skip(
                    &at.at(key),
                    format!("`{key}` (JSON Schema 2020-12) is not carried into the generated code (neither checked nor typed)"),
                );
            }
        }
    }

    /// `prefixItems` (a tuple) → a list whose items are any of the positions' schemas.
    fn prefix_items(&mut self, map: &mut Mapping, at: &Ptr) {
        let Some(Value::Sequence(positions)) = map.remove("prefixItems") else {
            return;
        };
        let mut alternatives: Vec<Value> = Vec::new();
        for (i, schema) in positions.into_iter().enumerate() {
            if !alternatives.contains(&schema) {
                self.moves.record(
                    at.at("items").at("oneOf").at(alternatives.len()).as_str(),
                    at.at("prefixItems").at(i).as_str(),
                );
                alternatives.push(schema);
            }
        }
        match map.remove("items") {
            Some(Value::Bool(false)) | None => {}
            Some(extra) if !alternatives.contains(&extra) => {
                self.moves.record(
                    at.at("items").at("oneOf").at(alternatives.len()).as_str(),
                    at.at("items").as_str(),
                );
                alternatives.push(extra);
            }
            Some(_) => {}
        }
        self.skip(
            &at.at("prefixItems"),
            "`prefixItems` (a tuple) is read as a list whose items may be any of its positions' schemas: positions are not checked".to_string(),
        );
        let items = match alternatives.len() {
            0 => Value::Mapping(Mapping::new()),
            1 => {
                self.moves.record(
                    at.at("items").as_str(),
                    at.at("items").at("oneOf").at(0).as_str(),
                );
                alternatives.remove(0)
            }
            _ => Value::Mapping(Mapping::from_iter([(
                Value::from("oneOf"),
                Value::Sequence(alternatives),
            )])),
        };
        map.insert("items".into(), items);
        map.entry("type".into()).or_insert_with(|| "array".into());
    }

    /// Rewrites the subschemas of a schema.
    fn children(&mut self, map: &mut Mapping, at: &Ptr, depth: usize) -> Result<()> {
        if let Some(Value::Mapping(props)) = map.get_mut("properties") {
            let at = at.at("properties");
            // A property whose schema is `false` may never appear: it has no field.
            let never: Vec<Value> = props
                .iter()
                .filter(|(_, prop)| matches!(prop, Value::Bool(false)))
                .map(|(name, _)| name.clone())
                .collect();
            for name in never {
                props.remove(&name);
                let name = name.as_str().unwrap_or_default();
                self.skip(
                    &at.at(name),
                    format!("property `{name}` has the `false` schema (it may never appear): no field generated"),
                );
            }
            for (name, prop) in props.iter_mut() {
                let at = at.at(name.as_str().unwrap_or_default());
                self.schema(prop, &at, false, depth + 1)?;
            }
        }
        for key in ["items", "not"] {
            if let Some(child) = map.get_mut(key) {
                self.schema(child, &at.at(key), false, depth + 1)?;
            }
        }
        if let Some(child @ Value::Mapping(_)) = map.get_mut("additionalProperties") {
            self.schema(child, &at.at("additionalProperties"), false, depth + 1)?;
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            if let Some(Value::Sequence(parts)) = map.get_mut(key) {
                for (i, part) in parts.iter_mut().enumerate() {
                    self.schema(part, &at.at(key).at(i), false, depth + 1)?;
                }
            }
        }
        Ok(())
    }

    /// Reports something dropped.
    fn skip(&mut self, at: &Ptr, reason: String) {
        self.skipped.push(Skipped {
            location: at.to_string(),
            reason,
        });
    }
}

/// Whether a schema allows only `null`.
fn is_null_schema(value: &Value) -> bool {
    let Value::Mapping(map) = value else {
        return false;
    };
    let null_type = match map.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Sequence(ts)) => ts.len() == 1 && ts[0].as_str() == Some("null"),
        _ => false,
    };
    null_type
        && map.keys().all(|k| {
            let k = k.as_str().unwrap_or_default();
            k == "type" || ANNOTATIONS.contains(&k)
        })
}

/// The JSON type of a value, as `type` names it.
fn json_type(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        _ => return None,
    })
}

/// Whether `value` is of JSON type `typ`.
fn is_of(value: &Value, typ: &str) -> bool {
    match (json_type(value), typ) {
        (Some("integer"), "number") => true,
        (Some(t), typ) => t == typ,
        (None, _) => matches!(
            (value, typ),
            (Value::Sequence(_), "array") | (Value::Mapping(_), "object")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(text: &str) -> (Value, Moves, Vec<Skipped>) {
        let mut value: Value = serde_yaml::from_str(text).unwrap();
        let mut moves = Moves::default();
        let mut skipped = Vec::new();
        let mut targets = HashMap::new();
        targets.insert("Obj".to_string(), "object".to_string());
        let mut r = Rewriter {
            target_types: targets,
            moves: &mut moves,
            skipped: &mut skipped,
        };
        r.schema(&mut value, &Ptr::root().at("s"), false, 0)
            .unwrap();
        (value, moves, skipped)
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn type_lists_and_null() {
        let (v, ..) = rewrite("type: [string, 'null']\nmaxLength: 3");
        assert_eq!(v, yaml("type: string\nmaxLength: 3\nnullable: true"));
        let (v, moves, _) =
            rewrite("type: [string, integer]\nminimum: 1\nmaxLength: 2\nenum: [a, 1]");
        assert_eq!(
            v,
            yaml("oneOf: [{type: string, maxLength: 2, enum: [a]}, {type: integer, minimum: 1, enum: [1]}]")
        );
        assert_eq!(moves.original("/s/oneOf/1/minimum"), "/s/minimum");
        let (v, moves, _) = rewrite("anyOf: [{$ref: '#/components/schemas/Obj'}, {type: 'null'}]");
        assert_eq!(
            v,
            yaml("nullable: true\nallOf: [{$ref: '#/components/schemas/Obj'}]")
        );
        assert_eq!(moves.original("/s/allOf/0/$ref"), "/s/anyOf/0/$ref");
    }

    #[test]
    fn keywords_of_2020_12() {
        let (v, ..) = rewrite(
            "const: 3\nexamples: [3, 4]\nexclusiveMinimum: 0\nexclusiveMaximum: 9\nmaximum: 5",
        );
        assert_eq!(
            v,
            yaml("type: integer\nenum: [3]\nexample: 3\nminimum: 0\nexclusiveMinimum: true\nmaximum: 5")
        );
        let (v, ..) = rewrite("type: string\ncontentEncoding: base64");
        assert_eq!(v, yaml("type: string\nformat: byte"));
        let (v, moves, skipped) =
            rewrite("prefixItems: [{type: string}, {type: integer}]\nitems: false");
        assert_eq!(
            v,
            yaml("items: {oneOf: [{type: string}, {type: integer}]}\ntype: array")
        );
        assert_eq!(moves.original("/s/items/oneOf/1"), "/s/prefixItems/1");
        assert_eq!(skipped[0].location, "#/s/prefixItems");
        let (v, _, skipped) = rewrite("type: object\npatternProperties: {'^a': {}}");
        assert_eq!(v, yaml("type: object"));
        assert_eq!(skipped[0].location, "#/s/patternProperties");
    }

    #[test]
    fn references_with_siblings() {
        let (v, moves, _) =
            rewrite("$ref: '#/components/schemas/Obj'\ndescription: d\nrequired: [a]");
        assert_eq!(
            v,
            yaml("description: d\nallOf: [{$ref: '#/components/schemas/Obj'}, {required: [a]}]")
        );
        assert_eq!(moves.original("/s/allOf/0/$ref"), "/s/$ref");
        let (v, _, skipped) = rewrite(
            "$ref: '#/components/schemas/Obj'\ntype: array\nitems: {$ref: '#/components/schemas/Obj'}",
        );
        assert_eq!(
            v,
            yaml("type: array\nitems: {$ref: '#/components/schemas/Obj'}")
        );
        assert_eq!(skipped[0].location, "#/s/$ref");
        let (v, ..) = rewrite("properties: {a: true, b: {type: ['null', boolean]}}");
        assert_eq!(
            v,
            yaml("properties: {a: {}, b: {type: boolean, nullable: true}}")
        );
    }
}
