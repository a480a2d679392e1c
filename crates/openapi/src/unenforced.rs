//! Schema keywords the IR has no place for: array and object sizes anywhere but on a
//! property's own schema (where [`apigen_ir::Field::sizes`] carries them). They are reported in
//! [`apigen_ir::Api::skipped`] with their JSON pointers instead of vanishing. (`multipleOf` is
//! a primitive constraint, checked wherever the number stands.)

use apigen_ir::Skipped;
use serde_yaml::Value;

use crate::pointer::Ptr;

/// Schema keywords that have a place in the IR only on a property's schema.
const KEYWORDS: &[&str] = &[
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

/// Every use of such a keyword in a schema-like mapping (one with `type`, `items` or
/// `properties`), in document order. An `example` value shaped like a schema would be listed
/// too; none of the specs here has one.
pub(crate) fn find(doc: &Value) -> Vec<Skipped> {
    let mut out = Vec::new();
    walk(doc, &Ptr::root(), 0, false, &mut out);
    out
}

/// `property` says whether `value` is the schema of a property (an entry of `properties`).
fn walk(value: &Value, at: &Ptr, depth: usize, property: bool, out: &mut Vec<Skipped>) {
    // The pre-pass already bounds nesting; this guard keeps the walk total on its own.
    if depth > 256 {
        return;
    }
    match value {
        Value::Mapping(map) => {
            let schema_like = map.contains_key("type")
                || map.contains_key("items")
                || map.contains_key("properties");
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if schema_like && !property && KEYWORDS.contains(&key) {
                    let reason = if is_component(at) {
                        format!(
                            "`{key}` of a named list or map schema is checked where a property refers to it (`$ref`), not where it is a body, a parameter or an item"
                        )
                    } else {
                        format!(
                            "`{key}` is not carried into the generated code (neither checked nor typed)"
                        )
                    };
                    out.push(Skipped {
                        location: at.at(key).to_string(),
                        reason,
                    });
                }
                match (key, child) {
                    ("properties", Value::Mapping(props)) if schema_like => {
                        for (name, prop) in props {
                            let name = name.as_str().unwrap_or_default();
                            walk(prop, &at.at(key).at(name), depth + 2, true, out);
                        }
                    }
                    _ => walk(child, &at.at(key), depth + 1, false, out),
                }
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &at.at(i), depth + 1, false, out);
            }
        }
        _ => {}
    }
}

/// Whether `at` is a schema of `components/schemas` itself (`#/components/schemas/L`).
fn is_component(at: &Ptr) -> bool {
    let text = at.to_string();
    text.strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keywords_with_their_pointers() {
        let doc: Value = serde_yaml::from_str(
            "components:\n  schemas:\n    L:\n      type: array\n      minItems: 1\n      items: {type: string}\n    P:\n      properties:\n        l: {type: array, maxItems: 2}\n    N:\n      description: minItems is just a word here\n      example: {minItems: 3}\n",
        )
        .unwrap();
        let found = find(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location, "#/components/schemas/L/minItems");
        assert!(found[0].reason.contains("where a property refers to it"));
    }
}
