//! What the official IONOS Go SDK does, done by the generated client: configuration from
//! `IONOS_*` variables, a token preferred over Basic credentials, retries of 429/502/503/504
//! by default.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use ionos_auth_client::models::DeleteCriteria;
use ionos_auth_client::Client;
use ionos_auth_mock::{Config, DEMO_PASSWORD, DEMO_USER};

use super::{api_error, kid, new_token, start};

/// A lookup over fixed pairs, standing in for the process environment.
fn vars(pairs: &[(&'static str, String)]) -> impl Fn(&str) -> Option<String> {
    let pairs = pairs.to_vec();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }
}

#[tokio::test]
async fn environment_configures_url_and_credentials() {
    let s = start(Config::default()).await;
    let basic = Client::builder()
        .env_with(vars(&[
            ("IONOS_API_URL", s.base.clone()),
            ("IONOS_USERNAME", DEMO_USER.into()),
            ("IONOS_PASSWORD", DEMO_PASSWORD.into()),
        ]))
        .build()
        .unwrap();
    assert_eq!(basic.base_url(), s.base);
    let token = new_token(&basic, 3600).await;

    // Only a token: it is sent as a bearer token.
    let bearer = Client::builder()
        .env_with(vars(&[
            ("IONOS_API_URL", s.base.clone()),
            ("IONOS_TOKEN", token.clone()),
        ]))
        .build()
        .unwrap();
    let listed = bearer.get_all_tokens().send().await.unwrap().into_inner();
    assert_eq!(listed.tokens.unwrap().len(), 1);

    // Empty variables and a user name without password configure nothing: 401.
    let nothing = Client::builder()
        .env_with(vars(&[
            ("IONOS_API_URL", s.base.clone()),
            ("IONOS_TOKEN", String::new()),
            ("IONOS_USERNAME", DEMO_USER.into()),
        ]))
        .build()
        .unwrap();
    let e = nothing.get_all_tokens().send().await.unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::UNAUTHORIZED));

    // Without IONOS_API_URL the spec's server stays; a bad one is a build error.
    let default = Client::builder().env_with(vars(&[])).build().unwrap();
    assert_eq!(default.base_url(), Client::DEFAULT_BASE_URL);
    let bad = Client::builder()
        .env_with(vars(&[("IONOS_API_URL", "not a url".into())]))
        .build();
    assert!(bad.is_err());
}

/// With Basic credentials and a token both configured (the spec lists Basic first), the token
/// is sent: `DeleteTokenByCriteria` with `CURRENT`, which needs one, deletes that token.
#[tokio::test]
async fn token_is_preferred_over_basic() {
    let s = start(Config::default()).await;
    let basic_only = s.demo();
    let a = new_token(&basic_only, 3600).await;
    let b = new_token(&basic_only, 3600).await;
    let both = Client::builder()
        .env_with(vars(&[
            ("IONOS_API_URL", s.base.clone()),
            ("IONOS_USERNAME", DEMO_USER.into()),
            ("IONOS_PASSWORD", DEMO_PASSWORD.into()),
            ("IONOS_TOKEN", a.clone()),
        ]))
        .build()
        .unwrap();
    let deleted = both
        .delete_token_by_criteria(DeleteCriteria::Current)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 200);
    let left: Vec<String> = basic_only
        .get_all_tokens()
        .send()
        .await
        .unwrap()
        .into_inner()
        .tokens
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(left, vec![kid(&b)]);
    // Basic alone still cannot: CURRENT needs a token.
    let e = basic_only
        .delete_token_by_criteria(DeleteCriteria::Current)
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (401, "CURRENT_NEEDS_TOKEN".into()));
}

/// A server answering the first `failures` requests with `status` (and `Retry-After: 0`),
/// then an empty token list; returns its base URL and the request count.
async fn flaky(status: StatusCode, failures: usize) -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = axum::Router::new().route(
        "/tokens",
        axum::routing::get(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < failures {
                    (status, [("retry-after", "0")], String::new())
                } else {
                    (StatusCode::OK, [("retry-after", "0")], "{\"tokens\":[]}".into())
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, hits)
}

/// By default (no `retry` on the builder) 429, 502, 503 and 504 are retried up to three
/// times, waiting what `Retry-After` says; other statuses are not.
#[tokio::test]
async fn retries_by_default_like_the_go_sdk() {
    for status in [429, 502, 503, 504] {
        let status = StatusCode::from_u16(status).unwrap();
        let (base, hits) = flaky(status, 3).await;
        let client = Client::builder().base_url(&base).build().unwrap();
        let ok = client.get_all_tokens().send().await.unwrap();
        assert_eq!(ok.status(), 200, "{status}");
        assert_eq!(hits.load(Ordering::SeqCst), 4, "{status}: 1 try + 3 retries");

        let (base, hits) = flaky(status, 4).await;
        let client = Client::builder().base_url(&base).build().unwrap();
        let e = client.get_all_tokens().send().await.unwrap_err();
        assert_eq!(e.status(), Some(status));
        assert_eq!(hits.load(Ordering::SeqCst), 4, "{status}: gives up after 3 retries");
    }
    let (base, hits) = flaky(StatusCode::INTERNAL_SERVER_ERROR, 1).await;
    let client = Client::builder().base_url(&base).build().unwrap();
    assert!(client.get_all_tokens().send().await.is_err());
    assert_eq!(hits.load(Ordering::SeqCst), 1, "500 is not retried");

    let (base, hits) = flaky(StatusCode::SERVICE_UNAVAILABLE, 1).await;
    let client = Client::builder().base_url(&base).no_retry().build().unwrap();
    assert!(client.get_all_tokens().send().await.is_err());
    assert_eq!(hits.load(Ordering::SeqCst), 1, "no_retry sends once");
}
