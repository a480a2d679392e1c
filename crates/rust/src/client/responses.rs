//! The success and error body types of each operation, and decoding by status.
//!
//! When all successes (or all documented errors) of an operation share one body shape, that
//! type is used as is (`()` for no body); otherwise an enum `<Op>Success` / `<Op>ErrorBody` with
//! a variant per status (named by reason phrase) lives in the `responses` module. An operation
//! that documents no error status gets `serde_json::Value` bodies for any non-2xx answer.

use apigen_ir::{BodyEncoding, ResponseStatus};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::Plan;
use crate::docs::doc_attrs;
use crate::op_tokens::body_type;
use crate::operations::{common_shape, BodyShape, Op, Outcome};
use crate::runtime::client::ERROR;

/// How an operation's successes (or errors) are typed.
enum Typing {
    /// No response of this side is documented.
    Undocumented,
    /// One shared body shape.
    Single(BodyShape),
    /// An enum with a variant per response.
    Enum(proc_macro2::Ident),
}

fn success_typing(op: &Op<'_>) -> Typing {
    if op.successes().next().is_none() {
        return Typing::Undocumented;
    }
    match common_shape(op.successes()) {
        Some(shape) => Typing::Single(shape),
        None => Typing::Enum(format_ident!("{}", op.types.success)),
    }
}

fn error_typing(op: &Op<'_>) -> Typing {
    if op.errors().next().is_none() {
        return Typing::Undocumented;
    }
    match common_shape(op.errors()) {
        Some(shape) => Typing::Single(shape),
        None => Typing::Enum(format_ident!("{}", op.types.error_body)),
    }
}

/// The body type of a successful response.
pub fn success_type(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    match success_typing(op) {
        Typing::Undocumented => quote!(()),
        Typing::Single(shape) => body_type(&shape, &plan.render),
        Typing::Enum(ident) => quote!(crate::responses::#ident),
    }
}

/// The body type of a documented error response, or `None` for the free-form JSON value
/// `SendResult` defaults to when the operation documents none.
pub fn error_type_or_default(plan: &Plan<'_>, op: &Op<'_>) -> Option<TokenStream> {
    Some(match error_typing(op) {
        Typing::Undocumented => return None,
        Typing::Single(shape) => body_type(&shape, &plan.render),
        Typing::Enum(ident) => quote!(crate::responses::#ident),
    })
}

/// The expression a `match` arm evaluates to for a documented response.
pub fn decode_arm(plan: &Plan<'_>, op: &Op<'_>, o: &Outcome<'_>) -> TokenStream {
    let success = o.response.status.is_success();
    let typing = if success {
        success_typing(op)
    } else {
        error_typing(op)
    };
    let wrap = match &typing {
        Typing::Enum(ident) => {
            let variant = format_ident!("{}", o.variant);
            Some(quote!(crate::responses::#ident::#variant))
        }
        _ => None,
    };
    let f = wrap.clone().unwrap_or_else(|| quote!(|body| body));
    let _ = plan;
    if success {
        match &o.body {
            BodyShape::Empty => {
                let value = wrap.unwrap_or_else(|| quote!(()));
                quote!(Ok(response.empty(#value)))
            }
            BodyShape::Json(_) if wrap.is_none() => quote!(response.json()),
            BodyShape::Json(_) => quote!(response.json_with(#f)),
            BodyShape::Form(_) => quote!(response.form_with(#f)),
            BodyShape::Text(_) => quote!(response.text_with(#f)),
            BodyShape::Binary(_) => quote!(response.binary_with(#f)),
            BodyShape::Multipart(_, parts) => {
                let parts = crate::op_tokens::part_types(parts);
                quote!(response.multipart_with(#parts, #f))
            }
        }
    } else {
        let err = match &o.body {
            BodyShape::Empty => {
                let value = wrap.unwrap_or_else(|| quote!(()));
                quote!(response.api_error_empty(#value))
            }
            BodyShape::Json(_) if wrap.is_none() => quote!(response.api_error()),
            BodyShape::Json(_) => quote!(response.api_error_with(#f)),
            BodyShape::Form(_) => quote!(match response.form_with(#f) {
                ::std::result::Result::Ok(v) => #ERROR::Api(::std::boxed::Box::new(v)),
                ::std::result::Result::Err(e) => e,
            }),
            BodyShape::Text(_) => quote!(match response.text_with(#f) {
                ::std::result::Result::Ok(v) => #ERROR::Api(::std::boxed::Box::new(v)),
                ::std::result::Result::Err(e) => e,
            }),
            BodyShape::Multipart(_, parts) => {
                let parts = crate::op_tokens::part_types(parts);
                quote!(match response.multipart_with(#parts, #f) {
                    ::std::result::Result::Ok(v) => #ERROR::Api(::std::boxed::Box::new(v)),
                    ::std::result::Result::Err(e) => e,
                })
            }
            BodyShape::Binary(_) => quote!(match response.binary_with(#f) {
                ::std::result::Result::Ok(v) => #ERROR::Api(::std::boxed::Box::new(v)),
                ::std::result::Result::Err(e) => e,
            }),
        };
        quote!(Err(#err))
    }
}

/// The `responses` module with the enums of operations whose bodies differ by status.
pub fn responses_module(plan: &Plan<'_>) -> TokenStream {
    let mut items = Vec::new();
    for op in &plan.ops {
        if let Typing::Enum(ident) = success_typing(op) {
            let doc = format!(" The successful responses of `{}`, by status.", op.op.id);
            items.push(body_enum(plan, &ident, &doc, op.successes()));
        }
        if let Typing::Enum(ident) = error_typing(op) {
            let doc = format!(
                " The documented error responses of `{}`, by status.",
                op.op.id
            );
            items.push(body_enum(plan, &ident, &doc, op.errors()));
        }
    }
    if items.is_empty() {
        return TokenStream::new();
    }
    let models = super::models_imports(plan, quote!(use crate::models;));
    quote! {
        /// Response bodies of operations that document different bodies for different statuses.
        pub mod responses {
            #models
            #(#items)*
        }
    }
}

fn body_enum<'o>(
    plan: &Plan<'_>,
    ident: &proc_macro2::Ident,
    doc: &str,
    outcomes: impl Iterator<Item = &'o Outcome<'o>>,
) -> TokenStream {
    let variants = outcomes.map(|o| {
        let variant = format_ident!("{}", o.variant);
        let status = format!("Status {}.", o.response.status);
        let docs = doc_attrs(&o.response.docs, &[status]);
        match &o.body {
            BodyShape::Empty => quote!(#docs #variant,),
            shape => {
                let ty = body_type(shape, &plan.render);
                quote!(#docs #variant(#ty),)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #ident {
            #(#variants)*
        }
    }
}

/// `request.accept(…)` with the media type of the documented bodies (JSON when any is JSON).
pub(super) fn accept(op: &Op<'_>) -> TokenStream {
    let media: Option<&str> = op
        .op
        .responses
        .iter()
        .filter_map(|r| r.body.as_ref())
        .find(|b| b.encoding == BodyEncoding::Json)
        .map(|_| "application/json")
        .or_else(|| {
            op.op
                .responses
                .iter()
                .filter_map(|r| r.body.as_ref())
                .map(|b| b.media_type.as_str())
                .next()
        });
    match media {
        Some(m) => quote!(request.accept(#m);),
        None => TokenStream::new(),
    }
}

/// The `match` arms on the status code: documented statuses in IR order (codes, ranges,
/// `default`), then undocumented ones.
pub(super) fn status_arms(plan: &Plan<'_>, op: &Op<'_>) -> Vec<TokenStream> {
    let mut arms = Vec::new();
    if op.successes().next().is_none() {
        arms.push(quote!(200..=299 => Ok(response.empty(())),));
    }
    let mut has_default = false;
    // Consecutive codes decoded alike share an arm (`400 | 401 => …`).
    let mut pending: Vec<(TokenStream, String, TokenStream)> = Vec::new();
    for o in &op.responses {
        let pattern = match o.response.status {
            ResponseStatus::Code(c) => {
                let lit = Literal::u16_unsuffixed(c);
                quote!(#lit)
            }
            ResponseStatus::Range(r) => {
                let lo = Literal::u16_unsuffixed(u16::from(r) * 100);
                let hi = Literal::u16_unsuffixed(u16::from(r) * 100 + 99);
                quote!(#lo..=#hi)
            }
            ResponseStatus::Default => {
                has_default = true;
                quote!(_)
            }
        };
        let decode = decode_arm(plan, op, o);
        let key = decode.to_string();
        match pending.last_mut() {
            Some((patterns, k, _))
                if *k == key && matches!(o.response.status, ResponseStatus::Code(_)) =>
            {
                *patterns = quote!(#patterns | #pattern);
            }
            _ => pending.push((pattern, key, decode)),
        }
    }
    for (pattern, _, decode) in pending {
        arms.push(quote!(#pattern => #decode,));
    }
    if !has_default {
        if op.errors().next().is_none() {
            arms.push(quote!(_ => response.undocumented(),));
        } else {
            arms.push(quote!(_ => response.otherwise(),));
        }
    }
    arms
}
