//! IR types → JSON Schema (OpenAPI 3.1): named types become `components/schemas` (their IR
//! name is the key) except the ones the frontend derived from an inline schema, which are
//! written inline again where they are used once, so that reading the document back derives
//! them the same way.

use std::collections::{HashMap, HashSet};

use apigen_ir::{
    Api, Constraints, Docs, EnumRepr, EnumType, Field, FieldPresence, NameOrigin, ObjectType,
    Primitive, PrimitiveKind, Sizes, TypeDef, TypeKind, TypeRef, UnionType,
};

use crate::json::{Json, Object};
use crate::Error;

/// Where component schemas are referenced from.
pub(crate) const COMPONENTS: &str = "#/components/schemas/";

/// Writes the schemas of one API.
pub(crate) struct Schemas<'a> {
    api: &'a Api,
    /// Derived types written inline at their one use.
    inline: HashSet<&'a str>,
    /// Derived types being written inline now (a type reaching itself becomes a `$ref`).
    stack: Vec<&'a str>,
    /// Derived types a `$ref` had to name because they reach themselves: written as
    /// components too ([`Schemas::take_forced`]).
    forced: std::collections::BTreeSet<&'a str>,
    /// Protobuf JSON mapping: the request body messages, whose required fields the generated
    /// server refuses at their default value.
    requests: HashSet<&'a str>,
    /// Protobuf JSON mapping: the messages only answers reach (written without `required`).
    answer_only: std::collections::BTreeSet<String>,
}

impl<'a> Schemas<'a> {
    /// The writer for `api`: finds the derived types used exactly once.
    pub fn new(api: &'a Api) -> Self {
        let mut uses: HashMap<&'a str, usize> = HashMap::new();
        let mut count =
            |ty: &'a TypeRef| visit(ty, &mut |name| *uses.entry(name).or_default() += 1);
        for def in &api.types {
            match &def.kind {
                TypeKind::Object(o) => {
                    o.fields.iter().for_each(|f| count(&f.ty));
                    o.additional_properties.iter().for_each(&mut count);
                    o.alternatives.iter().for_each(&mut count);
                }
                TypeKind::Union(u) => u.variants.iter().for_each(|v| count(&v.ty)),
                TypeKind::Alias(ty) => count(ty),
                TypeKind::Enum(_) => {}
            }
        }
        for op in api.operations() {
            op.parameters.iter().for_each(|p| count(&p.ty));
            op.request_body.iter().for_each(|b| count(&b.ty));
            for r in &op.responses {
                r.body.iter().for_each(|b| count(&b.ty));
                r.headers.iter().for_each(|h| count(&h.ty));
            }
        }
        let inline = api
            .types
            .iter()
            .filter(|t| t.name_origin == NameOrigin::Derived)
            .filter(|t| uses.get(t.name.as_str()) == Some(&1))
            .map(|t| t.name.as_str())
            .collect();
        let requests = if api.json_mapping.is_plain() {
            HashSet::new()
        } else {
            api.operations()
                .filter_map(|op| match op.request_body.as_ref().map(|b| &b.ty) {
                    Some(TypeRef::Named(name)) => Some(name.as_str()),
                    _ => None,
                })
                .collect()
        };
        let answer_only = if api.json_mapping.is_plain() {
            Default::default()
        } else {
            crate::answer_only_types(api)
        };
        Schemas {
            api,
            inline,
            stack: Vec::new(),
            forced: Default::default(),
            requests,
            answer_only,
        }
    }

    /// The types written as components, in the IR's order.
    pub fn components(&self) -> impl Iterator<Item = &'a TypeDef> + '_ {
        self.api
            .types
            .iter()
            .filter(|t| !self.inline.contains(t.name.as_str()))
    }

    /// The derived types that were to be inline but a `$ref` names (a type reaching itself),
    /// taken out: the caller writes them as components.
    pub fn take_forced(&mut self) -> Vec<&'a TypeDef> {
        let names = std::mem::take(&mut self.forced);
        names
            .into_iter()
            .filter_map(|n| self.api.type_def(n))
            .collect()
    }

    /// The schema of a derived type written as a component although it was to be inline
    /// (its references inside stay `$ref`s).
    pub fn forced_component(&mut self, def: &'a TypeDef) -> Result<Object, Error> {
        self.stack.push(&def.name);
        let schema = self.definition(def);
        self.stack.pop();
        schema
    }

    /// The schema of a reference to a type.
    pub fn type_ref(&mut self, ty: &'a TypeRef) -> Result<Object, Error> {
        Ok(match ty {
            TypeRef::Named(name) => {
                let def = self
                    .api
                    .type_def(name)
                    .ok_or_else(|| Error::UnknownType { name: name.clone() })?;
                if self.inline.contains(name.as_str()) && !self.stack.contains(&name.as_str()) {
                    self.stack.push(name);
                    let schema = self.definition(def);
                    self.stack.pop();
                    schema?
                } else {
                    if self.inline.contains(name.as_str()) {
                        self.forced.insert(&def.name);
                    }
                    reference(&component_key(def))
                }
            }
            TypeRef::Primitive(p) => primitive(p),
            TypeRef::Array(item) => Object::new()
                .with("type", "array")
                .with("items", self.type_ref(item)?),
            TypeRef::Map(value) => Object::new()
                .with("type", "object")
                .with("additionalProperties", self.type_ref(value)?),
            TypeRef::Any => Object::new(),
            TypeRef::Unit => Object::new().with("type", "object"),
        })
    }

    /// The schema of a named type's definition, with its docs.
    pub fn definition(&mut self, def: &'a TypeDef) -> Result<Object, Error> {
        let mut schema = Object::new();
        docs(&mut schema, &def.docs);
        let body = match &def.kind {
            TypeKind::Object(o) => {
                let request = self.requests.contains(def.name.as_str());
                let answer_only = self.answer_only.contains(&def.name);
                self.object(o, request, answer_only)?
            }
            TypeKind::Enum(e) if !self.api.json_mapping.is_plain() => protobuf_enumeration(e),
            TypeKind::Enum(e) => enumeration(e),
            TypeKind::Union(u) => self.union(u)?,
            TypeKind::Alias(ty) => self.type_ref(ty)?,
        };
        for (k, v) in body.into_entries() {
            schema.insert(k, v);
        }
        Ok(schema)
    }

    /// A record; `request`: a protobuf request body, whose required fields must not hold
    /// their default value; `answer_only`: a protobuf message only answered (no `required`).
    fn object(
        &mut self,
        o: &'a ObjectType,
        request: bool,
        answer_only: bool,
    ) -> Result<Object, Error> {
        let mut schema = Object::new().with("type", "object");
        let mut properties = Object::new();
        for field in &o.fields {
            let mut property = self.field(field)?;
            if request && field.required && field.presence == Some(FieldPresence::Implicit) {
                self.not_default(&mut property, &field.ty);
            }
            properties.insert(field.name.clone(), property);
        }
        let required: Vec<Json> = o
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| Json::from(f.name.as_str()))
            .collect();
        if !properties.is_empty() {
            schema.insert("properties", properties);
        }
        if !required.is_empty() && !answer_only {
            schema.insert("required", required);
        }
        if let Some(extra) = &o.additional_properties {
            schema.insert("additionalProperties", self.type_ref(extra)?);
        }
        if let Some(alternatives) = &o.alternatives {
            let union = match alternatives {
                TypeRef::Named(name) => match self.api.type_def(name).map(|d| &d.kind) {
                    Some(TypeKind::Union(u)) => u,
                    Some(_) | None => return Err(Error::UnknownType { name: name.clone() }),
                },
                _ => {
                    return Err(Error::UnknownType {
                        name: "alternatives".into(),
                    })
                }
            };
            for (k, v) in self.union(union)?.into_entries() {
                schema.insert(k, v);
            }
        }
        Ok(schema)
    }

    /// A property: the field's type with its annotations. With protobuf's JSON mapping an
    /// optional field also allows `null`, which reads as "not set".
    fn field(&mut self, field: &'a Field) -> Result<Object, Error> {
        let mut schema = self.type_ref(&field.ty)?;
        sizes(&mut schema, &field.sizes);
        // proto3 JSON reads `null` as "not set" (the default) for any field but a `Value`.
        let protobuf_unset = !self.api.json_mapping.is_plain() && !field.required;
        if (field.nullable || protobuf_unset) && !schema.is_empty() {
            schema = nullable(schema);
        }
        let mut annotated = Object::new();
        docs(&mut annotated, &field.docs);
        for (k, v) in schema.into_entries() {
            annotated.insert(k, v);
        }
        if let Some(default) = &field.default {
            annotated.insert("default", default.clone());
        }
        if field.read_only {
            annotated.insert("readOnly", true);
        }
        if field.write_only {
            annotated.insert("writeOnly", true);
        }
        if field.deprecated {
            annotated.insert("deprecated", true);
        }
        Ok(annotated)
    }

    /// Narrows the schema of a required implicit-presence field of a protobuf request to
    /// values other than the default, which the generated server refuses as "not set" (proto3
    /// JSON cannot tell `""` from absent): strings and bytes at least one character, numbers
    /// not 0, booleans `true`, enums not their zero value.
    fn not_default(&self, schema: &mut Object, ty: &TypeRef) {
        let not = |value: serde_json::Value| Object::new().with("const", value);
        match ty {
            TypeRef::Primitive(p) => match p.kind {
                PrimitiveKind::String | PrimitiveKind::Base64 | PrimitiveKind::FieldMask
                    if p.constraints.min_length.unwrap_or(0) == 0 =>
                {
                    schema.insert("minLength", 1u64)
                }
                PrimitiveKind::Int64String => schema.insert("pattern", "^-?0*[1-9][0-9]*$"),
                PrimitiveKind::Uint64String => schema.insert("pattern", "^0*[1-9][0-9]*$"),
                PrimitiveKind::Boolean => schema.insert("const", true),
                PrimitiveKind::Int32
                | PrimitiveKind::Int64
                | PrimitiveKind::Uint32
                | PrimitiveKind::Uint64
                | PrimitiveKind::Float
                | PrimitiveKind::Double => schema.insert("not", not(0.into())),
                _ => {}
            },
            TypeRef::Named(name) => {
                if let Some(TypeDef {
                    kind: TypeKind::Enum(e),
                    ..
                }) = self.api.type_def(name)
                {
                    let zero = e
                        .values
                        .iter()
                        .find(|v| v.number == Some(0))
                        .or(e.values.first());
                    if let Some(zero) = zero {
                        let mut values = vec![Json::from(zero.value.as_str())];
                        values.extend(zero.number.map(|n| Json::Value(n.into())));
                        schema.insert("not", Object::new().with("enum", values));
                    }
                }
            }
            _ => {}
        }
    }

    fn union(&mut self, u: &'a UnionType) -> Result<Object, Error> {
        let mut variants = Vec::with_capacity(u.variants.len());
        let mut mapping = Object::new();
        for v in &u.variants {
            let schema = self.type_ref(&v.ty)?;
            if let (Some(tag), Some(Json::Value(serde_json::Value::String(target)))) =
                (&v.tag, schema.get("$ref"))
            {
                mapping.insert(tag.clone(), target.clone());
            }
            variants.push(Json::from(schema));
        }
        let keyword = if u.matches.is_any_of() { "anyOf" } else { "oneOf" };
        let mut schema = Object::new().with(keyword, variants);
        if let Some(property) = &u.discriminator {
            let mut d = Object::new().with("propertyName", property.as_str());
            if !mapping.is_empty() {
                d.insert("mapping", mapping);
            }
            schema.insert("discriminator", d);
        }
        Ok(schema)
    }
}

/// Calls `f` with every type name `ty` mentions.
fn visit<'a>(ty: &'a TypeRef, f: &mut impl FnMut(&'a str)) {
    match ty {
        TypeRef::Named(name) => f(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) => visit(inner, f),
        TypeRef::Primitive(_) | TypeRef::Any | TypeRef::Unit => {}
    }
}

/// The key of a type under `components/schemas`: its IR name. Names the spec chose are the
/// spec's own keys; a derived name (`Group datacenter`, written as a component only when the
/// IR uses the type in more than one place, as `allOf` merging does) is kept as it is too, so
/// that reading the document back gives the type the same name.
pub(crate) fn component_key(def: &TypeDef) -> String {
    def.name.clone()
}

/// A `$ref` to a component schema (the key escaped as a JSON pointer token).
pub(crate) fn reference(key: &str) -> Object {
    let token = key.replace('~', "~0").replace('/', "~1");
    Object::new().with("$ref", format!("{COMPONENTS}{token}"))
}

/// `title` and `description` from docs.
pub(crate) fn docs(schema: &mut Object, docs: &Docs) {
    if let Some(summary) = &docs.summary {
        schema.insert("title", summary.as_str());
    }
    if let Some(description) = &docs.description {
        schema.insert("description", description.as_str());
    }
}

/// The same schema that also allows `null`.
fn nullable(mut schema: Object) -> Object {
    match schema.get_mut("type") {
        Some(Json::Value(serde_json::Value::String(t))) => {
            let t = std::mem::take(t);
            schema.insert("type", vec![Json::from(t), Json::from("null")]);
            if let Some(Json::Array(values)) = schema.get_mut("enum") {
                values.push(Json::Value(serde_json::Value::Null));
            }
            schema
        }
        _ => Object::new().with(
            "anyOf",
            vec![
                Json::from(schema),
                Object::new().with("type", "null").into(),
            ],
        ),
    }
}

/// The size keywords of a list or map.
fn sizes(schema: &mut Object, sizes: &Sizes) {
    let mut set = |k: &str, v: Option<u64>| {
        if let Some(v) = v {
            schema.insert(k, v);
        }
    };
    set("minItems", sizes.min_items);
    set("maxItems", sizes.max_items);
    set("minProperties", sizes.min_properties);
    set("maxProperties", sizes.max_properties);
    if sizes.unique_items {
        schema.insert("uniqueItems", true);
    }
}

fn enumeration(e: &EnumType) -> Object {
    let (ty, values): (&str, Vec<Json>) = match e.repr {
        EnumRepr::String => (
            "string",
            e.values
                .iter()
                .map(|v| Json::from(v.value.as_str()))
                .collect(),
        ),
        EnumRepr::Integer => (
            "integer",
            e.values
                .iter()
                .map(|v| match v.value.parse::<i64>() {
                    Ok(n) => Json::Value(n.into()),
                    Err(_) => Json::from(v.value.as_str()),
                })
                .collect(),
        ),
        EnumRepr::Number => (
            "number",
            e.values
                .iter()
                .map(|v| match v.value.parse::<f64>() {
                    Ok(n) => Json::Value(n.into()),
                    Err(_) => Json::from(v.value.as_str()),
                })
                .collect(),
        ),
        EnumRepr::Boolean => (
            "boolean",
            e.values
                .iter()
                .map(|v| Json::Value((v.value == "true").into()))
                .collect(),
        ),
    };
    Object::new().with("type", ty).with("enum", values)
}

/// A proto enum: its value names (what answers carry), or, as proto3 JSON readers also accept,
/// their numbers.
fn protobuf_enumeration(e: &EnumType) -> Object {
    let numbers: Vec<Json> = e
        .values
        .iter()
        .filter_map(|v| v.number)
        .map(|n| Json::Value(n.into()))
        .collect();
    if numbers.is_empty() {
        return enumeration(e);
    }
    let by_number = Object::new()
        .with("type", "integer")
        .with("enum", numbers)
        .with("description", "The same values by number.");
    Object::new().with(
        "anyOf",
        vec![Json::from(enumeration(e)), Json::from(by_number)],
    )
}

/// A primitive's JSON form: its type, format and constraints. The protobuf-only kinds are
/// strings with the format and pattern of their proto3 JSON form.
fn primitive(p: &Primitive) -> Object {
    let (ty, format, pattern) = match p.kind {
        PrimitiveKind::String => ("string", None, None),
        PrimitiveKind::Boolean => ("boolean", None, None),
        PrimitiveKind::Int32 => ("integer", Some("int32"), None),
        PrimitiveKind::Int64 => ("integer", Some("int64"), None),
        PrimitiveKind::Uint32 => ("integer", Some("uint32"), None),
        PrimitiveKind::Uint64 => ("integer", Some("uint64"), None),
        PrimitiveKind::Int64String => ("string", Some("int64"), Some("^-?[0-9]+$")),
        PrimitiveKind::Uint64String => ("string", Some("uint64"), Some("^[0-9]+$")),
        PrimitiveKind::Float => ("number", Some("float"), None),
        PrimitiveKind::Double => ("number", Some("double"), None),
        PrimitiveKind::DateTime => ("string", Some("date-time"), None),
        PrimitiveKind::Date => ("string", Some("date"), None),
        PrimitiveKind::Uuid => ("string", Some("uuid"), None),
        PrimitiveKind::Base64 => ("string", Some("byte"), None),
        PrimitiveKind::Binary => ("string", Some("binary"), None),
        PrimitiveKind::Duration => (
            "string",
            Some("google-duration"),
            Some("^-?[0-9]+(\\.[0-9]{1,9})?s$"),
        ),
        PrimitiveKind::FieldMask => ("string", Some("google-fieldmask"), None),
    };
    let mut schema = Object::new().with("type", ty);
    if let Some(format) = format {
        schema.insert("format", format);
    }
    constraints(&mut schema, &p.constraints);
    if let (Some(pattern), None) = (pattern, &p.constraints.pattern) {
        schema.insert("pattern", pattern);
    }
    schema
}

fn constraints(schema: &mut Object, c: &Constraints) {
    if let Some(min) = c.minimum {
        let key = if c.exclusive_minimum {
            "exclusiveMinimum"
        } else {
            "minimum"
        };
        schema.insert(key, Json::number(min));
    }
    if let Some(max) = c.maximum {
        let key = if c.exclusive_maximum {
            "exclusiveMaximum"
        } else {
            "maximum"
        };
        schema.insert(key, Json::number(max));
    }
    if let Some(n) = c.min_length {
        schema.insert("minLength", n);
    }
    if let Some(n) = c.max_length {
        schema.insert("maxLength", n);
    }
    if let Some(p) = &c.pattern {
        schema.insert("pattern", p.as_str());
    }
    if let Some(m) = c.multiple_of {
        schema.insert("multipleOf", Json::number(m));
    }
}
