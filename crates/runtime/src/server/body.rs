//! Request bodies: reading with a size limit, media-type checks and decoding, every failure a
//! 4xx [`Rejection`].

use axum::body::Body;
use bytes::Bytes;
use http::request::Parts;
use serde::de::DeserializeOwned;

use super::rejection::{Rejection, RejectionKind};
use crate::{ByteStream, StreamError};

/// The largest body generated servers read (2 MiB, as axum's own extractors).
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Reads the whole body, at most `limit` bytes.
///
/// # Errors
/// 413 when the body is larger; 400 when it cannot be read.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, Rejection> {
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            Err(if too_large {
                Rejection::new(
                    RejectionKind::PayloadTooLarge,
                    format!("the request body is larger than {limit} bytes"),
                )
            } else {
                Rejection::invalid_body(format!("cannot read the body: {e}"))
            })
        }
    }
}

/// The media type the request declares, without parameters, lower-cased; `None` when absent.
fn content_type(parts: &Parts) -> Result<Option<String>, Rejection> {
    match parts.headers.get(http::header::CONTENT_TYPE) {
        None => Ok(None),
        Some(v) => {
            let text = v
                .to_str()
                .map_err(|_| unsupported("an unreadable Content-Type"))?;
            Ok(Some(content_type_of(text)))
        }
    }
}

/// A media type without parameters, lower-cased.
pub(crate) fn content_type_of(header: &str) -> String {
    header
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn unsupported(what: &str) -> Rejection {
    Rejection::new(
        RejectionKind::UnsupportedMediaType,
        format!("unsupported media type: {what}"),
    )
}

/// Checks the declared media type (a missing `Content-Type` is accepted) and whether a required
/// body is there; `Ok(false)` when an optional body is absent.
fn check(
    parts: &Parts,
    bytes: &[u8],
    required: bool,
    accepts: impl Fn(&str) -> bool,
    expected: &str,
) -> Result<bool, Rejection> {
    if let Some(ct) = content_type(parts)? {
        let absent_optional = bytes.is_empty() && !required;
        if !accepts(&ct) && !absent_optional {
            return Err(unsupported(&format!("`{ct}`, expected {expected}")));
        }
    }
    if bytes.is_empty() {
        return if required {
            Err(Rejection::new(
                RejectionKind::MissingBody,
                format!("a request body ({expected}) is required"),
            ))
        } else {
            Ok(false)
        };
    }
    Ok(true)
}

fn is_json(ct: &str) -> bool {
    ct == "application/json" || ct.ends_with("+json")
}

/// Decodes a JSON body; `Ok(None)` when an optional body is absent.
///
/// # Errors
/// 415 for a non-JSON `Content-Type`; 400 for a missing required body or one that does not
/// match `T` (the message says where).
pub fn json_body<T: DeserializeOwned>(
    parts: &Parts,
    bytes: &[u8],
    required: bool,
) -> Result<Option<T>, Rejection> {
    if !check(parts, bytes, required, is_json, "application/json")? {
        return Ok(None);
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize(de) {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.path().iter().next().is_some() => Err(Rejection::invalid_body(format!(
            "at `{}`: {}",
            e.path(),
            e.inner()
        ))),
        Err(e) => Err(Rejection::invalid_body(e.into_inner())),
    }
}

/// Decodes an `application/x-www-form-urlencoded` body; `Ok(None)` when an optional body is absent.
///
/// # Errors
/// As [`json_body`].
pub fn form_body<T: DeserializeOwned>(
    parts: &Parts,
    bytes: &[u8],
    required: bool,
) -> Result<Option<T>, Rejection> {
    let form = |ct: &str| ct == "application/x-www-form-urlencoded";
    if !check(
        parts,
        bytes,
        required,
        form,
        "application/x-www-form-urlencoded",
    )? {
        return Ok(None);
    }
    serde_urlencoded::from_bytes(bytes)
        .map(Some)
        .map_err(Rejection::invalid_body)
}

/// Takes a body of another media type as UTF-8 text; `Ok(None)` when an optional body is absent.
///
/// # Errors
/// 400 for a missing required body or one that is not UTF-8.
pub fn text_body(parts: &Parts, bytes: &[u8], required: bool) -> Result<Option<String>, Rejection> {
    if !check(parts, bytes, required, |_| true, "a body")? {
        return Ok(None);
    }
    String::from_utf8(bytes.to_vec())
        .map(Some)
        .map_err(Rejection::invalid_body)
}

/// The largest binary body ([`binary_body`]) a generated server takes unless told otherwise:
/// 64 MiB. It is read as a stream, never held whole, so it may be far larger than
/// [`DEFAULT_BODY_LIMIT`]; set another with a [`StreamLimit`] extension.
pub const DEFAULT_STREAM_LIMIT: u64 = 64 * 1024 * 1024;

/// The largest binary body the routes it is added to take, as a request extension:
/// `router(api).layer(axum::Extension(StreamLimit(1 << 30)))`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamLimit(pub u64);

/// Takes a body of a binary media type (`application/octet-stream`, `*/*`, `image/png`…) as a
/// [`ByteStream`], unread: the trait method reads it chunk by chunk. A body longer than the
/// limit ([`StreamLimit`], else [`DEFAULT_STREAM_LIMIT`]) is refused up front when its
/// `Content-Length` says so, and otherwise ends with [`StreamError::TooLarge`] (which answers
/// 413 when the trait method passes it on with `?`). `Ok(None)` when an optional body is absent.
///
/// # Errors
/// 413 for a declared length over the limit; 400 for a missing required body.
pub fn binary_body(
    parts: &Parts,
    body: Body,
    required: bool,
) -> Result<Option<ByteStream>, Rejection> {
    let limit = parts
        .extensions
        .get::<StreamLimit>()
        .map_or(DEFAULT_STREAM_LIMIT, |l| l.0);
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(Rejection::new(
            RejectionKind::PayloadTooLarge,
            format!("the request body is larger than {limit} bytes"),
        ));
    }
    let empty = declared == Some(0)
        || (declared.is_none() && axum::body::HttpBody::is_end_stream(&body));
    let sample: &[u8] = if empty { b"" } else { b"?" };
    if !check(parts, sample, required, |_| true, "a body")? {
        return Ok(None);
    }
    Ok(Some(
        ByteStream::from_stream(body.into_data_stream()).limited(limit),
    ))
}

impl From<StreamError> for Rejection {
    fn from(e: StreamError) -> Self {
        match e {
            StreamError::TooLarge { .. } => {
                Rejection::new(RejectionKind::PayloadTooLarge, e.to_string())
            }
            StreamError::Read(_) => Rejection::invalid_body(e.to_string()),
        }
    }
}

/// The body of an operation whose body is required: the decoders above already refuse a
/// missing one when told `required`, so this only turns their `Option` into the value (and
/// refuses `None` the same way, should a decoder ever give one).
///
/// # Errors
/// 400 (`MISSING_BODY`) for `None`.
pub fn required_body<T>(body: Option<T>) -> Result<T, Rejection> {
    body.ok_or_else(|| Rejection::new(RejectionKind::MissingBody, "a request body is required"))
}

/// The required JSON body of a request: read whole (at most [`DEFAULT_BODY_LIMIT`] bytes),
/// decoded ([`json_body`]), present ([`required_body`]) and checked against its schema
/// ([`Validate`](crate::validate::Validate)), in that order.
///
/// # Errors
/// As [`read_body`], [`json_body`] and [`required_body`]; 400 when the value breaks its schema.
pub async fn json_request<T>(parts: &Parts, body: Body) -> Result<T, Rejection>
where
    T: DeserializeOwned + crate::validate::Validate,
{
    let bytes = read_body(body, DEFAULT_BODY_LIMIT).await?;
    let value: T = required_body(json_body(parts, &bytes, true)?)?;
    value.validate().map_err(Rejection::invalid_body)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Item {
        name: String,
    }

    fn parts(ct: Option<&str>) -> Parts {
        let mut b = http::Request::builder();
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        b.body(()).unwrap().into_parts().0
    }

    #[test]
    fn json_bodies() {
        let ok = json_body::<Item>(&parts(None), br#"{"name":"a"}"#, true).unwrap();
        assert_eq!(ok, Some(Item { name: "a".into() }));
        let ok = json_body::<Item>(
            &parts(Some("application/json; charset=utf-8")),
            br#"{"name":"a"}"#,
            true,
        );
        assert!(ok.is_ok());
        let r = json_body::<Item>(&parts(None), b"{}", true).unwrap_err();
        assert_eq!((r.status().as_u16(), r.code()), (400, "INVALID_BODY"));
        assert!(
            r.message().contains("missing field `name`"),
            "{}",
            r.message()
        );
        let r = json_body::<Item>(&parts(None), br#"{"name": 1}"#, true).unwrap_err();
        assert!(r.message().contains("at `name`"), "{}", r.message());
        let r = json_body::<Item>(&parts(Some("text/plain")), b"{}", true).unwrap_err();
        assert_eq!(r.status().as_u16(), 415);
        let r = json_body::<Item>(&parts(None), b"", true).unwrap_err();
        assert_eq!(r.code(), "MISSING_BODY");
        assert_eq!(json_body::<Item>(&parts(None), b"", false).unwrap(), None);
        assert!(json_body::<Item>(&parts(None), b"\xff", true).is_err());
    }

    #[tokio::test]
    async fn binary_bodies_are_streams_with_a_limit() {
        let raw = Bytes::from_static(b"\x00\xff");
        let ok = binary_body(&parts(Some("image/png")), Body::from(raw), true).unwrap();
        let got = ok.unwrap().collect().await.unwrap();
        assert_eq!(&*got, b"\x00\xff");
        assert_eq!(binary_body(&parts(None), Body::empty(), false).unwrap(), None);
        let r = binary_body(&parts(None), Body::empty(), true).unwrap_err();
        assert_eq!(r.code(), "MISSING_BODY");
        let mut p = parts(None);
        p.extensions.insert(StreamLimit(3));
        let s = binary_body(&p, Body::from("abcd"), true).unwrap().unwrap();
        let r = Rejection::from(s.collect().await.unwrap_err());
        assert_eq!(r.status().as_u16(), 413);
        p.headers.insert("content-length", "4".parse().unwrap());
        let r = binary_body(&p, Body::from("abcd"), true).unwrap_err();
        assert_eq!(r.status().as_u16(), 413);
    }

    #[tokio::test]
    async fn size_limit() {
        let r = read_body(Body::from(vec![b'a'; 10]), 4).await.unwrap_err();
        assert_eq!(r.status().as_u16(), 413);
        assert_eq!(&read_body(Body::from("abc"), 4).await.unwrap()[..], b"abc");
    }

    #[test]
    fn required_body_refuses_none_as_missing() {
        assert_eq!(required_body(Some(3)).unwrap(), 3);
        let rejection = required_body::<u8>(None).unwrap_err();
        assert_eq!(rejection.kind(), &RejectionKind::MissingBody);
    }
}
