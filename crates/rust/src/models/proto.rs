//! Models generated from protos speak protobuf's canonical JSON mapping (`JsonMapping::Protobuf`):
//! the struct and enum items; the messages' serde impls are in `proto_json.rs`, the enums' in the
//! runtime's `proto_enum!`.
//!
//! - A field with implicit presence is a plain `T`: absent or `null` reads as the default, and
//!   the default is omitted when writing (as protobuf's `MessageToDict` does).
//! - A field with explicit presence (message, proto3 `optional`, `oneof` member, wrapper) is an
//!   `Option<T>`; `null` reads as `None`, except for a `google.protobuf.Value` field, where it is
//!   the JSON `null` value.
//! - The field's `json_name` is accepted beside its name; the name is written (as Cloudforet's
//!   servers do with `preserving_proto_field_name=True`).
//! - Messages refuse anything but a JSON object; enums keep unknown values.

use apigen_ir::{EnumType, Field, FieldPresence, ObjectType, TypeDef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::docs::doc_attrs;
use crate::models::objects::field_notes;
use crate::names::Names;
use crate::typeref::{TypeRenderer, Uses};

use crate::runtime::proto_json::UNKNOWN_ENUM_VALUE;
use crate::runtime::PROTO_ENUM_IMPLS;

/// A struct for a protobuf message: its fields with their docs, and its table of fields for the
/// runtime's `proto_json_message!`, which writes its serde impls (see `proto_json.rs`).
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
    let json = crate::models::proto_json::message_json(def, obj, ident, render.names);
    quote! {
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #ident {
            #(#fields)*
        }
        #json
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
    let mut notes = field_notes(f);
    if f.required && request {
        notes.insert(0, required_note(f));
    }
    let docs = doc_attrs(&f.docs, &notes);
    quote! {
        #docs
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

/// An enum for a protobuf enum: known values, plus `Unknown` for values this version does not
/// know; written by name, read by name or number. The definition (with the values' docs) and a
/// table of the values' names and numbers, from which the runtime's `proto_enum!` writes the
/// methods (`ALL`, `as_str`, `number`, `from_number`, `from_name`) and the trait impls.
pub fn enumeration(def: &TypeDef, e: &EnumType, ident: &Ident, names: &Names) -> TokenStream {
    let variants = names.variants(&def.name);
    let unknown = names.unknown_variant(&def.name);
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
    // Several names may share a number (`allow_alias`): the first one wins when reading numbers
    // (the macro tries them in order).
    let table = e.values.iter().zip(&variants).map(|(v, id)| {
        let n = Literal::i32_unsuffixed(v.number.unwrap_or_default());
        let name = v.value.as_str();
        quote!((#id, #n, #name))
    });
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

        #PROTO_ENUM_IMPLS!(#ident, #unknown, #full_name, [#(#table),*]);
    }
}
