//! Composition: `allOf` merged into one record — with the `oneOf`/`anyOf` of the schema or of
//! one of its parts as the record's flattened alternatives — and the check that type aliases
//! do not form cycles.

use std::collections::HashMap;

use apigen_ir::{Docs, Field, ObjectType, TypeDef, TypeKind, TypeRef};
use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaData};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;
use crate::refs::SchemaRef;
use crate::schema::{schema_docs, Types, MAX_DEPTH};
use crate::shape::as_any;

/// What the parts of an `allOf` add up to.
#[derive(Default)]
struct Merged {
    fields: Vec<Field>,
    required: Vec<String>,
    additional: Option<TypeRef>,
    /// The schema whose `oneOf`/`anyOf` are the record's alternatives, with its annotations
    /// (the discriminator) and place.
    alternatives: Option<(AnySchema, SchemaData, Ptr)>,
}

impl Merged {
    /// Takes the alternatives of `any`, if it has any; only one schema of the record may.
    fn alternatives(&mut self, any: &AnySchema, data: &SchemaData, at: &Ptr) -> Result<()> {
        if any.one_of.is_empty() && any.any_of.is_empty() {
            return Ok(());
        }
        if let Some((_, _, first)) = &self.alternatives {
            return Err(Fault::new(
                at,
                format!("`oneOf`/`anyOf` in two parts of one record (the other at {first}) is not supported"),
            ));
        }
        self.alternatives = Some((any.clone(), data.clone(), at.clone()));
        Ok(())
    }

    /// Adds a field; a later definition of the same name replaces the earlier one in place.
    fn upsert(&mut self, field: Field) {
        match self.fields.iter_mut().find(|f| f.name == field.name) {
            Some(existing) => *existing = field,
            None => self.fields.push(field),
        }
    }
}

/// Merges the `allOf` parts of `any` (and its own `properties`) into one record named `name`.
/// Fields keep the order of the parts; a field is required if any part requires it. A
/// `oneOf`/`anyOf` of the schema (or of one part) becomes a union `"{name} alternatives"`
/// flattened into the record; alternatives that only list `required` properties are reported
/// and left out (they constrain, they add no fields).
pub(crate) fn all_of(
    types: &mut Types<'_>,
    any: &AnySchema,
    data: &SchemaData,
    at: &Ptr,
    name: &str,
    depth: usize,
) -> Result<ObjectType> {
    let mut merged = Merged::default();
    let mut stack = vec![name.to_string()];
    merge(types, any, at, name, depth, &mut stack, &mut merged)?;
    merged.alternatives(any, data, at)?;
    let Merged {
        mut fields,
        required,
        additional,
        alternatives,
    } = merged;
    for field in &mut fields {
        field.required = required.contains(&field.name);
    }
    let alternatives = match alternatives {
        Some((alt, _, alt_at)) if constraints_only(&alt) => {
            types.note(
                &alt_at,
                "`oneOf`/`anyOf` of `required` lists: which properties must be present together is not checked",
            );
            None
        }
        Some((alt, alt_data, alt_at)) => {
            let hint = format!("{name} alternatives");
            let (ty, tag) = types.define_union(&alt, &alt_data, &alt_at, &hint, depth + 1)?;
            // The union reads and writes its tag itself.
            if let Some(tag) = tag {
                fields.retain(|f| f.name != tag);
            }
            Some(ty)
        }
        None => None,
    };
    Ok(ObjectType {
        fields,
        additional_properties: additional,
        alternatives,
    })
}

/// Whether `any` is the base of its own alternatives: each is a `$ref` to a schema whose
/// `allOf` includes `name` (`Pet: {properties…, oneOf: [Cat, Dog]}` with `Cat: allOf: [Pet, …]`).
/// The alternatives then hold the common fields themselves, and the schema is a plain union.
pub(crate) fn is_base_of_alternatives(
    types: &Types<'_>,
    any: &AnySchema,
    at: &Ptr,
    name: &str,
) -> bool {
    let alternatives: Vec<_> = any.one_of.iter().chain(&any.any_of).collect();
    !alternatives.is_empty()
        && alternatives.iter().all(|alt| {
            let ReferenceOr::Reference { reference } = alt else {
                return false;
            };
            let Ok(Some(found)) = types.resolve(crate::refs::SchemaRef::Ref(reference), at) else {
                return false;
            };
            as_any(&found.schema.schema_kind).all_of.iter().any(|part| {
                matches!(part, ReferenceOr::Reference { reference } if crate::refs::target(reference, crate::refs::Section::Schemas, at).ok().as_deref() == Some(name))
            })
        })
}

/// Whether every alternative only constrains (`required`, annotations): no type, no
/// properties, no composition.
fn constraints_only(any: &AnySchema) -> bool {
    any.one_of.iter().chain(&any.any_of).all(|alt| match alt {
        ReferenceOr::Item(schema) => {
            let a = as_any(&schema.schema_kind);
            matches!(a.typ.as_deref(), None | Some("object"))
                && a.properties.is_empty()
                && a.items.is_none()
                && a.additional_properties.is_none()
                && a.enumeration.is_empty()
                && a.all_of.is_empty()
                && a.one_of.is_empty()
                && a.any_of.is_empty()
        }
        ReferenceOr::Reference { .. } => false,
    })
}

/// Merges the parts of `any`, then its own properties, into `out`. `owner` names the type
/// inline field types are derived from; `stack` holds the components being merged.
fn merge(
    types: &mut Types<'_>,
    any: &AnySchema,
    at: &Ptr,
    owner: &str,
    depth: usize,
    stack: &mut Vec<String>,
    out: &mut Merged,
) -> Result<()> {
    for (i, part) in any.all_of.iter().enumerate() {
        let part_at = at.at("allOf").at(i);
        match part {
            ReferenceOr::Reference { reference } => {
                let Some(found) = types.resolve(SchemaRef::Ref(reference), &part_at)? else {
                    continue;
                };
                if stack.contains(&found.name) {
                    return Err(Fault::new(
                        &part_at,
                        format!("`allOf` cycle: {} → {}", stack.join(" → "), found.name),
                    ));
                }
                stack.push(found.name.clone());
                let name = found.name.clone();
                merge_part(
                    types,
                    found.schema,
                    &found.ptr,
                    &name,
                    depth + 1,
                    stack,
                    out,
                )?;
                stack.pop();
            }
            ReferenceOr::Item(schema) => {
                merge_part(types, schema, &part_at, owner, depth + 1, stack, out)?;
            }
        }
    }
    for (prop, schema) in &any.properties {
        let field_at = at.at("properties").at(prop);
        out.upsert(types.field(prop, schema, &[], &field_at, owner, depth)?);
    }
    out.required.extend(any.required.iter().cloned());
    if let Some(additional) = types.additional(any, at, owner, depth)? {
        out.additional = Some(additional);
    }
    Ok(())
}

/// Merges one part, which must be an object schema (or carry no type at all).
fn merge_part(
    types: &mut Types<'_>,
    schema: &Schema,
    at: &Ptr,
    owner: &str,
    depth: usize,
    stack: &mut Vec<String>,
    out: &mut Merged,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Fault::new(
            at,
            format!("`allOf` parts nest more than {MAX_DEPTH} levels deep"),
        ));
    }
    let any = as_any(&schema.schema_kind);
    if any.not.is_some() {
        types.note(&at.at("not"), crate::schema::NOT_CHECKED);
    }
    // A part whose alternatives include the record being merged (`Cat: allOf: [Pet, …]`
    // with `Pet: oneOf: [Cat, Dog]`) gives its fields only.
    let root = stack.first().map(String::as_str).unwrap_or_default();
    let names_root = any.one_of.iter().chain(&any.any_of).any(|alt| {
        matches!(alt, ReferenceOr::Reference { reference } if reference.rsplit('/').next() == Some(root))
    });
    if !names_root {
        out.alternatives(&any, &schema.schema_data, at)?;
    }
    let object_like = matches!(any.typ.as_deref(), None | Some("object"))
        && any.items.is_none()
        && any.enumeration.is_empty();
    if !object_like {
        let what = any
            .typ
            .as_deref()
            .map_or_else(|| "untyped".to_string(), |t| format!("of type `{t}`"));
        return Err(Fault::new(
            at,
            format!("cannot merge `allOf`: this part is {what}, not an object"),
        ));
    }
    merge(types, &any, at, owner, depth, stack, out)
}

/// Documentation of an `allOf` type: its own, else that of its first documented inline part.
pub(crate) fn all_of_docs(own: Docs, any: &AnySchema) -> Docs {
    if !own.is_empty() {
        return own;
    }
    any.all_of
        .iter()
        .filter_map(|part| match part {
            ReferenceOr::Item(schema) => Some(schema_docs(&schema.schema_data)),
            ReferenceOr::Reference { .. } => None,
        })
        .find(|docs| !docs.is_empty())
        .unwrap_or_default()
}

/// Fails if a chain of aliases to named types leads back to where it started (`A = B`, `B = A`).
pub(crate) fn check_alias_cycles(defs: &[TypeDef]) -> Result<()> {
    let aliases: HashMap<&str, &str> = defs
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(TypeRef::Named(target)) => Some((def.name.as_str(), target.as_str())),
            _ => None,
        })
        .collect();
    for def in defs {
        let mut chain = vec![def.name.as_str()];
        let mut current = def.name.as_str();
        while let Some(&next) = aliases.get(current) {
            if chain.contains(&next) {
                chain.push(next);
                let at = def.location.strip_prefix('#').unwrap_or(&def.location);
                return Err(Fault {
                    pointer: at.to_string(),
                    message: format!("type alias cycle: {}", chain.join(" → ")),
                });
            }
            chain.push(next);
            current = next;
        }
    }
    Ok(())
}
