//! The API trait a server implements, and the crate docs.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::requests::request_ident;
use super::responses::{is_error, response_ident};
use super::{Plan, RejectionBody};
use crate::docs::doc_attrs;
use crate::naming;
use crate::operations::{one_line, Op};
use crate::runtime::server::local::{CREDENTIALS, FUTURE, REJECTION};

/// The credentials argument of an operation's method: its type, or `None` without security.
pub fn credentials_type(op: &Op<'_>) -> Option<TokenStream> {
    if op.security.is_empty() {
        None
    } else if op.allows_anonymous() {
        Some(quote!(
            ::std::option::Option<#CREDENTIALS>
        ))
    } else {
        Some(quote!(#CREDENTIALS))
    }
}

fn method_docs(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let mut extra = vec![format!(
        "`{} {}` (operation `{}`).",
        op.op.http.method.as_str(),
        op.op.http.path.raw,
        op.op.id
    )];
    let auth = if op.op.security.is_empty() {
        "No authentication: called for every well-formed request.".to_string()
    } else {
        format!(
            "Security: {}. The router calls this method only once the request carries readable credentials of one alternative; checking that they are valid is the implementation's job.",
            op.security_alternatives()
        )
    };
    extra.push(auth);
    let statuses: Vec<String> = op
        .responses
        .iter()
        .map(|o| {
            let d = o
                .response
                .docs
                .summary
                .as_ref()
                .or(o.response.docs.description.as_ref())
                .map(|d| format!(": {}", one_line(d)))
                .unwrap_or_default();
            let answer = if is_error(plan, op, o) {
                "`Err`".to_string()
            } else {
                format!("`{}`", o.variant)
            };
            format!("- `{}` ({answer}){d}", o.response.status)
        })
        .collect();
    if !statuses.is_empty() {
        extra.push(format!(
            "# Responses\nAnswered with a variant of [`{}`], or with an [`Error`] (`Err`).\n{}",
            response_ident(op),
            statuses.join("\n")
        ));
    }
    if op.op.deprecated {
        extra.push("Deprecated by the spec.".to_string());
    }
    doc_attrs(&op.op.docs, &extra)
}

/// `pub trait <Title>Api`.
pub fn api_trait(plan: &Plan<'_>) -> TokenStream {
    let name = &plan.trait_name;
    let methods = plan.ops.iter().map(|op| {
        let fn_name = naming::ident(&op.fn_name);
        let request = request_ident(op);
        let response = response_ident(op);
        let docs = method_docs(plan, op);
        let credentials = credentials_type(op).map(|ty| quote!(credentials: #ty,));
        let deprecated = op.op.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #docs
            #deprecated
            fn #fn_name(
                &self,
                #credentials
                request: #request,
            ) -> impl #FUTURE<Output = Result<#response, Error>> + Send;
        }
    });
    let rejection = match &plan.rejection {
        RejectionBody::Declared(ir_ty) => {
            let ty = plan.render.ty(ir_ty);
            let label = crate::operations::type_label(ir_ty);
            let doc = format!(
                " The `{label}` body of the answers the router gives itself: 401 for missing or\n unreadable credentials, 400 for invalid parameters or bodies, 404 for unknown paths,\n 405 for unknown methods, 413 and 415 for unacceptable bodies."
            );
            let doc = doc.lines().map(str::to_string);
            quote! {
                #(#[doc = #doc])*
                fn rejection_body(&self, rejection: &#REJECTION) -> #ty;
            }
        }
        RejectionBody::Default => TokenStream::new(),
    };
    let doc = format!(
        " The {}, as a server implements it: one method per operation. Serve it with [`router`].",
        plan.api.title
    );
    let unrouted = plan.unrouted.iter().map(|(op, why)| {
        let d = format!(" Not part of this trait: `{}` ({why}).", op.op.id);
        quote!(#[doc = ""] #[doc = #d])
    });
    quote! {
        #[doc = #doc]
        #(#unrouted)*
        pub trait #name: Send + Sync + 'static {
            #(#methods)*
            #rejection
        }
    }
}

/// `#![doc]` attributes of the crate.
pub fn crate_docs(plan: &Plan<'_>) -> TokenStream {
    let base = crate::cargo::crate_docs(plan.api, "Server stub (axum)", plan.opts);
    let name = plan.trait_name.to_token_stream().to_string();
    let krate = plan.opts.server_crate.replace('-', "_");
    let errors = match &plan.rejection {
        RejectionBody::Declared(ty) => format!(
            "in the API's own error schema (`{}`), built by [`{name}::rejection_body`]",
            crate::operations::type_label(ty)
        ),
        RejectionBody::Default => {
            "as [`ErrorStatus`] JSON (`{\"code\": <gRPC code>, \"message\": …, \"details\": []}`), since the API declares no error schema".to_string()
        }
    };
    let text = format!(
        "\n# Serving\n\nImplement [`{name}`] and hand it to [`router`]:\n\n```rust,ignore\nstruct MyApi;\n\nimpl {krate}::{name} for MyApi {{\n    // one method per operation, answering `Ok(<Op>Response::…)` or\n    // `Err({krate}::Error::new(status, body))`; `?` converts your own errors\n    // once you implement `From<YourError> for {krate}::Error`.\n}}\n\nlet app = {krate}::router(MyApi);\nlet listener = tokio::net::TcpListener::bind(\"127.0.0.1:8080\").await?;\naxum::serve(listener, app).await?;\n```\n\nBefore a method runs, the router checks the request: missing or unreadable credentials are answered with 401, parameters that do not parse or break the spec's bounds and bodies that do not match the schema with 400; unknown paths get 404 and unknown methods 405. These answers are sent {errors}. Nothing a client sends makes the router panic."
    );
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! {
        #base
        #(#![doc = #lines])*
    }
}
