//! Two frontends, one API: Cloudforet publishes its identity API both as protos
//! (`../shared/corpus/proto`) and as an OpenAPI 3.1 document exported from them
//! (`../shared/corpus/openapi31/cloudforet-identity-v2.json`). Lowered by the proto and the
//! OpenAPI frontend, the two IRs must agree on the operations, the request and response body
//! fields, which of them are required, and the enum values — apart from the differences
//! Cloudforet's export makes, which are listed (printed) and explained here, not hidden:
//!
//! - paths: the export drops the version segment (`/identity/token/issue` for the proto's
//!   `/identity/v2/token/issue`); operations are matched with it removed;
//! - enums: the export writes proto enums as plain strings, so where the proto has an enum the
//!   OpenAPI field is a string with no values;
//! - required: the export inlines each request body schema *without* its `required` list; the
//!   component schema of the same message (`CreateWorkspaceRequest`) carries it, marking a
//!   field required unless its proto comment says `+optional` — the rule the proto frontend
//!   applies. Required fields are compared against that component. One rule differs: the
//!   export marks a `repeated` (list) field without `+optional` required, while the proto
//!   frontend never requires a list (in proto3 an absent list is the empty list) — those are
//!   counted and printed, any other disagreement fails.
//!
//! Skips (passing, saying so) when `../shared/corpus` is absent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use apigen_ir::{Api, Operation, TypeKind, TypeRef};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

/// What an operation's request looks like: field name → (required, enum values if any,
/// whether it is a list or map).
type Body = BTreeMap<String, (bool, Option<Vec<String>>, bool)>;

fn load_both() -> Option<(Api, Api)> {
    let corpus = Path::new(CORPUS);
    if !corpus.join("openapi31").is_dir() || !corpus.join("proto").is_dir() {
        eprintln!("skipped: {CORPUS} is absent (the shared corpus is not checked out)");
        return None;
    }
    let openapi = apigen_openapi::load(&corpus.join("openapi31/cloudforet-identity-v2.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let root = corpus.join("proto");
    let dir = root.join("spaceone/api/identity/v2");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "proto"))
        .map(|p| p.strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    files.sort();
    let proto = apigen_proto::load_files(&root, &files).unwrap_or_else(|e| panic!("{e}"));
    Some((openapi, proto))
}

/// `METHOD path` with the version segment (`/v2`) removed.
fn key(op: &Operation) -> String {
    let path: Vec<&str> = op
        .http
        .path
        .raw
        .split('/')
        .filter(|s| {
            !(s.len() >= 2 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    format!("{} {}", op.http.method.as_str(), path.join("/"))
}

/// The fields of the request body of `op`.
fn body(api: &Api, op: &Operation) -> Body {
    match &op.request_body {
        Some(request) => record(api, &request.ty),
        None => Body::new(),
    }
}

/// The fields of the success response body of `op`.
fn response(api: &Api, op: &Operation) -> Body {
    op.success_responses()
        .find_map(|r| r.body.as_ref())
        .map(|b| record(api, &b.ty))
        .unwrap_or_default()
}

/// The name of the request message of a proto operation, without its package.
fn message_name(op: &Operation) -> Option<&str> {
    match &op.request_body.as_ref()?.ty {
        TypeRef::Named(name) => name.rsplit('.').next(),
        _ => None,
    }
}

/// The fields of the record `ty` names.
fn record(api: &Api, ty: &TypeRef) -> Body {
    let mut ty = ty;
    // Follow aliases to the record.
    loop {
        match ty {
            TypeRef::Named(name) => match api.type_def(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(target)) => ty = target,
                Some(TypeKind::Object(o)) => {
                    return o
                        .fields
                        .iter()
                        .map(|f| {
                            let list = matches!(f.ty, TypeRef::Array(_) | TypeRef::Map(_));
                            (f.name.clone(), (f.required, enum_values(api, &f.ty), list))
                        })
                        .collect()
                }
                _ => return Body::new(),
            },
            _ => return Body::new(),
        }
    }
}

/// The values of an enum field.
fn enum_values(api: &Api, ty: &TypeRef) -> Option<Vec<String>> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    match &api.type_def(name)?.kind {
        TypeKind::Enum(e) => Some(e.values.iter().map(|v| v.value.clone()).collect()),
        TypeKind::Alias(target) => enum_values(api, target),
        _ => None,
    }
}

fn operations(api: &Api) -> BTreeMap<String, &Operation> {
    api.operations().map(|op| (key(op), op)).collect()
}

#[test]
fn identity_v2_agrees_between_proto_and_openapi_31() {
    let Some((openapi, proto)) = load_both() else {
        return;
    };
    let (a, b) = (operations(&openapi), operations(&proto));
    let only_openapi: BTreeSet<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_proto: BTreeSet<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_openapi.is_empty(),
        "only in the OpenAPI export: {only_openapi:?}"
    );
    assert!(only_proto.is_empty(), "only in the protos: {only_proto:?}");
    assert!(a.len() >= 150, "{} operations", a.len());

    let mut field_mismatches = Vec::new();
    let mut required_mismatches = Vec::new();
    let mut enums_as_strings = 0;
    let mut enum_mismatches = Vec::new();
    let mut without_component = Vec::new();
    let mut lists_required_in_export = Vec::new();
    for (k, op) in &a {
        let (rx, ry) = (response(&openapi, op), response(&proto, b[k]));
        let (rxs, rys): (BTreeSet<_>, BTreeSet<_>) = (rx.keys().collect(), ry.keys().collect());
        if rxs != rys {
            field_mismatches.push(format!("{k} response: OpenAPI {rxs:?} vs proto {rys:?}"));
        }
        let (x, y) = (body(&openapi, op), body(&proto, b[k]));
        let (xs, ys): (BTreeSet<_>, BTreeSet<_>) = (x.keys().collect(), y.keys().collect());
        if xs != ys {
            field_mismatches.push(format!("{k}: OpenAPI {xs:?} vs proto {ys:?}"));
            continue;
        }
        // Required-ness from the component schema of the same message.
        let component = message_name(b[k])
            .filter(|m| openapi.type_def(m).is_some())
            .map(|m| record(&openapi, &TypeRef::Named(m.to_string())));
        let Some(component) = component else {
            without_component.push(k.clone());
            continue;
        };
        for (name, (_, values, _)) in &x {
            let (p_required, p_values, p_list) = &y[name];
            let required = component.get(name).map(|(r, ..)| r);
            if required == Some(&true) && !p_required && *p_list {
                lists_required_in_export.push(format!("{k} {name}"));
            } else if required != Some(p_required) {
                required_mismatches.push(format!(
                    "{k} {name}: required {required:?} in OpenAPI, {p_required} in proto"
                ));
            }
            match (values, p_values) {
                (None, Some(_)) => enums_as_strings += 1,
                (Some(v), Some(p)) if v != p => {
                    enum_mismatches.push(format!("{k} {name}: {v:?} vs {p:?}"))
                }
                _ => {}
            }
        }
    }
    eprintln!(
        "{} operations agree; {enums_as_strings} proto enum fields are plain strings in the export",
        a.len()
    );
    eprintln!(
        "{} request messages have no component schema in the export (required not compared): {without_component:?}",
        without_component.len()
    );
    eprintln!(
        "{} list fields are required in the export, never in proto3: {lists_required_in_export:?}",
        lists_required_in_export.len()
    );
    for list in [&field_mismatches, &required_mismatches, &enum_mismatches] {
        for line in list.iter() {
            eprintln!("  {line}");
        }
    }
    assert!(field_mismatches.is_empty(), "{field_mismatches:#?}");
    assert!(required_mismatches.is_empty(), "{required_mismatches:#?}");
    assert!(enum_mismatches.is_empty(), "{enum_mismatches:#?}");
}
