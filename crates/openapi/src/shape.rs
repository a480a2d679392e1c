//! What a schema is, independent of how `openapiv3` happened to parse it: every
//! [`SchemaKind`] is viewed as an [`AnySchema`], then classified into a [`Shape`].

use std::borrow::Cow;

use apigen_ir::{Constraints, EnumRepr, Primitive, PrimitiveKind};
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, IntegerType, NumberType, ObjectType, ReferenceOr,
    Schema, SchemaKind, StringType, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::error::{Fault, Result};
use crate::pointer::Ptr;
use crate::refs::SchemaRef;

/// How a schema lowers: to a named type, or to a plain type reference.
pub(crate) enum Shape<'s> {
    /// A shape that becomes a named type.
    Named(Named),
    /// A shape that stays inline as a type reference.
    Plain(Plain<'s>),
}

/// Shapes that become named types.
pub(crate) enum Named {
    /// A record.
    Object,
    /// An enumeration.
    Enum(EnumRepr),
    /// `oneOf`/`anyOf`.
    Union,
    /// `allOf` of several parts, merged into one record; or `oneOf`/`anyOf` beside
    /// `properties` or `allOf`: a record with flattened alternatives.
    AllOf,
}

/// Shapes that stay inline.
pub(crate) enum Plain<'s> {
    /// Free-form: any JSON value.
    Any,
    /// A primitive value.
    Primitive(Primitive),
    /// A list; items default to any value.
    Array(Option<SchemaRef<'s>>),
    /// A map with string keys; values default to any value.
    Map(Option<SchemaRef<'s>>),
    /// `allOf` of exactly one part and nothing else: the part itself.
    Wrapper(SchemaRef<'s>),
}

/// Classifies a schema standing at `at`. A `not` is ignored here (the caller reports it).
pub(crate) fn classify<'s>(any: &'s AnySchema, at: &Ptr) -> Result<Shape<'s>> {
    let union = !any.one_of.is_empty() || !any.any_of.is_empty();
    if union {
        if !any.one_of.is_empty() && !any.any_of.is_empty() {
            return Err(Fault::new(
                at,
                "`oneOf` together with `anyOf` is not supported",
            ));
        }
        if !any.properties.is_empty() || !any.all_of.is_empty() {
            return Ok(Shape::Named(Named::AllOf));
        }
        return Ok(Shape::Named(Named::Union));
    }
    if any.properties.is_empty() && any.additional_properties.is_none() {
        // `allOf` of one schema, possibly beside parts that only annotate it
        // (`description`, `example`, `nullable`…): the schema itself.
        let mut parts = any.all_of.iter().filter(|p| !is_annotation(p));
        match (any.all_of.as_slice(), parts.next(), parts.next()) {
            ([only], _, _) | (_, Some(only), None) => {
                return Ok(Shape::Plain(Plain::Wrapper(only.into())))
            }
            _ => {}
        }
    }
    if !any.all_of.is_empty() {
        return Ok(Shape::Named(Named::AllOf));
    }
    let has_values = any.enumeration.iter().any(|v| !v.is_null());
    match any.typ.as_deref() {
        Some("string") | None if has_values => {
            return Ok(Shape::Named(Named::Enum(EnumRepr::String)))
        }
        Some("integer") if has_values => return Ok(Shape::Named(Named::Enum(EnumRepr::Integer))),
        Some("number") if has_values => return Ok(Shape::Named(Named::Enum(EnumRepr::Number))),
        Some("boolean") if has_values => return Ok(Shape::Named(Named::Enum(EnumRepr::Boolean))),
        _ => {}
    }
    let objectish = !any.properties.is_empty() || any.additional_properties.is_some();
    match any.typ.as_deref() {
        Some("string" | "integer" | "number" | "boolean") => {
            Ok(Shape::Plain(Plain::Primitive(primitive(any))))
        }
        Some("array") => Ok(Shape::Plain(Plain::Array(
            any.items.as_ref().map(SchemaRef::from),
        ))),
        None if any.items.is_some() => Ok(Shape::Plain(Plain::Array(
            any.items.as_ref().map(SchemaRef::from),
        ))),
        Some("object") | None if objectish || any.typ.is_some() => {
            if !any.properties.is_empty() {
                return Ok(Shape::Named(Named::Object));
            }
            match &any.additional_properties {
                None | Some(AdditionalProperties::Any(true)) => Ok(Shape::Plain(Plain::Map(None))),
                Some(AdditionalProperties::Schema(s)) => {
                    Ok(Shape::Plain(Plain::Map(Some((&**s).into()))))
                }
                Some(AdditionalProperties::Any(false)) => Ok(Shape::Named(Named::Object)),
            }
        }
        None => Ok(Shape::Plain(Plain::Any)),
        Some(other) => Err(Fault::new(
            &at.at("type"),
            format!("unsupported schema type \"{other}\""),
        )),
    }
}

/// Whether an `allOf` part only annotates (documents) the others: no type, no structure.
pub(crate) fn is_annotation(part: &ReferenceOr<Schema>) -> bool {
    match part {
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Any(any) => {
                any.typ.is_none()
                    && any.properties.is_empty()
                    && any.required.is_empty()
                    && any.additional_properties.is_none()
                    && any.items.is_none()
                    && any.enumeration.is_empty()
                    && any.all_of.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none()
            }
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

/// The primitive a `string`/`integer`/`number`/`boolean` schema describes. Unknown formats
/// fall back to the base kind.
fn primitive(any: &AnySchema) -> Primitive {
    let format = any.format.as_deref();
    let kind = match (any.typ.as_deref(), format) {
        (Some("string"), Some("date-time")) => PrimitiveKind::DateTime,
        (Some("string"), Some("date")) => PrimitiveKind::Date,
        (Some("string"), Some("uuid")) => PrimitiveKind::Uuid,
        (Some("string"), Some("byte")) => PrimitiveKind::Base64,
        (Some("string"), Some("binary")) => PrimitiveKind::Binary,
        (Some("integer"), Some("int32")) => PrimitiveKind::Int32,
        (Some("integer"), Some("uint32")) => PrimitiveKind::Uint32,
        (Some("integer"), Some("uint64")) => PrimitiveKind::Uint64,
        (Some("integer"), _) => PrimitiveKind::Int64,
        (Some("number"), Some("float")) => PrimitiveKind::Float,
        (Some("number"), _) => PrimitiveKind::Double,
        (Some("boolean"), _) => PrimitiveKind::Boolean,
        _ => PrimitiveKind::String,
    };
    Primitive {
        kind,
        constraints: Constraints {
            minimum: any.minimum,
            exclusive_minimum: any.exclusive_minimum.unwrap_or(false),
            maximum: any.maximum,
            exclusive_maximum: any.exclusive_maximum.unwrap_or(false),
            min_length: any.min_length.map(|n| n as u64),
            max_length: any.max_length.map(|n| n as u64),
            pattern: any.pattern.clone(),
            multiple_of: any.multiple_of.filter(|m| *m > 0.0),
        },
    }
}

/// The size limits a list or map schema declares.
pub(crate) fn sizes(any: &AnySchema) -> apigen_ir::Sizes {
    let n = |v: Option<usize>| v.map(|v| v as u64);
    apigen_ir::Sizes {
        min_items: n(any.min_items).filter(|m| *m > 0),
        max_items: n(any.max_items),
        unique_items: any.unique_items.unwrap_or(false),
        min_properties: n(any.min_properties).filter(|m| *m > 0),
        max_properties: n(any.max_properties),
    }
}

/// Views any schema kind as an [`AnySchema`] (borrowed when it already is one).
pub(crate) fn as_any(kind: &SchemaKind) -> Cow<'_, AnySchema> {
    let any = match kind {
        SchemaKind::Any(any) => return Cow::Borrowed(any),
        SchemaKind::Type(Type::String(s)) => string(s),
        SchemaKind::Type(Type::Number(n)) => number(n),
        SchemaKind::Type(Type::Integer(i)) => integer(i),
        SchemaKind::Type(Type::Object(o)) => object(o),
        SchemaKind::Type(Type::Array(a)) => array(a),
        SchemaKind::Type(Type::Boolean(b)) => AnySchema {
            typ: Some("boolean".into()),
            enumeration: b
                .enumeration
                .iter()
                .map(|v| v.map_or(Value::Null, Value::Bool))
                .collect(),
            ..AnySchema::default()
        },
        SchemaKind::OneOf { one_of } => AnySchema {
            one_of: one_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::AnyOf { any_of } => AnySchema {
            any_of: any_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::AllOf { all_of } => AnySchema {
            all_of: all_of.clone(),
            ..AnySchema::default()
        },
        SchemaKind::Not { not } => AnySchema {
            not: Some(not.clone()),
            ..AnySchema::default()
        },
    };
    Cow::Owned(any)
}

/// The text of a `format`.
fn format_text<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string)),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn string(s: &StringType) -> AnySchema {
    AnySchema {
        typ: Some("string".into()),
        format: format_text(&s.format),
        pattern: s.pattern.clone(),
        enumeration: s
            .enumeration
            .iter()
            .map(|v| v.clone().map_or(Value::Null, Value::String))
            .collect(),
        min_length: s.min_length,
        max_length: s.max_length,
        ..AnySchema::default()
    }
}

fn number(n: &NumberType) -> AnySchema {
    AnySchema {
        typ: Some("number".into()),
        format: format_text(&n.format),
        exclusive_minimum: Some(n.exclusive_minimum),
        exclusive_maximum: Some(n.exclusive_maximum),
        minimum: n.minimum,
        maximum: n.maximum,
        multiple_of: n.multiple_of,
        enumeration: n
            .enumeration
            .iter()
            .map(|v| v.map_or(Value::Null, Value::from))
            .collect(),
        ..AnySchema::default()
    }
}

fn integer(i: &IntegerType) -> AnySchema {
    AnySchema {
        typ: Some("integer".into()),
        format: format_text(&i.format),
        exclusive_minimum: Some(i.exclusive_minimum),
        exclusive_maximum: Some(i.exclusive_maximum),
        minimum: i.minimum.map(|v| v as f64),
        maximum: i.maximum.map(|v| v as f64),
        multiple_of: i.multiple_of.map(|v| v as f64),
        enumeration: i
            .enumeration
            .iter()
            .map(|v| v.map_or(Value::Null, Value::from))
            .collect(),
        ..AnySchema::default()
    }
}

fn object(o: &ObjectType) -> AnySchema {
    AnySchema {
        typ: Some("object".into()),
        properties: o.properties.clone(),
        required: o.required.clone(),
        additional_properties: o.additional_properties.clone(),
        min_properties: o.min_properties,
        max_properties: o.max_properties,
        ..AnySchema::default()
    }
}

fn array(a: &ArrayType) -> AnySchema {
    AnySchema {
        typ: Some("array".into()),
        items: a.items.clone(),
        min_items: a.min_items,
        max_items: a.max_items,
        unique_items: Some(a.unique_items),
        ..AnySchema::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(json: Value) -> String {
        let schema: Schema = serde_json::from_value(json).unwrap();
        let any = as_any(&schema.schema_kind);
        match classify(&any, &Ptr::root()) {
            Ok(Shape::Plain(Plain::Any)) => "any".into(),
            Ok(Shape::Plain(Plain::Primitive(p))) => format!("{:?}", p.kind),
            Ok(Shape::Plain(Plain::Array(_))) => "array".into(),
            Ok(Shape::Plain(Plain::Map(_))) => "map".into(),
            Ok(Shape::Plain(Plain::Wrapper(_))) => "wrapper".into(),
            Ok(Shape::Named(Named::Object)) => "object".into(),
            Ok(Shape::Named(Named::Enum(r))) => format!("enum {r:?}"),
            Ok(Shape::Named(Named::Union)) => "union".into(),
            Ok(Shape::Named(Named::AllOf)) => "allOf".into(),
            Err(f) => format!("error {}: {}", f.pointer, f.message),
        }
    }

    #[test]
    fn classifies() {
        use serde_json::json;
        assert_eq!(shape_of(json!({})), "any");
        assert_eq!(
            shape_of(json!({"type": "string", "format": "uuid"})),
            "Uuid"
        );
        assert_eq!(
            shape_of(json!({"type": "string", "format": "email"})),
            "String"
        );
        assert_eq!(shape_of(json!({"type": "integer"})), "Int64");
        assert_eq!(
            shape_of(json!({"type": "integer", "minimum": 1.5})),
            "Int64"
        );
        assert_eq!(shape_of(json!({"type": "number"})), "Double");
        assert_eq!(shape_of(json!({"type": "object"})), "map");
        assert_eq!(
            shape_of(json!({"additionalProperties": {"type": "string"}})),
            "map"
        );
        assert_eq!(shape_of(json!({"properties": {"a": {}}})), "object");
        assert_eq!(shape_of(json!({"enum": ["a", null]})), "enum String");
        assert_eq!(
            shape_of(json!({"type": "integer", "enum": [1, 2]})),
            "enum Integer"
        );
        assert_eq!(
            shape_of(json!({"type": "boolean", "enum": [true]})),
            "enum Boolean"
        );
        assert_eq!(
            shape_of(json!({"type": "number", "enum": [0.5]})),
            "enum Number"
        );
        assert_eq!(shape_of(json!({"items": {}})), "array");
        assert_eq!(shape_of(json!({"oneOf": [{}]})), "union");
        assert_eq!(shape_of(json!({"allOf": [{}]})), "wrapper");
        assert_eq!(
            shape_of(json!({"allOf": [{}, {"description": "d"}]})),
            "allOf"
        );
        assert_eq!(
            shape_of(json!({"allOf": [{"$ref": "#/x"}, {"description": "d"}]})),
            "wrapper"
        );
        assert_eq!(
            shape_of(json!({"allOf": [{"$ref": "#/x"}, {"required": ["a"]}]})),
            "allOf"
        );
        assert_eq!(shape_of(json!({"not": {}})), "any");
        assert_eq!(
            shape_of(json!({"properties": {"a": {}}, "oneOf": [{}]})),
            "allOf"
        );
        assert_eq!(
            shape_of(json!({"type": "text"})),
            "error /type: unsupported schema type \"text\""
        );
    }
}
