//! Constants for the bounds and defaults of operation parameters, shared by client and server.

use apigen_ir::{Api, Parameter, PrimitiveKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::constraints;
use crate::naming::{self, Scope};
use crate::typeref::{primitive, TypeRenderer};

/// The `parameters` module, or nothing when no parameter has bounds or a default.
pub fn parameters_module(api: &Api, _render: &TypeRenderer<'_>) -> TokenStream {
    let mut ops = Scope::default();
    let modules: Vec<TokenStream> = api
        .operations()
        .map(|op| (ops.snake(&op.id), op))
        .filter_map(|(module, op)| {
            let mut consts = Scope::default();
            let items: Vec<TokenStream> = op
                .parameters
                .iter()
                .flat_map(|p| param_consts(p, &mut consts))
                .collect();
            if items.is_empty() {
                return None;
            }
            let module = naming::ident(&module);
            let doc = format!(" Parameters of `{}`.", op.id);
            Some(quote! {
                #[doc = #doc]
                pub mod #module {
                    #(#items)*
                }
            })
        })
        .collect();
    if modules.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// Bounds and defaults of operation parameters, as the spec states them.
        pub mod parameters {
            #(#modules)*
        }
    }
}

/// The constant name for one fact about a parameter (`TTL_MINIMUM`).
pub fn const_name(param: &str, what: &str) -> String {
    format!("{}_{}", naming::screaming(param), what)
}

fn param_consts(p: &Parameter, scope: &mut Scope) -> Vec<TokenStream> {
    let TypeRef::Primitive(prim) = &p.ty else {
        return Vec::new();
    };
    let ty = primitive(prim.kind);
    let mut out = Vec::new();
    let numeric = !matches!(prim.kind, PrimitiveKind::String | PrimitiveKind::Boolean);
    let mut push = |what: &str, doc: String, ty: &TokenStream, value: TokenStream| {
        let name = format_ident!("{}", scope.claim(const_name(&p.name, what), "_"));
        let doc = format!(" {doc}");
        out.push(quote!(#[doc = #doc] pub const #name: #ty = #value;));
    };
    if numeric {
        if let Some(min) = prim.constraints.minimum {
            let v = constraints::literal(prim.kind, min);
            push("MINIMUM", format!("Smallest allowed `{}`.", p.name), &ty, v);
        }
        if let Some(max) = prim.constraints.maximum {
            let v = constraints::literal(prim.kind, max);
            push("MAXIMUM", format!("Largest allowed `{}`.", p.name), &ty, v);
        }
        if let Some(d) = p.default.as_ref().and_then(serde_json::Value::as_f64) {
            let v = constraints::literal(prim.kind, d);
            push(
                "DEFAULT",
                format!("`{}` when the caller sends none.", p.name),
                &ty,
                v,
            );
        }
    } else if prim.kind == PrimitiveKind::String {
        if let Some(d) = p.default.as_ref().and_then(serde_json::Value::as_str) {
            push(
                "DEFAULT",
                format!("`{}` when the caller sends none.", p.name),
                &quote!(&str),
                quote!(#d),
            );
        }
    }
    out
}
