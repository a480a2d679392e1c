//! The client side: one channel, an optional access token, unary calls with typed errors.

use http::uri::PathAndQuery;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::transport::{Channel, Endpoint};
use tonic::{Code, Request, Status, Streaming};
use tonic_prost::ProstCodec;

use super::TOKEN_METADATA;
use crate::protobuf::WireCheck;
use crate::validate::{Validate, ValidationError};

/// What a generated gRPC client call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status other than OK (its code and message are kept).
    #[error("{}: {}", .0.code(), .0.message())]
    Status(Status),
    /// The endpoint is invalid or the connection could not be made.
    #[error("cannot connect: {0}")]
    Connect(#[from] tonic::transport::Error),
    /// The access token cannot travel in gRPC metadata (it is not visible ASCII).
    #[error("the access token is not valid gRPC metadata (visible ASCII only)")]
    InvalidToken,
    /// The request was not sent: it breaks a rule of the API (`Validate`: a required field
    /// unset, an unknown enum value…) or holds something protobuf cannot write (`WireCheck`:
    /// an enum value known only by name, a map key that is not a number…).
    #[error("invalid request: {0}")]
    InvalidRequest(ValidationError),
}

impl Error {
    /// The gRPC status code of a server answer (`None` for errors before sending).
    pub fn code(&self) -> Option<Code> {
        match self {
            Error::Status(s) => Some(s.code()),
            _ => None,
        }
    }

    /// The server's status, if it answered.
    pub fn status(&self) -> Option<&Status> {
        match self {
            Error::Status(s) => Some(s),
            _ => None,
        }
    }
}

impl From<Status> for Error {
    fn from(status: Status) -> Self {
        Error::Status(status)
    }
}

/// A channel to a gRPC server and the access token to send with rpcs that need one. Cheap to
/// clone; calls may run concurrently.
#[derive(Debug, Clone)]
pub struct Client {
    channel: Channel,
    token: Option<MetadataValue<Ascii>>,
}

impl Client {
    /// Connects to `endpoint` (`http://127.0.0.1:50051`).
    pub async fn connect(endpoint: impl Into<String>) -> Result<Self, Error> {
        let channel = Endpoint::from_shared(endpoint.into())?.connect().await?;
        Ok(Client::new(channel))
    }

    /// A client on an existing channel, without a token.
    pub fn new(channel: Channel) -> Self {
        Client {
            channel,
            token: None,
        }
    }

    /// Sends `token` in the `token` metadata entry of every rpc that needs authentication
    /// (rpcs marked `+noauth` never send it).
    pub fn set_token(&mut self, token: &str) -> Result<(), Error> {
        self.token = Some(token.parse().map_err(|_| Error::InvalidToken)?);
        Ok(())
    }

    /// Forgets the token.
    pub fn clear_token(&mut self) {
        self.token = None;
    }

    /// Calls the unary rpc at `path` (`/package.Service/rpc`); `authenticated` rpcs carry the
    /// token when one is set. The request is validated first, as the REST client does
    /// ([`Error::InvalidRequest`], nothing sent).
    pub async fn unary<Req, Resp>(
        &self,
        path: &'static str,
        authenticated: bool,
        request: Req,
    ) -> Result<Resp, Error>
    where
        Req: prost::Message + Validate + WireCheck + Send + Sync + 'static,
        Resp: prost::Message + Default + Send + Sync + 'static,
    {
        let (request, mut grpc) = self.prepare(authenticated, request).await?;
        let codec = ProstCodec::<Req, Resp>::default();
        let response = grpc
            .unary(request, PathAndQuery::from_static(path), codec)
            .await?;
        Ok(response.into_inner())
    }

    /// Calls the server-streaming rpc at `path` as [`Client::unary`] calls a unary one; the
    /// answers arrive on the returned stream (`message().await` gives the next, `None` at the
    /// end, or the status that ended it).
    pub async fn server_streaming<Req, Resp>(
        &self,
        path: &'static str,
        authenticated: bool,
        request: Req,
    ) -> Result<Streaming<Resp>, Error>
    where
        Req: prost::Message + Validate + WireCheck + Send + Sync + 'static,
        Resp: prost::Message + Default + Send + Sync + 'static,
    {
        let (request, mut grpc) = self.prepare(authenticated, request).await?;
        let codec = ProstCodec::<Req, Resp>::default();
        let response = grpc
            .server_streaming(request, PathAndQuery::from_static(path), codec)
            .await?;
        Ok(response.into_inner())
    }

    /// Checks the request, adds the token, and waits for the channel.
    async fn prepare<Req>(
        &self,
        authenticated: bool,
        request: Req,
    ) -> Result<(Request<Req>, tonic::client::Grpc<Channel>), Error>
    where
        Req: Validate + WireCheck,
    {
        request.validate().map_err(Error::InvalidRequest)?;
        request.wire_check().map_err(Error::InvalidRequest)?;
        let mut request = Request::new(request);
        if let (true, Some(token)) = (authenticated, &self.token) {
            request.metadata_mut().insert(TOKEN_METADATA, token.clone());
        }
        let mut grpc = tonic::client::Grpc::new(self.channel.clone());
        grpc.ready()
            .await
            .map_err(|e| Status::unavailable(format!("service not ready: {e}")))?;
        Ok((request, grpc))
    }
}
