//! `Client` and `ClientBuilder`: configuration, credentials and client-wide header defaults.

use apigen_ir::{ParameterLocation, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use super::Plan;
use crate::docs::text_attrs;
use crate::names::Names;
use crate::naming;
use crate::operations::{one_line, Codec, Op, SchemeKind};
use crate::runtime::{CLIENT_BUILDER_METHODS, CLIENT_IMPL, CREDENTIAL_SETTER};

/// An optional header parameter that can be set once for the whole client.
pub struct DefaultHeader {
    /// Header name on the wire, as the first operation spells it.
    pub name: String,
    /// Field and setter name.
    pub ident: String,
    /// Its IR type (operations declaring the header with another type do not use the default).
    pub ty: TypeRef,
    /// How it travels.
    pub codec: Codec,
    /// One-line docs.
    pub doc: String,
}

/// The header defaults: every optional header parameter, once per name (case-insensitive).
pub fn default_headers(ops: &[Op<'_>], names: &Names) -> Vec<DefaultHeader> {
    let mut out: Vec<DefaultHeader> = Vec::new();
    for op in ops {
        for p in op.params_in(ParameterLocation::Header) {
            if p.ir.required || out.iter().any(|d| d.name.eq_ignore_ascii_case(&p.ir.name)) {
                continue;
            }
            let Some(ident) = names.header_default(&p.ir.name) else {
                continue;
            };
            let docs = &p.ir.docs;
            out.push(DefaultHeader {
                name: p.ir.name.clone(),
                ident: ident.to_string(),
                ty: p.ir.ty.clone(),
                codec: p.codec.clone(),
                doc: docs
                    .summary
                    .as_ref()
                    .or(docs.description.as_ref())
                    .map(|d| one_line(d))
                    .unwrap_or_default(),
            });
        }
    }
    out
}

/// The default that applies to a header parameter of an operation, if any.
pub fn default_for<'p>(plan: &'p Plan<'_>, name: &str, ty: &TypeRef) -> Option<&'p DefaultHeader> {
    plan.defaults
        .iter()
        .find(|d| d.name.eq_ignore_ascii_case(name) && &d.ty == ty)
}

/// Which kinds of credentials the API's operations use, in a fixed order.
pub fn scheme_kinds(plan: &Plan<'_>) -> (bool, bool, Vec<String>) {
    let mut basic = false;
    let mut bearer = false;
    let mut keys: Vec<String> = Vec::new();
    for op in &plan.ops {
        for s in op.security.iter().flatten() {
            match s {
                SchemeKind::Basic => basic = true,
                SchemeKind::Bearer => bearer = true,
                SchemeKind::ApiKey { name, .. } => {
                    if !keys.iter().any(|k| k.eq_ignore_ascii_case(name)) {
                        keys.push(name.clone());
                    }
                }
            }
        }
    }
    (basic, bearer, keys)
}

/// The first server URL, when it is an absolute http(s) URL without variables.
pub fn default_base_url(plan: &Plan<'_>) -> Option<String> {
    plan.api
        .servers
        .first()
        .filter(|u| (u.starts_with("https://") || u.starts_with("http://")) && !u.contains('{'))
        .cloned()
}

/// `Client`, `ClientBuilder` and the private `Defaults`.
pub fn client_items(plan: &Plan<'_>) -> TokenStream {
    let title = &plan.api.title;
    let client_crate = &plan.opts.client_crate;
    let user_agent = format!("{client_crate}/{}", plan.opts.version);
    let fields: Vec<_> = plan
        .defaults
        .iter()
        .map(|d| {
            let ident = naming::ident(&d.ident);
            let ty = plan.render.ty(&d.ty);
            (ident, ty, d)
        })
        .collect();
    let default_fields = fields.iter().map(|(ident, ty, d)| {
        let doc = format!(" Default `{}` header.", d.name);
        quote!(#[doc = #doc] #ident: ::std::option::Option<#ty>,)
    });
    let default_setters = fields.iter().map(|(ident, ty, d)| {
        let mut text = format!(
            "Sends `{}` with every request whose operation takes it (a value given for one request wins).",
            d.name
        );
        if !d.doc.is_empty() {
            text = format!("{}\n\n{text}", d.doc);
        }
        let docs = text_attrs(&text);
        let (arg_ty, conv) = if d.codec == Codec::Text && is_string(&d.ty, plan) {
            (quote!(impl ::std::convert::Into<::std::string::String>), quote!(value.into()))
        } else {
            (quote!(#ty), quote!(value))
        };
        quote! {
            #docs
            pub fn #ident(mut self, value: #arg_ty) -> Self {
                self.defaults.#ident = ::std::option::Option::Some(#conv);
                self
            }
        }
    });
    let (basic, bearer, keys) = scheme_kinds(plan);
    let mut credential_setters = Vec::new();
    if basic {
        credential_setters.push(quote!(#CREDENTIAL_SETTER!(basic);));
    }
    if bearer {
        credential_setters.push(quote!(#CREDENTIAL_SETTER!(bearer);));
    }
    for key in &keys {
        let ident = naming::ident(plan.render.names.api_key_setter(key).unwrap_or("api_key"));
        credential_setters.push(quote!(#CREDENTIAL_SETTER!(#ident = #key);));
    }
    let client_impl = match default_base_url(plan) {
        Some(url) => quote!(#CLIENT_IMPL!(Client, ClientBuilder, #url);),
        None => quote!(#CLIENT_IMPL!(Client, ClientBuilder);),
    };
    let mut client_doc = format!(
        "Client of the {title}. Cheap to clone: clones share one connection pool.\n\nCreate one with [`Client::builder`]; each operation is a method returning a request builder: required parameters are the method's arguments, optional ones setters of the builder."
    );
    if !plan.ops.is_empty() {
        let auth = super::docs::common_auth(&plan.ops);
        client_doc.push_str(&format!(
            "\n\n# Authentication\n{auth} Operations that authenticate otherwise say so.\n\n{}",
            super::docs::COMMON_ERRORS
        ));
    }
    let client_doc = text_attrs(&client_doc);
    let has_defaults = !plan.defaults.is_empty();
    let defaults_field = has_defaults.then(|| quote!(defaults: Defaults,));
    let defaults_arg = has_defaults.then(|| quote!(, defaults));
    let defaults_struct = has_defaults.then(|| {
        quote! {
            /// Values sent with every request unless a request sets its own.
            #[derive(Debug, Clone, Default)]
            struct Defaults {
                #(#default_fields)*
            }
        }
    });
    quote! {
        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: ::apigen_runtime::client::ClientCore,
            #defaults_field
        }

        #defaults_struct

        #client_impl

        /// Configures a [`Client`]: base URL, timeout (30 s by default), retries
        /// ([`RetryPolicy::default`](::apigen_runtime::client::RetryPolicy::default) unless set),
        /// credentials and header defaults.
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            config: ::apigen_runtime::client::ClientConfig,
            #defaults_field
        }

        impl ClientBuilder {
            #CLIENT_BUILDER_METHODS!(Client, #user_agent #defaults_arg);

            #(#credential_setters)*

            #(#default_setters)*

        }
    }
}

/// Whether a type is a plain string (taken as `impl Into<String>`).
pub fn is_string(ty: &TypeRef, plan: &Plan<'_>) -> bool {
    matches!(
        crate::operations::resolve(plan.api, ty),
        TypeRef::Primitive(p) if p.kind == apigen_ir::PrimitiveKind::String
    ) && !matches!(ty, TypeRef::Named(_))
}
