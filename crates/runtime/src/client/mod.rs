//! What generated clients are built on: [`ClientConfig`] (base URL, timeout, retries,
//! credentials, user agent) built into a [`ClientCore`] that sends [`RequestSpec`]s, and the
//! typed results: [`ResponseValue`] on success, [`Error`] otherwise.
//!
//! A generated operation fills a [`RequestSpec`], lets [`ClientCore::execute`] send it (with
//! credentials and retries), and decodes the [`RawResponse`] by status with its helpers.

mod builder;
mod call;
mod config;
mod credentials;
mod env;
mod error;
mod media;
mod request;
mod response;
mod retry;

pub use call::{send, Sending};
pub use config::{BuildError, ClientConfig, ClientCore, DEFAULT_TIMEOUT};
pub use credentials::Credentials;
pub use env::EnvVars;
pub use error::{Error, SendError};
pub use media::{check_declared, OtherBody};
pub use request::{deep_object, encode_base64, object_pairs, to_json_text, RequestSpec};
pub use response::{HeaderSource, RawResponse, ResponseValue, SendResult};
pub use retry::{send_with_retry, RetryPolicy};

pub use crate::security::{KeyLocation, Scheme};
pub use crate::validate::{Bounds, Length};
pub use crate::Secret;
pub use http::{HeaderMap, Method, StatusCode};
pub use reqwest;
