//! Which old type is which new type, and which way each type's values travel.
//!
//! Types with the same name are the same type. A type that exists only in the old API is the
//! same as a type that exists only in the new one when both stand at the same place: the same
//! parameter, body, response or field of matched operations and types (a renamed schema).

use std::collections::{BTreeMap, BTreeSet};

use apigen_ir::{Api, TypeDef, TypeKind, TypeRef};

use crate::fields::match_fields;
use crate::operations::{match_operations, match_parameters};
use crate::rules::Dir;

/// Which way values of each named type travel (types no operation reaches are absent).
pub(crate) type Usage = BTreeMap<String, Dir>;

/// Old type name → new type name for every type present on both sides.
pub(crate) fn pair_types(old: &Api, new: &Api) -> BTreeMap<String, String> {
    let mut pairs: BTreeMap<String, String> = old
        .types
        .iter()
        .filter(|t| new.type_def(&t.name).is_some())
        .map(|t| (t.name.clone(), t.name.clone()))
        .collect();
    let mut work: Vec<(TypeRef, TypeRef)> = Vec::new();
    for (o, n) in match_operations(old, new) {
        let (Some(o), Some(n)) = (o, n) else {
            continue;
        };
        for (po, pn) in match_parameters(o, n) {
            if let (Some(po), Some(pn)) = (po, pn) {
                work.push((po.ty.clone(), pn.ty.clone()));
            }
        }
        if let (Some(bo), Some(bn)) = (&o.request_body, &n.request_body) {
            work.push((bo.ty.clone(), bn.ty.clone()));
        }
        for ro in &o.responses {
            let Some(rn) = n.responses.iter().find(|r| r.status == ro.status) else {
                continue;
            };
            if let (Some(bo), Some(bn)) = (&ro.body, &rn.body) {
                work.push((bo.ty.clone(), bn.ty.clone()));
            }
        }
    }
    // Then what same-named types reference, in name order.
    for name in pairs.keys() {
        work.push((TypeRef::Named(name.clone()), TypeRef::Named(name.clone())));
    }
    work.reverse(); // process in the order pushed
    let mut seen = BTreeSet::new();
    while let Some((o, n)) = work.pop() {
        match (&o, &n) {
            (TypeRef::Named(a), TypeRef::Named(b)) => {
                let known = pairs.get(a).is_some_and(|x| x == b);
                let fresh = !known
                    && !pairs.contains_key(a)
                    && !pairs.values().any(|x| x == b)
                    && old.type_def(a).is_some()
                    && new.type_def(b).is_some();
                if fresh {
                    pairs.insert(a.clone(), b.clone());
                }
                if (known || fresh) && seen.insert((a.clone(), b.clone())) {
                    if let (Some(ta), Some(tb)) = (old.type_def(a), new.type_def(b)) {
                        let mut inner = children(ta, tb);
                        inner.reverse();
                        work.extend(inner);
                    }
                }
            }
            (TypeRef::Array(a), TypeRef::Array(b)) | (TypeRef::Map(a), TypeRef::Map(b)) => {
                work.push(((**a).clone(), (**b).clone()));
            }
            _ => {}
        }
    }
    pairs
}

/// The type references at corresponding places inside two definitions.
fn children(old: &TypeDef, new: &TypeDef) -> Vec<(TypeRef, TypeRef)> {
    let mut out = Vec::new();
    match (&old.kind, &new.kind) {
        (TypeKind::Object(a), TypeKind::Object(b)) => {
            for m in match_fields(&a.fields, &b.fields) {
                if let (Some(fa), Some(fb)) = (m.old, m.new) {
                    out.push((fa.ty.clone(), fb.ty.clone()));
                }
            }
            if let (Some(x), Some(y)) = (&a.additional_properties, &b.additional_properties) {
                out.push((x.clone(), y.clone()));
            }
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            for (va, vb) in crate::enums::match_variants(&a.variants, &b.variants) {
                if let (Some(va), Some(vb)) = (va, vb) {
                    out.push((va.ty.clone(), vb.ty.clone()));
                }
            }
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) => out.push((a.clone(), b.clone())),
        _ => {}
    }
    out
}

/// Which way values of each named type travel: types reached from parameters and request
/// bodies are sent by clients, types reached from response bodies and headers by servers.
pub(crate) fn usage(api: &Api) -> Usage {
    let mut usage = Usage::new();
    for op in api.operations() {
        for p in &op.parameters {
            mark(api, &p.ty, Dir::REQUEST, &mut usage);
        }
        if let Some(b) = &op.request_body {
            mark(api, &b.ty, Dir::REQUEST, &mut usage);
        }
        for r in &op.responses {
            if let Some(b) = &r.body {
                mark(api, &b.ty, Dir::RESPONSE, &mut usage);
            }
            for h in &r.headers {
                mark(api, &h.ty, Dir::RESPONSE, &mut usage);
            }
        }
    }
    usage
}

fn mark(api: &Api, ty: &TypeRef, dir: Dir, usage: &mut Usage) {
    let mut stack = vec![ty];
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(name) => {
                let entry = usage.entry(name.clone()).or_default();
                let updated = entry.union(dir);
                if updated == *entry && (entry.request || entry.response) {
                    continue; // already visited in this direction
                }
                *entry = updated;
                let Some(def) = api.type_def(name) else {
                    continue;
                };
                match &def.kind {
                    TypeKind::Object(o) => {
                        stack.extend(o.fields.iter().map(|f| &f.ty));
                        stack.extend(o.additional_properties.iter());
                    }
                    TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(t) => stack.push(t),
                    TypeKind::Enum(_) => {}
                }
            }
            TypeRef::Array(t) | TypeRef::Map(t) => stack.push(t),
            TypeRef::Primitive(_) | TypeRef::Any | TypeRef::Unit => {}
        }
    }
}
