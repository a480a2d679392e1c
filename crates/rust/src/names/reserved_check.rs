//! The reserved lists checked against what the templates define: every root item of a models
//! crate that is not a spec type is in `reserved::TYPE_NAMES` (or `PROTO_ROOT_NAMES`); every
//! method of `ClientBuilder` that is not a setter the table named is in `BUILDER_METHODS`;
//! every method of `Client`
//! and of the server trait that is not an operation is in `reserved::FNS`; every method of a
//! request builder that is not a parameter setter, and every local a generated handler or send
//! function binds that is not a parameter, is in `reserved::PARAMS`. A template that adds a
//! name without reserving it fails here (and, on `reserved-words.yaml`, in conformance).

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use super::reserved::{self, FNS as RESERVED_FNS, PARAMS as RESERVED_PARAMS};
use crate::operations::fixture;

fn lib(files: &[crate::GeneratedFile]) -> syn::File {
    let text = &files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .unwrap()
        .contents;
    syn::parse_file(text).unwrap()
}

/// Names bound by `let` (the identifiers of the pattern, also inside `Some(..)`), anywhere in
/// `tokens`. Closure parameters are left out: template closures never read parameters.
fn bindings(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let toks: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, t) in toks.iter().enumerate() {
        match t {
            TokenTree::Group(g) => bindings(g.stream(), out),
            TokenTree::Ident(id) if id == "let" => {
                let mut rest = toks[i + 1..].iter();
                let mut next = rest.next();
                if matches!(next, Some(TokenTree::Ident(m)) if m == "mut") {
                    next = rest.next();
                }
                match next {
                    Some(TokenTree::Ident(name)) if !starts_upper(name) => {
                        out.insert(name.to_string().trim_start_matches("r#").to_string());
                    }
                    Some(TokenTree::Group(g)) => first_lower_ident(g.stream(), out),
                    _ => {
                        // `let ::std::option::Option::Some(body) = …`
                        for t in rest.take(12) {
                            if let TokenTree::Group(g) = t {
                                first_lower_ident(g.stream(), out);
                                break;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn starts_upper(id: &proc_macro2::Ident) -> bool {
    id.to_string().starts_with(char::is_uppercase)
}

fn first_lower_ident(tokens: TokenStream, out: &mut BTreeSet<String>) {
    for t in tokens {
        match t {
            TokenTree::Ident(id) if !starts_upper(&id) && id != "mut" => {
                out.insert(id.to_string());
            }
            TokenTree::Punct(p) if p.as_char() == ',' => {}
            _ => continue,
        }
    }
}

/// Names without the `r#` of raw identifiers.
fn unraw<'a>(names: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    names
        .into_iter()
        .map(|n| n.trim_start_matches("r#").to_string())
        .collect()
}

fn unreserved(
    names: impl IntoIterator<Item = String>,
    own: &BTreeSet<String>,
    reserved: &[&str],
) -> Vec<String> {
    names
        .into_iter()
        .map(|n| n.trim_start_matches("r#").to_string())
        .filter(|n| !n.starts_with('_') && !own.contains(n) && !reserved.contains(&n.as_str()))
        .collect()
}

#[test]
fn client_templates_reserve_their_names() {
    let mut builders_seen = 0;
    for api in [fixture::api(), fixture::tokens_api()] {
        let names = super::Names::new(&api);
        let ops = names.operations();
        let fns = unraw(ops.iter().map(|o| &o.fn_name));
        let file = lib(&crate::client(&api, &fixture::opts()).unwrap());
        for item in &file.items {
            match item {
                syn::Item::Impl(imp) if imp.trait_.is_none() => {
                    let ty = imp.self_ty.to_token_stream().to_string();
                    if ty == "Client" {
                        let methods = imp.items.iter().filter_map(|i| match i {
                            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                            _ => None,
                        });
                        let bad = unreserved(methods, &fns, RESERVED_FNS);
                        assert!(bad.is_empty(), "Client methods not reserved: {bad:?}");
                    } else if ty == "ClientBuilder" {
                        builders_seen += 1;
                        let setters = names.client.header_defaults.iter();
                        let keys = names.client.api_key_setters.iter();
                        let own = unraw(setters.chain(keys).map(|(_, setter)| setter));
                        let methods = imp.items.iter().filter_map(|i| match i {
                            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                            _ => None,
                        });
                        let bad = unreserved(methods, &own, reserved::BUILDER_METHODS);
                        assert!(
                            bad.is_empty(),
                            "ClientBuilder methods not reserved: {bad:?}"
                        );
                    }
                }
                syn::Item::Mod(m) if m.ident == "builder" => {
                    let items = &m.content.as_ref().unwrap().1;
                    for item in items {
                        let syn::Item::Impl(imp) = item else { continue };
                        let ty = imp.self_ty.to_token_stream().to_string();
                        let Some(op) = ops
                            .iter()
                            .find(|o| ty.starts_with(&format!("{} <", o.type_name)))
                        else {
                            continue;
                        };
                        let params = unraw(&op.params);
                        builders_seen += 1;
                        let mut names = BTreeSet::new();
                        for i in &imp.items {
                            if let syn::ImplItem::Fn(f) = i {
                                names.insert(f.sig.ident.to_string());
                                bindings(f.block.to_token_stream(), &mut names);
                            }
                        }
                        let bad = unreserved(names, &params, RESERVED_PARAMS);
                        assert!(
                            bad.is_empty(),
                            "builder `{ty}`: methods or locals not reserved: {bad:?}"
                        );
                    }
                }
                _ => {}
            }
        }
    }
    assert!(builders_seen > 5, "request builders found: {builders_seen}");
}

#[test]
fn server_templates_reserve_their_names() {
    for api in [fixture::api(), fixture::tokens_api()] {
        let names = super::Names::new(&api);
        let ops = names.operations();
        let fns = unraw(ops.iter().map(|o| &o.fn_name));
        let file = lib(&crate::server(&api, &fixture::opts()).unwrap());
        for item in &file.items {
            match item {
                syn::Item::Trait(t) => {
                    let methods = t.items.iter().filter_map(|i| match i {
                        syn::TraitItem::Fn(f) => {
                            Some(f.sig.ident.to_string().trim_start_matches("r#").to_string())
                        }
                        _ => None,
                    });
                    let bad = unreserved(methods, &fns, RESERVED_FNS);
                    assert!(bad.is_empty(), "trait methods not reserved: {bad:?}");
                }
                syn::Item::Fn(f) => {
                    let name = f.sig.ident.to_string();
                    let Some(op) = ops
                        .iter()
                        .find(|o| name == format!("handle_{}", o.fn_name.trim_start_matches("r#")))
                    else {
                        continue;
                    };
                    let params = unraw(&op.params);
                    let mut names = BTreeSet::new();
                    bindings(f.block.to_token_stream(), &mut names);
                    let bad = unreserved(names, &params, RESERVED_PARAMS);
                    assert!(bad.is_empty(), "`{name}`: locals not reserved: {bad:?}");
                }
                _ => {}
            }
        }
    }
}

/// Every item at the root of a models crate that is not a spec type is reserved (in the root
/// module: also the re-exports of protobuf models).
#[test]
fn models_templates_reserve_their_names() {
    let mut proto = fixture::api();
    proto.json_mapping = apigen_ir::JsonMapping::Protobuf;
    for api in [fixture::api(), fixture::tokens_api(), proto] {
        let names = super::Names::new(&api);
        let types = unraw(
            api.types
                .iter()
                .filter_map(|d| names.get(&d.name))
                .filter(|n| n.module.is_empty())
                .map(|n| &n.ident),
        );
        let file = lib(&crate::models(&api, &fixture::opts()).unwrap());
        let mut root = BTreeSet::new();
        for item in &file.items {
            match item {
                syn::Item::Struct(i) => root.insert(i.ident.to_string()),
                syn::Item::Enum(i) => root.insert(i.ident.to_string()),
                syn::Item::Type(i) => root.insert(i.ident.to_string()),
                syn::Item::Trait(i) => root.insert(i.ident.to_string()),
                syn::Item::Mod(i) => root.insert(i.ident.to_string()),
                syn::Item::Use(u) => {
                    use_names(&u.tree, &mut root);
                    true
                }
                _ => true,
            };
        }
        let mut allowed: Vec<&str> = reserved::TYPE_NAMES.to_vec();
        if api.json_mapping == apigen_ir::JsonMapping::Protobuf {
            allowed.extend(reserved::PROTO_ROOT_NAMES);
        }
        let bad = unreserved(root, &types, &allowed);
        assert!(bad.is_empty(), "models root items not reserved: {bad:?}");
    }
}

/// Every method of a generated gRPC client that is not an rpc is reserved.
#[test]
fn grpc_templates_reserve_their_names() {
    let mut api = fixture::api();
    let message = api
        .types
        .iter()
        .find(|d| matches!(d.kind, apigen_ir::TypeKind::Object(_)));
    let message = apigen_ir::TypeRef::Named(message.unwrap().name.clone());
    let rpc = |name: &str| apigen_ir::Rpc {
        name: name.into(),
        input: message.clone(),
        output: apigen_ir::TypeRef::Unit,
        client_streaming: false,
        server_streaming: false,
        authenticated: true,
        docs: apigen_ir::Docs::default(),
    };
    api.services[0].rpcs = ["Connect", "WithToken", "List", "list"].map(rpc).to_vec();
    let names = super::Names::new(&api);
    let service = &api.services[0];
    let full = if service.package.is_empty() {
        service.name.clone()
    } else {
        format!("{}.{}", service.package, service.name)
    };
    let rpcs = unraw(
        &service
            .rpcs
            .iter()
            .map(|r| names.rpc_method(&full, &r.name).to_string())
            .collect::<Vec<_>>(),
    );
    assert_eq!(rpcs.len(), 4, "{rpcs:?}");
    let file = lib(&crate::grpc(&api, &fixture::opts(), "kitchen-grpc").unwrap());
    let client = names.service(&service.name).client;
    let mut seen = false;
    for item in &file.items {
        let syn::Item::Mod(m) = item else { continue };
        for item in &m.content.as_ref().unwrap().1 {
            let syn::Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() || imp.self_ty.to_token_stream().to_string() != client {
                continue;
            }
            seen = true;
            let methods = imp.items.iter().filter_map(|i| match i {
                syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            });
            let bad = unreserved(methods, &rpcs, reserved::GRPC_CLIENT_METHODS);
            assert!(bad.is_empty(), "gRPC client methods not reserved: {bad:?}");
        }
    }
    assert!(seen, "no `impl {client}` found");
}

/// The names a `use` brings in (globs bring none that could clash: items shadow them).
fn use_names(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) => {
            out.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            out.insert(r.rename.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

#[test]
fn bindings_are_found() {
    let mut names = BTreeSet::new();
    let tokens: TokenStream = syn::parse_str(
        "{ let a = 1; let mut b = 2; let (c, d) = x; let ::std::option::Option::Some(e) = y else { return; }; z.map(|f| f); w.map(|g: u8| g); }",
    )
    .unwrap();
    bindings(tokens, &mut names);
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["a", "b", "c", "d", "e"]
    );
}
