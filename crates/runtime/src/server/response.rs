//! Building responses without panicking.

use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;

use super::rejection::Rejection;
use crate::ByteStream;

/// A JSON response. Should the body fail to serialize (a bug, not something a client can
/// cause), the answer is a plain 500. `body` may be a value or a reference to one.
pub fn json_response<T: Serialize>(status: StatusCode, body: T) -> Response {
    match serde_json::to_vec(&body) {
        Ok(bytes) => (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A response of `status` without a body.
pub fn empty_response(status: StatusCode) -> Response {
    status.into_response()
}

/// An `application/x-www-form-urlencoded` response (flat bodies only; others answer 500).
/// `body` may be a value or a reference to one.
pub fn form_response<T: Serialize>(status: StatusCode, body: T) -> Response {
    match serde_urlencoded::to_string(&body) {
        Ok(text) => text_response(status, "application/x-www-form-urlencoded", text),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Bytes as standard base64, for `format: byte` header values.
pub fn encode_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A text response with the given media type: `body`'s text (a `String`, a number, an enum).
pub fn text_response(
    status: StatusCode,
    content_type: &'static str,
    body: impl ToString,
) -> Response {
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body.to_string(),
    )
        .into_response()
}

/// A binary response with the given media type: bytes at hand are sent as they are (with
/// their length), a stream chunk by chunk as the trait method's stream gives them.
pub fn binary_response(
    status: StatusCode,
    content_type: &'static str,
    body: ByteStream,
) -> Response {
    let body = match body.buffered_bytes() {
        Some(bytes) => axum::body::Body::from(bytes),
        None => axum::body::Body::from_stream(body),
    };
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// Sets a header from a value's text; values a header cannot carry are left out.
pub fn set_header(response: &mut Response, name: &str, value: impl std::fmt::Display) {
    if let (Ok(name), Ok(value)) = (
        HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_str(&value.to_string()),
    ) {
        response.headers_mut().insert(name, value);
    }
}

/// The response for a rejection: its status, `WWW-Authenticate` for 401s, and `body` as JSON.
pub fn rejection_response<T: Serialize + ?Sized>(rejection: &Rejection, body: &T) -> Response {
    let mut response = json_response(rejection.status(), body);
    if let Some(challenge) = rejection.challenge() {
        if let Ok(v) = HeaderValue::from_str(challenge) {
            response.headers_mut().insert(WWW_AUTHENTICATE, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{ErrorStatus, RejectionKind};

    #[test]
    fn rejection_responses() {
        let r = Rejection::new(RejectionKind::MissingCredentials, "no").with_challenge("Basic");
        let mut resp = rejection_response(&r, &ErrorStatus::from(&r));
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(resp.headers()["www-authenticate"], "Basic");
        assert_eq!(resp.headers()["content-type"], "application/json");
        set_header(&mut resp, "X-RateLimit-Remaining", 3);
        set_header(&mut resp, "X-Bad", "a\nb");
        assert_eq!(resp.headers()["x-ratelimit-remaining"], "3");
        assert!(!resp.headers().contains_key("x-bad"));
    }
}
