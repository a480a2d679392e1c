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
mod env;
mod headers;
mod media;
mod methods;
mod responses;

use crate::runtime::client as rt;
use apigen_ir::Api;
use proc_macro2::TokenStream;
use quote::quote;

use crate::names::Names;
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

fn plan<'a>(api: &'a Api, names: &'a Names, opts: &'a Options) -> Plan<'a> {
    let ops = operations::analyse(api, names);
    let defaults = builder::default_headers(&ops, names);
    Plan {
        api,
        ops,
        render: TypeRenderer {
            names,
            // `models` is the crate root's re-export, imported by the `builder` and
            // `responses` modules.
            root: quote!(models),
            home: None,
        },
        defaults,
        opts,
    }
}

/// The client crate's `README.md`: the crate docs' example and the environment variables.
pub fn readme(api: &Api, names: &Names, opts: &Options) -> String {
    let plan = plan(api, names, opts);
    let example: Vec<String> = docs::example_lines(&plan)
        .into_iter()
        .filter(|l| !l.starts_with("# "))
        .collect();
    let builder = match builder::default_base_url(&plan) {
        Some(_) => "Client::builder()",
        None => "Client::builder(\"https://api.example.com\")",
    };
    crate::readme::client(api, opts, &example, &env::variables(&plan), builder)
}

/// The client crate's `lib.rs` tokens.
pub fn client_tokens(api: &Api, names: &Names, opts: &Options) -> TokenStream {
    let plan = plan(api, names, opts);
    let models = crate::naming::ident(&opts.models_crate.replace('-', "_"));
    let docs = docs::crate_docs(&plan);
    let client = builder::client_items(&plan);
    let env = env::items(&plan);
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
        #env
        #methods
        #builders
        #responses
        #headers
    }
}

#[cfg(test)]
pub(crate) mod tests;
