//! Which named types requests reach and which only answers reach: for APIs following
//! protobuf's JSON mapping, where a field at its default value is left out of an answer, a
//! message only ever answered gets no `required` list.

use std::collections::BTreeSet;

use apigen_ir::{Api, TypeKind, TypeRef};

/// The named types reachable from `roots`, following fields, items, values and variants.
fn reachable<'a>(api: &'a Api, roots: impl IntoIterator<Item = &'a TypeRef>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&TypeRef> = roots.into_iter().collect();
    while let Some(ty) = todo.pop() {
        match ty {
            TypeRef::Named(name) => {
                let Some(def) = api.type_def(name) else {
                    continue;
                };
                if !seen.insert(def.name.as_str()) {
                    continue;
                }
                match &def.kind {
                    TypeKind::Object(o) => {
                        todo.extend(o.fields.iter().map(|f| &f.ty));
                        todo.extend(o.additional_properties.iter());
                        todo.extend(o.alternatives.iter());
                    }
                    TypeKind::Union(u) => todo.extend(u.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(t) => todo.push(t),
                    TypeKind::Enum(_) => {}
                }
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) => todo.push(inner),
            TypeRef::Primitive(_) | TypeRef::Any | TypeRef::Unit => {}
        }
    }
    seen
}

/// The named types that only answers reach (response bodies and headers), never a request
/// (bodies and parameters).
pub fn answer_only_types(api: &Api) -> BTreeSet<String> {
    let requests = reachable(
        api,
        api.operations().flat_map(|op| {
            op.parameters
                .iter()
                .map(|p| &p.ty)
                .chain(op.request_body.iter().map(|b| &b.ty))
        }),
    );
    let answers = reachable(
        api,
        api.operations().flat_map(|op| {
            op.responses.iter().flat_map(|r| {
                r.body
                    .iter()
                    .map(|b| &b.ty)
                    .chain(r.headers.iter().map(|h| &h.ty))
            })
        }),
    );
    answers
        .difference(&requests)
        .map(|s| s.to_string())
        .collect()
}
