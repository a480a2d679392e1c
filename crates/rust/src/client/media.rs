//! What a request builder offers for the media types an operation declares besides the one
//! it is generated for: `body_as` (the body in another declared media type, as raw bytes) and
//! `send_as` (the response asked for in another declared media type, given as raw bytes).
//! Only operations that declare such media types get them; the runtime
//! ([`OtherBody`](apigen_runtime::client::OtherBody),
//! [`ClientCore::execute_as`](apigen_runtime::client::ClientCore::execute_as)) checks the
//! media type against the declared list and does the rest.

use proc_macro2::TokenStream;
use quote::quote;

use super::methods::rt;
use crate::operations::Op;
use crate::runtime::client::{OTHER_BODY, SEND_RESULT};
use crate::runtime::BYTE_STREAM;

/// The media types `body_as` accepts (the generated one first), when the body declares more
/// than one.
pub fn body_types(op: &Op<'_>) -> Option<Vec<String>> {
    let body = op.body.as_ref()?;
    if body.alternatives.is_empty() {
        return None;
    }
    Some(distinct(
        std::iter::once(&body.media_type).chain(&body.alternatives),
    ))
}

/// The media types `send_as` asks for, when a success response declares more than one.
pub fn response_types(op: &Op<'_>) -> Option<Vec<String>> {
    let bodies: Vec<_> = op
        .successes()
        .filter_map(|o| o.response.body.as_ref())
        .collect();
    if bodies.iter().all(|b| b.alternatives.is_empty()) {
        return None;
    }
    Some(distinct(bodies.iter().flat_map(|b| {
        std::iter::once(&b.media_type).chain(&b.alternatives)
    })))
}

fn distinct<'a>(types: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in types {
        if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

fn listed(types: &[String]) -> String {
    let list: Vec<String> = types.iter().map(|t| format!("`{t}`")).collect();
    list.join(", ")
}

/// The builder field holding a body set with `body_as`.
pub fn body_as_field(op: &Op<'_>) -> Option<TokenStream> {
    body_types(op)?;
    let other = rt(OTHER_BODY);
    Some(quote!(body_as: Option<#other>,))
}

/// The `body_as` setter.
pub fn body_as_setter(op: &Op<'_>) -> Option<TokenStream> {
    let types = body_types(op)?;
    let other = rt(OTHER_BODY);
    let doc = format!(
        " Sends `body` as raw bytes in another media type the spec declares for this body ({}), \
         instead of the typed body (which is then neither checked nor sent). `send` fails with \
         `Error::InvalidRequest` for a media type not declared.",
        listed(&types)
    );
    Some(quote! {
        #[doc = #doc]
        pub fn body_as(mut self, media_type: impl Into<String>, body: impl Into<#BYTE_STREAM>) -> Self {
            self.body_as = Some(#other::new(media_type, body));
            self
        }
    })
}

/// The body statement of `request`: the `body_as` body when one is set (checked against the
/// declared media types), else `typed` (the typed body's check and encoding).
pub fn body_statement(op: &Op<'_>, typed: TokenStream) -> TokenStream {
    match body_types(op) {
        None => typed,
        Some(types) => quote! {
            match &self.body_as {
                Some(other) => request.other_body(other, &[#(#types),*]),
                None => { #typed }
            }
        },
    }
}

/// The `send_as` method.
pub fn send_as(op: &Op<'_>) -> Option<TokenStream> {
    let types = response_types(op)?;
    let doc = format!(
        " Sends the request asking for the response in a media type the spec declares for it \
         ({}) and gives a successful response's body as raw bytes, unread. A media type not \
         declared fails with `Error::InvalidRequest` before anything is sent; an error status \
         is `Error::Api` with a JSON body as a free-form value (else `Error::UnexpectedResponse`).",
        listed(&types)
    );
    let send_result = rt(SEND_RESULT);
    Some(quote! {
        #[doc = #doc]
        pub async fn send_as(self, media_type: &str) -> #send_result<#BYTE_STREAM> {
            let request = self.request()?;
            self.client.core.execute_as(request, media_type, &[#(#types),*]).await
        }
    })
}
