//! The proto3 JSON face of a proto API's messages: `impl apigen_runtime::proto_json::JsonFields`
//! (one `w.field` line per field naming its `serde_with` adapter, one `match` arm per field to
//! read it, under its name and its JSON name) and the serde impls from the runtime's
//! `proto_json_message!`, all in one `mod json` at the end of the models crate.
//!
//! The adapters mirror the field's type: `N<…>` (`serde_with::DefaultOnNull`) around a field
//! with implicit presence (`null` reads as the default), `Option<…>` around one with explicit
//! presence, `j::ValueField` for an explicit `google.protobuf.Value` (`null` is a value there),
//! and the runtime's number, bytes and timestamp adapters inside (`S`, `serde_with::Same`,
//! where the type's own serde impls are right).

use std::collections::BTreeSet;

use apigen_ir::{Api, JsonMapping, ObjectType, PrimitiveKind, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::models::proto::is_explicit;
use crate::names::Names;
use crate::naming;
use crate::runtime::proto_json as pj;
use crate::runtime::{Item, PROTO_JSON_MESSAGE};

/// The `mod json { … }` item of a proto API's models crate (empty for other APIs).
pub fn json_module(api: &Api, names: &Names) -> TokenStream {
    if api.json_mapping != JsonMapping::Protobuf {
        return TokenStream::new();
    }
    let items: Vec<TokenStream> = api
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Object(obj) => Some(message(def, obj, names)),
            _ => None,
        })
        .flatten()
        .collect();
    if items.is_empty() {
        return TokenStream::new();
    }
    let module = pj::MODULE;
    quote! {
        /// The proto3 JSON form of the messages (`serde`), written and read from their fields.
        mod json {
            use #module as j;
            #[allow(unused_imports)]
            use ::serde_with::{DefaultOnNull as N, Same as S};
            #[allow(unused_imports)]
            use ::std::collections::BTreeMap;

            #(#items)*
        }
    }
}

/// A runtime item through the `j` alias of the `json` module (`j::I64`).
fn j(item: Item) -> TokenStream {
    let name = item.ident();
    quote!(j::#name)
}

/// `proto_json_message!` and `impl JsonFields` of one message.
fn message(def: &TypeDef, obj: &ObjectType, names: &Names) -> Option<TokenStream> {
    let name = names.get(&def.name)?;
    let segs: Vec<Ident> = name.module.iter().map(|m| naming::ident(m)).collect();
    let ident = naming::ident(&name.ident);
    let struct_name = name.ident.as_str();
    let path = quote!(crate #(:: #segs)* :: #ident);
    // The same path from `super` for the macro (prettyplease spaces `crate ::` there).
    let from_super = quote!(super #(:: #segs)* :: #ident);
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    let mut keys = BTreeSet::new();
    for (f, fident) in obj.fields.iter().zip(names.fields(&def.name)) {
        let explicit = is_explicit(f);
        let adapter = field_adapter(&f.ty, explicit);
        let wire = f.name.as_str();
        let float = !explicit
            && matches!(
                &f.ty,
                TypeRef::Primitive(p)
                    if matches!(p.kind, PrimitiveKind::Float | PrimitiveKind::Double)
            );
        // The common shapes by name (`plain`: `N<S>`, `opt`: `Option<S>`), others by adapter.
        let own = !primitive_inside(&f.ty) && !(explicit && f.ty == TypeRef::Any);
        let turbofish = quote!(::<#adapter, _>);
        let (method, read_method, turbofish) = match (own, explicit) {
            (true, false) => (quote!(plain), quote!(plain), TokenStream::new()),
            (true, true) => (quote!(opt), quote!(opt), TokenStream::new()),
            _ if float => (quote!(float), quote!(field), turbofish),
            _ => (quote!(field), quote!(field), turbofish),
        };
        writes.push(quote!(w.#method #turbofish(#wire, &self.#fident);));
        // serde's derive matched keys in field order, the name before the JSON name: the
        // first field a key names reads it.
        let accepted: Vec<&str> = std::iter::once(wire)
            .chain(f.json_name.as_deref())
            .filter(|k| keys.insert(k.to_string()))
            .collect();
        if !accepted.is_empty() {
            reads.push(quote! {
                #(#accepted)|* => r.#read_method #turbofish(#wire, &mut self.#fident),
            });
        }
    }
    let fields = j(pj::JSON_FIELDS);
    let writer = j(pj::WRITER);
    let reader = j(pj::READER);
    let w = if writes.is_empty() { quote!(_w) } else { quote!(w) };
    let read = if reads.is_empty() {
        quote!(fn read<'de, A: ::serde::de::MapAccess<'de>>(
            &mut self,
            _key: &str,
            r: &mut #reader<'_, 'de, A>,
        ) -> ::std::result::Result<(), A::Error> {
            r.skip()
        })
    } else {
        quote!(fn read<'de, A: ::serde::de::MapAccess<'de>>(
            &mut self,
            key: &str,
            r: &mut #reader<'_, 'de, A>,
        ) -> ::std::result::Result<(), A::Error> {
            match key {
                #(#reads)*
                _ => r.skip(),
            }
        })
    };
    Some(quote! {
        #PROTO_JSON_MESSAGE!(#from_super, #struct_name);
        impl #fields for #path {
            fn write<M: ::serde::ser::SerializeMap>(&self, #w: &mut #writer<M>) {
                #(#writes)*
            }

            #read
        }
    })
}

/// The adapter of a field: its type's, inside `N` (implicit presence) or `Option` (explicit).
fn field_adapter(ty: &TypeRef, explicit: bool) -> TokenStream {
    if explicit && *ty == TypeRef::Any {
        return j(pj::VALUE_FIELD);
    }
    let inner = adapter(ty);
    if explicit {
        quote!(::std::option::Option<#inner>)
    } else {
        quote!(N<#inner>)
    }
}

/// The adapter mirroring a type (`S` where the type's own serde impls are right).
fn adapter(ty: &TypeRef) -> TokenStream {
    let same = || quote!(S);
    match ty {
        TypeRef::Primitive(p) => primitive(p.kind).map(j).unwrap_or_else(same),
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
                quote!(BTreeMap<S, #inner>)
            }
            false => same(),
        },
        TypeRef::Unit => j(pj::EMPTY_MESSAGE),
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
