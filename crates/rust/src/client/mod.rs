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

use crate::format::Printer;
use crate::names::Names;
use crate::operations::{self, Op};
use crate::typeref::{home_import, home_module, TypeRenderer};
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
    let home = home_module(names, operations::referenced(&ops));
    Plan {
        api,
        ops,
        render: TypeRenderer {
            names,
            // `models` is the crate root's re-export, imported by the `builder` and
            // `responses` modules; so is `pkg`, the module most types live in (if any).
            root: quote!(models),
            home,
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
    let prelude = prelude(&plan);
    let methods = methods::client_methods(&plan);
    let builders = methods::builder_module(&plan);
    let rest = epilogue(&plan);
    quote! {
        #prelude
        #methods
        #builders
        #rest
    }
}

/// Prints the library of [`client_tokens`] into `printer`, the same text, with each operation's
/// `Client` method and request builder built just before it is printed: the `impl Client` block
/// and the `builder` module are opened around them, so the tokens of all operations are never
/// alive at once (a large API's client holds ~20 MB of tokens).
pub fn print_client(api: &Api, names: &Names, opts: &Options, printer: &mut Printer) {
    let plan = plan(api, names, opts);
    printer.part(prelude(&plan));
    let common = docs::common_auth(&plan.ops);
    printer.open(quote!(impl Client));
    for op in &plan.ops {
        printer.part(methods::client_method(&plan, &common, op));
    }
    printer.close();
    let (head, items, indices) = methods::builder_parts(&plan);
    printer.open(head);
    printer.part(items);
    for (op, index) in plan.ops.iter().zip(indices) {
        printer.part(methods::request_builder(&plan, op, index));
    }
    printer.close();
    printer.part(epilogue(&plan));
}

/// The crate docs, the re-exports, `Client`, `ClientBuilder` and the environment setters.
fn prelude(plan: &Plan<'_>) -> TokenStream {
    let models = crate::naming::ident(&plan.opts.models_crate.replace('-', "_"));
    let docs = docs::crate_docs(plan);
    let client = builder::client_items(plan);
    let env = env::items(plan);
    let module = rt::MODULE;
    let home = models_imports(plan, TokenStream::new());
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
        #home
        pub use #module::{#(#reexports),*};

        #client
        #env
    }
}

/// The `responses` module and the response headers' trait, after the request builders.
fn epilogue(plan: &Plan<'_>) -> TokenStream {
    let responses = responses::responses_module(plan);
    let headers = headers::headers_trait(plan);
    quote!(#responses #headers)
}

/// The imports a module of the client names models through: `models` (the module's
/// `use crate::models;`, empty at the crate root, where `models` is the re-export itself) and,
/// when the API's types live in modules, `pkg` (see [`crate::typeref::home_module`]). Allowed
/// unused: a module names only what its operations need.
pub(crate) fn models_imports(plan: &Plan<'_>, models: TokenStream) -> TokenStream {
    let home = home_import(&quote!(crate::models), plan.render.home.as_deref());
    let home = (!home.is_empty()).then(|| quote!(#[allow(unused_imports)] #home));
    let models = (!models.is_empty()).then(|| quote!(#[allow(unused_imports)] #models));
    quote!(#models #home)
}

#[cfg(test)]
pub(crate) mod tests;
