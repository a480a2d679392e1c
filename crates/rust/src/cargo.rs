//! Manifests and crate-level docs of the generated crates.

use apigen_ir::Api;
use proc_macro2::TokenStream;
use quote::quote;

use crate::format::header;
use crate::typeref::Uses;
use crate::Options;

/// `#![doc = …]` attributes describing a generated crate.
pub fn crate_docs(api: &Api, role: &str, opts: &Options) -> TokenStream {
    let mut text = format!("{role} of the {}", api.title);
    if let Some(v) = &api.version {
        text.push_str(&format!(" (version {v})"));
    }
    text.push_str(&format!(", generated from `{}`.", opts.source));
    if let Some(d) = &api.docs.description {
        text.push_str("\n\n");
        text.push_str(d);
    }
    let text = crate::docs::sanitize(&text);
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#![doc = #lines])*)
}

/// A crates.io dependency of generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// The package name.
    pub name: &'static str,
    /// The version requirement.
    pub version: &'static str,
    /// Whether the default features are on.
    pub default_features: bool,
    /// The features turned on.
    pub features: &'static [&'static str],
}

const fn dep(
    name: &'static str,
    version: &'static str,
    default_features: bool,
    features: &'static [&'static str],
) -> Dependency {
    Dependency {
        name,
        version,
        default_features,
        features,
    }
}

/// Every crates.io dependency a generated crate may have, with its version and features: the
/// one place they are defined. Generated manifests spell them out (no workspace inheritance,
/// so a generated crate builds and publishes on its own); the workspace's
/// `[workspace.dependencies]` must say the same (a test in `tests/tests/standalone.rs` checks).
pub const DEPENDENCIES: &[Dependency] = &[
    dep("serde", "1", true, &["derive"]),
    // `float_roundtrip`: proto3 JSON doubles read back exactly (the runtime relies on it).
    dep("serde_json", "1", true, &["float_roundtrip"]),
    dep(
        "serde_with",
        "3",
        false,
        &["macros", "std", "base64"],
    ),
    dep("chrono", "0.4", false, &["serde", "std", "clock"]),
    dep("uuid", "1", true, &["serde"]),
    // The binary protobuf codec of models generated from protos, and their gRPC crates.
    dep("prost", "0.14", true, &[]),
    dep(
        "tonic",
        "0.14",
        false,
        &["codegen", "transport", "router", "server", "channel"],
    ),
    dep("reqwest", "0.12", false, &["rustls-tls", "json"]),
    dep(
        "axum",
        "0.8",
        false,
        &["http1", "json", "query", "tokio"],
    ),
];

/// The version of `apigen-runtime` generated code is written for (`crates/runtime`).
pub const RUNTIME_VERSION: &str = "0.1.0";
/// The edition of generated crates.
pub const EDITION: &str = "2021";
/// The oldest Rust that builds generated crates.
pub const RUST_VERSION: &str = "1.85";

/// `name = { version = … }` for a dependency of [`DEPENDENCIES`].
fn dependency_line(name: &str) -> String {
    let d = DEPENDENCIES
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("`{name}` is missing from cargo::DEPENDENCIES"));
    let mut s = format!("{} = {{ version = \"{}\"", d.name, d.version);
    if !d.default_features {
        s.push_str(", default-features = false");
    }
    if !d.features.is_empty() {
        let f: Vec<String> = d.features.iter().map(|f| format!("\"{f}\"")).collect();
        s.push_str(&format!(", features = [{}]", f.join(", ")));
    }
    s.push_str(" }\n");
    s
}

/// The dependency on `apigen-runtime`: by version (what a published crate uses) and, when the
/// generator knows where the runtime is, by path too (what builds in the workspace).
fn runtime_dependency(opts: &Options, features: &str) -> String {
    let path = opts
        .runtime_path
        .as_ref()
        .map(|p| format!(", path = \"{}\"", toml_text(p)))
        .unwrap_or_default();
    format!(
        "apigen-runtime = {{ version = \"{RUNTIME_VERSION}\"{path}, default-features = false{features} }}\n"
    )
}

/// The `[package]` and `[lib]` sections; `doctest` says whether the crate's doc examples are
/// compiled (only examples the backend writes itself are Rust: spec text never is).
fn package(name: &str, description: &str, opts: &Options, doctest: bool) -> String {
    format!(
        "{}\n[package]\nname = \"{name}\"\nversion = \"{}\"\ndescription = \"{}\"\nedition = \"{EDITION}\"\nrust-version = \"{RUST_VERSION}\"\nlicense = \"{}\"\nreadme = \"README.md\"\ndocumentation = \"https://docs.rs/{name}\"\n\n[lib]\ndoctest = {doctest}\n\n[dependencies]\n",
        header("#", &opts.source),
        opts.version,
        toml_text(description),
        toml_text(&opts.license),
    )
}

/// `text` as the inside of a TOML basic string: `"` becomes `'` (it reads better in a
/// description than an escape), `\` and control characters are escaped. A raw control
/// character or backslash from the spec's title made the manifest invalid TOML (found by
/// fuzzing).
fn toml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push('\''),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Cargo.toml of the models crate.
/// `protobuf`: the crate implements the binary protobuf encoding (`prost::Message`) too.
pub fn models_manifest(api: &Api, opts: &Options, uses: Uses, protobuf: bool) -> String {
    let mut s = package(
        &opts.models_crate,
        &format!("Data types of the {} (generated)", api.title),
        opts,
        false,
    );
    let features = if protobuf { ", features = [\"protobuf\"]" } else { "" };
    s.push_str(&runtime_dependency(opts, features));
    if protobuf {
        s.push_str(&dependency_line("prost"));
    }
    s.push_str(&dependency_line("serde"));
    s.push_str(&dependency_line("serde_json"));
    if uses.chrono {
        s.push_str(&dependency_line("chrono"));
    }
    if uses.serde_with {
        s.push_str(&dependency_line("serde_with"));
    }
    if uses.uuid {
        s.push_str(&dependency_line("uuid"));
    }
    s
}

/// The dependency on the models crate: by version, and by path to the sibling directory.
fn models_dependency(opts: &Options) -> String {
    format!(
        "{} = {{ version = \"{}\", path = \"../{}\" }}\n",
        opts.models_crate, opts.version, opts.models_crate
    )
}

/// Dependencies for types that operations name directly (a `chrono` date parameter).
fn direct_uses(uses: Uses) -> String {
    let mut s = String::new();
    if uses.chrono {
        s.push_str(&dependency_line("chrono"));
    }
    if uses.uuid {
        s.push_str(&dependency_line("uuid"));
    }
    s
}

/// Cargo.toml of the client crate (its crate-level example is compiled as a doctest).
pub fn client_manifest(api: &Api, opts: &Options, uses: Uses) -> String {
    let mut s = package(
        &opts.client_crate,
        &format!("Async client of the {} (generated)", api.title),
        opts,
        true,
    );
    s.push_str(&runtime_dependency(opts, ", features = [\"client\"]"));
    s.push_str(&models_dependency(opts));
    s.push_str(&dependency_line("reqwest"));
    s.push_str(&dependency_line("serde_json"));
    s.push_str(&direct_uses(uses));
    s
}

/// Cargo.toml of the server crate.
pub fn server_manifest(api: &Api, opts: &Options, uses: Uses) -> String {
    let mut s = package(
        &opts.server_crate,
        &format!("Server stub (axum) of the {} (generated)", api.title),
        opts,
        false,
    );
    s.push_str(&runtime_dependency(opts, ", features = [\"server\"]"));
    s.push_str(&models_dependency(opts));
    s.push_str(&dependency_line("axum"));
    s.push_str(&dependency_line("serde_json"));
    s.push_str(&direct_uses(uses));
    s
}

/// Cargo.toml of the gRPC crate.
pub fn grpc_manifest(api: &Api, opts: &Options, grpc_crate: &str) -> String {
    let mut s = package(
        grpc_crate,
        &format!(
            "gRPC client and server (tonic) of the {} (generated)",
            api.title
        ),
        opts,
        false,
    );
    s.push_str(&runtime_dependency(opts, ", features = [\"grpc\"]"));
    s.push_str(&models_dependency(opts));
    s.push_str(&dependency_line("tonic"));
    s
}

/// The crate docs' usage section of a gRPC crate, naming its first service.
pub fn grpc_example(api: &Api, names: &crate::names::Names, grpc_crate: &str) -> TokenStream {
    let krate = grpc_crate.replace('-', "_");
    let Some(service) = api.services.iter().find(|s| !s.rpcs.is_empty()) else {
        return TokenStream::new();
    };
    let crate::names::ServiceNames {
        service: name,
        client,
        server,
    } = names.service(&service.name);
    let text = format!(
        "\n# Usage\n\n```ignore\n// client\nlet client = {krate}::client::{client}::connect(\"http://127.0.0.1:50051\").await?\n    .with_token(&access_token)?;\n\n// server: implement the trait, then serve it with tonic\nstruct My;\nimpl {krate}::server::{name} for My {{ /* the rpcs you serve */ }}\ntonic::transport::Server::builder()\n    .add_service({krate}::server::{server}::new(My))\n    .serve(addr)\n    .await?;\n```\n\nErrors: the server answers a `tonic::Status`; the client returns [`Error`], whose `code()` is the status code. [`Fault`] carries one error to both the gRPC and the REST face."
    );
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#![doc = #lines])*)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fuzz finding: a title holding a carriage return or a backslash made the manifest
    /// invalid TOML (the fuzz harness parses every manifest with `toml`).
    #[test]
    fn descriptions_are_escaped_for_toml() {
        assert_eq!(toml_text(r#"A "B" api"#), "A 'B' api");
        assert_eq!(toml_text("T\ritle"), r"T\u000Ditle");
        assert_eq!(toml_text("a\\b\u{7f}\tc\n"), "a\\\\b\\u007F\tc\\u000A");
        assert_eq!(toml_text("Größe 🦀"), "Größe 🦀");
    }
}
