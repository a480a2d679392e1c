//! Client configuration and the configured core that sends requests.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use http::header::{COOKIE, USER_AGENT};
use http::HeaderValue;

use super::credentials::{select, Credentials};
use super::error::SendError;
use super::request::RequestSpec;
use super::response::RawResponse;
use super::retry::{send_with_retry, RetryPolicy};
use crate::security::{KeyLocation, Scheme};

/// How long a request may take, unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Settings shared by every generated client: base URL, timeout, retries, credentials,
/// user agent and, optionally, a `reqwest::Client` of the caller's own. `Debug` output never
/// shows secrets.
#[derive(Clone)]
pub struct ClientConfig {
    base_url: String,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    credentials: Vec<Credentials>,
    user_agent: String,
    http: Option<reqwest::Client>,
}

impl ClientConfig {
    /// A configuration for `base_url` (a trailing `/` is ignored) sending `user_agent`.
    pub fn new(base_url: impl Into<String>, user_agent: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            timeout: Some(DEFAULT_TIMEOUT),
            retry: Some(RetryPolicy::default()),
            credentials: Vec::new(),
            user_agent: user_agent.into(),
            http: None,
        }
    }

    /// Sets the base URL every path is appended to.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sets how long a request (each attempt) may take; `None` for no limit.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the retry policy ([`RetryPolicy::default`] unless set; `None` for no retries).
    pub fn retry(mut self, policy: Option<RetryPolicy>) -> Self {
        self.retry = policy;
        self
    }

    /// Adds a credential, replacing one of the same kind (and key name).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials.retain(|c| !c.same_slot(&credentials));
        self.credentials.push(credentials);
        self
    }

    /// Sets the `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends requests with this `reqwest::Client` (its connection pool, proxies, TLS
    /// settings); timeout, user agent and credentials are still applied per request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the settings and builds the HTTP client.
    pub fn build(self) -> Result<ClientCore, BuildError> {
        let url = reqwest::Url::parse(&self.base_url).map_err(|e| BuildError::InvalidBaseUrl {
            url: self.base_url.clone(),
            reason: e.to_string(),
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(BuildError::InvalidBaseUrl {
                url: self.base_url,
                reason: "expected an http or https URL".to_string(),
            });
        }
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| BuildError::InvalidUserAgent(self.user_agent.clone()))?;
        let http = match self.http {
            Some(client) => client,
            None => reqwest::Client::builder().build()?,
        };
        Ok(ClientCore {
            http,
            base_url: self.base_url.trim_end_matches('/').to_string(),
            timeout: self.timeout,
            retry: self.retry,
            credentials: self.credentials,
            user_agent,
        })
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("credentials", &self.credentials)
            .field("user_agent", &self.user_agent)
            .field("custom_http_client", &self.http.is_some())
            .finish()
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The base URL is not an absolute http(s) URL.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The user agent cannot be sent in a header.
    #[error("invalid user agent `{0}`")]
    InvalidUserAgent(String),
    /// reqwest could not build its client (TLS backend).
    #[error("cannot build the HTTP client: {0}")]
    Http(#[from] reqwest::Error),
}

/// A built configuration: sends [`RequestSpec`]s with credentials, timeout and retries.
#[derive(Clone)]
pub struct ClientCore {
    http: reqwest::Client,
    base_url: String,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    credentials: Vec<Credentials>,
    user_agent: HeaderValue,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("credentials", &self.credentials)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The underlying `reqwest::Client`.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends the request (again, per the retry policy) and reads the whole response.
    pub async fn execute(&self, spec: RequestSpec) -> Result<RawResponse, SendError> {
        let mut response = self.send(spec).await?;
        let status = response.status();
        // Taken, not cloned: reading the body does not need them.
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await?.to_vec();
        Ok(RawResponse::new(status, headers, body))
    }

    /// As [`ClientCore::execute`], but a successful response that is not JSON or text is
    /// left unread, for [`RawResponse::binary_with`] to give as a stream of chunks (for
    /// operations answering with raw bytes).
    pub async fn execute_streamed(&self, spec: RequestSpec) -> Result<RawResponse, SendError> {
        let response = self.send(spec).await?;
        let structured = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                let ct = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                ct == "application/json" || ct.ends_with("+json") || ct.starts_with("text/")
            });
        if !response.status().is_success() || structured {
            let mut response = response;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await?.to_vec();
            return Ok(RawResponse::new(status, headers, body));
        }
        Ok(RawResponse::streamed(response))
    }

    /// Sends the request (again, per the retry policy; a streamed body only once).
    pub(super) async fn send(&self, spec: RequestSpec) -> Result<reqwest::Response, SendError> {
        if let Some(message) = &spec.refused {
            return Err(SendError::InvalidRequest(message.clone()));
        }
        let url = if spec.reserved_query.is_empty() {
            format!("{}{}", self.base_url, spec.path)
        } else {
            format!("{}{}?{}", self.base_url, spec.path, spec.reserved_query)
        };
        let chosen = select(&self.credentials, spec.security).unwrap_or_default();
        // Copied only when an API key is added to them.
        let mut query = Cow::Borrowed(&spec.query);
        let mut cookies = Cow::Borrowed(&spec.cookies);
        let mut key_headers = Vec::new();
        for (credential, scheme) in &chosen {
            if let (Credentials::ApiKey { name, value }, Scheme::ApiKey { location, .. }) =
                (credential, scheme)
            {
                let value = value.expose().to_string();
                match location {
                    KeyLocation::Query => query.to_mut().push((name.clone(), value)),
                    KeyLocation::Cookie => cookies.to_mut().push((name.clone(), value)),
                    KeyLocation::Header => key_headers.push((name.as_str(), sensitive(&value)?)),
                }
            }
        }
        let cookie_header = if cookies.is_empty() {
            None
        } else {
            let text = cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            Some(sensitive(&text)?)
        };
        let build = || {
            let mut rb = self
                .http
                .request(spec.method.clone(), &url)
                .headers(spec.headers.clone())
                .header(USER_AGENT, self.user_agent.clone());
            if !query.is_empty() {
                rb = rb.query(&*query);
            }
            if let Some(c) = &cookie_header {
                rb = rb.header(COOKIE, c.clone());
            }
            if let Some(t) = self.timeout {
                rb = rb.timeout(t);
            }
            for (credential, _) in &chosen {
                rb = match credential {
                    Credentials::Basic { username, password } => {
                        rb.basic_auth(username, Some(password.expose()))
                    }
                    Credentials::Bearer(token) => rb.bearer_auth(token.expose()),
                    Credentials::ApiKey { .. } => rb,
                };
            }
            for (name, value) in &key_headers {
                rb = rb.header(*name, value.clone());
            }
            if let Some(body) = &spec.body {
                rb = rb.header(http::header::CONTENT_TYPE, body.content_type.as_ref());
                rb = match &body.stream {
                    Some(s) => rb.body(reqwest::Body::wrap_stream(s.clone())),
                    None => rb.body(body.bytes.clone()),
                };
            }
            rb
        };
        let retry = self.retry.as_ref().filter(|_| !spec.streams());
        Ok(send_with_retry(retry, &spec.method, build).await?)
    }
}

/// A header value marked sensitive (kept out of HTTP/2 header tables and debug output).
fn sensitive(text: &str) -> Result<HeaderValue, SendError> {
    let mut value = HeaderValue::from_str(text).map_err(|_| {
        SendError::InvalidRequest("a credential contains characters a header cannot carry".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_checked_and_trimmed() {
        let core = ClientConfig::new("https://api.example.com/v1/", "t/1")
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "https://api.example.com/v1");
        assert!(matches!(
            ClientConfig::new("not a url", "t").build(),
            Err(BuildError::InvalidBaseUrl { .. })
        ));
        assert!(ClientConfig::new("ftp://x", "t").build().is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let config = ClientConfig::new("https://x", "t")
            .credentials(Credentials::basic("user", "hunter2"))
            .credentials(Credentials::bearer("tok3n"))
            .credentials(Credentials::basic("user", "pa55"));
        let text = format!("{config:?} {:?}", config.clone().build().unwrap());
        assert!(!text.contains("hunter2") && !text.contains("tok3n") && !text.contains("pa55"));
        assert_eq!(config.credentials.len(), 2, "basic replaced, bearer kept");
    }
}
