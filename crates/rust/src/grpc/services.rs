//! The `-grpc` crate: per proto service, a tonic client (`{Service}Client`) and a server
//! (`{Service}` trait, `{Service}Server` tower service), on the models crate's types.
//!
//! Emitted from the IR's rpcs; the mechanics (codec, `token` metadata, the unary call on both
//! sides) live in `apigen_runtime::grpc`, so each rpc costs a few lines.

use apigen_ir::{Api, Rpc, Service, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::docs::doc_attrs;
use crate::names::{Names, ServiceNames};
use crate::naming;
use crate::runtime::grpc as rt;
use crate::runtime::{GRPC_CLIENT_METHODS as CLIENT_METHODS, GRPC_SERVER as SERVER};
use crate::typeref::{home_import, home_module, TypeRenderer};

/// An rpc the crate serves, with its Rust names and message types.
struct Served<'a> {
    rpc: &'a Rpc,
    method: Ident,
    input: TokenStream,
    output: TokenStream,
    path: String,
}

/// The rpcs of a service the crate serves (unary and server streaming, with message types),
/// and the others with why they are left out.
fn served<'a>(service: &'a Service, render: &TypeRenderer<'_>) -> (Vec<Served<'a>>, Vec<String>) {
    let mut out = Vec::new();
    let mut left = Vec::new();
    let full = if service.package.is_empty() {
        service.name.clone()
    } else {
        format!("{}.{}", service.package, service.name)
    };
    for rpc in &service.rpcs {
        let message = |t: &TypeRef| matches!(t, TypeRef::Named(_) | TypeRef::Unit);
        if rpc.client_streaming {
            left.push(format!("`{}` (client streaming)", rpc.name));
            continue;
        }
        if !message(&rpc.input) || !message(&rpc.output) {
            left.push(format!(
                "`{}` (a well-known type as request or response)",
                rpc.name
            ));
            continue;
        }
        out.push(Served {
            rpc,
            method: render.names.rpc_method(&full, &rpc.name),
            input: render.ty(&rpc.input),
            output: render.ty(&rpc.output),
            path: format!("/{full}/{}", rpc.name),
        });
    }
    (out, left)
}

/// The crate's `lib.rs` tokens (after the crate docs).
pub fn grpc_tokens(api: &Api, names: &Names, models_crate: &str) -> TokenStream {
    let mut render = TypeRenderer {
        names,
        root: quote!(crate::models),
        home: None,
    };
    let messages = api
        .services
        .iter()
        .flat_map(|s| served(s, &render).0)
        .flat_map(|s| [&s.rpc.input, &s.rpc.output]);
    render.home = home_module(names, messages);
    let home = home_import(&quote!(crate::models), render.home.as_deref());
    let models = naming::ident(&models_crate.replace('-', "_"));
    let (tonic, error, fault) = (rt::TONIC.ident(), rt::ERROR.ident(), rt::FAULT.ident());
    let stream = rt::RESPONSE_STREAM.ident();
    let module = rt::MODULE;
    let mut clients = Vec::new();
    let mut servers = Vec::new();
    for service in api.services.iter().filter(|s| !s.rpcs.is_empty()) {
        let (rpcs, left) = served(service, &render);
        let names = render.names.service(&service.name);
        let mut notes = Vec::new();
        if service.docs.is_empty() {
            // `missing_docs` is on: a service without comments still gets a line.
            notes.push(format!("The `{}` service.", service.name));
        }
        if !left.is_empty() {
            notes.push(format!("Not generated: {}.", left.join(", ")));
        }
        let docs = doc_attrs(&service.docs, &notes);
        clients.push(client(&names, &docs, &rpcs));
        servers.push(server(service, &names, &docs, &rpcs));
    }
    quote! {
        #![warn(missing_docs)]

        /// The data types of the API (the models crate): they encode as protobuf and as JSON.
        pub use ::#models as models;
        pub use #module::{#tonic, #error, #fault, #stream};

        /// Clients: one per service, sending the access token in the `token` metadata entry.
        pub mod client {
            #home
            #(#clients)*
        }

        /// Servers: a trait per service to implement, and the tonic service that serves it.
        pub mod server {
            use #module as rt;
            #home
            #(#servers)*
        }
    }
}

fn client(names: &ServiceNames, docs: &TokenStream, rpcs: &[Served<'_>]) -> TokenStream {
    let name = naming::ident(&names.client);
    let client = rt::CLIENT;
    let methods = rpcs.iter().map(|s| {
        let Served {
            rpc,
            method,
            input,
            output,
            path,
        } = s;
        let auth = rpc.authenticated;
        let note = if auth {
            "Sends the access token."
        } else {
            "Needs no access token (`+noauth`)."
        };
        if rpc.server_streaming {
            let docs = doc_attrs(&rpc.docs, &[note.to_string(), "The answers arrive on the returned stream (`message().await`).".to_string()]);
            return quote! {
                #docs
                pub async fn #method(&self, request: #input) -> Result<::tonic::Streaming<#output>, crate::Error> {
                    self.inner.server_streaming(#path, #auth, request).await
                }
            };
        }
        let docs = doc_attrs(&rpc.docs, &[note.to_string()]);
        quote! {
            #docs
            pub async fn #method(&self, request: #input) -> Result<#output, crate::Error> {
                self.inner.unary(#path, #auth, request).await
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct #name {
            inner: #client,
        }

        impl #name {
            #CLIENT_METHODS!();

            #(#methods)*
        }
    }
}

fn server(
    service: &Service,
    names: &ServiceNames,
    docs: &TokenStream,
    rpcs: &[Served<'_>],
) -> TokenStream {
    let trait_name = naming::ident(&names.service);
    let server_name = naming::ident(&names.server);
    let (answer, not_implemented) = (rt::ANSWER.local(), rt::NOT_IMPLEMENTED.local());
    let future = rt::FUTURE.local();
    let full = if service.package.is_empty() {
        service.name.clone()
    } else {
        format!("{}.{}", service.package, service.name)
    };
    let trait_methods = rpcs.iter().map(|s| {
        let Served {
            rpc,
            method,
            input,
            output,
            ..
        } = s;
        let note = if rpc.authenticated {
            format!("Called only with a `token` in the metadata (read it with `{}`); without one the server answers UNAUTHENTICATED.", rt::ACCESS_TOKEN.path().trim_start_matches("::"))
        } else {
            "Needs no access token (`+noauth`). Answers UNIMPLEMENTED unless implemented.".to_string()
        };
        let docs = doc_attrs(&rpc.docs, &[note]);
        let name = rpc.name.as_str();
        let output = if rpc.server_streaming {
            let stream = rt::RESPONSE_STREAM;
            quote!(#stream<#output>)
        } else {
            quote!(#output)
        };
        quote! {
            #docs
            fn #method(
                &self,
                request: ::tonic::Request<#input>,
            ) -> impl #future<Output = #answer<#output>> + Send {
                #not_implemented(#name, request)
            }
        }
    });
    let arms = rpcs.iter().map(|s| {
        let Served {
            rpc, method, path, ..
        } = s;
        let auth = rpc.authenticated;
        let serve = if rpc.server_streaming {
            quote!(server_streaming)
        } else {
            quote!(unary)
        };
        quote!(#path => #serve(#auth, #method),)
    });
    let trait_doc = format!(
        " The `{full}` service: implement the rpcs you serve (the others answer UNIMPLEMENTED)."
    );
    let server_doc = format!(" Serves a [`{}`] implementation as `{full}` (add it to a `tonic::transport::Server`).", names.service);
    quote! {
        #docs
        #[doc = ""]
        #[doc = #trait_doc]
        #[allow(clippy::manual_async_fn)]
        pub trait #trait_name: Send + Sync + 'static {
            #(#trait_methods)*
        }

        #SERVER!(
            #[doc = #server_doc]
            #server_name: #trait_name = #full {
                #(#arms)*
            }
        );
    }
}
