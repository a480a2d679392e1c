//! Models generated from protos speak protobuf's canonical JSON mapping (`JsonMapping::Protobuf`):
//! the struct and enum items, with serde attributes composed from the runtime's
//! `apigen_runtime::proto_json` adapters.
//!
//! - A field with implicit presence is a plain `T`: absent or `null` reads as the default, and
//!   the default is omitted when writing (as protobuf's `MessageToDict` does).
//! - A field with explicit presence (message, proto3 `optional`, `oneof` member, wrapper) is an
//!   `Option<T>`; `null` reads as `None`, except for a `google.protobuf.Value` field, where it is
//!   the JSON `null` value.
//! - The field's `json_name` is accepted beside its name; the name is written (as Cloudforet's
//!   servers do with `preserving_proto_field_name=True`).
//! - Messages refuse anything but a JSON object; enums keep unknown values.

use apigen_ir::{EnumType, Field, FieldPresence, ObjectType, PrimitiveKind, TypeDef, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::docs::doc_attrs;
use crate::models::objects::field_notes;
use crate::names::Names;
use crate::typeref::{TypeRenderer, Uses};

use crate::runtime::proto_json::{
    BYTES, EMPTY_MESSAGE, F32, F64, I32, I64, IS_DEFAULT, IS_DEFAULT_FLOAT, MESSAGE, TIMESTAMP,
    U32, U64, UNKNOWN_ENUM_VALUE, VALUE_FIELD,
};
use crate::runtime::{Item, PROTO_ENUM_IMPLS};

/// A struct for a protobuf message.
pub fn message(
    def: &TypeDef,
    obj: &ObjectType,
    ident: &Ident,
    request: bool,
    render: &TypeRenderer<'_>,
    uses: &mut Uses,
) -> TokenStream {
    uses.serde_with = true;
    let idents = render.names.fields(&def.name);
    let fields = obj.fields.iter().zip(&idents).map(|(f, fident)| {
        uses.visit(&f.ty);
        field(def, f, fident, request, render)
    });
    quote! {
        #[::serde_with::serde_as]
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(remote = "Self")]
        pub struct #ident {
            #(#fields)*
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                Self::serialize(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #MESSAGE(deserializer, Self::deserialize)
            }
        }
    }
}

/// Whether a field is an `Option` in Rust.
pub fn is_explicit(f: &Field) -> bool {
    f.presence == Some(FieldPresence::Explicit)
}

fn field(
    def: &TypeDef,
    f: &Field,
    fident: &Ident,
    request: bool,
    render: &TypeRenderer<'_>,
) -> TokenStream {
    let mut ty = render.ty(&f.ty);
    if render.names.is_boxed(&def.name, &f.name) {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    let explicit = is_explicit(f);
    if explicit {
        ty = quote!(::std::option::Option<#ty>);
    }
    let wire = &f.name;
    let mut args = Vec::new();
    if fident.to_string().trim_start_matches("r#") != wire {
        args.push(quote!(rename = #wire));
    }
    if let Some(json) = &f.json_name {
        args.push(quote!(alias = #json));
    }
    let float = matches!(
        &f.ty,
        TypeRef::Primitive(p) if matches!(p.kind, PrimitiveKind::Float | PrimitiveKind::Double)
    );
    let skip = if explicit {
        "::std::option::Option::is_none".to_string()
    } else if float {
        IS_DEFAULT_FLOAT.path()
    } else {
        IS_DEFAULT.path()
    };
    args.push(quote!(default, skip_serializing_if = #skip));
    let pattern = field_pattern(f, explicit);
    let as_attr = pattern.map(|p| quote!(#[serde_as(as = #p)]));
    let mut notes = field_notes(f);
    if f.required && request {
        notes.insert(0, required_note(f));
    }
    let docs = doc_attrs(&f.docs, &notes);
    quote! {
        #docs
        #as_attr
        #[serde(#(#args),*)]
        pub #fident: #ty,
    }
}

/// What a required field means in protobuf terms, for its docs.
fn required_note(f: &Field) -> String {
    if is_explicit(f) {
        "Required in requests: must be set.".to_string()
    } else {
        "Required in requests: must not be left at its default value.".to_string()
    }
}

/// The `serde_as` pattern of a field, or `None` when serde's own handling is right.
fn field_pattern(f: &Field, explicit: bool) -> Option<String> {
    if explicit && f.ty == TypeRef::Any {
        return Some(VALUE_FIELD.path());
    }
    let inner = pattern(&f.ty);
    if explicit {
        (inner != "_").then(|| format!("::std::option::Option<{inner}>"))
    } else {
        Some(format!("::serde_with::DefaultOnNull<{inner}>"))
    }
}

/// The adapter pattern mirroring a type (`_` where the type's own serde impls are right).
fn pattern(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => match adapter(p.kind) {
            Some(a) => a.path(),
            None => "_".to_string(),
        },
        TypeRef::Array(item) => match pattern(item) {
            inner if inner == "_" => inner,
            inner => format!("::std::vec::Vec<{inner}>"),
        },
        TypeRef::Map(value) => match pattern(value) {
            inner if inner == "_" => inner,
            inner => format!("::std::collections::BTreeMap<::serde_with::Same, {inner}>"),
        },
        TypeRef::Unit => EMPTY_MESSAGE.path(),
        TypeRef::Named(_) | TypeRef::Any => "_".to_string(),
    }
}

/// The runtime adapter of a primitive, if its JSON form is not serde's.
fn adapter(kind: PrimitiveKind) -> Option<Item> {
    Some(match kind {
        PrimitiveKind::Int32 => I32,
        PrimitiveKind::Uint32 => U32,
        PrimitiveKind::Int64 | PrimitiveKind::Int64String => I64,
        PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => U64,
        PrimitiveKind::Float => F32,
        PrimitiveKind::Double => F64,
        PrimitiveKind::Base64 => BYTES,
        PrimitiveKind::DateTime => TIMESTAMP,
        _ => return None,
    })
}

/// An enum for a protobuf enum: known values, plus `Unknown` for values this version does not
/// know; written by name, read by name or number. Its own methods hold what is particular to
/// it (names, numbers); the runtime's `proto_enum!` writes the trait impls every enum has.
pub fn enumeration(def: &TypeDef, e: &EnumType, ident: &Ident, names: &Names) -> TokenStream {
    let variants = names.variants(&def.name);
    let unknown = names.unknown_variant(&def.name);
    let names: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
    let numbers: Vec<Literal> = e
        .values
        .iter()
        .map(|v| Literal::i32_unsuffixed(v.number.unwrap_or_default()))
        .collect();
    let docs = e.values.iter().map(|v| {
        let number = format!("Number {}.", v.number.unwrap_or_default());
        if v.docs.is_empty() {
            let text = format!(" `{}` (number {}).", v.value, v.number.unwrap_or_default());
            quote!(#[doc = #text])
        } else {
            doc_attrs(&v.docs, &[number])
        }
    });
    // The zero value is the default (proto3); an enum without one (proto2) defaults to its first.
    let default = e
        .values
        .iter()
        .position(|v| v.number == Some(0))
        .unwrap_or(0);
    let default_attrs = (0..variants.len()).map(|i| (i == default).then(|| quote!(#[default])));
    // Several names may share a number (`allow_alias`): the first one wins when reading numbers.
    let mut seen = std::collections::BTreeSet::new();
    let number_arms: Vec<TokenStream> = numbers
        .iter()
        .zip(&variants)
        .zip(&e.values)
        .filter(|(_, v)| seen.insert(v.number.unwrap_or_default()))
        .map(|((n, id), _)| quote!(#n => Self::#id,))
        .collect();
    let full_name = &def.name;
    quote! {
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(
                #docs
                #default_attrs
                #variants,
            )*
            /// A value this version of the API does not know (received from a newer peer), kept as
            /// received. Requests carrying one are refused by `Validate`.
            #unknown(#UNKNOWN_ENUM_VALUE),
        }

        impl #ident {
            /// Every known value, in spec order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The value's name as written on the wire (an unknown one as received).
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #names,)*
                    Self::#unknown(v) => v.as_str(),
                }
            }

            /// The value's number, unless it is an unknown value received by name.
            pub fn number(&self) -> ::std::option::Option<i32> {
                match self {
                    #(Self::#variants => ::std::option::Option::Some(#numbers),)*
                    Self::#unknown(v) => v.number(),
                }
            }

            /// The value of a number (an unknown value when the number is not defined).
            pub fn from_number(number: i32) -> Self {
                match number {
                    #(#number_arms)*
                    other => Self::#unknown(#UNKNOWN_ENUM_VALUE::from_number(other)),
                }
            }

            /// The known value of a name.
            pub fn from_name(name: &str) -> ::std::option::Option<Self> {
                match name {
                    #(#names => ::std::option::Option::Some(Self::#variants),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        #PROTO_ENUM_IMPLS!(#ident, #unknown, #full_name);
    }
}

