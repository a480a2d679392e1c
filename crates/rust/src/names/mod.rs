//! The naming table: every Rust name the backends emit for an entity of the IR, assigned
//! once from the [`Api`] before any code is emitted — types, fields, enum and union variants,
//! operations (function and type stems), parameters in every location, response variants,
//! parameter constants, response-header getters and fields, `ClientBuilder` setters and gRPC
//! methods. Names follow the rule in [`crate::naming`]; collisions are resolved here (and only
//! here) in [`scope::Scope`]s that start with the names the templates define themselves
//! ([`reserved`]). Backends read names from this table and never decide one.

mod api;
mod client;
mod members;
mod operations;
pub mod reserved;
#[cfg(test)]
mod reserved_check;
mod scope;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use apigen_ir::Api;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::naming;

pub use api::ServiceNames;
pub use operations::{OperationNames, OperationTypes};
pub use types::{TypeName, ALTERNATIVES_EDGE};

/// The Rust names of everything in one API (see the module docs).
#[derive(Debug)]
pub struct Names {
    types: BTreeMap<String, TypeName>,
    boxed: BTreeSet<(String, String)>,
    members: BTreeMap<String, members::Members>,
    operations: Vec<OperationNames>,
    client: client::HeaderAndSetterNames,
    rpc_methods: BTreeMap<String, String>,
    api: api::ApiNames,
}

impl Names {
    /// Assigns every name of `api`.
    pub fn new(api: &Api) -> Self {
        Names {
            types: types::type_names(api),
            boxed: types::recursive_edges(api),
            members: members::members(api),
            operations: operations::operations(api),
            client: client::HeaderAndSetterNames::new(api),
            rpc_methods: operations::rpc_methods(api),
            api: api::ApiNames::new(api),
        }
    }

    /// The Rust name of the IR type `name`.
    pub fn get(&self, name: &str) -> Option<&TypeName> {
        self.types.get(name)
    }

    /// Whether the field `field` of type `owner` must be boxed to break a cycle.
    pub fn is_boxed(&self, owner: &str, field: &str) -> bool {
        self.boxed.contains(&(owner.to_string(), field.to_string()))
    }

    /// All modules that hold types, sorted.
    pub fn modules(&self) -> BTreeSet<Vec<String>> {
        self.types.values().map(|n| n.module.clone()).collect()
    }

    /// The path of a named type, starting at `root` (e.g. `crate` or `crate::models`).
    pub fn path(&self, root: &TokenStream, name: &str) -> TokenStream {
        match self.types.get(name) {
            Some(n) => {
                let segs = n.module.iter().map(|m| naming::ident(m));
                let ident = naming::ident(&n.ident);
                quote!(#root #(:: #segs)* :: #ident)
            }
            // Frontends guarantee every reference resolves; fall back to JSON to stay total.
            None => quote!(::serde_json::Value),
        }
    }

    /// The field identifiers of the object type `ty` (or of the "any subset" union `ty`, one
    /// per alternative), in IR order.
    pub fn fields(&self, ty: &str) -> Vec<Ident> {
        idents(self.member(ty).map(members::Members::fields))
    }

    /// Whether the union `ty` is "any subset" (a struct of `Option`s, its members fields).
    pub fn is_any_subset(&self, ty: &str) -> bool {
        matches!(self.member(ty), Some(members::Members::Subset(_)))
    }

    /// The variant identifiers of the enum or union type `ty`, in IR order.
    pub fn variants(&self, ty: &str) -> Vec<Ident> {
        idents(self.member(ty).map(members::Members::variants))
    }

    /// The field of the object type `ty` that holds its flattened alternatives (`variant`, or
    /// `alternatives` when they are "any subset", unless a property took it).
    pub fn alternatives_field(&self, ty: &str) -> Ident {
        naming::ident(self.member(ty).map_or("variant", |m| m.alternatives()))
    }

    /// The field of the object type `ty` that holds additional properties
    /// (`additional_properties`, unless a property took it).
    pub fn additional_field(&self, ty: &str) -> Ident {
        naming::ident(
            self.member(ty)
                .map_or("additional_properties", |m| m.additional()),
        )
    }

    /// The variant of the protobuf enum `ty` that holds values this version does not know
    /// (`Unknown`, unless a known value took it).
    pub fn unknown_variant(&self, ty: &str) -> Ident {
        naming::ident(self.member(ty).map_or("Unknown", |m| m.unknown()))
    }

    /// The names of every operation, in IR order (`Api::operations`).
    pub fn operations(&self) -> &[OperationNames] {
        &self.operations
    }

    /// The getters of the client's `ResponseHeaders` trait, one per header of
    /// `operations::response_headers`, in that order.
    pub fn header_getters(&self) -> &[String] {
        &self.client.header_getters
    }

    /// The fields of the server's `ResponseHeaders` struct, one per header of
    /// `operations::response_headers`, in that order.
    pub fn header_fields(&self) -> &[String] {
        &self.client.header_fields
    }

    /// The `ClientBuilder` setter of the default for the optional header `name`.
    pub fn header_default(&self, name: &str) -> Option<&str> {
        client::lookup(&self.client.header_defaults, name)
    }

    /// The `ClientBuilder` setter for the API key sent as `key`.
    pub fn api_key_setter(&self, key: &str) -> Option<&str> {
        client::lookup(&self.client.api_key_setters, key)
    }

    /// The method of the gRPC client and server trait for `rpc` of the service `service`
    /// (`package.Service`).
    pub fn rpc_method(&self, service: &str, rpc: &str) -> Ident {
        let name = self.rpc_methods.get(&format!("{service}/{rpc}"));
        // Every rpc of the API is in the table; `rpc` only keeps this total.
        naming::ident(name.map_or("rpc", String::as_str))
    }

    /// The server crate's trait (`AuthApi`).
    pub fn server_trait(&self) -> &str {
        &self.api.server_trait
    }

    /// The names of the gRPC items of the service `service` (spec name).
    pub fn service(&self, service: &str) -> ServiceNames {
        // Every service of the API is in the table; `Service` only keeps this total.
        self.api
            .services
            .get(service)
            .cloned()
            .unwrap_or_else(|| ServiceNames {
                service: "Service".into(),
                client: "ServiceClient".into(),
                server: "ServiceServer".into(),
            })
    }

    fn member(&self, ty: &str) -> Option<&members::Members> {
        self.members.get(ty)
    }
}

fn idents(names: Option<&[String]>) -> Vec<Ident> {
    names
        .unwrap_or_default()
        .iter()
        .map(|n| naming::ident(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::fixture;

    #[test]
    fn a_root_proto_message_does_not_take_a_reexported_name() {
        let mut api = fixture::api();
        let mut def = api.types[0].clone();
        def.name = "Duration".into();
        def.namespace.clear();
        api.types.push(def);
        assert_eq!(Names::new(&api).get("Duration").unwrap().ident, "Duration");
        api.json_mapping = apigen_ir::JsonMapping::Protobuf;
        assert_eq!(Names::new(&api).get("Duration").unwrap().ident, "Duration2");
    }

    #[test]
    fn the_table_names_members_operations_and_setters() {
        let api = fixture::api();
        let names = Names::new(&api);
        let ops = names.operations();
        assert_eq!(ops[0].fn_name, "list_pets");
        assert_eq!(ops[0].types.request, "ListPetsRequest");
        let kw = ops.iter().find(|o| o.fn_name == "type").unwrap();
        assert_eq!(naming::ident(&kw.fn_name).to_string(), "r#type");
        assert_eq!(names.header_getters().len(), names.header_fields().len());
        assert!(
            names.header_default("x-request-id").is_some(),
            "case-insensitive"
        );
    }

    /// Header-default and API-key setters are both `ClientBuilder` methods: one scope.
    #[test]
    fn builder_setters_share_one_scope() {
        let mut api = fixture::api();
        let mut header = api.services[0].operations[0]
            .parameters
            .iter()
            .find(|p| p.location == apigen_ir::ParameterLocation::Header)
            .unwrap()
            .clone();
        header.name = "Api-Key-Api-Key".into();
        api.services[0].operations[0].parameters.push(header);
        let names = Names::new(&api);
        assert_eq!(
            names.header_default("api-key-api-key"),
            Some("api_key_api_key")
        );
        assert_eq!(names.api_key_setter("api_key"), Some("api_key_api_key_2"));
        assert_eq!(names.api_key_setter("X-Api-Key"), Some("api_key_x_api_key"));
    }

    /// Backends read names from the table: outside `names/` and `naming.rs` no source file
    /// applies the naming rule or opens a scope (`naming::ident` only spells a name the
    /// table chose). A new name belongs in the table, next to the entity it names.
    #[test]
    fn backends_decide_no_names() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut stack = vec![src.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let rel = path
                    .strip_prefix(&src)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if path.is_dir() {
                    if rel != "names" {
                        stack.push(path);
                    }
                    continue;
                }
                if rel == "naming.rs" {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for rule in ["pascal(", "snake(", "screaming(", "suffixed(", "Scope"] {
                    for (n, line) in text.lines().enumerate() {
                        if line.contains(&format!("naming::{rule}"))
                            || (rule == "Scope" && line.contains("Scope::"))
                        {
                            offenders.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
                        }
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "names decided outside the naming table (crates/rust/src/names/): {offenders:#?}"
        );
    }
}
