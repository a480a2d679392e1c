//! Proto types → IR types: the scalar and well-known type mapping, and the definitions of the
//! messages and enums an API uses.

use std::collections::BTreeMap;

use apigen_ir::{
    EnumRepr, EnumType, EnumValue, Field, FieldPresence, NameOrigin, ObjectType, Primitive,
    PrimitiveKind, ProtoType, TypeDef, TypeKind, TypeRef,
};
use prost_reflect::{
    Cardinality, EnumDescriptor, FieldDescriptor, Kind, MessageDescriptor, Syntax,
};

use crate::comments::SourceIndex;

/// The IR type of a proto value, and whether `null` is a distinct value (wrapper types).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueType {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl ValueType {
    fn plain(ty: TypeRef) -> Self {
        ValueType {
            ty,
            nullable: false,
        }
    }
}

fn primitive(kind: PrimitiveKind) -> TypeRef {
    TypeRef::Primitive(Primitive::new(kind))
}

/// The IR type of a field: `repeated` → array, `map<K, V>` → map of V (JSON keys are strings).
pub(crate) fn field_type(field: &FieldDescriptor) -> ValueType {
    if field.is_map() {
        let value = match field.kind() {
            Kind::Message(entry) => kind_type(&entry.map_entry_value_field().kind()).ty,
            other => kind_type(&other).ty,
        };
        return ValueType::plain(TypeRef::Map(Box::new(value)));
    }
    let item = kind_type(&field.kind());
    if field.is_list() {
        ValueType::plain(TypeRef::Array(Box::new(item.ty)))
    } else {
        item
    }
}

/// The IR type of a single value of a proto kind (proto3 JSON mapping: 64-bit integers are
/// strings, bytes are base64, enums are their value names).
pub(crate) fn kind_type(kind: &Kind) -> ValueType {
    let kind = match kind {
        Kind::Message(message) => return message_type(message),
        Kind::Enum(e) => return ValueType::plain(enum_type(e)),
        Kind::String => PrimitiveKind::String,
        Kind::Bool => PrimitiveKind::Boolean,
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => PrimitiveKind::Int32,
        Kind::Uint32 | Kind::Fixed32 => PrimitiveKind::Uint32,
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => PrimitiveKind::Int64String,
        Kind::Uint64 | Kind::Fixed64 => PrimitiveKind::Uint64String,
        Kind::Float => PrimitiveKind::Float,
        Kind::Double => PrimitiveKind::Double,
        Kind::Bytes => PrimitiveKind::Base64,
    };
    ValueType::plain(primitive(kind))
}

/// The IR type of a message used as a value: a well-known type's JSON form, or a named type.
pub(crate) fn message_type(message: &MessageDescriptor) -> ValueType {
    well_known(message.full_name())
        .unwrap_or_else(|| ValueType::plain(TypeRef::Named(message.full_name().to_string())))
}

/// The IR type of an enum used as a value (`google.protobuf.NullValue` is JSON `null`).
fn enum_type(e: &EnumDescriptor) -> TypeRef {
    if is_well_known(e.full_name()) {
        TypeRef::Any
    } else {
        TypeRef::Named(e.full_name().to_string())
    }
}

/// Whether a full name belongs to the `google.protobuf` package, which never becomes a type.
fn is_well_known(full_name: &str) -> bool {
    full_name.starts_with("google.protobuf.")
}

/// The JSON form of a `google.protobuf` message; other messages of that package are `Any`.
fn well_known(full_name: &str) -> Option<ValueType> {
    let name = full_name.strip_prefix("google.protobuf.")?;
    let wrapper = |kind| {
        Some(ValueType {
            ty: primitive(kind),
            nullable: true,
        })
    };
    let ty = match name {
        "Struct" => TypeRef::Map(Box::new(TypeRef::Any)),
        "ListValue" => TypeRef::Array(Box::new(TypeRef::Any)),
        "Empty" => TypeRef::Unit,
        "Timestamp" => primitive(PrimitiveKind::DateTime),
        "Duration" => primitive(PrimitiveKind::Duration),
        "FieldMask" => primitive(PrimitiveKind::FieldMask),
        "DoubleValue" => return wrapper(PrimitiveKind::Double),
        "FloatValue" => return wrapper(PrimitiveKind::Float),
        "Int64Value" => return wrapper(PrimitiveKind::Int64String),
        "UInt64Value" => return wrapper(PrimitiveKind::Uint64String),
        "Int32Value" => return wrapper(PrimitiveKind::Int32),
        "UInt32Value" => return wrapper(PrimitiveKind::Uint32),
        "BoolValue" => return wrapper(PrimitiveKind::Boolean),
        "StringValue" => return wrapper(PrimitiveKind::String),
        "BytesValue" => return wrapper(PrimitiveKind::Base64),
        // `Value`, `Any` and every other message of the package.
        _ => TypeRef::Any,
    };
    Some(ValueType::plain(ty))
}

/// The kind of a field's values: the element of a repeated field, the value of a map.
fn value_kind(field: &FieldDescriptor) -> Kind {
    match field.kind() {
        Kind::Message(entry) if field.is_map() => entry.map_entry_value_field().kind(),
        other => other,
    }
}

/// The protobuf type of values of a kind, naming the well-known types.
pub(crate) fn proto_type(kind: &Kind) -> ProtoType {
    match kind {
        Kind::Double => ProtoType::Double,
        Kind::Float => ProtoType::Float,
        Kind::Int64 => ProtoType::Int64,
        Kind::Uint64 => ProtoType::Uint64,
        Kind::Int32 => ProtoType::Int32,
        Kind::Fixed64 => ProtoType::Fixed64,
        Kind::Fixed32 => ProtoType::Fixed32,
        Kind::Bool => ProtoType::Bool,
        Kind::String => ProtoType::String,
        Kind::Bytes => ProtoType::Bytes,
        Kind::Uint32 => ProtoType::Uint32,
        Kind::Sfixed32 => ProtoType::Sfixed32,
        Kind::Sfixed64 => ProtoType::Sfixed64,
        Kind::Sint32 => ProtoType::Sint32,
        Kind::Sint64 => ProtoType::Sint64,
        Kind::Enum(e) if e.full_name() == "google.protobuf.NullValue" => ProtoType::NullValue,
        Kind::Enum(_) => ProtoType::Enum,
        Kind::Message(m) => match m.full_name().strip_prefix("google.protobuf.") {
            None => ProtoType::Message,
            Some("Struct") => ProtoType::Struct,
            Some("Value") => ProtoType::Value,
            Some("ListValue") => ProtoType::ListValue,
            Some("Empty") => ProtoType::Empty,
            Some("Timestamp") => ProtoType::Timestamp,
            Some("Duration") => ProtoType::Duration,
            Some("FieldMask") => ProtoType::FieldMask,
            Some("DoubleValue") => ProtoType::DoubleValue,
            Some("FloatValue") => ProtoType::FloatValue,
            Some("Int64Value") => ProtoType::Int64Value,
            Some("UInt64Value") => ProtoType::Uint64Value,
            Some("Int32Value") => ProtoType::Int32Value,
            Some("UInt32Value") => ProtoType::Uint32Value,
            Some("BoolValue") => ProtoType::BoolValue,
            Some("StringValue") => ProtoType::StringValue,
            Some("BytesValue") => ProtoType::BytesValue,
            Some("Any") => ProtoType::Any,
            Some(_) => ProtoType::OtherWellKnown,
        },
    }
}

/// Whether a field must be present: proto2 `required`; in proto3 every singular field that is
/// not marked `+optional`, not proto3 `optional` and not in a `oneof`. Repeated and map fields
/// are never required (absent means empty).
pub(crate) fn is_required(field: &FieldDescriptor, marked_optional: bool) -> bool {
    if field.parent_file().syntax() == Syntax::Proto2 {
        return field.cardinality() == Cardinality::Required;
    }
    !(marked_optional
        || field.field_descriptor_proto().proto3_optional()
        || field.is_list()
        || field.is_map()
        || real_oneof(field).is_some())
}

/// Whether a field can tell "not set" from its default (protobuf's explicit presence): message
/// fields, proto3 `optional`, `oneof` members and every singular proto2 field.
pub(crate) fn has_presence(field: &FieldDescriptor) -> bool {
    !field.is_list() && !field.is_map() && field.supports_presence()
}

/// The `oneof` a field belongs to, ignoring the synthetic ones of proto3 `optional` fields.
pub(crate) fn real_oneof(field: &FieldDescriptor) -> Option<String> {
    field
        .containing_oneof()
        .filter(|o| !o.is_synthetic())
        .map(|o| o.name().to_string())
}

/// The fields of a message in declaration order (prost-reflect iterates by number).
pub(crate) fn fields_in_order(message: &MessageDescriptor) -> Vec<FieldDescriptor> {
    message
        .descriptor_proto()
        .field
        .iter()
        .filter_map(|f| message.get_field_by_name(f.name()))
        .collect()
}

/// `file: full.name`, the location of an element in IR terms.
pub(crate) fn location(file: &str, full_name: &str) -> String {
    format!("{file}: {full_name}")
}

/// The named types of an API: messages and enums added with everything they reference.
pub(crate) struct TypeSet<'a> {
    index: &'a SourceIndex,
    defs: BTreeMap<String, TypeDef>,
}

impl<'a> TypeSet<'a> {
    /// An empty set that takes docs from `index`.
    pub fn new(index: &'a SourceIndex) -> Self {
        TypeSet {
            index,
            defs: BTreeMap::new(),
        }
    }

    /// Adds every message and enum declared in a file (nested ones too), with what they use.
    pub fn add_file(&mut self, file: &prost_reflect::FileDescriptor) {
        for e in file.enums() {
            self.add_enum(&e);
        }
        let mut messages: Vec<MessageDescriptor> = file.messages().collect();
        while let Some(message) = messages.pop() {
            for e in message.child_enums() {
                self.add_enum(&e);
            }
            messages.extend(message.child_messages());
            self.add_message(&message);
        }
    }

    /// Adds a message (unless it is a well-known type or a map entry) and, transitively, the
    /// messages and enums its fields use.
    pub fn add_message(&mut self, message: &MessageDescriptor) {
        let mut queue = vec![message.clone()];
        while let Some(message) = queue.pop() {
            let name = message.full_name();
            if is_well_known(name) || message.is_map_entry() || self.defs.contains_key(name) {
                continue;
            }
            for field in message.fields() {
                let kind = match field.kind() {
                    Kind::Message(entry) if field.is_map() => entry.map_entry_value_field().kind(),
                    kind => kind,
                };
                match kind {
                    Kind::Message(m) => queue.push(m),
                    Kind::Enum(e) => self.add_enum(&e),
                    _ => {}
                }
            }
            let def = self.message_def(&message);
            self.defs.insert(def.name.clone(), def);
        }
    }

    /// Adds an enum (unless it is a well-known type).
    pub fn add_enum(&mut self, e: &EnumDescriptor) {
        if is_well_known(e.full_name()) || self.defs.contains_key(e.full_name()) {
            return;
        }
        let file = e.parent_file();
        let values = e
            .values()
            .map(|v| EnumValue {
                value: v.name().to_string(),
                number: Some(v.number()),
                docs: self.index.comment(file.name(), v.path()).docs,
            })
            .collect();
        let kind = TypeKind::Enum(EnumType {
            repr: EnumRepr::String,
            values,
        });
        let def = self.def(&file, e.full_name(), e.path(), kind);
        self.defs.insert(def.name.clone(), def);
    }

    /// The definitions, sorted by name.
    pub fn into_types(self) -> Vec<TypeDef> {
        self.defs.into_values().collect()
    }

    fn message_def(&self, message: &MessageDescriptor) -> TypeDef {
        let file = message.parent_file();
        let fields = fields_in_order(message)
            .into_iter()
            .map(|field| {
                let comment = self.index.comment(file.name(), field.path());
                let ValueType { ty, nullable } = field_type(&field);
                Field {
                    name: field.name().to_string(),
                    ty,
                    required: is_required(&field, comment.has("optional")),
                    nullable,
                    read_only: false,
                    write_only: false,
                    // proto3 JSON: an absent repeated or map field is the empty one.
                    default: if field.is_list() {
                        Some(serde_json::json!([]))
                    } else if field.is_map() {
                        Some(serde_json::json!({}))
                    } else {
                        None
                    },
                    docs: comment.docs,
                    deprecated: field
                        .field_descriptor_proto()
                        .options
                        .as_ref()
                        .and_then(|o| o.deprecated)
                        .unwrap_or(false),
                    proto_number: Some(field.number()),
                    oneof: real_oneof(&field),
                    json_name: Some(field.json_name())
                        .filter(|j| *j != field.name())
                        .map(str::to_string),
                    proto_type: Some(proto_type(&value_kind(&field))),
                    proto_map_key: match field.kind() {
                        Kind::Message(entry) if field.is_map() => {
                            Some(proto_type(&entry.map_entry_key_field().kind()))
                        }
                        _ => None,
                    },
                    presence: Some(if has_presence(&field) {
                        FieldPresence::Explicit
                    } else {
                        FieldPresence::Implicit
                    }),
                    sizes: Default::default(),
                }
            })
            .collect();
        let kind = TypeKind::Object(ObjectType {
            fields,
            additional_properties: None,
            alternatives: None,
        });
        self.def(&file, message.full_name(), message.path(), kind)
    }

    fn def(
        &self,
        file: &prost_reflect::FileDescriptor,
        name: &str,
        path: &[i32],
        kind: TypeKind,
    ) -> TypeDef {
        TypeDef {
            name: name.to_string(),
            name_origin: NameOrigin::Spec,
            namespace: file
                .package_name()
                .split('.')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            docs: self.index.comment(file.name(), path).docs,
            location: location(file.name(), name),
            kind,
        }
    }
}
