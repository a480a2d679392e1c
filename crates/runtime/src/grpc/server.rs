//! The server side of an rpc: decode, check the token and the request, run the handler,
//! check and encode the answer (one message, or a stream of them).

use std::future::Future;
use std::pin::Pin;

use tonic::body::Body;
use tonic::codegen::tokio_stream::{Stream, StreamExt};
use tonic::server::{ServerStreamingService, UnaryService};
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

use super::TOKEN_METADATA;
use crate::protobuf::WireCheck;
use crate::validate::Validate;

/// The access token of a request (the `token` metadata entry), if it has a non-empty one.
pub fn access_token<T>(request: &Request<T>) -> Option<&str> {
    request
        .metadata()
        .get(TOKEN_METADATA)
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty())
}

/// The answers of a server-streaming rpc: messages, or a status that ends the stream.
pub type ResponseStream<T> = tonic::codegen::BoxStream<T>;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Refuses a request before its handler runs: no token for an `authenticated` rpc
/// (UNAUTHENTICATED), or a request that breaks a rule of the API (INVALID_ARGUMENT).
fn admit<Req: Validate>(request: &Request<Req>, authenticated: bool) -> Result<(), Status> {
    if authenticated && access_token(request).is_none() {
        return Err(Status::unauthenticated(
            "an access token is required in the `token` metadata entry",
        ));
    }
    request
        .get_ref()
        .validate()
        .map_err(|e| Status::invalid_argument(format!("invalid request: {e}")))
}

/// INTERNAL for an answer protobuf cannot write (a server bug, not the caller's).
fn writable<Resp: WireCheck>(answer: Resp) -> Result<Resp, Status> {
    match answer.wire_check() {
        Ok(()) => Ok(answer),
        Err(e) => Err(Status::internal(format!(
            "the answer cannot be written in protobuf: {e}"
        ))),
    }
}

/// A handler called once, as tonic's `UnaryService` or `ServerStreamingService`.
struct Once<F>(Option<F>, bool);

impl<F> Once<F> {
    fn take<Req: Validate>(&mut self, request: &Request<Req>) -> Result<F, Status> {
        admit(request, self.1)?;
        self.0
            .take()
            .ok_or_else(|| Status::internal("handler called twice"))
    }
}

impl<Req, Resp, F, Fut> UnaryService<Req> for Once<F>
where
    Req: Validate,
    Resp: WireCheck + Send + 'static,
    F: FnOnce(Request<Req>) -> Fut,
    Fut: Future<Output = Result<Response<Resp>, Status>> + Send + 'static,
{
    type Response = Resp;
    type Future = BoxFuture<Result<Response<Resp>, Status>>;

    fn call(&mut self, request: Request<Req>) -> Self::Future {
        let handler = match self.take(&request) {
            Ok(handler) => handler,
            Err(status) => return Box::pin(std::future::ready(Err(status))),
        };
        let answer = handler(request);
        Box::pin(async move {
            let (metadata, answer, extensions) = answer.await?.into_parts();
            Ok(Response::from_parts(metadata, writable(answer)?, extensions))
        })
    }
}

/// The same handler shape for a server-streaming rpc (each message checked as it is sent).
struct Streamed<F>(Once<F>);

impl<Req, Resp, F, Fut, S> ServerStreamingService<Req> for Streamed<F>
where
    Req: Validate,
    Resp: WireCheck + Send + 'static,
    F: FnOnce(Request<Req>) -> Fut,
    Fut: Future<Output = Result<Response<S>, Status>> + Send + 'static,
    S: Stream<Item = Result<Resp, Status>> + Send + 'static,
{
    type Response = Resp;
    type ResponseStream = ResponseStream<Resp>;
    type Future = BoxFuture<Result<Response<ResponseStream<Resp>>, Status>>;

    fn call(&mut self, request: Request<Req>) -> Self::Future {
        let handler = match self.0.take(&request) {
            Ok(handler) => handler,
            Err(status) => return Box::pin(std::future::ready(Err(status))),
        };
        let answer = handler(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(response.map(|stream| {
                Box::pin(stream.map(|item| item.and_then(writable))) as ResponseStream<Resp>
            }))
        })
    }
}

/// Serves one unary rpc: decodes the request, refuses it with UNAUTHENTICATED when
/// `authenticated` and it carries no token and with INVALID_ARGUMENT when it breaks a rule of
/// the API (`Validate`, as the REST server answers 400), else runs `handler` and encodes its
/// answer (INTERNAL when the answer holds something protobuf cannot write: `WireCheck`).
pub async fn serve_unary<Req, Resp, F, Fut>(
    request: http::Request<Body>,
    authenticated: bool,
    handler: F,
) -> http::Response<Body>
where
    Req: prost::Message + Validate + Default + Send + 'static,
    Resp: prost::Message + WireCheck + Send + 'static,
    F: FnOnce(Request<Req>) -> Fut,
    Fut: Future<Output = Result<Response<Resp>, Status>> + Send + 'static,
{
    let mut grpc = tonic::server::Grpc::new(ProstCodec::<Resp, Req>::default());
    grpc.unary(Once(Some(handler), authenticated), request)
        .await
}

/// Serves one server-streaming rpc as [`serve_unary`] serves a unary one; each message of the
/// answer is checked as it is sent (a message protobuf cannot write ends the stream with
/// INTERNAL).
pub fn serve_server_streaming<Req, Resp, F, Fut, S>(
    request: http::Request<Body>,
    authenticated: bool,
    handler: F,
) -> BoxFuture<http::Response<Body>>
where
    Req: prost::Message + Validate + Default + Send + 'static,
    Resp: prost::Message + WireCheck + Send + 'static,
    F: FnOnce(Request<Req>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Response<S>, Status>> + Send + 'static,
    S: Stream<Item = Result<Resp, Status>> + Send + 'static,
{
    Box::pin(async move {
        let mut grpc = tonic::server::Grpc::new(ProstCodec::<Resp, Req>::default());
        grpc.server_streaming(Streamed(Once(Some(handler), authenticated)), request)
            .await
    })
}

/// What a service trait's method answers: a response, or a status.
pub type Answer<T> = Result<Response<T>, Status>;

/// The default body of a service trait's method: UNIMPLEMENTED (`` `rpc` is not implemented``).
pub fn not_implemented<Req, T>(rpc: &str, request: Request<Req>) -> std::future::Ready<Answer<T>> {
    drop(request);
    std::future::ready(Err(Status::unimplemented(format!("`{rpc}` is not implemented"))))
}

/// The `Service::call` arm of a unary rpc: [`serve_unary`] with `handler` given the shared
/// implementation (`rpc(request, auth, &self.inner, |s, r| async move { s.issue(r).await })`).
pub fn unary<S, Req, Resp, F, Fut>(
    request: http::Request<Body>,
    authenticated: bool,
    inner: &std::sync::Arc<S>,
    handler: F,
) -> BoxFuture<Result<http::Response<Body>, std::convert::Infallible>>
where
    S: Send + Sync + 'static,
    Req: prost::Message + Validate + Default + Send + 'static,
    Resp: prost::Message + WireCheck + Send + 'static,
    F: FnOnce(std::sync::Arc<S>, Request<Req>) -> Fut + Send + 'static,
    Fut: Future<Output = Answer<Resp>> + Send + 'static,
{
    let inner = inner.clone();
    Box::pin(async move {
        Ok(serve_unary(request, authenticated, move |r| handler(inner, r)).await)
    })
}

/// The `Service::call` arm of a server-streaming rpc, as [`unary`] is of a unary one.
pub fn server_streaming<S, Req, Resp, F, Fut, St>(
    request: http::Request<Body>,
    authenticated: bool,
    inner: &std::sync::Arc<S>,
    handler: F,
) -> BoxFuture<Result<http::Response<Body>, std::convert::Infallible>>
where
    S: Send + Sync + 'static,
    Req: prost::Message + Validate + Default + Send + 'static,
    Resp: prost::Message + WireCheck + Send + 'static,
    F: FnOnce(std::sync::Arc<S>, Request<Req>) -> Fut + Send + 'static,
    Fut: Future<Output = Answer<St>> + Send + 'static,
    St: Stream<Item = Result<Resp, Status>> + Send + 'static,
{
    let inner = inner.clone();
    let answer = serve_server_streaming(request, authenticated, move |r| handler(inner, r));
    Box::pin(async move { Ok(answer.await) })
}

/// The answer to a path no rpc serves: UNIMPLEMENTED.
pub fn unimplemented(path: &str) -> http::Response<Body> {
    Status::unimplemented(format!("no rpc at `{path}`")).into_http()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::validate::ValidationError;

    /// A text that is invalid when empty and cannot be written when it is "unwritable".
    #[derive(Debug, PartialEq)]
    struct Text(String);

    impl Validate for Text {
        fn validate(&self) -> Result<(), ValidationError> {
            match self.0.is_empty() {
                true => Err(ValidationError::new("text", "is required")),
                false => Ok(()),
            }
        }
    }

    impl WireCheck for Text {
        fn wire_check(&self) -> Result<(), ValidationError> {
            match self.0.as_str() {
                "got unwritable" => Err(ValidationError::new("text", "cannot be written")),
                _ => Ok(()),
            }
        }
    }

    fn handler(
        request: Request<Text>,
    ) -> impl Future<Output = Result<Response<Text>, Status>> + Send + 'static {
        let body = request.into_inner().0;
        async move { Ok(Response::new(Text(format!("got {body}")))) }
    }

    async fn call_with(
        authenticated: bool,
        token: Option<&str>,
        text: &str,
    ) -> Result<Response<Text>, Status> {
        let mut request = Request::new(Text(text.to_string()));
        if let Some(t) = token {
            request
                .metadata_mut()
                .insert(TOKEN_METADATA, t.parse().unwrap());
        }
        Once(Some(handler), authenticated).call(request).await
    }

    async fn call(authenticated: bool, token: Option<&str>) -> Result<Response<Text>, Status> {
        call_with(authenticated, token, "x").await
    }

    #[tokio::test]
    async fn authenticated_rpcs_need_a_token_and_noauth_rpcs_do_not() {
        let refused = call(true, None).await.unwrap_err();
        assert_eq!(refused.code(), tonic::Code::Unauthenticated);
        assert_eq!(
            call(true, Some("")).await.unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        let got = Text("got x".into());
        assert_eq!(call(true, Some("t")).await.unwrap().into_inner(), got);
        assert_eq!(call(false, None).await.unwrap().into_inner(), got);
    }

    #[tokio::test]
    async fn invalid_requests_and_unwritable_answers_are_refused() {
        let invalid = call_with(false, None, "").await.unwrap_err();
        assert_eq!(invalid.code(), tonic::Code::InvalidArgument);
        assert!(invalid.message().contains("`text` is required"), "{invalid:?}");
        let unwritable = call_with(false, None, "unwritable").await.unwrap_err();
        assert_eq!(unwritable.code(), tonic::Code::Internal);
        assert!(unwritable.message().contains("cannot be written"), "{unwritable:?}");
    }

    #[test]
    fn the_token_is_read_from_the_token_entry() {
        let mut request = Request::new(());
        assert_eq!(access_token(&request), None);
        request
            .metadata_mut()
            .insert("token", "abc".parse().unwrap());
        assert_eq!(access_token(&request), Some("abc"));
    }
}
