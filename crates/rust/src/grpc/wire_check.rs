//! `impl WireCheck` on the models of a proto API: what protobuf cannot write (an enum value
//! known only by name, a map key that is not a number, an `Any` of an unknown type, a
//! `google.protobuf` message without a codec) is found before encoding, with its path. And the
//! `AnyTypes` registry through which `Any` fields resolve the API's own messages.

use std::collections::BTreeSet;

use apigen_ir::{Api, Field, ObjectType, ProtoType, TypeDef, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use super::codec::{holder, is_proto, map_key, rt, Holder};
use crate::names::Names;
use crate::naming;
use crate::runtime::{protobuf as pb, ANY_CODEC, WIRE_CHECK_MACRO};

/// Which types may hold something protobuf cannot write (every enum, and the messages that
/// reach one, an `Any`, another well-known message or a non-string map key).
pub(super) struct Needs {
    types: BTreeSet<String>,
    any: bool,
}

/// The named type a field refers to, through lists and maps.
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Array(t) | TypeRef::Map(t) => named(t),
        _ => None,
    }
}

/// Whether the field itself (not what it refers to) needs a check.
fn direct(f: &Field) -> bool {
    matches!(
        f.proto_type,
        Some(ProtoType::Enum | ProtoType::Any | ProtoType::OtherWellKnown)
    ) || f.proto_map_key.and_then(map_key).is_some()
}

impl Needs {
    pub(super) fn new(api: &Api) -> Self {
        let mut types: BTreeSet<String> = api
            .types
            .iter()
            .filter(|d| match &d.kind {
                TypeKind::Enum(e) => e.values.iter().all(|v| v.number.is_some()),
                TypeKind::Object(o) => is_proto(o) && o.fields.iter().any(direct),
                _ => false,
            })
            .map(|d| d.name.clone())
            .collect();
        loop {
            let before = types.len();
            for def in &api.types {
                // Only types with a `WireCheck` impl (the codec module's) join the set.
                if let TypeKind::Object(o) = &def.kind {
                    if !is_proto(o) {
                        continue;
                    }
                    let reaches = o
                        .fields
                        .iter()
                        .any(|f| named(&f.ty).is_some_and(|n| types.contains(n)));
                    if reaches {
                        types.insert(def.name.clone());
                    }
                }
            }
            if types.len() == before {
                break;
            }
        }
        let any = api.types.iter().any(|d| match &d.kind {
            TypeKind::Object(o) => o
                .fields
                .iter()
                .any(|f| f.proto_type == Some(ProtoType::Any)),
            _ => false,
        });
        Needs { types, any }
    }

    /// Whether some field is a `google.protobuf.Any`.
    pub(super) fn has_any(&self) -> bool {
        self.any
    }

    fn field(&self, f: &Field) -> bool {
        direct(f) || named(&f.ty).is_some_and(|n| self.types.contains(n))
    }
}

/// `impl WireCheck` for a message (empty for messages that cannot hold anything unwritable),
/// else the runtime's `wire_check!` with a table of each field that may, with its path (`path`
/// from `crate`, `from_super` for the macro).
pub(super) fn message_check(
    def: &TypeDef,
    obj: &ObjectType,
    path: &TokenStream,
    from_super: &TokenStream,
    names: &Names,
    needs: &Needs,
) -> TokenStream {
    let wire_check = rt(pb::WIRE_CHECK);
    let checks: Vec<TokenStream> = obj
        .fields
        .iter()
        .zip(names.fields(&def.name))
        .filter(|(f, _)| needs.field(f))
        .filter_map(|(f, ident)| {
            let ty = f.proto_type?;
            let name = f.name.as_str();
            let check = match ty {
                ProtoType::Any => quote!(any::check),
                ProtoType::OtherWellKnown => {
                    let unsupported = rt(pb::UNSUPPORTED);
                    quote!(#unsupported::check)
                }
                _ => quote!(#wire_check::wire_check),
            };
            let how = match holder(f, ty) {
                Holder::Plain => quote!(plain),
                Holder::Option => quote!(opt),
                Holder::Repeated => quote!(rep),
                Holder::Map => quote!(map),
            };
            // Values of a type that holds nothing unwritable need no walk (only their keys).
            let values = matches!(ty, ProtoType::Any | ProtoType::OtherWellKnown)
                || named(&f.ty).is_some_and(|n| needs.types.contains(n));
            let key = f
                .proto_map_key
                .and_then(map_key)
                .map(|key| quote!((#ident, key, #key::check, #name)));
            let each = values.then(|| quote!((#ident, #how, #check, #name)));
            Some(key.into_iter().chain(each))
        })
        .flatten()
        .collect();
    if checks.is_empty() {
        return quote!(impl #wire_check for #path {});
    }
    quote!(#WIRE_CHECK_MACRO!(#from_super, [#(#checks),*]);)
}

/// The API's messages as an `AnyTypes` registry, and the `any` codec module bound to it.
pub(super) fn any_registry(api: &Api, names: &Names) -> TokenStream {
    let any = rt(pb::ANY);
    let any_kind = rt(pb::ANY_KIND);
    let (mut to_binary, mut to_json) = (Vec::new(), Vec::new());
    for def in &api.types {
        let (TypeKind::Object(obj), Some(name)) = (&def.kind, names.get(&def.name)) else {
            continue;
        };
        if !is_proto(obj) {
            continue;
        }
        let segs = name.module.iter().map(|m| naming::ident(m));
        let ident = naming::ident(&name.ident);
        let path = quote!(crate #(:: #segs)* :: #ident);
        let full = def.name.as_str();
        to_binary.push(quote!(#full => Some(#any::message_to_binary::<#path>(json)),));
        to_json.push(quote!(#full => Some(#any::message_to_json::<#path>(bytes)),));
    }
    quote! {
        /// The messages of this API an `Any` can hold.
        struct Types;

        impl #any::AnyTypes for Types {
            fn to_binary(
                name: &str,
                json: ::serde_json::Value,
            ) -> ::std::option::Option<::std::result::Result<::std::vec::Vec<u8>, ::std::string::String>> {
                match name {
                    #(#to_binary)*
                    _ => None,
                }
            }

            fn to_json(
                name: &str,
                bytes: &[u8],
            ) -> ::std::option::Option<::std::result::Result<::serde_json::Value, ::std::string::String>> {
                match name {
                    #(#to_json)*
                    _ => None,
                }
            }
        }

        #ANY_CODEC!(any, super::Types);

        /// The `Any` kind of this API's fields.
        const ANY: #any_kind<Types> = #any_kind::NEW;
    }
}
