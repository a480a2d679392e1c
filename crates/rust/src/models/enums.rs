//! Enumerations → Rust enums with `ALL`, `as_str`, `Display` and `FromStr` (string enums:
//! the runtime's `string_enum!` writes them and the serde impls).

use apigen_ir::{EnumRepr, EnumType};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::docs::doc_attrs;
use crate::runtime::STRING_ENUM;

/// An enum type with its conversions; `variants` are its variants' names from the table.
pub fn enumeration(e: &EnumType, ident: &Ident, variants: Vec<Ident>) -> TokenStream {
    let wire: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
    let docs = e.values.iter().map(|v| {
        if v.docs.is_empty() {
            let text = format!(" `{}`", v.value);
            quote!(#[doc = #text])
        } else {
            doc_attrs(&v.docs, &[])
        }
    });
    let definition = quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(
                #docs
                #variants,
            )*
        }
    };
    let serde_impls = match e.repr {
        // The runtime macro writes all of a string enum's impls.
        EnumRepr::String => {
            return quote! {
                #definition
                #STRING_ENUM!(#ident { #(#variants #wire),* });
            };
        }
        EnumRepr::Integer => integer_serde(ident, &variants, &wire),
        EnumRepr::Number | EnumRepr::Boolean => scalar_serde(e.repr, ident, &variants, &wire),
    };
    // The message is a `format!` string: braces in the values (`enterprise_{id}`) are escaped.
    let expected = wire.join(", ").replace('{', "{{").replace('}', "}}");
    let unknown = format!("unknown value `{{}}`, expected one of {expected}");
    quote! {
        #definition

        impl #ident {
            /// Every value, in spec order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #(Self::#variants => #wire,)*
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #ident {
            type Err = crate::ValidationError;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                match value {
                    #(#wire => Ok(Self::#variants),)*
                    other => Err(crate::ValidationError::new("", format!(#unknown, other))),
                }
            }
        }

        #serde_impls
    }
}

/// Serialize / Deserialize for enums whose wire values are integers.
fn integer_serde(ident: &Ident, variants: &[Ident], wire: &[&str]) -> TokenStream {
    let numbers: Vec<Literal> = wire
        .iter()
        .map(|w| Literal::i64_unsuffixed(w.parse::<i64>().unwrap_or_default()))
        .collect();
    let expected = format!("one of {}", wire.join(", "));
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let value: i64 = match self {
                    #(Self::#variants => #numbers,)*
                };
                serializer.serialize_i64(value)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                match value {
                    #(#numbers => Ok(Self::#variants),)*
                    other => Err(<D::Error as ::serde::de::Error>::invalid_value(
                        ::serde::de::Unexpected::Signed(other),
                        &#expected,
                    )),
                }
            }
        }
    }
}

/// Serialize / Deserialize for enums whose wire values are numbers with fractions or booleans:
/// each value is written as the spec writes it (an integer stays an integer) and read from
/// any JSON number (or boolean) equal to it.
fn scalar_serde(repr: EnumRepr, ident: &Ident, variants: &[Ident], wire: &[&str]) -> TokenStream {
    let expected = format!("one of {}", wire.join(", "));
    let (write, read_ty, unexpected): (Vec<TokenStream>, TokenStream, TokenStream) = match repr {
        EnumRepr::Boolean => (
            wire.iter()
                .map(|w| {
                    let b = *w == "true";
                    quote!(serializer.serialize_bool(#b))
                })
                .collect(),
            quote!(bool),
            quote!(::serde::de::Unexpected::Bool(value)),
        ),
        _ => (
            wire.iter()
                .map(|w| match w.parse::<i64>() {
                    Ok(i) => {
                        let lit = Literal::i64_unsuffixed(i);
                        quote!(serializer.serialize_i64(#lit))
                    }
                    Err(_) => {
                        let lit = Literal::f64_unsuffixed(w.parse::<f64>().unwrap_or_default());
                        quote!(serializer.serialize_f64(#lit))
                    }
                })
                .collect(),
            quote!(f64),
            quote!(::serde::de::Unexpected::Float(value)),
        ),
    };
    let values: Vec<TokenStream> = wire
        .iter()
        .map(|w| match repr {
            EnumRepr::Boolean => {
                let b = *w == "true";
                quote!(#b)
            }
            _ => {
                let lit = Literal::f64_unsuffixed(w.parse::<f64>().unwrap_or_default());
                quote!(#lit)
            }
        })
        .collect();
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants => #write,)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                const KNOWN: &[(#read_ty, #ident)] = &[#((#values, #ident::#variants)),*];
                let value = <#read_ty as ::serde::Deserialize>::deserialize(deserializer)?;
                match KNOWN.iter().find(|(known, _)| *known == value) {
                    ::std::option::Option::Some((_, variant)) => ::std::result::Result::Ok(*variant),
                    ::std::option::Option::None => ::std::result::Result::Err(
                        <D::Error as ::serde::de::Error>::invalid_value(#unexpected, &#expected),
                    ),
                }
            }
        }
    }
}
