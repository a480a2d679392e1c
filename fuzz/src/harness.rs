//! The checks every fuzz target runs on one input, shared by the fuzz targets and by the
//! regression tests of `apigen-tests` (`tests/tests/fuzz_regressions.rs` includes this file
//! by path), so that a kept crashing input goes through exactly the path that found it.
//!
//! The properties checked:
//! - no frontend or backend panics (the OpenAPI frontend turns a panic of its worker thread
//!   into an "internal error … panicked" error, which counts as a panic here);
//! - a spec a frontend accepts goes through all three backends without an error (a backend
//!   error means it produced tokens that are not Rust);
//! - every generated `.rs` file parses with `syn::parse_file`, every generated `Cargo.toml`
//!   parses as TOML.
//!
//! Only `apigen-*`, `syn` and `toml` are used here, so both crates can include the file.

use std::path::{Path, PathBuf};

/// What a frontend made of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The spec was accepted and every generated file checked out.
    Generated,
    /// The frontend rejected the spec with an ordinary error.
    Rejected,
}

/// The copy of `google/api/annotations.proto` that proto inputs can import.
pub const ANNOTATIONS_PROTO: &str =
    include_str!("../../spec/cloudforet/google/api/annotations.proto");

/// The copy of `google/api/http.proto` that proto inputs can import.
pub const HTTP_PROTO: &str = include_str!("../../spec/cloudforet/google/api/http.proto");

/// The name of the proto input below the root given to [`check_proto`].
pub const PROTO_INPUT: &str = "fuzz/input.proto";

/// Parses `text` as an OpenAPI spec and, if accepted, checks the generated crates.
pub fn check_openapi(text: &str) -> Outcome {
    match apigen_openapi::parse("fuzz.yaml", text) {
        Ok(api) => {
            check_backends(&api);
            Outcome::Generated
        }
        Err(error) => {
            let message = error.to_string();
            assert!(
                !message.contains("panicked"),
                "the OpenAPI frontend panicked: {message}"
            );
            Outcome::Rejected
        }
    }
}

/// Writes `text` as [`PROTO_INPUT`] below `root` (with the `google/api` protos beside it),
/// runs `discover` and `load_files` on it and, if accepted, checks the generated crates.
/// `root` is created if needed; each caller should own its root.
pub fn check_proto(root: &Path, text: &str) -> Outcome {
    write_proto_root(root, text);
    // Errors are fine; a panic is not. The message must render.
    if let Err(error) = apigen_proto::discover(root) {
        let _ = error.to_string();
    }
    match apigen_proto::load_files(root, &[PathBuf::from(PROTO_INPUT)]) {
        Ok(api) => {
            check_backends(&api);
            Outcome::Generated
        }
        Err(error) => {
            let _ = error.to_string();
            Outcome::Rejected
        }
    }
}

/// Lays out a proto root: the fixed `google/api` files (written once) and the input.
fn write_proto_root(root: &Path, text: &str) {
    let google = root.join("google/api");
    let annotations = google.join("annotations.proto");
    if !annotations.exists() {
        std::fs::create_dir_all(&google).expect("create the google/api directory");
        std::fs::write(google.join("http.proto"), HTTP_PROTO).expect("write http.proto");
        std::fs::write(&annotations, ANNOTATIONS_PROTO).expect("write annotations.proto");
    }
    let input = root.join(PROTO_INPUT);
    if let Some(dir) = input.parent() {
        std::fs::create_dir_all(dir).expect("create the input directory");
    }
    std::fs::write(&input, text).expect("write the proto input");
}

/// Runs the models, client and server backends on `api` and checks every generated file.
pub fn check_backends(api: &apigen_ir::Api) {
    let opts = apigen_rust::Options {
        source: "fuzz.yaml".into(),
        models_crate: "fuzz-models".into(),
        client_crate: "fuzz-client".into(),
        server_crate: "fuzz-server".into(),
        version: "0.1.0".into(),
        ..Default::default()
    };
    let crates = [
        ("models", apigen_rust::models(api, &opts)),
        ("client", apigen_rust::client(api, &opts)),
        ("server", apigen_rust::server(api, &opts)),
    ];
    for (backend, files) in crates {
        let files = files.unwrap_or_else(|e| panic!("the {backend} backend failed: {e}"));
        for file in files {
            check_file(backend, &file);
        }
    }
}

/// Checks one generated file: Rust must parse with `syn`, manifests as TOML.
fn check_file(backend: &str, file: &apigen_rust::GeneratedFile) {
    if file.path.ends_with(".rs") {
        if let Err(e) = syn::parse_file(&file.contents) {
            panic!(
                "{backend} backend: {} does not parse with syn: {e}\n{}",
                file.path, file.contents
            );
        }
    } else if file.path.ends_with(".toml") {
        if let Err(e) = toml::from_str::<toml::Table>(&file.contents) {
            panic!(
                "{backend} backend: {} is not TOML: {e}\n{}",
                file.path, file.contents
            );
        }
    }
}
