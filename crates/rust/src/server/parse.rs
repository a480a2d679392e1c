//! Code that parses and checks one parameter or the body inside a generated parse function
//! (`parts`, `path`, `query` and `bytes` in scope), returning `Err(Rejection)` early.

use apigen_ir::{BodyEncoding, ParameterLocation, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use super::requests::{presence, Presence};
use super::Plan;
use crate::naming;
use crate::op_tokens::param_check;
use crate::operations::{expected, resolve, Codec, Op, Param};
use crate::runtime::server::local::{
    BINARY_BODY, BOUNDS, CHECK_PARAM, COOKIE, LENGTH, DEFAULT_BODY_LIMIT, FORM_BODY, HEADER, HEADER_VALUE, JSON_BODY, JSON_REQUEST,
    MULTIPART_BODY, PARAM_LOCATION, PARSE_BASE64, PARSE_JSON, PARSE_OPTIONAL, PARSE_PAIRS,
    PARSE_PARAM, READ_BODY, REJECTION, REQUIRED, REQUIRED_BODY, SPLIT_LIST, STRIP_PREFIX,
    TEXT_BODY,
};

fn location(l: ParameterLocation) -> TokenStream {
    match l {
        ParameterLocation::Path => quote!(#PARAM_LOCATION::Path),
        ParameterLocation::Query => quote!(#PARAM_LOCATION::Query),
        ParameterLocation::Header => quote!(#PARAM_LOCATION::Header),
        ParameterLocation::Cookie => quote!(#PARAM_LOCATION::Cookie),
    }
}

/// `Result<T, Rejection>` from `raw: &str` for a scalar codec.
fn convert(plan: &Plan<'_>, p: &Param, codec: &Codec) -> TokenStream {
    let name = &p.ir.name;
    let loc = location(p.ir.location);
    match codec {
        Codec::Text => quote!(::std::result::Result::<
            _,
            #REJECTION,
        >::Ok(::std::string::ToString::to_string(raw))),
        Codec::Display | Codec::DateTime => {
            let expected = expected(plan.api, p);
            quote!(#PARSE_PARAM(raw, #name, #loc, #expected))
        }
        Codec::Base64 => quote!(#PARSE_BASE64(raw, #name, #loc)),
        Codec::Json | Codec::List { .. } | Codec::DeepObject => {
            quote!(#PARSE_JSON(raw, #name, #loc))
        }
        Codec::Object { explode } => {
            let separator = p
                .expansion
                .as_ref()
                .map(|e| e.separator.clone())
                .unwrap_or_else(|| ",".to_string());
            quote!(#PARSE_PAIRS(raw, #separator, #explode, #name))
        }
    }
}

/// Whether `ty` names a record, enum or union (a type with its own `Validate`), not an alias.
fn is_record(plan: &Plan<'_>, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(n)
        if plan.api.type_def(n).is_some_and(|d| !matches!(d.kind, apigen_ir::TypeKind::Alias(_))))
}

/// Statements binding the parameter's field value, checked.
pub fn param_code(plan: &Plan<'_>, op: &Op<'_>, p: &Param, captures: &[String]) -> TokenStream {
    let ident = naming::ident(&p.ident);
    let name = &p.ir.name;
    let loc = location(p.ir.location);
    let ty = plan.render.ty(&p.ir.ty);
    let index = op
        .op
        .http
        .path
        .variables()
        .position(|v| v == name)
        .unwrap_or_default();
    let capture = captures.get(index).cloned().unwrap_or_default();
    let source = match p.ir.location {
        ParameterLocation::Path => match &p.expansion {
            Some(e) => {
                let prefix = &e.prefix;
                quote!(#STRIP_PREFIX(path.get(#capture), #prefix, #name)?)
            }
            None => quote!(path.get(#capture)),
        },
        ParameterLocation::Query => quote!(query.first(#name)),
        ParameterLocation::Header => quote!(#HEADER(&parts, #name)?),
        ParameterLocation::Cookie => {
            quote!(#COOKIE(&parts, #name).as_deref())
        }
    };
    let required = matches!(presence(plan, p), Presence::Required);
    let scalar = matches!(p.codec, Codec::Display | Codec::DateTime);
    // The common shapes in one runtime call: a path variable (always required) read as text
    // or parsed, and a query or header value parsed.
    let direct = match (p.ir.location, &p.expansion) {
        (ParameterLocation::Path, None) if required && p.codec == Codec::Text => {
            Some(quote!(path.text(#capture, #name)?))
        }
        (ParameterLocation::Path, None) if required && scalar => {
            let expected = expected(plan.api, p);
            Some(quote!(path.value(#capture, #name, #expected)?))
        }
        _ => None,
    };
    let value = match &p.codec {
        Codec::Display | Codec::DateTime if p.ir.location == ParameterLocation::Query => {
            let expected = expected(plan.api, p);
            quote!(query.value(#name, #expected)?)
        }
        Codec::Display | Codec::DateTime if p.ir.location == ParameterLocation::Header => {
            let expected = expected(plan.api, p);
            quote!(#HEADER_VALUE(&parts, #name, #expected)?)
        }
        Codec::DeepObject if p.ir.location == ParameterLocation::Query => {
            // A record's constraints are checked like a body's.
            let named = matches!(&p.ir.ty, apigen_ir::TypeRef::Named(n)
                if plan.api.type_def(n).is_some_and(|d| !matches!(d.kind, apigen_ir::TypeKind::Alias(_))));
            if named {
                quote! {
                    query
                        .deep_object::<#ty>(#name)?
                        .map(|v| {
                            crate::models::Validate::validate(&v)
                                .map(|()| v)
                                .map_err(|e| #REJECTION::invalid_parameter(#name, #loc, e))
                        })
                        .transpose()?
                }
            } else {
                quote!(query.deep_object::<#ty>(#name)?)
            }
        }
        Codec::List {
            item,
            explode,
            delimiter,
        } => {
            let conv = convert(plan, p, item);
            if *explode && p.ir.location == ParameterLocation::Query {
                quote! {{
                    let raws = query.all(#name);
                    if raws.is_empty() {
                        ::std::option::Option::None
                    } else {
                        ::std::option::Option::Some(
                            raws.into_iter()
                                .map(|raw| #conv)
                                .collect::<::std::result::Result<::std::vec::Vec<_>, #REJECTION>>()?,
                        )
                    }
                }}
            } else {
                let split = match delimiter.as_str() {
                    "," => quote!(#SPLIT_LIST(raw)),
                    other => quote!(raw.split(#other).filter(|_| !raw.is_empty())),
                };
                quote! {
                    #source
                        .map(|raw| {
                            #split
                                .map(|raw| #conv)
                                .collect::<::std::result::Result<::std::vec::Vec<_>, #REJECTION>>()
                        })
                        .transpose()?
                }
            }
        }
        Codec::Object { .. } if is_record(plan, &p.ir.ty) => {
            // A record's constraints are checked like a body's.
            let conv = convert(plan, p, &p.codec);
            quote! {
                #source
                    .map(|raw| #conv)
                    .transpose()?
                    .map(|v: #ty| {
                        crate::models::Validate::validate(&v)
                            .map(|()| v)
                            .map_err(|e| #REJECTION::invalid_parameter(#name, #loc, e))
                    })
                    .transpose()?
            }
        }
        Codec::Text => quote!(#source.map(::std::string::ToString::to_string)),
        Codec::Display | Codec::DateTime => {
            let expected = expected(plan.api, p);
            quote!(#PARSE_OPTIONAL(#source, #name, #loc, #expected)?)
        }
        codec => {
            let conv = convert(plan, p, codec);
            quote!(#source.map(|raw| #conv).transpose()?)
        }
    };
    // A block (an exploded list) stays a statement of its own before a default is applied.
    let block = matches!(&p.codec, Codec::List { explode: true, .. })
        && p.ir.location == ParameterLocation::Query;
    let defaulted = |value: &TokenStream| match presence(plan, p) {
        Presence::Defaulted(default) => {
            if matches!(resolve(plan.api, &p.ir.ty), TypeRef::Primitive(ref prim) if prim.kind == apigen_ir::PrimitiveKind::String)
            {
                Some(quote!(#value.unwrap_or_else(|| #default)))
            } else {
                Some(quote!(#value.unwrap_or(#default)))
            }
        }
        _ => None,
    };
    let finish = match presence(plan, p) {
        Presence::Required => quote! {
            let #ident = #REQUIRED(#ident, #name, #loc)?;
        },
        Presence::Defaulted(_) => {
            let value = defaulted(&quote!(#ident));
            quote!(let #ident = #value;)
        }
        Presence::Optional => TokenStream::new(),
    };
    // The spec's bounds: on the value, or on each item of a list.
    let optional = matches!(presence(plan, p), Presence::Optional);
    let checked = param_check(p, &quote!(#ident), optional, &BOUNDS, &LENGTH, |c| {
        quote!(#CHECK_PARAM(#name, #loc, #c)?;)
    });
    if let Some(direct) = direct {
        return quote! {
            let #ident = #direct;
            #checked
        };
    }
    if required {
        // One statement: the value, refused when absent.
        return quote! {
            let #ident = #REQUIRED(#value, #name, #loc)?;
            #checked
        };
    }
    if !block {
        if let Some(value) = defaulted(&value) {
            // One statement: the value, or the default when absent.
            return quote! {
                let #ident = #value;
                #checked
            };
        }
    }
    quote! {
        let #ident = #value;
        #finish
        #checked
    }
}

/// Statements binding `body`, decoded and validated.
pub fn body_code(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let Some(b) = &op.body else {
        return TokenStream::new();
    };
    let ty = crate::op_tokens::request_body_type(b, &plan.render);
    let required = b.required;
    let decode = match b.encoding {
        BodyEncoding::Json => {
            quote!(#JSON_BODY(&parts, &bytes, #required)?)
        }
        BodyEncoding::FormUrlEncoded => {
            quote!(#FORM_BODY(&parts, &bytes, #required)?)
        }
        BodyEncoding::Text => quote!(#TEXT_BODY(&parts, &bytes, #required)?),
        BodyEncoding::Bytes => quote!(#BINARY_BODY(&parts, body, #required)?),
        BodyEncoding::Multipart => {
            let types = crate::op_tokens::part_types(&b.parts);
            quote!(#MULTIPART_BODY(&parts, bytes, #required, #types).await?)
        }
    };
    // A model type (or a list of them) has a `Validate` impl; aliases and primitives do not.
    let is_model = |n: &str| {
        !matches!(
            plan.api.type_def(n).map(|d| &d.kind),
            Some(apigen_ir::TypeKind::Alias(_)) | None
        )
    };
    let validates = match &b.ty {
        TypeRef::Named(n) => is_model(n),
        TypeRef::Array(i) => matches!(i.as_ref(), TypeRef::Named(n) if is_model(n)),
        _ => false,
    };
    let (bind, validate) = if required {
        (
            quote!(let body: #ty = #REQUIRED_BODY(#decode)?;),
            validates.then(|| {
                quote! {
                    crate::models::Validate::validate(&body).map_err(#REJECTION::invalid_body)?;
                }
            }),
        )
    } else {
        (
            quote!(let body: ::std::option::Option<#ty> = #decode;),
            validates.then(|| {
                quote! {
                    if let ::std::option::Option::Some(body) = &body {
                        crate::models::Validate::validate(body).map_err(#REJECTION::invalid_body)?;
                    }
                }
            }),
        )
    };
    if required && validates && b.encoding == BodyEncoding::Json {
        // The common case in one runtime call: read, decode, require, validate.
        // (its type follows from the request struct's field)
        return quote!(let body = #JSON_REQUEST(&parts, body).await?;);
    }
    // Raw bytes stay a stream for the trait method; other bodies are read whole first.
    let read = (b.encoding != BodyEncoding::Bytes)
        .then(|| quote!(let bytes = #READ_BODY(body, #DEFAULT_BODY_LIMIT).await?;));
    quote! {
        #read
        #bind
        #validate
    }
}
