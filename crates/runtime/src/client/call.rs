//! The future every operation's `send` returns: the request in flight, then the operation's
//! decoder.
//!
//! A generated request builder's `send` is a plain function: it builds its
//! [`RequestSpec`] (in its own body; in a `request()` only where `send_as` shares it or a step
//! returns early — checks and encodings refuse the request inside the spec) and hands it
//! to [`send`] with a `match` on the status as the decoder. The transport (retries, timeouts,
//! credentials) is one non-generic async function compiled once in the runtime, so a
//! generated client holds no state machine per operation.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::error::SendError;
use super::response::{RawResponse, SendResult};
use super::{ClientCore, RequestSpec};

/// The transport half of a request, boxed: the same type whatever the operation.
type Fetch<'a> = Pin<Box<dyn Future<Output = Result<RawResponse, SendError>> + Send + 'a>>;

/// The future a request builder's `send` returns; resolves to the operation's
/// [`SendResult`]. Sends nothing until awaited (or polled).
#[must_use = "a request does nothing until it is awaited"]
pub struct Sending<'a, T, E = serde_json::Value> {
    fetch: Fetch<'a>,
    decode: fn(RawResponse) -> SendResult<T, E>,
}

/// Sends `request` (a [`RequestSpec`], or the `Result` of building one: an error is the
/// awaited result, nothing is sent) through `core` once awaited, and decodes the response with
/// `decode`.
pub fn send<'a, T, E>(
    core: &'a ClientCore,
    request: impl Into<Result<RequestSpec, SendError>>,
    decode: fn(RawResponse) -> SendResult<T, E>,
) -> Sending<'a, T, E> {
    Sending {
        fetch: Box::pin(fetch(core, request.into())),
        decode,
    }
}

impl From<RequestSpec> for Result<RequestSpec, SendError> {
    fn from(request: RequestSpec) -> Self {
        Ok(request)
    }
}

impl<T, E> Future for Sending<'_, T, E> {
    type Output = SendResult<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let decode = self.decode;
        self.fetch.as_mut().poll(cx).map(|fetched| match fetched {
            Ok(response) => decode(response),
            Err(e) => Err(e.into()),
        })
    }
}

impl<T, E> fmt::Debug for Sending<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sending").finish_non_exhaustive()
    }
}

async fn fetch(
    core: &ClientCore,
    request: Result<RequestSpec, SendError>,
) -> Result<RawResponse, SendError> {
    let request = request?;
    if request.streamed {
        core.execute_streamed(request).await
    } else {
        core.execute(request).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{ClientConfig, Error};
    use http::Method;

    fn decode(_: RawResponse) -> SendResult<u8, ()> {
        unreachable!("nothing was sent, so there is nothing to decode")
    }

    #[tokio::test]
    async fn a_request_that_could_not_be_built_is_the_result_and_nothing_is_sent() {
        // The base URL goes nowhere: a request that reached the transport would fail otherwise.
        let core = ClientConfig::new("http://127.0.0.1:9", "t/1").build().unwrap();
        let refused = Err(SendError::InvalidRequest("`ttl` must be at least 60".into()));
        match send(&core, refused, decode).await {
            Err(Error::InvalidRequest(message)) => assert_eq!(message, "`ttl` must be at least 60"),
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }

    #[test]
    fn the_future_is_send_and_debug() {
        fn assert_send<T: Send>(_: &T) {}
        let core = ClientConfig::new("http://127.0.0.1:9", "t/1").build().unwrap();
        let sending = send(&core, RequestSpec::new(Method::GET, &[]), decode);
        assert_send(&sending);
        assert_eq!(format!("{sending:?}"), "Sending { .. }");
    }
}
