//! `cargo xtask proto-json-driver ROOT OUT FILE...`: a small program that decodes and re-encodes
//! JSON with the models generated from proto files, for the differential test against
//! protobuf's own JSON mapping (`scripts/proto-json-differential.sh`).
//!
//! It writes a standalone Cargo workspace under OUT: the models crate generated from FILEs
//! (below the proto root ROOT, compiled together) by the same backend `codegen` uses, a `driver`
//! binary that reads `{"type": FULL.NAME, "json": TEXT}` lines on stdin and answers
//! `{"ok": TEXT}` (decoded, then encoded again) or `{"err": MESSAGE}` per line, and `ir.json`,
//! `binary-name`, the driver's binary, the IR of the types, so the test can check that both sides describe the same messages, and
//! `descriptors.binpb`, the compiled files, for messages the Python side has no classes of.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Runs the command with its arguments.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let [proto_root, out, files @ ..] = args else {
        bail!("usage: cargo xtask proto-json-driver ROOT OUT FILE...");
    };
    if files.is_empty() {
        bail!("usage: cargo xtask proto-json-driver ROOT OUT FILE...");
    }
    let proto_root = PathBuf::from(proto_root);
    let out = PathBuf::from(out);
    let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let kept = compatible_files(&proto_root, &files);
    let compiled = apigen_proto::compile_files(&proto_root, &kept)
        .with_context(|| format!("reading {}", proto_root.display()))?;
    let api = compiled
        .lower()
        .with_context(|| format!("reading {}", proto_root.display()))?;
    let opts = apigen_rust::Options {
        source: proto_root.display().to_string(),
        models_crate: "driver-models".into(),
        client_crate: "driver-client".into(),
        server_crate: "driver-server".into(),
        version: "0.0.0".into(),
        ..Default::default()
    };
    let models = apigen_rust::models(&api, &opts).context("generating the models")?;
    let lib = models
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .context("the models backend wrote no src/lib.rs")?;
    let runtime = root.join("crates/runtime");
    // A package name of its own per driver: drivers built into one target dir must not share
    // the binary's path.
    let label = crate::conformance::crate_name_part(
        &out.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
    );
    let binary = format!("proto-json-driver-{label}");
    // Cargo tells path packages apart by their path below the workspace: the models crates of
    // two drivers in one target dir need names of their own too.
    let models_crate = format!("proto-json-models-{label}");
    write(&out.join("Cargo.toml"), &workspace_manifest(&runtime))?;
    write(
        &out.join("models/Cargo.toml"),
        &MODELS_MANIFEST.replace("driver-models", &models_crate),
    )?;
    write(&out.join("models/src/lib.rs"), &lib.contents)?;
    write(
        &out.join("driver/Cargo.toml"),
        &DRIVER_MANIFEST
            .replace("name = \"driver\"", &format!("name = {binary:?}"))
            .replace("driver-models", &models_crate),
    )?;
    write(&out.join("binary-name"), &binary)?;
    let paths = apigen_rust::model_paths(&api);
    let main = driver_main(&paths).replace("driver_models", &models_crate.replace('-', "_"));
    write(&out.join("driver/src/main.rs"), &main)?;
    let types = serde_json::to_string_pretty(&api.types)?;
    write(&out.join("ir.json"), &types)?;
    fs::write(
        out.join("descriptors.binpb"),
        compiled.encoded_file_descriptor_set(),
    )
    .with_context(|| format!("writing {}", out.join("descriptors.binpb").display()))?;
    println!(
        "proto-json driver for {} message types written to {}",
        paths.len(),
        out.display()
    );
    Ok(())
}

/// The files that compile together: each file that cannot be compiled with the ones before it
/// is left out and reported (files of one proto tree may define the same names).
fn compatible_files(proto_root: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    if apigen_proto::compile_files(proto_root, files).is_ok() {
        return files.to_vec();
    }
    let mut kept: Vec<PathBuf> = Vec::new();
    for file in files {
        kept.push(file.clone());
        if let Err(e) = apigen_proto::compile_files(proto_root, &kept) {
            println!("left out {}: {e}", file.display());
            kept.pop();
        }
    }
    kept
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn workspace_manifest(runtime: &Path) -> String {
    format!(
        r#"[workspace]
resolver = "2"
members = ["models", "driver"]

[workspace.package]
edition = "2021"

[workspace.dependencies]
apigen-runtime = {{ path = "{}", default-features = false, features = ["protobuf"] }}
prost = "0.14"
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std", "clock"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_with = {{ version = "3", default-features = false, features = ["macros", "std", "base64"] }}
"#,
        runtime.display()
    )
}

const MODELS_MANIFEST: &str = r#"[package]
name = "driver-models"
version = "0.0.0"
edition.workspace = true
publish = false

[dependencies]
apigen-runtime.workspace = true
chrono.workspace = true
prost.workspace = true
serde.workspace = true
serde_json.workspace = true
serde_with.workspace = true
"#;

const DRIVER_MANIFEST: &str = r#"[package]
name = "driver"
version = "0.0.0"
edition.workspace = true
publish = false

[dependencies]
driver-models = { path = "../models" }
serde.workspace = true
serde_json.workspace = true
"#;

fn driver_main(paths: &[(String, String)]) -> String {
    let mut arms = String::new();
    for (name, path) in paths {
        let _ = writeln!(
            arms,
            "        {name:?} => round_trip::<models::{path}>(json),"
        );
    }
    format!(
        r#"//! Decodes and re-encodes JSON with the generated models: one request per stdin line.
use std::io::{{BufRead, Write}};

use driver_models as models;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Result<String, String> {{
    let value: T = serde_json::from_str(json).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| e.to_string())
}}

fn dispatch(ty: &str, json: &str) -> Result<String, String> {{
    match ty {{
{arms}        other => Err(format!("no generated type for {{other}}")),
    }}
}}

fn main() {{
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {{
        let line = line.expect("stdin");
        let request: serde_json::Value = serde_json::from_str(&line).expect("a JSON request line");
        let ty = request["type"].as_str().unwrap_or_default();
        let json = request["json"].as_str().unwrap_or_default();
        let answer = match dispatch(ty, json) {{
            Ok(text) => serde_json::json!({{"ok": text}}),
            Err(message) => serde_json::json!({{"err": message}}),
        }};
        writeln!(out, "{{answer}}").expect("stdout");
    }}
}}
"#
    )
}
