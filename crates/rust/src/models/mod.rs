//! The models backend: one Rust type per named IR type, with serde attributes that match the
//! wire exactly, plus validation of spec constraints and constants for parameter bounds.

pub(crate) mod enums;
pub(crate) mod objects;
mod parameters;
pub(crate) mod proto;
mod proto_checks;
mod proto_json;
mod sizes;
mod unions;
mod validate;

use std::collections::BTreeMap;

use apigen_ir::{Api, JsonMapping, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::doc_attrs;
use crate::names::Names;
use crate::naming;
use crate::typeref::{TypeRenderer, Uses};

pub use parameters::parameter_facts;
pub use validate::Validation;

/// Everything the models crate's `lib.rs` needs, as one token stream, and the crates it uses.
pub fn models_tokens(api: &Api, names: &Names) -> (TokenStream, Uses) {
    let render = TypeRenderer {
        names,
        root: quote!(crate),
        home: None,
    };
    let validation = Validation::new(api);
    let mut uses = Uses::default();
    let mut by_module: BTreeMap<Vec<String>, Vec<TokenStream>> = BTreeMap::new();
    for module in names.modules() {
        by_module.entry(module).or_default();
    }
    for def in &api.types {
        let Some(name) = names.get(&def.name) else {
            continue;
        };
        let item = type_item(def, api.json_mapping, &render, &validation, &mut uses);
        by_module.entry(name.module.clone()).or_default().push(item);
    }
    let root_items = by_module.remove(&Vec::new()).unwrap_or_default();
    let modules = nest_modules(&by_module);
    let reexport = single_module_reexport(&by_module);
    let validate = validation.support_items();
    let proto_json = (api.json_mapping == JsonMapping::Protobuf).then(|| {
        use crate::runtime::proto_json::MODULE;
        quote! {
            /// Runtime types the protobuf models use: well-known types and unknown enum values.
            pub use #MODULE::{Duration, FieldMask, UnknownEnumValue};
        }
    });
    let parameters = parameters::parameters_module(api, &render);
    let tokens = quote! {
        #reexport
        #(#root_items)*
        #modules
        #parameters
        #validate
        #proto_json
    };
    (tokens, uses)
}

/// The item (and its impls) for one named type.
fn type_item(
    def: &TypeDef,
    mapping: JsonMapping,
    render: &TypeRenderer<'_>,
    validation: &Validation,
    uses: &mut Uses,
) -> TokenStream {
    let ident = render
        .names
        .get(&def.name)
        .map(|n| naming::ident(&n.ident))
        .unwrap_or_else(|| naming::ident("Unnamed"));
    let docs = doc_attrs(&def.docs, &[]);
    let protobuf = mapping == JsonMapping::Protobuf;
    // Whether the item wrote its own `Validate` impl (a `record!` with nothing to check).
    let mut validated = false;
    let body = match &def.kind {
        TypeKind::Object(obj) if protobuf => proto::message(
            def,
            obj,
            &ident,
            validation.is_request(&def.name),
            render,
            uses,
        ),
        TypeKind::Enum(e) if protobuf => proto::enumeration(def, e, &ident, render.names),
        TypeKind::Object(obj) => {
            let unchecked = !validation.checks(&def.name);
            let (tokens, written) = objects::object(def, obj, &ident, render, uses, unchecked);
            validated = written;
            tokens
        }
        TypeKind::Enum(e) => enums::enumeration(e, &ident, render.names.variants(&def.name)),
        TypeKind::Union(u) => unions::union(def, u, &ident, render),
        TypeKind::Alias(ty) => {
            uses.visit(ty);
            let ty = render.ty(ty);
            quote!(pub type #ident = #ty;)
        }
    };
    let validate = (!validated).then(|| validation.impl_for(def, &ident, render));
    quote! {
        #docs
        #body
        #validate
    }
}

/// Nested `pub mod a { pub mod b { … } }` blocks for namespaced types.
fn nest_modules(by_module: &BTreeMap<Vec<String>, Vec<TokenStream>>) -> TokenStream {
    // Group by first segment, recursively.
    let mut children: BTreeMap<&str, BTreeMap<Vec<String>, Vec<TokenStream>>> = BTreeMap::new();
    let mut here = Vec::new();
    for (path, items) in by_module {
        match path.split_first() {
            Some((first, rest)) => {
                children
                    .entry(first.as_str())
                    .or_default()
                    .insert(rest.to_vec(), items.clone());
            }
            None => here.extend(items.iter().cloned()),
        }
    }
    let mods = children.into_iter().map(|(name, sub)| {
        let ident = naming::ident(name);
        let inner = nest_modules(&sub);
        let doc = format!(" Types of the `{name}` namespace.");
        quote! {
            #[doc = #doc]
            pub mod #ident {
                #inner
            }
        }
    });
    quote!(#(#here)* #(#mods)*)
}

/// With exactly one namespace, its types are re-exported at the crate root for convenience.
fn single_module_reexport(by_module: &BTreeMap<Vec<String>, Vec<TokenStream>>) -> TokenStream {
    let mut non_empty = by_module.iter().filter(|(_, items)| !items.is_empty());
    match (non_empty.next(), non_empty.next()) {
        (Some((path, _)), None) => {
            let segs = path.iter().map(|s| naming::ident(s));
            quote!(pub use self #(:: #segs)* ::*;)
        }
        _ => TokenStream::new(),
    }
}
