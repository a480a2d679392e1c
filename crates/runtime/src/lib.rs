//! The small, hand-written runtime that apigen's generated clients and servers share.
//!
//! Generated code stays declarative (one method per operation, one handler per route); the
//! mechanics live here, written and tested once:
//!
//! - [`client`] (feature `client`): configuration, credentials, retries with backoff, request
//!   encoding, and typed responses and errors on top of `reqwest`.
//! - [`server`] (feature `server`): credential extraction, parameter and body parsing that never
//!   panics, and [`server::Rejection`]s that generated `axum` routers answer before a handler runs.
//! - [`security`] and [`Secret`]: what both sides need to describe and carry credentials.
//! - [`Binary`]: raw bytes of `format: binary` values (octet-stream bodies, files).
//! - [`validate`]: the `Validate` trait every generated model implements.
//! - [`model_serde`]: serde impls of generated records and string enums, in less code than the derives.
//! - [`proto_json`]: protobuf's canonical JSON mapping, for models generated from protos.
//! - [`any_of`]: serde for models of an `anyOf` whose alternatives may hold at the same time
//!   (a struct of `Option`s).
//!
//! Nothing here knows about a particular API.

#![warn(missing_docs)]

pub mod any_of;
mod binary;
pub mod model_serde;
#[cfg(any(feature = "client", feature = "server"))]
mod multipart;
pub mod proto_json;
mod secret;
mod stream;
pub mod security;
pub mod validate;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "grpc")]
pub mod grpc;
#[cfg(feature = "protobuf")]
pub mod protobuf;
#[cfg(feature = "server")]
pub mod server;

pub use binary::Binary;
pub use secret::Secret;
pub use stream::{ByteStream, StreamError};

/// The README's example, compiled as a doctest.
#[cfg(all(doctest, feature = "client"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
