//! What generated gRPC crates share (feature `grpc`): a tonic client that sends the access
//! token in the `token` metadata entry as Cloudforet does ([`Client`]), the server side of a
//! unary rpc with its token check ([`serve_unary`]; [`serve_server_streaming`] for a stream of answers), and one error model for both faces of an
//! API: gRPC status codes and the REST answer Cloudforet gives for them ([`Fault`]).
//!
//! The messages are the models crate's own types: they implement `prost::Message` (see
//! [`crate::protobuf`]), so [`tonic_prost::ProstCodec`] carries them.

mod client;
mod fault;
mod macros;
mod server;

pub use client::{Client, Error};
pub use fault::{http_status, Fault};
pub use server::{
    access_token, not_implemented, serve_server_streaming, serve_unary, server_streaming, unary,
    unimplemented, Answer, ResponseStream,
};
pub use std::future::Future;
pub use tonic;

/// The metadata entry that carries the access token (Cloudforet's convention).
pub const TOKEN_METADATA: &str = "token";
