//! `$defs` (schemas defined inside a schema) hoisted into `components.schemas`, and every
//! `$ref` to them (`#/components/schemas/A/$defs/B`) pointed at their new place.

use serde_yaml::{Mapping, Value};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;
use crate::v31::moves::Moves;

/// A definition taken out of its schema.
struct Def {
    /// Where it was written.
    original: Ptr,
    /// Its key in `$defs`.
    key: String,
    /// The schema.
    schema: Value,
}

/// Moves every `$defs` entry under `components.schemas` into `components.schemas` itself.
pub(crate) fn hoist(doc: &mut Value, moves: &mut Moves) -> Result<()> {
    let mut found = Vec::new();
    if let Some(Value::Mapping(schemas)) =
        doc.get_mut("components").and_then(|c| c.get_mut("schemas"))
    {
        for (name, schema) in schemas.iter_mut() {
            let at = Ptr::component("schemas", name.as_str().unwrap_or_default());
            take(schema, &at, &mut found, 0);
        }
    }
    // Definitions may hold definitions of their own.
    let mut i = 0;
    while i < found.len() {
        let mut nested = Vec::new();
        let at = found[i].original.clone();
        take(&mut found[i].schema, &at, &mut nested, 0);
        found.extend(nested);
        i += 1;
    }
    if found.is_empty() {
        return Ok(());
    }
    let Some(Value::Mapping(schemas)) =
        doc.get_mut("components").and_then(|c| c.get_mut("schemas"))
    else {
        return Ok(());
    };
    let mut renames: Vec<(String, String)> = Vec::new();
    for def in found {
        let name = free_name(schemas, &def.key);
        let new = Ptr::component("schemas", &name);
        moves.record(new.as_str(), def.original.as_str());
        renames.push((
            format!("#{}", def.original.as_str()),
            format!("#{}", new.as_str()),
        ));
        schemas.insert(name.into(), def.schema);
    }
    // Longest first, so that nested definitions are renamed before their parents.
    renames.sort_by_key(|r| std::cmp::Reverse(r.0.len()));
    rename_refs(doc, &renames, &Ptr::root())
}

/// Takes the `$defs` out of a schema and its subschemas.
fn take(value: &mut Value, at: &Ptr, out: &mut Vec<Def>, depth: usize) {
    if depth > 128 {
        return;
    }
    let Value::Mapping(map) = value else { return };
    for key in ["$defs", "definitions"] {
        if let Some(Value::Mapping(defs)) = map.remove(key) {
            for (name, schema) in defs {
                let name = name.as_str().unwrap_or_default().to_string();
                out.push(Def {
                    original: at.at(key).at(&name),
                    key: name,
                    schema,
                });
            }
        }
    }
    for (key, child) in map.iter_mut() {
        let key = key.as_str().unwrap_or_default();
        if matches!(key, "example" | "examples" | "enum" | "const" | "default") {
            continue;
        }
        take(child, &at.at(key), out, depth + 1);
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

/// Points every `$ref` to a hoisted definition (or inside one) at its new place.
fn rename_refs(value: &mut Value, renames: &[(String, String)], at: &Ptr) -> Result<()> {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default();
                if key == "$ref" {
                    if let Value::String(reference) = child {
                        *reference = renamed(reference, renames);
                        if reference.contains("/$defs/") {
                            return Err(Fault::new(
                                &at.at("$ref"),
                                format!("`$ref` \"{reference}\": no such definition"),
                            ));
                        }
                    }
                } else if !(matches!(key, "example" | "examples") || key.starts_with("x-")) {
                    rename_refs(child, renames, &at.at(key))?;
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                rename_refs(item, renames, &at.at(i))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The reference after renaming (escaped pointers compared as written).
fn renamed(reference: &str, renames: &[(String, String)]) -> String {
    for (old, new) in renames {
        if let Some(rest) = reference.strip_prefix(old.as_str()) {
            if rest.is_empty() || rest.starts_with('/') {
                return format!("{new}{rest}");
            }
        }
    }
    reference.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoists_and_renames() {
        let mut doc: Value = serde_yaml::from_str(
            r#"
components:
  schemas:
    Pet:
      properties: {tag: {$ref: '#/components/schemas/Pet/$defs/Tag'}}
      $defs:
        Tag: {properties: {kind: {$ref: '#/components/schemas/Pet/$defs/Tag/$defs/Kind'}}, $defs: {Kind: {type: string}}}
    Kind: {type: integer}
"#,
        )
        .unwrap();
        let mut moves = Moves::default();
        hoist(&mut doc, &mut moves).unwrap();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Pet"]["properties"]["tag"]["$ref"],
            "#/components/schemas/Tag"
        );
        assert_eq!(
            schemas["Tag"]["properties"]["kind"]["$ref"],
            "#/components/schemas/Kind 2"
        );
        assert_eq!(schemas["Kind 2"]["type"], "string");
        assert_eq!(
            moves.original("/components/schemas/Kind 2"),
            "/components/schemas/Pet/$defs/Tag/$defs/Kind"
        );
    }
}
