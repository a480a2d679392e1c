//! The one async step every operation's `send` awaits: send the request, hand back the raw
//! response.
//!
//! A generated request builder's `async fn send` builds its request (in its own body, or in
//! a `request()` it shares with `send_as`), awaits [`fetch`] and decodes the [`RawResponse`] with a `match` on the status
//! in its own body; the transport (retries, timeouts, credentials) is this one non-generic
//! function, compiled once in the runtime.

use super::error::SendError;
use super::response::RawResponse;
use super::{ClientCore, RequestSpec};

/// Sends `request` (when it could be built) through `core`. With `streamed`, a successful
/// body that is not JSON or text is left unread ([`ClientCore::execute_streamed`]).
pub async fn fetch(
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
