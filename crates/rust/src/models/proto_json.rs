//! The proto3 JSON face of a proto API's messages: per message a table of its fields (its name,
//! JSON name and `serde_with` adapter) in the runtime's `proto_json_message!`, which writes
//! `impl apigen_runtime::proto_json::JsonFields` and the serde impls from it, beside the
//! message's struct. A table in a macro is printed as it is, where
//! the same code written out would be parsed and printed as Rust, statement by statement.
//!
//! The adapters mirror the field's type: `serde_with::DefaultOnNull` around a field with
//! implicit presence (`null` reads as the default), `Option` around one with explicit presence,
//! `ValueField` for an explicit `google.protobuf.Value` (`null` is a value there), and the
//! runtime's number, bytes and timestamp adapters inside (`serde_with::Same` where the type's
//! own serde impls are right); the table names the common ones in words (`opt time`).

use std::collections::BTreeSet;

use apigen_ir::{ObjectType, PrimitiveKind, TypeDef, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{quote, ToTokens};

use crate::models::proto::is_explicit;
use crate::names::Names;
use crate::runtime::proto_json as pj;
use crate::runtime::{Item, PROTO_JSON_MESSAGE};

/// `proto_json_message!` of one message, beside its struct: its table of fields, from which
/// the runtime's macro writes `impl JsonFields` and the serde impls.
pub fn message_json(def: &TypeDef, obj: &ObjectType, ident: &Ident, names: &Names) -> TokenStream {
    let mut keys = BTreeSet::new();
    let entries = obj.fields.iter().zip(names.fields(&def.name)).map(|(f, fident)| {
        let explicit = is_explicit(f);
        let wire = f.name.as_str();
        let how = how(&f.ty, explicit);
        // serde's derive matched keys in field order, the name before the JSON name: the first
        // field a key names reads it (protobuf refuses clashing JSON names anyway).
        keys.insert(wire.to_string());
        let aliases: Vec<&str> = f
            .json_name
            .as_deref()
            .filter(|k| keys.insert(k.to_string()))
            .into_iter()
            .collect();
        quote!((#fident, #how, #wire #(| #aliases)*))
    });
    quote! {
        #PROTO_JSON_MESSAGE!(#ident, [#(#entries),*]);
    }
}

/// How the table of `proto_json_message!` says a field is written and read: `plain`, `opt`,
/// a kind of value (`i64`) alone, after `opt`, `rep` or `map`, `value`, or else the adapter
/// as a type in parentheses.
fn how(ty: &TypeRef, explicit: bool) -> TokenStream {
    if explicit && *ty == TypeRef::Any {
        return quote!(value);
    }
    if !primitive_inside(ty) {
        return if explicit { quote!(opt) } else { quote!(plain) };
    }
    let holder = match (ty, explicit) {
        (TypeRef::Array(item), false) => Some((quote!(rep), &**item)),
        (TypeRef::Map(value), false) => Some((quote!(map), &**value)),
        (TypeRef::Array(_) | TypeRef::Map(_), true) => None,
        (_, true) => Some((quote!(opt), ty)),
        (_, false) => Some((TokenStream::new(), ty)),
    };
    match holder.and_then(|(h, inner)| kind(inner).map(|k| quote!(#h #k))) {
        Some(words) => words,
        None => {
            let adapter = field_adapter(ty, explicit);
            quote!((#adapter))
        }
    }
}

/// The word of a value kind with a runtime adapter (`i64`, `time`).
fn kind(ty: &TypeRef) -> Option<Ident> {
    let word = match ty {
        TypeRef::Unit => "empty",
        TypeRef::Primitive(p) => match p.kind {
            PrimitiveKind::Int32 => "i32",
            PrimitiveKind::Uint32 => "u32",
            PrimitiveKind::Int64 | PrimitiveKind::Int64String => "i64",
            PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => "u64",
            PrimitiveKind::Float => "f32",
            PrimitiveKind::Double => "f64",
            PrimitiveKind::Base64 => "bytes",
            PrimitiveKind::DateTime => "time",
            _ => return None,
        },
        _ => return None,
    };
    Some(Ident::new(word, proc_macro2::Span::call_site()))
}

/// The adapter of a field: its type's, inside `N` (implicit presence) or `Option` (explicit).
fn field_adapter(ty: &TypeRef, explicit: bool) -> TokenStream {
    if explicit && *ty == TypeRef::Any {
        return pj::VALUE_FIELD.to_token_stream();
    }
    let inner = adapter(ty);
    if explicit {
        quote!(::std::option::Option<#inner>)
    } else {
        quote!(::serde_with::DefaultOnNull<#inner>)
    }
}

/// The adapter mirroring a type (`Same` where the type's own serde impls are right).
fn adapter(ty: &TypeRef) -> TokenStream {
    let same = || quote!(::serde_with::Same);
    match ty {
        TypeRef::Primitive(p) => primitive(p.kind)
            .map(|i| i.to_token_stream())
            .unwrap_or_else(same),
        TypeRef::Array(item) => match primitive_inside(item) {
            true => {
                let inner = adapter(item);
                quote!(::std::vec::Vec<#inner>)
            }
            false => same(),
        },
        TypeRef::Map(value) => match primitive_inside(value) {
            true => {
                let inner = adapter(value);
                quote!(::std::collections::BTreeMap<::serde_with::Same, #inner>)
            }
            false => same(),
        },
        TypeRef::Unit => pj::EMPTY_MESSAGE.to_token_stream(),
        TypeRef::Named(_) | TypeRef::Any => same(),
    }
}

/// Whether a type needs an adapter of the runtime somewhere inside.
fn primitive_inside(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => primitive(p.kind).is_some(),
        TypeRef::Array(i) | TypeRef::Map(i) => primitive_inside(i),
        TypeRef::Unit => true,
        TypeRef::Named(_) | TypeRef::Any => false,
    }
}

/// The runtime adapter of a primitive, if its JSON form is not serde's.
fn primitive(kind: PrimitiveKind) -> Option<Item> {
    Some(match kind {
        PrimitiveKind::Int32 => pj::I32,
        PrimitiveKind::Uint32 => pj::U32,
        PrimitiveKind::Int64 | PrimitiveKind::Int64String => pj::I64,
        PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => pj::U64,
        PrimitiveKind::Float => pj::F32,
        PrimitiveKind::Double => pj::F64,
        PrimitiveKind::Base64 => pj::BYTES,
        PrimitiveKind::DateTime => pj::TIMESTAMP,
        _ => return None,
    })
}
