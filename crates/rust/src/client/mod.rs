//! The client backend: an async client crate on `apigen-runtime` and reqwest.
//!
//! Shape of the generated crate:
//! - `Client` (cheap to clone) and `ClientBuilder`: base URL (the spec's first server by
//!   default), timeout, retry policy, one credential setter per kind of security scheme, and a
//!   client-wide default for every optional header parameter;
//! - one method per operation returning a request builder (`builder::<Op>`): required
//!   parameters and the body are arguments, optional ones setters, `.send().await` returns
//!   `Result<ResponseValue<Success>, Error<ErrorBody>>`;
//! - `responses::<Op>Success` / `<Op>ErrorBody` enums where an operation documents several
//!   body types;
//! - the `ResponseHeaders` trait with a typed getter per declared response header.

mod builder;
mod docs;
mod headers;
mod methods;
mod responses;

use crate::runtime::client as rt;
use apigen_ir::Api;
use proc_macro2::TokenStream;
use quote::quote;

use crate::names::TypeNames;
use crate::operations::{self, Op};
use crate::typeref::TypeRenderer;
use crate::Options;

/// Everything the client's parts share.
pub(crate) struct Plan<'a> {
    pub api: &'a Api,
    pub ops: Vec<Op<'a>>,
    pub render: TypeRenderer<'a>,
    pub defaults: Vec<builder::DefaultHeader>,
    pub opts: &'a Options,
}

/// The client crate's `lib.rs` tokens.
pub fn client_tokens(api: &Api, names: &TypeNames, opts: &Options) -> TokenStream {
    let ops = operations::analyse(api);
    let defaults = builder::default_headers(&ops);
    let plan = Plan {
        api,
        ops,
        render: TypeRenderer {
            names,
            root: quote!(crate::models),
        },
        defaults,
        opts,
    };
    let models = crate::naming::ident(&opts.models_crate.replace('-', "_"));
    let docs = docs::crate_docs(&plan);
    let client = builder::client_items(&plan);
    let methods = methods::client_methods(&plan);
    let builders = methods::builder_module(&plan);
    let responses = responses::responses_module(&plan);
    let headers = headers::headers_trait(&plan);
    let module = rt::MODULE;
    let reexports = [
        rt::BUILD_ERROR,
        rt::CREDENTIALS,
        rt::ERROR,
        rt::HEADER_SOURCE,
        rt::RESPONSE_VALUE,
        rt::RETRY_POLICY,
        rt::SECRET,
    ]
    .map(|item| item.ident());
    quote! {
        #docs
        #![warn(missing_docs)]

        /// The data types of the API (the models crate).
        pub use ::#models as models;
        pub use #module::{#(#reexports),*};

        #client
        #methods
        #builders
        #responses
        #headers
    }
}

#[cfg(test)]
pub(crate) mod tests;
