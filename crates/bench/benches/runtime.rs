//! The generated IONOS Auth client calling the generated server (the reference
//! implementation's handler logic) over 127.0.0.1, against hand-written reqwest + axum code
//! calling the same handler logic: `cargo bench -p apigen-bench --bench runtime`.
//!
//! First a load loop prints requests/s, p50/p99 latency and CPU per request of both stacks
//! (sequential and concurrent, alternating rounds, medians; `APIGEN_BENCH_ROUNDS`,
//! `APIGEN_BENCH_CYCLES`, `APIGEN_BENCH_CONCURRENCY` change its size), then criterion times
//! one cycle (create, list, get, delete) of each stack. `APIGEN_BENCH_MIXED=1` adds the mixed
//! stacks, `APIGEN_BENCH_ONLY=LABEL` keeps one (for profiling). In test mode
//! (`cargo test --benches`) the loop is a smoke run.

use std::time::{Duration, Instant};

use apigen_bench::load::{self, LoadConfig};
use apigen_bench::stack::{self, Kind};
use apigen_bench::summary::{human, load_average, median_ns};
use criterion::Criterion;

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let (generated, baseline) = rt.block_on(async {
        (
            stack::start(Kind::Generated)
                .await
                .expect("generated server"),
            stack::start(Kind::Baseline).await.expect("baseline server"),
        )
    });
    // APIGEN_BENCH_MIXED=1 adds the mixed stacks (generated client + hand-written server and
    // the reverse), which tell the client's share of a difference from the server's.
    let mut stacks = vec![generated.clone(), baseline.clone()];
    if std::env::var_os("APIGEN_BENCH_MIXED").is_some_and(|v| v != "0") {
        rt.block_on(async {
            for (server, client) in [
                (Kind::Baseline, Kind::Generated),
                (Kind::Generated, Kind::Baseline),
            ] {
                stacks.push(stack::start_mixed(server, client).await.expect("server"));
            }
        });
    }

    // APIGEN_BENCH_ONLY=LABEL keeps one stack (`generated`, `baseline`, …): for profiling.
    if let Ok(only) = std::env::var("APIGEN_BENCH_ONLY") {
        stacks.retain(|s| s.label() == only);
    }

    let config = if bench_mode {
        LoadConfig::full()
    } else {
        LoadConfig::smoke()
    };
    println!("load average before: {}", load_average());
    let refs: Vec<&stack::Stack> = stacks.iter().collect();
    let report = rt.block_on(load::run(&refs, &config)).expect("load run");
    println!("{}", report.table());
    println!("load average after the load loop: {}", load_average());

    let mut g = c.benchmark_group("runtime/cycle");
    for s in &stacks {
        // The cycles of a sample run inside one `block_on`, as in the load loop.
        g.bench_function(s.label(), |b| {
            b.iter_custom(|cycles| {
                rt.block_on(async {
                    let start = Instant::now();
                    for _ in 0..cycles {
                        s.caller.cycle().await.expect("cycle");
                    }
                    start.elapsed()
                })
            })
        });
    }
    g.finish();
    c.final_summary();
    for s in &stacks {
        assert_eq!(s.mock.token_count(), 0, "every cycle deletes its token");
    }

    if bench_mode {
        let g = median_ns("runtime/cycle", "generated");
        let b = median_ns("runtime/cycle", "baseline");
        if let (Some(g), Some(b)) = (g, b) {
            println!(
                "\nmedian of one cycle (4 requests), criterion: generated {}, baseline {}, ratio {:.3}",
                human(g),
                human(b),
                g / b
            );
        }
    }
}
