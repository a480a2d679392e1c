//! A server and a client of one kind (generated or hand-written) on 127.0.0.1, and the request
//! cycle the runtime benchmark repeats: create a token, list the tokens, get it, delete it.

use std::time::{Duration, Instant};

use base64::Engine as _;
use ionos_auth_mock::{AuthMock, Config, DEMO_PASSWORD, DEMO_USER};

use crate::baseline;

/// Which code serves and calls the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `ionos-auth-client` against `ionos_auth_server::router` (the mock's `AuthApi`).
    Generated,
    /// [`baseline::Client`] against [`baseline::router`] (the same `AuthApi` methods).
    Baseline,
}

impl Kind {
    /// Both kinds, generated first.
    pub const ALL: [Kind; 2] = [Kind::Generated, Kind::Baseline];

    /// `generated` / `baseline`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Generated => "generated",
            Kind::Baseline => "baseline",
        }
    }
}

/// A client of either kind.
#[derive(Debug, Clone)]
pub enum Caller {
    /// The generated client.
    Generated(ionos_auth_client::Client),
    /// The hand-written client.
    Baseline(baseline::Client),
}

/// A running server (served by a task of the current tokio runtime) and a client of it.
#[derive(Debug, Clone)]
pub struct Stack {
    /// Which server.
    pub server: Kind,
    /// Which client.
    pub client: Kind,
    /// The reference implementation behind the server (to count tokens).
    pub mock: AuthMock,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// A client of `client`'s kind, with the demo user's Basic credentials.
    pub caller: Caller,
}

impl Stack {
    /// `generated`, `baseline`, or `CLIENT client + SERVER server` for a mixed stack.
    pub fn label(&self) -> String {
        if self.server == self.client {
            self.server.name().to_string()
        } else {
            format!(
                "{} client+{} server",
                self.client.name(),
                self.server.name()
            )
        }
    }
}

/// The mock configuration both kinds serve: the demo user, a fixed key.
pub fn mock_config() -> Config {
    Config {
        secret: Some(b"apigen-bench-secret".to_vec()),
        ..Config::default()
    }
}

/// Starts a server of `kind` on an ephemeral port of 127.0.0.1 with a client of the same kind
/// (needs a tokio runtime).
pub async fn start(kind: Kind) -> std::io::Result<Stack> {
    start_mixed(kind, kind).await
}

/// Starts a server of kind `server` with a client of kind `client`: mixed stacks tell the
/// client's share of a difference from the server's.
pub async fn start_mixed(server: Kind, client: Kind) -> std::io::Result<Stack> {
    let mock = AuthMock::new(mock_config());
    let app = match server {
        Kind::Generated => ionos_auth_server::router(mock.clone()),
        Kind::Baseline => baseline::router(mock.clone()),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    let caller = connect(client, &base)?;
    Ok(Stack {
        server,
        client,
        mock,
        base,
        caller,
    })
}

/// A new client of kind `kind` (its own connection pool) for the server at `base`.
pub fn connect(kind: Kind, base: &str) -> std::io::Result<Caller> {
    Ok(match kind {
        Kind::Generated => Caller::Generated(
            ionos_auth_client::Client::builder()
                .base_url(base)
                .basic_auth(DEMO_USER, DEMO_PASSWORD)
                .build()
                .map_err(std::io::Error::other)?,
        ),
        Kind::Baseline => Caller::Baseline(baseline::Client::new(base, DEMO_USER, DEMO_PASSWORD)),
    })
}

impl Stack {
    /// A new client of the stack's kind, with new connections: the load loop uses one per
    /// round, so that where the runtime happens to place the connection tasks of client and
    /// server (same worker thread or not) changes from round to round instead of favouring
    /// one stack for the whole run.
    pub fn reconnect(&self) -> std::io::Result<Caller> {
        connect(self.client, &self.base)
    }
}

/// The operations of one cycle, in order.
pub const OPERATIONS: [&str; 4] = ["create", "list", "get", "delete"];

/// The latency of each request of one cycle, in [`OPERATIONS`] order.
pub type CycleTimes = [Duration; 4];

/// The token id (`kid`) in a JWT's header.
pub fn kid(jwt: &str) -> Option<String> {
    let header = jwt.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .ok()?;
    let header: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Some(header.get("kid")?.as_str()?.to_string())
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Caller {
    /// One cycle: create a token (ttl 3600), list the tokens, get the new one, delete it.
    /// Each request is timed from the call to the decoded body; finding the token id in the
    /// JWT between requests is not.
    pub async fn cycle(&self) -> Result<CycleTimes, String> {
        let mut times = [Duration::ZERO; 4];
        match self {
            Caller::Generated(c) => {
                let t = Instant::now();
                let jwt = c.create_token().ttl(3600).send().await.map_err(err)?;
                times[0] = t.elapsed();
                let id = jwt.into_inner().token.as_deref().and_then(kid);
                let id = id.ok_or("no token in the answer")?;
                let t = Instant::now();
                let list = c.get_all_tokens().send().await.map_err(err)?;
                times[1] = t.elapsed();
                if !list
                    .tokens
                    .as_ref()
                    .is_some_and(|l| l.iter().any(|t| t.id == id))
                {
                    return Err("the new token is not listed".into());
                }
                let t = Instant::now();
                let one = c.get_token_by_id(&id).send().await.map_err(err)?;
                times[2] = t.elapsed();
                if one.id != id {
                    return Err("got another token".into());
                }
                let t = Instant::now();
                let deleted = c.delete_token_by_id(&id).send().await.map_err(err)?;
                times[3] = t.elapsed();
                if deleted.success != Some(true) {
                    return Err("not deleted".into());
                }
            }
            Caller::Baseline(c) => {
                let t = Instant::now();
                let jwt = c.create_token(3600).await.map_err(err)?;
                times[0] = t.elapsed();
                let id = jwt.token.as_deref().and_then(kid);
                let id = id.ok_or("no token in the answer")?;
                let t = Instant::now();
                let list = c.get_all_tokens().await.map_err(err)?;
                times[1] = t.elapsed();
                if !list
                    .tokens
                    .as_ref()
                    .is_some_and(|l| l.iter().any(|t| t.id == id))
                {
                    return Err("the new token is not listed".into());
                }
                let t = Instant::now();
                let one = c.get_token_by_id(&id).await.map_err(err)?;
                times[2] = t.elapsed();
                if one.id != id {
                    return Err("got another token".into());
                }
                let t = Instant::now();
                let deleted = c.delete_token_by_id(&id).await.map_err(err)?;
                times[3] = t.elapsed();
                if deleted.success != Some(true) {
                    return Err("not deleted".into());
                }
            }
        }
        Ok(times)
    }
}
