//! `multipart/form-data` request bodies (decoded by [`crate::multipart`]) and answers.

use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::rejection::{Rejection, RejectionKind};
use crate::multipart::DecodeError;

/// Decodes a `multipart/form-data` body; `Ok(None)` when an optional body is absent.
///
/// # Errors
/// 415 for another `Content-Type` (or one without a boundary); 400 for a missing required
/// body, a malformed one, or parts that do not match `T` (the message names the field).
pub async fn multipart_body<T: DeserializeOwned>(
    parts: &Parts,
    bytes: Bytes,
    required: bool,
    part_types: &[(&str, &str)],
) -> Result<Option<T>, Rejection> {
    let unsupported = |what: String| Rejection::new(RejectionKind::UnsupportedMediaType, what);
    let header = parts
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if bytes.is_empty() && header.is_none() {
        return if required {
            Err(Rejection::new(
                RejectionKind::MissingBody,
                "a request body (multipart/form-data) is required",
            ))
        } else {
            Ok(None)
        };
    }
    let Some(header) = header else {
        return Err(unsupported(
            "unsupported media type: none, expected multipart/form-data".into(),
        ));
    };
    crate::multipart::decode(header, bytes, part_types)
        .map(Some)
        .map_err(|e| match e {
            DecodeError::Unsupported(m) => unsupported(m),
            DecodeError::Invalid(m) => Rejection::invalid_body(m),
        })
}

/// A `multipart/form-data` answer: one part per field of `body` (as a client writes a request
/// body), with its boundary in the `Content-Type`. A body that is not an object (a bug, not
/// something a client can cause) answers a plain 500.
pub fn multipart_response<T: Serialize>(
    status: StatusCode,
    body: T,
    part_types: &[(&str, &str)],
) -> Response {
    match crate::multipart::encode(&body, part_types) {
        Ok((bytes, content_type)) => match HeaderValue::from_str(&content_type) {
            Ok(ct) => (status, [(CONTENT_TYPE, ct)], bytes).into_response(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Binary;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Upload {
        file: Binary,
        note: Option<String>,
        count: i32,
        #[serde(default)]
        tags: Vec<String>,
        meta: Option<serde_json::Value>,
    }

    fn parts(ct: &str) -> Parts {
        http::Request::builder()
            .header("content-type", ct)
            .body(())
            .unwrap()
            .into_parts()
            .0
    }

    const CT: &str = "multipart/form-data; boundary=XyZ";

    fn body(fields: &[(&str, Option<&str>, &[u8])]) -> Bytes {
        let mut out = Vec::new();
        for (name, ct, data) in fields {
            out.extend_from_slice(
                format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
            );
            if let Some(ct) = ct {
                out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--XyZ--\r\n");
        out.into()
    }

    #[tokio::test]
    async fn fields_read_as_their_types_ask() {
        let b = body(&[
            ("file", Some("application/octet-stream"), b"\x00\xff"),
            ("count", None, b"7"),
            ("tags", None, b"a"),
            ("tags", None, b"b"),
            ("meta", Some("application/json"), br#"{"k":1}"#),
        ]);
        let up: Upload = multipart_body(&parts(CT), b, true, &[]).await.unwrap().unwrap();
        assert_eq!(&*up.file, b"\x00\xff");
        assert_eq!(
            (up.count, up.note, up.tags),
            (7, None, vec!["a".into(), "b".into()])
        );
        assert_eq!(up.meta, Some(serde_json::json!({"k": 1})));
    }

    #[tokio::test]
    async fn declared_part_types_are_honoured() {
        let b = body(&[("file", None, b"x"), ("count", None, b"1"), ("meta", None, br#"[1]"#)]);
        let types = [("meta", "application/vnd.x+json")];
        let up: Upload = multipart_body(&parts(CT), b, true, &types).await.unwrap().unwrap();
        assert_eq!(up.meta, Some(serde_json::json!([1])));
    }

    #[tokio::test]
    async fn malformed_bodies_are_400_or_415() {
        let bad_count = body(&[("file", None, b"x"), ("count", None, b"seven")]);
        let r = multipart_body::<Upload>(&parts(CT), bad_count, true, &[])
            .await
            .unwrap_err();
        assert_eq!(r.status().as_u16(), 400);
        assert!(r.message().contains("count"), "{}", r.message());
        let missing = body(&[("count", None, b"1")]);
        let r = multipart_body::<Upload>(&parts(CT), missing, true, &[])
            .await
            .unwrap_err();
        assert!(r.message().contains("file"), "{}", r.message());
        let truncated =
            Bytes::from_static(b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc");
        let r = multipart_body::<Upload>(&parts(CT), truncated, true, &[])
            .await
            .unwrap_err();
        assert_eq!(r.status().as_u16(), 400);
        let r =
            multipart_body::<Upload>(&parts("application/json"), Bytes::from_static(b"{}"), true, &[])
                .await
                .unwrap_err();
        assert_eq!(r.status().as_u16(), 415);
        let r = multipart_body::<Upload>(&parts("multipart/form-data"), body(&[]), true, &[])
            .await
            .unwrap_err();
        assert_eq!(r.status().as_u16(), 415, "no boundary");
        let none = http::Request::new(()).into_parts().0;
        assert!(multipart_body::<Upload>(&none, Bytes::new(), false, &[])
            .await
            .unwrap()
            .is_none());
    }
}
