//! What the benchmarks of `benches/` share (see `docs/benchmarks.md` for how to run them):
//!
//! - [`baseline`]: the hand-written counterpart of the generated IONOS Auth crates — plain
//!   serde structs, a reqwest client and an axum router. The router calls the same handler
//!   logic as the generated one (the reference implementation, [`ionos_auth_mock::AuthMock`],
//!   through its `AuthApi` methods), so the two stacks differ only in the code `apigen`
//!   generates: routing, credential and parameter parsing, response encoding on the server;
//!   request building, sending and decoding on the client.
//! - [`stack`]: a server of either kind on 127.0.0.1 with a matching client, and the request
//!   cycle the runtime benchmark repeats (create, list, get, delete).
//! - [`load`]: the measurement loop that prints requests/s and p50/p99 latency.
//! - [`summary`]: the medians criterion saved, read back for one table per benchmark.
//!
//! Nothing here asserts on time: performance is checked by reading the benchmark output.

pub mod baseline;
pub mod load;
pub mod stack;
pub mod summary;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")))
}

/// The large real spec of the codegen benchmark: `../shared/corpus/openapi/ionos-cloudapi-v6.yaml`
/// beside the checkout; `None` (and the benchmark skips it) when `../shared` is absent.
pub fn cloudapi_v6_spec() -> Option<PathBuf> {
    let path = workspace_root().join("../shared/corpus/openapi/ionos-cloudapi-v6.yaml");
    path.is_file().then_some(path)
}

/// `n` tokens as the mock would list them, as the generated model.
pub fn sample_tokens(n: usize) -> ionos_auth_models::Tokens {
    let tokens = (0..n)
        .map(|i| ionos_auth_models::Token {
            id: format!("6e0b{i:04x}-8d2c-4b6f-9a31-{:012x}", i * 7919),
            href: format!("https://api.ionos.com/auth/v1/tokens/6e0b{i:04x}"),
            created_date: "2024-03-01T12:00:00Z".to_string(),
            expiration_date: "2025-03-01T12:00:00Z".to_string(),
        })
        .collect();
    ionos_auth_models::Tokens {
        tokens: Some(tokens),
    }
}
