//! Type names: which module each named IR type lives in and its identifier there, and which
//! field edges need a `Box` to break a cycle.

use std::collections::{BTreeMap, BTreeSet};

use apigen_ir::{Api, JsonMapping, TypeDef, TypeKind, TypeRef};

use super::reserved::{PROTO_ROOT_NAMES, TYPE_NAMES};
use super::scope::Scope;
use crate::naming;

/// Where a named type lives in the models crate.
#[derive(Debug, Clone)]
pub struct TypeName {
    /// Module path below the crate root (snake_case segments; empty at the root).
    pub module: Vec<String>,
    /// The type's identifier.
    pub ident: String,
}

/// Assigns names to all types of `api` by the naming rule, module by module, in the IR's
/// (sorted) order; the root module of a protobuf API also keeps the re-exported runtime types'
/// names free.
pub fn type_names(api: &Api) -> BTreeMap<String, TypeName> {
    let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    let mut names = BTreeMap::new();
    for def in &api.types {
        let module: Vec<String> = def.namespace.iter().map(|s| naming::snake(s)).collect();
        let scope = scopes.entry(module.clone()).or_insert_with(|| {
            let mut reserved = TYPE_NAMES.to_vec();
            if module.is_empty() && api.json_mapping == JsonMapping::Protobuf {
                reserved.extend(PROTO_ROOT_NAMES);
            }
            Scope::with_reserved(&reserved)
        });
        let ident = scope.pascal(local_name(def));
        names.insert(def.name.clone(), TypeName { module, ident });
    }
    names
}

/// The part of a type's name below its namespace (`a.b.Msg.Inner` in `a.b` → `Msg.Inner`).
fn local_name(def: &TypeDef) -> &str {
    let prefix = def.namespace.join(".");
    if prefix.is_empty() {
        &def.name
    } else {
        def.name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_prefix('.'))
            .unwrap_or(&def.name)
    }
}

/// The edge name of a record's flattened alternatives in [`super::Names::is_boxed`] (not a
/// field name: no spec names a property with a NUL character).
pub const ALTERNATIVES_EDGE: &str = "\0alternatives";

/// The named type a reference holds inline (not behind a `Vec` or map), if any.
fn direct_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        _ => None,
    }
}

/// Edges `(owner, field)` whose inline target can reach back to the owner through inline edges.
pub fn recursive_edges(api: &Api) -> BTreeSet<(String, String)> {
    let mut graph: BTreeMap<&str, Vec<(String, &str)>> = BTreeMap::new();
    for def in &api.types {
        let edges = graph.entry(def.name.as_str()).or_default();
        match &def.kind {
            TypeKind::Object(o) => {
                for f in &o.fields {
                    if let Some(t) = direct_target(&f.ty) {
                        edges.push((f.name.clone(), t));
                    }
                }
                if let Some(t) = o.alternatives.as_ref().and_then(direct_target) {
                    edges.push((ALTERNATIVES_EDGE.to_string(), t));
                }
            }
            TypeKind::Union(u) => {
                for v in &u.variants {
                    if let Some(t) = direct_target(&v.ty) {
                        edges.push((v.name.clone(), t));
                    }
                }
            }
            TypeKind::Alias(ty) => {
                if let Some(t) = direct_target(ty) {
                    edges.push((String::new(), t));
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                if let Some(es) = graph.get(n) {
                    stack.extend(es.iter().map(|(_, t)| *t));
                }
            }
        }
        false
    };
    let mut boxed = BTreeSet::new();
    for (owner, edges) in &graph {
        for (field, target) in edges {
            if reaches(target, owner) {
                boxed.insert((owner.to_string(), field.clone()));
            }
        }
    }
    boxed
}
