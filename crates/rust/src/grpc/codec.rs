//! The binary protobuf face of a proto API's models: `impl prost::Message` on the very structs
//! serde writes as proto3 JSON, and `impl ProtoEnum` on the enums.
//!
//! Emitted from the IR (field numbers, proto types, the Rust shape the models backend chose),
//! not by prost-build: prost would generate a second set of types. Each field is encoded with
//! a codec module of prost's shape (`prost::encoding::int32`, `…::message`, or one of
//! `apigen_runtime::protobuf`'s for enums, the well-known types, `Any` and non-string map
//! keys). Every field is carried; what has no binary form is refused by `WireCheck`
//! (`wire_check.rs`).

use apigen_ir::{Api, Field, ObjectType, ProtoType, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::wire_check::{any_registry, enum_check, message_check, Needs};
use crate::models::proto::is_explicit;
use crate::names::Names;
use crate::naming;
use crate::runtime::protobuf as pb;
use crate::runtime::Item;

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
        let path = quote!(crate #(:: #segs)* :: #ident);
        match &def.kind {
            TypeKind::Object(obj) if is_proto(obj) => {
                items.push(message_impl(def, obj, &path, names));
                items.push(message_check(def, obj, &path, names, &needs));
            }
            TypeKind::Enum(e) if e.values.iter().all(|v| v.number.is_some()) => {
                items.push(enum_impl(&path));
                items.push(enum_check(&path));
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
            #[allow(unused_imports)]
            use ::prost::encoding as enc;

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

/// `impl ProtoEnum`, through the enum's own `number` and `from_number` (which keeps an unknown
/// number in the `Unknown` variant; a value known only by name has no number: `WireCheck`
/// refuses it before encoding, so the 0 written here is never sent).
fn enum_impl(path: &TokenStream) -> TokenStream {
    let proto_enum = rt(pb::PROTO_ENUM);
    quote! {
        impl #proto_enum for #path {
            fn proto_number(&self) -> i32 {
                self.number().unwrap_or_default()
            }

            fn from_proto_number(number: i32) -> Self {
                Self::from_number(number)
            }
        }
    }
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

/// One field's encode / merge / length / clear code.
struct FieldCode {
    encode: TokenStream,
    merge: TokenStream,
    len: TokenStream,
}

fn message_impl(
    def: &TypeDef,
    obj: &ObjectType,
    path: &TokenStream,
    names: &Names,
) -> TokenStream {
    let idents = names.fields(&def.name);
    let struct_name = names
        .get(&def.name)
        .map(|n| n.ident.clone())
        .unwrap_or_default();
    let mut encode = Vec::new();
    let mut merge = Vec::new();
    let mut len = Vec::new();
    for (f, ident) in obj.fields.iter().zip(&idents) {
        let boxed = names.is_boxed(&def.name, &f.name);
        if let Some(code) = field_code(f, ident, boxed, &struct_name) {
            encode.push(code.encode);
            merge.push(code.merge);
            len.push(code.len);
        }
    }
    // Terms are `if`/`match` expressions: parenthesized when summed (an `if` may not start a
    // binary expression in statement position), bare when alone (rustc: unused parens).
    let len = match len.as_slice() {
        [] => quote!(0),
        [one] => one.clone(),
        many => quote!(#((#many))+*),
    };
    let (buf, ctx) = if merge.is_empty() {
        (quote!(_buf), quote!(_ctx))
    } else {
        (quote!(buf), quote!(ctx))
    };
    let self_ = if encode.is_empty() {
        quote!(_)
    } else {
        quote!(buf)
    };
    quote! {
        impl ::prost::Message for #path {
            fn encode_raw(&self, #self_: &mut impl ::prost::bytes::BufMut) {
                #(#encode)*
            }

            fn merge_field(
                &mut self,
                tag: u32,
                wire_type: enc::WireType,
                #buf: &mut impl ::prost::bytes::Buf,
                #ctx: enc::DecodeContext,
            ) -> ::std::result::Result<(), ::prost::DecodeError> {
                match tag {
                    #(#merge)*
                    _ => enc::skip_field(wire_type, tag, #buf, #ctx),
                }
            }

            fn encoded_len(&self) -> usize {
                #len
            }

            fn clear(&mut self) {
                *self = ::std::default::Default::default();
            }
        }

    }
}

/// The codec module of a proto type, and whether repeated values of it are packed.
fn codec(ty: ProtoType) -> (TokenStream, bool) {
    let prost = |m: &str| {
        let m = naming::ident(m);
        quote!(enc::#m)
    };
    match ty {
        ProtoType::Double => (prost("double"), true),
        ProtoType::Float => (prost("float"), true),
        ProtoType::Int64 => (prost("int64"), true),
        ProtoType::Uint64 => (prost("uint64"), true),
        ProtoType::Int32 => (prost("int32"), true),
        ProtoType::Fixed64 => (prost("fixed64"), true),
        ProtoType::Fixed32 => (prost("fixed32"), true),
        ProtoType::Bool => (prost("bool"), true),
        ProtoType::Uint32 => (prost("uint32"), true),
        ProtoType::Sfixed32 => (prost("sfixed32"), true),
        ProtoType::Sfixed64 => (prost("sfixed64"), true),
        ProtoType::Sint32 => (prost("sint32"), true),
        ProtoType::Sint64 => (prost("sint64"), true),
        ProtoType::String => (prost("string"), false),
        ProtoType::Bytes => (prost("bytes"), false),
        ProtoType::Enum => (rt(pb::ENUMERATION), true),
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
        | ProtoType::BytesValue => (prost("message"), false),
        ProtoType::Struct => (rt(pb::STRUCTURE), false),
        ProtoType::ListValue => (rt(pb::LIST_VALUE), false),
        ProtoType::Value => (rt(pb::VALUE), false),
        ProtoType::NullValue => (rt(pb::NULL_VALUE), false),
        ProtoType::Timestamp => (rt(pb::TIMESTAMP), false),
        ProtoType::Duration => (rt(pb::DURATION), false),
        ProtoType::FieldMask => (rt(pb::FIELD_MASK), false),
        // Declared by `any_codec!` in the `protobuf` module, bound to the API's messages.
        ProtoType::Any => (quote!(any), false),
        ProtoType::OtherWellKnown => (rt(pb::UNSUPPORTED), false),
    }
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

/// Whether a plain (implicit-presence) value differs from its default, as an expression on
/// the place `v` (`self.field`); `None` for values that are always written (messages).
fn is_set(ty: ProtoType, v: &TokenStream) -> Option<TokenStream> {
    Some(match ty {
        ProtoType::Double | ProtoType::Float => quote!(#v != 0.0),
        ProtoType::Bool => quote!(#v),
        ProtoType::String | ProtoType::Bytes | ProtoType::Struct | ProtoType::ListValue => {
            quote!(!#v.is_empty())
        }
        ProtoType::Enum => {
            let proto_enum = rt(pb::PROTO_ENUM);
            quote!(#proto_enum::proto_number(&#v) != 0)
        }
        ProtoType::Value | ProtoType::NullValue => quote!(!#v.is_null()),
        ProtoType::Message
        | ProtoType::Timestamp
        | ProtoType::Empty
        | ProtoType::Duration
        | ProtoType::FieldMask
        | ProtoType::OtherWellKnown
        | ProtoType::Any
        | ProtoType::DoubleValue
        | ProtoType::FloatValue
        | ProtoType::Int64Value
        | ProtoType::Uint64Value
        | ProtoType::Int32Value
        | ProtoType::Uint32Value
        | ProtoType::BoolValue
        | ProtoType::StringValue
        | ProtoType::BytesValue => return None,
        _ => quote!(#v != 0),
    })
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

fn field_code(f: &Field, ident: &Ident, boxed: bool, message: &str) -> Option<FieldCode> {
    let ty = f.proto_type?;
    let tag = f.proto_number?;
    let (m, packed) = codec(ty);
    let holder = holder(f, ty);
    let field_name = f.name.as_str();
    let in_field = rt(pb::IN_FIELD);
    let ctx_err = quote!(#in_field(#message, #field_name));
    let deref = if boxed { quote!(&*) } else { quote!(&) };
    let deref_mut = if boxed { quote!(&mut *) } else { quote!(&mut) };
    let code = match holder {
        Holder::Plain => {
            let value = quote!(#deref self.#ident);
            let set = is_set(ty, &quote!(self.#ident));
            let encode_body = quote!(#m::encode(#tag, #value, buf););
            let encode = match &set {
                Some(set) => quote!(if #set { #encode_body }),
                None => encode_body,
            };
            let len_body = quote!(#m::encoded_len(#tag, #value));
            let len = match &set {
                Some(set) => quote!(if #set { #len_body } else { 0 }),
                None => len_body,
            };
            FieldCode {
                encode,
                merge: quote!(#tag => #m::merge(wire_type, #deref_mut self.#ident, buf, ctx).map_err(#ctx_err),),
                len,
            }
        }
        Holder::Option => {
            let (value, target) = if boxed {
                (quote!(&**v), quote!(&mut **slot))
            } else {
                (quote!(v), quote!(slot))
            };
            FieldCode {
                encode: quote!(if let ::std::option::Option::Some(v) = &self.#ident { #m::encode(#tag, #value, buf); }),
                merge: quote!(#tag => {
                    let slot = self.#ident.get_or_insert_with(::std::default::Default::default);
                    #m::merge(wire_type, #target, buf, ctx).map_err(#ctx_err)
                }),
                len: quote!(match &self.#ident { ::std::option::Option::Some(v) => #m::encoded_len(#tag, #value), ::std::option::Option::None => 0 }),
            }
        }
        Holder::Repeated => {
            let (enc, len) = if packed {
                (quote!(encode_packed), quote!(encoded_len_packed))
            } else {
                (quote!(encode_repeated), quote!(encoded_len_repeated))
            };
            FieldCode {
                encode: quote!(#m::#enc(#tag, &self.#ident, buf);),
                merge: quote!(#tag => #m::merge_repeated(wire_type, &mut self.#ident, buf, ctx).map_err(#ctx_err),),
                len: quote!(#m::#len(#tag, &self.#ident)),
            }
        }
        Holder::Map => {
            let map = quote!(enc::btree_map);
            let (key, merge) = match f.proto_map_key.and_then(map_key) {
                Some(key) => {
                    let merge = quote!(#key::merge_map(#m::merge, &mut self.#ident, buf, ctx));
                    (key, merge)
                }
                None => {
                    let key = quote!(enc::string);
                    let merge = quote!(#map::merge(#key::merge, #m::merge, &mut self.#ident, buf, ctx));
                    (key, merge)
                }
            };
            FieldCode {
                encode: quote!(#map::encode(#key::encode, #key::encoded_len, #m::encode, #m::encoded_len, #tag, &self.#ident, buf);),
                merge: quote!(#tag => #merge.map_err(#ctx_err),),
                len: quote!(#map::encoded_len(#key::encoded_len, #m::encoded_len, #tag, &self.#ident)),
            }
        }
    };
    Some(code)
}
