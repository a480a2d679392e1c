//! End to end: the generated Cloudforet identity client (`cloudforet-identity-client`) against a
//! small in-memory identity service built on the generated server stub
//! (`cloudforet-identity-server`), over real TCP on 127.0.0.1.
//!
//! The service ([`Identity`]) keeps a users table per domain, issues opaque access and refresh
//! tokens for LOCAL credentials (`issue`, honouring `timeout`) and grants scoped access tokens
//! for refresh tokens it issued (`grant`, scopes DOMAIN, WORKSPACE and USER). Its errors are sent
//! through the operations' `Error` variants with the `google.rpc.Status`-like default body, their
//! gRPC codes following the HTTP status (401 → UNAUTHENTICATED 16, 400 → INVALID_ARGUMENT 3,
//! 403 → PERMISSION_DENIED 7, 404 → NOT_FOUND 5).
//!
//! Covered: both rpcs' success paths (through the client and raw, checking the snake_case JSON
//! on the wire), errors from the implementation (bad credentials, unknown domain, bad scope,
//! bogus or expired refresh tokens), requests the generated router refuses before the
//! implementation runs (unknown enum values, missing fields, malformed JSON, wrong media type,
//! oversized bodies: always a 4xx with an error body, never a 500), routing errors, `+noauth`
//! (no `Authorization` header even from a client holding a bearer token, checked against a
//! capturing listener), and 64 concurrent calls. Time is a logical clock advanced by the tests:
//! nothing sleeps.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::{HeaderMap, StatusCode};
use cloudforet_identity_client::models::{
    GrantTokenInfo, GrantTokenInfoRoleType as RoleType, GrantTokenRequest,
    GrantTokenRequestGrantType as GrantType, GrantTokenRequestScope as Scope, IssueTokenRequest,
    IssueTokenRequestAuthType as AuthType, TokenInfo,
};
use cloudforet_identity_client::{Client, Credentials, Error};
use cloudforet_identity_server::{
    ErrorStatus, GrantRequest, GrantResponse, IssueRequest, IssueResponse, TokenApi,
};
use serde_json::{json, Value};

#[path = "e2e_cloudforet/grant.rs"]
mod grant;
#[path = "e2e_cloudforet/harness.rs"]
mod harness;
#[path = "e2e_cloudforet/service.rs"]
mod service;
#[path = "e2e_cloudforet/wire.rs"]
mod wire;
use harness::*;
use service::*;

const DOMAIN: &str = "domain-123123a";
const OTHER_DOMAIN: &str = "domain-456456b";
const ADMIN: &str = "wonny@cloudforet.io";
const ADMIN_PASSWORD: &str = "Password0*";
const MEMBER: &str = "member@cloudforet.io";
const MEMBER_PASSWORD: &str = "Member0*";
const WORKSPACE: &str = "workspace-1";
const OTHER_WORKSPACE: &str = "workspace-2";

/// Lifetime of access tokens when `timeout` is not sent (seconds).
const DEFAULT_TIMEOUT: i64 = 1800;
/// Lifetime of refresh tokens (seconds).
const REFRESH_LIFETIME: i64 = 3 * 3600;

const ISSUE: &str = "/identity/v2/token/issue";
const GRANT: &str = "/identity/v2/token/grant";

// ---------------------------------------------------------------------------------------------
// issue
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn issue_returns_tokens() {
    let s = start().await;
    let response = s
        .client()
        .issue(issue_request(ADMIN, ADMIN_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let info = response.into_inner();
    assert!(info.access_token.starts_with("access-"), "{info:?}");
    assert!(info.refresh_token.starts_with("refresh-"), "{info:?}");
    assert_eq!(
        s.identity.access_expires_in(&info.access_token),
        Some(DEFAULT_TIMEOUT)
    );

    // Every call issues new tokens; auth_type may be left out (LOCAL) or sent as NONE.
    let mut request = issue_request(ADMIN, ADMIN_PASSWORD);
    request.auth_type = AuthType::default();
    let again = s.client().issue(request.clone()).send().await.unwrap();
    assert_ne!(again.access_token, info.access_token);
    assert_ne!(again.refresh_token, info.refresh_token);
    request.auth_type = AuthType::None;
    s.client().issue(request).send().await.unwrap();

    // Users are per domain: the same user id, another password.
    let mut other = issue_request(ADMIN, "Other0*");
    other.domain_id = OTHER_DOMAIN.to_string();
    s.client().issue(other).send().await.unwrap();
    assert_eq!(s.identity.access_token_count(), 4);
}

#[tokio::test]
async fn issue_timeout_is_honoured() {
    let s = start().await;
    let client = s.client();
    let mut request = issue_request(ADMIN, ADMIN_PASSWORD);
    request.timeout = 5;
    let info = client.issue(request.clone()).send().await.unwrap();
    assert_eq!(s.identity.access_expires_in(&info.access_token), Some(5));
    s.identity.advance(2);
    assert_eq!(s.identity.access_expires_in(&info.access_token), Some(3));

    for bad in [-1, i32::MIN] {
        request.timeout = bad;
        let (status, message) = api_error(client.issue(request.clone()).send().await);
        assert_eq!(status, 400, "{bad}");
        assert!(message.contains("timeout"), "{message}");
    }
}

#[tokio::test]
async fn issue_with_bad_credentials_is_401() {
    let s = start().await;
    let client = s.client();

    let result = client.issue(issue_request(ADMIN, "wrong")).send().await;
    let e = result.as_ref().unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(e.api_body().unwrap()["code"], 16);
    assert_eq!(
        api_error(result),
        (401, "invalid user_id or password".into())
    );

    // An unknown user gets the same answer (no user enumeration).
    let result = client.issue(issue_request("nobody", "x")).send().await;
    assert_eq!(
        api_error(result),
        (401, "invalid user_id or password".into())
    );

    // Passwords are per domain.
    let mut other = issue_request(ADMIN, ADMIN_PASSWORD);
    other.domain_id = OTHER_DOMAIN.to_string();
    assert_eq!(api_error(client.issue(other).send().await).0, 401);
    assert_eq!(s.identity.access_token_count(), 0);
}

#[tokio::test]
async fn issue_errors_from_the_implementation() {
    let s = start().await;
    let client = s.client();

    let mut request = issue_request(ADMIN, ADMIN_PASSWORD);
    request.domain_id = "domain-nope".into();
    let (status, message) = api_error(client.issue(request).send().await);
    assert_eq!(
        (status, message.as_str()),
        (404, "domain `domain-nope` not found")
    );

    for auth_type in [AuthType::External, AuthType::Mfa] {
        let mut request = issue_request(ADMIN, ADMIN_PASSWORD);
        request.auth_type = auth_type.clone();
        let (status, message) = api_error(client.issue(request).send().await);
        assert_eq!(status, 400);
        assert!(message.contains(auth_type.as_str()), "{message}");
    }

    // The credentials Struct must carry user_id and password as strings.
    let cases = [
        (json!({}), "credentials.user_id"),
        (json!({"user_id": ADMIN}), "credentials.password"),
        (
            json!({"user_id": 7, "password": "x"}),
            "credentials.user_id",
        ),
        (
            json!({"user_id": ADMIN, "password": null}),
            "credentials.password",
        ),
    ];
    for (credentials, field) in cases {
        let mut request = issue_request(ADMIN, ADMIN_PASSWORD);
        request.credentials = serde_json::from_value(credentials).unwrap();
        let (status, message) = api_error(client.issue(request).send().await);
        assert_eq!(status, 400);
        assert!(message.contains(field), "{message}");
    }
    assert_eq!(s.identity.access_token_count(), 0);
}

#[tokio::test]
async fn bad_requests_are_refused_by_the_router() {
    let s = start().await;
    let valid = json!({
        "credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD},
        "domain_id": DOMAIN,
    });
    let with = |key: &str, value: Value| {
        let mut body = valid.clone();
        body[key] = value;
        body
    };
    let without = |key: &str| {
        let mut body = valid.clone();
        body.as_object_mut().unwrap().remove(key);
        body
    };

    // Values the schema does not allow: 400, the message naming what is wrong.
    let cases = [
        (with("auth_type", json!("SAML")), "SAML"),
        (with("auth_type", json!("local")), "local"),
        (with("timeout", json!("sixty")), "sixty"),
        (with("timeout", json!(1e12)), "out of range for int32"),
        (with("timeout", json!(1.5)), "not an integer"),
        (
            with("timeout", json!(99_999_999_999_i64)),
            "out of range for int32",
        ),
        (with("domain_id", json!(42)), "expected a string"),
        (with("credentials", json!("user:pw")), "expected a map"),
        (without("domain_id"), "`domain_id` is required"),
        (with("domain_id", json!("")), "`domain_id` is required"),
        (without("credentials"), "`credentials` is required"),
        (json!([]), "expected struct IssueTokenRequest"),
        (json!(null), "null"),
    ];
    for (body, needle) in cases {
        let (status, message) = raw_error(s.post_json(ISSUE, &body).await).await;
        assert_eq!(status, 400, "{body}");
        assert!(message.contains(needle), "{body}: {message}");
    }

    // Bodies that are not JSON at all.
    for text in ["{", "", "not json", "{\"domain_id\": \"x\",}", "\u{feff}{}"] {
        let response = s.post_raw(ISSUE, "application/json", text).await;
        assert_eq!(raw_error(response).await.0, 400, "{text:?}");
    }
    let response = s.post_raw(GRANT, "application/json", "{\"token\":").await;
    assert_eq!(raw_error(response).await.0, 400);

    // A media type other than JSON.
    let form = "domain_id=x";
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let response = s.post_raw(ISSUE, content_type, form).await;
        let (status, message) = raw_error(response).await;
        assert_eq!(status, 415, "{content_type}");
        assert!(message.contains(content_type), "{message}");
    }
    // Bodies over the 2 MiB limit.
    let huge = format!("{{\"domain_id\": \"{}\"}}", "x".repeat(3 << 20));
    let response = s.post_raw(ISSUE, "application/json", &huge).await;
    assert_eq!(raw_error(response).await.0, 413);

    // Media type parameters are fine.
    let response = s
        .post_raw(ISSUE, "application/json; charset=utf-8", &valid.to_string())
        .await;
    assert_eq!(response.status(), 200);

    // None of this reached the implementation except the last request.
    assert_eq!(s.identity.access_token_count(), 1);
}

/// One request as a capturing listener saw it.
#[derive(Debug, Clone)]
struct Captured {
    path: String,
    headers: HeaderMap,
    body: Value,
}

/// Starts a listener that records every request and answers 200 with a body that decodes as
/// both `TokenInfo` and `GrantTokenInfo`.
async fn capture() -> (String, Arc<Mutex<Vec<Captured>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let log = log.clone();
        async move {
            let (parts, body) = request.into_parts();
            let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
            log.lock().unwrap().push(Captured {
                path: parts.uri.path().to_string(),
                headers: parts.headers,
                body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            });
            axum::Json(json!({
                "access_token": "a",
                "refresh_token": "r",
                "role_type": "USER",
                "domain_id": DOMAIN,
                "workspace_id": "",
                "role_id": "",
            }))
        }
    });
    (serve(app).await, seen)
}

#[tokio::test]
async fn noauth_rpcs_send_no_credentials() {
    let (base, seen) = capture().await;
    let client = Client::builder(&base)
        .credentials(Credentials::bearer("secret-access-token"))
        .credentials(Credentials::basic("someone", "secret-password"))
        .build()
        .unwrap();
    let mut issue = issue_request(ADMIN, ADMIN_PASSWORD);
    issue.timeout = 60;
    client.issue(issue).send().await.unwrap();
    let mut grant = grant_request("refresh-1", Scope::Workspace);
    grant.workspace_id = WORKSPACE.into();
    client.grant(grant).send().await.unwrap();

    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(),
        [ISSUE, GRANT]
    );
    for request in &seen {
        assert!(
            !request.headers.contains_key("authorization"),
            "{:?}",
            request.headers
        );
        assert!(!request.headers.contains_key("cookie"));
        assert_eq!(request.headers["content-type"], "application/json");
        assert_eq!(request.headers["accept"], "application/json");
    }

    // The server does not look at credentials either: even unreadable ones are ignored.
    let s = start().await;
    let response = reqwest::Client::new()
        .post(s.url(ISSUE))
        .header("authorization", "Digest garbage")
        .json(&issue_request(ADMIN, ADMIN_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    // The client's own encoding: snake_case names, enum names, optional fields left out.
    assert_eq!(
        seen[0].body,
        json!({
            "credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD},
            "domain_id": DOMAIN,
            "auth_type": "LOCAL",
            "timeout": 60,
        })
    );
    assert_eq!(
        seen[1].body,
        json!({
            "grant_type": "REFRESH_TOKEN",
            "token": "refresh-1",
            "scope": "WORKSPACE",
            "domain_id": DOMAIN,
            "workspace_id": WORKSPACE,
        })
    );
}

#[tokio::test]
async fn routing_errors_have_bodies() {
    let s = start().await;
    let http = reqwest::Client::new();

    for path in [
        "/identity/v2/token/nope",
        "/",
        "/identity/v2/token/issue/extra",
    ] {
        let response = http.post(s.url(path)).send().await.unwrap();
        let (status, message) = raw_error(response).await;
        assert_eq!(status, 404, "{path}");
        assert!(message.contains(path), "{message}");
    }

    for path in [ISSUE, GRANT] {
        for method in [
            reqwest::Method::GET,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
        ] {
            let response = http
                .request(method.clone(), s.url(path))
                .send()
                .await
                .unwrap();
            let allow = response.headers()["allow"].to_str().unwrap().to_string();
            assert!(allow.contains("POST"), "{allow}");
            let (status, message) = raw_error(response).await;
            assert_eq!(status, 405, "{method} {path}");
            assert!(message.contains(method.as_str()), "{message}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_issues_all_succeed() {
    let s = start().await;
    let client = s.client();
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..64 {
        let client = client.clone();
        let (user, password) = if i % 2 == 0 {
            (ADMIN, ADMIN_PASSWORD)
        } else {
            (MEMBER, MEMBER_PASSWORD)
        };
        calls.spawn(async move { client.issue(issue_request(user, password)).send().await });
    }
    let mut access = BTreeSet::new();
    let mut refresh = BTreeSet::new();
    while let Some(result) = calls.join_next().await {
        let info = result.unwrap().unwrap().into_inner();
        access.insert(info.access_token);
        refresh.insert(info.refresh_token);
    }
    assert_eq!((access.len(), refresh.len()), (64, 64), "tokens are unique");
    assert_eq!(s.identity.access_token_count(), 64);
}

