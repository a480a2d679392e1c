//! `<Op>Response` enums (a variant per documented status) with `IntoResponse`, and the
//! `ResponseHeaders` struct of every declared response header.

use apigen_ir::{ResponseStatus, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{has_body, Plan};
use crate::docs::text_attrs;
use crate::naming;
use crate::operations::{
    header_idents, one_line, resolve, response_headers, type_label, BodyShape, Op, Outcome,
};

/// The name of an operation's response enum.
pub fn response_ident(op: &Op<'_>) -> Ident {
    format_ident!("{}Response", op.type_name)
}

/// Whether the API declares response headers (and so has a `ResponseHeaders` struct).
fn any_headers(plan: &Plan<'_>) -> bool {
    !response_headers(plan.api).is_empty()
}

/// The fields of a variant: `status` for ranges and `default`, `body`, `headers`.
struct VariantShape {
    status: bool,
    body: Option<TokenStream>,
    headers: bool,
}

fn shape(plan: &Plan<'_>, o: &Outcome<'_>) -> VariantShape {
    VariantShape {
        status: !matches!(o.response.status, ResponseStatus::Code(_)),
        body: has_body(&o.body).then(|| o.body.rust_type(&plan.render)),
        headers: !o.response.headers.is_empty() && any_headers(plan),
    }
}

/// Response enums, their `IntoResponse` impls and constructors, and `ResponseHeaders`.
pub fn response_items(plan: &Plan<'_>) -> TokenStream {
    let enums = plan.ops.iter().map(|op| response_enum(plan, op));
    let headers = headers_struct(plan);
    quote! {
        #(#enums)*
        #headers
    }
}

fn response_enum(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let ident = response_ident(op);
    let doc = format!(
        " The responses of `{}`, one variant per documented status.",
        op.op.id
    );
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut ctors = Vec::new();
    for o in &op.responses {
        let v = format_ident!("{}", o.variant);
        let s = shape(plan, o);
        let mut text = format!("`{}`", o.response.status);
        if let Some(d) = o
            .response
            .docs
            .summary
            .as_ref()
            .or(o.response.docs.description.as_ref())
        {
            text.push_str(&format!(": {}", one_line(d)));
        }
        if let BodyShape::Json(ty) | BodyShape::Form(ty) = &o.body {
            text.push_str(&format!(" (`{}`)", type_label(ty)));
        }
        let docs = text_attrs(&text);
        let mut fields = Vec::new();
        if s.status {
            fields.push(quote!(
                /// The status to answer with.
                status: ::axum::http::StatusCode,
            ));
        }
        if let Some(ty) = &s.body {
            fields.push(quote!(
                /// The body.
                body: #ty,
            ));
        }
        if s.headers {
            fields.push(quote!(
                /// Response headers (unset ones are not sent).
                headers: ResponseHeaders,
            ));
        }
        variants.push(if fields.is_empty() {
            quote!(#docs #v,)
        } else {
            quote!(#docs #v { #(#fields)* },)
        });
        arms.push(into_arm(o, &v, &s));
        ctors.push(constructor(o, &v, &s));
    }
    if op.errors().next().is_none() {
        let ty = plan.rejection_type();
        variants.push(quote! {
            /// An error the spec does not document for this operation, sent with the API's
            /// error body.
            Error {
                /// The status to answer with.
                status: ::axum::http::StatusCode,
                /// The body.
                body: #ty,
            },
        });
        arms.push(quote! {
            Self::Error { status, body } => ::apigen_runtime::server::json_response(status, &body),
        });
        ctors.push(quote! {
            /// [`Self::Error`].
            pub fn error(status: ::axum::http::StatusCode, body: #ty) -> Self {
                Self::Error { status, body }
            }
        });
    }
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #ident {
            #(#variants)*
        }

        impl #ident {
            #(#ctors)*
        }

        impl ::axum::response::IntoResponse for #ident {
            fn into_response(self) -> ::axum::response::Response {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn status_expr(o: &Outcome<'_>) -> TokenStream {
    match o.response.status {
        ResponseStatus::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote!(::axum::http::StatusCode::from_u16(#c).unwrap_or(::axum::http::StatusCode::INTERNAL_SERVER_ERROR))
        }
        _ => quote!(status),
    }
}

fn into_arm(o: &Outcome<'_>, v: &Ident, s: &VariantShape) -> TokenStream {
    let mut binds = Vec::new();
    if s.status {
        binds.push(quote!(status));
    }
    if s.body.is_some() {
        binds.push(quote!(body));
    }
    if s.headers {
        binds.push(quote!(headers));
    }
    let pattern = if binds.is_empty() {
        quote!(Self::#v)
    } else {
        quote!(Self::#v { #(#binds),* })
    };
    let status = status_expr(o);
    let response = match &o.body {
        BodyShape::Empty => quote!(::axum::response::IntoResponse::into_response(#status)),
        BodyShape::Json(_) => quote!(::apigen_runtime::server::json_response(#status, &body)),
        BodyShape::Form(_) => quote!(::apigen_runtime::server::form_response(#status, &body)),
        BodyShape::Text(media) => {
            let media = media.clone();
            quote!(::apigen_runtime::server::text_response(#status, #media, ::std::string::ToString::to_string(&body)))
        }
    };
    if s.headers {
        quote!(#pattern => {
            let mut response = #response;
            headers.apply(&mut response);
            response
        })
    } else {
        quote!(#pattern => #response,)
    }
}

fn constructor(o: &Outcome<'_>, v: &Ident, s: &VariantShape) -> TokenStream {
    let name = naming::ident(&naming::snake(&o.variant));
    let mut args = Vec::new();
    let mut inits = Vec::new();
    if s.status {
        args.push(quote!(status: ::axum::http::StatusCode));
        inits.push(quote!(status));
    }
    if let Some(ty) = &s.body {
        args.push(quote!(body: #ty));
        inits.push(quote!(body));
    }
    if s.headers {
        inits.push(quote!(headers: ResponseHeaders::default()));
    }
    let doc = format!(
        " [`Self::{v}`]{}.",
        if s.headers { " without headers" } else { "" }
    );
    let value = if inits.is_empty() {
        quote!(Self::#v)
    } else {
        quote!(Self::#v { #(#inits),* })
    };
    quote! {
        #[doc = #doc]
        pub fn #name(#(#args),*) -> Self {
            #value
        }
    }
}

/// `ResponseHeaders`: an optional field per declared response header.
fn headers_struct(plan: &Plan<'_>) -> TokenStream {
    let headers = response_headers(plan.api);
    if headers.is_empty() {
        return TokenStream::new();
    }
    let idents = header_idents(&headers, &["apply"]);
    let mut fields = Vec::new();
    let mut applies = Vec::new();
    for (h, ident) in headers.iter().zip(&idents) {
        let ident = naming::ident(ident);
        let ty = plan.render.ty(&h.ty);
        let name = &h.name;
        let mut text = format!("`{name}`.");
        if let Some(d) = h.docs.summary.as_ref().or(h.docs.description.as_ref()) {
            text = format!("`{name}`: {}", one_line(d));
        }
        let docs = text_attrs(&text);
        fields.push(quote!(#docs pub #ident: ::std::option::Option<#ty>,));
        let value = header_text(plan, &h.ty);
        applies.push(quote! {
            if let ::std::option::Option::Some(value) = &self.#ident {
                ::apigen_runtime::server::set_header(response, #name, #value);
            }
        });
    }
    quote! {
        /// The response headers the spec declares; each is sent when set.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct ResponseHeaders {
            #(#fields)*
        }

        impl ResponseHeaders {
            /// Writes the set headers into `response`.
            fn apply(&self, response: &mut ::axum::response::Response) {
                #(#applies)*
            }
        }
    }
}

/// An expression (implementing `Display`) for a header `value: &T`.
fn header_text(plan: &Plan<'_>, ty: &TypeRef) -> TokenStream {
    match resolve(plan.api, ty) {
        TypeRef::Primitive(p) => match p.kind {
            apigen_ir::PrimitiveKind::DateTime => quote!(value.to_rfc3339()),
            apigen_ir::PrimitiveKind::Base64 => {
                quote!(::apigen_runtime::server::encode_base64(value))
            }
            _ => quote!(value),
        },
        TypeRef::Named(n)
            if matches!(
                plan.api.type_def(&n).map(|d| &d.kind),
                Some(apigen_ir::TypeKind::Enum(_))
            ) =>
        {
            quote!(value)
        }
        _ => quote!(::serde_json::to_string(value).unwrap_or_default()),
    }
}
