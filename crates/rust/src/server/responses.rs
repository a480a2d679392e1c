//! `<Op>Response` enums (a tuple variant per documented answer that is not an error in the
//! API's error schema) with `status()` and `IntoResponse`, the API's `Error` (the runtime's
//! `ApiError` with its error body), and the `ResponseHeaders` struct of every declared response
//! header.

use apigen_ir::{ResponseStatus, TypeRef};
use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{has_body, Plan, RejectionBody};
use crate::docs::text_attrs;
use crate::naming;
use crate::runtime::RESPONSE_IMPLS;
use crate::op_tokens::body_type;
use crate::operations::{
    one_line, reason, resolve, response_headers, type_label, BodyShape, Op, Outcome,
};
use crate::runtime::server::local::{
    API_ERROR, BINARY_RESPONSE, EMPTY_RESPONSE, RESPONSE, STATUS, ENCODE_BASE64, FORM_RESPONSE, JSON_RESPONSE, SET_HEADER,
    MULTIPART_RESPONSE, STATUS_CODE, TEXT_RESPONSE, WITH_HEADERS, WRITE_HEADERS,
};

/// The name of an operation's response enum.
pub fn response_ident(op: &Op<'_>) -> Ident {
    format_ident!("{}", op.types.response)
}

/// Whether the API declares response headers (and so has a `ResponseHeaders` struct).
fn any_headers(plan: &Plan<'_>) -> bool {
    !response_headers(plan.api).is_empty()
}

/// Whether an answer is sent as the API's `Error` (an error status whose body is the API's
/// error schema) rather than as a variant of the response enum. `default` counts as an error
/// only beside a documented success, so every operation can answer `Ok`.
pub fn is_error(plan: &Plan<'_>, op: &Op<'_>, o: &Outcome<'_>) -> bool {
    if o.response.status.is_success()
        || (o.response.status == ResponseStatus::Default && op.successes().next().is_none())
    {
        return false;
    }
    matches!((&plan.rejection, &o.body), (RejectionBody::Declared(ty), BodyShape::Json(b)) if ty == b)
}

/// The fields of a variant, in order: the status (ranges and `default`), the body, headers.
struct VariantShape {
    status: bool,
    body: Option<TokenStream>,
    headers: bool,
}

fn shape(plan: &Plan<'_>, o: &Outcome<'_>) -> VariantShape {
    VariantShape {
        status: !matches!(o.response.status, ResponseStatus::Code(_)),
        body: has_body(&o.body).then(|| body_type(&o.body, &plan.render)),
        headers: !o.response.headers.is_empty() && any_headers(plan),
    }
}

/// `pub type Error`: the runtime's `ApiError` with the API's error body.
pub fn error_type(plan: &Plan<'_>) -> TokenStream {
    let body = plan.rejection_type();
    let headers = any_headers(plan).then(|| quote!(, ResponseHeaders));
    let label = match &plan.rejection {
        RejectionBody::Declared(ty) => format!("`{}`", type_label(ty)),
        RejectionBody::Default => "[`ErrorStatus`]".to_string(),
    };
    let and_headers = if headers.is_some() {
        " and headers"
    } else {
        ""
    };
    let doc = format!(
        " An error answer of any operation: a status (one the operation documents, as a rule)\n with the API's {label} body{and_headers}. Trait methods return it as their `Err`, and\n `?` converts your own errors once you implement `From<YourError> for Error`."
    );
    let doc = doc.lines().map(str::to_string);
    quote! {
        #(#[doc = #doc])*
        pub type Error = #API_ERROR<#body #headers>;
    }
}

/// The response enum of a routed operation.
pub fn response_enum(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let ident = response_ident(op);
    let doc = format!(
        " The answers of `{}` other than [`Error`]s, one variant per documented status.",
        op.op.id
    );
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut ctors = Vec::new();
    for o in op.responses.iter().filter(|o| !is_error(plan, op, o)) {
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
        if let BodyShape::Json(ty) | BodyShape::Form(ty) | BodyShape::Multipart(ty, _) = &o.body {
            text.push_str(&format!(" (`{}`)", type_label(ty)));
        }
        let docs = text_attrs(&text);
        let mut fields = Vec::new();
        if s.status {
            fields.push(quote!(#STATUS));
        }
        fields.extend(s.body.clone());
        if s.headers {
            fields.push(quote!(ResponseHeaders));
        }
        variants.push(if fields.is_empty() {
            quote!(#docs #v,)
        } else {
            quote!(#docs #v(#(#fields),*),)
        });
        let status = match o.response.status {
            ResponseStatus::Code(c) => {
                let c = status_const(c);
                if fields.is_empty() {
                    quote!(Self::#v => #c)
                } else {
                    quote!(Self::#v(..) => #c)
                }
            }
            _ => quote!(Self::#v(status, ..) => *status),
        };
        let (pattern, response) = into_arm(o, &v, &s);
        arms.push(quote!(#status, #pattern => #response;));
        if s.headers {
            ctors.push(constructor(&v, &o.constructor, &s));
        }
    }
    let ctors = (!ctors.is_empty()).then(|| quote!(impl #ident { #(#ctors)* }));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #ident {
            #(#variants)*
        }

        #ctors

        #RESPONSE_IMPLS!(#ident, status { #(#arms)* });
    }
}

/// The `StatusCode` constant of a code (`StatusCode::NOT_FOUND`), or the runtime's
/// `status_code(…)` for codes `http` has no constant for.
fn status_const(code: u16) -> TokenStream {
    match reason(code) {
        Some(r) => {
            let name = format_ident!("{}", r.to_shouty_snake_case());
            quote!(#STATUS::#name)
        }
        None => {
            let c = Literal::u16_unsuffixed(code);
            quote!(#STATUS_CODE(#c))
        }
    }
}

/// The pattern of a variant for `into_response` and its response (`status` in scope).
fn into_arm(o: &Outcome<'_>, v: &Ident, s: &VariantShape) -> (TokenStream, TokenStream) {
    let mut binds = Vec::new();
    if s.status {
        binds.push(quote!(_));
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
        quote!(Self::#v(#(#binds),*))
    };
    let response = match &o.body {
        BodyShape::Empty => quote!(#EMPTY_RESPONSE(status)),
        BodyShape::Json(_) => quote!(#JSON_RESPONSE(status, body)),
        BodyShape::Form(_) => quote!(#FORM_RESPONSE(status, body)),
        BodyShape::Multipart(_, parts) => {
            let parts = crate::op_tokens::part_types(parts);
            quote!(#MULTIPART_RESPONSE(status, body, #parts))
        }
        BodyShape::Text(media) => {
            let media = media.clone();
            quote!(#TEXT_RESPONSE(status, #media, body))
        }
        BodyShape::Binary(media) => {
            let media = media.clone();
            quote!(#BINARY_RESPONSE(status, #media, body))
        }
    };
    if s.headers {
        (pattern, quote!(#WITH_HEADERS(#response, headers)))
    } else {
        (pattern, response)
    }
}

/// `fn ok(body) -> Self`: a variant that carries headers, without them.
fn constructor(v: &Ident, name: &str, s: &VariantShape) -> TokenStream {
    let name = naming::ident(name);
    let mut args = Vec::new();
    let mut values = Vec::new();
    if s.status {
        args.push(quote!(status: #STATUS));
        values.push(quote!(status));
    }
    if let Some(ty) = &s.body {
        args.push(quote!(body: #ty));
        values.push(quote!(body));
    }
    values.push(quote!(ResponseHeaders::default()));
    let doc = format!(" [`Self::{v}`] without headers.");
    quote! {
        #[doc = #doc]
        pub fn #name(#(#args),*) -> Self {
            Self::#v(#(#values),*)
        }
    }
}

/// `ResponseHeaders`: an optional field per declared response header.
pub fn headers_struct(plan: &Plan<'_>) -> TokenStream {
    let headers = response_headers(plan.api);
    if headers.is_empty() {
        return TokenStream::new();
    }
    let idents = plan.render.names.header_fields();
    let mut fields = Vec::new();
    let mut writes = Vec::new();
    for (h, ident) in headers.iter().zip(idents) {
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
        writes.push(quote! {
            if let ::std::option::Option::Some(value) = &self.#ident {
                #SET_HEADER(response, #name, #value);
            }
        });
    }
    quote! {
        /// The response headers the spec declares; each is sent when set.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct ResponseHeaders {
            #(#fields)*
        }

        impl #WRITE_HEADERS for ResponseHeaders {
            fn write_headers(&self, response: &mut #RESPONSE) {
                #(#writes)*
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
                quote!(#ENCODE_BASE64(value))
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

#[cfg(test)]
mod tests {
    #[test]
    fn status_constants_by_reason() {
        for (code, name) in [
            (200, "OK"),
            (418, "IM_A_TEAPOT"),
            (414, "URI_TOO_LONG"),
            (203, "NON_AUTHORITATIVE_INFORMATION"),
            (505, "HTTP_VERSION_NOT_SUPPORTED"),
            (429, "TOO_MANY_REQUESTS"),
        ] {
            let got = super::status_const(code).to_string().replace(' ', "");
            assert_eq!(got, format!("rt::StatusCode::{name}"));
        }
        let odd = super::status_const(599).to_string().replace(' ', "");
        assert_eq!(odd, "rt::status_code(599)");
    }
}
