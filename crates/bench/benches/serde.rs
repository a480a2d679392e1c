//! serde JSON encode and decode of a `Tokens` list of 1,000 tokens: the generated model
//! (`ionos_auth_models::Tokens`) against plain hand-written structs of the same wire format
//! (`apigen_bench::baseline::models::Tokens`): `cargo bench -p apigen-bench --bench serde`.
//!
//! Criterion measures each of the four one after the other; an interleaved loop then
//! alternates generated and baseline round by round, so that a change of load on the machine
//! does not decide the ratio.

use std::hint::black_box;
use std::time::{Duration, Instant};

use apigen_bench::baseline::models as hand;
use apigen_bench::summary::{human, load_average, median_ns};
use criterion::{Criterion, Throughput};

const GROUP: &str = "serde/tokens-1000";

/// Time per call of `f`, over `n` calls.
fn per_call(n: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed() / n
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// An operation's name, its generated version and its baseline version.
type Pair<'a> = (&'a str, &'a dyn Fn(), &'a dyn Fn());

/// Generated and baseline in alternating rounds (the order flips every round), so that a
/// change of machine load hits both: medians of the per-call times and of the per-round
/// ratios.
fn interleaved(rounds: usize, n: u32, ops: [Pair<'_>; 2]) {
    println!("interleaved: {rounds} rounds of {n} calls each, medians");
    for (name, generated, baseline) in ops {
        let (mut g, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (tg, tb) = if round % 2 == 0 {
                let tg = per_call(n, generated);
                (tg, per_call(n, baseline))
            } else {
                let tb = per_call(n, baseline);
                (per_call(n, generated), tb)
            };
            g.push(tg.as_secs_f64() * 1e9);
            b.push(tb.as_secs_f64() * 1e9);
            r.push(tg.as_secs_f64() / tb.as_secs_f64());
        }
        println!(
            "  {name}: generated {} / baseline {}  ratio {:.3}",
            human(median(g)),
            human(median(b)),
            median(r)
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let generated = apigen_bench::sample_tokens(1000);
    let bytes = serde_json::to_vec(&generated).expect("encode");
    let baseline: hand::Tokens = serde_json::from_slice(&bytes).expect("decode");
    assert_eq!(
        serde_json::to_vec(&baseline).expect("encode"),
        bytes,
        "both encode to the same JSON"
    );
    println!(
        "load average before: {}; {} bytes of JSON",
        load_average(),
        bytes.len()
    );

    let mut g = c.benchmark_group(GROUP);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("encode/generated", |b| {
        b.iter(|| serde_json::to_vec(&generated).expect("encode"))
    });
    g.bench_function("encode/baseline", |b| {
        b.iter(|| serde_json::to_vec(&baseline).expect("encode"))
    });
    g.bench_function("decode/generated", |b| {
        b.iter(|| serde_json::from_slice::<ionos_auth_models::Tokens>(&bytes).expect("decode"))
    });
    g.bench_function("decode/baseline", |b| {
        b.iter(|| serde_json::from_slice::<hand::Tokens>(&bytes).expect("decode"))
    });
    g.finish();
    c.final_summary();

    if std::env::args().any(|a| a == "--bench") {
        interleaved(
            21,
            200,
            [
                (
                    "encode",
                    &|| {
                        black_box(serde_json::to_vec(black_box(&generated)).expect("encode"));
                    },
                    &|| {
                        black_box(serde_json::to_vec(black_box(&baseline)).expect("encode"));
                    },
                ),
                (
                    "decode",
                    &|| {
                        black_box(
                            serde_json::from_slice::<ionos_auth_models::Tokens>(black_box(&bytes))
                                .expect("decode"),
                        );
                    },
                    &|| {
                        black_box(
                            serde_json::from_slice::<hand::Tokens>(black_box(&bytes))
                                .expect("decode"),
                        );
                    },
                ),
            ],
        );
        println!("medians (criterion), generated / baseline:");
        for op in ["encode", "decode"] {
            let g = median_ns(GROUP, &format!("{op}/generated"));
            let b = median_ns(GROUP, &format!("{op}/baseline"));
            if let (Some(g), Some(b)) = (g, b) {
                println!("  {op}: {} / {}  ratio {:.3}", human(g), human(b), g / b);
            }
        }
    }
}
