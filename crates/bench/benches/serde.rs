//! serde JSON encode and decode of a `Tokens` list of 1,000 tokens: the generated model
//! (`ionos_auth_models::Tokens`) against plain hand-written structs of the same wire format
//! (`apigen_bench::baseline::models::Tokens`): `cargo bench -p apigen-bench --bench serde`.

use apigen_bench::baseline::models as hand;
use apigen_bench::summary::{human, load_average, median_ns};
use criterion::{Criterion, Throughput};

const GROUP: &str = "serde/tokens-1000";

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
        println!("\nmedians (criterion), generated / baseline:");
        for op in ["encode", "decode"] {
            let g = median_ns(GROUP, &format!("{op}/generated"));
            let b = median_ns(GROUP, &format!("{op}/baseline"));
            if let (Some(g), Some(b)) = (g, b) {
                println!("  {op}: {} / {}  ratio {:.3}", human(g), human(b), g / b);
            }
        }
    }
}
