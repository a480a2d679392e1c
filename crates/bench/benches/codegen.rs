//! Codegen in process, writing nothing: `cargo bench -p apigen-bench --bench codegen`.
//!
//! - `codegen/all-configured`: every API of `codegen.toml` through the whole pipeline
//!   (`xtask::pipeline::generate`: spec → IR → formatted text), one after the other;
//! - `codegen/API/total` and `codegen/API/{parse,lower,emit,format}` for each configured API
//!   and for `../shared/corpus/openapi/ionos-cloudapi-v6.yaml` (skipped, saying so, when
//!   `../shared` is absent).
//!
//! Ends with a table of the medians. Peak memory is measured apart, in its own process:
//! `cargo run --release -p xtask -- bench-codegen` (see docs/benchmarks.md).

use std::path::Path;
use std::time::Duration;

use apigen_bench::summary::{human, load_average, median_ns};
use criterion::{BatchSize, Criterion, SamplingMode};
use xtask::bench_codegen as phases;
use xtask::config::{ApiConfig, Config};
use xtask::pipeline;

const PHASES: [&str; 5] = ["parse", "lower", "emit", "format", "total"];

fn bench_api(c: &mut Criterion, root: &Path, api: &ApiConfig, large: bool) {
    let mut g = c.benchmark_group(format!("codegen/{}", api.name));
    if large {
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
    }
    g.bench_function("total", |b| {
        b.iter(|| pipeline::generate(root, api).expect("codegen"))
    });
    g.bench_function("parse", |b| {
        b.iter(|| phases::parse(root, api).expect("parse"))
    });
    let parsed = phases::parse(root, api).expect("parse");
    g.bench_function("lower", |b| b.iter(|| parsed.lower().expect("lower")));
    let ir = parsed.lower().expect("lower");
    drop(parsed);
    g.bench_function("emit", |b| b.iter(|| phases::emit(&ir, api)));
    g.bench_function("format", |b| {
        b.iter_batched(
            || phases::emit(&ir, api),
            |emitted| phases::format(emitted).expect("format"),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let root = apigen_bench::workspace_root();
    let config = Config::load(&root.join("codegen.toml")).expect("codegen.toml");
    println!("load average before: {}", load_average());

    c.bench_function("codegen/all-configured", |b| {
        b.iter(|| {
            for api in &config.apis {
                pipeline::generate(&root, api).expect("codegen");
            }
        })
    });
    let mut apis: Vec<(ApiConfig, bool)> = config.apis.iter().map(|a| (a.clone(), false)).collect();
    match apigen_bench::cloudapi_v6_spec() {
        Some(path) => apis.push((phases::openapi_file(&path), true)),
        None => println!(
            "skipping ionos-cloudapi-v6: ../shared/corpus/openapi/ionos-cloudapi-v6.yaml is absent"
        ),
    }
    for (api, large) in &apis {
        bench_api(&mut c, &root, api, *large);
    }
    c.final_summary();

    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!("\nload average after: {}", load_average());
    println!("medians (criterion):");
    if let Some(all) = median_ns("codegen/all-configured", "") {
        println!("  all configured APIs: {}", human(all));
    }
    println!(
        "  {:<22} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "api", PHASES[0], PHASES[1], PHASES[2], PHASES[3], PHASES[4]
    );
    for (api, _) in &apis {
        let group = format!("codegen/{}", api.name);
        let cells: Vec<String> = PHASES
            .iter()
            .map(|p| median_ns(&group, p).map_or("-".to_string(), human))
            .collect();
        println!(
            "  {:<22} {:>10} {:>10} {:>10} {:>10} {:>10}",
            api.name, cells[0], cells[1], cells[2], cells[3], cells[4]
        );
    }
}
