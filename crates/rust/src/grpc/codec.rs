//! The binary protobuf face of a proto API's models: `impl prost::Message` on the very structs
//! serde writes as proto3 JSON, and `impl ProtoEnum` on the enums.
//!
//! Emitted from the IR (field numbers, proto types, the Rust shape the models backend chose),
//! not by prost-build: prost would generate a second set of types. Each field is encoded with
//! a codec module of prost's shape (`prost::encoding::int32`, `…::message`, or one of
//! `apigen_runtime::protobuf`'s for enums and the well-known types held as JSON values).

use apigen_ir::{Api, EnumType, Field, ObjectType, ProtoType, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::models::enums::variant_idents;
use crate::models::objects::{field_idents, Presence};
use crate::names::TypeNames;
use crate::naming;

/// The `mod protobuf { … }` item of a models crate (empty when the API has no proto types).
pub fn codec_module(api: &Api, names: &TypeNames) -> TokenStream {
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
                items.push(enum_impl(e, &path));
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

/// `impl ProtoEnum`: numbers both ways; an unknown number reads as the zero value.
fn enum_impl(e: &EnumType, path: &TokenStream) -> TokenStream {
    let variants = variant_idents(e);
    let numbers: Vec<Literal> = e
        .values
        .iter()
        .map(|v| Literal::i32_unsuffixed(v.number.unwrap_or_default()))
        .collect();
    let zero = e
        .values
        .iter()
        .position(|v| v.number == Some(0))
        .unwrap_or(0);
    let zero = &variants[zero];
    // Aliases (`allow_alias`) read as their first variant.
    let mut seen = std::collections::BTreeSet::new();
    let from: Vec<TokenStream> = e
        .values
        .iter()
        .zip(&variants)
        .filter(|(v, _)| seen.insert(v.number))
        .map(|(v, ident)| {
            let n = Literal::i32_unsuffixed(v.number.unwrap_or_default());
            quote!(#n => Self::#ident,)
        })
        .collect();
    quote! {
        impl ::apigen_runtime::protobuf::ProtoEnum for #path {
            fn proto_number(&self) -> i32 {
                match self {
                    #(Self::#variants => #numbers,)*
                }
            }

            fn from_proto_number(number: i32) -> Self {
                match number {
                    #(#from)*
                    _ => Self::#zero,
                }
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
    /// `Option<Option<T>>` (written when `Some(Some(_))`).
    OptionOption,
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
    names: &TypeNames,
) -> TokenStream {
    let idents = field_idents(obj);
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
    let len = if len.is_empty() {
        quote!(0)
    } else {
        quote!(#(#len)+*)
    };
    let default = needs_default_impl(obj).then(|| default_impl(obj, &idents, path));
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
                wire_type: ::prost::encoding::WireType,
                #buf: &mut impl ::prost::bytes::Buf,
                #ctx: ::prost::encoding::DecodeContext,
            ) -> ::std::result::Result<(), ::prost::DecodeError> {
                match tag {
                    #(#merge)*
                    _ => ::prost::encoding::skip_field(wire_type, tag, #buf, #ctx),
                }
            }

            fn encoded_len(&self) -> usize {
                #len
            }

            fn clear(&mut self) {
                *self = ::std::default::Default::default();
            }
        }

        #default
    }
}

/// Whether the models backend leaves the struct without `Default` (a required field), which
/// `prost::Message` needs: then this module writes one.
fn needs_default_impl(obj: &ObjectType) -> bool {
    obj.fields
        .iter()
        .any(|f| Presence::of(f) == Presence::Required)
}

/// `impl Default`: every field at its proto default (enums at their zero value).
fn default_impl(obj: &ObjectType, idents: &[Ident], path: &TokenStream) -> TokenStream {
    let values = obj.fields.iter().map(|f| {
        let plain_enum = f.proto_type == Some(ProtoType::Enum)
            && Presence::of(f) == Presence::Required
            && !matches!(f.ty, TypeRef::Array(_) | TypeRef::Map(_));
        if plain_enum {
            quote!(::apigen_runtime::protobuf::ProtoEnum::from_proto_number(0))
        } else {
            quote!(::std::default::Default::default())
        }
    });
    quote! {
        // The struct is declared by the models backend; a derive cannot be added from here.
        #[allow(clippy::derivable_impls)]
        impl ::std::default::Default for #path {
            fn default() -> Self {
                Self { #(#idents: #values,)* }
            }
        }
    }
}

/// The codec module of a proto type, and whether repeated values of it are packed.
fn codec(ty: ProtoType) -> Option<(TokenStream, bool)> {
    let prost = |m: &str| {
        let m = naming::ident(m);
        quote!(::prost::encoding::#m)
    };
    let rt = |m: &str| {
        let m = naming::ident(m);
        quote!(::apigen_runtime::protobuf::#m)
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
            quote!(::apigen_runtime::protobuf::ProtoEnum::proto_number(&#v) != 0)
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
    match Presence::of(f) {
        Presence::Required | Presence::EmptyWhenAbsent => Holder::Plain,
        Presence::Optional | Presence::RequiredNullable => Holder::Option,
        Presence::OptionalNullable => Holder::OptionOption,
    }
}

fn field_code(f: &Field, ident: &Ident, boxed: bool, message: &str) -> Option<FieldCode> {
    let ty = f.proto_type?;
    let tag = f.proto_number?;
    let (m, packed) = codec(ty)?;
    let holder = holder(f, ty);
    let field_name = f.name.as_str();
    let ctx_err = quote!(::apigen_runtime::protobuf::in_field(#message, #field_name));
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
                Some(set) => quote!((if #set { #len_body } else { 0 })),
                None => len_body,
            };
            FieldCode {
                encode,
                merge: quote!(#tag => #m::merge(wire_type, #deref_mut self.#ident, buf, ctx).map_err(#ctx_err),),
                len,
            }
        }
        Holder::Option | Holder::OptionOption => {
            let init = if ty == ProtoType::Enum {
                quote!(|| ::apigen_runtime::protobuf::ProtoEnum::from_proto_number(0))
            } else {
                quote!(::std::default::Default::default)
            };
            let (pattern, fill) = if holder == Holder::Option {
                (
                    quote!(::std::option::Option::Some(v)),
                    quote!(self.#ident.get_or_insert_with(#init)),
                )
            } else {
                (
                    quote!(::std::option::Option::Some(::std::option::Option::Some(v))),
                    quote!(self.#ident.get_or_insert(::std::option::Option::None).get_or_insert_with(#init)),
                )
            };
            let value = if boxed { quote!(&**v) } else { quote!(v) };
            let target = if boxed {
                quote!(&mut **slot)
            } else {
                quote!(slot)
            };
            FieldCode {
                encode: quote!(if let #pattern = &self.#ident { #m::encode(#tag, #value, buf); }),
                merge: quote!(#tag => {
                    let slot = #fill;
                    #m::merge(wire_type, #target, buf, ctx).map_err(#ctx_err)
                }),
                len: quote!((match &self.#ident { #pattern => #m::encoded_len(#tag, #value), _ => 0 })),
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
            let key = quote!(::prost::encoding::string);
            let map = quote!(::prost::encoding::btree_map);
            FieldCode {
                encode: quote!(#map::encode(#key::encode, #key::encoded_len, #m::encode, #m::encoded_len, #tag, &self.#ident, buf);),
                merge: quote!(#tag => #map::merge(#key::merge, #m::merge, &mut self.#ident, buf, ctx).map_err(#ctx_err),),
                len: quote!(#map::encoded_len(#key::encoded_len, #m::encoded_len, #tag, &self.#ident)),
            }
        }
    };
    Some(code)
}
