//! The generated gRPC crate against plain tonic-build output for the same proto, in the same
//! run: `cargo bench -p apigen-bench --bench grpc`.
//!
//! 1. **Calls**: spec/cloudforet's identity `Token.issue` over 127.0.0.1, the generated
//!    `cloudforet-identity-grpc` client calling its server, and tonic-prost-build's client
//!    calling its server (build.rs generates it from protox's descriptors; no protoc). Both
//!    servers run the same handler logic. Rounds alternate the order of the stacks; each round
//!    measures, per stack with a new connection, sequential calls (latency p50/p99) and
//!    concurrent calls (throughput, p99 under load) and the CPU time of the process per call.
//!    Medians over rounds, and the median of the per-round ratios generated / tonic-build
//!    (for throughput tonic-build / generated, so that ≤ 1.05 means "at most 5 % worse").
//! 2. **Codegen**: the whole `../shared/corpus/proto` tree (skipped with a message when
//!    absent): apigen (protox once, IR, models with their codec + gRPC crates; REST crates
//!    timed apart) against tonic-prost-build (protox, prost messages + tonic client/server,
//!    files written), alternating, medians.
//!
//! `APIGEN_BENCH_ROUNDS`, `APIGEN_BENCH_CALLS`, `APIGEN_BENCH_CONCURRENCY`,
//! `APIGEN_BENCH_CODEGEN_RUNS` change the sizes; `APIGEN_BENCH_PROTO_ROOT` the proto tree. In test mode (`cargo test --benches`) it is a
//! smoke run (a few calls; codegen of spec/cloudforet only).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use apigen_bench::load::{percentile, process_cpu_time};
use apigen_bench::summary::load_average;
use apigen_bench::workspace_root;
use serde_json::Value;
use tonic::transport::Channel;
use tonic::{Request, Response, Status};

/// tonic-prost-build's output for spec/cloudforet (build.rs).
#[allow(clippy::all, clippy::pedantic, missing_docs, dead_code)]
mod baseline {
    include!(concat!(env!("OUT_DIR"), "/tonic_baseline.rs"));
}

use baseline::spaceone::api::identity::v2 as tb;
use cloudforet_identity_grpc::models as ours;

const DOMAIN: &str = "domain-1";
const USER: &str = "alice";
const PASSWORD: &str = "secret";

/// The handler logic both servers share: LOCAL credentials of the one user give tokens that
/// name the domain and the user.
fn issue(domain: &str, user: Option<&str>, password: Option<&str>) -> Result<[String; 2], Status> {
    match (user, password) {
        (Some(USER), Some(PASSWORD)) if domain == DOMAIN => Ok([
            format!("access:{domain}:{USER}"),
            format!("refresh:{domain}:{USER}"),
        ]),
        _ => Err(Status::unauthenticated("ERROR_AUTHENTICATE_FAILURE: wrong credentials")),
    }
}

struct Generated;

impl cloudforet_identity_grpc::server::Token for Generated {
    async fn issue(
        &self,
        request: Request<ours::IssueTokenRequest>,
    ) -> Result<Response<ours::TokenInfo>, Status> {
        let r = request.into_inner();
        let creds = r.credentials.unwrap_or_default();
        let text = |k: &str| creds.get(k).and_then(Value::as_str);
        let [access_token, refresh_token] = issue(&r.domain_id, text("user_id"), text("password"))?;
        Ok(Response::new(ours::TokenInfo {
            access_token,
            refresh_token,
        }))
    }
}

struct Baseline;

#[tonic::async_trait]
impl tb::token_server::Token for Baseline {
    async fn issue(
        &self,
        request: Request<tb::IssueTokenRequest>,
    ) -> Result<Response<tb::TokenInfo>, Status> {
        use prost_types::value::Kind;
        let r = request.into_inner();
        let creds = r.credentials.unwrap_or_default();
        let text = |k: &str| match creds.fields.get(k).and_then(|v| v.kind.as_ref()) {
            Some(Kind::StringValue(s)) => Some(s.as_str()),
            _ => None,
        };
        let [access_token, refresh_token] = issue(&r.domain_id, text("user_id"), text("password"))?;
        Ok(Response::new(tb::TokenInfo {
            access_token,
            refresh_token,
        }))
    }

    async fn grant(
        &self,
        _request: Request<tb::GrantTokenRequest>,
    ) -> Result<Response<tb::GrantTokenInfo>, Status> {
        Err(Status::unimplemented("not benchmarked"))
    }
}

/// A client of one of the two stacks.
#[derive(Clone)]
enum Client {
    Generated(cloudforet_identity_grpc::client::TokenClient),
    Baseline(tb::token_client::TokenClient<Channel>),
}

impl Client {
    async fn connect(label: &str, url: &str) -> Client {
        match label {
            "generated" => Client::Generated(
                cloudforet_identity_grpc::client::TokenClient::connect(url.to_string())
                    .await
                    .expect("connect"),
            ),
            _ => Client::Baseline(
                tb::token_client::TokenClient::connect(url.to_string())
                    .await
                    .expect("connect"),
            ),
        }
    }

    /// One `issue` call, its request built as a caller would.
    async fn call(&self) -> Result<(), String> {
        let access = match self {
            Client::Generated(c) => {
                let credentials: BTreeMap<String, Value> = [
                    ("user_id".to_string(), Value::from(USER)),
                    ("password".to_string(), Value::from(PASSWORD)),
                ]
                .into_iter()
                .collect();
                let request = ours::IssueTokenRequest {
                    credentials: Some(credentials),
                    domain_id: DOMAIN.into(),
                    auth_type: ours::IssueTokenRequestAuthType::Local,
                    timeout: 600,
                    ..Default::default()
                };
                c.issue(request).await.map_err(|e| e.to_string())?.access_token
            }
            Client::Baseline(c) => {
                use prost_types::value::Kind;
                let text = |s: &str| prost_types::Value {
                    kind: Some(Kind::StringValue(s.into())),
                };
                let fields = [("user_id", USER), ("password", PASSWORD)]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), text(v)))
                    .collect();
                let request = tb::IssueTokenRequest {
                    credentials: Some(prost_types::Struct { fields }),
                    domain_id: DOMAIN.into(),
                    auth_type: tb::issue_token_request::AuthType::Local as i32,
                    timeout: 600,
                    ..Default::default()
                };
                let mut c = c.clone();
                c.issue(request)
                    .await
                    .map_err(|e| e.to_string())?
                    .into_inner()
                    .access_token
            }
        };
        match access == format!("access:{DOMAIN}:{USER}") {
            true => Ok(()),
            false => Err(format!("unexpected token {access}")),
        }
    }
}

/// Sizes of the load part.
struct Sizes {
    rounds: usize,
    warmup: usize,
    calls: usize,
    concurrency: usize,
}

impl Sizes {
    fn new(bench: bool) -> Sizes {
        let env = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|v: &usize| *v > 0)
                .unwrap_or(default)
        };
        if !bench {
            return Sizes {
                rounds: 1,
                warmup: 5,
                calls: 20,
                concurrency: 4,
            };
        }
        Sizes {
            rounds: env("APIGEN_BENCH_ROUNDS", 9),
            warmup: 300,
            calls: env("APIGEN_BENCH_CALLS", 3000),
            concurrency: env("APIGEN_BENCH_CONCURRENCY", 16),
        }
    }
}

/// One stack's figures in one round.
#[derive(Debug, Clone, Copy)]
struct Round {
    seq_p50: Duration,
    seq_p99: Duration,
    rps: f64,
    conc_p99: Duration,
    cpu_per_call: Duration,
}

async fn sequential(client: &Client, calls: usize) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(calls);
    for _ in 0..calls {
        let start = Instant::now();
        client.call().await.expect("call");
        latencies.push(start.elapsed());
    }
    latencies.sort();
    latencies
}

/// `tasks` tasks sharing the client make `calls` calls between them: the wall time and the
/// sorted latencies.
async fn concurrent(client: &Client, tasks: usize, calls: usize) -> (Duration, Vec<Duration>) {
    let left = Arc::new(AtomicUsize::new(calls));
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let (client, left) = (client.clone(), left.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while left
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                    .is_ok()
                {
                    let t = Instant::now();
                    client.call().await.expect("call");
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::with_capacity(calls);
    for h in handles {
        all.extend(h.await.expect("task"));
    }
    let elapsed = start.elapsed();
    all.sort();
    (elapsed, all)
}

async fn measure(label: &str, url: &str, sizes: &Sizes) -> Round {
    let client = Client::connect(label, url).await;
    for _ in 0..sizes.warmup {
        client.call().await.expect("warm-up call");
    }
    let cpu = process_cpu_time();
    let seq = sequential(&client, sizes.calls).await;
    let (elapsed, conc) = concurrent(&client, sizes.concurrency, sizes.calls).await;
    let cpu = process_cpu_time().saturating_sub(cpu);
    Round {
        seq_p50: percentile(&seq, 50.0),
        seq_p99: percentile(&seq, 99.0),
        rps: conc.len() as f64 / elapsed.as_secs_f64(),
        conc_p99: percentile(&conc, 99.0),
        cpu_per_call: cpu / (2 * sizes.calls) as u32,
    }
}

async fn serve(label: &str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    let router = match label {
        "generated" => tonic::transport::Server::builder().add_service(
            cloudforet_identity_grpc::server::TokenServer::new(Generated),
        ),
        _ => tonic::transport::Server::builder()
            .add_service(tb::token_server::TokenServer::new(Baseline)),
    };
    tokio::spawn(router.serve_with_incoming(incoming));
    url
}

fn median<T: Copy + PartialOrd>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).expect("comparable"));
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn calls(rt: &tokio::runtime::Runtime, sizes: &Sizes) {
    const LABELS: [&str; 2] = ["generated", "tonic-build"];
    let urls: Vec<String> = rt.block_on(async {
        let mut urls = Vec::new();
        for label in LABELS {
            urls.push(serve(label).await);
        }
        urls
    });
    let mut rounds: [Vec<Round>; 2] = [Vec::new(), Vec::new()];
    for round in 0..sizes.rounds {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for i in order {
            let r = rt.block_on(measure(LABELS[i], &urls[i], sizes));
            rounds[i].push(r);
        }
    }
    println!(
        "Token.issue over 127.0.0.1: {} rounds × ({} sequential + {} concurrent calls, {} tasks); medians",
        sizes.rounds, sizes.calls, sizes.calls, sizes.concurrency
    );
    println!(
        "{:<12} {:>12} {:>12} {:>14} {:>14} {:>12}",
        "stack", "seq p50", "seq p99", "conc calls/s", "conc p99", "CPU/call"
    );
    for (label, rs) in LABELS.iter().zip(&rounds) {
        println!(
            "{:<12} {:>12} {:>12} {:>14.0} {:>14} {:>12}",
            label,
            ms(median(rs.iter().map(|r| r.seq_p50).collect())),
            ms(median(rs.iter().map(|r| r.seq_p99).collect())),
            median(rs.iter().map(|r| r.rps).collect()),
            ms(median(rs.iter().map(|r| r.conc_p99).collect())),
            us(median(rs.iter().map(|r| r.cpu_per_call).collect())),
        );
    }
    let per_round: Vec<String> = rounds[0]
        .iter()
        .zip(&rounds[1])
        .map(|(g, b)| format!("{:.0}/{:.0}", g.rps, b.rps))
        .collect();
    println!("throughput per round, generated/tonic-build: {}", per_round.join(" "));
    let ratio = |f: fn(&Round, &Round) -> f64| -> f64 {
        median(rounds[0].iter().zip(&rounds[1]).map(|(g, b)| f(g, b)).collect())
    };
    println!(
        "ratios generated / tonic-build (median of rounds; throughput as tonic-build / generated): \
         seq p50 {:.3}, seq p99 {:.3}, throughput {:.3}, conc p99 {:.3}, CPU/call {:.3}",
        ratio(|g, b| g.seq_p50.as_secs_f64() / b.seq_p50.as_secs_f64()),
        ratio(|g, b| g.seq_p99.as_secs_f64() / b.seq_p99.as_secs_f64()),
        ratio(|g, b| b.rps / g.rps),
        ratio(|g, b| g.conc_p99.as_secs_f64() / b.conc_p99.as_secs_f64()),
        ratio(|g, b| g.cpu_per_call.as_secs_f64() / b.cpu_per_call.as_secs_f64()),
    );
}

/// Every `.proto` file under `root`, relative to it, sorted.
fn proto_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read proto dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            proto_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "proto") {
            out.push(path.strip_prefix(root).expect("under root").to_path_buf());
        }
    }
}

/// tonic-prost-build on `files` of `root` (protox, then prost messages and tonic client and
/// server written to `out`): the time and the lines written.
fn tonic_codegen(root: &Path, files: &[PathBuf], out: &Path) -> (Duration, usize) {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).expect("output dir");
    let start = Instant::now();
    let fds = protox::compile(files, [root]).expect("protox");
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .out_dir(out)
        .compile_fds(fds)
        .expect("tonic-prost-build");
    let elapsed = start.elapsed();
    let lines = std::fs::read_dir(out)
        .expect("output dir")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read output"))
        .map(|text| text.lines().count())
        .sum();
    (elapsed, lines)
}

fn codegen(bench: bool) {
    // `APIGEN_BENCH_PROTO_ROOT` points elsewhere (a worktree has no `../shared` beside it).
    let corpus = std::env::var_os("APIGEN_BENCH_PROTO_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/corpus/proto"));
    let root = if bench {
        if !corpus.is_dir() {
            println!("codegen: SKIPPED: {} is absent", corpus.display());
            return;
        }
        corpus
    } else {
        workspace_root().join("spec/cloudforet")
    };
    let runs = match bench {
        true => std::env::var("APIGEN_BENCH_CODEGEN_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n: &usize| *n > 0)
            .unwrap_or(5),
        false => 1,
    };
    // The files that compile together (apigen's tree leaves a clashing file out; tonic gets
    // the same set).
    let tree = apigen_proto::compile_tree(&root).expect("compile the tree");
    let clashes: Vec<PathBuf> = tree.clashes().iter().map(|c| c.file.clone()).collect();
    let mut files = Vec::new();
    proto_files(&root, &root, &mut files);
    files.retain(|f| !clashes.contains(f));
    let out = workspace_root().join("target/bench-grpc-tonic");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let mut tonic_lines = 0;
    for run in 0..runs {
        let mut apigen = || ours.push(xtask::bench_proto_tree::run_once(&root).expect("apigen"));
        if run % 2 == 0 {
            apigen();
        }
        let (t, lines) = tonic_codegen(&root, &files, &out);
        theirs.push(t);
        tonic_lines = lines;
        if run % 2 == 1 {
            xtask::bench_proto_tree::run_once(&root)
                .map(|t| ours.push(t))
                .expect("apigen");
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let last = *ours.last().expect("a run");
    let med = |f: fn(&xtask::bench_proto_tree::Totals) -> Duration| median(ours.iter().map(f).collect());
    let compile = med(|t| t.compile);
    let models_grpc = med(|t| t.compile + t.lower + t.models + t.grpc);
    let all = med(|t| t.compile + t.lower + t.models + t.rest + t.grpc);
    let tonic = median(theirs);
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "codegen of {} ({} files, {} left out as clashing; {} packages with services, {} rpcs), median of {runs} runs, {profile} build:",
        root.display(),
        files.len(),
        clashes.len(),
        last.packages,
        last.rpcs
    );
    println!(
        "  tonic-prost-build (protox + messages + client/server, written)   {:>9}  {:>8} lines",
        ms(tonic),
        tonic_lines
    );
    println!(
        "  apigen models + gRPC crates (protox once + IR + emit, in memory)  {:>9}  {:>8} lines  ratio {:.2}",
        ms(models_grpc),
        last.models_lines + last.grpc_lines,
        models_grpc.as_secs_f64() / tonic.as_secs_f64()
    );
    println!(
        "  apigen all four crates (+ REST client and server)                {:>9}  {:>8} lines  ratio {:.2}",
        ms(all),
        last.models_lines + last.grpc_lines + last.rest_lines,
        all.as_secs_f64() / tonic.as_secs_f64()
    );
    println!("  (of which protox compiling the tree: {})", ms(compile));
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let sizes = Sizes::new(bench);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    println!("load average before: {}", load_average());
    calls(&rt, &sizes);
    println!("load average after the calls: {}", load_average());
    codegen(bench);
    println!("load average at the end: {}", load_average());
}
