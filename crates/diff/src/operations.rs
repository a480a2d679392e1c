//! Operations: matching (by route, then by id), routes, ids, authentication. Parameters and
//! request bodies are in `parameters.rs`, responses in `responses.rs`.

use std::collections::BTreeSet;

use apigen_ir::{Api, HttpMethod, Operation, Parameter, ParameterLocation, PathSegment, TypeRef};

use crate::ctx::{same_rust_name, show, Ctx};
use crate::relate::relate;
use crate::report::ChangeKind as K;
use crate::rules::{Facts, Relation};

/// An operation with the name of the service it belongs to.
type Entry<'a> = (&'a str, &'a Operation);

fn entries(api: &Api) -> Vec<Entry<'_>> {
    api.services
        .iter()
        .flat_map(|s| s.operations.iter().map(move |o| (s.name.as_str(), o)))
        .collect()
}

/// Method and path with variable names left out: `/tokens/{}`.
fn route(op: &Operation) -> (HttpMethod, String) {
    let path = op
        .http
        .path
        .segments
        .iter()
        .map(|s| match s {
            PathSegment::Literal(l) => l.as_str(),
            PathSegment::Variable {
                multi_segment: true,
                ..
            } => "{**}",
            PathSegment::Variable { .. } => "{}",
        })
        .collect();
    (op.http.method, path)
}

/// Whether two operations are served at the same method and path (variable names aside).
pub(crate) fn same_route(a: &Operation, b: &Operation) -> bool {
    route(a) == route(b)
}

fn show_route(op: &Operation) -> String {
    format!("`{} {}`", op.http.method.as_str(), op.http.path.raw)
}

/// Old and new operations matched by route, then by id; unmatched old ones (removed) in old
/// order among the matched, then unmatched new ones (added) in new order.
fn match_entries<'a>(old: &'a Api, new: &'a Api) -> Vec<(Option<Entry<'a>>, Option<Entry<'a>>)> {
    let old = entries(old);
    let new = entries(new);
    let mut taken = vec![false; new.len()];
    let mut found: Vec<Option<usize>> = old
        .iter()
        .map(|(_, o)| {
            let i = new
                .iter()
                .enumerate()
                .position(|(i, (_, n))| !taken[i] && same_route(o, n))?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    for (slot, (_, o)) in found.iter_mut().zip(&old) {
        if slot.is_none() {
            *slot = (0..new.len()).find(|&i| !taken[i] && new[i].1.id == o.id);
            if let Some(i) = *slot {
                taken[i] = true;
            }
        }
    }
    let mut out: Vec<_> = old
        .iter()
        .zip(found)
        .map(|(o, i)| (Some(*o), i.map(|i| new[i])))
        .collect();
    out.extend(
        new.iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(n, _)| (None, Some(*n))),
    );
    out
}

/// Old and new operations, matched (see [`match_entries`]).
pub(crate) fn match_operations<'a>(
    old: &'a Api,
    new: &'a Api,
) -> Vec<(Option<&'a Operation>, Option<&'a Operation>)> {
    match_entries(old, new)
        .into_iter()
        .map(|(o, n)| (o.map(|e| e.1), n.map(|e| e.1)))
        .collect()
}

/// Parameters matched by location and name (header names ignore case), then path variables by
/// position; removed ones in old order among the matched, then added ones.
pub(crate) fn match_parameters<'a>(
    old: &'a Operation,
    new: &'a Operation,
) -> Vec<(Option<&'a Parameter>, Option<&'a Parameter>)> {
    let same = |a: &Parameter, b: &Parameter| {
        a.location == b.location
            && if a.location == ParameterLocation::Header {
                a.name.eq_ignore_ascii_case(&b.name)
            } else {
                a.name == b.name
            }
    };
    let mut taken = vec![false; new.parameters.len()];
    let mut found: Vec<Option<usize>> = old
        .parameters
        .iter()
        .map(|p| {
            let i = (0..taken.len()).find(|&i| !taken[i] && same(p, &new.parameters[i]))?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    if same_route(old, new) {
        let old_vars: Vec<&str> = old.http.path.variables().collect();
        let new_vars: Vec<&str> = new.http.path.variables().collect();
        for (slot, p) in found.iter_mut().zip(&old.parameters) {
            if slot.is_some() || p.location != ParameterLocation::Path {
                continue;
            }
            let Some(pos) = old_vars.iter().position(|v| *v == p.name) else {
                continue;
            };
            let renamed = new_vars.get(pos).and_then(|v| {
                (0..taken.len()).find(|&i| {
                    !taken[i]
                        && new.parameters[i].location == ParameterLocation::Path
                        && new.parameters[i].name == *v
                })
            });
            if let Some(i) = renamed {
                taken[i] = true;
                *slot = Some(i);
            }
        }
    }
    let mut out: Vec<_> = old
        .parameters
        .iter()
        .zip(found)
        .map(|(p, i)| (Some(p), i.map(|i| &new.parameters[i])))
        .collect();
    out.extend(
        new.parameters
            .iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(p, _)| (None, Some(p))),
    );
    out
}
/// Every operation: added, removed, or compared.
pub(crate) fn diff_operations(ctx: &mut Ctx<'_>) {
    for (o, n) in match_entries(ctx.old, ctx.new) {
        match (o, n) {
            (Some((_, o)), None) => {
                let msg = format!("operation `{}` ({}) removed", o.id, show_route(o));
                ctx.push(
                    K::OperationRemoved,
                    Facts::default(),
                    Some(o.location.clone()),
                    None,
                    msg,
                );
            }
            (None, Some((_, n))) => {
                let msg = format!("operation `{}` ({}) added", n.id, show_route(n));
                ctx.push(
                    K::OperationAdded,
                    Facts::default(),
                    None,
                    Some(n.location.clone()),
                    msg,
                );
            }
            (Some(o), Some(n)) => diff_operation(ctx, o, n),
            (None, None) => {}
        }
    }
}

fn diff_operation(ctx: &mut Ctx<'_>, (so, o): Entry<'_>, (sn, n): Entry<'_>) {
    let (lo, ln) = (o.location.clone(), n.location.clone());
    let at = |kind, msg: String, ctx: &mut Ctx<'_>| {
        ctx.push(
            kind,
            Facts::default(),
            Some(lo.clone()),
            Some(ln.clone()),
            msg,
        )
    };
    if o.id != n.id {
        let same = same_rust_name(&o.id, &n.id);
        let effect = if same {
            "the generated method names stay the same"
        } else {
            "the generated method names change"
        };
        let msg = format!(
            "operation `{}` renamed to `{}` ({}): {effect}",
            o.id,
            n.id,
            show_route(n)
        );
        let facts = Facts {
            same_rust_name: same,
            ..Facts::default()
        };
        ctx.push(
            K::OperationRenamed,
            facts,
            Some(lo.clone()),
            Some(ln.clone()),
            msg,
        );
    }
    if !same_route(o, n) {
        let msg = format!(
            "operation `{}` moved from {} to {}",
            n.id,
            show_route(o),
            show_route(n)
        );
        at(K::OperationMoved, msg, ctx);
    }
    if so != sn {
        let msg = format!("operation `{}` moved from service `{so}` to `{sn}`", n.id);
        at(K::OperationServiceChanged, msg, ctx);
    }
    if o.deprecated != n.deprecated {
        let state = if n.deprecated {
            "deprecated"
        } else {
            "no longer deprecated"
        };
        at(
            K::DeprecationChanged,
            format!("operation `{}` is {state}", n.id),
            ctx,
        );
    }
    if let (Some(a), Some(b)) = ctx.documents {
        let sunset = |doc: &serde_json::Value, op: &Operation| {
            crate::raw::at(doc, &op.location)
                .and_then(|v| v.get("x-sunset"))
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        };
        let (x, y) = (sunset(a, o), sunset(b, n));
        if x != y {
            let show = |d: &Option<String>| d.as_ref().map_or("none".into(), |d| format!("`{d}`"));
            let msg = format!(
                "sunset date (`x-sunset`) of operation `{}` changed from {} to {}",
                n.id,
                show(&x),
                show(&y)
            );
            at(K::DeprecationChanged, msg, ctx);
        }
    }
    ctx.docs(&o.docs, &n.docs, &lo, &ln, &format!("operation `{}`", n.id));
    diff_security(ctx, o, n);
    for (po, pn) in match_parameters(o, n) {
        crate::parameters::diff_parameter(ctx, o, n, po, pn);
    }
    crate::parameters::diff_request_body(ctx, o, n);
    crate::responses::diff_responses(ctx, o, n);
}

fn diff_security(ctx: &mut Ctx<'_>, o: &Operation, n: &Operation) {
    let alts = |op: &Operation| -> BTreeSet<Vec<String>> {
        op.security.iter().map(|r| r.schemes.clone()).collect()
    };
    let (a, b) = (alts(o), alts(n));
    if a == b {
        return;
    }
    let show = |alt: &Vec<String>| {
        alt.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let (lo, ln) = (Some(o.location.clone()), Some(n.location.clone()));
    let id = &n.id;
    if a.is_empty() {
        let all = b.iter().map(show).collect::<Vec<_>>().join(" or ");
        let msg = format!("operation `{id}` now requires authentication ({all})");
        ctx.push(K::AuthAdded, Facts::default(), lo, ln, msg);
        return;
    }
    if b.is_empty() {
        let msg = format!("operation `{id}` no longer requires authentication");
        ctx.push(K::AuthRemoved, Facts::default(), lo, ln, msg);
        return;
    }
    for alt in a.difference(&b) {
        let msg = format!("operation `{id}` no longer accepts {}", show(alt));
        ctx.push(
            K::AuthAlternativeRemoved,
            Facts::default(),
            lo.clone(),
            ln.clone(),
            msg,
        );
    }
    for alt in b.difference(&a) {
        let msg = format!("operation `{id}` now also accepts {}", show(alt));
        ctx.push(
            K::AuthAlternativeAdded,
            Facts::default(),
            lo.clone(),
            ln.clone(),
            msg,
        );
    }
}

/// Calls `changed` with the relation and a message when two value types differ.
pub(crate) fn diff_value_type(
    ctx: &mut Ctx<'_>,
    old: &TypeRef,
    new: &TypeRef,
    mut changed: impl FnMut(&mut Ctx<'_>, Relation, String),
) {
    let relation = relate(ctx, old, new);
    if relation != Relation::Same {
        let how = match relation {
            Relation::Widened => " (widened)",
            Relation::Narrowed => " (narrowed)",
            _ => "",
        };
        let msg = format!("changed from {} to {}{how}", show(old), show(new));
        changed(ctx, relation, msg);
    }
}
