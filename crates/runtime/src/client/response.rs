//! Responses: the typed [`ResponseValue`], and the [`RawResponse`] generated code decodes.

use std::ops::Deref;
use std::str::FromStr;

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::error::Error;
use crate::ByteStream;

/// A successful (or documented error) response: status, headers and the decoded body.
/// Derefs to the body.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> ResponseValue<T> {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        ResponseValue {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, by value.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// The same response with its body mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }

    /// A header parsed as `V`; `None` when absent, not text, or not parseable.
    pub fn header_typed<V: FromStr>(&self, name: &str) -> Option<V> {
        parse_header(&self.headers, name)
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// Anything that may carry response headers: [`ResponseValue`]s and [`Error`]s. Generated
/// clients extend it with one typed getter per header their spec declares.
pub trait HeaderSource {
    /// The response headers, if there was a response.
    fn header_map(&self) -> Option<&HeaderMap>;

    /// A header as text; `None` when absent or not visible ASCII.
    fn header_str(&self, name: &str) -> Option<&str> {
        self.header_map()?.get(name)?.to_str().ok()
    }

    /// A header parsed as `V`; `None` when absent, not text, or not parseable.
    fn header_typed<V: FromStr>(&self, name: &str) -> Option<V> {
        parse_header(self.header_map()?, name)
    }
}

impl<T> HeaderSource for ResponseValue<T> {
    fn header_map(&self) -> Option<&HeaderMap> {
        Some(&self.headers)
    }
}

fn parse_header<V: FromStr>(headers: &HeaderMap, name: &str) -> Option<V> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// A response as received, before decoding. Generated code matches on [`RawResponse::status`]
/// and calls one of the decoding methods, which never panic.
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    /// The body, unread, when [`ClientCore::execute_streamed`](super::ClientCore::execute_streamed)
    /// left it so (then `body` is empty).
    stream: Option<ByteStream>,
}

/// What a request builder's `send` returns; `E` is the body of documented error responses
/// (a free-form JSON value when the operation documents none).
pub type SendResult<T, E = serde_json::Value> = Result<ResponseValue<T>, Error<E>>;

impl RawResponse {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        RawResponse {
            status,
            headers,
            body,
            stream: None,
        }
    }

    /// A response whose body is read later, as a stream.
    pub(crate) fn streamed(mut response: reqwest::Response) -> Self {
        let headers = std::mem::take(response.headers_mut());
        RawResponse {
            status: response.status(),
            headers,
            body: Vec::new(),
            stream: Some(ByteStream::from_stream(response.bytes_stream())),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The HTTP status as a number: what a generated decoder matches on.
    pub fn code(&self) -> u16 {
        self.status.as_u16()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes a JSON body as `T`.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        self.json_with(|t| t)
    }

    /// Decodes a JSON body as `T` and wraps it with `f` (a variant of a response enum).
    pub fn json_with<T: DeserializeOwned, U, E>(
        self,
        f: impl FnOnce(T) -> U,
    ) -> Result<ResponseValue<U>, Error<E>> {
        match serde_json::from_slice::<T>(&self.body) {
            Ok(body) => Ok(ResponseValue::new(self.status, self.headers, f(body))),
            Err(e) => Err(self.decode_error(e.to_string())),
        }
    }

    /// Decodes an `application/x-www-form-urlencoded` body as `T`, wrapped with `f`.
    pub fn form_with<T: DeserializeOwned, U, E>(
        self,
        f: impl FnOnce(T) -> U,
    ) -> Result<ResponseValue<U>, Error<E>> {
        match serde_urlencoded::from_bytes::<T>(&self.body) {
            Ok(body) => Ok(ResponseValue::new(self.status, self.headers, f(body))),
            Err(e) => Err(self.decode_error(e.to_string())),
        }
    }

    /// Decodes a `multipart/form-data` body (its boundary from the `Content-Type`) as `T`,
    /// wrapped with `f`; fields `part_types` declares JSON are read as JSON.
    pub fn multipart_with<T: DeserializeOwned, U, E>(
        self,
        part_types: &[(&str, &str)],
        f: impl FnOnce(T) -> U,
    ) -> Result<ResponseValue<U>, Error<E>> {
        let content_type = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        match crate::multipart::decode::<T>(content_type, self.body.clone().into(), part_types) {
            Ok(body) => Ok(ResponseValue::new(self.status, self.headers, f(body))),
            Err(crate::multipart::DecodeError::Unsupported(m))
            | Err(crate::multipart::DecodeError::Invalid(m)) => Err(self.decode_error(m)),
        }
    }

    /// Takes a non-JSON body as UTF-8 text, wrapped with `f`.
    pub fn text_with<U, E>(
        self,
        f: impl FnOnce(String) -> U,
    ) -> Result<ResponseValue<U>, Error<E>> {
        match String::from_utf8(self.body) {
            Ok(text) => Ok(ResponseValue::new(self.status, self.headers, f(text))),
            Err(e) => {
                let message = e.to_string();
                let raw = RawResponse::new(self.status, self.headers, e.into_bytes());
                Err(raw.decode_error(message))
            }
        }
    }

    /// Takes a binary body (`application/octet-stream`…) as is, wrapped with `f`: a stream of
    /// the chunks still to come when the response was left unread, else the bytes read.
    pub fn binary_with<U, E>(
        self,
        f: impl FnOnce(ByteStream) -> U,
    ) -> Result<ResponseValue<U>, Error<E>> {
        let body = match self.stream {
            Some(stream) => stream,
            None => ByteStream::from(self.body),
        };
        Ok(ResponseValue::new(self.status, self.headers, f(body)))
    }

    /// A response whose body is documented as empty: the body (if any) is ignored.
    pub fn empty<U>(self, value: U) -> ResponseValue<U> {
        ResponseValue::new(self.status, self.headers, value)
    }

    /// A documented error status with a JSON body of type `E`.
    pub fn api_error<E: DeserializeOwned>(self) -> Error<E> {
        self.api_error_with(|e| e)
    }

    /// A documented error status with a JSON body of type `T`, wrapped with `f`.
    pub fn api_error_with<T: DeserializeOwned, E>(self, f: impl FnOnce(T) -> E) -> Error<E> {
        match self.json_with(f) {
            Ok(v) => Error::Api(Box::new(v)),
            Err(e) => e,
        }
    }

    /// A documented error status whose body is documented as empty.
    pub fn api_error_empty<E>(self, value: E) -> Error<E> {
        Error::Api(Box::new(self.empty(value)))
    }

    /// An error status of an operation that documents none: a JSON body becomes
    /// [`Error::Api`] with a free-form value, anything else [`Error::UnexpectedResponse`].
    pub fn undocumented_error(self) -> Error<serde_json::Value> {
        match serde_json::from_slice::<serde_json::Value>(&self.body) {
            Ok(v) => Error::Api(Box::new(ResponseValue::new(self.status, self.headers, v))),
            Err(_) => self.unexpected(),
        }
    }

    /// A status the operation does not document.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedResponse(Box::new(self.into_text()))
    }

    /// The last arm of an operation that documents no error status: an error status is
    /// [`undocumented_error`](Self::undocumented_error), any other [`unexpected`](Self::unexpected).
    pub fn undocumented<T>(self) -> SendResult<T, serde_json::Value> {
        if self.status.is_success() {
            Err(self.unexpected())
        } else {
            Err(self.undocumented_error())
        }
    }

    /// The last arm of an operation: [`unexpected`](Self::unexpected) as a result.
    pub fn otherwise<T, E>(self) -> SendResult<T, E> {
        Err(self.unexpected())
    }

    fn decode_error<E>(self, message: String) -> Error<E> {
        Error::Decode {
            response: Box::new(self.into_text()),
            message,
        }
    }

    fn into_text(self) -> ResponseValue<String> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        ResponseValue::new(self.status, self.headers, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert("x-rate-limit-remaining", "7".parse().unwrap());
        RawResponse::new(
            StatusCode::from_u16(status).unwrap(),
            headers,
            body.as_bytes().to_vec(),
        )
    }

    #[test]
    fn decodes_success_and_headers() {
        let v: ResponseValue<Vec<i32>> = raw(200, "[1,2]").json::<_, ()>().unwrap();
        assert_eq!(*v, vec![1, 2]);
        assert_eq!(v.header_typed::<i32>("X-Rate-Limit-Remaining"), Some(7));
        assert_eq!(HeaderSource::header_str(&v, "x-missing"), None);
        assert_eq!(v.into_inner().len(), 2);
    }

    #[test]
    fn bad_body_is_a_decode_error() {
        let e = raw(200, "{").json::<Vec<i32>, ()>().unwrap_err();
        assert!(matches!(&e, Error::Decode { response, .. } if response.body() == "{"));
        assert_eq!(e.header_typed::<i32>("x-rate-limit-remaining"), Some(7));
    }

    #[test]
    fn error_statuses() {
        let e = raw(404, "\"nope\"").api_error::<String>();
        assert_eq!(e.api_body().map(String::as_str), Some("nope"));
        let e = raw(500, "<html>").undocumented_error();
        assert!(matches!(e, Error::UnexpectedResponse(_)));
        let e = raw(500, "{\"code\":13}").undocumented_error();
        assert_eq!(e.api_body().unwrap()["code"], 13);
        // A status documented without content: `Error::Api` whatever the body, never a
        // decode error (the IONOS Auth spec 1.0.6 documents 422 so).
        for body in ["", "not json"] {
            let e = raw(422, body).api_error_empty("unprocessable");
            assert_eq!(e.api_body(), Some(&"unprocessable"), "{body:?}");
            assert_eq!(e.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
        }
        let e = raw(418, "teapot").unexpected::<()>();
        assert_eq!(e.status(), Some(StatusCode::IM_A_TEAPOT));
    }
}
