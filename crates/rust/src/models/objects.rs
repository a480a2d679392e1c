//! Object types → structs.

use apigen_ir::{Field, FieldPresence, ObjectType, TypeDef, TypeRef};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::runtime::{any_of::MERGED, RECORD};
use crate::typeref::{needs_serde_as, serde_as_pattern, TypeRenderer, Uses};

/// How a field is represented in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present: `T` (protobuf: present or at its default value).
    Required,
    /// Required but may be `null`: `Option<T>`.
    RequiredNullable,
    /// May be absent: `Option<T>`.
    Optional,
    /// May be absent or `null` (three states): `Option<Option<T>>`.
    OptionalNullable,
    /// A list or map that is empty when absent: `Vec<T>` / `BTreeMap<_, T>`.
    EmptyWhenAbsent,
}

impl Presence {
    /// The presence of an IR field.
    pub fn of(field: &Field) -> Self {
        let empty_default = matches!(
            (&field.default, &field.ty),
            (Some(serde_json::Value::Array(a)), TypeRef::Array(_)) if a.is_empty()
        ) || matches!(
            (&field.default, &field.ty),
            (Some(serde_json::Value::Object(o)), TypeRef::Map(_)) if o.is_empty()
        );
        match field.presence {
            // protobuf: explicit presence is an `Option`; implicit presence is the plain value,
            // which holds the default when absent (lists and maps: empty).
            Some(FieldPresence::Explicit) => return Presence::Optional,
            Some(FieldPresence::Implicit) if !empty_default => return Presence::Required,
            _ => {}
        }
        match (field.required, field.nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, _) if empty_default => Presence::EmptyWhenAbsent,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }
}

/// A struct for an object type.
pub fn object(
    def: &TypeDef,
    obj: &ObjectType,
    ident: &Ident,
    render: &TypeRenderer<'_>,
    uses: &mut Uses,
    unchecked: bool,
) -> (TokenStream, bool) {
    let idents = render.names.fields(&def.name);
    // `rename_all = "camelCase"` when it spares two or more `rename`s (camelCase specs).
    let camel = obj
        .fields
        .iter()
        .zip(&idents)
        .filter(|(f, id)| {
            let id = id.to_string();
            id.trim_start_matches("r#") != f.name && serde_camel_case(&id) == f.name
        })
        .count()
        >= 2;
    let subset =
        matches!(&obj.alternatives, Some(TypeRef::Named(n)) if render.names.is_any_subset(n));
    // serde's derives (`Deserialize` above all) are most of a models crate's compile time:
    // records without flattened or adapted fields get the runtime's `record!` instead.
    let own_serde = !subset
        && obj.additional_properties.is_none()
        && obj.alternatives.is_none()
        && !obj.fields.iter().any(|f| {
            needs_serde_as(&f.ty) && Presence::of(f) != Presence::OptionalNullable
        });
    let mut serde_as = false;
    let mut all_defaultable = true;
    // Each field's `record!` entry: identifier, index, wire name, mode.
    let mut entries = Vec::new();
    let fields: Vec<TokenStream> = obj
        .fields
        .iter()
        .zip(&idents)
        .map(|(f, fident)| {
            uses.visit(&f.ty);
            let presence = Presence::of(f);
            all_defaultable &= presence != Presence::Required;
            let boxed = render.names.is_boxed(&def.name, &f.name);
            let mut ty = render.ty(&f.ty);
            if boxed {
                ty = quote!(::std::boxed::Box<#ty>);
            }
            let ty = match presence {
                Presence::Required | Presence::EmptyWhenAbsent => ty,
                Presence::RequiredNullable | Presence::Optional => {
                    quote!(::std::option::Option<#ty>)
                }
                Presence::OptionalNullable => {
                    quote!(::std::option::Option<::std::option::Option<#ty>>)
                }
            };
            let mut serde_args = Vec::new();
            let wire = &f.name;
            let spelled = if camel {
                serde_camel_case(&fident.to_string())
            } else {
                fident.to_string().trim_start_matches("r#").to_string()
            };
            if spelled != *wire {
                serde_args.push(quote!(rename = #wire));
            }
            let adapter = needs_serde_as(&f.ty);
            let docs = crate::docs::field_doc_attrs(&f.docs, &field_notes(f));
            if own_serde {
                let mode = match presence {
                    Presence::Required | Presence::RequiredNullable => "plain",
                    Presence::Optional => "optional",
                    Presence::OptionalNullable => "double",
                    Presence::EmptyWhenAbsent => "empty",
                };
                let index = Literal::usize_unsuffixed(entries.len());
                let mode = Ident::new(mode, Span::call_site());
                entries.push(quote!(#fident #index #wire #mode));
                return quote! {
                    #docs
                    pub #fident: #ty,
                };
            }
            match presence {
                Presence::Required | Presence::RequiredNullable => {}
                // serde reads an absent `Option` field as `None` unless an adapter
                // deserializes it, so only adapted fields need `default`.
                Presence::Optional if adapter => {
                    serde_args.push(quote!(
                        default,
                        skip_serializing_if = "::std::option::Option::is_none"
                    ));
                }
                Presence::Optional => {
                    serde_args.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
                }
                Presence::OptionalNullable => {
                    uses.serde_with = true;
                    serde_args.push(quote!(
                        default,
                        skip_serializing_if = "::std::option::Option::is_none",
                        with = "::serde_with::rust::double_option"
                    ));
                }
                Presence::EmptyWhenAbsent => {
                    let is_empty = if matches!(f.ty, TypeRef::Array(_)) {
                        "::std::vec::Vec::is_empty"
                    } else {
                        "::std::collections::BTreeMap::is_empty"
                    };
                    serde_args.push(quote!(default, skip_serializing_if = #is_empty));
                }
            }
            let as_attr = if adapter && presence != Presence::OptionalNullable {
                serde_as = true;
                uses.serde_with = true;
                let optional = matches!(presence, Presence::Optional | Presence::RequiredNullable);
                let pattern = serde_as_pattern(&f.ty, optional);
                quote!(#[serde_as(as = #pattern)])
            } else {
                TokenStream::new()
            };
            let serde_attr = if serde_args.is_empty() {
                TokenStream::new()
            } else {
                quote!(#[serde(#(#serde_args),*)])
            };
            quote! {
                #docs
                #as_attr
                #serde_attr
                pub #fident: #ty,
            }
        })
        .collect();
    let flatten = obj.additional_properties.as_ref().map(|ty| {
        uses.visit(ty);
        let ty = render.ty(ty);
        let name = render.names.additional_field(&def.name);
        quote! {
            /// Properties beyond the named fields.
            #[serde(flatten)]
            pub #name: ::std::collections::BTreeMap<::std::string::String, #ty>,
        }
    });
    let alternatives = obj
        .alternatives
        .as_ref()
        .map(|ty| alternatives_field(def, ty, subset, render, uses));
    let default = (all_defaultable && alternatives.is_none()).then(|| quote!(Default,));
    let serde_as_attr = serde_as.then(|| quote!(#[::serde_with::serde_as]));
    let rename_all = (camel && !own_serde).then(|| quote!(#[serde(rename_all = "camelCase")]));
    let (serde_derives, serde_impls) = if own_serde {
        // A record with nothing to check gets its (empty) `Validate` impl from the macro too;
        // one with checks is marked `checked` and has its own impl.
        let checked = (!unchecked).then(|| quote!(checked));
        (TokenStream::new(), quote!(#RECORD!(#ident { #(#entries),* } #checked);))
    } else {
        (quote!(::serde::Serialize, ::serde::Deserialize), TokenStream::new())
    };
    let (remote, impls) = if subset {
        let name = render.names.alternatives_field(&def.name);
        (
            quote!(#[serde(remote = "Self")]),
            common_and_subset_impls(ident, &name),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let tokens = quote! {
        #serde_as_attr
        #[derive(Debug, Clone, PartialEq, #default #serde_derives)]
        #rename_all
        #remote
        pub struct #ident {
            #(#fields)*
            #flatten
            #alternatives
        }

        #serde_impls
        #impls
    };
    (tokens, own_serde && unchecked)
}

/// serde for a record whose alternatives are "any subset": the derived code (`remote =
/// "Self"`: inherent functions, the alternatives skipped) reads and writes the common fields;
/// these impls decode the alternatives from the whole object too (so an alternative may
/// require a common property), and merge them into the common fields' object when encoding.
fn common_and_subset_impls(ident: &Ident, alternatives: &Ident) -> TokenStream {
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #MERGED::common(Self::serialize(self, ::serde_json::value::Serializer))
                    .and(&self.#alternatives)
                    .serialize(serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let mut record = Self::deserialize(&value).map_err(::serde::de::Error::custom)?;
                record.#alternatives = ::serde::Deserialize::deserialize(&value).map_err(::serde::de::Error::custom)?;
                ::std::result::Result::Ok(record)
            }
        }
    }
}

/// The wire name serde's `rename_all = "camelCase"` gives a field `ident` (snake case; a raw
/// `r#` prefix is not part of it): each `_` dropped, the letter after it upper-cased, the
/// first lower-cased (serde_derive's `RenameRule::CamelCase`, ASCII only).
fn serde_camel_case(ident: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in ident.trim_start_matches("r#").chars() {
        if ch == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.push(ch.to_ascii_uppercase());
            upper = false;
        } else if out.is_empty() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// The field holding the alternatives flattened into a record (`variant`, unless taken).
fn alternatives_field(
    def: &TypeDef,
    ty: &TypeRef,
    subset: bool,
    render: &TypeRenderer<'_>,
    uses: &mut Uses,
) -> TokenStream {
    uses.visit(ty);
    let mut rust = render.ty(ty);
    if render
        .names
        .is_boxed(&def.name, crate::names::ALTERNATIVES_EDGE)
    {
        rust = quote!(::std::boxed::Box<#rust>);
    }
    let name = render.names.alternatives_field(&def.name);
    if subset {
        // Read and written by the impls of `common_and_subset_impls`.
        return quote! {
            /// The alternatives this value matches (at least one, maybe several): their fields stand beside the ones above.
            #[serde(skip)]
            pub #name: #rust,
        };
    }
    quote! {
        /// Which of the alternatives this is: its fields stand beside the ones above.
        #[serde(flatten)]
        pub #name: #rust,
    }
}

/// Extra doc paragraphs for facts the type system does not show.
pub(crate) fn field_notes(f: &Field) -> Vec<String> {
    let mut notes = Vec::new();
    if f.read_only {
        notes.push("Read-only: sent by the server, ignored in requests.".to_string());
    }
    if f.write_only {
        notes.push("Write-only: sent by the client, never returned.".to_string());
    }
    if f.deprecated {
        notes.push("Deprecated.".to_string());
    }
    if let Some(d) = &f.default {
        if !matches!(d, serde_json::Value::Array(a) if a.is_empty())
            && !matches!(d, serde_json::Value::Object(o) if o.is_empty())
        {
            notes.push(format!("Defaults to `{d}`."));
        }
    }
    if let TypeRef::Primitive(p) = &f.ty {
        notes.extend(crate::constraints::describe(&p.constraints));
    }
    notes.extend(crate::models::sizes::describe(&f.sizes));
    notes
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_case_as_serde_spells_it() {
        for (ident, wire) in [
            ("created_by_user_id", "createdByUserId"),
            ("_links", "links"),
            ("self_", "self"),
            ("r#type", "type"),
            ("v2_name", "v2Name"),
            ("a__b", "aB"),
        ] {
            assert_eq!(super::serde_camel_case(ident), wire);
        }
    }
}
