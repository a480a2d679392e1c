//! `router()`: which operations can be routed, the axum routes, and one handler per operation
//! that checks credentials, parses parameters and body, calls the trait and converts the
//! response.

use apigen_ir::{ParameterLocation, PathSegment};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::parse::{body_code, param_code};
use super::requests::request_ident;
use super::trait_::credentials_type;
use super::{Plan, RejectionBody};
use crate::naming;
use crate::op_tokens::security_tokens;
use crate::operations::Op;
use crate::runtime::server::local::{
    ANSWER, ARC, AUTHENTICATE, METHOD_FILTER, ON, REQUEST, RESPONSE, STATE, ERROR_STATUS, PATH_PARAMS, QUERY_PARAMS, REJECTION, REJECTION_RESPONSE,
    REQUIRE_CREDENTIALS, KEY_LOCATION, SCHEME,
};

/// The axum path of an operation (`/tokens/{v0}`) and, per path variable in order, its capture
/// name; or why axum cannot route it.
pub fn axum_path(op: &Op<'_>) -> Result<(String, Vec<String>), String> {
    let segs = &op.op.http.path.segments;
    let mut path = String::new();
    let mut captures = Vec::new();
    for (i, seg) in segs.iter().enumerate() {
        match seg {
            PathSegment::Literal(text) => {
                path.push_str(&text.replace('{', "{{").replace('}', "}}"));
            }
            PathSegment::Variable {
                name,
                multi_segment,
            } => {
                let next_ok = match segs.get(i + 1) {
                    None => true,
                    Some(PathSegment::Literal(t)) => t.starts_with('/') && !multi_segment,
                    Some(PathSegment::Variable { .. }) => false,
                };
                if !path.ends_with('/') || !next_ok {
                    return Err(format!(
                        "path variable `{name}` is not a whole path segment (or a `**` variable is not last), which axum cannot route"
                    ));
                }
                let capture = format!("v{}", captures.len());
                if *multi_segment {
                    path.push_str(&format!("{{*{capture}}}"));
                } else {
                    path.push_str(&format!("{{{capture}}}"));
                }
                captures.push(capture);
            }
        }
    }
    if !path.starts_with('/') {
        return Err("the path does not start with `/`".into());
    }
    if path
        .split('/')
        .any(|s| s.starts_with(':') || (s.starts_with('*') && !s.starts_with("{*")))
    {
        return Err("a path segment starts with `:` or `*`, which axum rejects".into());
    }
    Ok((path, captures))
}

/// Splits operations into those axum can route and those it cannot (with the reason): paths
/// it cannot express, a method and path an earlier operation already uses, and paths its
/// router rejects as conflicting. Checked here because axum panics on them at startup.
pub fn routable<'a>(ops: Vec<Op<'a>>) -> (Vec<Op<'a>>, Vec<(Op<'a>, String)>) {
    let mut matcher = matchit::Router::new();
    let mut paths: Vec<String> = Vec::new();
    let mut used: Vec<(String, apigen_ir::HttpMethod, String)> = Vec::new();
    let mut ok = Vec::new();
    let mut skipped = Vec::new();
    for op in ops {
        let (path, _) = match axum_path(&op) {
            Ok(p) => p,
            Err(why) => {
                skipped.push((op, why));
                continue;
            }
        };
        let method = op.op.http.method;
        if let Some((_, _, other)) = used.iter().find(|(p, m, _)| *p == path && *m == method) {
            let why = format!(
                "`{} {}` is already served by `{other}`",
                method.as_str(),
                op.op.http.path.raw
            );
            skipped.push((op, why));
            continue;
        }
        if !paths.contains(&path) {
            if let Err(e) = matcher.insert(path.clone(), ()) {
                skipped.push((op, format!("its path conflicts with another route: {e}")));
                continue;
            }
            paths.push(path.clone());
        }
        used.push((path, method, op.op.id.clone()));
        ok.push(op);
    }
    (ok, skipped)
}

/// The handler of one operation: checks credentials, parses the input, calls the trait.
pub fn handler(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let trait_name = &plan.trait_name;
    let fn_name = naming::ident(&op.fn_name);
    let handle = format_ident!("handle_{}", op.fn_name.trim_start_matches("r#"));
    let request = request_ident(op);
    let captures = axum_path(op).map(|(_, c)| c).unwrap_or_default();
    let has_path = !captures.is_empty();
    let has_query = op
        .params
        .iter()
        .any(|p| p.ir.location == ParameterLocation::Query);
    let has_body = op.body.is_some();
    let security = security_const(plan, op);
    let credentials = credentials_type(op);
    let auth = match &credentials {
        None => TokenStream::new(),
        Some(_) if op.allows_anonymous() => {
            quote!(let credentials = #AUTHENTICATE(&parts, #security)?;)
        }
        Some(_) => {
            quote!(let credentials = #REQUIRE_CREDENTIALS(&parts, #security)?;)
        }
    };
    let uses_parts = credentials.is_some()
        || has_path
        || has_query
        || has_body
        || op.params.iter().any(|p| {
            matches!(
                p.ir.location,
                ParameterLocation::Header | ParameterLocation::Cookie
            )
        });
    let parts_bind = match (uses_parts, has_path) {
        (false, _) => quote!(_parts),
        (true, false) => quote!(parts),
        (true, true) => quote!(mut parts),
    };
    let body_bind = if has_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    let path = has_path.then(|| quote!(let path = #PATH_PARAMS::from_parts(&mut parts).await?;));
    let query = has_query.then(|| quote!(let query = #QUERY_PARAMS::parse(&parts)?;));
    let params = op.params.iter().map(|p| param_code(plan, op, p, &captures));
    let body = body_code(plan, op);
    let fields = op.params.iter().map(|p| naming::ident(&p.ident));
    let body_field = has_body.then(|| quote!(body,));
    let call = match &credentials {
        Some(_) => quote!(api.#fn_name(credentials, request).await),
        None => quote!(api.#fn_name(request).await),
    };
    let reject = match plan.rejection {
        RejectionBody::Declared(_) => quote!(|rejection| reject(&*api, rejection)),
        RejectionBody::Default => quote!(reject),
    };
    let allow = op.op.deprecated.then(|| quote!(#[allow(deprecated)]));
    let doc = format!(
        " Serves `{}`: checks credentials, parses the input and calls [`{}::{}`].",
        op.op.id,
        trait_name,
        op.fn_name.trim_start_matches("r#"),
    );
    quote! {
        #[doc = #doc]
        #allow
        async fn #handle<T: #trait_name>(
            #STATE(api): #STATE<#ARC<T>>,
            request: #REQUEST,
        ) -> #RESPONSE {
            let (#parts_bind, #body_bind) = request.into_parts();
            let answer = async {
                #auth
                #path
                #query
                #(#params)*
                #body
                let request = #request { #(#fields,)* #body_field };
                Ok(#call)
            };
            #ANSWER(answer, #reject).await
        }
    }
}

/// The security alternatives of the operations with credentials, each distinct list once, in
/// order of first use: `SECURITY_0`, `SECURITY_1`, …
pub fn security_lists(ops: &[Op<'_>]) -> Vec<(String, TokenStream)> {
    let mut lists: Vec<(String, TokenStream)> = Vec::new();
    for op in ops.iter().filter(|op| credentials_type(op).is_some()) {
        let tokens = security_tokens(
            op,
            &SCHEME,
            &KEY_LOCATION,
        );
        let list = tokens.to_string();
        if !lists.iter().any(|(l, _)| *l == list) {
            lists.push((list, tokens));
        }
    }
    lists
}

/// The name of the constant holding `op`'s security alternatives (see [`security_lists`]).
fn security_const(plan: &Plan<'_>, op: &Op<'_>) -> TokenStream {
    let list = security_tokens(
        op,
        &SCHEME,
        &KEY_LOCATION,
    )
    .to_string();
    let at = plan
        .security
        .iter()
        .position(|(l, _)| *l == list)
        .unwrap_or_default();
    let name = format_ident!("SECURITY_{at}");
    quote!(#name)
}

/// The `SECURITY_n` constants, which the operations' credential checks share.
pub fn security_items(plan: &Plan<'_>) -> TokenStream {
    let scheme = SCHEME;
    let items = plan.security.iter().enumerate().map(|(i, (_, value))| {
        let name = format_ident!("SECURITY_{i}");
        quote! {
            /// Security alternatives of operations: the schemes of any one must all be present.
            const #name: &[&[#scheme]] = #value;
        }
    });
    quote!(#(#items)*)
}

fn method_filter(m: apigen_ir::HttpMethod) -> TokenStream {
    let m = format_ident!("{}", m.as_str());
    quote!(#METHOD_FILTER::#m)
}

/// `router`, the fallbacks and the security checks (the handlers are [`handler`]'s).
pub fn router_fn(plan: &Plan<'_>) -> TokenStream {
    let trait_name = &plan.trait_name;
    // Group by axum path, in order of first appearance.
    let mut groups: Vec<(String, Vec<&Op<'_>>)> = Vec::new();
    for op in &plan.ops {
        let Ok((path, _)) = axum_path(op) else {
            continue;
        };
        match groups.iter_mut().find(|(p, _)| *p == path) {
            Some((_, ops)) => ops.push(op),
            None => groups.push((path, vec![op])),
        }
    }
    let routes = groups.iter().map(|(path, ops)| {
        let mut chain = TokenStream::new();
        for (i, op) in ops.iter().enumerate() {
            let filter = method_filter(op.op.http.method);
            let handle = format_ident!("handle_{}", op.fn_name.trim_start_matches("r#"));
            chain = if i == 0 {
                quote!(#ON(#filter, #handle::<T>))
            } else {
                quote!(#chain.on(#filter, #handle::<T>))
            };
        }
        quote!(.route(#path, #chain))
    });
    let route_docs: Vec<String> = plan
        .ops
        .iter()
        .map(|op| {
            let method = naming::ident(&op.fn_name).to_string();
            // rustdoc cannot link raw identifiers (`r#type`).
            let target = match method.strip_prefix("r#") {
                Some(raw) => format!("`{trait_name}::{raw}`"),
                None => format!("[`{trait_name}::{method}`]"),
            };
            format!(
                " - `{} {}` → {target}",
                op.op.http.method.as_str(),
                op.op.http.path.raw,
            )
        })
        .chain(plan.unrouted.iter().map(|(op, why)| {
            format!(
                " - not served: `{} {}` (`{}`): {why}",
                op.op.http.method.as_str(),
                op.op.http.path.raw,
                op.op.id
            )
        }))
        .collect();
    let security = security_items(plan);
    let (reject_fn, fallbacks) = match &plan.rejection {
        RejectionBody::Declared(_) => (
            quote! {
                /// The answer to a rejected request, with the API's error body.
                fn reject<T: #trait_name>(api: &T, rejection: &#REJECTION) -> #RESPONSE {
                    #REJECTION_RESPONSE(rejection, &api.rejection_body(rejection))
                }
            },
            quote! {
                /// 404 for paths no operation serves.
                async fn not_found<T: #trait_name>(
                    #STATE(api): #STATE<#ARC<T>>,
                    uri: ::axum::http::Uri,
                ) -> #RESPONSE {
                    reject(&*api, &#REJECTION::not_found(uri.path()))
                }

                /// 405 for methods a path does not serve (axum adds `Allow`).
                async fn method_not_allowed<T: #trait_name>(
                    #STATE(api): #STATE<#ARC<T>>,
                    method: ::axum::http::Method,
                    uri: ::axum::http::Uri,
                ) -> #RESPONSE {
                    reject(&*api, &#REJECTION::method_not_allowed(&method, uri.path()))
                }
            },
        ),
        RejectionBody::Default => (
            quote! {
                /// The answer to a rejected request, with the default error body.
                fn reject(rejection: &#REJECTION) -> #RESPONSE {
                    #REJECTION_RESPONSE(
                        rejection,
                        &#ERROR_STATUS::from(rejection),
                    )
                }
            },
            quote! {
                /// 404 for paths no operation serves.
                async fn not_found(uri: ::axum::http::Uri) -> #RESPONSE {
                    reject(&#REJECTION::not_found(uri.path()))
                }

                /// 405 for methods a path does not serve (axum adds `Allow`).
                async fn method_not_allowed(
                    method: ::axum::http::Method,
                    uri: ::axum::http::Uri,
                ) -> #RESPONSE {
                    reject(&#REJECTION::method_not_allowed(&method, uri.path()))
                }
            },
        ),
    };
    let (nf, mna) = match &plan.rejection {
        RejectionBody::Declared(_) => (quote!(not_found::<T>), quote!(method_not_allowed::<T>)),
        RejectionBody::Default => (quote!(not_found), quote!(method_not_allowed)),
    };
    quote! {
        /// An axum router serving `api`. Routes, in spec order:
        ///
        #(#[doc = #route_docs])*
        ///
        /// Literal paths win over variables (`/a/b` before `/a/{id}`). Unknown paths are answered
        /// with 404 and unknown methods with 405, with the error body.
        pub fn router<T: #trait_name>(api: T) -> ::axum::Router {
            ::axum::Router::new()
                #(#routes)*
                .method_not_allowed_fallback(#mna)
                .fallback(#nf)
                .with_state(::std::sync::Arc::new(api))
        }

        #reject_fn
        #fallbacks
        #security
    }
}
