//! Rules about the API, operations, authentication, parameters, bodies and responses.

use apigen_ir::*;

use super::*;
use crate::{diff, diff_with, ChangeKind as K, Options};

fn with_op(o: Operation) -> Api {
    api(vec![o], vec![token(vec![])])
}

fn pair(edit: impl FnOnce(&mut Operation)) -> Report {
    let old = get("getToken", "/tokens/{id}");
    let mut new = old.clone();
    edit(&mut new);
    diff(&with_op(old), &with_op(new))
}

fn pair_old(setup: impl Fn(&mut Operation), edit: impl FnOnce(&mut Operation)) -> Report {
    let mut old = get("getToken", "/tokens/{id}");
    setup(&mut old);
    let mut new = old.clone();
    edit(&mut new);
    diff(&with_op(old), &with_op(new))
}

#[test]
fn identical_apis_have_no_changes() {
    let a = with_op(get("getToken", "/tokens"));
    assert!(diff(&a, &a).is_empty());
}

#[test]
fn title_and_servers() {
    let old = with_op(get("getToken", "/tokens"));
    let mut new = old.clone();
    new.title = "Other".into();
    new.servers = vec!["https://example.org".into()];
    let r = diff(&old, &new);
    expect(&r, K::TitleChanged, N, N, None);
    expect(&r, K::ServersChanged, C, N, Some(C));
}

#[test]
fn operation_added_breaks_server_implementors_only() {
    let old = with_op(get("getToken", "/tokens"));
    let mut new = old.clone();
    new.services[0]
        .operations
        .push(op("deleteToken", HttpMethod::Delete, "/tokens"));
    let r = diff(&old, &new);
    expect(&r, K::OperationAdded, C, B, Some(C));
    let r = diff(&new, &old);
    expect(&r, K::OperationRemoved, B, B, Some(B));
}

#[test]
fn renamed_operation_id_is_a_rename_not_a_removal() {
    let r = pair(|o| o.id = "GetTokenById".into());
    assert_eq!(kinds(&r), vec![K::OperationRenamed]);
    expect(&r, K::OperationRenamed, B, B, None);
}

#[test]
fn moved_operation_is_matched_by_id() {
    let r = pair(|o| {
        o.http.method = HttpMethod::Post;
        o.http.path = PathTemplate::parse("/v2/tokens/{id}").unwrap();
    });
    assert_eq!(kinds(&r), vec![K::OperationMoved]);
    expect(&r, K::OperationMoved, B, C, Some(B));
}

#[test]
fn operation_moved_to_another_service() {
    let old = with_op(get("getToken", "/tokens"));
    let mut new = old.clone();
    new.services[0].name = "keys".into();
    expect(&diff(&old, &new), K::OperationServiceChanged, N, N, None);
}

#[test]
fn path_variable_renamed() {
    let r = pair_old(
        |o| {
            o.parameters
                .push(param("id", ParameterLocation::Path, true, string()))
        },
        |o| {
            o.http.path = PathTemplate::parse("/tokens/{tokenId}").unwrap();
            o.parameters[0].name = "tokenId".into();
        },
    );
    assert_eq!(kinds(&r), vec![K::ParameterRenamed]);
    expect(&r, K::ParameterRenamed, B, B, None);
}

fn requirement(schemes: &[&str]) -> SecurityRequirement {
    SecurityRequirement {
        schemes: schemes.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn authentication_rules() {
    let r = pair(|o| o.security = vec![requirement(&["basic"])]);
    expect(&r, K::AuthAdded, B, B, Some(B));
    let secured = |o: &mut Operation| o.security = vec![requirement(&["basic"])];
    let r = pair_old(secured, |o| o.security.clear());
    expect(&r, K::AuthRemoved, C, B, Some(C));
    let r = pair_old(secured, |o| o.security.push(requirement(&["bearer"])));
    expect(&r, K::AuthAlternativeAdded, C, C, Some(C));
    let r = pair_old(secured, |o| o.security = vec![requirement(&["bearer"])]);
    expect(&r, K::AuthAlternativeRemoved, B, C, Some(B));
    expect(&r, K::AuthAlternativeAdded, C, C, Some(C));
}

fn with_scheme(kind: SecuritySchemeKind) -> Api {
    let mut a = with_op(get("getToken", "/tokens"));
    a.security_schemes = vec![SecurityScheme {
        id: "token".into(),
        kind,
        docs: Docs::default(),
    }];
    a
}

#[test]
fn security_scheme_kind_changed() {
    let bearer = with_scheme(SecuritySchemeKind::HttpBearer { format: None });
    let r = diff(&with_scheme(SecuritySchemeKind::HttpBasic), &bearer);
    expect(&r, K::SecuritySchemeChanged, B, B, Some(B));
    // An API key in `Authorization` carries the same bytes as a bearer token.
    let key = SecuritySchemeKind::ApiKey {
        name: "Authorization".into(),
        location: ParameterLocation::Header,
    };
    let r = diff(&with_scheme(key), &bearer);
    expect(&r, K::SecuritySchemeChanged, B, B, Some(C));
    // A new format hint is documentation.
    let jwt = with_scheme(SecuritySchemeKind::HttpBearer {
        format: Some("JWT".into()),
    });
    expect(&diff(&bearer, &jwt), K::DocsChanged, N, N, None);
}

#[test]
fn parameter_added() {
    let r = pair(|o| o.parameters.push(query("ttl", false)));
    expect(&r, K::ParameterAdded, C, B, Some(C));
    let r = pair(|o| o.parameters.push(query("ttl", true)));
    expect(&r, K::ParameterAdded, B, B, Some(B));
    // With non-exhaustive request structs an optional parameter is an addition.
    let opts = Options {
        exhaustive_structs: false,
        ..Options::default()
    };
    let old = with_op(get("getToken", "/tokens"));
    let mut new = old.clone();
    new.services[0].operations[0]
        .parameters
        .push(query("ttl", false));
    expect(
        &diff_with(&old, &new, &opts),
        K::ParameterAdded,
        C,
        C,
        Some(C),
    );
}

#[test]
fn parameter_removed() {
    let r = pair_old(
        |o| o.parameters.push(query("ttl", false)),
        |o| o.parameters.clear(),
    );
    expect(&r, K::ParameterRemoved, B, B, Some(C));
}

#[test]
fn parameter_requiredness() {
    let r = pair_old(
        |o| o.parameters.push(query("q", false)),
        |o| o.parameters[0].required = true,
    );
    expect(&r, K::ParameterBecameRequired, B, B, Some(B));
    let r = pair_old(
        |o| o.parameters.push(query("q", true)),
        |o| o.parameters[0].required = false,
    );
    expect(&r, K::ParameterBecameOptional, B, B, Some(C));
}

#[test]
fn parameter_type_narrowed_or_widened() {
    let int = |k| param("n", ParameterLocation::Query, false, prim(k));
    let r = pair_old(
        |o| o.parameters.push(int(PrimitiveKind::Int32)),
        |o| o.parameters[0].ty = prim(PrimitiveKind::Int64),
    );
    expect(&r, K::ParameterTypeChanged, B, B, Some(C));
    let r = pair_old(
        |o| o.parameters.push(int(PrimitiveKind::Int64)),
        |o| o.parameters[0].ty = prim(PrimitiveKind::Int32),
    );
    expect(&r, K::ParameterTypeChanged, B, B, Some(B));
}

#[test]
fn parameter_default_and_constraints() {
    let r = pair_old(
        |o| o.parameters.push(query("q", false)),
        |o| o.parameters[0].default = Some(serde_json::json!("x")),
    );
    expect(&r, K::ParameterDefaultChanged, C, B, Some(C));
    let r = pair_old(
        |o| {
            o.parameters.push(query("q", false));
            o.parameters[0].default = Some(serde_json::json!("x"));
        },
        |o| o.parameters[0].default = Some(serde_json::json!("y")),
    );
    expect(&r, K::ParameterDefaultChanged, C, C, Some(C));
    let bounded = |min: Option<f64>| {
        let mut p = Primitive::new(PrimitiveKind::Int32);
        p.constraints.minimum = min;
        TypeRef::Primitive(p)
    };
    let r = pair_old(
        |o| {
            o.parameters.push(param(
                "n",
                ParameterLocation::Query,
                false,
                bounded(Some(1.0)),
            ))
        },
        |o| o.parameters[0].ty = bounded(Some(10.0)),
    );
    expect(&r, K::ParameterConstraintsChanged, B, C, Some(B));
    let r = pair_old(
        |o| {
            o.parameters.push(param(
                "n",
                ParameterLocation::Query,
                false,
                bounded(Some(10.0)),
            ))
        },
        |o| o.parameters[0].ty = bounded(None),
    );
    expect(&r, K::ParameterConstraintsChanged, C, C, Some(C));
}

#[test]
fn request_body_rules() {
    let r = pair(|o| o.request_body = Some(body(string(), true)));
    expect(&r, K::RequestBodyAdded, B, B, Some(B));
    let with_body = |o: &mut Operation| o.request_body = Some(body(string(), true));
    let r = pair_old(with_body, |o| o.request_body = None);
    expect(&r, K::RequestBodyRemoved, B, B, Some(B));
    let r = pair_old(with_body, |o| {
        o.request_body.as_mut().unwrap().required = false
    });
    expect(&r, K::RequestBodyBecameOptional, B, B, Some(C));
    let r = pair_old(
        |o| o.request_body = Some(body(string(), false)),
        |o| o.request_body.as_mut().unwrap().required = true,
    );
    expect(&r, K::RequestBodyBecameRequired, B, B, Some(B));
    let r = pair_old(with_body, |o| {
        o.request_body.as_mut().unwrap().ty = TypeRef::Any
    });
    expect(&r, K::RequestBodyTypeChanged, B, B, Some(C));
    let r = pair_old(with_body, |o| {
        let b = o.request_body.as_mut().unwrap();
        b.media_type = "text/plain".into();
        b.encoding = BodyEncoding::Bytes;
    });
    expect(&r, K::RequestBodyMediaTypeChanged, C, C, Some(B));
}

#[test]
fn response_rules() {
    let r = pair(|o| o.responses.push(response(404, None)));
    expect(&r, K::ResponseAdded, C, B, Some(C));
    let r = diff_with(
        &with_op(get("getToken", "/tokens")),
        &with_op({
            let mut o = get("getToken", "/tokens");
            o.responses.push(response(404, None));
            o
        }),
        &Options {
            exhaustive_enums: false,
            ..Options::default()
        },
    );
    expect(&r, K::ResponseAdded, C, C, Some(C));
    let r = pair_old(
        |o| o.responses.push(response(404, None)),
        |o| o.responses.truncate(1),
    );
    expect(&r, K::ResponseRemoved, C, B, Some(C));
    let r = pair(|o| o.responses[0].body = None);
    expect(&r, K::ResponseBodyRemoved, B, B, Some(B));
    let r = pair_old(
        |o| o.responses[0].body = None,
        |o| o.responses[0] = response(200, Some(string())),
    );
    expect(&r, K::ResponseBodyAdded, B, B, Some(C));
    let r = pair(|o| o.responses[0].body.as_mut().unwrap().ty = TypeRef::Any);
    expect(&r, K::ResponseBodyTypeChanged, B, B, Some(B));
    let r = pair(|o| o.responses[0].body.as_mut().unwrap().media_type = "application/xml".into());
    expect(&r, K::ResponseMediaTypeChanged, C, C, Some(B));
}

fn header(name: &str, required: bool, kind: PrimitiveKind) -> Header {
    Header {
        name: name.into(),
        ty: prim(kind),
        required,
        docs: Docs::default(),
    }
}

#[test]
fn response_header_rules() {
    let r = pair(|o| {
        o.responses[0]
            .headers
            .push(header("X-Limit", false, PrimitiveKind::Int32))
    });
    expect(&r, K::ResponseHeaderAdded, C, B, Some(C));
    let with = |o: &mut Operation| {
        o.responses[0]
            .headers
            .push(header("X-Limit", true, PrimitiveKind::Int32))
    };
    let r = pair_old(with, |o| o.responses[0].headers.clear());
    expect(&r, K::ResponseHeaderRemoved, B, B, Some(B));
    let r = pair_old(with, |o| {
        o.responses[0].headers[0].ty = prim(PrimitiveKind::Int64)
    });
    expect(&r, K::ResponseHeaderTypeChanged, B, B, Some(B));
    // Header names ignore case.
    let r = pair_old(with, |o| o.responses[0].headers[0].name = "x-limit".into());
    assert!(r.is_empty(), "{r:#?}");
}

#[test]
fn deprecation_and_docs() {
    let r = pair(|o| o.deprecated = true);
    expect(&r, K::DeprecationChanged, C, N, None);
    let r = pair(|o| o.docs = Docs::description("Gets a token."));
    expect(&r, K::DocsChanged, N, N, None);
    assert_eq!(r.semver_bump(), crate::Bump::Patch);
    // Whitespace alone is no change.
    let r = pair_old(
        |o| o.docs = Docs::description("Gets  a\ntoken."),
        |o| o.docs = Docs::description("Gets a token."),
    );
    assert!(r.is_empty());
}

#[test]
fn operation_rename_of_case_only_keeps_the_method() {
    let r = pair(|o| o.id = "GetToken".into());
    expect(&r, K::OperationRenamed, N, N, None);
    assert!(r.changes[0].message.contains("stay the same"), "{r:#?}");
}

fn part(field: &str, media_type: &str) -> PartType {
    PartType {
        field: field.into(),
        media_type: media_type.into(),
    }
}

#[test]
fn part_media_types_are_compared() {
    let multipart = |o: &mut Operation| {
        let mut b = body(string(), true);
        b.media_type = "multipart/form-data".into();
        b.encoding = BodyEncoding::Multipart;
        b.parts = vec![part("file", "image/png"), part("note", "text/markdown")];
        o.request_body = Some(b);
        let r = o.responses[0].body.as_mut().unwrap();
        r.media_type = "multipart/form-data".into();
        r.encoding = BodyEncoding::Multipart;
        r.parts = vec![part("file", "image/png")];
    };
    let r = pair_old(multipart, |o| {
        o.request_body.as_mut().unwrap().parts[0].media_type = "image/jpeg".into()
    });
    expect(&r, K::PartMediaTypeChanged, C, C, Some(B));
    assert_eq!(
        one(&r, K::PartMediaTypeChanged).message,
        "part `file` of the request body of `getToken` is sent as `image/jpeg` instead of `image/png`"
    );
    // Removed from the encoding object: back to the default; case alone is no change.
    let r = pair_old(multipart, |o| {
        let b = o.request_body.as_mut().unwrap();
        b.parts = vec![part("note", "Text/Markdown")];
    });
    assert_eq!(kinds(&r), vec![K::PartMediaTypeChanged]);
    let message = &one(&r, K::PartMediaTypeChanged).message;
    assert!(message.ends_with("is sent as the default instead of `image/png`"), "{message}");
    let r = pair_old(multipart, |o| {
        o.responses[0].body.as_mut().unwrap().parts.push(part("note", "text/plain"))
    });
    assert_eq!(
        one(&r, K::PartMediaTypeChanged).message,
        "part `note` of response 200 of `getToken` is sent as `text/plain` instead of the default"
    );
    let r = pair_old(multipart, |_| {});
    assert!(kinds(&r).is_empty());
}
