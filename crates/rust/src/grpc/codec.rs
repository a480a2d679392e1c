//! The binary protobuf face of a proto API's models: `impl prost::Message` on the very structs
//! serde writes as proto3 JSON, and `impl ProtoEnum` on the enums.
//!
//! Emitted from the IR (field numbers, proto types, the Rust shape the models backend chose),
//! not by prost-build: prost would generate a second set of types. Each field is encoded with
//! a codec module of prost's shape (`prost::encoding::int32`, `…::message`, or one of
//! `apigen_runtime::protobuf`'s for enums and the well-known types held as JSON values).

use apigen_ir::{Api, Field, ObjectType, ProtoType, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::models::proto::is_explicit;
use crate::names::Names;
use crate::naming;

/// The `mod protobuf { … }` item of a models crate (empty when the API has no proto types).
pub fn codec_module(api: &Api, names: &Names) -> TokenStream {
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
            }
            TypeKind::Enum(e) if e.values.iter().all(|v| v.number.is_some()) => {
                items.push(enum_impl(&path));
            }
            _ => {}
        }
    }
    if items.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// The binary protobuf encoding of the types (`prost::Message`), beside their JSON form.
        mod protobuf {
            #[allow(unused_imports)]
            use ::apigen_runtime::protobuf as rt;
            #[allow(unused_imports)]
            use ::prost::encoding as enc;

            #(#items)*
        }
    }
}

/// Whether an object came from a proto message (every field has a number and a proto type).
fn is_proto(obj: &ObjectType) -> bool {
    obj.fields
        .iter()
        .all(|f| f.proto_number.is_some() && f.proto_type.is_some())
}

/// `impl ProtoEnum`, through the enum's own `number` and `from_number` (which keeps an unknown
/// number in the `Unknown` variant; an unknown value read from JSON by name writes as 0).
fn enum_impl(path: &TokenStream) -> TokenStream {
    quote! {
        impl rt::ProtoEnum for #path {
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
enum Holder {
    /// `T` (implicit presence: not written when at its default).
    Plain,
    /// `Option<T>`.
    Option,
    /// `Vec<T>` of a `repeated` field.
    Repeated,
    /// `BTreeMap<String, T>` of a `map<string, …>` field.
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
    let mut skipped = Vec::new();
    for (f, ident) in obj.fields.iter().zip(&idents) {
        let boxed = names.is_boxed(&def.name, &f.name);
        match field_code(f, ident, boxed, &struct_name) {
            Some(code) => {
                encode.push(code.encode);
                merge.push(code.merge);
                len.push(code.len);
            }
            None => skipped.push(format!("`{}`", f.name)),
        }
    }
    let doc = (!skipped.is_empty()).then(|| {
        let text = format!(
            " Not carried in the binary encoding (no codec for their type yet): {}.",
            skipped.join(", ")
        );
        quote!(#[doc = #text])
    });
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
        #doc
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
fn codec(ty: ProtoType) -> Option<(TokenStream, bool)> {
    let prost = |m: &str| {
        let m = naming::ident(m);
        quote!(enc::#m)
    };
    let rt = |m: &str| {
        let m = naming::ident(m);
        quote!(rt::#m)
    };
    Some(match ty {
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
        ProtoType::Enum => (rt("enumeration"), true),
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
        ProtoType::Struct => (rt("structure"), false),
        ProtoType::ListValue => (rt("list_value"), false),
        ProtoType::Value => (rt("value"), false),
        ProtoType::NullValue => (rt("null_value"), false),
        ProtoType::Timestamp => (rt("timestamp"), false),
        ProtoType::Duration | ProtoType::FieldMask | ProtoType::OtherWellKnown => return None,
    })
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
            quote!(rt::ProtoEnum::proto_number(&#v) != 0)
        }
        ProtoType::Value | ProtoType::NullValue => quote!(!#v.is_null()),
        ProtoType::Message
        | ProtoType::Timestamp
        | ProtoType::Empty
        | ProtoType::Duration
        | ProtoType::FieldMask
        | ProtoType::OtherWellKnown
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
fn holder(f: &Field, ty: ProtoType) -> Holder {
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
    let (m, packed) = codec(ty)?;
    let holder = holder(f, ty);
    let field_name = f.name.as_str();
    let ctx_err = quote!(rt::in_field(#message, #field_name));
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
            if f.proto_map_key != Some(ProtoType::String) {
                return None;
            }
            let key = quote!(enc::string);
            let map = quote!(enc::btree_map);
            FieldCode {
                encode: quote!(#map::encode(#key::encode, #key::encoded_len, #m::encode, #m::encoded_len, #tag, &self.#ident, buf);),
                merge: quote!(#tag => #map::merge(#key::merge, #m::merge, &mut self.#ident, buf, ctx).map_err(#ctx_err),),
                len: quote!(#map::encoded_len(#key::encoded_len, #m::encoded_len, #tag, &self.#ident)),
            }
        }
    };
    Some(code)
}
