//! The API as a whole: title, servers, docs and the definitions of its security schemes.

use apigen_ir::{Api, ParameterLocation, SecuritySchemeKind};

use crate::ctx::{child, Ctx};
use crate::parameters::place;
use crate::report::ChangeKind as K;
use crate::rules::{Facts, Relation};

/// Title, servers, docs and security scheme definitions.
pub(crate) fn diff_api(ctx: &mut Ctx<'_>) {
    let (old, new) = (ctx.old, ctx.new);
    let info = api_location(old, "info");
    let info_new = api_location(new, "info");
    if old.title != new.title {
        let msg = format!("title changed from `{}` to `{}`", old.title, new.title);
        ctx.push(
            K::TitleChanged,
            Facts::default(),
            Some(info.clone()),
            Some(info_new.clone()),
            msg,
        );
    }
    ctx.docs(&old.docs, &new.docs, &info, &info_new, "the API");
    if old.servers != new.servers {
        let list = |s: &[String]| {
            if s.is_empty() {
                "none".to_string()
            } else {
                s.iter()
                    .map(|u| format!("`{u}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let msg = format!(
            "servers changed from {} to {}",
            list(&old.servers),
            list(&new.servers)
        );
        let (lo, ln) = (api_location(old, "servers"), api_location(new, "servers"));
        ctx.push(K::ServersChanged, Facts::default(), Some(lo), Some(ln), msg);
    }
    for s in &old.security_schemes {
        let Some(n) = new.security_scheme(&s.id) else {
            continue;
        };
        let lo = scheme_location(old, &s.id);
        let ln = scheme_location(new, &s.id);
        use SecuritySchemeKind::HttpBearer;
        match (&s.kind, &n.kind) {
            (a, b) if a == b => {}
            (HttpBearer { format: a }, HttpBearer { format: b }) => {
                let show =
                    |f: &Option<String>| f.as_ref().map_or("none".into(), |f| format!("`{f}`"));
                let msg = format!(
                    "bearer format hint of security scheme `{}` changed from {} to {}",
                    s.id,
                    show(a),
                    show(b)
                );
                ctx.push(
                    K::DocsChanged,
                    Facts::default(),
                    Some(lo.clone()),
                    Some(ln.clone()),
                    msg,
                );
            }
            (a, b) => {
                let same = same_on_wire(a, b);
                let note = if same {
                    " (the same `Authorization` header on the wire)"
                } else {
                    ""
                };
                let msg = format!(
                    "security scheme `{}` changed from {} to {}{note}",
                    s.id,
                    scheme_kind(a),
                    scheme_kind(b)
                );
                let relation = if same {
                    Relation::Same
                } else {
                    Relation::Changed
                };
                let facts = Facts {
                    relation,
                    ..Facts::default()
                };
                ctx.push(
                    K::SecuritySchemeChanged,
                    facts,
                    Some(lo.clone()),
                    Some(ln.clone()),
                    msg,
                );
            }
        }
        let what = format!("security scheme `{}`", s.id);
        ctx.docs(&s.docs, &n.docs, &lo, &ln, &what);
    }
}

fn scheme_kind(k: &SecuritySchemeKind) -> String {
    use SecuritySchemeKind::*;
    match k {
        HttpBasic => "HTTP Basic".to_string(),
        HttpBearer { .. } => "HTTP Bearer".to_string(),
        ApiKey { name, location } => format!("an API key in the {} `{name}`", place(*location)),
    }
}

/// Whether two schemes send the credential the same way: a bearer token and an API key in the
/// `Authorization` header (whose value carries the `Bearer` prefix).
fn same_on_wire(a: &SecuritySchemeKind, b: &SecuritySchemeKind) -> bool {
    use SecuritySchemeKind::*;
    let authorization = |k: &SecuritySchemeKind| match k {
        ApiKey { name, location } => {
            *location == ParameterLocation::Header && name.eq_ignore_ascii_case("authorization")
        }
        HttpBearer { .. } => true,
        HttpBasic => false,
    };
    authorization(a) && authorization(b)
}

/// Whether an API's locations are JSON pointers (OpenAPI) rather than proto names.
fn is_openapi(api: &Api) -> bool {
    api.operations().any(|o| o.location.starts_with('#'))
        || api.types.iter().any(|t| t.location.starts_with('#'))
}

fn api_location(api: &Api, what: &str) -> String {
    if is_openapi(api) {
        format!("#/{what}")
    } else {
        api.title.clone()
    }
}

fn scheme_location(api: &Api, id: &str) -> String {
    if is_openapi(api) {
        child("#/components/securitySchemes", &[id], id)
    } else {
        format!("security scheme `{id}`")
    }
}
