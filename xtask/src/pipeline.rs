//! The pipeline for one configured API: spec → IR (frontend) → files (Rust backends), in memory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use apigen_ir::Api;
use apigen_rust::{GeneratedFile, Options};

use crate::config::{ApiConfig, SpecKind};

/// The files of one generated crate.
#[derive(Debug, Clone)]
pub struct CrateOutput {
    /// The crate's package name.
    pub name: String,
    /// Its directory, relative to the workspace root.
    pub dir: PathBuf,
    /// Its files, relative to `dir`.
    pub files: Vec<GeneratedFile>,
}

/// Everything generated for one API.
#[derive(Debug, Clone)]
pub struct GeneratedApi {
    /// The configuration entry.
    pub config: ApiConfig,
    /// The IR the frontend produced.
    pub ir: Api,
    /// The crates: models, client, server.
    pub crates: Vec<CrateOutput>,
    /// Time taken to lower and generate.
    pub elapsed: Duration,
}

/// Lowers the API's spec to the IR with the frontend for its kind.
pub fn lower(root: &Path, api: &ApiConfig) -> Result<Api> {
    let source = root.join(&api.source);
    Ok(match api.kind {
        SpecKind::Openapi => apigen_openapi::load(&source)?,
        SpecKind::Proto => apigen_proto::load_files(&source, &proto_files(root, api)?)?,
    })
}

/// The proto files of a proto API: those of its `package`, or those its `files` name.
pub fn proto_files(root: &Path, api: &ApiConfig) -> Result<Vec<PathBuf>> {
    let source = root.join(&api.source);
    Ok(match &api.package {
        Some(package) => apigen_proto::package_files(&source, package)?,
        None => apigen_proto::resolve_files(&source, &api.files)?,
    })
}

/// Runs the whole pipeline for one API, writing nothing.
pub fn generate(root: &Path, api: &ApiConfig) -> Result<GeneratedApi> {
    let start = Instant::now();
    let ir = lower(root, api)?;
    let crates = generate_crates(&ir, api)?;
    Ok(GeneratedApi {
        config: api.clone(),
        ir,
        crates,
        elapsed: start.elapsed(),
    })
}

/// The backends' output for an already-lowered API.
pub fn generate_crates(ir: &Api, api: &ApiConfig) -> Result<Vec<CrateOutput>> {
    let opts = options(api);
    let out = |name: &str, files| CrateOutput {
        name: name.to_string(),
        dir: api.out_dir.join(name),
        files,
    };
    let mut crates = vec![
        out(&api.models, apigen_rust::models(ir, &opts)?),
        out(&api.client, apigen_rust::client(ir, &opts)?),
        out(&api.server, apigen_rust::server(ir, &opts)?),
    ];
    if let Some(grpc) = &api.grpc {
        crates.push(out(grpc, apigen_rust::grpc(ir, &opts, grpc)?));
    }
    Ok(crates)
}

/// What the backends are told about the API beyond its IR.
pub fn options(api: &ApiConfig) -> Options {
    Options {
        source: source_display(api),
        models_crate: api.models.clone(),
        client_crate: api.client.clone(),
        server_crate: api.server.clone(),
        version: api.version.clone(),
    }
}

/// How the spec is named in file headers: a path with `/` separators on every platform.
fn source_display(api: &ApiConfig) -> String {
    let mut s = slash(&api.source);
    if api.kind == SpecKind::Proto {
        let files: Vec<String> = api.files.iter().map(|f| slash(f)).collect();
        s = match &api.package {
            Some(package) => format!("{s} (package {package})"),
            None => format!("{s} ({})", files.join(", ")),
        };
    }
    s
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
