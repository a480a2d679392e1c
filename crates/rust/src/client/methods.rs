//! One method per operation on `Client`, and the request builders (`builder::<Op>`) whose
//! `send` validates, encodes, sends and decodes.

use apigen_ir::{BodyEncoding, ParameterLocation, PathSegment, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::builder::{default_for, is_string};
use super::docs::{common_auth, op_docs, setter_docs};
use super::media;
use super::responses::{accept, error_type_or_default, status_arms, success_type};
use super::Plan;
use crate::naming;
use crate::op_tokens::{param_check, security_tokens};
use crate::operations::{BodyShape, Codec, Expansion, Op, Param};
use crate::runtime::client::{
    BOUNDS, ENCODE_BASE64, KEY_LOCATION, LENGTH, METHOD, MODULE, OBJECT_PAIRS,
    RAW_RESPONSE, REQUEST_SPEC, SCHEME, SEND, SENDING, SEND_ERROR, TO_JSON_TEXT,
};
use crate::runtime::{Item, BYTE_STREAM};

/// A runtime item of the client module as the `builder` module names it, `rt::Name` (the
/// module imports `::apigen_runtime::client as rt`; its own items are PascalCase types and
/// `SECURITY`, so the alias cannot clash).
pub(super) fn rt(item: Item) -> TokenStream {
    let name = item.ident();
    quote!(rt::#name)
}

/// How a value enters the builder: its argument type and the conversion to the field type.
/// The crate root and the `builder` module do not shadow the prelude's `Into`, `String`,
/// `Option`, `Some`, `None`, `Ok` and `Err`, which generated code there names unqualified: the
/// root's names are fixed and operation types never take those names
/// (`names::reserved::OPERATION_TYPES`).
fn arg(p: &Param, plan: &Plan<'_>) -> (TokenStream, TokenStream) {
    let ty = plan.render.ty(&p.ir.ty);
    if is_string(&p.ir.ty, plan) {
        (quote!(impl Into<String>), quote!(.into()))
    } else {
        (ty, TokenStream::new())
    }
}

/// The `impl Client` block with one method per operation (at the crate root: prelude names).
pub fn client_methods(plan: &Plan<'_>) -> TokenStream {
    let common = common_auth(&plan.ops);
    let methods = plan.ops.iter().map(|op| client_method(plan, &common, op));
    quote! {
        impl Client {
            #(#methods)*
        }
    }
}

/// The method of `Client` that starts an operation's request builder (`common`: the security
/// alternatives most operations share, see [`common_auth`]).
pub fn client_method(plan: &Plan<'_>, common: &str, op: &Op<'_>) -> TokenStream {
    let fn_name = naming::ident(&op.fn_name);
    let ty = format_ident!("{}", op.type_name);
    let docs = op_docs(op, common);
    let deprecated = op.op.deprecated.then(|| quote!(#[deprecated]));
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &op.params {
        let ident = naming::ident(&p.ident);
        if p.ir.required {
            let (arg_ty, conv) = arg(p, plan);
            args.push(quote!(#ident: #arg_ty));
            inits.push(if conv.is_empty() {
                quote!(#ident)
            } else {
                quote!(#ident: #ident #conv)
            });
        } else {
            inits.push(quote!(#ident: None));
        }
    }
    if let Some(body) = &op.body {
        if !body.required {
            inits.push(quote!(body: None));
        } else if body.is_binary() {
            args.push(quote!(body: impl Into<#BYTE_STREAM>));
            inits.push(quote!(body: body.into()));
        } else {
            let ty = plan.render.ty(&body.ty);
            args.push(quote!(body: #ty));
            inits.push(quote!(body));
        }
    }
    if media::body_types(op).is_some() {
        inits.push(quote!(body_as: None));
    }
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #many
        pub fn #fn_name(&self, #(#args),*) -> builder::#ty<'_> {
            builder::#ty { client: self, #(#inits),* }
        }
    }
}

/// The `builder` module: one request builder per operation.
pub fn builder_module(plan: &Plan<'_>) -> TokenStream {
    let (head, items, indices) = builder_parts(plan);
    let builders = plan
        .ops
        .iter()
        .zip(indices)
        .map(|(op, index)| request_builder(plan, op, index));
    quote! {
        #head {
            #items
            #(#builders)*
        }
    }
}

/// The `builder` module in pieces: its head (docs and `pub mod builder`), its own items (the
/// runtime import and the `SECURITY` table: each distinct set of security requirements once)
/// and, per operation, the index of its set in the table (for [`request_builder`]).
pub fn builder_parts(plan: &Plan<'_>) -> (TokenStream, TokenStream, Vec<usize>) {
    let mut sets: Vec<(String, TokenStream)> = Vec::new();
    let indices = plan
        .ops
        .iter()
        .map(|op| {
            let tokens = security_tokens(op, &rt(SCHEME), &rt(KEY_LOCATION));
            let key = tokens.to_string();
            match sets.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    sets.push((key, tokens));
                    sets.len() - 1
                }
            }
        })
        .collect();
    let sets = sets.iter().map(|(_, t)| t);
    let scheme = SCHEME.ident();
    let import = (!plan.ops.is_empty()).then(|| {
        let models = super::models_imports(plan, quote!(use crate::models;));
        quote! {
            use #MODULE as rt;
            #models
        }
    });
    let table = (!plan.ops.is_empty()).then(|| {
        quote! {
            /// The security requirements of the operations (alternatives of schemes), each
            /// distinct set once.
            const SECURITY: &[&[&[rt::#scheme]]] = &[#(#sets),*];
        }
    });
    let head = quote! {
        /// Request builders: set optional parameters, then `send().await`.
        pub mod builder
    };
    (head, quote!(#import #table), indices)
}

/// The request builder of an operation (`security`: the index of its set in `SECURITY`).
pub fn request_builder(plan: &Plan<'_>, op: &Op<'_>, security: usize) -> TokenStream {
    let ty = format_ident!("{}", op.type_name);
    let fn_name = &op.fn_name;
    let struct_doc =
        format!(" Request builder of [`Client::{fn_name}`](crate::Client::{fn_name}).");
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let ident = naming::ident(&p.ident);
        let field_ty = plan.render.ty(&p.ir.ty);
        if p.ir.required {
            fields.push(quote!(#ident: #field_ty,));
        } else {
            fields.push(quote!(#ident: Option<#field_ty>,));
            let (arg_ty, conv) = arg(p, plan);
            let docs = setter_docs(p);
            let deprecated = p.ir.deprecated.then(|| quote!(#[deprecated]));
            setters.push(quote! {
                #docs
                #deprecated
                pub fn #ident(mut self, value: #arg_ty) -> Self {
                    self.#ident = Some(value #conv);
                    self
                }
            });
        }
    }
    if let Some(body) = &op.body {
        let body_ty = crate::op_tokens::request_body_type(body, &plan.render);
        if body.required {
            fields.push(quote!(body: #body_ty,));
        } else {
            fields.push(quote!(body: Option<#body_ty>,));
            let (arg_ty, value) = if body.is_binary() {
                (
                    quote!(impl ::std::convert::Into<#BYTE_STREAM>),
                    quote!(value.into()),
                )
            } else {
                (body_ty.clone(), quote!(value))
            };
            setters.push(quote! {
                /// Sets the request body.
                pub fn body(mut self, value: #arg_ty) -> Self {
                    self.body = Some(#value);
                    self
                }
            });
        }
    }
    fields.extend(media::body_as_field(op));
    setters.extend(media::body_as_setter(op));
    let send = send_fn(plan, op, security);
    let send_as = media::send_as(op);
    let fields = fields.iter().map(|f| quote!(pub(crate) #f));
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is awaited"]
        pub struct #ty<'a> {
            pub(crate) client: &'a crate::Client,
            #(#fields)*
        }

        impl<'a> #ty<'a> {
            #(#setters)*

            #send
            #send_as
        }
    }
}

/// An expression of type `String` for `value` (a `&T`); may use `?` (JSON text).
fn text(codec: &Codec, value: &TokenStream) -> TokenStream {
    match codec {
        Codec::Text | Codec::Display => quote!((#value).to_string()),
        Codec::DateTime => quote!((#value).to_rfc3339()),
        Codec::Base64 => quote!(#ENCODE_BASE64(#value)),
        Codec::Json | Codec::DeepObject | Codec::Object { .. } => quote!(#TO_JSON_TEXT(#value)?),
        Codec::List {
            item, delimiter, ..
        } => {
            let each = text(item, &quote!(item));
            quote!({
                let mut items = ::std::vec::Vec::new();
                for item in (#value).iter() {
                    items.push(#each);
                }
                items.join(#delimiter)
            })
        }
    }
}

/// Statements that write a `label` / `matrix` path parameter (bound to `value: &T`): the
/// prefix and separators as they are, each item, key and value percent-encoded.
fn expanded_path_param(p: &Param, e: &Expansion) -> TokenStream {
    let prefix = &e.prefix;
    let separator = &e.separator;
    let name = &p.ir.name;
    let body = match &p.codec {
        Codec::List { item, .. } => {
            let each = text_ref(item, &quote!(item));
            quote! {
                for (i, item) in value.iter().enumerate() {
                    if i > 0 { request.path_literal(#separator); }
                    request.path_param(#each, false);
                }
            }
        }
        Codec::Object { explode } => {
            let between = if *explode { "=" } else { "," };
            quote! {
                for (i, (key, text)) in #OBJECT_PAIRS(#name, value)?.iter().enumerate() {
                    if i > 0 { request.path_literal(#separator); }
                    request.path_param(key, false);
                    request.path_literal(#between);
                    request.path_param(text, false);
                }
            }
        }
        codec => {
            let t = text_ref(codec, &quote!(value));
            quote!(request.path_param(#t, false);)
        }
    };
    quote! {
        request.path_literal(#prefix);
        #body
    }
}

/// An expression of type `&str` for `value` (a `&T`): the value itself for strings.
fn text_ref(codec: &Codec, value: &TokenStream) -> TokenStream {
    match codec {
        Codec::Text => value.clone(),
        codec => {
            let t = text(codec, value);
            quote!(&#t)
        }
    }
}

/// Statements that put parameter `p` (bound to `value: &T`) into `request`.
fn put(p: &Param) -> TokenStream {
    let name = &p.ir.name;
    if p.ir.allow_reserved
        && p.ir.location == ParameterLocation::Query
        && p.codec != Codec::DeepObject
    {
        return match &p.codec {
            Codec::List {
                item,
                explode: true,
                ..
            } => {
                let each = text(item, &quote!(item));
                quote!(for item in value.iter() { request.query_reserved(#name, #each); })
            }
            codec => {
                let t = text(codec, &quote!(value));
                quote!(request.query_reserved(#name, #t);)
            }
        };
    }
    match (p.ir.location, &p.codec) {
        (
            ParameterLocation::Query,
            Codec::List {
                item,
                explode: true,
                ..
            },
        ) => {
            let each = text(item, &quote!(item));
            quote!(for item in value.iter() { request.query(#name, #each); })
        }
        (ParameterLocation::Query, Codec::DeepObject) => quote! {
            for (key, text) in ::apigen_runtime::client::deep_object(#name, value)? {
                request.query(&key, text);
            }
        },
        (ParameterLocation::Query, codec) => {
            let t = text(codec, &quote!(value));
            quote!(request.query(#name, #t);)
        }
        (ParameterLocation::Header, Codec::Text) => quote!(request.header(#name, value);),
        (ParameterLocation::Header, codec) => {
            let t = text(codec, &quote!(value));
            quote!(request.header(#name, &#t);)
        }
        (ParameterLocation::Cookie, codec) => {
            let t = text(codec, &quote!(value));
            quote!(request.cookie(#name, #t);)
        }
        // Path parameters are placed by the path template.
        (ParameterLocation::Path, _) => TokenStream::new(),
    }
}

fn send_fn(plan: &Plan<'_>, op: &Op<'_>, security: usize) -> TokenStream {
    let success = success_type(plan, op);
    let error = error_type_or_default(plan, op).map(|e| quote!(, #e));
    // Whether `send_as` builds the same request (then both call `request()`).
    let shared = media::response_types(op).is_some();
    // Client-side checks of the spec's constraints: a broken one refuses the request (the
    // runtime keeps the first reason and sends nothing).
    let mut checks = Vec::new();
    for p in &op.params {
        let field = naming::ident(&p.ident);
        let ident = quote!(self.#field);
        let name = &p.ir.name;
        checks.push(param_check(p, &ident, !p.ir.required, &rt(BOUNDS), &rt(LENGTH), |c| {
            quote!(let checked = #c; request.check_param(#name, checked);)
        }));
    }
    // The body's own check, made where the typed body is encoded.
    let body_check = |value: &TokenStream| {
        op.body
            .as_ref()
            .filter(|b| validates(plan, &b.ty))
            .map(|_| quote!(request.check_body(models::Validate::validate(#value));))
    };
    // Path.
    let mut path = Vec::new();
    for seg in &op.op.http.path.segments {
        match seg {
            PathSegment::Literal(text) => path.push(quote!(request.path_literal(#text);)),
            PathSegment::Variable {
                name,
                multi_segment,
            } => {
                if let Some(p) = op.path_param(name) {
                    let field = naming::ident(&p.ident);
                    let ident = quote!(self.#field);
                    path.push(if let Some(e) = &p.expansion {
                        let put = expanded_path_param(p, e);
                        quote!({ let value = &#ident; #put })
                    } else if p.codec == Codec::Text {
                        quote!(request.path_param(&#ident, #multi_segment);)
                    } else {
                        let t = text(&p.codec, &quote!(value));
                        quote!({ let value = &#ident; request.path_param(&#t, #multi_segment); })
                    });
                }
            }
        }
    }
    // Query, headers, cookies.
    let mut puts = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.ir.location != ParameterLocation::Path)
    {
        let field = naming::ident(&p.ident);
        let ident = quote!(self.#field);
        let stmt = put(p);
        if p.ir.required {
            puts.push(quote!({ let value = &#ident; #stmt }));
            continue;
        }
        let fallback = (p.ir.location == ParameterLocation::Header)
            .then(|| default_for(plan, &p.ir.name, &p.ir.ty))
            .flatten();
        match fallback {
            Some(d) => {
                let default = naming::ident(&d.ident);
                puts.push(quote! {
                    if let Some(value) = #ident.as_ref().or(self.client.defaults.#default.as_ref()) { #stmt }
                });
            }
            None if p.ir.location == ParameterLocation::Query
                && !p.ir.allow_reserved
                && matches!(p.codec, Codec::Text | Codec::Display) =>
            {
                let name = &p.ir.name;
                puts.push(quote!(request.query_opt(#name, &#ident);));
            }
            None => {
                puts.push(quote!(if let Some(value) = &#ident { #stmt }))
            }
        }
    }
    let body_stmt = op.body.as_ref().map(|b| {
        let value = if b.required {
            quote!(&self.body)
        } else {
            quote!(body)
        };
        let check = body_check(&value);
        let set = match b.encoding {
            BodyEncoding::Json => quote!(request.json_body(#value);),
            BodyEncoding::FormUrlEncoded => quote!(request.form_body(#value);),
            BodyEncoding::Text => {
                let media = &b.media_type;
                quote!(request.text_body(#value, #media);)
            }
            BodyEncoding::Bytes => {
                let media = crate::operations::concrete_media_type(&b.media_type);
                quote!(request.binary_body(#value, #media);)
            }
            BodyEncoding::Multipart => {
                let types = crate::op_tokens::part_types(&b.parts);
                quote!(request.multipart_body(#value, #types);)
            }
        };
        let typed = if b.required {
            quote!(#check #set)
        } else {
            quote!(if let Some(body) = &self.body { #check #set })
        };
        media::body_statement(op, typed)
    });
    let accept = accept(op);
    let method = format_ident!("{}", op.op.http.method.as_str());
    let arms = status_arms(plan, op);
    // An operation answering with raw bytes reads them as a stream.
    let streamed = op.responses.iter().any(|o| matches!(o.body, BodyShape::Binary(_)));
    let security = Literal::usize_unsuffixed(security);
    let (sending, send, send_error) = (rt(SENDING), rt(SEND), rt(SEND_ERROR));
    let (request_spec, method_ty) = (rt(REQUEST_SPEC), rt(METHOD));
    let doc = format!(
        " Sends the request and decodes the response (errors: see [`Client::{0}`](crate::Client::{0})).",
        op.fn_name
    );
    let stream = streamed.then(|| quote!(request.stream_response();));
    let build = quote! {
        let mut request = #request_spec::new(#method_ty::#method, SECURITY[#security]);
        #(#checks)*
        #(#path)*
        #(#puts)*
        #accept
        #stream
        #body_stmt
    };
    // `send` is a plain function returning the runtime's `Sending` future: no state machine per
    // operation. It is `#[inline]` (and the decoder, a closure, lives in it), so both are
    // compiled where `send` is used, not into the client crate. Checks and encodings refuse
    // the request inside the `RequestSpec`; the rare step that returns early (a `?`: JSON text
    // or object pairs of a parameter) builds in `request()`, which `send_as` shares too.
    let fallible = shared || has_question_mark(&build);
    let (build_in_send, request, request_fn) = if fallible {
        let request_fn = quote! {
            #[inline]
            fn request(&self) -> Result<#request_spec, #send_error> {
                #build
                Ok(request)
            }
        };
        (None, quote!(self.request()), Some(request_fn))
    } else {
        (Some(build), quote!(request), None)
    };
    let raw_response = rt(RAW_RESPONSE);
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn send(self) -> #sending<'a, #success #error> {
            #build_in_send
            let decode = |response: #raw_response| match response.code() {
                #(#arms)*
            };
            #send(&self.client.core, #request, decode)
        }

        #request_fn
    }
}

/// Whether `tokens` hold a `?` (an early return), in any group.
fn has_question_mark(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Punct(p) => p.as_char() == '?',
        proc_macro2::TokenTree::Group(g) => has_question_mark(&g.stream()),
        _ => false,
    })
}

/// Whether the body's Rust type implements the models crate's `Validate`.
fn validates(plan: &Plan<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => !matches!(
            plan.api.type_def(n).map(|d| &d.kind),
            Some(apigen_ir::TypeKind::Alias(_)) | None
        ),
        TypeRef::Array(item) => validates(plan, item),
        _ => false,
    }
}
