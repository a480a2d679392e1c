//! Harness of the Cloudforet end-to-end tests: starting the service, requests, error checks.

use super::*;

/// A running service and its base URL.
pub(crate) struct Server {
    pub(crate) identity: Identity,
    pub(crate) base: String,
}

/// Serves `app` on an ephemeral port of 127.0.0.1; returns the base URL.
pub(crate) async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

pub(crate) async fn start() -> Server {
    let identity = Identity::new();
    let base = serve(cloudforet_identity_server::router(identity.clone())).await;
    Server { identity, base }
}

impl Server {
    pub(crate) fn client(&self) -> Client {
        Client::builder(&self.base).build().unwrap()
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POSTs `body` as JSON, bypassing the generated client.
    pub(crate) async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// POSTs raw bytes with a content type, bypassing the generated client.
    pub(crate) async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    /// Issues tokens for `user` through the client.
    pub(crate) async fn login(&self, user: &str, password: &str) -> TokenInfo {
        self.client()
            .issue(issue_request(user, password))
            .send()
            .await
            .unwrap()
            .into_inner()
    }
}

/// An `issue` request for LOCAL credentials in [`DOMAIN`].
pub(crate) fn issue_request(user_id: &str, password: &str) -> IssueTokenRequest {
    IssueTokenRequest {
        credentials: Some(BTreeMap::from([
            ("user_id".to_string(), json!(user_id)),
            ("password".to_string(), json!(password)),
        ])),
        domain_id: DOMAIN.to_string(),
        auth_type: AuthType::Local,
        ..Default::default()
    }
}

/// A `grant` request exchanging `refresh_token` for `scope`.
pub(crate) fn grant_request(refresh_token: &str, scope: Scope) -> GrantTokenRequest {
    GrantTokenRequest {
        grant_type: GrantType::RefreshToken,
        token: refresh_token.to_string(),
        scope,
        domain_id: DOMAIN.to_string(),
        ..Default::default()
    }
}

/// The gRPC code the default error body carries for an HTTP status.
pub(crate) fn grpc_code(status: u16) -> i32 {
    match status {
        400 | 413 | 415 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        405 => 12,
        other => panic!("no gRPC code expected for {other}"),
    }
}

/// Checks that an error body is a `google.rpc.Status` matching `status`; returns its message.
pub(crate) fn check_error_body(status: u16, body: &Value) -> String {
    let parsed: ErrorStatus = serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("not an error status body ({e}): {body}"));
    assert_eq!(parsed.code, grpc_code(status), "{body}");
    assert!(parsed.details.is_empty(), "{body}");
    assert!(!parsed.message.is_empty(), "{body}");
    parsed.message
}

/// Status and message of an error answered to the generated client (an [`Error::Api`] carrying
/// the JSON error body, since the API documents no error responses).
pub(crate) fn api_error<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, String) {
    match result {
        Err(Error::Api(r)) => {
            let status = r.status().as_u16();
            let content_type = r.headers()["content-type"].to_str().unwrap();
            assert_eq!(content_type, "application/json");
            (status, check_error_body(status, r.body()))
        }
        other => panic!("expected an error response, got {other:?}"),
    }
}

/// Status and message of an error answered to a raw request.
pub(crate) async fn raw_error(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    assert!(
        (400..500).contains(&status),
        "expected a 4xx, got {status}: {text}"
    );
    assert_eq!(headers["content-type"], "application/json", "{text}");
    let body: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("error body is not JSON ({e}): {text}"));
    (status, check_error_body(status, &body))
}

/// The keys of a JSON object, sorted.
pub(crate) fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}
