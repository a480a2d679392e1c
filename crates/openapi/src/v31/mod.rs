//! OpenAPI 3.1 read as OpenAPI 3.0: a pre-pass over the raw document that rewrites what 3.1
//! (JSON Schema 2020-12) writes differently into the 3.0 form the typed model reads, so both
//! versions go through one lowering and give the same IR (docs/design.md, "OpenAPI 3.1").
//!
//! Rewritten: the version, `info.summary` (kept for the IR), `license.identifier`,
//! `jsonSchemaDialect`, `webhooks` (reported, not generated), `components.pathItems` (inlined
//! where `paths` refer to them), `$defs` (hoisted into `components.schemas`), schemas that a
//! `$ref` points at deep inside the document (copied there too, [`crate::deep_refs`]), and every schema
//! ([`schema`]). What moved is recorded ([`Moves`]) so errors and locations name the place the
//! author wrote.

mod defs;
mod moves;
mod schema;

use std::collections::HashMap;

use apigen_ir::Skipped;
use serde_yaml::{Mapping, Value};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;

pub(crate) use moves::Moves;

/// The dialects read as what they are: the OpenAPI 3.1 base dialect and JSON Schema 2020-12.
const KNOWN_DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://json-schema.org/draft/2020-12/schema",
];

/// What the pre-pass learned besides the rewritten document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Downgrade {
    /// Where things moved.
    pub moves: Moves,
    /// What was dropped or read differently, at its original place.
    pub skipped: Vec<Skipped>,
    /// `info.summary`, which the 3.0 model has no place for.
    pub summary: Option<String>,
}

/// Rewrites a 3.1 document in place into the 3.0 form.
pub(crate) fn downgrade(doc: &mut Value) -> Result<Downgrade> {
    let mut out = Downgrade::default();
    let Value::Mapping(root) = doc else {
        return Ok(out);
    };
    root.insert("openapi".into(), "3.0.3".into());
    if let Some(Value::Mapping(info)) = root.get_mut("info") {
        out.summary = info
            .remove("summary")
            .and_then(|s| s.as_str().map(str::to_string));
        if let Some(Value::Mapping(license)) = info.get_mut("license") {
            license.remove("identifier");
        }
    }
    if let Some(dialect) = root.remove("jsonSchemaDialect") {
        let dialect = dialect.as_str().unwrap_or_default();
        if !KNOWN_DIALECTS.contains(&dialect) {
            out.skipped.push(Skipped {
                location: Ptr::root().at("jsonSchemaDialect").to_string(),
                reason: format!(
                    "schemas are read as JSON Schema 2020-12 (the OpenAPI 3.1 dialect), not as \"{dialect}\""
                ),
            });
        }
    }
    if let Some(Value::Mapping(hooks)) = root.remove("webhooks") {
        for name in hooks.keys() {
            out.skipped.push(Skipped {
                location: Ptr::root()
                    .at("webhooks")
                    .at(name.as_str().unwrap_or_default())
                    .to_string(),
                reason: "webhooks (requests the API sends to its users) are not generated"
                    .to_string(),
            });
        }
    }
    path_items(root, &mut out.moves)?;
    root.entry("paths".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    defs::hoist(doc, &mut out.moves)?;
    crate::deep_refs::hoist(doc, &mut out.moves);
    let target_types = target_types(doc);
    let mut rewriter = schema::Rewriter {
        target_types,
        moves: &mut out.moves,
        skipped: &mut out.skipped,
    };
    walk(&mut rewriter, doc, &Ptr::root(), false)?;
    let moves = out.moves.clone();
    for skipped in &mut out.skipped {
        skipped.location = moves.original_location(&skipped.location);
    }
    Ok(out)
}

/// Inlines `paths` entries that are a `$ref` to `#/components/pathItems/NAME`, then removes
/// `components.pathItems` (the 3.0 model has no place for it).
fn path_items(root: &mut Mapping, moves: &mut Moves) -> Result<()> {
    let items = match root.get_mut("components") {
        Some(Value::Mapping(components)) => components.remove("pathItems"),
        _ => None,
    };
    let items = match items {
        Some(Value::Mapping(items)) => items,
        _ => Mapping::new(),
    };
    let Some(Value::Mapping(paths)) = root.get_mut("paths") else {
        return Ok(());
    };
    for (path, item) in paths.iter_mut() {
        let Value::Mapping(entry) = item else {
            continue;
        };
        let Some(reference) = entry.get("$ref").and_then(Value::as_str) else {
            continue;
        };
        let at = Ptr::root()
            .at("paths")
            .at(path.as_str().unwrap_or_default());
        let Some(name) = reference.strip_prefix("#/components/pathItems/") else {
            return Err(Fault::new(
                &at.at("$ref"),
                format!("unsupported path item `$ref` \"{reference}\": expected `#/components/pathItems/NAME`"),
            ));
        };
        let name = crate::pointer::unescape(name);
        let Some(Value::Mapping(target)) = items.get(name.as_str()) else {
            return Err(Fault::new(
                &at.at("$ref"),
                format!("`$ref` \"{reference}\": no such path item in `components.pathItems`"),
            ));
        };
        let mut merged = target.clone();
        for (key, value) in entry.iter() {
            if key.as_str() != Some("$ref") {
                merged.insert(key.clone(), value.clone());
            }
        }
        *entry = merged;
        moves.record(at.as_str(), Ptr::component("pathItems", &name).as_str());
    }
    Ok(())
}

/// The JSON type of each component schema: its `type`, or `object` when it has
/// `properties`.
fn target_types(doc: &Value) -> HashMap<String, String> {
    let Some(Value::Mapping(schemas)) = doc.get("components").and_then(|c| c.get("schemas")) else {
        return HashMap::new();
    };
    schemas
        .iter()
        .filter_map(|(name, schema)| {
            let typ = match schema.get("type") {
                Some(Value::String(t)) => t.clone(),
                _ if schema.get("properties").is_some() => "object".to_string(),
                _ => return None,
            };
            Some((name.as_str()?.to_string(), typ))
        })
        .collect()
}

/// Walks the document and rewrites every schema: those under a `schema` key (of
/// parameters, headers and media types) and those in `components.schemas`. Examples and
/// extensions are left alone. `in_content` says whether `value` is a `content` mapping.
fn walk(
    rewriter: &mut schema::Rewriter<'_>,
    value: &mut Value,
    at: &Ptr,
    in_content: bool,
) -> Result<()> {
    match value {
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(rewriter, item, &at.at(i), false)?;
            }
        }
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default();
                if matches!(key, "example" | "examples") || key.starts_with("x-") {
                    continue;
                }
                let child_at = at.at(key);
                if key == "schema" {
                    // A media type's schema: `at` is `…/content/TYPE`.
                    rewriter.schema(child, &child_at, in_content, 0)?;
                } else if key == "schemas" && at.as_str() == "/components" {
                    if let Value::Mapping(schemas) = child {
                        for (name, schema) in schemas.iter_mut() {
                            let at = child_at.at(name.as_str().unwrap_or_default());
                            rewriter.schema(schema, &at, false, 0)?;
                        }
                    }
                } else if key == "content" {
                    if let Value::Mapping(media) = child {
                        for (name, entry) in media.iter_mut() {
                            let at = child_at.at(name.as_str().unwrap_or_default());
                            walk(rewriter, entry, &at, true)?;
                        }
                    }
                } else {
                    walk(rewriter, child, &child_at, false)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_level_rewrites() {
        let mut doc: Value = serde_yaml::from_str(
            r#"
openapi: 3.1.0
jsonSchemaDialect: https://example.com/dialect
info: {title: t, version: '1', summary: s, license: {name: MIT, identifier: MIT}}
webhooks: {newPet: {post: {responses: {'200': {description: ok}}}}}
components:
  pathItems:
    Pets: {get: {responses: {'200': {description: ok, content: {application/octet-stream: {schema: {contentMediaType: image/png}}}}}}}
paths:
  /pets: {$ref: '#/components/pathItems/Pets'}
"#,
        )
        .unwrap();
        let out = downgrade(&mut doc).unwrap();
        assert_eq!(doc["openapi"], "3.0.3");
        assert_eq!(out.summary.as_deref(), Some("s"));
        assert!(doc["info"]["license"].get("identifier").is_none());
        assert!(doc.get("webhooks").is_none() && doc.get("jsonSchemaDialect").is_none());
        let locations: Vec<&str> = out.skipped.iter().map(|s| s.location.as_str()).collect();
        assert_eq!(locations, ["#/jsonSchemaDialect", "#/webhooks/newPet"]);
        let schema = &doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]
            ["application/octet-stream"]["schema"];
        assert_eq!(schema["format"], "binary");
        assert_eq!(
            out.moves.original("/paths/~1pets/get"),
            "/components/pathItems/Pets/get"
        );
    }
}
