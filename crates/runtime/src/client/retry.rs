//! Retries with exponential backoff for throttled and unavailable responses.

use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

/// When and how often to send a request again. Generated clients use
/// [`RetryPolicy::default`] unless told otherwise (like the official IONOS SDKs: three
/// retries of 429, 502, 503 and 504 honouring `Retry-After`).
///
/// A request is retried when the server answers `429 Too Many Requests` or
/// `503 Service Unavailable` (the request was not processed), or when the connection could not
/// be established (nothing was sent). `502 Bad Gateway` and `504 Gateway Timeout` are retried
/// for idempotent methods only (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) when
/// [`RetryPolicy::gateway_errors`] is on (the default): behind a gateway the server may have
/// acted on a POST or PATCH, and sending it again could, say, create a second token — this is
/// where we differ from the Go SDK, which retries every method. Timeouts and other errors are
/// not retried: the server may have acted on the request.
///
/// The wait before retry `n` (from 0) is the response's `Retry-After` (in seconds) when it
/// sends one, otherwise `initial_backoff × 2ⁿ`, at most `max_backoff`. A response asking for a
/// longer wait than `max_backoff` is returned as it is instead of being retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is sent again at most.
    pub max_retries: u32,
    /// The wait before the first retry when the server does not say.
    pub initial_backoff: Duration,
    /// The longest wait.
    pub max_backoff: Duration,
    /// Whether 502 and 504 answers to idempotent requests are retried too.
    pub gateway_errors: bool,
}

impl Default for RetryPolicy {
    /// Three retries, waiting 0.5 s, 1 s, 2 s (or what the server asks for, up to 30 s), of
    /// 429 and 503 answers, and of 502 and 504 answers to idempotent requests.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            gateway_errors: true,
        }
    }
}

impl RetryPolicy {
    /// The default policy with `max_retries` retries.
    pub fn new(max_retries: u32) -> Self {
        RetryPolicy {
            max_retries,
            ..Self::default()
        }
    }

    /// Sets the wait before the first retry.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// Sets the longest wait.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// Sets whether 502 and 504 answers to idempotent requests are retried.
    pub fn gateway_errors(mut self, retry: bool) -> Self {
        self.gateway_errors = retry;
        self
    }

    /// The backoff before retry `attempt` (from 0) when the server does not say.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.min(31));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// Whether an answer with `status` to a `method` request may be retried.
    pub fn retries(&self, method: &Method, status: StatusCode) -> bool {
        match status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => true,
            StatusCode::BAD_GATEWAY | StatusCode::GATEWAY_TIMEOUT => {
                self.gateway_errors && is_idempotent(method)
            }
            _ => false,
        }
    }

    /// The wait before retrying a response to `method` with `status` and `headers` as retry
    /// `attempt`; `None` when it must not be retried.
    pub fn delay_for(
        &self,
        attempt: u32,
        method: &Method,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Option<Duration> {
        if attempt >= self.max_retries || !self.retries(method, status) {
            return None;
        }
        match retry_after(headers) {
            Some(wait) if wait > self.max_backoff => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(attempt)),
        }
    }
}

/// Whether sending a request with `method` twice has the effect of sending it once (RFC 9110).
fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// `Retry-After` in seconds (the HTTP-date form is not used by rate limiters and is ignored).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Sends the `method` request `build` makes, rebuilding and resending it per `policy`.
pub async fn send_with_retry(
    policy: Option<&RetryPolicy>,
    method: &Method,
    mut build: impl FnMut() -> reqwest::RequestBuilder,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut attempt = 0;
    loop {
        let result = build().send().await;
        let wait = match (&result, policy) {
            (_, None) => None,
            (Ok(response), Some(p)) => {
                p.delay_for(attempt, method, response.status(), response.headers())
            }
            (Err(e), Some(p)) if e.is_connect() && attempt < p.max_retries => {
                Some(p.backoff(attempt))
            }
            (Err(_), Some(_)) => None,
        };
        match wait {
            Some(wait) => {
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            None => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::new(10)
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        assert_eq!(p.backoff(0), Duration::from_millis(100));
        assert_eq!(p.backoff(1), Duration::from_millis(200));
        assert_eq!(p.backoff(2), Duration::from_millis(350));
        assert_eq!(p.backoff(40), Duration::from_millis(350));
    }

    #[test]
    fn retry_after_is_honoured() {
        let p = RetryPolicy::new(2).max_backoff(Duration::from_secs(5));
        let mut h = HeaderMap::new();
        let busy = StatusCode::TOO_MANY_REQUESTS;
        let get = &Method::GET;
        assert_eq!(p.delay_for(0, get, busy, &h), Some(Duration::from_millis(500)));
        h.insert("retry-after", "2".parse().unwrap());
        assert_eq!(p.delay_for(0, get, busy, &h), Some(Duration::from_secs(2)));
        assert_eq!(p.delay_for(2, get, busy, &h), None, "retries exhausted");
        h.insert("retry-after", "60".parse().unwrap());
        assert_eq!(p.delay_for(0, get, busy, &h), None, "longer than max_backoff");
        assert_eq!(p.delay_for(0, get, StatusCode::INTERNAL_SERVER_ERROR, &h), None);
        assert_eq!(
            p.delay_for(0, get, StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new()),
            Some(Duration::from_millis(500))
        );
    }

    #[test]
    fn gateway_errors_only_for_idempotent_methods() {
        let p = RetryPolicy::default();
        assert_eq!(p.max_retries, 3);
        for status in [429, 502, 503, 504] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(p.retries(&Method::GET, status), "{status}");
            assert!(p.retries(&Method::DELETE, status), "{status}");
        }
        assert!(p.retries(&Method::POST, StatusCode::TOO_MANY_REQUESTS));
        assert!(p.retries(&Method::POST, StatusCode::SERVICE_UNAVAILABLE));
        assert!(!p.retries(&Method::POST, StatusCode::BAD_GATEWAY));
        assert!(!p.retries(&Method::PATCH, StatusCode::GATEWAY_TIMEOUT));
        let strict = p.gateway_errors(false);
        assert!(!strict.retries(&Method::GET, StatusCode::BAD_GATEWAY));
        assert!(strict.retries(&Method::GET, StatusCode::TOO_MANY_REQUESTS));
    }
}
