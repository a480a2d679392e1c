//! Parameters and request bodies of a matched operation.

use apigen_ir::{Operation, Parameter, ParameterLocation, TypeRef};

use crate::ctx::{child, same_rust_name, show, show_value, Ctx};
use crate::operations::diff_value_type;
use crate::raw;
use crate::relate::constraints;
use crate::report::ChangeKind as K;
use crate::rules::{Dir, Facts};

fn param_location(op: &Operation, p: &Parameter) -> String {
    child(&op.location, &["parameters", &p.name], &p.name)
}

/// The media types the body (or response) at `lo` / `ln` offers on each side, when both
/// documents are there.
pub(crate) fn media_sets(ctx: &Ctx<'_>, lo: &str, ln: &str) -> Option<(Vec<String>, Vec<String>)> {
    let (a, b) = ctx.documents;
    Some((raw::media_types(a?, lo)?, raw::media_types(b?, ln)?))
}

pub(crate) fn place(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}

fn where_(p: &Parameter) -> String {
    format!("{} parameter `{}`", place(p.location), p.name)
}

pub(crate) fn diff_parameter(
    ctx: &mut Ctx<'_>,
    o: &Operation,
    n: &Operation,
    po: Option<&Parameter>,
    pn: Option<&Parameter>,
) {
    let id = &n.id;
    let (po, pn) = match (po, pn) {
        (Some(p), None) => {
            let facts = Facts {
                required: p.required,
                ..Facts::default()
            };
            let msg = format!("{} of `{id}` removed", where_(p));
            ctx.push(
                K::ParameterRemoved,
                facts,
                Some(param_location(o, p)),
                None,
                msg,
            );
            return;
        }
        (None, Some(p)) => {
            let facts = Facts {
                required: p.required,
                ..Facts::default()
            };
            let req = if p.required { "required" } else { "optional" };
            let msg = format!("{req} {} added to `{id}`", where_(p));
            ctx.push(
                K::ParameterAdded,
                facts,
                None,
                Some(param_location(n, p)),
                msg,
            );
            return;
        }
        (Some(a), Some(b)) => (a, b),
        (None, None) => return,
    };
    let (lo, ln) = (param_location(o, po), param_location(n, pn));
    let what = where_(pn);
    let push = |ctx: &mut Ctx<'_>, kind, facts, msg: String| {
        ctx.push(kind, facts, Some(lo.clone()), Some(ln.clone()), msg)
    };
    if po.name != pn.name {
        let msg = format!(
            "path parameter `{}` of `{id}` renamed to `{}`",
            po.name, pn.name
        );
        let facts = Facts {
            same_rust_name: same_rust_name(&po.name, &pn.name),
            ..Facts::default()
        };
        push(ctx, K::ParameterRenamed, facts, msg);
    }
    if po.required != pn.required {
        let (kind, state) = if pn.required {
            (K::ParameterBecameRequired, "required")
        } else {
            (K::ParameterBecameOptional, "optional")
        };
        push(
            ctx,
            kind,
            Facts::default(),
            format!("{what} of `{id}` became {state}"),
        );
    }
    diff_value_type(ctx, &po.ty, &pn.ty, |ctx, relation, msg| {
        let facts = Facts {
            relation,
            dir: Dir::REQUEST,
            ..Facts::default()
        };
        push(
            ctx,
            K::ParameterTypeChanged,
            facts,
            format!("type of {what} of `{id}` {msg}"),
        );
    });
    if let (TypeRef::Primitive(a), TypeRef::Primitive(b)) = (&po.ty, &pn.ty) {
        if let Some(c) = constraints(&a.constraints, &b.constraints) {
            let facts = Facts {
                tightened: c.tightened,
                ..Facts::default()
            };
            let msg = format!(
                "constraints of {what} of `{id}` changed: {}",
                c.items.join(", ")
            );
            push(ctx, K::ParameterConstraintsChanged, facts, msg);
        }
    }
    if let (Some(a), Some(b)) = ctx.documents {
        let pa = raw::parameter(a, &o.location, place(po.location), &po.name);
        let pb = raw::parameter(b, &n.location, place(pn.location), &pn.name);
        if let (Some(pa), Some(pb)) = (pa, pb) {
            let (sa, sb) = (raw::style(pa), raw::style(pb));
            if sa != sb {
                let msg = format!(
                    "style of {what} of `{id}` changed from `{}` (explode {}) to `{}` (explode {})",
                    sa.0, sa.1, sb.0, sb.1
                );
                push(ctx, K::ParameterStyleChanged, Facts::default(), msg);
            }
            let schema =
                |p: &serde_json::Value| p.get("schema").map(raw::sizes_of).unwrap_or_default();
            if let Some(c) = crate::relate::sizes(&schema(pa), &schema(pb)) {
                let facts = Facts {
                    tightened: c.tightened,
                    loosened: c.loosened,
                    ..Facts::default()
                };
                let msg = format!(
                    "constraints of {what} of `{id}` changed: {}",
                    c.items.join(", ")
                );
                push(ctx, K::ParameterConstraintsChanged, facts, msg);
            }
        }
    }
    if po.default != pn.default {
        let facts = Facts {
            rust_type_changes: po.default.is_some() != pn.default.is_some(),
            ..Facts::default()
        };
        let msg = format!(
            "default of {what} of `{id}` changed from {} to {}",
            show_value(&po.default),
            show_value(&pn.default)
        );
        push(ctx, K::ParameterDefaultChanged, facts, msg);
    }
    if po.deprecated != pn.deprecated {
        let state = if pn.deprecated {
            "deprecated"
        } else {
            "no longer deprecated"
        };
        push(
            ctx,
            K::DeprecationChanged,
            Facts::default(),
            format!("{what} of `{id}` is {state}"),
        );
    }
    ctx.docs(&po.docs, &pn.docs, &lo, &ln, &format!("{what} of `{id}`"));
}

pub(crate) fn diff_request_body(ctx: &mut Ctx<'_>, o: &Operation, n: &Operation) {
    let id = &n.id;
    let lo = child(&o.location, &["requestBody"], "request");
    let ln = child(&n.location, &["requestBody"], "request");
    let (bo, bn) = match (&o.request_body, &n.request_body) {
        (None, None) => return,
        (Some(b), None) => {
            let facts = Facts {
                required: b.required,
                ..Facts::default()
            };
            let msg = format!("request body of `{id}` removed");
            ctx.push(K::RequestBodyRemoved, facts, Some(lo), None, msg);
            return;
        }
        (None, Some(b)) => {
            let facts = Facts {
                required: b.required,
                ..Facts::default()
            };
            let req = if b.required { "required" } else { "optional" };
            let msg = format!("{req} request body ({}) added to `{id}`", show(&b.ty));
            ctx.push(K::RequestBodyAdded, facts, None, Some(ln), msg);
            return;
        }
        (Some(a), Some(b)) => (a, b),
    };
    let push = |ctx: &mut Ctx<'_>, kind, facts, msg: String| {
        ctx.push(kind, facts, Some(lo.clone()), Some(ln.clone()), msg)
    };
    let offered = media_sets(ctx, &lo, &ln);
    let mut compare_types = true;
    if let Some((a, b)) = &offered {
        for m in a.iter().filter(|m| !b.contains(m)) {
            let msg = format!("request body of `{id}` no longer accepts `{m}`");
            push(ctx, K::RequestMediaTypeRemoved, Facts::default(), msg);
        }
        for m in b.iter().filter(|m| !a.contains(m)) {
            let msg = format!("request body of `{id}` now also accepts `{m}`");
            push(ctx, K::RequestMediaTypeAdded, Facts::default(), msg);
        }
        // Another media type chosen while the old one is still offered: the types of two
        // different media types are not comparable.
        compare_types =
            bo.media_type == bn.media_type || !b.contains(&bo.media_type.to_ascii_lowercase());
    } else if bo.media_type != bn.media_type || bo.encoding != bn.encoding {
        let msg = format!(
            "request body of `{id}` changed from `{}` to `{}`",
            bo.media_type, bn.media_type
        );
        push(ctx, K::RequestBodyMediaTypeChanged, Facts::default(), msg);
    }
    let what = format!("the request body of `{id}`");
    let parts = crate::parts::changed_parts(
        (&bo.encoding, &bo.parts),
        (&bn.encoding, &bn.parts),
        &what,
    );
    for msg in parts {
        push(ctx, K::PartMediaTypeChanged, Facts::default(), msg);
    }
    if bo.required != bn.required {
        let (kind, state) = if bn.required {
            (K::RequestBodyBecameRequired, "required")
        } else {
            (K::RequestBodyBecameOptional, "optional")
        };
        push(
            ctx,
            kind,
            Facts::default(),
            format!("request body of `{id}` became {state}"),
        );
    }
    if compare_types {
        diff_value_type(ctx, &bo.ty, &bn.ty, |ctx, relation, msg| {
            let facts = Facts {
                relation,
                dir: Dir::REQUEST,
                ..Facts::default()
            };
            push(
                ctx,
                K::RequestBodyTypeChanged,
                facts,
                format!("request body of `{id}` {msg}"),
            );
        });
    }
    ctx.docs(
        &bo.docs,
        &bn.docs,
        &lo,
        &ln,
        &format!("the request body of `{id}`"),
    );
}
