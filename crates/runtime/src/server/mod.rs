//! What generated servers are built on. A generated handler takes the whole request and, before
//! the application's trait method runs, checks credentials ([`require_credentials`]), parses
//! parameters ([`QueryParams`], [`header`], [`PathParams`], [`parse_param`]) and the body
//! ([`read_body`], [`json_body`]). Every failure is a [`Rejection`] (400, 401, 404, 405, 413, 415)
//! that the router turns into an error body: the API's own error schema when it declares one,
//! otherwise [`ErrorStatus`]. Nothing a client sends makes these helpers panic.

mod answers;
mod body;
mod credentials;
mod multipart;
mod params;
mod rejection;
mod reply;
mod response;

pub use body::{
    binary_body, form_body, json_body, json_request, read_body, required_body, text_body, StreamLimit,
    DEFAULT_BODY_LIMIT, DEFAULT_STREAM_LIMIT,
};
pub use credentials::{authenticate, require_credentials, Credentials};
pub use multipart::{multipart_body, multipart_response};
pub use params::{
    cookie, header, header_value, parse_base64, parse_json, parse_optional, parse_pairs,
    parse_param, required, split_list, strip_prefix, PathParams, QueryParams,
};
pub use rejection::{check_param, ErrorStatus, ParamLocation, Rejection, RejectionKind};
pub use reply::{answer, status_code, with_headers, ApiError, WriteHeaders};
pub use response::{
    binary_response, empty_response, encode_base64, form_response, json_response, rejection_response, set_header,
    text_response,
};

pub use crate::security::{KeyLocation, Scheme};
pub use crate::validate::{Bounds, Length};
pub use crate::Secret;
pub use axum;
pub use axum::extract::{Request, State};
pub use axum::response::Response;
pub use axum::routing::{on, MethodFilter};
pub use std::sync::Arc;
pub use http::request::Parts;
pub use http::StatusCode;
pub use std::future::Future;
