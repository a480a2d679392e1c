//! A request as generated code describes it: data, so that it can be sent again on retry.

use std::borrow::Cow;

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use serde::Serialize;

use super::error::SendError;
use crate::security::Alternatives;
use crate::ByteStream;

/// The body of a [`RequestSpec`].
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub bytes: Bytes,
    pub content_type: Cow<'static, str>,
    /// A body sent from a stream instead of `bytes`: sent once, never retried.
    pub stream: Option<ByteStream>,
}

/// Everything about one request except the base URL and credentials, which the
/// [`ClientCore`](super::ClientCore) adds.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    /// Query text of `allowReserved` parameters, already encoded (`a=b/c&d=e`).
    pub(crate) reserved_query: String,
    pub(crate) headers: HeaderMap,
    pub(crate) cookies: Vec<(String, String)>,
    pub(crate) body: Option<Body>,
    pub(crate) security: Alternatives,
    /// Whether a successful body that is not JSON or text is left unread (raw bytes).
    pub(crate) streamed: bool,
    /// The first reason the request cannot be sent (a broken bound, a value a header cannot
    /// carry, a body that cannot be encoded): kept while the request is built, then the error
    /// ([`SendError::InvalidRequest`]) instead of sending it.
    pub(crate) refused: Option<String>,
}

impl RequestSpec {
    /// A request with `method`, authenticated per `security`; the path starts empty.
    pub fn new(method: Method, security: Alternatives) -> Self {
        RequestSpec {
            method,
            path: String::new(),
            query: Vec::new(),
            reserved_query: String::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            security,
            streamed: false,
            refused: None,
        }
    }

    /// Why the request will not be sent, if a step of building it failed (the first such step).
    pub fn refused(&self) -> Option<&str> {
        self.refused.as_deref()
    }

    /// Keeps `message` as the reason the request is not sent, unless an earlier step failed.
    pub(crate) fn refuse(&mut self, message: String) {
        self.refused.get_or_insert(message);
    }

    /// Refuses the request when a parameter breaks the spec's bounds (a
    /// [`Bounds`](crate::validate::Bounds) or [`Length`](crate::validate::Length) check).
    pub fn check_param(&mut self, name: &str, checked: Result<(), String>) {
        if let Err(m) = checked {
            self.refuse(format!("`{name}` {m}"));
        }
    }

    /// Refuses the request when its body breaks the spec's constraints (its `Validate` result).
    pub fn check_body<V: std::fmt::Display>(&mut self, checked: Result<(), V>) {
        if let Err(e) = checked {
            self.refuse(format!("request body: {e}"));
        }
    }

    /// Leaves a successful response body that is not JSON or text unread, for
    /// [`RawResponse::binary_with`](super::RawResponse::binary_with) to give as a stream of
    /// chunks (operations answering with raw bytes; see [`ClientCore::execute_streamed`](super::ClientCore::execute_streamed)).
    pub fn stream_response(&mut self) {
        self.streamed = true;
    }

    /// Appends literal path text (`/tokens/`), as the spec writes it.
    pub fn path_literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends a path variable, percent-encoded. With `multi_segment`, `/` is kept.
    pub fn path_param(&mut self, value: &str, multi_segment: bool) {
        encode_segment(&mut self.path, value, multi_segment);
    }

    /// Adds a query pair.
    pub fn query(&mut self, name: &str, value: String) {
        self.query.push((name.to_string(), value));
    }

    /// Adds a query pair with the text of `value` when there is one (an optional parameter).
    pub fn query_opt<T: std::fmt::Display>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.query(name, value.to_string());
        }
    }

    /// Adds a query pair of an `allowReserved` parameter: RFC 3986 reserved characters in the
    /// value are sent as they are, except `#`, `&`, `=` and `+`, which would change how the
    /// query is split or read, and everything else is percent-encoded.
    pub fn query_reserved(&mut self, name: &str, value: String) {
        if !self.reserved_query.is_empty() {
            self.reserved_query.push('&');
        }
        encode_query(&mut self.reserved_query, name, |_| false);
        self.reserved_query.push('=');
        encode_query(&mut self.reserved_query, &value, |b| {
            matches!(
                b,
                b':' | b'/'
                    | b'?'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b','
                    | b';'
                    | b'['
                    | b']'
            )
        });
    }

    /// Adds a header; refuses the request when the name or value cannot be sent in a header.
    pub fn header(&mut self, name: &str, value: &str) {
        let Ok(header_name) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.refuse(format!("`{name}` is not a valid header name"));
        };
        let Ok(header_value) = HeaderValue::from_str(value) else {
            return self.refuse(format!(
                "the value of header `{name}` contains characters a header cannot carry"
            ));
        };
        self.headers.append(header_name, header_value);
    }

    /// Adds a cookie.
    pub fn cookie(&mut self, name: &str, value: String) {
        self.cookies.push((name.to_string(), value));
    }

    /// Sets the `Accept` header.
    pub fn accept(&mut self, media_type: &'static str) {
        self.headers
            .insert(http::header::ACCEPT, HeaderValue::from_static(media_type));
    }

    /// Sets a JSON body; refuses the request when `body` cannot be encoded.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.raw_body(bytes, "application/json"),
            Err(e) => self.refuse(format!("the body cannot be encoded as JSON: {e}")),
        }
    }

    /// Sets an `application/x-www-form-urlencoded` body; refuses the request when `body`
    /// cannot be encoded.
    pub fn form_body<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_urlencoded::to_string(body) {
            Ok(text) => self.raw_body(text.into_bytes(), "application/x-www-form-urlencoded"),
            Err(e) => self.refuse(format!("the body cannot be form-encoded: {e}")),
        }
    }

    /// Sets a body of any media type (the bytes are kept for retries without copying).
    pub fn raw_body(
        &mut self,
        bytes: impl Into<Bytes>,
        content_type: impl Into<Cow<'static, str>>,
    ) {
        self.body = Some(Body {
            bytes: bytes.into(),
            content_type: content_type.into(),
            stream: None,
        });
    }

    /// Sets a `multipart/form-data` body: one part per field of `body` (files for
    /// [`Binary`](crate::Binary) fields, text for scalars, JSON for objects), fields named in
    /// `part_types` sent with the media type given there; refuses the request when `body` cannot
    /// be encoded so.
    pub fn multipart_body<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        part_types: &[(&str, &str)],
    ) {
        match crate::multipart::encode(body, part_types) {
            Ok((bytes, content_type)) => self.raw_body(bytes, content_type),
            Err(message) => self.refuse(message),
        }
    }

    /// Sets a binary body (`application/octet-stream`, `image/png`…): bytes at hand without
    /// copying (sent again on retry), a stream chunk by chunk (sent once: a request with a
    /// streamed body is never retried, as the chunks already sent are gone).
    pub fn binary_body(&mut self, body: &ByteStream, content_type: impl Into<Cow<'static, str>>) {
        match body.buffered_bytes() {
            Some(bytes) => self.raw_body(bytes, content_type),
            None => {
                self.raw_body(Bytes::new(), content_type);
                if let Some(b) = &mut self.body {
                    b.stream = Some(body.clone());
                }
            }
        }
    }

    /// Whether the body is a stream (which cannot be sent again).
    pub(crate) fn streams(&self) -> bool {
        self.body.as_ref().is_some_and(|b| b.stream.is_some())
    }

    /// Sets a text body (`text/plain`…).
    pub fn text_body(&mut self, body: &str, content_type: &'static str) {
        self.raw_body(body.to_string(), content_type);
    }

    /// The path built so far (encoded).
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Characters sent as is in a path segment: RFC 3986 `unreserved`.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn encode_segment(out: &mut String, value: &str, keep_slash: bool) {
    encode_query(out, value, |b| keep_slash && b == b'/');
}

/// Percent-encodes `value` into `out`, keeping unreserved characters and those `keep` allows.
fn encode_query(out: &mut String, value: &str, keep: impl Fn(u8) -> bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let plain = |b: u8| unreserved(b) || keep(b);
    let bytes = value.as_bytes();
    out.reserve(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let run = bytes[i..].iter().take_while(|&&b| plain(b)).count();
        if run > 0 {
            // Characters sent as is are ASCII, so the run starts and ends on character
            // boundaries; it is copied at once (an id usually is one run).
            out.push_str(&value[i..i + run]);
            i += run;
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
            i += 1;
        }
    }
}

/// Bytes as standard base64, for `format: byte` parameters.
pub fn encode_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The `name[key]=value` pairs of an object sent as a `deepObject` query parameter (flat
/// objects and maps of scalars, written as a form would be).
pub fn deep_object<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Vec<(String, String)>, SendError> {
    Ok(object_pairs(name, value)?
        .into_iter()
        .map(|(k, v)| (format!("{name}[{k}]"), v))
        .collect())
}

/// The key/value pairs of a flat object, for `label` and `matrix` path parameters.
pub fn object_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Vec<(String, String)>, SendError> {
    let invalid = |e: &dyn std::fmt::Display| {
        SendError::InvalidRequest(format!("the parameter `{name}` cannot be encoded: {e}"))
    };
    let form = serde_urlencoded::to_string(value).map_err(|e| invalid(&e))?;
    serde_urlencoded::from_str(&form).map_err(|e| invalid(&e))
}

/// A value as JSON text, for parameters whose type has no plain-text form (objects, maps).
pub fn to_json_text<T: Serialize + ?Sized>(value: &T) -> Result<String, SendError> {
    serde_json::to_string(value)
        .map_err(|e| SendError::InvalidRequest(format!("a parameter cannot be encoded: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.path_literal("/tokens/");
        r.path_param("a b/c?d%é", false);
        assert_eq!(r.path(), "/tokens/a%20b%2Fc%3Fd%25%C3%A9");
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.path_param("x/y z", true);
        assert_eq!(r.path(), "x/y%20z");
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.path_param("6e0b-8d2c_A.~z", false);
        r.path_param("", false);
        r.path_param("é/€", true);
        assert_eq!(r.path(), "6e0b-8d2c_A.~z%C3%A9/%E2%82%AC");
    }

    #[test]
    fn bad_header_values_refuse_the_request_and_the_first_reason_is_kept() {
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.header("X-Contract-Number", "12");
        assert_eq!(r.refused(), None);
        r.header("X-Note", "line\nbreak");
        r.header("bad name", "v");
        r.check_param("ttl", Err("must be at least 60".into()));
        assert_eq!(
            r.refused(),
            Some("the value of header `X-Note` contains characters a header cannot carry")
        );
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.check_param("ttl", Ok(()));
        r.check_param("ttl", Err("must be at least 60".into()));
        assert_eq!(r.refused(), Some("`ttl` must be at least 60"));
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.check_body(Err("`name` is required"));
        assert_eq!(r.refused(), Some("request body: `name` is required"));
    }

    #[test]
    fn reserved_query_values_keep_reserved_characters() {
        let mut r = RequestSpec::new(Method::GET, &[]);
        r.query_reserved("path", "/a/b?c=d&e#f g+h,i".into());
        r.query_reserved("x y", "é".into());
        assert_eq!(
            r.reserved_query,
            "path=/a/b?c%3Dd%26e%23f%20g%2Bh,i&x%20y=%C3%A9"
        );
    }

    #[test]
    fn values() {
        assert_eq!(encode_base64(b"hi"), "aGk=");
        assert_eq!(to_json_text(&[1, 2]).unwrap(), "[1,2]");
    }
}
