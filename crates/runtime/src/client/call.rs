//! The one async step of every operation: send the request, decode the response.
//!
//! A generated request builder's `send` is a plain function returning [`call`]'s future, so
//! the async state machine is written once here instead of once per operation; the building
//! of the request and the decoding by status stay synchronous generated functions.

use super::error::SendError;
use super::response::{RawResponse, SendResult};
use super::{ClientCore, RequestSpec};

/// Sends `request` (when it could be built) through `core` and decodes the response with
/// `decode`. With `streamed`, a successful body that is not JSON or text is left unread
/// ([`ClientCore::execute_streamed`]).
pub async fn call<T, E>(
    core: &ClientCore,
    request: Result<RequestSpec, SendError>,
    streamed: bool,
    decode: fn(RawResponse) -> SendResult<T, E>,
) -> SendResult<T, E> {
    let response = fetch(core, request, streamed).await?;
    decode(response)
}

/// The part of [`call`] that does not depend on the decoded types.
async fn fetch(
    core: &ClientCore,
    request: Result<RequestSpec, SendError>,
    streamed: bool,
) -> Result<RawResponse, SendError> {
    let request = request?;
    if streamed {
        core.execute_streamed(request).await
    } else {
        core.execute(request).await
    }
}
