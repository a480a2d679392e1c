//! The server side of a unary rpc: decode, check the token, run the handler, encode.

use std::future::Future;
use std::pin::Pin;

use tonic::body::Body;
use tonic::server::UnaryService;
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

use super::TOKEN_METADATA;

/// The access token of a request (the `token` metadata entry), if it has a non-empty one.
pub fn access_token<T>(request: &Request<T>) -> Option<&str> {
    request
        .metadata()
        .get(TOKEN_METADATA)
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty())
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// A handler called once, as tonic's `UnaryService`.
struct Once<F>(Option<F>, bool);

impl<Req, Resp, F, Fut> UnaryService<Req> for Once<F>
where
    Resp: Send + 'static,
    F: FnOnce(Request<Req>) -> Fut,
    Fut: Future<Output = Result<Response<Resp>, Status>> + Send + 'static,
{
    type Response = Resp;
    type Future = BoxFuture<Result<Response<Resp>, Status>>;

    fn call(&mut self, request: Request<Req>) -> Self::Future {
        if self.1 && access_token(&request).is_none() {
            return Box::pin(std::future::ready(Err(Status::unauthenticated(
                "an access token is required in the `token` metadata entry",
            ))));
        }
        match self.0.take() {
            Some(handler) => Box::pin(handler(request)),
            None => Box::pin(std::future::ready(Err(Status::internal(
                "handler called twice",
            )))),
        }
    }
}

/// Serves one unary rpc: decodes the request, refuses it with UNAUTHENTICATED when
/// `authenticated` and it carries no token, else runs `handler` and encodes its answer.
pub async fn serve_unary<Req, Resp, F, Fut>(
    request: http::Request<Body>,
    authenticated: bool,
    handler: F,
) -> http::Response<Body>
where
    Req: prost::Message + Default + Send + 'static,
    Resp: prost::Message + Send + 'static,
    F: FnOnce(Request<Req>) -> Fut,
    Fut: Future<Output = Result<Response<Resp>, Status>> + Send + 'static,
{
    let mut grpc = tonic::server::Grpc::new(ProstCodec::<Resp, Req>::default());
    grpc.unary(Once(Some(handler), authenticated), request)
        .await
}

/// The answer to a path no rpc serves: UNIMPLEMENTED.
pub fn unimplemented(path: &str) -> http::Response<Body> {
    Status::unimplemented(format!("no rpc at `{path}`")).into_http()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handler(
        request: Request<String>,
    ) -> impl Future<Output = Result<Response<String>, Status>> + Send + 'static {
        let body = request.into_inner();
        async move { Ok(Response::new(format!("got {body}"))) }
    }

    async fn call(authenticated: bool, token: Option<&str>) -> Result<Response<String>, Status> {
        let mut request = Request::new("x".to_string());
        if let Some(t) = token {
            request
                .metadata_mut()
                .insert(TOKEN_METADATA, t.parse().unwrap());
        }
        Once(Some(handler), authenticated).call(request).await
    }

    #[tokio::test]
    async fn authenticated_rpcs_need_a_token_and_noauth_rpcs_do_not() {
        let refused = call(true, None).await.unwrap_err();
        assert_eq!(refused.code(), tonic::Code::Unauthenticated);
        assert_eq!(
            call(true, Some("")).await.unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        assert_eq!(call(true, Some("t")).await.unwrap().into_inner(), "got x");
        assert_eq!(call(false, None).await.unwrap().into_inner(), "got x");
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
