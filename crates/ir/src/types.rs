//! Data types: named type definitions and references to types.

use serde::Serialize;

use crate::Docs;

/// A named type the API defines (a schema, a proto message or enum).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Unique name within the API. Spec names are kept as they are (`Jwt`); the proto frontend
    /// uses the full name (`spaceone.api.identity.v2.TokenInfo`); inline schemas get a name
    /// derived from where they stand, its parts joined by spaces (`CreateToken ttl`).
    pub name: String,
    /// How the name came about.
    pub name_origin: NameOrigin,
    /// The namespace the type lives in (proto package segments); empty for OpenAPI.
    pub namespace: Vec<String>,
    /// Documentation.
    pub docs: Docs,
    /// Where the definition stands in its spec (JSON pointer, or proto element path).
    pub location: String,
    /// What the type is.
    pub kind: TypeKind,
}

/// Whether a type's name was chosen by the spec or derived by the frontend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameOrigin {
    /// The spec names the type (a component schema, a message).
    Spec,
    /// The frontend derived the name from the type's context (inline schemas).
    Derived,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// A record with named fields.
    Object(ObjectType),
    /// A closed set of values.
    Enum(EnumType),
    /// One of several alternatives.
    Union(UnionType),
    /// A name for another type (a named primitive, array or map schema).
    Alias(TypeRef),
}

/// A record type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectType {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Type of additional properties beyond the named fields, if they are allowed and typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<TypeRef>,
    /// A union (a [`TypeRef::Named`] [`TypeKind::Union`]) whose alternatives stand in the same
    /// JSON object as the fields (`oneOf`/`anyOf` beside `properties` or `allOf`): the common
    /// fields, plus exactly one alternative's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<TypeRef>,
}

/// A field of an object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Name on the wire.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it must be present.
    pub required: bool,
    /// Whether `null` is a valid value (a third state beside present and absent).
    pub nullable: bool,
    /// Only sent by the server.
    pub read_only: bool,
    /// Only sent by the client.
    pub write_only: bool,
    /// Default applied when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Documentation.
    pub docs: Docs,
    /// Whether the spec marks it deprecated.
    pub deprecated: bool,
    /// Protobuf field number, for wire-compatibility checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proto_number: Option<u32>,
    /// Name of the `oneof` group the field belongs to (protobuf), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oneof: Option<String>,
    /// The second name JSON readers accept for the field, when it differs from `name`
    /// (protobuf `json_name`: lowerCamelCase of the field name, or the `json_name` option).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_name: Option<String>,
    /// How the field tracks presence (protobuf); `None` for OpenAPI, where `required` and
    /// `nullable` say it all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence: Option<FieldPresence>,
    /// The protobuf type of the values (elements of a repeated field, values of a map), which
    /// decides the binary encoding; `None` for OpenAPI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proto_type: Option<crate::ProtoType>,
    /// The protobuf type of a map field's keys; `None` for other fields and for OpenAPI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proto_map_key: Option<crate::ProtoType>,
    /// Size limits when the field is a list or a map.
    #[serde(skip_serializing_if = "Sizes::is_empty")]
    pub sizes: Sizes,
}

/// Whether a protobuf field can tell "not set" from "set to the default value".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldPresence {
    /// No: a proto3 scalar, string, bytes or enum field (and `repeated` and `map` fields, where
    /// absent means empty). An absent field holds its default value.
    Implicit,
    /// Yes: a message field, a proto3 `optional` field, a `oneof` member, a proto2 field.
    Explicit,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumType {
    /// How values appear on the wire.
    pub repr: EnumRepr,
    /// The values in spec order.
    pub values: Vec<EnumValue>,
}

/// Wire representation of enum values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON integers.
    Integer,
    /// JSON numbers (any of them may have a fraction).
    Number,
    /// JSON booleans.
    Boolean,
}

/// One value of an enumeration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The value as written on the wire (for integer enums, its decimal text).
    pub value: String,
    /// Protobuf enum number, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i32>,
    /// Documentation.
    pub docs: Docs,
}

/// A union of alternatives (`oneOf` / `anyOf`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionType {
    /// Property whose value tells the alternatives apart, if the spec names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// How many alternatives a value matches: which keyword the spec used, and whether the
    /// alternatives of an `anyOf` can hold at the same time.
    #[serde(skip_serializing_if = "UnionMatch::is_exactly_one")]
    pub matches: UnionMatch,
    /// The alternatives in spec order.
    pub variants: Vec<UnionVariant>,
}

/// How many alternatives of a union a value matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnionMatch {
    /// Exactly one (`oneOf`).
    #[default]
    ExactlyOne,
    /// At least one (`anyOf`), but the alternatives exclude each other (different JSON types,
    /// a discriminator): a value matches one of them, as with `oneOf`.
    AnyExclusive,
    /// At least one (`anyOf`), and several may hold at once (object alternatives): any
    /// non-empty subset of the alternatives, each decoded from the whole value.
    AnySubset,
}

impl UnionMatch {
    /// Whether this is `oneOf` (exactly one alternative).
    pub fn is_exactly_one(&self) -> bool {
        *self == UnionMatch::ExactlyOne
    }

    /// Whether the spec wrote `anyOf`.
    pub fn is_any_of(&self) -> bool {
        !self.is_exactly_one()
    }
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    /// Name of the alternative (the referenced type's name, or a derived one).
    pub name: String,
    /// Value of the discriminator property that selects it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Its type.
    pub ty: TypeRef,
}

/// A reference to a type, as fields, parameters and bodies use them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    /// A named type defined in [`crate::Api::types`].
    Named(String),
    /// A primitive value.
    Primitive(Primitive),
    /// A list.
    Array(Box<TypeRef>),
    /// A map with string keys.
    Map(Box<TypeRef>),
    /// Any JSON value (free-form).
    Any,
    /// No content (an empty message).
    Unit,
}

/// A primitive value with its format and constraints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Primitive {
    /// Its kind.
    pub kind: PrimitiveKind,
    /// Constraints on the value.
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

impl Primitive {
    /// A primitive without constraints.
    pub fn new(kind: PrimitiveKind) -> Self {
        Primitive {
            kind,
            constraints: Constraints::default(),
        }
    }
}

/// Kinds of primitive values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrimitiveKind {
    /// Text.
    String,
    /// `true` or `false`.
    Boolean,
    /// Signed 32-bit integer.
    Int32,
    /// Signed 64-bit integer.
    Int64,
    /// Unsigned 32-bit integer.
    Uint32,
    /// Unsigned 64-bit integer.
    Uint64,
    /// Signed 64-bit integer written as a JSON string (proto3 JSON mapping).
    Int64String,
    /// Unsigned 64-bit integer written as a JSON string (proto3 JSON mapping).
    Uint64String,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// RFC 3339 date and time.
    DateTime,
    /// RFC 3339 full date.
    Date,
    /// A UUID.
    Uuid,
    /// Base64-encoded bytes in a JSON string.
    Base64,
    /// A span of time written as decimal seconds with an `s` suffix (`"1.5s"`, protobuf
    /// `google.protobuf.Duration`).
    Duration,
    /// A set of field paths written as one comma-separated string of lowerCamelCase paths
    /// (`"user.displayName,photo"`, protobuf `google.protobuf.FieldMask`).
    FieldMask,
    /// Raw bytes (a non-JSON body).
    Binary,
}

/// Validation constraints on a primitive value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    /// Inclusive (or exclusive, see `exclusive_minimum`) lower bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// Whether `minimum` itself is excluded.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_minimum: bool,
    /// Inclusive (or exclusive) upper bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    /// Whether `maximum` itself is excluded.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_maximum: bool,
    /// Minimum length of a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Maximum length of a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Regular expression a string must match (reported, not enforced).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// A number must be an integral multiple of this (positive) value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<f64>,
}

/// Size limits of a list or map value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sizes {
    /// Fewest items of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Most items of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// Whether the items of a list must differ from each other.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unique_items: bool,
    /// Fewest entries of a map (or properties of an object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<u64>,
    /// Most entries of a map (or properties of an object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<u64>,
}

impl Sizes {
    /// Whether no limit is set.
    pub fn is_empty(&self) -> bool {
        self == &Sizes::default()
    }
}

impl Constraints {
    /// Whether no constraint is set.
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}
