//! Schemas to types: component schemas become named [`TypeDef`]s, inline schemas become
//! [`TypeRef`]s (inline records, enums and unions are defined under a derived name).

use std::collections::{HashMap, HashSet};

use apigen_ir::{
    Docs, EnumRepr, EnumType, EnumValue, Field, NameOrigin, ObjectType, Skipped, TypeDef, TypeKind,
    TypeRef, UnionMatch, UnionType, UnionVariant,
};
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind};
use serde_json::Value;

use crate::compose;
use crate::error::{Fault, Result};
use crate::lower::docs;
use crate::pointer::Ptr;
use crate::refs::{self, SchemaRef, Section};
use crate::shape::{as_any, classify, is_annotation, Named, Plain, Shape};

mod sizes;

/// How deeply schemas may nest (inline nesting plus `allOf` inheritance) before lowering gives up.
pub(crate) const MAX_DEPTH: usize = 64;

/// The named types of an API, collected while lowering.
pub(crate) struct Types<'a> {
    /// `components/schemas`.
    schemas: Option<&'a IndexMap<String, ReferenceOr<Schema>>>,
    /// Types defined so far.
    defs: Vec<TypeDef>,
    /// Names in use (component names are reserved up front).
    taken: HashSet<String>,
    /// The type of each inline schema already lowered, by pointer.
    memo: HashMap<Ptr, TypeRef>,
    /// What is deliberately not carried into the types, with where.
    notes: Vec<Skipped>,
}

/// Why a `not` is reported.
pub(crate) const NOT_CHECKED: &str =
    "`not` (a value must not match a schema) is not checked: values it forbids are accepted";

/// A schema found by following references, with where it stands and its component name.
pub(crate) struct Found<'s> {
    /// The schema.
    pub schema: &'s Schema,
    /// Where it stands.
    pub ptr: Ptr,
    /// The component it is.
    pub name: String,
}

impl<'a> Types<'a> {
    /// A collection that knows the component schemas and reserves their names.
    pub fn new(schemas: Option<&'a IndexMap<String, ReferenceOr<Schema>>>) -> Self {
        Types {
            schemas,
            defs: Vec::new(),
            taken: schemas
                .into_iter()
                .flat_map(|m| m.keys().cloned())
                .collect(),
            memo: HashMap::new(),
            notes: Vec::new(),
        }
    }

    /// Records something not carried into the types (once per place).
    pub fn note(&mut self, at: &Ptr, reason: &str) {
        let location = at.to_string();
        if !self.notes.iter().any(|n| n.location == location) {
            self.notes.push(Skipped {
                location,
                reason: reason.to_string(),
            });
        }
    }

    /// Reports what a schema says that the types do not check: `not`.
    fn note_unchecked(&mut self, any: &AnySchema, at: &Ptr) {
        if any.not.is_some() {
            self.note(&at.at("not"), NOT_CHECKED);
        }
    }

    /// Defines a union of the `oneOf`/`anyOf` of `any` under a name derived from `hint`.
    /// Returns its type and, when the alternatives are told apart by a tag, the tag property.
    pub fn define_union(
        &mut self,
        any: &AnySchema,
        data: &SchemaData,
        at: &Ptr,
        hint: &str,
        depth: usize,
    ) -> Result<(TypeRef, Option<String>)> {
        let name = self.derive_name(hint);
        let union = self.union(any, data, at, &name, depth)?;
        let tagged = union.variants.iter().all(|v| v.tag.is_some());
        let tag = union.discriminator.clone().filter(|_| tagged);
        self.push(
            name.clone(),
            NameOrigin::Derived,
            Docs::default(),
            at,
            TypeKind::Union(union),
        );
        Ok((TypeRef::Named(name), tag))
    }

    /// Lowers every component schema, in spec order.
    pub fn lower_components(&mut self) -> Result<()> {
        for (name, item) in self.schemas.into_iter().flatten() {
            let at = Ptr::component("schemas", name);
            let (docs, kind) = match item {
                ReferenceOr::Reference { reference } => {
                    let ty = self.type_ref(SchemaRef::Ref(reference), &at, name, 0)?;
                    (Docs::default(), TypeKind::Alias(ty))
                }
                ReferenceOr::Item(schema) => self.definition(schema, &at, name, 0)?,
            };
            self.push(name.clone(), NameOrigin::Spec, docs, &at, kind);
        }
        Ok(())
    }

    /// The collected types, after checking that no alias refers back to itself, and what
    /// was not carried into them.
    pub fn finish(mut self) -> Result<(Vec<TypeDef>, Vec<Skipped>)> {
        compose::check_alias_cycles(&self.defs)?;
        crate::any_of::decide(&mut self.defs);
        Ok((self.defs, self.notes))
    }

    /// The type of a schema or reference standing at `at`. Inline records, enums and unions
    /// are defined under a name derived from `hint`.
    pub fn type_ref(
        &mut self,
        schema: SchemaRef<'_>,
        at: &Ptr,
        hint: &str,
        depth: usize,
    ) -> Result<TypeRef> {
        if depth > MAX_DEPTH {
            return Err(Fault::new(
                at,
                format!("schemas nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        let schema = match schema {
            SchemaRef::Ref(reference) => {
                let name = refs::target(reference, Section::Schemas, &at.at("$ref"))?;
                refs::lookup(
                    self.schemas,
                    &name,
                    reference,
                    Section::Schemas,
                    &at.at("$ref"),
                )?;
                return Ok(TypeRef::Named(name));
            }
            SchemaRef::Inline(schema) => schema,
        };
        if let Some(known) = self.memo.get(at) {
            return Ok(known.clone());
        }
        let any = as_any(&schema.schema_kind);
        self.note_unchecked(&any, at);
        let ty = match classify(&any, at)? {
            Shape::Named(shape) => {
                let name = self.derive_name(hint);
                // Registered before lowering the parts, so that a part reaching this schema
                // again (through an `allOf` of a component) finds the name.
                self.memo.insert(at.clone(), TypeRef::Named(name.clone()));
                let (docs, kind) = self.named(&shape, schema, &any, at, &name, depth)?;
                self.push(name.clone(), NameOrigin::Derived, docs, at, kind);
                TypeRef::Named(name)
            }
            Shape::Plain(shape) => self.plain(shape, at, hint, depth)?,
        };
        self.memo.insert(at.clone(), ty.clone());
        Ok(ty)
    }

    /// The documentation and kind of a component schema named `name`.
    fn definition(
        &mut self,
        schema: &Schema,
        at: &Ptr,
        name: &str,
        depth: usize,
    ) -> Result<(Docs, TypeKind)> {
        let own = schema_docs(&schema.schema_data);
        let any = as_any(&schema.schema_kind);
        self.note_unchecked(&any, at);
        let (docs, kind) = match classify(&any, at)? {
            Shape::Named(shape) => self.named(&shape, schema, &any, at, name, depth)?,
            // `allOf` of one inline schema: that schema is the definition.
            Shape::Plain(Plain::Wrapper(SchemaRef::Inline(part))) => {
                let (part_docs, kind) =
                    self.definition(part, &at.at("allOf").at(0), name, depth + 1)?;
                (if own.is_empty() { part_docs } else { own }, kind)
            }
            Shape::Plain(shape) => (own, TypeKind::Alias(self.plain(shape, at, name, depth)?)),
        };
        Ok((docs, kind))
    }

    /// The documentation and kind of a named type.
    fn named(
        &mut self,
        shape: &Named,
        schema: &Schema,
        any: &AnySchema,
        at: &Ptr,
        name: &str,
        depth: usize,
    ) -> Result<(Docs, TypeKind)> {
        let docs = schema_docs(&schema.schema_data);
        Ok(match shape {
            Named::Object => (docs, TypeKind::Object(self.object(any, at, name, depth)?)),
            Named::Enum(repr) => (docs, TypeKind::Enum(enum_type(any, *repr, at)?)),
            Named::Union => {
                let union = self.union(any, &schema.schema_data, at, name, depth)?;
                (docs, TypeKind::Union(union))
            }
            Named::AllOf if compose::is_base_of_alternatives(self, any, at, name) => {
                let union = self.union(any, &schema.schema_data, at, name, depth)?;
                (docs, TypeKind::Union(union))
            }
            Named::AllOf => {
                let object = compose::all_of(self, any, &schema.schema_data, at, name, depth)?;
                (compose::all_of_docs(docs, any), TypeKind::Object(object))
            }
        })
    }

    /// A type reference for a shape that stays inline.
    fn plain(&mut self, shape: Plain<'_>, at: &Ptr, hint: &str, depth: usize) -> Result<TypeRef> {
        Ok(match shape {
            Plain::Any => TypeRef::Any,
            Plain::Primitive(p) => TypeRef::Primitive(p),
            Plain::Array(items) => TypeRef::Array(Box::new(match items {
                None => TypeRef::Any,
                Some(items) => {
                    self.type_ref(items, &at.at("items"), &format!("{hint} item"), depth + 1)?
                }
            })),
            Plain::Map(values) => TypeRef::Map(Box::new(match values {
                None => TypeRef::Any,
                Some(values) => self.type_ref(
                    values,
                    &at.at("additionalProperties"),
                    &format!("{hint} value"),
                    depth + 1,
                )?,
            })),
            Plain::Wrapper(part) => self.type_ref(part, &at.at("allOf").at(0), hint, depth + 1)?,
        })
    }

    /// A record from `properties`, `required` and `additionalProperties`.
    fn object(
        &mut self,
        any: &AnySchema,
        at: &Ptr,
        name: &str,
        depth: usize,
    ) -> Result<ObjectType> {
        let mut fields = Vec::with_capacity(any.properties.len());
        for (prop, schema) in &any.properties {
            let field_at = at.at("properties").at(prop);
            fields.push(self.field(prop, schema, &any.required, &field_at, name, depth)?);
        }
        Ok(ObjectType {
            fields,
            additional_properties: self.additional(any, at, name, depth)?,
            alternatives: None,
        })
    }

    /// One field of record `owner`.
    pub fn field(
        &mut self,
        prop: &str,
        schema: &ReferenceOr<Box<Schema>>,
        required: &[String],
        at: &Ptr,
        owner: &str,
        depth: usize,
    ) -> Result<Field> {
        let ty = self.type_ref(schema.into(), at, &format!("{owner} {prop}"), depth + 1)?;
        let data = match schema {
            ReferenceOr::Item(schema) => field_data(schema),
            ReferenceOr::Reference { .. } => SchemaData::default(),
        };
        Ok(Field {
            name: prop.to_string(),
            ty,
            required: required.iter().any(|r| r == prop),
            nullable: data.nullable,
            read_only: data.read_only,
            write_only: data.write_only,
            default: data.default.clone(),
            docs: schema_docs(&data),
            deprecated: data.deprecated,
            proto_number: None,
            oneof: None,
            json_name: None,
            proto_type: None,
            proto_map_key: None,
            presence: None,
            sizes: self.property_sizes(schema),
        })
    }

    /// The type of additional properties of a record, if they are allowed.
    pub fn additional(
        &mut self,
        any: &AnySchema,
        at: &Ptr,
        owner: &str,
        depth: usize,
    ) -> Result<Option<TypeRef>> {
        Ok(match &any.additional_properties {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Any),
            Some(AdditionalProperties::Schema(schema)) => Some(self.type_ref(
                (&**schema).into(),
                &at.at("additionalProperties"),
                &format!("{owner} value"),
                depth + 1,
            )?),
        })
    }

    /// A union from `oneOf`/`anyOf`, with tags from the discriminator.
    pub(crate) fn union(
        &mut self,
        any: &AnySchema,
        data: &SchemaData,
        at: &Ptr,
        name: &str,
        depth: usize,
    ) -> Result<UnionType> {
        let (key, alternatives) = match any.one_of.is_empty() {
            false => ("oneOf", &any.one_of),
            true => ("anyOf", &any.any_of),
        };
        let discriminator = data.discriminator.as_ref();
        // Mapping inverted: schema name → tag (the first tag naming a schema wins).
        let mut tags: Vec<(String, String)> = Vec::new();
        for (tag, target) in discriminator.iter().flat_map(|d| &d.mapping) {
            let target = if target.starts_with('#') || target.contains('/') {
                let at = at.at("discriminator").at("mapping").at(tag);
                refs::target(target, Section::Schemas, &at)?
            } else {
                target.clone()
            };
            if !tags.iter().any(|(schema, _)| *schema == target) {
                tags.push((target, tag.clone()));
            }
        }
        let mut variants = Vec::with_capacity(alternatives.len());
        for (i, alternative) in alternatives.iter().enumerate() {
            let alt_at = at.at(key).at(i);
            let variant = match alternative {
                ReferenceOr::Reference { reference } => {
                    let ty = self.type_ref(SchemaRef::Ref(reference), &alt_at, name, depth + 1)?;
                    let target = refs::target(reference, Section::Schemas, &alt_at.at("$ref"))?;
                    let tag = discriminator.map(|_| {
                        tags.iter()
                            .find(|(schema, _)| *schema == target)
                            .map_or_else(|| target.clone(), |(_, tag)| tag.clone())
                    });
                    UnionVariant {
                        name: target,
                        tag,
                        ty,
                    }
                }
                ReferenceOr::Item(schema) => {
                    let mut label =
                        variant_label(schema).unwrap_or_else(|| format!("variant {}", i + 1));
                    let mut n = 1;
                    while variants.iter().any(|v: &UnionVariant| v.name == label) {
                        n += 1;
                        label = format!("{label} {n}");
                    }
                    let hint = format!("{name} {label}");
                    let ty = self.type_ref(SchemaRef::Inline(schema), &alt_at, &hint, depth + 1)?;
                    UnionVariant {
                        name: label,
                        tag: None,
                        ty,
                    }
                }
            };
            variants.push(variant);
        }
        // `anyOf` is read as exclusive here; [`crate::any_of::decide`] tells, once every type
        // is known, which of them are "any subset".
        let matches = match key {
            "oneOf" => UnionMatch::ExactlyOne,
            _ => UnionMatch::AnyExclusive,
        };
        Ok(UnionType {
            discriminator: discriminator.map(|d| d.property_name.clone()),
            matches,
            variants,
        })
    }

    /// Follows references to a schema; `at` is where `schema` stands.
    pub fn resolve<'s>(&self, schema: SchemaRef<'s>, at: &Ptr) -> Result<Option<Found<'s>>>
    where
        'a: 's,
    {
        let reference = match schema {
            SchemaRef::Inline(_) => return Ok(None),
            SchemaRef::Ref(reference) => reference,
        };
        let name = refs::target(reference, Section::Schemas, &at.at("$ref"))?;
        let item = refs::lookup(
            self.schemas,
            &name,
            reference,
            Section::Schemas,
            &at.at("$ref"),
        )?;
        let component = Ptr::component("schemas", &name);
        let found = refs::resolve(self.schemas, item, Section::Schemas, &component)?;
        Ok(Some(Found {
            schema: found.item,
            ptr: found.ptr,
            name: found.name.unwrap_or(name),
        }))
    }

    /// The default value a schema declares, looking through references.
    pub fn default_of(&self, schema: SchemaRef<'_>, at: &Ptr) -> Result<Option<Value>> {
        Ok(match schema {
            SchemaRef::Inline(schema) => schema.schema_data.default.clone(),
            SchemaRef::Ref(_) => self
                .resolve(schema, at)?
                .and_then(|found| found.schema.schema_data.default.clone()),
        })
    }

    /// A fresh name: `hint`, or `hint 2`, `hint 3`… if taken.
    fn derive_name(&mut self, hint: &str) -> String {
        let mut name = hint.to_string();
        let mut n = 1;
        while self.taken.contains(&name) {
            n += 1;
            name = format!("{hint} {n}");
        }
        self.taken.insert(name.clone());
        name
    }

    /// Records a type definition.
    fn push(&mut self, name: String, origin: NameOrigin, docs: Docs, at: &Ptr, kind: TypeKind) {
        self.defs.push(TypeDef {
            name,
            name_origin: origin,
            namespace: Vec::new(),
            docs,
            location: at.to_string(),
            kind,
        });
    }
}

/// The annotations of a field's schema, completed by those of `allOf` parts that only
/// annotate (`allOf: [{$ref: X}, {description: …, nullable: true}]`).
fn field_data(schema: &Schema) -> SchemaData {
    let mut data = schema.schema_data.clone();
    let parts: &[ReferenceOr<Schema>] = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => &[],
    };
    for part in parts.iter().filter(|p| is_annotation(p)) {
        let ReferenceOr::Item(part) = part else {
            continue;
        };
        let part = &part.schema_data;
        data.nullable |= part.nullable;
        data.read_only |= part.read_only;
        data.write_only |= part.write_only;
        data.deprecated |= part.deprecated;
        if data.title.is_none() {
            data.title = part.title.clone();
        }
        if data.description.is_none() {
            data.description = part.description.clone();
        }
        if data.default.is_none() {
            data.default = part.default.clone();
        }
    }
    data
}

/// A name for an inline alternative of a union, from what it is: its `title`, the first
/// property it requires (`radius`), its type (`integer`, `list`); `None` when nothing tells.
fn variant_label(schema: &Schema) -> Option<String> {
    if let Some(title) = schema.schema_data.title.as_deref().map(str::trim) {
        if !title.is_empty() {
            return Some(title.to_string());
        }
    }
    let any = as_any(&schema.schema_kind);
    if let Some(first) = any
        .required
        .first()
        .or_else(|| any.properties.keys().next())
    {
        return Some(format!("with {first}"));
    }
    let has_values = any.enumeration.iter().any(|v| !v.is_null());
    match any.typ.as_deref() {
        Some("array") => Some("list".to_string()),
        Some(t @ ("string" | "integer" | "number" | "boolean")) if has_values => {
            Some(format!("{t} value"))
        }
        Some(t @ ("string" | "integer" | "number" | "boolean")) => Some(t.to_string()),
        Some("object") => Some("object".to_string()),
        _ => None,
    }
}

/// Documentation of a schema: `title` as summary, `description`.
pub(crate) fn schema_docs(data: &SchemaData) -> Docs {
    docs(data.title.as_deref(), data.description.as_deref())
}

/// An enumeration from `enum` (nulls skipped, duplicates dropped).
fn enum_type(any: &AnySchema, repr: EnumRepr, at: &Ptr) -> Result<EnumType> {
    let mut values: Vec<EnumValue> = Vec::with_capacity(any.enumeration.len());
    for (i, value) in any.enumeration.iter().enumerate() {
        let text = match (value, repr) {
            (Value::Null, _) => continue,
            (Value::String(s), EnumRepr::String) => s.clone(),
            (Value::Number(n), EnumRepr::String) => n.to_string(),
            (Value::Bool(b), EnumRepr::String) => b.to_string(),
            (Value::Number(n), EnumRepr::Integer) if n.is_i64() || n.is_u64() => n.to_string(),
            (Value::Number(n), EnumRepr::Number) if n.as_f64().is_some_and(f64::is_finite) => {
                n.to_string()
            }
            (Value::Bool(b), EnumRepr::Boolean) => b.to_string(),
            _ => {
                let expected = match repr {
                    EnumRepr::String => "a string",
                    EnumRepr::Integer => "an integer",
                    EnumRepr::Number => "a number",
                    EnumRepr::Boolean => "a boolean",
                };
                return Err(Fault::new(
                    &at.at("enum").at(i),
                    format!("enum value {value} is not {expected}"),
                ));
            }
        };
        if !values.iter().any(|v| v.value == text) {
            values.push(EnumValue {
                value: text,
                number: None,
                docs: Docs::default(),
            });
        }
    }
    Ok(EnumType { repr, values })
}
