//! The reference server (`ionos-auth-mock`, our generated server stub with an in-memory
//! implementation) driven by a client progenitor generated from the same spec: every
//! operation, and every error status the spec documents that the server can produce
//! (400, 401, 403, 404, 429). Over real TCP on 127.0.0.1; each test starts its own server.
//! (422 and 500 are documented but the reference server has no path to them.)

use std::time::Duration;

use apigen_progenitor_interop::{types, Client, Error};
use base64::Engine as _;
use ionos_auth_mock::{AuthMock, Config, RateLimit, User, DEMO_CONTRACT, DEMO_PASSWORD, DEMO_USER};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};

/// A running mock and its base URL.
struct Server {
    mock: AuthMock,
    base: String,
}

async fn start(config: Config) -> Server {
    let (mock, base) = ionos_auth_mock::spawn_local(config).await.unwrap();
    Server { mock, base }
}

impl Server {
    /// A progenitor client sending `authorization` with every request, as progenitor expects
    /// credentials to be set (it has no notion of the spec's security schemes).
    fn client(&self, authorization: Option<String>) -> Client {
        let mut headers = HeaderMap::new();
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, HeaderValue::from_str(&value).unwrap());
        }
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap();
        Client::new_with_client(&self.base, http)
    }

    fn basic(&self, user: &str, password: &str) -> Client {
        let pair = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.client(Some(format!("Basic {pair}")))
    }

    fn demo(&self) -> Client {
        self.basic(DEMO_USER, DEMO_PASSWORD)
    }

    fn bearer(&self, token: &str) -> Client {
        self.client(Some(format!("Bearer {token}")))
    }
}

/// The token id (`kid`) of a JWT.
fn kid(jwt: &str) -> String {
    let header = jwt.split('.').next().unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .unwrap();
    let header: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    header["kid"].as_str().unwrap().to_string()
}

/// Status and first error code of a documented error response, checking the `Error` body.
fn documented<T: std::fmt::Debug>(result: Result<T, Error<types::Error>>) -> (u16, String) {
    match result.unwrap_err() {
        Error::ErrorResponse(r) => {
            let status = r.status().as_u16();
            let body = r.into_inner();
            assert_eq!(body.http_status, Some(i32::from(status)));
            let code = body.messages[0].error_code.clone().unwrap();
            (status, code)
        }
        other => panic!("expected a documented error response, got {other:?}"),
    }
}

async fn new_token(client: &Client) -> String {
    let jwt = client.create_token().ttl(3600).send().await.unwrap();
    assert_eq!(jwt.status(), 200);
    jwt.into_inner().token.unwrap()
}

async fn ids(client: &Client) -> Vec<String> {
    let all = client.get_all_tokens().send().await.unwrap().into_inner();
    let mut ids: Vec<String> = all.tokens.into_iter().map(|t| t.id).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn every_operation_succeeds() {
    let s = start(Config::default()).await;
    let demo = s.demo();

    // CreateToken, GetAllTokens (with the rate-limit headers the spec declares).
    let jwt = new_token(&demo).await;
    let listed = demo.get_all_tokens().send().await.unwrap();
    assert!(listed.headers().contains_key("x-ratelimit-remaining"));
    let tokens = listed.into_inner().tokens;
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].id, kid(&jwt));
    assert!(tokens[0].href.ends_with(&format!("/tokens/{}", kid(&jwt))));
    assert!(chrono::DateTime::parse_from_rfc3339(&tokens[0].expiration_date).is_ok());

    // GetTokenById, with the contract number header.
    let one = demo
        .get_token_by_id()
        .token_id(kid(&jwt))
        .x_contract_number(DEMO_CONTRACT)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(one.id, kid(&jwt));
    assert_eq!(one.created_date, tokens[0].created_date);

    // DeleteTokenById.
    let gone = demo
        .delete_token_by_id()
        .token_id(kid(&jwt))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.into_inner().success, Some(true));
    assert!(ids(&demo).await.is_empty());

    // DeleteTokenByCriteria: EXPIRED, CURRENT (with a token), ALL.
    let a = new_token(&demo).await;
    let b = new_token(&demo).await;
    let expired = s.mock.issue_token(DEMO_USER, DEMO_CONTRACT, -10).unwrap();
    let criteria = |c| demo.delete_token_by_criteria().criteria(c);
    criteria(types::DeleteCriteria::Expired).send().await.unwrap();
    let mut both = vec![kid(&a), kid(&b)];
    both.sort();
    assert_eq!(ids(&demo).await, both);
    assert!(!ids(&demo).await.contains(&kid(&expired)));
    let current = s
        .bearer(&a)
        .delete_token_by_criteria()
        .criteria(types::DeleteCriteria::Current)
        .send()
        .await
        .unwrap();
    assert_eq!(current.into_inner().success, Some(true));
    assert_eq!(ids(&demo).await, vec![kid(&b)]);
    criteria(types::DeleteCriteria::All).send().await.unwrap();
    assert!(ids(&demo).await.is_empty());
}

#[tokio::test]
async fn documented_errors() {
    let s = start(Config {
        users: vec![
            User::new(DEMO_USER, DEMO_PASSWORD, &[DEMO_CONTRACT]),
            User::new("multi", "multi-pw", &[1, 2]),
        ],
        ..Config::default()
    })
    .await;
    let demo = s.demo();

    // 400: progenitor does not check the spec's bounds on `ttl`; the server does.
    let e = demo.create_token().ttl(10).send().await;
    assert_eq!(documented(e).0, 400);
    // 400: a user with several contracts must say which.
    let multi = s.basic("multi", "multi-pw");
    let e = multi.get_all_tokens().send().await;
    assert_eq!(documented(e), (400, "CONTRACT_REQUIRED".into()));

    // 401: no credentials, a wrong password, a token this server did not sign, an expired
    // token, and CURRENT with Basic credentials (it needs a token).
    let e = s.client(None).get_all_tokens().send().await;
    assert_eq!(documented(e).0, 401);
    let e = s.basic(DEMO_USER, "wrong").create_token().send().await;
    assert_eq!(documented(e), (401, "INVALID_CREDENTIALS".into()));
    let e = s.bearer("a.b.c").get_all_tokens().send().await;
    assert_eq!(documented(e), (401, "INVALID_TOKEN".into()));
    let expired = s.mock.issue_token(DEMO_USER, DEMO_CONTRACT, -10).unwrap();
    let e = s.bearer(&expired).get_all_tokens().send().await;
    assert_eq!(documented(e), (401, "INVALID_TOKEN".into()));
    let e = demo
        .delete_token_by_criteria()
        .criteria(types::DeleteCriteria::Current)
        .send()
        .await;
    assert_eq!(documented(e), (401, "CURRENT_NEEDS_TOKEN".into()));

    // 403: a contract the user does not have.
    let e = multi.create_token().x_contract_number(3).send().await;
    assert_eq!(documented(e), (403, "CONTRACT_NOT_ALLOWED".into()));

    // 404: an unknown token, by id, for GET and DELETE.
    let e = demo.get_token_by_id().token_id("no-such-token").send().await;
    assert_eq!(documented(e), (404, "TOKEN_NOT_FOUND".into()));
    let e = demo.delete_token_by_id().token_id("no-such-token").send().await;
    assert_eq!(documented(e), (404, "TOKEN_NOT_FOUND".into()));

    // progenitor refuses a request missing a required parameter before sending it.
    let e = demo.delete_token_by_criteria().send().await.unwrap_err();
    assert!(matches!(e, Error::InvalidRequest(_)), "{e:?}");
}

#[tokio::test]
async fn rate_limit_is_a_documented_429() {
    let s = start(Config {
        rate_limit: RateLimit {
            limit: 1,
            window: Duration::from_secs(60),
            burst: 1,
        },
        ..Config::default()
    })
    .await;
    let demo = s.demo();
    demo.get_all_tokens().send().await.unwrap();
    match demo.get_all_tokens().send().await.unwrap_err() {
        Error::ErrorResponse(r) => {
            assert_eq!(r.status(), 429);
            assert!(r.headers().contains_key("retry-after"));
            assert_eq!(r.headers()["x-ratelimit-remaining"], "0");
            assert_eq!(r.into_inner().messages[0].error_code.as_deref(), Some("RATE_LIMITED"));
        }
        other => panic!("expected 429, got {other:?}"),
    }
}
