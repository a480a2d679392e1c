//! The workspace's task runner as a library, so tests can run the same pipeline in-process.
//!
//! `cargo xtask codegen [--check]` reads `codegen.toml`, runs each API through its frontend
//! and the Rust backends in memory, and only then touches `generated/`.

pub mod bench_codegen;
pub mod bench_diff;
pub mod bench_proto_tree;
pub mod codegen;
pub mod compile_cost;
pub mod config;
pub mod conformance;
pub mod diff;
pub mod generate_file;
pub mod git;
pub mod lower;
pub mod openapi;
pub mod output;
pub mod parallel;
pub mod pipeline;
pub mod proto_json_driver;
pub mod reading;
pub mod semver;
pub mod semver_checks;

use std::path::{Path, PathBuf};

/// The workspace root (the directory holding `codegen.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
