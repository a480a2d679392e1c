//! Rust backends of apigen: turn the IR of an API into the source files of three crates —
//! models (serde types), client (async, reqwest) and server stub (axum).
//!
//! Backends never read a spec: they see only [`apigen_ir::Api`]. Every function here is pure
//! (IR in, file contents out); writing files is the caller's job. Names follow the one rule
//! documented in [`naming`].

#![warn(missing_docs)]

mod cargo;
mod client;
mod constraints;
mod docs;
mod format;
mod grpc;
mod models;
mod names;
pub mod naming;
mod op_tokens;
mod operations;
mod readme;
pub mod runtime;
mod server;
mod typeref;

use apigen_ir::Api;

pub use cargo::{Dependency, DEPENDENCIES, EDITION, RUNTIME_VERSION, RUST_VERSION};
pub use format::Error;

/// What the backends need to know beyond the IR.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the spec, as shown in file headers (`spec/ionos/auth-v1.yaml`).
    pub source: String,
    /// Package name of the models crate.
    pub models_crate: String,
    /// Package name of the client crate.
    pub client_crate: String,
    /// Package name of the server crate.
    pub server_crate: String,
    /// Version written into each generated crate's manifest.
    pub version: String,
    /// The SPDX license expression written into each manifest.
    pub license: String,
    /// Path from a generated crate's directory to `apigen-runtime` (`../../crates/runtime`);
    /// with it the crates depend on the runtime by version *and* path (they build in the
    /// workspace and publish against crates.io), without it by version only.
    pub runtime_path: Option<String>,
    /// Prefix of the environment variables the client's `env()` reads (`IONOS` →
    /// `IONOS_API_URL`, `IONOS_TOKEN`, `IONOS_USERNAME`, `IONOS_PASSWORD`); no `env()`
    /// without it.
    pub env_prefix: Option<String>,
}

impl Default for Options {
    /// Placeholder crate names (`api-models`, …), version 0.1.0, Apache-2.0, no runtime path,
    /// no environment prefix.
    fn default() -> Self {
        Options {
            source: "spec".into(),
            models_crate: "api-models".into(),
            client_crate: "api-client".into(),
            server_crate: "api-server".into(),
            version: "0.1.0".into(),
            license: "Apache-2.0".into(),
            runtime_path: None,
            env_prefix: None,
        }
    }
}

/// One generated file, relative to its crate's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path below the crate directory (`src/lib.rs`).
    pub path: String,
    /// Full contents, header included.
    pub contents: String,
}

/// The Rust path of every message type of the models crate, below its root
/// (`spaceone::api::identity::v2::TokenInfo`), keyed by the IR type name; for tools that drive
/// the generated models by type name.
pub fn model_paths(api: &Api) -> Vec<(String, String)> {
    let names = names::Names::new(api);
    api.types
        .iter()
        .filter(|d| matches!(d.kind, apigen_ir::TypeKind::Object(_)))
        .filter_map(|d| {
            let n = names.get(&d.name)?;
            let mut path: Vec<String> = n
                .module
                .iter()
                .map(|m| naming::ident(m).to_string())
                .collect();
            path.push(naming::ident(&n.ident).to_string());
            Some((d.name.clone(), path.join("::")))
        })
        .collect()
}

/// The files of the models crate.
pub fn models(api: &Api, opts: &Options) -> Result<Vec<GeneratedFile>, Error> {
    emit_models(api, opts, &Naming::new(api)).format()
}

/// The files of the client crate: `Client`/`ClientBuilder`, one request builder per operation,
/// typed responses, errors and response headers (see the `client` module).
pub fn client(api: &Api, opts: &Options) -> Result<Vec<GeneratedFile>, Error> {
    client_files(api, opts, &Naming::new(api))
}

/// The files of the server crate: the API trait, request and response types, and the axum
/// router that checks credentials and parameters before the trait runs (see the `server`
/// module).
///
/// The items are printed as the backend builds them (one operation's types or handlers at a
/// time) and dropped, so the crate's whole token stream never exists. It is
/// [`server_from_shares`] of the one share [`server_share`]`(api, opts, naming, 0, 1)`.
pub fn server(api: &Api, opts: &Options) -> Result<Vec<GeneratedFile>, Error> {
    let naming = Naming::new(api);
    server_from_shares(api, opts, &naming, vec![server_share(api, opts, &naming, 0, 1)?])
}

/// The Rust names of everything in an API, assigned once: a sizeable part of a backend's work
/// on a large API, so all the crates of an API and the server's shares ([`server_share`])
/// share one, across threads too.
#[derive(Debug)]
pub struct Naming(names::Names);

impl Naming {
    /// Assigns every name of `api` (see [`naming`]).
    pub fn new(api: &Api) -> Self {
        Naming(names::Names::new(api))
    }
}

/// The text of the server crate's library parts number `share`, `share + shares`,
/// `share + 2 * shares`, … (the prelude, the trait, then per operation its request struct,
/// response enum, handler, …), printed: `shares` of these, each built on a thread of its own
/// (token streams cannot cross threads; text can), make the crate with
/// [`server_from_shares`], the same text whatever the number of shares.
pub fn server_share(
    api: &Api,
    opts: &Options,
    naming: &Naming,
    share: usize,
    shares: usize,
) -> Result<ServerShare, Error> {
    let shares = shares.max(1);
    let names = &naming.0;
    let mut printer = match share {
        0 => format::Printer::new(&opts.source),
        _ => format::Printer::continued(&opts.source),
    };
    let mut pieces = Vec::new();
    server::server_parts(api, names, opts, &|i| i % shares == share, &mut |_, part| {
        printer.part(part);
        pieces.push(printer.take_text());
    });
    printer.check()?;
    Ok(ServerShare { pieces, shares })
}

/// A share of the server crate's library, printed (see [`server_share`]).
#[derive(Debug, Clone)]
pub struct ServerShare {
    /// The text of each of its parts, in order.
    pieces: Vec<String>,
    /// Into how many shares the parts were dealt.
    shares: usize,
}

/// The files of the server crate from all its shares, in share order (`shares[k]` is
/// [`server_share`]`(api, opts, naming, k, shares.len())`).
pub fn server_from_shares(
    api: &Api,
    opts: &Options,
    naming: &Naming,
    shares: Vec<ServerShare>,
) -> Result<Vec<GeneratedFile>, Error> {
    let n = shares.len();
    if shares.iter().any(|s| s.shares != n) {
        return Err(Error::InvalidTokens {
            what: opts.source.clone(),
            message: format!("{n} server shares given, made for another count"),
        });
    }
    let mut printer = format::Printer::continued(&opts.source);
    let mut pieces: Vec<_> = shares.into_iter().map(|s| s.pieces.into_iter()).collect();
    // Part `i` is the next piece of share `i % n`; the shares run out at the end only.
    for i in 0.. {
        match pieces.get_mut(i % n.max(1)).and_then(Iterator::next) {
            Some(piece) => printer.push_text(&piece),
            None => break,
        }
    }
    Unformatted::server_shell(api, &naming.0, opts).files(printer.finish()?)
}

/// The files of the gRPC crate `grpc_crate` of a proto API: per service a tonic client and a
/// server trait with its tower service, on the models crate's types (which implement
/// `prost::Message`; see the `grpc` module).
pub fn grpc(api: &Api, opts: &Options, grpc_crate: &str) -> Result<Vec<GeneratedFile>, Error> {
    emit_grpc(api, opts, &Naming::new(api), grpc_crate).format()
}

/// The gRPC crate, unformatted (see [`grpc()`]).
pub fn emit_grpc(api: &Api, opts: &Options, naming: &Naming, grpc_crate: &str) -> Unformatted {
    let names = &naming.0;
    let crate_docs = cargo::crate_docs(api, "gRPC client and server (tonic)", opts);
    let example = cargo::grpc_example(api, names, grpc_crate);
    let items = grpc::grpc_tokens(api, names, &opts.models_crate);
    Unformatted {
        source: opts.source.clone(),
        manifest: cargo::grpc_manifest(api, opts, grpc_crate),
        readme: readme::grpc(api, names, opts, grpc_crate),
        lib: vec![quote::quote!(#crate_docs #example), items],
    }
}

/// A crate as a backend emits it, before formatting: the manifest as text and the library as
/// token streams (parts of the file, printed one after the other). [`models`], [`client`] and [`server`] are [`emit_models`],
/// [`emit_client`] and [`emit_server`] followed by [`Unformatted::format`]; the two steps are
/// public so that benchmarks can time them apart (`crates/bench`).
#[derive(Debug, Clone)]
pub struct Unformatted {
    source: String,
    manifest: String,
    readme: String,
    lib: Vec<proc_macro2::TokenStream>,
}

impl Unformatted {
    /// Formats the library (`syn` parses the tokens, `prettyplease` prints them, the header
    /// goes on top) and returns the crate's files: `Cargo.toml`, `README.md`, then `src/lib.rs`.
    pub fn format(mut self) -> Result<Vec<GeneratedFile>, Error> {
        let mut printer = format::Printer::new(&self.source);
        for part in std::mem::take(&mut self.lib) {
            printer.part(part);
        }
        let lib = printer.finish()?;
        self.files(lib)
    }

    /// The crate's files with `lib` as `src/lib.rs`.
    fn files(self, lib: String) -> Result<Vec<GeneratedFile>, Error> {
        Ok(vec![
            GeneratedFile {
                path: "Cargo.toml".into(),
                contents: self.manifest,
            },
            GeneratedFile {
                path: "README.md".into(),
                contents: self.readme,
            },
            GeneratedFile {
                path: "src/lib.rs".into(),
                contents: lib,
            },
        ])
    }
}

/// The models crate, unformatted (see [`models`]).
pub fn emit_models(api: &Api, opts: &Options, naming: &Naming) -> Unformatted {
    let names = &naming.0;
    let (items, uses) = models::models_tokens(api, names);
    let crate_docs = cargo::crate_docs(api, "Data types", opts);
    let example = api
        .types
        .iter()
        .filter(|t| matches!(t.kind, apigen_ir::TypeKind::Object(_)))
        .find_map(|t| names.get(&t.name))
        .map(|n| n.module.iter().chain([&n.ident]).cloned().collect::<Vec<_>>().join("::"));
    let protobuf = grpc::codec_module(api, names);
    Unformatted {
        source: opts.source.clone(),
        manifest: cargo::models_manifest(api, opts, uses, !protobuf.is_empty()),
        readme: readme::models(api, opts, example.as_deref()),
        lib: vec![crate_docs, items, protobuf],
    }
}

/// The client crate, unformatted (see [`client`]).
pub fn emit_client(api: &Api, opts: &Options, naming: &Naming) -> Unformatted {
    let names = &naming.0;
    Unformatted {
        source: opts.source.clone(),
        manifest: cargo::client_manifest(api, opts, op_tokens::uses(api)),
        readme: client::readme(api, names, opts),
        lib: vec![client::client_tokens(api, names, opts)],
    }
}

/// The client crate's files, each operation's method and request builder built just before it
/// is printed (the same files as [`emit_client`] followed by [`Unformatted::format`], without
/// holding every operation's tokens at once).
pub fn client_files(api: &Api, opts: &Options, naming: &Naming) -> Result<Vec<GeneratedFile>, Error> {
    let names = &naming.0;
    let mut printer = format::Printer::new(&opts.source);
    client::print_client(api, names, opts, &mut printer);
    let lib = printer.finish()?;
    Unformatted {
        source: opts.source.clone(),
        manifest: cargo::client_manifest(api, opts, op_tokens::uses(api)),
        readme: client::readme(api, names, opts),
        lib: Vec::new(),
    }
    .files(lib)
}

/// The server crate, unformatted (see [`server()`]).
pub fn emit_server(api: &Api, opts: &Options, naming: &Naming) -> Unformatted {
    let names = &naming.0;
    let mut lib = Vec::new();
    server::server_parts(api, names, opts, &|_| true, &mut |_, part| lib.push(part));
    Unformatted {
        lib,
        ..Unformatted::server_shell(api, names, opts)
    }
}

impl Unformatted {
    /// The server crate's manifest and README, without its library.
    fn server_shell(api: &Api, names: &names::Names, opts: &Options) -> Unformatted {
        Unformatted {
            source: opts.source.clone(),
            manifest: cargo::server_manifest(api, opts, op_tokens::uses(api)),
            readme: readme::server(api, opts, names.server_trait()),
            lib: Vec::new(),
        }
    }
}
