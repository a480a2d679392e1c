//! A reference implementation of the IONOS Auth API v1, built on the generated server stub
//! (`ionos-auth-server`): it implements the generated `AuthApi` trait and serves it with the
//! generated router, wrapped in a rate limiter.
//!
//! Behaviour, following the API reference:
//! - **Users** are configured up front ([`Config::users`]); the default is one demo user
//!   (`demo` / `demo-password`, contract 31415).
//! - **Basic** authentication checks the password. **Bearer** authentication verifies the
//!   token's HS256 signature (key random per start unless configured), its expiry (by the
//!   injectable [`Clock`]) and that it was not deleted.
//! - **Contracts**: `X-Contract-Number` must name one of the user's contracts (otherwise
//!   403); with Bearer it must be the token's contract (403). A user with several contracts who
//!   sends no `X-Contract-Number` gets 400 ("otherwise, an error response is returned"); a user
//!   with one contract may leave it out.
//! - **CreateToken** issues a JWT whose header `kid` is the token id, valid for `ttl` seconds.
//! - **GetAllTokens / GetTokenById / DeleteTokenById** see the tokens of the authenticated user
//!   for the selected contract; unknown ids get 404.
//! - **DeleteTokenByCriteria**: `ALL` deletes all of them, `EXPIRED` the expired ones,
//!   `CURRENT` the Bearer token of the request itself; `CURRENT` with Basic authentication
//!   gets 401 (only Token Authentication meets it: there is no current token to delete).
//! - **Rate limits**: every response carries `X-RateLimit-Limit`, `-Remaining` and `-Burst`,
//!   counted per credential in fixed windows; beyond the limit the answer is the spec's 429
//!   (`TooManyRequests`): `Retry-After` (seconds) and the API's `Error` body.
//!
//! Errors use the spec's `Error` schema with `httpStatus` and one message whose `errorCode` is
//! a stable upper-case code (`INVALID_CREDENTIALS`, `CONTRACT_REQUIRED`, …).

mod api;
mod config;
mod jwt;
mod rate_limit;
mod store;

use std::sync::{Arc, Mutex, MutexGuard};

pub use config::{
    Config, ParseUserError, RateLimit, User, DEMO_CONTRACT, DEMO_PASSWORD, DEMO_USER,
};
pub use store::Clock;

use jwt::{Claims, Keys, ISSUER};
use store::{Store, TokenRecord};

/// The mock: cheap to clone, clones share state (tokens, clock, counters).
#[derive(Clone)]
pub struct AuthMock {
    inner: Arc<Inner>,
}

struct Inner {
    users: Vec<User>,
    keys: Keys,
    store: Mutex<Store>,
    clock: Clock,
    limiter: rate_limit::Limiter,
    href_prefix: String,
}

impl std::fmt::Debug for AuthMock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthMock")
            .field(
                "users",
                &self.inner.users.iter().map(|u| &u.name).collect::<Vec<_>>(),
            )
            .field("tokens", &self.token_count())
            .finish_non_exhaustive()
    }
}

impl AuthMock {
    /// A mock with `config`.
    pub fn new(config: Config) -> Self {
        let secret = config.secret.unwrap_or_else(|| {
            let mut bytes = uuid::Uuid::new_v4().as_bytes().to_vec();
            bytes.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
            bytes
        });
        AuthMock {
            inner: Arc::new(Inner {
                users: config.users,
                keys: jwt::keys(&secret),
                store: Mutex::new(Store::default()),
                clock: Clock::default(),
                limiter: rate_limit::Limiter::new(config.rate_limit),
                href_prefix: config.href_prefix,
            }),
        }
    }

    /// The clock token expiry is judged by (advance it to expire tokens).
    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// The axum app: the generated router serving this mock, behind the rate limiter.
    pub fn app(&self) -> axum::Router {
        ionos_auth_server::router(self.clone()).layer(axum::middleware::from_fn_with_state(
            self.clone(),
            rate_limit::middleware,
        ))
    }

    /// Issues a token directly (for tests): valid for `ttl_seconds` from now, which may be
    /// negative to get an already expired token. `None` for an unknown user.
    pub fn issue_token(&self, user: &str, contract: i32, ttl_seconds: i64) -> Option<String> {
        self.user(user)?;
        self.issue(user, contract, ttl_seconds).ok()
    }

    /// How many tokens exist (all users).
    pub fn token_count(&self) -> usize {
        self.store().len()
    }

    fn user(&self, name: &str) -> Option<&User> {
        self.inner.users.iter().find(|u| u.name == name)
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // A poisoned lock only means another request panicked mid-update; the data is plain.
        self.inner.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn issue(
        &self,
        user: &str,
        contract: i32,
        ttl_seconds: i64,
    ) -> Result<String, apigen_mock_jwt::Error> {
        let now = self.inner.clock.now();
        let id = uuid::Uuid::new_v4().to_string();
        let claims = Claims {
            iss: ISSUER.to_string(),
            sub: user.to_string(),
            contract,
            iat: now,
            exp: now + ttl_seconds,
            jti: id.clone(),
        };
        let token = self.inner.keys.sign(&claims)?;
        self.store().insert(TokenRecord {
            id,
            user: user.to_string(),
            contract,
            created: now,
            expires: now + ttl_seconds,
        });
        Ok(token)
    }
}

/// Serves `mock` on `listener` until the task is dropped.
///
/// # Errors
/// When the listener fails.
pub async fn serve(listener: tokio::net::TcpListener, mock: AuthMock) -> std::io::Result<()> {
    axum::serve(listener, mock.app()).await
}

/// Starts a mock of `config` on an ephemeral port of 127.0.0.1, served by a task of the current
/// tokio runtime; returns the mock (to inspect or drive its state) and its base URL.
///
/// # Errors
/// When the port cannot be bound.
pub async fn spawn_local(config: Config) -> std::io::Result<(AuthMock, String)> {
    let mock = AuthMock::new(config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(serve(listener, mock.clone()));
    Ok((mock, base))
}
