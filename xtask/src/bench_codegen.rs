//! `cargo xtask bench-codegen [--iterations N] [API|OPENAPI-FILE]...`: the codegen pipeline,
//! in process and writing nothing, timed phase by phase, with the peak memory of the process.
//!
//! Each run is the pipeline as `cargo xtask codegen` runs it ([`crate::pipeline::generate`]):
//!
//! - **parse**: the spec into a typed document (OpenAPI: read the file, YAML/JSON syntax, the
//!   pre-pass, typed deserialization; proto: protox compiles the files and their imports);
//! - **lower**: the document to the IR ([`apigen_ir::Api`]);
//! - **emit**: the IR to the token streams and manifests of the three crates
//!   ([`apigen_rust::emit_models`] and friends);
//! - **format**: the token streams to text (`syn` parses them, `prettyplease` prints them).
//!
//! Emit and format run crate by crate on [`crate::parallel::threads`] threads
//! (`APIGEN_THREADS`); their wall time together is the **backends** column. After the peak
//! memory is read, the same runs are repeated with emit and format one after the other on one
//! thread, to show what each costs alone (those columns do not add up to the total).
//!
//! Run it in release mode for figures worth comparing (`docs/benchmarks.md`):
//! `cargo run --release -p xtask -- bench-codegen ../shared/corpus/openapi/ionos-cloudapi-v6.yaml`.
//! The criterion benchmarks of `crates/bench` use the same functions.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use apigen_ir::Api;
use apigen_rust::{GeneratedFile, Unformatted};

use crate::config::{ApiConfig, Config, SpecKind};
use crate::lower::Source;
use crate::pipeline;

pub use crate::lower::Parsed;

/// The parse phase: reads the API's spec into a typed document (proto: compiles the files).
pub fn parse(root: &Path, api: &ApiConfig) -> Result<Parsed> {
    let source = root.join(&api.source);
    let files = match api.kind {
        SpecKind::Proto => pipeline::proto_files(root, api)?,
        SpecKind::Openapi => Vec::new(),
    };
    crate::lower::parse(api.kind, Source::protos(&source, &files))
}

/// The emit phase: the models, client and server crates (and the gRPC crate when configured)
/// as token streams and manifests, one after the other.
pub fn emit(ir: &Api, api: &ApiConfig) -> Vec<Unformatted> {
    let opts = pipeline::options(api);
    let naming = apigen_rust::Naming::new(ir);
    pipeline::CrateKind::all(api)
        .into_iter()
        .map(|kind| kind.emit(ir, api, &opts, &naming))
        .collect()
}

/// The format phase: every emitted crate's files as text, one after the other.
pub fn format(emitted: Vec<Unformatted>) -> Result<Vec<Vec<GeneratedFile>>> {
    emitted
        .into_iter()
        .map(|crate_| Ok(crate_.format()?))
        .collect()
}

/// A configuration for an OpenAPI file that `codegen.toml` does not list (crates named after
/// the file's stem; nothing is written, so the output directory does not matter).
pub fn openapi_file(path: &Path) -> ApiConfig {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "spec".to_string());
    ApiConfig {
        name: stem.clone(),
        kind: SpecKind::Openapi,
        source: path.to_path_buf(),
        files: Vec::new(),
        package: None,
        grpc: None,
        models: format!("{stem}-models"),
        client: format!("{stem}-client"),
        server: format!("{stem}-server"),
        out_dir: PathBuf::from("target/bench"),
        version: "0.1.0".to_string(),
        license: "Apache-2.0".into(),
        env_prefix: None,
        openapi: false,
        runtime_dir: None,
    }
}

/// How long each phase took in one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Phases {
    /// Spec → typed document.
    pub parse: Duration,
    /// Document → IR.
    pub lower: Duration,
    /// IR → text of every crate, crates in parallel (emit and format), as codegen runs it.
    pub backends: Duration,
    /// CPU time of the process over parse, lower and backends (all threads; 10 ms ticks),
    /// when known.
    pub cpu: Option<Duration>,
    /// IR → token streams, one crate after the other (the breakdown pass).
    pub emit: Duration,
    /// Token streams → text, one crate after the other (the breakdown pass).
    pub format: Duration,
}

impl Phases {
    /// What codegen takes: parse, lower and the backends.
    pub fn total(&self) -> Duration {
        self.parse + self.lower + self.backends
    }
}

/// What one run produced, for the table.
#[derive(Debug, Clone, Default)]
pub struct RunOutput {
    /// Operations in the IR.
    pub operations: usize,
    /// Types in the IR.
    pub types: usize,
    /// Lines of generated text (all files of the three crates).
    pub lines: usize,
    /// Bytes of generated text.
    pub bytes: usize,
    /// A hash of every generated file's path and contents, to see at a glance that two builds
    /// of the generator wrote the same bytes (`std`'s SipHash with fixed keys).
    pub fingerprint: u64,
}

/// Runs the pipeline once as codegen does (parse, lower, the crates in parallel), timing each
/// step; `emit` and `format` stay zero (see [`breakdown`]).
pub fn run_once(root: &Path, api: &ApiConfig) -> Result<(Phases, RunOutput)> {
    let cpu_start = crate::bench_diff::cpu_time();
    let t = Instant::now();
    let parsed = parse(root, api)?;
    let parse_time = t.elapsed();
    let t = Instant::now();
    let ir = parsed.lower()?;
    let lower_time = t.elapsed();
    drop(parsed);
    let t = Instant::now();
    let crates = pipeline::generate_crates(&ir, api)?;
    let backends = t.elapsed();
    let cpu = crate::bench_diff::cpu_time()
        .zip(cpu_start)
        .map(|(end, start)| end.saturating_sub(start));
    let files = crates.iter().flat_map(|c| &c.files);
    let mut hasher = std::hash::DefaultHasher::new();
    for file in files.clone() {
        std::hash::Hash::hash(&(&file.path, &file.contents), &mut hasher);
    }
    let output = RunOutput {
        operations: ir.operations().count(),
        types: ir.types.len(),
        lines: files.clone().map(|f| f.contents.lines().count()).sum(),
        bytes: files.map(|f| f.contents.len()).sum(),
        fingerprint: std::hash::Hasher::finish(&hasher),
    };
    let phases = Phases {
        parse: parse_time,
        lower: lower_time,
        backends,
        cpu,
        ..Phases::default()
    };
    Ok((phases, output))
}

/// The backends one after the other on this thread: (emit, format) of every crate.
pub fn breakdown(root: &Path, api: &ApiConfig) -> Result<(Duration, Duration)> {
    let ir = parse(root, api)?.lower()?;
    let t = Instant::now();
    let emitted = emit(&ir, api);
    let emit_time = t.elapsed();
    let t = Instant::now();
    format(emitted)?;
    Ok((emit_time, t.elapsed()))
}

/// A field of `/proc/self/status` in KiB (`VmHWM`: peak resident set, `VmRSS`: current).
pub fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak resident set (`VmHWM`) to the current one; false where Linux does not
/// allow it (then the peak is the whole process's).
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

const USAGE: &str = "usage: cargo xtask bench-codegen [--iterations N] [API|OPENAPI-FILE]...";

/// Runs the benchmark: each named API of `codegen.toml` (all of them when none is named) or
/// OpenAPI file, `N` times (default 10), and prints a table of medians.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut iterations = 10usize;
    let mut names = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--iterations" | "-n" => {
                iterations = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .with_context(|| format!("--iterations needs a positive number\n{USAGE}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with('-') => bail!("unknown argument `{other}`\n{USAGE}"),
            other => names.push(other.to_string()),
        }
    }
    let config = Config::load(&root.join("codegen.toml"))?;
    let apis: Vec<ApiConfig> = if names.is_empty() {
        config.apis.clone()
    } else {
        names
            .iter()
            .map(|name| match config.apis.iter().find(|a| &a.name == name) {
                Some(api) => Ok(api.clone()),
                None if Path::new(name).is_file() => Ok(openapi_file(Path::new(name))),
                None => bail!("`{name}` is neither an API of codegen.toml nor a file\n{USAGE}"),
            })
            .collect::<Result<_>>()?
    };
    let profile = if cfg!(debug_assertions) {
        "debug build: run with `cargo run --release -p xtask -- bench-codegen` for real figures"
    } else {
        "release build"
    };
    println!(
        "codegen in process, no files written; median (min) of {iterations} runs, ms; {profile}; {} threads (APIGEN_THREADS)",
        crate::parallel::threads()
    );
    println!(
        "{:<22} {:>4} {:>5} {:>7} {:>15} {:>15} {:>15} {:>15} {:>15} {:>15} {:>6} {:>7} {:>9}  {:<16}",
        "api",
        "ops",
        "types",
        "lines",
        "parse",
        "lower",
        "backends",
        "total",
        "(emit alone)",
        "(format alone)",
        "CPU",
        "÷parse",
        "peak RSS",
        "output hash"
    );
    let mut sum_of_medians = Duration::ZERO;
    let mut parse_peaks = Vec::new();
    for api in &apis {
        // The parse phase alone first, before the runs leave the allocator holding memory.
        reset_peak_rss();
        let before = proc_status_kib("VmRSS").unwrap_or(0);
        drop(parse(root, api)?);
        let parse_peak = proc_status_kib("VmHWM").unwrap_or(0);
        parse_peaks.push((api.name.clone(), before, parse_peak));
        let reset = reset_peak_rss();
        let mut runs = Vec::with_capacity(iterations);
        let mut output = RunOutput::default();
        for _ in 0..iterations {
            let (phases, out) = run_once(root, api)?;
            runs.push(phases);
            output = out;
        }
        let peak = proc_status_kib("VmHWM").unwrap_or(0);
        for run in &mut runs {
            (run.emit, run.format) = breakdown(root, api)?;
        }
        let stat = |f: fn(&Phases) -> Duration| {
            let mut v: Vec<Duration> = runs.iter().map(f).collect();
            v.sort();
            (v[v.len() / 2], v[0])
        };
        let cell = |f: fn(&Phases) -> Duration| {
            let (median, min) = stat(f);
            format!("{:.1} ({:.1})", ms(median), ms(min))
        };
        sum_of_medians += stat(|p| p.total()).0;
        let mut cpu: Vec<Duration> = runs.iter().filter_map(|p| p.cpu).collect();
        cpu.sort();
        let cpu = cpu
            .get(cpu.len() / 2)
            .map_or("?".to_string(), |c| format!("{:.0}", ms(*c)));
        // Total over parse, each the median of its runs: how far above the parse floor.
        let ratio = ms(stat(|p| p.total()).0) / ms(stat(|p| p.parse).0).max(1e-9);
        println!(
            "{:<22} {:>4} {:>5} {:>7} {:>15} {:>15} {:>15} {:>15} {:>15} {:>15} {:>6} {:>6.2}× {:>6} MB{}  {:016x}",
            api.name,
            output.operations,
            output.types,
            output.lines,
            cell(|p| p.parse),
            cell(|p| p.lower),
            cell(|p| p.backends),
            cell(|p| p.total()),
            cell(|p| p.emit),
            cell(|p| p.format),
            cpu,
            ratio,
            peak / 1024,
            if reset { "" } else { " (process)" },
            output.fingerprint,
        );
    }
    for (name, before, peak) in parse_peaks {
        println!(
            "{name}: peak RSS of the parse alone {} MB ({} MB before it)",
            peak / 1024,
            before / 1024
        );
    }
    if apis.len() > 1 {
        println!(
            "all {} APIs: {:.1} ms (sum of the medians)",
            apis.len(),
            ms(sum_of_medians)
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
