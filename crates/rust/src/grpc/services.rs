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
use crate::typeref::TypeRenderer;

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
    let render = TypeRenderer {
        names,
        root: quote!(crate::models),
    };
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
            #(#clients)*
        }

        /// Servers: a trait per service to implement, and the tonic service that serves it.
        pub mod server {
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
                pub async fn #method(&self, request: #input) -> ::std::result::Result<::tonic::Streaming<#output>, crate::Error> {
                    self.inner.server_streaming(#path, #auth, request).await
                }
            };
        }
        let docs = doc_attrs(&rpc.docs, &[note.to_string()]);
        quote! {
            #docs
            pub async fn #method(&self, request: #input) -> ::std::result::Result<#output, crate::Error> {
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
            /// Connects to a server (`http://127.0.0.1:50051`).
            pub async fn connect(endpoint: impl Into<::std::string::String>) -> ::std::result::Result<Self, crate::Error> {
                Ok(Self { inner: #client::connect(endpoint).await? })
            }

            /// A client on an existing channel.
            pub fn new(channel: ::tonic::transport::Channel) -> Self {
                Self { inner: #client::new(channel) }
            }

            /// Sends `token` with every rpc that needs authentication.
            pub fn with_token(mut self, token: &str) -> ::std::result::Result<Self, crate::Error> {
                self.inner.set_token(token)?;
                Ok(self)
            }

            /// Sets the access token sent from now on.
            pub fn set_token(&mut self, token: &str) -> ::std::result::Result<(), crate::Error> {
                self.inner.set_token(token)
            }

            /// Sends no access token from now on.
            pub fn clear_token(&mut self) {
                self.inner.clear_token();
            }

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
    let unimplemented = rt::UNIMPLEMENTED;
    let (answer, not_implemented) = (rt::ANSWER, rt::NOT_IMPLEMENTED);
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
            ) -> impl ::std::future::Future<Output = #answer<#output>> + Send {
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
            rt::SERVER_STREAMING
        } else {
            rt::UNARY
        };
        quote! {
            #path => #serve(request, #auth, &self.inner, |s, r| async move { s.#method(r).await }),
        }
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

        #[doc = #server_doc]
        #[derive(Debug)]
        pub struct #server_name<T> {
            inner: ::std::sync::Arc<T>,
        }

        impl<T: #trait_name> #server_name<T> {
            /// Serves `inner`.
            pub fn new(inner: T) -> Self {
                Self::from_arc(::std::sync::Arc::new(inner))
            }

            /// Serves a shared implementation.
            pub fn from_arc(inner: ::std::sync::Arc<T>) -> Self {
                Self { inner }
            }
        }

        impl<T> Clone for #server_name<T> {
            fn clone(&self) -> Self {
                Self { inner: self.inner.clone() }
            }
        }

        impl<T> ::tonic::server::NamedService for #server_name<T> {
            const NAME: &'static str = #full;
        }

        impl<T: #trait_name> ::tonic::codegen::Service<::tonic::codegen::http::Request<::tonic::body::Body>> for #server_name<T> {
            type Response = ::tonic::codegen::http::Response<::tonic::body::Body>;
            type Error = ::std::convert::Infallible;
            type Future = ::tonic::codegen::BoxFuture<Self::Response, Self::Error>;

            fn poll_ready(&mut self, _cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<::std::result::Result<(), Self::Error>> {
                ::std::task::Poll::Ready(Ok(()))
            }

            fn call(&mut self, request: ::tonic::codegen::http::Request<::tonic::body::Body>) -> Self::Future {
                match request.uri().path() {
                    #(#arms)*
                    path => {
                        let answer = #unimplemented(path);
                        Box::pin(async move { Ok(answer) })
                    }
                }
            }
        }
    }
}
