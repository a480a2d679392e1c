//! The `ResponseHeaders` trait: a typed getter per response header the spec declares.

use proc_macro2::TokenStream;
use quote::quote;

use super::Plan;
use crate::docs::doc_attrs;
use crate::naming;
use crate::operations::{resolve, response_headers};
use crate::runtime::client::HEADER_SOURCE;

/// The trait, or nothing when the spec declares no response header.
pub fn headers_trait(plan: &Plan<'_>) -> TokenStream {
    let headers = response_headers(plan.api);
    if headers.is_empty() {
        return TokenStream::new();
    }
    let idents = plan.render.names.header_getters();
    let getters = headers.iter().zip(idents).map(|(h, ident)| {
        let ident = naming::ident(ident);
        let name = &h.name;
        let note = format!("The `{name}` header; `None` when absent or unreadable.");
        let docs = doc_attrs(&h.docs, &[note]);
        let parses = matches!(
            resolve(plan.api, &h.ty),
            apigen_ir::TypeRef::Primitive(p) if p.kind != apigen_ir::PrimitiveKind::Base64
        ) || matches!(
            resolve(plan.api, &h.ty),
            apigen_ir::TypeRef::Named(ref n) if matches!(plan.api.type_def(n).map(|d| &d.kind), Some(apigen_ir::TypeKind::Enum(_)))
        );
        if parses {
            let ty = plan.render.ty(&h.ty);
            quote! {
                #docs
                fn #ident(&self) -> ::std::option::Option<#ty> {
                    #HEADER_SOURCE::header_typed(self, #name)
                }
            }
        } else {
            quote! {
                #docs
                fn #ident(&self) -> ::std::option::Option<&str> {
                    #HEADER_SOURCE::header_str(self, #name)
                }
            }
        }
    });
    let doc = format!(
        " Typed access to the response headers the spec declares, on every\n [`ResponseValue`] and [`Error`] (bring the trait\n into scope: `use {}::ResponseHeaders;`).",
        plan.opts.client_crate.replace('-', "_")
    );
    let doc = doc.lines().map(str::to_string);
    quote! {
        #(#[doc = #doc])*
        pub trait ResponseHeaders: #HEADER_SOURCE {
            #(#getters)*
        }

        impl<T: #HEADER_SOURCE + ?Sized> ResponseHeaders for T {}
    }
}
