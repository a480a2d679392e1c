//! The server backend: an axum server stub on `apigen-runtime`.
//!
//! Shape of the generated crate:
//! - `trait <Title>Api: Send + Sync + 'static` with one method per operation, taking the
//!   request's credentials (when the operation has security) and an `<Op>Request` of typed,
//!   already checked parameters and body, returning an `<Op>Response` enum with a variant per
//!   documented status (by reason phrase) that carries the body and declared headers;
//! - `rejection_body`, a required trait method when the API declares an error schema for
//!   400/401 (or `default`), so the router's own 400/401/404/405 answers match the spec;
//!   otherwise the runtime's `ErrorStatus` body is used;
//! - `router(api) -> axum::Router`: routes in spec order; each handler checks security, parses
//!   parameters and body, calls the trait and converts the response. Unknown paths get 404 and
//!   unknown methods 405, both with the error body.
//!
//! The crate imports `::apigen_runtime::server` as `rt` (and, for an API whose types live in
//! modules, the module most of them share as `pkg`) and names the prelude's `Result`,
//! `Ok`, `Send` and `Sync` unqualified: its root defines only `<Op>Request`, `<Op>Response`,
//! `<Title>Api`, `Error`, `ResponseHeaders`, `SECURITY_<n>` and fixed function names
//! (`router`, `reject`, `handle_<op>`, …), none of which shadows them.

mod parse;
mod requests;
mod responses;
mod router;
mod trait_;

use apigen_ir::{Api, ResponseStatus, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, ToTokens};

use crate::names::Names;
use crate::naming;
use crate::operations::{self, BodyShape, Op};
use crate::runtime::server::{self as rt, ERROR_STATUS};
use crate::typeref::{home_import, home_module, TypeRenderer};
use crate::Options;

/// The body of the answers the router gives itself.
pub(crate) enum RejectionBody {
    /// The API's own error schema (the trait's `rejection_body` builds it).
    Declared(TypeRef),
    /// The runtime's `ErrorStatus`.
    Default,
}

/// Everything the server's parts share.
pub(crate) struct Plan<'a> {
    pub api: &'a Api,
    /// Operations that can be routed, in spec order.
    pub ops: Vec<Op<'a>>,
    /// Operations left out, with the reason.
    pub unrouted: Vec<(Op<'a>, String)>,
    pub render: TypeRenderer<'a>,
    pub trait_name: Ident,
    pub rejection: RejectionBody,
    /// The distinct security alternatives, as `SECURITY_n` constants (see
    /// [`router::security_lists`]).
    pub security: Vec<(String, TokenStream)>,
    pub opts: &'a Options,
}

impl Plan<'_> {
    /// The Rust type of rejection (and undeclared error) bodies.
    pub fn rejection_type(&self) -> TokenStream {
        match &self.rejection {
            RejectionBody::Declared(ty) => self.render.ty(ty),
            RejectionBody::Default => rt::local::ERROR_STATUS.to_token_stream(),
        }
    }
}

/// The error schema the API declares most often for 400, 401, 4XX and `default` (first seen
/// wins ties).
fn rejection_body(api: &Api) -> RejectionBody {
    let mut counts: Vec<(TypeRef, usize)> = Vec::new();
    for op in api.operations() {
        for r in &op.responses {
            let relevant = matches!(
                r.status,
                ResponseStatus::Code(400)
                    | ResponseStatus::Code(401)
                    | ResponseStatus::Range(4)
                    | ResponseStatus::Default
            );
            let Some(b) = r.body.as_ref().filter(|_| relevant) else {
                continue;
            };
            if b.encoding != apigen_ir::BodyEncoding::Json || b.ty == TypeRef::Unit {
                continue;
            }
            match counts.iter_mut().find(|(t, _)| *t == b.ty) {
                Some((_, n)) => *n += 1,
                None => counts.push((b.ty.clone(), 1)),
            }
        }
    }
    let mut best: Option<(TypeRef, usize)> = None;
    for (ty, n) in counts {
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((ty, n));
        }
    }
    match best {
        Some((ty, _)) => RejectionBody::Declared(ty),
        None => RejectionBody::Default,
    }
}

/// One part of the server crate's `lib.rs`, built when called.
type Part<'p> = Box<dyn FnOnce() -> TokenStream + 'p>;

/// The server crate's `lib.rs` tokens in parts: the crate's prelude, the trait, then per
/// operation its request struct, the error type, per operation its response enum, the
/// response headers, the router, and per operation its handler. Each part is built only when
/// called, so a caller can build and print one at a time, or some of them only.
fn parts<'p>(plan: &'p Plan<'_>) -> Vec<Part<'p>> {
    let mut parts: Vec<Part<'p>> = vec![Box::new(|| prelude(plan)), Box::new(|| trait_::api_trait(plan))];
    for op in &plan.ops {
        parts.push(Box::new(move || requests::request_struct(plan, op)));
    }
    parts.push(Box::new(|| responses::error_type(plan)));
    for op in &plan.ops {
        parts.push(Box::new(move || responses::response_enum(plan, op)));
    }
    parts.push(Box::new(|| responses::headers_struct(plan)));
    parts.push(Box::new(|| router::router_fn(plan)));
    for op in &plan.ops {
        parts.push(Box::new(move || router::handler(plan, op)));
    }
    parts
}

/// The crate docs, its lints and the re-exports of the models and the runtime.
fn prelude(plan: &Plan<'_>) -> TokenStream {
    let models = naming::ident(&plan.opts.models_crate.replace('-', "_"));
    let docs = trait_::crate_docs(plan);
    let home = home_import(&quote!(crate::models), plan.render.home.as_deref());
    let error_status = matches!(plan.rejection, RejectionBody::Default).then(|| {
        quote!(
            pub use #ERROR_STATUS;
        )
    });
    let module = rt::MODULE;
    let reexports = [
        rt::CREDENTIALS,
        rt::REJECTION,
        rt::REJECTION_KIND,
        rt::SECRET,
    ]
    .map(|item| item.ident());
    quote! {
        #docs
        #![warn(missing_docs)]

        /// The data types of the API (the models crate).
        pub use ::#models as models;
        use #module as rt;
        #home
        pub use #module::{#(#reexports),*};
        #error_status
    }
}

/// The server crate's `lib.rs` tokens, part by part (see [`parts`]): the parts whose index
/// `keep` accepts are built and handed to `sink` with their index, in order, so that the caller
/// can print each part and drop it, and several callers can share the parts between them.
pub fn server_parts(
    api: &Api,
    names: &Names,
    opts: &Options,
    keep: &dyn Fn(usize) -> bool,
    sink: &mut dyn FnMut(usize, TokenStream),
) {
    let (ops, unrouted) = router::routable(operations::analyse(api, names));
    let security = router::security_lists(&ops);
    let home = home_module(names, operations::referenced(&ops));
    let plan = Plan {
        api,
        ops,
        unrouted,
        render: TypeRenderer {
            names,
            root: quote!(crate::models),
            home,
        },
        trait_name: format_ident!("{}", names.server_trait()),
        rejection: rejection_body(api),
        security,
        opts,
    };
    for (i, part) in parts(&plan).into_iter().enumerate() {
        if keep(i) {
            sink(i, part());
        }
    }
}

/// Whether a response body needs a field in its variant.
pub fn has_body(shape: &BodyShape) -> bool {
    !matches!(shape, BodyShape::Empty)
}

#[cfg(test)]
mod tests;
