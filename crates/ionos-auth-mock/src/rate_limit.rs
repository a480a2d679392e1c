//! Request counting per credential, `X-RateLimit-*` headers and 429 answers.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::error_body;
use crate::{AuthMock, RateLimit};

/// Fixed-window counters per credential.
pub struct Limiter {
    limit: RateLimit,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

/// What the limiter decided for one request.
struct Verdict {
    allowed: bool,
    remaining: u32,
    retry_after_secs: u64,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Self {
        Limiter {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn count(&self, key: &str) -> Verdict {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let entry = windows.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.limit.window {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        let left = self
            .limit
            .window
            .saturating_sub(now.duration_since(entry.0));
        Verdict {
            allowed: entry.1 <= self.limit.limit,
            remaining: self.limit.limit.saturating_sub(entry.1),
            retry_after_secs: left.as_secs() + u64::from(left.subsec_nanos() > 0),
        }
    }
}

/// Counts the request against its credential (the `Authorization` header, or the address-less
/// "anonymous" bucket), answers 429 beyond the limit, and adds the rate-limit headers.
pub async fn middleware(State(mock): State<AuthMock>, request: Request, next: Next) -> Response {
    let key = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("anonymous")
        .to_string();
    let limiter = &mock.inner.limiter;
    let verdict = limiter.count(&key);
    let mut response = if verdict.allowed {
        next.run(request).await
    } else {
        let body = error_body(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            "too many requests: retry after the time given in Retry-After",
        );
        let mut r = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
        r.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            HeaderValue::from(verdict.retry_after_secs.max(1)),
        );
        r
    };
    let headers = response.headers_mut();
    headers.insert("x-ratelimit-limit", HeaderValue::from(limiter.limit.limit));
    headers.insert(
        "x-ratelimit-remaining",
        HeaderValue::from(verdict.remaining),
    );
    headers.insert("x-ratelimit-burst", HeaderValue::from(limiter.limit.burst));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn windows_fill_and_reset() {
        let l = Limiter::new(RateLimit {
            limit: 2,
            window: Duration::from_millis(50),
            burst: 1,
        });
        assert!(l.count("a").allowed);
        let v = l.count("a");
        assert!(v.allowed && v.remaining == 0);
        let v = l.count("a");
        assert!(!v.allowed && v.retry_after_secs == 1);
        assert!(l.count("b").allowed, "per credential");
        std::thread::sleep(Duration::from_millis(60));
        assert!(l.count("a").allowed);
    }
}
