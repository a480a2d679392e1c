//! Responses of a matched operation: statuses, bodies and headers.

use apigen_ir::{Header, Operation, Response};

use crate::ctx::{child, show, Ctx};
use crate::operations::diff_value_type;
use crate::report::ChangeKind as K;
use crate::rules::{Dir, Facts};

fn location(op: &Operation, r: &Response) -> String {
    let status = r.status.to_string();
    child(
        &op.location,
        &["responses", &status],
        &format!("response {status}"),
    )
}

/// Responses matched by status.
pub(crate) fn diff_responses(ctx: &mut Ctx<'_>, o: &Operation, n: &Operation) {
    let id = &n.id;
    for ro in &o.responses {
        match n.responses.iter().find(|r| r.status == ro.status) {
            Some(rn) => diff_response(ctx, o, n, ro, rn),
            None => {
                let msg = format!("response {} of `{id}` removed", ro.status);
                ctx.push(
                    K::ResponseRemoved,
                    Facts::default(),
                    Some(location(o, ro)),
                    None,
                    msg,
                );
            }
        }
    }
    for rn in &n.responses {
        if !o.responses.iter().any(|r| r.status == rn.status) {
            let body = rn
                .body
                .as_ref()
                .map(|b| format!(" ({})", show(&b.ty)))
                .unwrap_or_default();
            let msg = format!("response {}{body} added to `{id}`", rn.status);
            ctx.push(
                K::ResponseAdded,
                Facts::default(),
                None,
                Some(location(n, rn)),
                msg,
            );
        }
    }
}

fn diff_response(ctx: &mut Ctx<'_>, o: &Operation, n: &Operation, ro: &Response, rn: &Response) {
    let (lo, ln) = (location(o, ro), location(n, rn));
    let what = format!("response {} of `{}`", rn.status, n.id);
    let push = |ctx: &mut Ctx<'_>, kind, facts, msg: String| {
        ctx.push(kind, facts, Some(lo.clone()), Some(ln.clone()), msg)
    };
    match (&ro.body, &rn.body) {
        (None, None) => {}
        (Some(b), None) => {
            push(
                ctx,
                K::ResponseBodyRemoved,
                Facts::default(),
                format!("body ({}) of {what} removed", show(&b.ty)),
            );
        }
        (None, Some(b)) => {
            push(
                ctx,
                K::ResponseBodyAdded,
                Facts::default(),
                format!("body ({}) added to {what}", show(&b.ty)),
            );
        }
        (Some(bo), Some(bn)) => {
            let offered = crate::parameters::media_sets(ctx, &lo, &ln);
            let mut compare_types = true;
            if let Some((a, b)) = &offered {
                for m in a.iter().filter(|m| !b.contains(m)) {
                    let msg = format!("{what} no longer offers `{m}`");
                    push(ctx, K::ResponseMediaTypeRemoved, Facts::default(), msg);
                }
                for m in b.iter().filter(|m| !a.contains(m)) {
                    let msg = format!("{what} now also offers `{m}`");
                    push(ctx, K::ResponseMediaTypeAdded, Facts::default(), msg);
                }
                compare_types = bo.media_type == bn.media_type
                    || !b.contains(&bo.media_type.to_ascii_lowercase());
            } else if bo.media_type != bn.media_type || bo.encoding != bn.encoding {
                let msg = format!(
                    "media type of {what} changed from `{}` to `{}`",
                    bo.media_type, bn.media_type
                );
                push(ctx, K::ResponseMediaTypeChanged, Facts::default(), msg);
            }
            let parts = crate::parts::changed_parts(
                (&bo.encoding, &bo.parts),
                (&bn.encoding, &bn.parts),
                &what,
            );
            for msg in parts {
                push(ctx, K::PartMediaTypeChanged, Facts::default(), msg);
            }
            if !compare_types {
                // Another media type chosen while the old one is still offered.
            } else {
                diff_value_type(ctx, &bo.ty, &bn.ty, |ctx, relation, msg| {
                    let facts = Facts {
                        relation,
                        dir: Dir::RESPONSE,
                        ..Facts::default()
                    };
                    push(
                        ctx,
                        K::ResponseBodyTypeChanged,
                        facts,
                        format!("body of {what} {msg}"),
                    );
                });
            }
        }
    }
    ctx.docs(&ro.docs, &rn.docs, &lo, &ln, &what);
    for ho in &ro.headers {
        match rn
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(&ho.name))
        {
            Some(hn) => diff_header(ctx, (o, ro, ho), (n, rn, hn), &what),
            None => {
                let facts = Facts {
                    required: ho.required,
                    ..Facts::default()
                };
                let msg = format!("header `{}` of {what} removed", ho.name);
                let lo = header_location(o, ro, ho);
                ctx.push(K::ResponseHeaderRemoved, facts, Some(lo), None, msg);
            }
        }
    }
    for hn in &rn.headers {
        if !ro
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(&hn.name))
        {
            let facts = Facts {
                required: hn.required,
                ..Facts::default()
            };
            let msg = format!("header `{}` ({}) added to {what}", hn.name, show(&hn.ty));
            let ln = header_location(n, rn, hn);
            ctx.push(K::ResponseHeaderAdded, facts, None, Some(ln), msg);
        }
    }
}

fn header_location(op: &Operation, r: &Response, h: &Header) -> String {
    let status = r.status.to_string();
    child(
        &op.location,
        &["responses", &status, "headers", &h.name],
        &format!("response {status} header {}", h.name),
    )
}

type At<'a> = (&'a Operation, &'a Response, &'a Header);

fn diff_header(ctx: &mut Ctx<'_>, (o, ro, ho): At<'_>, (n, rn, hn): At<'_>, what: &str) {
    let (lo, ln) = (header_location(o, ro, ho), header_location(n, rn, hn));
    let name = &hn.name;
    diff_value_type(ctx, &ho.ty, &hn.ty, |ctx, relation, msg| {
        let facts = Facts {
            relation,
            dir: Dir::RESPONSE,
            ..Facts::default()
        };
        let msg = format!("type of header `{name}` of {what} {msg}");
        ctx.push(
            K::ResponseHeaderTypeChanged,
            facts,
            Some(lo.clone()),
            Some(ln.clone()),
            msg,
        );
    });
    ctx.docs(
        &ho.docs,
        &hn.docs,
        &lo,
        &ln,
        &format!("header `{name}` of {what}"),
    );
}
