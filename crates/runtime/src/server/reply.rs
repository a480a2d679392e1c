//! What a generated trait method answers with: its operation's response enum for documented
//! answers, or an [`ApiError`] for errors in the API's error schema. Both become responses
//! here, once, for every generated server.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use super::rejection::{ErrorStatus, Rejection};
use crate::StreamError;
use super::response::json_response;

/// Response headers a generated `ResponseHeaders` struct writes into an answer.
pub trait WriteHeaders {
    /// Writes the set headers into `response`.
    fn write_headers(&self, response: &mut Response);
}

/// No headers.
impl WriteHeaders for () {
    fn write_headers(&self, _response: &mut Response) {}
}

/// Headers at hand by reference.
impl<T: WriteHeaders> WriteHeaders for &T {
    fn write_headers(&self, response: &mut Response) {
        (**self).write_headers(response);
    }
}

/// `response` with `headers` (a value or a reference to one) written into it.
pub fn with_headers(mut response: Response, headers: impl WriteHeaders) -> Response {
    headers.write_headers(&mut response);
    response
}

/// An error answer of an operation: a status, the API's error body (sent as JSON) and
/// headers. Generated trait methods return it as their `Err`; an implementation's own error
/// type converts into it with `From`, so `?` works in trait methods.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<B, H = ()> {
    /// The status to answer with (one the operation documents, as a rule).
    pub status: StatusCode,
    /// The body.
    pub body: B,
    /// Response headers (unset ones are not sent).
    pub headers: H,
}

impl<B, H: Default> ApiError<B, H> {
    /// An error answer with `status` and `body`, without headers.
    pub fn new(status: StatusCode, body: B) -> Self {
        ApiError {
            status,
            body,
            headers: H::default(),
        }
    }
}

impl<H: Default> ApiError<ErrorStatus, H> {
    /// An error answer with `status` and an [`ErrorStatus`] body carrying `message`.
    pub fn message(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError::new(status, ErrorStatus::new(status, message))
    }
}

/// A binary body that could not be read, passed on with `?` from a trait method: 413 when it
/// was larger than allowed, 400 otherwise, with the [`ErrorStatus`] body.
impl<H: Default> From<StreamError> for ApiError<ErrorStatus, H> {
    fn from(e: StreamError) -> Self {
        let rejection = Rejection::from(e);
        ApiError::new(rejection.status(), ErrorStatus::from(&rejection))
    }
}

impl<B, H> ApiError<B, H> {
    /// The same answer with `headers`.
    pub fn with_headers(self, headers: H) -> Self {
        ApiError { headers, ..self }
    }

    /// The status of this answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl<B: Serialize, H: WriteHeaders> IntoResponse for ApiError<B, H> {
    fn into_response(self) -> Response {
        with_headers(json_response(self.status, &self.body), &self.headers)
    }
}

/// A handler's answer: once `work` (check the credentials, parse the input, call the trait
/// method) is done, its answer as a response; when it refuses the request, `reject`'s answer
/// (the API's error body) to the [`Rejection`].
pub async fn answer<R: IntoResponse>(
    work: impl std::future::Future<Output = Result<R, Rejection>>,
    reject: impl FnOnce(&Rejection) -> Response,
) -> Response {
    match work.await {
        Ok(answer) => answer.into_response(),
        Err(rejection) => reject(&rejection),
    }
}

/// The status of a response code the `http` crate has no constant for; a code outside
/// 100..=999 (which no frontend produces) answers 500.
pub const fn status_code(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Limit(u32);

    impl WriteHeaders for Limit {
        fn write_headers(&self, response: &mut Response) {
            super::super::set_header(response, "X-Limit", self.0);
        }
    }

    #[tokio::test]
    async fn answers_the_work_or_its_rejection() {
        let reject = |r: &Rejection| (r.status(), "refused").into_response();
        let ok = answer(async { Ok::<_, Rejection>(StatusCode::CREATED) }, reject).await;
        assert_eq!(ok.status(), StatusCode::CREATED);
        let refused = answer(
            async { Err::<StatusCode, _>(Rejection::not_found("/nowhere")) },
            reject,
        )
        .await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn error_answers_carry_status_body_and_headers() {
        let e: ApiError<ErrorStatus, Option<u8>> = ApiError::message(StatusCode::NOT_FOUND, "gone");
        assert_eq!(e.status(), StatusCode::NOT_FOUND);
        assert_eq!(e.body.code, 5);
        let response = ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            body: serde_json::json!({"n": 1}),
            headers: Limit(7),
        }
        .into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()["x-limit"], "7");
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(status_code(299).as_u16(), 299);
        assert_eq!(status_code(42), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
