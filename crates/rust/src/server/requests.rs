//! `<Op>Request`: the parsed, checked input of each operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Plan;
use crate::docs::text_attrs;
use crate::naming;
use crate::op_tokens::default_value;
use crate::operations::{one_line, param_doc, type_label, Op, Param};

/// How a parameter is held in the request struct.
pub enum Presence {
    /// Always there (required, or path).
    Required,
    /// Absent values take the spec's default (this literal).
    Defaulted(TokenStream),
    /// `Option<T>`.
    Optional,
}

/// The presence of a parameter.
pub fn presence(plan: &Plan<'_>, p: &Param) -> Presence {
    if p.ir.required {
        return Presence::Required;
    }
    match default_value(plan.api, p, &plan.render) {
        Some(v) => Presence::Defaulted(v),
        None => Presence::Optional,
    }
}

/// The field type of a parameter in the request struct.
pub fn field_type(plan: &Plan<'_>, p: &Param) -> TokenStream {
    let ty = plan.render.ty(&p.ir.ty);
    match presence(plan, p) {
        Presence::Required | Presence::Defaulted(_) => ty,
        Presence::Optional => quote!(::std::option::Option<#ty>),
    }
}

/// The field type of the body.
pub fn body_type(plan: &Plan<'_>, op: &Op<'_>) -> Option<TokenStream> {
    op.body.as_ref().map(|b| {
        let ty = crate::op_tokens::request_body_type(b, &plan.render);
        if b.required {
            ty
        } else {
            quote!(::std::option::Option<#ty>)
        }
    })
}

/// The name of an operation's request struct.
pub fn request_ident(op: &Op<'_>) -> proc_macro2::Ident {
    format_ident!("{}", op.types.request)
}

/// The request struct of a routed operation.
pub fn request_struct(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    {
        let ident = request_ident(op);
        let doc = format!(
            " The input of `{}` (`{} {}`), parsed and checked against the spec before the trait method runs.",
            op.op.id,
            op.op.http.method.as_str(),
            op.op.http.path.raw
        );
        let fields = op.params.iter().map(|p| {
            let name = naming::ident(&p.ident);
            let ty = field_type(plan, p);
            let mut text = param_doc(p);
            if let Some(rest) = text.strip_prefix("- ") {
                text = rest.to_string();
            }
            if let Presence::Defaulted(_) = presence(plan, p) {
                text.push_str(" The default is applied when the request leaves it out.");
            }
            let docs = text_attrs(&text);
            quote!(#docs pub #name: #ty,)
        });
        let body = body_type(plan, op).map(|ty| {
            let b = op.body.as_ref().map(|b| {
                let d = b
                    .docs
                    .summary
                    .as_ref()
                    .or(b.docs.description.as_ref())
                    .map(|d| one_line(d))
                    .unwrap_or_else(|| "The request body".to_string());
                format!("{d} (`{}`, {}).", type_label(&b.ty).trim_end_matches('.'), b.media_type)
            });
            let docs = text_attrs(&b.unwrap_or_default());
            quote!(#docs pub body: #ty,)
        });
        let all_optional = op
            .params
            .iter()
            .all(|p| matches!(presence(plan, p), Presence::Optional))
            && op.body.as_ref().is_none_or(|b| !b.required);
        let default = all_optional.then(|| quote!(Default,));
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #ident {
                #(#fields)*
                #body
            }
        }
    }
}
