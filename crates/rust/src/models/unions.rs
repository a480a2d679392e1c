//! Unions (`oneOf` / `anyOf`) → enums: tagged by the discriminator when the spec names one,
//! untagged otherwise; an `anyOf` whose alternatives may hold together ("any subset") → a
//! struct with one `Option` per alternative.

use apigen_ir::{TypeDef, UnionMatch, UnionType};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::runtime::any_of::{DECODED, MERGED};
use crate::typeref::TypeRenderer;

/// An enum for a union type.
pub fn union(
    def: &TypeDef,
    u: &UnionType,
    ident: &Ident,
    render: &TypeRenderer<'_>,
) -> TokenStream {
    let idents = render.names.variants(&def.name);
    let types: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| {
            let ty = render.ty(&v.ty);
            if render.names.is_boxed(&def.name, &v.name) {
                quote!(::std::boxed::Box<#ty>)
            } else {
                ty
            }
        })
        .collect();
    if u.matches == UnionMatch::AnySubset {
        return any_subset(def, u, ident, &types, render);
    }
    let tags: Vec<Option<&str>> = u.variants.iter().map(|v| v.tag.as_deref()).collect();
    match (&u.discriminator, tags.iter().all(Option::is_some)) {
        (Some(prop), true) => {
            let tags: Vec<&str> = tags.into_iter().flatten().collect();
            tagged(ident, prop, &idents, &types, &tags)
        }
        _ => quote! {
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #ident {
                #(
                    #[allow(missing_docs)]
                    #idents(#types),
                )*
            }
        },
    }
}

/// An `anyOf` of alternatives that may hold together: one `Option` per alternative, each
/// decoded from the whole value and merged back when encoding (`apigen_runtime::any_of`).
fn any_subset(
    def: &TypeDef,
    u: &UnionType,
    ident: &Ident,
    types: &[TokenStream],
    render: &TypeRenderer<'_>,
) -> TokenStream {
    let fields = render.names.fields(&def.name);
    let names: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
    let type_name = ident.to_string();
    let docs = names
        .iter()
        .map(|n| format!(" The value read as `{n}`, if it matches that alternative."));
    // `Default` (no alternative, which `Validate` refuses) lets a record with common fields
    // skip it in its derived serde code.
    quote! {
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #ident {
            #(
                #[doc = #docs]
                pub #fields: ::std::option::Option<#types>,
            )*
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #MERGED::new()
                    #(.with(&self.#fields))*
                    .serialize(serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let mut decoded = #DECODED::read(deserializer, #type_name)?;
                let value = Self {
                    #(#fields: decoded.alternative(#names),)*
                };
                decoded.finish()?;
                ::std::result::Result::Ok(value)
            }
        }
    }
}

/// A union told apart by a discriminator property. Each variant is decoded from the whole
/// object (so variant types may declare the discriminator themselves); encoding writes the
/// tag if the variant's own fields did not.
fn tagged(
    ident: &Ident,
    prop: &str,
    idents: &[Ident],
    types: &[TokenStream],
    tags: &[&str],
) -> TokenStream {
    let docs = tags.iter().map(|t| format!(" Selected by `{prop}: {t}`."));
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #ident {
            #(
                #[doc = #docs]
                #idents(#types),
            )*
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(Self::#idents(v) => (#tags, ::serde_json::to_value(v)),)*
                };
                let mut value = value.map_err(<S::Error as ::serde::ser::Error>::custom)?;
                if let ::serde_json::Value::Object(map) = &mut value {
                    map.entry(#prop).or_insert_with(|| ::serde_json::Value::String(tag.to_string()));
                }
                ::serde::Serialize::serialize(&value, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                use ::serde::de::Error as _;
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#prop)
                    .and_then(::serde_json::Value::as_str)
                    .ok_or_else(|| D::Error::missing_field(#prop))?
                    .to_string();
                match tag.as_str() {
                    #(#tags => ::serde_json::from_value(value).map(Self::#idents).map_err(D::Error::custom),)*
                    other => Err(D::Error::unknown_variant(other, &[#(#tags),*])),
                }
            }
        }
    }
}
