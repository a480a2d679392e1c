//! The pipeline for one configured API: spec → IR (frontend) → files (Rust backends), in memory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use apigen_ir::Api;
use apigen_rust::{GeneratedFile, Naming, Options};

use crate::config::{ApiConfig, SpecKind};
use crate::lower::Source;

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

/// An API lowered to the IR, not yet emitted (versions are planned at this point).
#[derive(Debug, Clone)]
pub struct LoweredApi {
    /// The configuration entry.
    pub config: ApiConfig,
    /// The IR the frontend produced.
    pub ir: Api,
    /// Time taken to lower.
    pub elapsed: Duration,
}

/// Lowers the API's spec to the IR with the frontend for its kind.
pub fn lower(root: &Path, api: &ApiConfig) -> Result<Api> {
    let source = root.join(&api.source);
    let files = match api.kind {
        SpecKind::Proto => proto_files_in(&source, api)?,
        SpecKind::Openapi => Vec::new(),
    };
    crate::lower::lower(api.kind, Source::protos(&source, &files))
}

/// The proto files of a proto API: those of its `package`, or those its `files` name (paths or
/// globs), below its proto root.
pub fn proto_files(root: &Path, api: &ApiConfig) -> Result<Vec<PathBuf>> {
    proto_files_in(&root.join(&api.source), api)
}

/// [`proto_files`] below the proto root `source` (a checkout of another revision, say).
pub fn proto_files_in(source: &Path, api: &ApiConfig) -> Result<Vec<PathBuf>> {
    Ok(match &api.package {
        Some(package) => apigen_proto::package_files(source, package)?,
        None => apigen_proto::resolve_files(source, &api.files)?,
    })
}

/// [`lower`], timed, keeping the configuration.
pub fn lower_api(root: &Path, api: &ApiConfig) -> Result<LoweredApi> {
    let start = Instant::now();
    let ir = lower(root, api)?;
    Ok(LoweredApi {
        config: api.clone(),
        ir,
        elapsed: start.elapsed(),
    })
}

/// Emits the crates of a lowered API (with the version its configuration carries).
pub fn emit(lowered: LoweredApi) -> Result<GeneratedApi> {
    let start = Instant::now();
    let crates = generate_crates(&lowered.ir, &lowered.config)?;
    Ok(GeneratedApi {
        config: lowered.config,
        ir: lowered.ir,
        crates,
        elapsed: lowered.elapsed + start.elapsed(),
    })
}

/// Runs the whole pipeline for one API, writing nothing.
pub fn generate(root: &Path, api: &ApiConfig) -> Result<GeneratedApi> {
    emit(lower_api(root, api)?)
}

/// The backends' output for an already-lowered API: models, client, server (and gRPC), each
/// crate emitted and formatted on its own thread ([`crate::parallel::threads`] of them).
pub fn generate_crates(ir: &Api, api: &ApiConfig) -> Result<Vec<CrateOutput>> {
    generate_crates_on(ir, api, crate::parallel::threads())
}

/// The crates an API's configuration asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrateKind {
    /// Data types.
    Models,
    /// The async client.
    Client,
    /// The axum server stub.
    Server,
    /// The tonic crate of a proto API.
    Grpc,
}

impl CrateKind {
    /// The crates of `api`, in output order.
    pub fn all(api: &ApiConfig) -> Vec<CrateKind> {
        let mut kinds = vec![CrateKind::Models, CrateKind::Client, CrateKind::Server];
        if api.grpc.is_some() {
            kinds.push(CrateKind::Grpc);
        }
        kinds
    }

    /// The crate's package name.
    pub fn name(self, api: &ApiConfig) -> &str {
        match self {
            CrateKind::Models => &api.models,
            CrateKind::Client => &api.client,
            CrateKind::Server => &api.server,
            CrateKind::Grpc => api.grpc.as_deref().unwrap_or_default(),
        }
    }

    /// The crate's files, each part printed as the backend builds it where the backend allows
    /// (the server: see [`apigen_rust::server`]; the client: [`apigen_rust::client_files`]).
    pub fn generate(
        self,
        ir: &Api,
        api: &ApiConfig,
        opts: &Options,
        naming: &Naming,
    ) -> Result<Vec<GeneratedFile>, apigen_rust::Error> {
        match self {
            CrateKind::Server => apigen_rust::server_from_shares(
                ir,
                opts,
                naming,
                vec![apigen_rust::server_share(ir, opts, naming, 0, 1)?],
            ),
            CrateKind::Client => apigen_rust::client_files(ir, opts, naming),
            _ => self.emit(ir, api, opts, naming).format(),
        }
    }

    /// The crate as its backend emits it, before formatting.
    pub fn emit(
        self,
        ir: &Api,
        api: &ApiConfig,
        opts: &Options,
        naming: &Naming,
    ) -> apigen_rust::Unformatted {
        match self {
            CrateKind::Models => apigen_rust::emit_models(ir, opts, naming),
            CrateKind::Client => apigen_rust::emit_client(ir, opts, naming),
            CrateKind::Server => apigen_rust::emit_server(ir, opts, naming),
            CrateKind::Grpc => apigen_rust::emit_grpc(ir, opts, naming, self.name(api)),
        }
    }
}

/// [`generate_crates`] on up to `threads` threads. Token streams cannot cross threads, so each
/// crate is emitted and formatted by the thread that takes it, the server (the largest) dealt
/// into shares printed on threads of their own and joined as text ([`Job`]); the crates come
/// back in output order, the same bytes whatever the thread count.
pub fn generate_crates_on(ir: &Api, api: &ApiConfig, threads: usize) -> Result<Vec<CrateOutput>> {
    generate_kinds(ir, api, &CrateKind::all(api), threads)
}

/// One job of [`generate_kinds`]: a whole crate, or a share of the server's library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Crate(CrateKind),
    ServerShare(usize),
}

/// What a [`Job`] returns.
enum Built {
    Crate(Result<Vec<GeneratedFile>, apigen_rust::Error>),
    ServerShare(Result<apigen_rust::ServerShare, apigen_rust::Error>),
}

/// Into how many shares the server's library is dealt on `threads` threads: twice as many
/// as threads (so that the shares fill up the threads the other crates leave), one on one
/// thread.
fn server_shares(threads: usize) -> usize {
    if threads > 1 {
        threads * 2
    } else {
        1
    }
}

/// [`generate_crates_on`] for the crates `kinds` only (in their output order).
pub fn generate_kinds(
    ir: &Api,
    api: &ApiConfig,
    kinds: &[CrateKind],
    threads: usize,
) -> Result<Vec<CrateOutput>> {
    let opts = options(api);
    let shares = server_shares(threads);
    // The whole crates first (the longest jobs), then the server's shares.
    let mut jobs: Vec<Job> = kinds
        .iter()
        .filter(|k| **k != CrateKind::Server)
        .map(|k| Job::Crate(*k))
        .collect();
    if kinds.contains(&CrateKind::Server) {
        jobs.extend((0..shares).map(Job::ServerShare));
    }
    // Assigned by the first job that runs (the others wait for it), once for all crates.
    let naming = std::sync::OnceLock::new();
    let naming = || naming.get_or_init(|| Naming::new(ir));
    let mut built = crate::parallel::map(jobs.clone(), threads, |job| match job {
        Job::Crate(kind) => Built::Crate(kind.generate(ir, api, &opts, naming())),
        Job::ServerShare(k) => {
            Built::ServerShare(apigen_rust::server_share(ir, &opts, naming(), k, shares))
        }
    })
    .into_iter();
    let mut crates: Vec<(CrateKind, CrateOutput)> = Vec::with_capacity(kinds.len());
    let mut server = Vec::new();
    for job in jobs {
        let (kind, files) = match (job, built.next()) {
            (Job::Crate(kind), Some(Built::Crate(files))) => (kind, files?),
            (Job::ServerShare(_), Some(Built::ServerShare(share))) => {
                server.push(share?);
                if server.len() < shares {
                    continue;
                }
                let shares = std::mem::take(&mut server);
                (
                    CrateKind::Server,
                    apigen_rust::server_from_shares(ir, &opts, naming(), shares)?,
                )
            }
            _ => anyhow::bail!("internal error: a job's result is missing or of another job"),
        };
        let name = kind.name(api).to_string();
        let dir = api.out_dir.join(&name);
        let mut files = files;
        if kind == CrateKind::Server && api.openapi {
            files.push(openapi_file(ir, &opts)?);
        }
        crates.push((kind, CrateOutput { name, dir, files }));
    }
    let order = CrateKind::all(api);
    crates.sort_by_key(|(kind, _)| order.iter().position(|k| k == kind));
    Ok(crates.into_iter().map(|(_, c)| c).collect())
}

/// Where the server crate keeps the API's OpenAPI document (codegen.toml `openapi = true`).
pub const OPENAPI_FILE: &str = "openapi.json";

/// The OpenAPI 3.1 document of an API, as a file of its server crate; JSON has no comments,
/// so the generated-file note is its `x-generated` field.
fn openapi_file(ir: &Api, opts: &Options) -> Result<GeneratedFile> {
    let note = format!(
        "@generated by `cargo xtask codegen` from {}. Do not edit by hand: change the spec and regenerate.",
        opts.source
    );
    Ok(GeneratedFile {
        path: OPENAPI_FILE.to_string(),
        contents: crate::openapi::write(ir, Some(note))?,
    })
}

/// What the backends are told about the API beyond its IR.
pub fn options(api: &ApiConfig) -> Options {
    Options {
        source: source_display(api),
        models_crate: api.models.clone(),
        client_crate: api.client.clone(),
        server_crate: api.server.clone(),
        version: api.version.clone(),
        license: api.license.clone(),
        runtime_path: Some(match &api.runtime_dir {
            Some(dir) => dir.display().to_string(),
            None => runtime_path(&api.out_dir),
        }),
        env_prefix: api.env_prefix.clone(),
    }
}

/// Where the runtime crate is, relative to the workspace root.
pub const RUNTIME_DIR: &str = "crates/runtime";

/// The path from a crate in `out_dir` (relative to the workspace root) to [`RUNTIME_DIR`].
fn runtime_path(out_dir: &Path) -> String {
    let depth = out_dir
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .count()
        + 1;
    format!("{}{RUNTIME_DIR}", "../".repeat(depth))
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
