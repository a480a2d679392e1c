//! Media types besides the one an operation is generated for: a request body sent as raw
//! bytes of another media type the spec declares for it ([`OtherBody`],
//! [`RequestSpec::other_body`]), and a response asked for in another declared media type and
//! given as raw bytes ([`ClientCore::execute_as`]).

use http::header::ACCEPT;
use http::HeaderValue;

use super::error::SendError;
use super::response::{RawResponse, ResponseValue, SendResult};
use super::{ClientCore, RequestSpec};
use crate::ByteStream;

/// A request body in another media type the operation declares (`application/xml`,
/// `text/csv`…), as raw bytes sent as they are.
#[derive(Debug, Clone)]
pub struct OtherBody {
    media_type: String,
    body: ByteStream,
}

impl OtherBody {
    /// `body` to be sent with `Content-Type: media_type`.
    pub fn new(media_type: impl Into<String>, body: impl Into<ByteStream>) -> Self {
        OtherBody {
            media_type: media_type.into(),
            body: body.into(),
        }
    }

    /// The media type it is sent as.
    pub fn media_type(&self) -> &str {
        &self.media_type
    }
}

/// `Ok` when `media_type` is one of `declared` (compared without parameters and case; a
/// declared `image/*` or `*/*` admits what it covers), else [`SendError::InvalidRequest`]
/// naming what is declared.
pub fn check_declared(media_type: &str, declared: &[&str], what: &str) -> Result<(), SendError> {
    let wanted = essence(media_type);
    let covered = declared.iter().any(|d| {
        let d = essence(d);
        d == wanted
            || d == "*/*"
            || d.strip_suffix("/*")
                .is_some_and(|kind| wanted.split('/').next() == Some(kind))
    });
    if covered && wanted.contains('/') && !wanted.contains('*') {
        return Ok(());
    }
    let list: Vec<String> = declared.iter().map(|d| format!("`{d}`")).collect();
    Err(SendError::InvalidRequest(format!(
        "the {what} media type `{media_type}` is not declared by the operation (it declares {})",
        list.join(", ")
    )))
}

/// The media type without parameters, lowercased (`Text/CSV; charset=utf-8` → `text/csv`).
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

impl RequestSpec {
    /// Replaces the body with `body` when its media type is one of `declared`; otherwise
    /// refuses the request (see [`RequestSpec::refused`]) and leaves its body as it was.
    pub fn other_body(&mut self, body: &OtherBody, declared: &[&str]) {
        // `check_declared` refuses with `InvalidRequest` only.
        if let Err(SendError::InvalidRequest(message)) =
            check_declared(&body.media_type, declared, "body")
        {
            return self.refuse(message);
        }
        if HeaderValue::from_str(&body.media_type).is_err() {
            return self.refuse(format!("`{}` is not a valid media type", body.media_type));
        }
        self.binary_body(&body.body, body.media_type.clone());
    }
}

impl ClientCore {
    /// Sends `spec` with `Accept: media_type` (one of `declared`, else
    /// [`SendError::InvalidRequest`] before anything is sent) and gives a successful
    /// response's body as raw bytes, unread; an error status is
    /// [`RawResponse::undocumented_error`] (a JSON body as a free-form value).
    pub async fn execute_as(
        &self,
        mut spec: RequestSpec,
        media_type: &str,
        declared: &[&str],
    ) -> SendResult<ByteStream> {
        check_declared(media_type, declared, "response")?;
        let accept = HeaderValue::from_str(media_type).map_err(|_| {
            SendError::InvalidRequest(format!("`{media_type}` is not a valid media type"))
        })?;
        spec.headers.insert(ACCEPT, accept);
        let mut response = self.send(spec).await?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        if status.is_success() {
            let body = ByteStream::from_stream(response.bytes_stream());
            return Ok(ResponseValue::new(status, headers, body));
        }
        let body = response.bytes().await.map_err(SendError::from)?.to_vec();
        Err(RawResponse::new(status, headers, body).undocumented_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_only() {
        let declared = ["application/xml", "text/csv", "image/*"];
        assert!(check_declared("application/xml", &declared, "body").is_ok());
        assert!(check_declared("Text/CSV; charset=utf-8", &declared, "body").is_ok());
        assert!(check_declared("image/png", &declared, "body").is_ok());
        let e = check_declared("application/yaml", &declared, "body").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid request: the body media type `application/yaml` is not declared by the \
             operation (it declares `application/xml`, `text/csv`, `image/*`)"
        );
        assert!(check_declared("image/*", &declared, "response").is_err());
        assert!(check_declared("", &["*/*"], "response").is_err());
    }

    #[test]
    fn other_body_replaces_the_body_or_nothing() {
        let mut spec = RequestSpec::new(http::Method::PUT, &[]);
        spec.raw_body("{}", "application/json");
        let xml = OtherBody::new("application/xml", "<f/>".as_bytes().to_vec());
        spec.other_body(&xml, &["application/xml"]);
        assert_eq!(spec.refused(), None);
        let body = spec.body.as_ref().unwrap();
        assert_eq!(
            (&body.bytes[..], &*body.content_type),
            (&b"<f/>"[..], "application/xml")
        );
        let yaml = OtherBody::new("application/yaml", b"a: 1".to_vec());
        spec.other_body(&yaml, &["application/xml"]);
        assert!(spec.refused().is_some());
        assert_eq!(
            &*spec.body.as_ref().unwrap().content_type,
            "application/xml"
        );
    }
}
