//! One method per operation on `Client`, and the request builders (`builder::<Op>`) whose
//! `send` validates, encodes, sends and decodes.

use apigen_ir::{BodyEncoding, ParameterLocation, PathSegment, ResponseStatus, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::builder::{default_for, is_string};
use super::docs::{op_docs, setter_docs};
use super::responses::{decode_arm, error_type, success_type};
use super::Plan;
use crate::naming;
use crate::op_tokens::{param_checks, security_tokens};
use crate::operations::{BodyShape, Codec, Expansion, Op, Param};
use crate::runtime::client::{
    ENCODE_BASE64, ERROR, METHOD, OBJECT_PAIRS, REQUEST_SPEC, RESPONSE_VALUE, TO_JSON_TEXT,
};
use crate::runtime::BYTE_STREAM;

/// How a value enters the builder: its argument type and the conversion to the field type.
fn arg(p: &Param, plan: &Plan<'_>) -> (TokenStream, TokenStream) {
    let ty = plan.render.ty(&p.ir.ty);
    if is_string(&p.ir.ty, plan) {
        (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(.into()),
        )
    } else {
        (ty, TokenStream::new())
    }
}

/// The `impl Client` block with one method per operation.
pub fn client_methods(plan: &Plan<'_>) -> TokenStream {
    let methods = plan.ops.iter().map(|op| {
        let fn_name = naming::ident(&op.fn_name);
        let ty = format_ident!("{}", op.type_name);
        let docs = op_docs(op);
        let deprecated = op.op.deprecated.then(|| quote!(#[deprecated]));
        let required: Vec<&Param> = op.params.iter().filter(|p| p.ir.required).collect();
        let mut args = Vec::new();
        let mut values = Vec::new();
        for p in &required {
            let ident = naming::ident(&p.ident);
            let (arg_ty, conv) = arg(p, plan);
            args.push(quote!(#ident: #arg_ty));
            values.push(quote!(#ident #conv));
        }
        if let Some(body) = op.body.as_ref().filter(|b| b.required) {
            if body.is_binary() {
                args.push(quote!(body: impl ::std::convert::Into<#BYTE_STREAM>));
                values.push(quote!(body.into()));
            } else {
                let ty = plan.render.ty(&body.ty);
                args.push(quote!(body: #ty));
                values.push(quote!(body));
            }
        }
        let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #docs
            #deprecated
            #many
            pub fn #fn_name(&self, #(#args),*) -> builder::#ty<'_> {
                builder::#ty::new(self, #(#values),*)
            }
        }
    });
    quote! {
        impl Client {
            #(#methods)*
        }
    }
}

/// The `builder` module: one request builder per operation.
pub fn builder_module(plan: &Plan<'_>) -> TokenStream {
    let builders = plan.ops.iter().map(|op| request_builder(plan, op));
    quote! {
        /// Request builders: set optional parameters, then `send().await`.
        pub mod builder {
            #(#builders)*
        }
    }
}

fn request_builder(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let ty = format_ident!("{}", op.type_name);
    let fn_name = &op.fn_name;
    let struct_doc =
        format!(" Request builder of [`Client::{fn_name}`](crate::Client::{fn_name}).");
    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let ident = naming::ident(&p.ident);
        let field_ty = plan.render.ty(&p.ir.ty);
        if p.ir.required {
            fields.push(quote!(#ident: #field_ty,));
            new_args.push(quote!(#ident: #field_ty));
            new_inits.push(quote!(#ident,));
        } else {
            fields.push(quote!(#ident: ::std::option::Option<#field_ty>,));
            new_inits.push(quote!(#ident: ::std::option::Option::None,));
            let (arg_ty, conv) = arg(p, plan);
            let docs = setter_docs(p);
            let deprecated = p.ir.deprecated.then(|| quote!(#[deprecated]));
            setters.push(quote! {
                #docs
                #deprecated
                pub fn #ident(mut self, value: #arg_ty) -> Self {
                    self.#ident = ::std::option::Option::Some(value #conv);
                    self
                }
            });
        }
    }
    if let Some(body) = &op.body {
        let body_ty = crate::op_tokens::request_body_type(body, &plan.render);
        if body.required {
            fields.push(quote!(body: #body_ty,));
            new_args.push(quote!(body: #body_ty));
            new_inits.push(quote!(body,));
        } else {
            fields.push(quote!(body: ::std::option::Option<#body_ty>,));
            new_inits.push(quote!(body: ::std::option::Option::None,));
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
                    self.body = ::std::option::Option::Some(#value);
                    self
                }
            });
        }
    }
    let many = (new_args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let send = send_fn(plan, op);
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is awaited"]
        pub struct #ty<'a> {
            client: &'a crate::Client,
            #(#fields)*
        }

        impl<'a> #ty<'a> {
            #many
            pub(crate) fn new(client: &'a crate::Client, #(#new_args),*) -> Self {
                #ty { client, #(#new_inits)* }
            }

            #(#setters)*

            #send
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
        (ParameterLocation::Header, Codec::Text) => quote!(request.header(#name, value)?;),
        (ParameterLocation::Header, codec) => {
            let t = text(codec, &quote!(value));
            quote!(request.header(#name, &#t)?;)
        }
        (ParameterLocation::Cookie, codec) => {
            let t = text(codec, &quote!(value));
            quote!(request.cookie(#name, #t);)
        }
        // Path parameters are placed by the path template.
        (ParameterLocation::Path, _) => TokenStream::new(),
    }
}

fn send_fn(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let success = success_type(plan, op);
    let error = error_type(plan, op);
    let mut names: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let i = naming::ident(&p.ident);
            quote!(#i)
        })
        .collect();
    if op.body.is_some() {
        names.push(quote!(body));
    }
    // Client-side checks of the spec's constraints.
    let mut checks = Vec::new();
    for p in &op.params {
        let ident = naming::ident(&p.ident);
        let message = format!(
            "`{}` {{m}}",
            p.ir.name.replace('{', "{{").replace('}', "}}")
        );
        let err = quote!(invalid);
        let check = match &p.codec {
            Codec::List { .. } => {
                let inner = list_item_check(p, &err);
                if inner.is_empty() {
                    continue;
                }
                quote!(for value in value.iter() { #inner })
            }
            _ => {
                let c = param_checks(p, &quote!(value), &err);
                if c.is_empty() {
                    continue;
                }
                c
            }
        };
        let check = quote! {
            let invalid = |m: ::std::string::String| #ERROR::InvalidRequest(format!(#message));
            #check
        };
        checks.push(if p.ir.required {
            quote!({ let value = &#ident; #check })
        } else {
            quote!(if let ::std::option::Option::Some(value) = &#ident { #check })
        });
    }
    if let Some(body) = &op.body {
        if validates(plan, &body.ty) {
            let v = quote! {
                #ERROR::InvalidRequest(format!("request body: {e}"))
            };
            checks.push(if body.required {
                quote!(crate::models::Validate::validate(&body).map_err(|e| #v)?;)
            } else {
                quote!(if let ::std::option::Option::Some(body) = &body { crate::models::Validate::validate(body).map_err(|e| #v)?; })
            });
        }
    }
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
                    let ident = naming::ident(&p.ident);
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
        let ident = naming::ident(&p.ident);
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
                let field = naming::ident(&d.ident);
                puts.push(quote! {
                    if let ::std::option::Option::Some(value) = #ident.as_ref().or(client.defaults.#field.as_ref()) { #stmt }
                });
            }
            None => {
                puts.push(quote!(if let ::std::option::Option::Some(value) = &#ident { #stmt }))
            }
        }
    }
    let body_stmt = op.body.as_ref().map(|b| {
        let value = if b.required {
            quote!(&body)
        } else {
            quote!(body)
        };
        let set = match b.encoding {
            BodyEncoding::Json => quote!(request.json_body(#value)?;),
            BodyEncoding::FormUrlEncoded => quote!(request.form_body(#value)?;),
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
                quote!(request.multipart_body(#value, #types)?;)
            }
        };
        if b.required {
            set
        } else {
            quote!(if let ::std::option::Option::Some(body) = &body { #set })
        }
    });
    let accept = accept(op);
    let method = format_ident!("{}", op.op.http.method.as_str());
    let security = security_tokens(
        op,
        &crate::runtime::client::SCHEME,
        &crate::runtime::client::KEY_LOCATION,
    );
    let arms = status_arms(plan, op);
    // An operation answering with raw bytes reads them as a stream.
    let execute = if op.responses.iter().any(|o| matches!(o.body, BodyShape::Binary(_))) {
        format_ident!("execute_streamed")
    } else {
        format_ident!("execute")
    };
    let doc = format!(
        " Sends the request and decodes the response.\n\n # Errors\n See [`Client::{0}`](crate::Client::{0}).",
        op.fn_name
    );
    let doc = doc.lines().map(str::to_string);
    quote! {
        #(#[doc = #doc])*
        pub async fn send(self) -> ::std::result::Result<
            #RESPONSE_VALUE<#success>,
            #ERROR<#error>,
        > {
            let Self { client, #(#names),* } = self;
            #(#checks)*
            let mut request = #REQUEST_SPEC::new(
                #METHOD::#method,
                #security,
            );
            #(#path)*
            #(#puts)*
            #accept
            #body_stmt
            let response = client.core.#execute(request).await?;
            match response.status().as_u16() {
                #(#arms)*
            }
        }
    }
}

/// Constraint checks on each item of a list parameter (`value: &Item`).
fn list_item_check(p: &Param, err: &TokenStream) -> TokenStream {
    let TypeRef::Array(item) = &p.resolved else {
        return TokenStream::new();
    };
    match item.as_ref() {
        TypeRef::Primitive(prim) if crate::constraints::checkable(prim.kind, &prim.constraints) => {
            crate::constraints::check(prim.kind, &prim.constraints, &quote!((*value)), err)
        }
        _ => TokenStream::new(),
    }
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

/// `request.accept(…)` with the media type of the documented bodies (JSON when any is JSON).
fn accept(op: &Op<'_>) -> TokenStream {
    let media: Option<&str> = op
        .op
        .responses
        .iter()
        .filter_map(|r| r.body.as_ref())
        .find(|b| b.encoding == BodyEncoding::Json)
        .map(|_| "application/json")
        .or_else(|| {
            op.op
                .responses
                .iter()
                .filter_map(|r| r.body.as_ref())
                .map(|b| b.media_type.as_str())
                .next()
        });
    match media {
        Some(m) => quote!(request.accept(#m);),
        None => TokenStream::new(),
    }
}

/// The `match` arms on the status code: documented statuses in IR order (codes, ranges,
/// `default`), then undocumented ones.
fn status_arms(plan: &Plan<'_>, op: &Op<'_>) -> Vec<TokenStream> {
    let mut arms = Vec::new();
    if op.successes().next().is_none() {
        arms.push(quote!(200..=299 => ::std::result::Result::Ok(response.empty(())),));
    }
    let mut has_default = false;
    // Consecutive codes decoded alike share an arm (`400 | 401 => …`).
    let mut pending: Vec<(TokenStream, String, TokenStream)> = Vec::new();
    for o in &op.responses {
        let pattern = match o.response.status {
            ResponseStatus::Code(c) => {
                let lit = Literal::u16_unsuffixed(c);
                quote!(#lit)
            }
            ResponseStatus::Range(r) => {
                let lo = Literal::u16_unsuffixed(u16::from(r) * 100);
                let hi = Literal::u16_unsuffixed(u16::from(r) * 100 + 99);
                quote!(#lo..=#hi)
            }
            ResponseStatus::Default => {
                has_default = true;
                quote!(_)
            }
        };
        let decode = decode_arm(plan, op, o);
        let key = decode.to_string();
        match pending.last_mut() {
            Some((patterns, k, _))
                if *k == key && matches!(o.response.status, ResponseStatus::Code(_)) =>
            {
                *patterns = quote!(#patterns | #pattern);
            }
            _ => pending.push((pattern, key, decode)),
        }
    }
    for (pattern, _, decode) in pending {
        arms.push(quote!(#pattern => #decode,));
    }
    if !has_default {
        if op.errors().next().is_none() {
            arms.push(quote!(status if !(200..300).contains(&status) => ::std::result::Result::Err(response.undocumented_error()),));
        }
        arms.push(quote!(_ => ::std::result::Result::Err(response.unexpected()),));
    }
    arms
}
