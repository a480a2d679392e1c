//! The Rust side of the operation plan (`crate::operations`): the tokens both the client and
//! the server backends derive from it — body types, the runtime's security alternatives,
//! parameter checks and defaults, and the crates parameter types name. The plan itself stays
//! free of Rust tokens.

use apigen_ir::{Api, ParameterLocation, PrimitiveKind, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::constraints;
use crate::operations::{BodyShape, Op, Param, SchemeKind};
use crate::runtime::BYTE_STREAM;
use crate::typeref::TypeRenderer;

/// The Rust type of a response body (`()` when empty).
pub fn body_type(shape: &BodyShape, render: &TypeRenderer<'_>) -> TokenStream {
    match shape {
        BodyShape::Empty => quote!(()),
        BodyShape::Json(ty) | BodyShape::Form(ty) | BodyShape::Multipart(ty, _) => render.ty(ty),
        BodyShape::Text(_) => quote!(::std::string::String),
        BodyShape::Binary(_) => quote!(#BYTE_STREAM),
    }
}

/// The `&[(field, media type)]` table of the multipart parts a spec gives a media type.
pub fn part_types(parts: &[apigen_ir::PartType]) -> TokenStream {
    let pairs = parts.iter().map(|p| {
        let (field, media) = (&p.field, &p.media_type);
        quote!((#field, #media))
    });
    quote!(&[#(#pairs),*])
}

/// The Rust type of a request body: a stream for raw bytes, else the body's type.
pub fn request_body_type(body: &crate::operations::Body, render: &TypeRenderer<'_>) -> TokenStream {
    if body.is_binary() {
        quote!(#BYTE_STREAM)
    } else {
        render.ty(&body.ty)
    }
}

/// The crates the types of parameters, bodies and headers name directly (chrono, uuid, …).
pub fn uses(api: &Api) -> crate::typeref::Uses {
    let mut uses = crate::typeref::Uses::default();
    for op in api.operations() {
        for p in &op.parameters {
            uses.visit(&p.ty);
        }
        if let Some(b) = &op.request_body {
            uses.visit(&b.ty);
        }
        for r in &op.responses {
            if let Some(b) = &r.body {
                uses.visit(&b.ty);
            }
            for h in &r.headers {
                uses.visit(&h.ty);
            }
        }
    }
    uses
}

/// Tokens of the runtime's security alternatives (`&[&[Scheme::Basic], &[Scheme::Bearer]]`),
/// with the runtime's `Scheme` and `KeyLocation` items of the client or the server.
pub fn security_tokens(
    op: &Op<'_>,
    scheme: &impl quote::ToTokens,
    key_location: &impl quote::ToTokens,
) -> TokenStream {
    let alts = op.security.iter().map(|alt| {
        let schemes = alt.iter().map(|s| match s {
            SchemeKind::Basic => quote!(#scheme::Basic),
            SchemeKind::Bearer => quote!(#scheme::Bearer),
            SchemeKind::ApiKey { name, location } => {
                let loc = match location {
                    ParameterLocation::Query => quote!(Query),
                    ParameterLocation::Cookie => quote!(Cookie),
                    _ => quote!(Header),
                };
                quote!(#scheme::api_key(#name, #key_location::#loc))
            }
        });
        quote!(&[#(#schemes),*])
    });
    quote!(&[#(#alts),*])
}

/// The statement checking the spec's bounds on a parameter held in `place` (of the parameter's
/// type, or an `Option` of it when `optional`): on the value, or on each item of a list. `refuse`
/// turns the check (an expression of type `Result<(), String>`) into a statement that returns
/// the caller's error (`rt::check_param(name, check)?;`). Empty when there is nothing to check.
/// `bounds` and `length`: the runtime's `Bounds` and `Length` as the generated crate names them.
pub fn param_check(
    p: &Param,
    place: &TokenStream,
    optional: bool,
    bounds: &dyn quote::ToTokens,
    length: &dyn quote::ToTokens,
    refuse: impl Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    let list = matches!(p.codec, crate::operations::Codec::List { .. });
    let prim = match &p.resolved {
        TypeRef::Array(item) if list => match item.as_ref() {
            TypeRef::Primitive(prim) => prim,
            _ => return TokenStream::new(),
        },
        TypeRef::Primitive(prim) if !list => prim,
        _ => return TokenStream::new(),
    };
    let item = quote!(value);
    let value = if list || optional {
        constraints::Value::Ref(&item)
    } else {
        constraints::Value::Place(place)
    };
    let Some(check) = constraints::check(prim.kind, &prim.constraints, value, bounds, length)
    else {
        return TokenStream::new();
    };
    let stmt = refuse(check);
    match (list, optional) {
        (true, false) => quote!(for value in #place.iter() { #stmt }),
        (true, true) => quote!(for value in #place.iter().flatten() { #stmt }),
        (false, true) => quote!(if let Some(value) = &#place { #stmt }),
        (false, false) => stmt,
    }
}

/// A literal of the parameter's Rust type for its spec default, when it has one and it can be
/// written (numbers, booleans, strings, enum values).
pub fn default_value(api: &Api, p: &Param, render: &TypeRenderer<'_>) -> Option<TokenStream> {
    let default = p.ir.default.as_ref()?;
    match &p.resolved {
        TypeRef::Primitive(prim) => match prim.kind {
            PrimitiveKind::String => default
                .as_str()
                .map(|s| quote!(::std::string::String::from(#s))),
            PrimitiveKind::Boolean => default.as_bool().map(|b| quote!(#b)),
            PrimitiveKind::Int32
            | PrimitiveKind::Int64
            | PrimitiveKind::Uint32
            | PrimitiveKind::Uint64
            | PrimitiveKind::Int64String
            | PrimitiveKind::Uint64String
            | PrimitiveKind::Float
            | PrimitiveKind::Double => {
                let v = default.as_f64()?;
                let integral = !matches!(prim.kind, PrimitiveKind::Float | PrimitiveKind::Double);
                if integral && v.fract() != 0.0 {
                    return None;
                }
                Some(constraints::literal(prim.kind, v))
            }
            _ => None,
        },
        TypeRef::Named(n) => {
            let Some(TypeKind::Enum(e)) = api.type_def(n).map(|d| &d.kind) else {
                return None;
            };
            let wanted = match default {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return None,
            };
            let index = e.values.iter().position(|v| v.value == wanted)?;
            let variant = render.names.variants(n).swap_remove(index);
            let ty = render.names.path(&render.root, n);
            Some(quote!(#ty::#variant))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::{analyse, fixture};

    #[test]
    fn tokens_of_the_kitchen_sink() {
        let api = fixture::api();
        let names = crate::names::Names::new(&api);
        let ops = analyse(&api, &names);
        let list = &ops[0];
        let render = TypeRenderer {
            names: &names,
            root: quote!(crate::models),
            home: None,
        };
        let dflt = default_value(&api, &list.params[4], &render)
            .unwrap()
            .to_string();
        assert_eq!(dflt.replace(' ', ""), "crate::models::PetKind::Dog");
        assert_eq!(
            default_value(&api, &list.params[0], &render)
                .unwrap()
                .to_string(),
            "20"
        );
        let (scheme, key) = (
            crate::runtime::client::SCHEME,
            crate::runtime::client::KEY_LOCATION,
        );
        assert_eq!(security_tokens(&ops[1], &scheme, &key).to_string().replace(' ', ""),
            "&[&[::apigen_runtime::client::Scheme::Basic,::apigen_runtime::client::Scheme::api_key(\"X-Api-Key\",::apigen_runtime::client::KeyLocation::Header)]]");
        assert_eq!(body_type(&BodyShape::Empty, &render).to_string(), "()");
    }
}
