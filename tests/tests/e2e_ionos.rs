//! End to end: the generated IONOS Auth client against the mock built on the generated server,
//! over real TCP on 127.0.0.1. Every operation's success path, authentication failures, bad
//! input refused by the client and by the server, criteria semantics, contracts, expiry, rate
//! limits with retries, routing errors, and secrets kept out of `Debug`.
//!
//! Each test starts its own mock on an ephemeral port. The only real wait is one `Retry-After`
//! of one second in `rate_limit_headers_and_retry`.

use std::time::{Duration, Instant};

use base64::Engine as _;
use ionos_auth_client::models::{self, DeleteCriteria};
use ionos_auth_client::{Client, Error, ResponseHeaders, RetryPolicy};
use ionos_auth_mock::{AuthMock, Config, RateLimit, User, DEMO_CONTRACT, DEMO_PASSWORD, DEMO_USER};

#[path = "e2e_ionos/sdk_parity.rs"]
mod sdk_parity;

/// A running mock and its base URL.
struct Server {
    mock: AuthMock,
    base: String,
}

async fn start(config: Config) -> Server {
    let (mock, base) = ionos_auth_mock::spawn_local(config).await.unwrap();
    Server { mock, base }
}

fn multi_contract_config() -> Config {
    Config {
        users: vec![
            User::new(DEMO_USER, DEMO_PASSWORD, &[DEMO_CONTRACT]),
            User::new("multi", "multi-pw", &[1, 2]),
        ],
        ..Config::default()
    }
}

impl Server {
    fn basic(&self, user: &str, password: &str) -> Client {
        Client::builder()
            .base_url(&self.base)
            .basic_auth(user, password)
            .build()
            .unwrap()
    }

    fn demo(&self) -> Client {
        self.basic(DEMO_USER, DEMO_PASSWORD)
    }

    fn bearer(&self, token: &str) -> Client {
        Client::builder()
            .base_url(&self.base)
            .bearer_auth(token)
            .build()
            .unwrap()
    }

    fn anonymous(&self) -> Client {
        Client::builder().base_url(&self.base).build().unwrap()
    }

    fn raw(&self) -> reqwest::Client {
        reqwest::Client::new()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// The token id (`kid`) from a JWT's header.
fn kid(jwt: &str) -> String {
    let header = jwt.split('.').next().unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .unwrap();
    let header: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    header["kid"].as_str().unwrap().to_string()
}

/// The token of a `CreateToken` answer.
async fn new_token(client: &Client, ttl: i32) -> String {
    let jwt = client.create_token().ttl(ttl).send().await.unwrap();
    jwt.into_inner().token.unwrap()
}

/// Status and first error code of a documented error.
fn api_error(e: &Error<models::Error>) -> (u16, String) {
    match e {
        Error::Api(r) => {
            let body = r.body();
            assert_eq!(body.http_status, Some(i32::from(r.status().as_u16())));
            let code = body.messages.as_ref().unwrap()[0]
                .error_code
                .clone()
                .unwrap();
            (r.status().as_u16(), code)
        }
        other => panic!("expected a documented error response, got {other:?}"),
    }
}

/// Status and first error code of a raw response with the spec's `Error` body.
async fn raw_error(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: models::Error = response.json().await.unwrap();
    assert_eq!(body.http_status, Some(i32::from(status)));
    (
        status,
        body.messages.unwrap()[0].error_code.clone().unwrap(),
    )
}

#[tokio::test]
async fn every_operation_succeeds() {
    let s = start(Config::default()).await;
    let client = s.demo();

    let created = client.create_token().ttl(3600).send().await.unwrap();
    assert_eq!(created.status(), 200);
    let jwt = created.into_inner().token.unwrap();
    let id = kid(&jwt);

    let all = client.get_all_tokens().send().await.unwrap();
    let tokens = all.into_inner().tokens.unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].id, id);
    assert_eq!(tokens[0].href, format!("/tokens/{id}"));

    let one = client.get_token_by_id(&id).send().await.unwrap();
    assert_eq!(one.id, id, "ResponseValue derefs to the body");
    assert!(one.expiration_date > one.created_date);

    // The token itself authenticates (Bearer), also to create more tokens.
    let bearer = s.bearer(&jwt);
    assert_eq!(
        bearer
            .get_all_tokens()
            .send()
            .await
            .unwrap()
            .tokens
            .as_ref()
            .unwrap()
            .len(),
        1
    );
    let second = new_token(&bearer, 60).await;

    let deleted = client
        .delete_token_by_id(kid(&second))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.success, Some(true));
    let gone = client
        .delete_token_by_criteria(DeleteCriteria::All)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.into_inner().success, Some(true));
    assert_eq!(s.mock.token_count(), 0);

    // The default ttl (one year) applies when none is sent.
    let year = new_token(&client, 31_536_000).await;
    let default = client
        .create_token()
        .send()
        .await
        .unwrap()
        .into_inner()
        .token
        .unwrap();
    let expiry = |jwt: String| {
        let client = client.clone();
        async move {
            let t = client
                .get_token_by_id(kid(&jwt))
                .send()
                .await
                .unwrap()
                .into_inner();
            t.expiration_date
        }
    };
    assert_eq!(expiry(year).await.get(..7), expiry(default).await.get(..7));
}

#[tokio::test]
async fn unknown_token_is_a_typed_404() {
    let s = start(Config::default()).await;
    let e = s
        .demo()
        .get_token_by_id("no-such-id")
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (404, "TOKEN_NOT_FOUND".into()));
    let e = s
        .demo()
        .delete_token_by_id("a/b c?")
        .send()
        .await
        .unwrap_err();
    let Error::Api(r) = &e else { panic!("{e:?}") };
    let message = r.messages.as_ref().unwrap()[0].message.clone().unwrap();
    assert_eq!(
        message, "no token `a/b c?`",
        "the id survives path encoding intact"
    );
}

#[tokio::test]
async fn authentication_failures_are_401_with_the_error_body() {
    let s = start(Config::default()).await;

    let e = s
        .basic(DEMO_USER, "wrong")
        .create_token()
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (401, "INVALID_CREDENTIALS".into()));
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));

    let e = s.anonymous().get_all_tokens().send().await.unwrap_err();
    assert_eq!(api_error(&e), (401, "MISSING_CREDENTIALS".into()));
    let Error::Api(r) = &e else { unreachable!() };
    assert_eq!(r.headers()["www-authenticate"], "Basic, Bearer");

    for header in ["Basic !!!", "Basic ZGVtbw==", "Bearer", "Digest abc"] {
        let response = s
            .raw()
            .get(s.url("/tokens"))
            .header("Authorization", header)
            .send()
            .await
            .unwrap();
        assert_eq!(
            raw_error(response).await,
            (401, "MALFORMED_CREDENTIALS".into()),
            "{header}"
        );
    }

    let e = s
        .bearer("not.a.token")
        .get_all_tokens()
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (401, "INVALID_TOKEN".into()));

    // A deleted token no longer authenticates.
    let jwt = new_token(&s.demo(), 3600).await;
    s.demo().delete_token_by_id(kid(&jwt)).send().await.unwrap();
    let e = s.bearer(&jwt).get_all_tokens().send().await.unwrap_err();
    assert_eq!(api_error(&e), (401, "INVALID_TOKEN".into()));
}

#[tokio::test]
async fn bad_input_is_refused_by_client_and_server() {
    let s = start(Config::default()).await;
    let before = s.mock.token_count();

    // Checked before sending: no request reaches the server.
    for ttl in [59, 31_536_001] {
        let e = s.demo().create_token().ttl(ttl).send().await.unwrap_err();
        assert!(
            matches!(&e, Error::InvalidRequest(m) if m.starts_with("`ttl` must be")),
            "{e}"
        );
    }
    assert_eq!(s.mock.token_count(), before);

    // The same, and worse, sent raw: the server refuses it before the handler runs.
    let get = |path: &str| {
        s.raw()
            .get(s.url(path))
            .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
    };
    for path in [
        "/tokens/generate?ttl=59",
        "/tokens/generate?ttl=sixty",
        "/tokens/generate?ttl=99999999999",
    ] {
        let response = get(path).send().await.unwrap();
        assert_eq!(
            raw_error(response).await,
            (400, "INVALID_PARAMETER".into()),
            "{path}"
        );
    }
    let response = get("/tokens")
        .header("X-Contract-Number", "abc")
        .send()
        .await
        .unwrap();
    assert_eq!(raw_error(response).await, (400, "INVALID_PARAMETER".into()));

    let delete = |path: &str| {
        s.raw()
            .delete(s.url(path))
            .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
    };
    let response = delete("/tokens?criteria=SOME").send().await.unwrap();
    assert_eq!(raw_error(response).await, (400, "INVALID_PARAMETER".into()));
    let response = delete("/tokens").send().await.unwrap();
    assert_eq!(raw_error(response).await, (400, "MISSING_PARAMETER".into()));
    assert_eq!(s.mock.token_count(), before);
}

#[tokio::test]
async fn delete_by_criteria_semantics() {
    let s = start(Config::default()).await;
    let demo = s.demo();
    let a = new_token(&demo, 3600).await;
    let b = new_token(&demo, 3600).await;
    let expired = s.mock.issue_token(DEMO_USER, DEMO_CONTRACT, -10).unwrap();
    let demo_ref = &demo;
    let ids = || async move {
        let all = demo_ref.get_all_tokens().send().await.unwrap().into_inner();
        let mut ids: Vec<String> = all.tokens.unwrap().into_iter().map(|t| t.id).collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(ids().await.len(), 3);

    demo.delete_token_by_criteria(DeleteCriteria::Expired)
        .send()
        .await
        .unwrap();
    assert_eq!(ids().await, sorted(vec![kid(&a), kid(&b)]));
    assert!(!ids().await.contains(&kid(&expired)));

    // CURRENT deletes the token that authenticates the request; Basic has none.
    let e = demo
        .delete_token_by_criteria(DeleteCriteria::Current)
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (401, "CURRENT_NEEDS_TOKEN".into()));
    s.bearer(&a)
        .delete_token_by_criteria(DeleteCriteria::Current)
        .send()
        .await
        .unwrap();
    assert_eq!(ids().await, vec![kid(&b)]);

    s.bearer(&b)
        .delete_token_by_criteria(DeleteCriteria::All)
        .send()
        .await
        .unwrap();
    assert!(ids().await.is_empty());
}

#[tokio::test]
async fn contracts_select_and_restrict() {
    let s = start(multi_contract_config()).await;
    let multi = s.basic("multi", "multi-pw");

    let e = multi.create_token().send().await.unwrap_err();
    assert_eq!(api_error(&e), (400, "CONTRACT_REQUIRED".into()));
    let e = multi
        .create_token()
        .x_contract_number(3)
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (403, "CONTRACT_NOT_ALLOWED".into()));

    // A client-wide default, overridden per request.
    let on_two = Client::builder()
        .base_url(&s.base)
        .basic_auth("multi", "multi-pw")
        .x_contract_number(2)
        .build()
        .unwrap();
    let t2 = new_token(&on_two, 3600).await;
    let t1 = on_two
        .create_token()
        .x_contract_number(1)
        .send()
        .await
        .unwrap()
        .into_inner()
        .token
        .unwrap();
    let listed = |client: Client, contract: Option<i32>| async move {
        let mut req = client.get_all_tokens();
        if let Some(c) = contract {
            req = req.x_contract_number(c);
        }
        let tokens = req.send().await.unwrap().into_inner().tokens.unwrap();
        tokens.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };
    assert_eq!(listed(on_two.clone(), None).await, vec![kid(&t2)]);
    assert_eq!(listed(on_two.clone(), Some(1)).await, vec![kid(&t1)]);

    // A token is bound to its contract.
    let e = s
        .bearer(&t1)
        .get_all_tokens()
        .x_contract_number(2)
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (403, "CONTRACT_NOT_ALLOWED".into()));
    let e = s.bearer(&t1).get_all_tokens().send().await.unwrap_err();
    assert_eq!(api_error(&e), (400, "CONTRACT_REQUIRED".into()));
    assert_eq!(listed(s.bearer(&t1), Some(1)).await, vec![kid(&t1)]);
}

#[tokio::test]
async fn expired_tokens_are_refused_and_collected() {
    let s = start(Config::default()).await;
    let demo = s.demo();
    let jwt = new_token(&demo, 60).await;
    assert!(s.bearer(&jwt).get_all_tokens().send().await.is_ok());

    s.mock.clock().advance(61);
    let e = s.bearer(&jwt).get_all_tokens().send().await.unwrap_err();
    assert_eq!(api_error(&e), (401, "INVALID_TOKEN".into()));
    let Error::Api(r) = &e else { unreachable!() };
    assert_eq!(
        r.messages.as_ref().unwrap()[0].message.as_deref(),
        Some("the token has expired")
    );

    demo.delete_token_by_criteria(DeleteCriteria::Expired)
        .send()
        .await
        .unwrap();
    assert_eq!(s.mock.token_count(), 0);
}

#[tokio::test]
async fn rate_limit_headers_and_retry() {
    let s = start(Config {
        rate_limit: RateLimit {
            limit: 2,
            window: Duration::from_secs(1),
            burst: 7,
        },
        ..Config::default()
    })
    .await;
    let plain = Client::builder()
        .base_url(&s.base)
        .basic_auth(DEMO_USER, DEMO_PASSWORD)
        .no_retry()
        .build()
        .unwrap();

    let first = plain.get_all_tokens().send().await.unwrap();
    assert_eq!(first.x_rate_limit_limit(), Some(2));
    assert_eq!(first.x_rate_limit_remaining(), Some(1));
    assert_eq!(first.x_rate_limit_burst(), Some(7));
    plain.get_all_tokens().send().await.unwrap();

    // Over the limit: the spec's 429 (`TooManyRequests`), a typed error with the `Error` body
    // and `Retry-After` among the typed headers.
    let e = plain.get_all_tokens().send().await.unwrap_err();
    assert_eq!(api_error(&e), (429, "RATE_LIMITED".into()));
    assert_eq!(e.x_rate_limit_remaining(), Some(0));
    assert_eq!(e.retry_after(), Some(1));
    assert_eq!(e.headers().unwrap()["retry-after"], "1");

    // With retries, the client waits as long as Retry-After says and succeeds.
    let patient = Client::builder()
        .base_url(&s.base)
        .basic_auth(DEMO_USER, DEMO_PASSWORD)
        .retry(RetryPolicy::new(2).max_backoff(Duration::from_secs(2)))
        .build()
        .unwrap();
    let start = Instant::now();
    let ok = patient.get_all_tokens().send().await.unwrap();
    let waited = start.elapsed();
    assert_eq!(ok.status(), 200);
    assert!(waited >= Duration::from_millis(900), "waited {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
}

#[tokio::test]
async fn routing_errors_have_bodies() {
    let s = start(Config::default()).await;
    let authed = |req: reqwest::RequestBuilder| req.basic_auth(DEMO_USER, Some(DEMO_PASSWORD));

    let response = authed(s.raw().get(s.url("/no/such/path")))
        .send()
        .await
        .unwrap();
    assert_eq!(raw_error(response).await, (404, "NOT_FOUND".into()));

    let response = authed(s.raw().post(s.url("/tokens"))).send().await.unwrap();
    let allow = response.headers()["allow"].to_str().unwrap().to_string();
    assert!(allow.contains("GET") && allow.contains("DELETE"), "{allow}");
    assert_eq!(
        raw_error(response).await,
        (405, "METHOD_NOT_ALLOWED".into())
    );

    // The literal route wins over the variable one: `/tokens/generate` is CreateToken.
    let response = authed(s.raw().get(s.url("/tokens/generate")))
        .send()
        .await
        .unwrap();
    let jwt: models::Jwt = response.json().await.unwrap();
    assert!(jwt.token.is_some());
    let response = authed(s.raw().get(s.url("/tokens/generated")))
        .send()
        .await
        .unwrap();
    assert_eq!(raw_error(response).await, (404, "TOKEN_NOT_FOUND".into()));
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output() {
    let s = start(Config::default()).await;
    let client = Client::builder()
        .base_url(&s.base)
        .basic_auth("someone", "p4ssw0rd-secret")
        .bearer_auth("eyJ.token-secret.sig")
        .build()
        .unwrap();
    let text = format!("{client:?}");
    assert!(text.contains("someone"), "{text}");
    assert!(
        !text.contains("p4ssw0rd-secret") && !text.contains("token-secret"),
        "{text}"
    );
    let builder = Client::builder().basic_auth("u", "p4ssw0rd-secret");
    assert!(!format!("{builder:?}").contains("p4ssw0rd-secret"));
}

#[tokio::test]
async fn transport_errors_and_timeouts() {
    // Nothing listens on the port of a dropped listener.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .base_url(&base)
        .timeout(Duration::from_secs(2))
        .no_retry()
        .build()
        .unwrap();
    let e = client.get_all_tokens().send().await.unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert!(std::error::Error::source(&e).is_some());

    assert!(Client::builder().base_url("not a url").build().is_err());
    assert_eq!(Client::new().base_url(), "https://api.ionos.com/auth/v1");
}
