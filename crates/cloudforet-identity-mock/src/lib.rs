//! A reference Cloudforet identity `Token` server, built on the generated stubs: the same
//! in-memory implementation answers over gRPC (`cloudforet-identity-grpc`, with the access token
//! in the `token` metadata entry) and over REST (`cloudforet-identity-server`), in one process.
//!
//! - `issue` with LOCAL credentials (`user_id` and `password` in the `credentials` Struct, the
//!   user's `domain_id`) answers an access token and a refresh token: HS256 JWTs whose `kid` is
//!   the token id. Wrong credentials: UNAUTHENTICATED (REST 401).
//! - `grant` exchanges a refresh token for an access token of a scope, answering as Cloudforet
//!   does: `role_type` and `domain_id`, `workspace_id` only for WORKSPACE scope, `role_id` when
//!   the scope carries a role; fields at their default are left out of the JSON.
//!
//! Start it with `cargo run -p cloudforet-identity-mock -- --listen 127.0.0.1:8081
//! --grpc-listen 127.0.0.1:50051 --user domain-1:alice:secret`, or in-process with [`serve`]
//! on listeners bound to `127.0.0.1:0` (as the end-to-end tests do).

#![warn(missing_docs)]

mod faces;
pub mod jwt;
mod logic;
mod users;

use std::sync::Arc;

use tokio::net::TcpListener;

pub use logic::IdentityMock;
pub use users::{BadUser, User};

/// What the mock starts with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The users (`--user DOMAIN:USER:PASSWORD`).
    pub users: Vec<User>,
    /// The JWT signing secret (random when `None`).
    pub secret: Option<Vec<u8>>,
    /// Lifetime of an access token when the request sets none, in seconds.
    pub access_ttl: i64,
    /// Lifetime of a refresh token, in seconds.
    pub refresh_ttl: i64,
}

impl Default for Config {
    /// One user, `domain-1:alice:secret`; access tokens live 30 minutes, refresh tokens a day.
    fn default() -> Self {
        Config {
            users: vec![User {
                domain_id: "domain-1".into(),
                user_id: "alice".into(),
                password: "secret".into(),
            }],
            secret: None,
            access_ttl: 1800,
            refresh_ttl: 86_400,
        }
    }
}

/// Why serving stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The REST server failed.
    #[error("REST server: {0}")]
    Rest(#[from] std::io::Error),
    /// The gRPC server failed.
    #[error("gRPC server: {0}")]
    Grpc(#[from] tonic::transport::Error),
}

/// The axum router of the REST face.
pub fn rest_router(mock: Arc<IdentityMock>) -> axum::Router {
    cloudforet_identity_server::router(faces::Rest(mock))
}

/// Serves the REST face on `rest` and the gRPC face on `grpc` until one of them fails.
pub async fn serve(
    rest: TcpListener,
    grpc: TcpListener,
    mock: Arc<IdentityMock>,
) -> Result<(), ServeError> {
    let router = rest_router(mock.clone());
    let grpc_service = cloudforet_identity_grpc::server::TokenServer::new(faces::Grpc(mock));
    let grpc_server = tonic::transport::Server::builder()
        .add_service(grpc_service)
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(grpc));
    tokio::select! {
        r = axum::serve(rest, router) => r.map_err(ServeError::from),
        r = grpc_server => r.map_err(ServeError::from),
    }
}
