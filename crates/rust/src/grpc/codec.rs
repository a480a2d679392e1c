//! The binary protobuf face of a proto API's models: `impl prost::Message` on the very structs
//! serde writes as proto3 JSON, and `impl ProtoEnum` on the enums.
//!
//! Emitted from the IR (field numbers, proto types, the Rust shape the models backend chose),
//! not by prost-build: prost would generate a second set of types. Each message says only
//! which fields it has: a table in `apigen_runtime::proto_message!` (per field its kind inside
//! its holder, and its number), from which the macro writes `impl apigen_runtime::protobuf::
//! Fields` and `impl prost::Message`; the runtime writes, sizes and reads the fields with
//! prost's codecs (or its own for enums, the well-known types, `Any` and non-string map keys).
//! Every field is carried; what has no binary form is refused by `WireCheck` (`wire_check.rs`).

use apigen_ir::{Api, Field, ObjectType, ProtoType, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::wire_check::{any_registry, message_check, Needs};
use crate::models::proto::is_explicit;
use crate::names::Names;
use crate::naming;
use crate::runtime::protobuf as pb;
use crate::runtime::{Item, PROTOBUF_ENUM, PROTO_MESSAGE};

/// A runtime item through the `rt` alias of the `protobuf` module (`rt::enumeration`).
pub(super) fn rt(item: Item) -> TokenStream {
    let name = item.ident();
    quote!(rt::#name)
}

/// The `mod protobuf { … }` item of a models crate (empty when the API has no proto types).
pub fn codec_module(api: &Api, names: &Names) -> TokenStream {
    let needs = Needs::new(api);
    let mut items = Vec::new();
    for def in &api.types {
        let Some(name) = names.get(&def.name) else {
            continue;
        };
        let segs = name.module.iter().map(|m| naming::ident(m));
        let ident = naming::ident(&name.ident);
        let segs: Vec<Ident> = segs.collect();
        let path = quote!(crate #(:: #segs)* :: #ident);
        match &def.kind {
            TypeKind::Object(obj) if is_proto(obj) => {
                // The same path from `super` for the macro (prettyplease spaces `crate ::` there).
                let from_super = quote!(super #(:: #segs)* :: #ident);
                items.push(message_impl(def, obj, &from_super, names));
                items.push(message_check(def, obj, &path, &from_super, names, &needs));
            }
            TypeKind::Enum(e) if e.values.iter().all(|v| v.number.is_some()) => {
                let from_super = quote!(super #(:: #segs)* :: #ident);
                items.push(quote!(#PROTOBUF_ENUM!(#from_super);));
            }
            _ => {}
        }
    }
    if items.is_empty() {
        return TokenStream::new();
    }
    if needs.has_any() {
        items.push(any_registry(api, names));
    }
    let module = pb::MODULE;
    quote! {
        /// The binary protobuf encoding of the types (`prost::Message`), beside their JSON form.
        mod protobuf {
            #[allow(unused_imports)]
            use #module as rt;

            #(#items)*
        }
    }
}

/// Whether an object came from a proto message (every field has a number and a proto type).
pub(super) fn is_proto(obj: &ObjectType) -> bool {
    obj.fields
        .iter()
        .all(|f| f.proto_number.is_some() && f.proto_type.is_some())
}

/// How a field holds its values in Rust.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Holder {
    /// `T` (implicit presence: not written when at its default).
    Plain,
    /// `Option<T>`.
    Option,
    /// `Vec<T>` of a `repeated` field.
    Repeated,
    /// `BTreeMap<String, T>` of a `map<…, …>` field (keys as text).
    Map,
}

/// The runtime's `proto_message!` with the message's table of fields (field, codec, number),
/// from which it writes `impl Fields` (the runtime writes, sizes and reads the message from
/// that) and `impl prost::Message`.
fn message_impl(
    def: &TypeDef,
    obj: &ObjectType,
    from_super: &TokenStream,
    names: &Names,
) -> TokenStream {
    let idents = names.fields(&def.name);
    let struct_name = names
        .get(&def.name)
        .map(|n| n.ident.clone())
        .unwrap_or_default();
    let entries = obj.fields.iter().zip(&idents).filter_map(|(f, ident)| {
        let (Some(ty), Some(tag)) = (f.proto_type, f.proto_number) else {
            return None;
        };
        let codec = field_codec(f, ty);
        let tag = Literal::u32_unsuffixed(tag);
        // The proto name, when the field's is not it (`r#type`).
        let name = (*ident != f.name).then(|| {
            let name = f.name.as_str();
            quote!(, #name)
        });
        Some(quote!((#ident, #codec, #tag #name)))
    });
    let message = PROTO_MESSAGE;
    quote! {
        #message!(#from_super, #struct_name, [#(#entries),*]);
    }
}

/// The codec of one field: its kind marker inside its holder (`rt::Plain(rt::Str)`).
fn field_codec(f: &Field, ty: ProtoType) -> TokenStream {
    let kind = kind(ty);
    match holder(f, ty) {
        Holder::Plain => {
            let plain = rt(pb::PLAIN);
            quote!(#plain(#kind))
        }
        Holder::Option => {
            let opt = rt(pb::OPT);
            quote!(#opt(#kind))
        }
        Holder::Repeated => {
            let rep = rt(pb::REP);
            quote!(#rep(#kind))
        }
        Holder::Map => {
            let map = rt(pb::MAP);
            let key = key_kind(f.proto_map_key);
            quote!(#map(#key, #kind))
        }
    }
}

/// The runtime's kind marker of a proto type (the crate's own `ANY` for `Any`).
fn kind(ty: ProtoType) -> TokenStream {
    let item = match ty {
        ProtoType::Double => pb::DOUBLE,
        ProtoType::Float => pb::FLOAT,
        ProtoType::Int64 => pb::INT64,
        ProtoType::Uint64 => pb::UINT64,
        ProtoType::Int32 => pb::INT32,
        ProtoType::Fixed64 => pb::FIXED64,
        ProtoType::Fixed32 => pb::FIXED32,
        ProtoType::Bool => pb::BOOL,
        ProtoType::Uint32 => pb::UINT32,
        ProtoType::Sfixed32 => pb::SFIXED32,
        ProtoType::Sfixed64 => pb::SFIXED64,
        ProtoType::Sint32 => pb::SINT32,
        ProtoType::Sint64 => pb::SINT64,
        ProtoType::String => pb::STR,
        ProtoType::Bytes => pb::BYTES,
        ProtoType::Enum => pb::ENUM,
        ProtoType::Message
        | ProtoType::Empty
        | ProtoType::DoubleValue
        | ProtoType::FloatValue
        | ProtoType::Int64Value
        | ProtoType::Uint64Value
        | ProtoType::Int32Value
        | ProtoType::Uint32Value
        | ProtoType::BoolValue
        | ProtoType::StringValue
        | ProtoType::BytesValue => pb::MSG,
        ProtoType::Struct => pb::STRUCTURE_KIND,
        ProtoType::ListValue => pb::LIST_VALUE_KIND,
        ProtoType::Value => pb::JSON_VALUE,
        ProtoType::NullValue => pb::NULL_VALUE_KIND,
        ProtoType::Timestamp => pb::TIMESTAMP_KIND,
        ProtoType::Duration => pb::DURATION_KIND,
        ProtoType::FieldMask => pb::FIELD_MASK_KIND,
        // Declared by `any_registry`, bound to the API's messages.
        ProtoType::Any => return quote!(ANY),
        ProtoType::OtherWellKnown => pb::UNSUPPORTED_KIND,
    };
    rt(item)
}

/// The runtime's key marker of a map key type (`string` keys: `rt::Str`).
fn key_kind(ty: Option<ProtoType>) -> TokenStream {
    let item = match ty {
        Some(ProtoType::Int32) => pb::KEY_INT32,
        Some(ProtoType::Int64) => pb::KEY_INT64,
        Some(ProtoType::Uint32) => pb::KEY_UINT32,
        Some(ProtoType::Uint64) => pb::KEY_UINT64,
        Some(ProtoType::Sint32) => pb::KEY_SINT32,
        Some(ProtoType::Sint64) => pb::KEY_SINT64,
        Some(ProtoType::Fixed32) => pb::KEY_FIXED32,
        Some(ProtoType::Fixed64) => pb::KEY_FIXED64,
        Some(ProtoType::Sfixed32) => pb::KEY_SFIXED32,
        Some(ProtoType::Sfixed64) => pb::KEY_SFIXED64,
        Some(ProtoType::Bool) => pb::KEY_BOOL,
        _ => pb::STR,
    };
    rt(item)
}

/// The runtime's key module of a non-string map key type (`None` for `string` keys).
pub(super) fn map_key(ty: ProtoType) -> Option<TokenStream> {
    let name = match ty {
        ProtoType::Int32 => "int32",
        ProtoType::Int64 => "int64",
        ProtoType::Uint32 => "uint32",
        ProtoType::Uint64 => "uint64",
        ProtoType::Sint32 => "sint32",
        ProtoType::Sint64 => "sint64",
        ProtoType::Fixed32 => "fixed32",
        ProtoType::Fixed64 => "fixed64",
        ProtoType::Sfixed32 => "sfixed32",
        ProtoType::Sfixed64 => "sfixed64",
        ProtoType::Bool => "boolean",
        _ => return None,
    };
    let module = rt(pb::MAP_KEY);
    let name = naming::ident(name);
    Some(quote!(#module::#name))
}

/// How the field is held, from the models backend's choice of Rust type.
pub(super) fn holder(f: &Field, ty: ProtoType) -> Holder {
    if f.proto_map_key.is_some() {
        return Holder::Map;
    }
    // A `ListValue` is itself a list of values; a repeated field of them is a list of lists.
    let repeated = match &f.ty {
        TypeRef::Array(item) => !(ty == ProtoType::ListValue && **item == TypeRef::Any),
        _ => false,
    };
    if repeated {
        return Holder::Repeated;
    }
    if is_explicit(f) {
        Holder::Option
    } else {
        Holder::Plain
    }
}
