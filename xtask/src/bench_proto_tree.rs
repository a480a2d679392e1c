//! `cargo xtask bench-proto-tree [--iterations N] ROOT`: codegen of a whole proto tree grouped
//! by package, in process and writing nothing: the tree compiled once (protox), then per
//! package the IR and every crate (models with their protobuf codec, REST client and server,
//! gRPC crate), timed apart so the cost of the gRPC face shows. The packages run on the scoped
//! threads of [`crate::parallel`] (`APIGEN_THREADS`), so the phase columns add up the time of
//! every thread and the `wall` and `CPU` lines are what a run took.
//!
//! For figures worth comparing, run it in release mode:
//! `cargo run --release -p xtask -- bench-proto-tree ../shared/corpus/proto`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::config::{ApiConfig, SpecKind};
use crate::pipeline;

const USAGE: &str = "usage: cargo xtask bench-proto-tree [--iterations N] ROOT";

/// One run's totals over every package.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    /// Compiling the tree (protox).
    pub compile: Duration,
    /// Lowering every package to the IR.
    pub lower: Duration,
    /// The models crates (with their protobuf codec).
    pub models: Duration,
    /// The REST client and server crates.
    pub rest: Duration,
    /// The gRPC crates.
    pub grpc: Duration,
    /// Lines of the models crates.
    pub models_lines: usize,
    /// Lines of the REST client and server crates.
    pub rest_lines: usize,
    /// Lines of the gRPC crates.
    pub grpc_lines: usize,
    /// Packages with services.
    pub packages: usize,
    /// Rpcs of those packages.
    pub rpcs: usize,
    /// The whole run, start to end.
    pub wall: Duration,
    /// CPU time of the process over the run (all threads; 10 ms ticks), when known.
    pub cpu: Duration,
}

impl Totals {
    /// Adds one package's figures.
    fn add(&mut self, p: &Totals) {
        self.lower += p.lower;
        self.models += p.models;
        self.rest += p.rest;
        self.grpc += p.grpc;
        self.models_lines += p.models_lines;
        self.rest_lines += p.rest_lines;
        self.grpc_lines += p.grpc_lines;
        self.packages += p.packages;
        self.rpcs += p.rpcs;
    }
}

fn config(package: &str) -> ApiConfig {
    let stem = package.replace('.', "-");
    ApiConfig {
        name: stem.clone(),
        kind: SpecKind::Proto,
        source: PathBuf::new(),
        files: Vec::new(),
        package: Some(package.to_string()),
        grpc: Some(format!("{stem}-grpc")),
        models: format!("{stem}-models"),
        client: format!("{stem}-client"),
        server: format!("{stem}-server"),
        out_dir: PathBuf::from("target/bench"),
        version: "0.1.0".into(),
        license: "Apache-2.0".into(),
        env_prefix: None,
        openapi: false,
        runtime_dir: None,
    }
}

fn lines(files: &[apigen_rust::GeneratedFile]) -> usize {
    files.iter().map(|f| f.contents.lines().count()).sum()
}

/// Generates every crate of every package of the tree at `root` once, in memory, the packages
/// on [`crate::parallel::threads`] threads.
pub fn run_once(root: &Path) -> Result<Totals> {
    let mut t = Totals::default();
    let cpu_start = crate::bench_diff::cpu_time();
    let run_start = Instant::now();
    let start = Instant::now();
    let tree = apigen_proto::compile_tree(root)?;
    t.compile = start.elapsed();
    let packages = tree.service_packages();
    let done = crate::parallel::map(packages, crate::parallel::threads(), |package| {
        package_once(&tree, package)
    });
    for package in done {
        t.add(&package?);
    }
    t.wall = run_start.elapsed();
    t.cpu = crate::bench_diff::cpu_time()
        .zip(cpu_start)
        .map(|(end, start)| end.saturating_sub(start))
        .unwrap_or_default();
    Ok(t)
}

/// Lowers one package of `tree` and generates its crates.
fn package_once(tree: &apigen_proto::CompiledTree, package: &str) -> Result<Totals> {
    let mut t = Totals::default();
    {
        let api = config(package);
        let opts = pipeline::options(&api);
        let start = Instant::now();
        let ir = tree.lower_package(package)?;
        t.lower += start.elapsed();
        let start = Instant::now();
        let naming = apigen_rust::Naming::new(&ir);
        let models = apigen_rust::emit_models(&ir, &opts, &naming).format()?;
        t.models += start.elapsed();
        let start = Instant::now();
        let rest = [
            apigen_rust::client_files(&ir, &opts, &naming)?,
            apigen_rust::server_from_shares(
                &ir,
                &opts,
                &naming,
                vec![apigen_rust::server_share(&ir, &opts, &naming, 0, 1)?],
            )?,
        ];
        t.rest += start.elapsed();
        t.models_lines += lines(&models);
        let start = Instant::now();
        let grpc_crate = api.grpc.as_deref().unwrap_or("grpc");
        let grpc = apigen_rust::emit_grpc(&ir, &opts, &naming, grpc_crate).format()?;
        t.grpc += start.elapsed();
        t.rest_lines += rest.iter().map(|f| lines(f)).sum::<usize>();
        t.grpc_lines += lines(&grpc);
        t.packages += 1;
        t.rpcs += ir.services.iter().map(|s| s.rpcs.len()).sum::<usize>();
    }
    Ok(t)
}

/// Runs the benchmark and prints medians.
pub fn run(args: &[String]) -> Result<()> {
    let mut iterations = 5usize;
    let mut root = None;
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
            other if other.starts_with('-') => bail!("unknown argument `{other}`\n{USAGE}"),
            other => root = Some(PathBuf::from(other)),
        }
    }
    let Some(root) = root else { bail!("{USAGE}") };
    let mut runs = Vec::new();
    for _ in 0..iterations {
        runs.push(run_once(&root)?);
    }
    let median = |f: fn(&Totals) -> Duration| {
        let mut v: Vec<Duration> = runs.iter().map(f).collect();
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    let last = runs[runs.len() - 1];
    let profile = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    println!(
        "{}: {} packages, {} rpcs; median of {iterations} runs, ms ({profile}; {} threads, APIGEN_THREADS)",
        root.display(),
        last.packages,
        last.rpcs,
        crate::parallel::threads()
    );
    println!(
        "  compile tree once (protox)   {:>9.1}",
        median(|t| t.compile)
    );
    println!(
        "  lower packages to the IR     {:>9.1}",
        median(|t| t.lower)
    );
    println!(
        "  models crates                {:>9.1}  ({} lines, incl. the protobuf codec)",
        median(|t| t.models),
        last.models_lines
    );
    println!(
        "  REST client+server crates    {:>9.1}  ({} lines)",
        median(|t| t.rest),
        last.rest_lines
    );
    println!(
        "  gRPC crates                  {:>9.1}  ({} lines)",
        median(|t| t.grpc),
        last.grpc_lines
    );
    println!(
        "  sum of the above             {:>9.1}",
        median(|t| t.compile + t.lower + t.models + t.rest + t.grpc)
    );
    println!("  wall (the whole run)         {:>9.1}", median(|t| t.wall));
    println!("  CPU (all threads)            {:>9.1}", median(|t| t.cpu));
    Ok(())
}
