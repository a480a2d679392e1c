//! What can go wrong when calling an operation.

use std::fmt;

use http::{HeaderMap, StatusCode};

use super::response::{HeaderSource, ResponseValue};

/// The error of a generated operation; `E` is the type of the bodies the operation documents
/// for its error statuses.
///
/// Every variant is at most one pointer plus a `String` wide, so `Result<_, Error<E>>` stays
/// small whatever `E` is (responses are boxed).
#[derive(Debug)]
pub enum Error<E = serde_json::Value> {
    /// The server answered with an error status the operation documents, and its body decoded
    /// as documented.
    Api(Box<ResponseValue<E>>),
    /// The server answered with a status the operation does not document; the body is kept as
    /// text (lossily, if it is not UTF-8).
    UnexpectedResponse(Box<ResponseValue<String>>),
    /// The status was documented but the body did not match its schema.
    Decode {
        /// The response, its body as text.
        response: Box<ResponseValue<String>>,
        /// What did not match.
        message: String,
    },
    /// The request could not be sent or the response not read (connection, timeout, TLS).
    Transport(reqwest::Error),
    /// The request was not sent because it is invalid: a parameter breaks a constraint of the
    /// spec, or a value cannot be put in a header.
    InvalidRequest(String),
}

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(r) => Some(r.status()),
            Error::UnexpectedResponse(r) => Some(r.status()),
            Error::Decode { response, .. } => Some(response.status()),
            Error::Transport(e) => e.status(),
            Error::InvalidRequest(_) => None,
        }
    }

    /// The response headers, when a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(r) => Some(r.headers()),
            Error::UnexpectedResponse(r) => Some(r.headers()),
            Error::Decode { response, .. } => Some(response.headers()),
            Error::Transport(_) | Error::InvalidRequest(_) => None,
        }
    }

    /// The documented error body, for [`Error::Api`].
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Error::Api(r) => Some(r.body()),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(e) if e.is_timeout())
    }
}

impl<E> HeaderSource for Error<E> {
    fn header_map(&self) -> Option<&HeaderMap> {
        self.headers()
    }
}

/// At most this many characters of an unexpected body go into the `Display` output.
const SHOWN_BODY: usize = 200;

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(r) => write!(f, "error response {}: {:?}", r.status(), r.body()),
            Error::UnexpectedResponse(r) => {
                let body: String = r.body().chars().take(SHOWN_BODY).collect();
                write!(f, "unexpected response {}: {body}", r.status())
            }
            Error::Decode { response, message } => write!(
                f,
                "the body of response {} does not match the spec: {message}",
                response.status()
            ),
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            _ => None,
        }
    }
}

/// A failure before a response was received; converts into any [`Error`] with `?`.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// See [`Error::Transport`].
    #[error("request failed: {0}")]
    Transport(#[from] reqwest::Error),
    /// See [`Error::InvalidRequest`].
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl<E> From<SendError> for Error<E> {
    fn from(e: SendError) -> Self {
        match e {
            SendError::Transport(e) => Error::Transport(e),
            SendError::InvalidRequest(m) => Error::InvalidRequest(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_displayable() {
        assert!(std::mem::size_of::<Error<[u8; 512]>>() <= 40);
        let e: Error<String> = Error::Api(Box::new(ResponseValue::new(
            StatusCode::NOT_FOUND,
            HeaderMap::new(),
            "gone".to_string(),
        )));
        assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
        assert_eq!(e.api_body().map(String::as_str), Some("gone"));
        assert_eq!(e.to_string(), "error response 404 Not Found: \"gone\"");
        let e: Error<()> = SendError::InvalidRequest("`ttl` must be at least 60".into()).into();
        assert_eq!(e.to_string(), "invalid request: `ttl` must be at least 60");
        assert_eq!(e.status(), None);
    }
}
