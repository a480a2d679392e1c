//! Constants for the bounds and defaults of operation parameters, shared by client and server.

use apigen_ir::{Api, Parameter, PrimitiveKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::constraints;
use crate::names::OperationNames;
use crate::naming;
use crate::typeref::{primitive, TypeRenderer};

/// The `parameters` module, or nothing when no parameter has bounds or a default.
pub fn parameters_module(api: &Api, render: &TypeRenderer<'_>) -> TokenStream {
    let modules: Vec<TokenStream> = api
        .operations()
        .zip(render.names.operations())
        .filter_map(|(op, names)| {
            let items: Vec<TokenStream> = op
                .parameters
                .iter()
                .enumerate()
                .flat_map(|(i, p)| param_consts(p, i, names))
                .collect();
            if items.is_empty() {
                return None;
            }
            let module = naming::ident(&names.module);
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

/// The facts about a parameter that get a constant, in order: `MINIMUM` and `MAXIMUM` of a
/// number, and `DEFAULT` of a number or string. The naming table names one constant per fact
/// and the `parameters` module emits exactly these.
pub fn parameter_facts(p: &Parameter) -> Vec<&'static str> {
    let TypeRef::Primitive(prim) = &p.ty else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if !matches!(prim.kind, PrimitiveKind::String | PrimitiveKind::Boolean) {
        if prim.constraints.minimum.is_some() {
            out.push("MINIMUM");
        }
        if prim.constraints.maximum.is_some() {
            out.push("MAXIMUM");
        }
        if p.default.as_ref().and_then(serde_json::Value::as_f64).is_some() {
            out.push("DEFAULT");
        }
    } else if prim.kind == PrimitiveKind::String
        && p.default.as_ref().and_then(serde_json::Value::as_str).is_some()
    {
        out.push("DEFAULT");
    }
    out
}

fn param_consts(p: &Parameter, index: usize, names: &OperationNames) -> Vec<TokenStream> {
    let TypeRef::Primitive(prim) = &p.ty else {
        return Vec::new();
    };
    let kind = prim.kind;
    let number = |v: Option<f64>| v.map(|v| (primitive(kind), constraints::literal(kind, v)));
    parameter_facts(p)
        .into_iter()
        .filter_map(|what| {
            let (doc, typed) = match what {
                "MINIMUM" => (
                    format!("Smallest allowed `{}`.", p.name),
                    number(prim.constraints.minimum),
                ),
                "MAXIMUM" => (
                    format!("Largest allowed `{}`.", p.name),
                    number(prim.constraints.maximum),
                ),
                _ => (
                    format!("`{}` when the caller sends none.", p.name),
                    match p.default.as_ref()? {
                        serde_json::Value::String(d) => Some((quote!(&str), quote!(#d))),
                        d => number(d.as_f64()),
                    },
                ),
            };
            let (ty, value) = typed?;
            let name = format_ident!("{}", names.constant(index, what)?);
            let doc = format!(" {doc}");
            Some(quote!(#[doc = #doc] pub const #name: #ty = #value;))
        })
        .collect()
}
