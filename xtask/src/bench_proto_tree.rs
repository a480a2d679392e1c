//! `cargo xtask bench-proto-tree [--iterations N] ROOT`: codegen of a whole proto tree grouped
//! by package, in process and writing nothing: the tree compiled once (protox), then per
//! package the IR and every crate (models with their protobuf codec, REST client and server,
//! gRPC crate), timed apart so the cost of the gRPC face shows.
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
struct Totals {
    compile: Duration,
    lower: Duration,
    rest: Duration,
    grpc: Duration,
    rest_lines: usize,
    grpc_lines: usize,
    packages: usize,
    rpcs: usize,
    wall: Duration,
    cpu: Duration,
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

/// One package: lowered, then every crate generated on this thread, timed apart.
fn run_package(tree: &apigen_proto::CompiledTree, package: &str) -> Result<Totals> {
    let mut t = Totals::default();
    let api = config(package);
    let opts = pipeline::options(&api);
    let start = Instant::now();
    let ir = tree.lower_package(package)?;
    t.lower += start.elapsed();
    let start = Instant::now();
    let rest = [
        apigen_rust::models(&ir, &opts)?,
        apigen_rust::client(&ir, &opts)?,
        apigen_rust::server(&ir, &opts)?,
    ];
    t.rest += start.elapsed();
    let start = Instant::now();
    let grpc = apigen_rust::grpc(&ir, &opts, api.grpc.as_deref().unwrap_or("grpc"))?;
    t.grpc += start.elapsed();
    t.rest_lines += rest.iter().map(|f| lines(f)).sum::<usize>();
    t.grpc_lines += lines(&grpc);
    t.packages += 1;
    t.rpcs += ir.services.iter().map(|s| s.rpcs.len()).sum::<usize>();
    Ok(t)
}

/// The tree compiled once, then its packages on [`crate::parallel::threads`] threads; `lower`,
/// `rest` and `grpc` add the time of every package (thread time), `wall` is the whole run.
fn run_once(root: &Path) -> Result<Totals> {
    let start = Instant::now();
    let cpu_start = crate::bench_diff::cpu_time();
    let tree = apigen_proto::compile_tree(root)?;
    let compile = start.elapsed();
    let packages: Vec<&str> = tree.service_packages().into_iter().collect();
    let per_package = crate::parallel::map(packages, crate::parallel::threads(), |package| {
        run_package(&tree, package)
    });
    let mut t = Totals {
        compile,
        ..Totals::default()
    };
    for p in per_package {
        let p = p?;
        t.lower += p.lower;
        t.rest += p.rest;
        t.grpc += p.grpc;
        t.rest_lines += p.rest_lines;
        t.grpc_lines += p.grpc_lines;
        t.packages += p.packages;
        t.rpcs += p.rpcs;
    }
    t.wall = start.elapsed();
    t.cpu = crate::bench_diff::cpu_time()
        .zip(cpu_start)
        .map_or(Duration::ZERO, |(end, start)| end.saturating_sub(start));
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
        "{}: {} packages, {} rpcs; median of {iterations} runs, ms ({profile})",
        root.display(),
        last.packages,
        last.rpcs
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
        "  models+client+server crates  {:>9.1}  ({} lines; models include the protobuf codec)",
        median(|t| t.rest),
        last.rest_lines
    );
    println!(
        "  gRPC crates                  {:>9.1}  ({} lines)",
        median(|t| t.grpc),
        last.grpc_lines
    );
    println!(
        "  total, wall ({} threads)      {:>9.1}  (CPU {:.0}; the rows above add thread times)",
        crate::parallel::threads(),
        median(|t| t.wall),
        median(|t| t.cpu)
    );
    Ok(())
}
