//! Requests refused before the handler runs, and the default error body.

use std::fmt;

use http::StatusCode;
use serde::{Deserialize, Serialize};

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

impl fmt::Display for ParamLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        })
    }
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectionKind {
    /// No credentials were sent, or none the operation accepts (401).
    MissingCredentials,
    /// Credentials were sent but cannot be read (401).
    MalformedCredentials,
    /// A required parameter is absent (400).
    MissingParameter {
        /// Its name.
        name: String,
        /// Where it is expected.
        location: ParamLocation,
    },
    /// A parameter cannot be parsed or breaks a constraint (400).
    InvalidParameter {
        /// Its name (empty when the whole query string is unreadable).
        name: String,
        /// Where it was sent.
        location: ParamLocation,
    },
    /// A required body is absent (400).
    MissingBody,
    /// The body does not match its schema or breaks a constraint (400).
    InvalidBody,
    /// The body is sent with a media type the operation does not take (415).
    UnsupportedMediaType,
    /// The body is larger than the server accepts (413).
    PayloadTooLarge,
    /// No route matches the path (404).
    NotFound,
    /// The path exists but not with this method (405).
    MethodNotAllowed,
}

/// A refused request: its status, why, and a message for the client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct Rejection {
    status: StatusCode,
    kind: RejectionKind,
    message: String,
    challenge: Option<String>,
}

impl Rejection {
    /// A rejection of `kind` with its usual status.
    pub fn new(kind: RejectionKind, message: impl Into<String>) -> Self {
        let status = match &kind {
            RejectionKind::MissingCredentials | RejectionKind::MalformedCredentials => {
                StatusCode::UNAUTHORIZED
            }
            RejectionKind::MissingParameter { .. }
            | RejectionKind::InvalidParameter { .. }
            | RejectionKind::MissingBody
            | RejectionKind::InvalidBody => StatusCode::BAD_REQUEST,
            RejectionKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RejectionKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            RejectionKind::NotFound => StatusCode::NOT_FOUND,
            RejectionKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        };
        Rejection {
            status,
            kind,
            message: message.into(),
            challenge: None,
        }
    }

    /// A required parameter is absent.
    pub fn missing_parameter(name: &str, location: ParamLocation) -> Self {
        Rejection::new(
            RejectionKind::MissingParameter {
                name: name.to_string(),
                location,
            },
            format!("the {location} parameter `{name}` is required"),
        )
    }

    /// A parameter is invalid; `problem` says why (`must be at least 60`).
    pub fn invalid_parameter(
        name: &str,
        location: ParamLocation,
        problem: impl fmt::Display,
    ) -> Self {
        Rejection::new(
            RejectionKind::InvalidParameter {
                name: name.to_string(),
                location,
            },
            format!("invalid {location} parameter `{name}`: {problem}"),
        )
    }

    /// The body is invalid; `problem` says why.
    pub fn invalid_body(problem: impl fmt::Display) -> Self {
        Rejection::new(
            RejectionKind::InvalidBody,
            format!("invalid request body: {problem}"),
        )
    }

    /// No route matches.
    pub fn not_found(path: &str) -> Self {
        Rejection::new(RejectionKind::NotFound, format!("no operation at `{path}`"))
    }

    /// The method is not served at this path.
    pub fn method_not_allowed(method: &http::Method, path: &str) -> Self {
        Rejection::new(
            RejectionKind::MethodNotAllowed,
            format!("method {method} is not allowed at `{path}`"),
        )
    }

    /// Adds the `WWW-Authenticate` challenge sent with a 401.
    pub fn with_challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// The HTTP status to answer with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Why the request was refused.
    pub fn kind(&self) -> &RejectionKind {
        &self.kind
    }

    /// A message for the client.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The `WWW-Authenticate` challenge, for 401s.
    pub fn challenge(&self) -> Option<&str> {
        self.challenge.as_deref()
    }

    /// A stable, machine-readable code for the kind (`INVALID_PARAMETER`).
    pub fn code(&self) -> &'static str {
        match self.kind {
            RejectionKind::MissingCredentials => "MISSING_CREDENTIALS",
            RejectionKind::MalformedCredentials => "MALFORMED_CREDENTIALS",
            RejectionKind::MissingParameter { .. } => "MISSING_PARAMETER",
            RejectionKind::InvalidParameter { .. } => "INVALID_PARAMETER",
            RejectionKind::MissingBody => "MISSING_BODY",
            RejectionKind::InvalidBody => "INVALID_BODY",
            RejectionKind::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            RejectionKind::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            RejectionKind::NotFound => "NOT_FOUND",
            RejectionKind::MethodNotAllowed => "METHOD_NOT_ALLOWED",
        }
    }
}

/// The error body of APIs that declare none: the JSON form of `google.rpc.Status`, as
/// grpc-gateway sends it (`{"code": 3, "message": "…", "details": []}`), so clients written for
/// the gRPC-gateway flavour of an API understand it. `code` is the gRPC status code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorStatus {
    /// The gRPC status code (`3` INVALID_ARGUMENT, `16` UNAUTHENTICATED, …).
    pub code: i32,
    /// A message for the client.
    pub message: String,
    /// Further details (none are sent by the runtime).
    #[serde(default)]
    pub details: Vec<serde_json::Value>,
}

impl ErrorStatus {
    /// An error for an HTTP status, its gRPC code mapped as grpc-gateway maps them back.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ErrorStatus {
            code: grpc_code(status),
            message: message.into(),
            details: Vec::new(),
        }
    }
}

impl From<&Rejection> for ErrorStatus {
    fn from(r: &Rejection) -> Self {
        ErrorStatus::new(r.status(), r.message())
    }
}

/// The gRPC code grpc-gateway answers with a given HTTP status.
fn grpc_code(status: StatusCode) -> i32 {
    match status.as_u16() {
        200..=299 => 0,
        400 | 413 | 415 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        405 | 501 => 12,
        409 => 10,
        412 => 9,
        429 => 8,
        499 => 1,
        503 => 14,
        504 => 4,
        _ => 2,
    }
}

/// Refuses a parameter that breaks the spec's bounds (a [`Bounds`](crate::validate::Bounds) or
/// [`Length`](crate::validate::Length) check) with 400.
pub fn check_param(
    name: &str,
    location: ParamLocation,
    checked: Result<(), String>,
) -> Result<(), Rejection> {
    checked.map_err(|m| Rejection::invalid_parameter(name, location, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_codes_and_messages() {
        let r = Rejection::invalid_parameter("ttl", ParamLocation::Query, "must be at least 60");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert_eq!(r.code(), "INVALID_PARAMETER");
        assert_eq!(
            r.message(),
            "invalid query parameter `ttl`: must be at least 60"
        );
        let s = ErrorStatus::from(&r);
        assert_eq!(s.code, 3);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"code":3,"message":"invalid query parameter `ttl`: must be at least 60","details":[]}"#
        );
        let r = Rejection::new(RejectionKind::MissingCredentials, "no");
        assert_eq!((r.status().as_u16(), ErrorStatus::from(&r).code), (401, 16));
        assert_eq!(Rejection::not_found("/x").status(), StatusCode::NOT_FOUND);
    }
}
