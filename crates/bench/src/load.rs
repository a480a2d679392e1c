//! The load loop of the runtime benchmark: requests/s and p50/p99 latency of both stacks,
//! measured in alternating rounds in the same process so that their ratio is fair.
//!
//! Each round measures, per stack, with a new client (new connections):
//! - **sequential**: the client doing cycles back to back (latency of an unloaded server);
//! - **concurrent**: `concurrency` tasks sharing the client, doing a bounded number of
//!   cycles between them (throughput; latency under load).
//!
//! and for both the CPU time the process (client and server) spent per request, which other
//! work on the machine disturbs less than latency does. Rounds rotate the order of the stacks
//! (generated first, then baseline first, …); the figures printed are the medians over the
//! rounds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::stack::{Caller, CycleTimes, Kind, Stack, OPERATIONS};

/// How much to measure.
#[derive(Debug, Clone, Copy)]
pub struct LoadConfig {
    /// Rounds (each measures both stacks).
    pub rounds: usize,
    /// Unmeasured sequential cycles per stack and round, first (then `4 × concurrency`
    /// unmeasured concurrent ones).
    pub warmup_cycles: usize,
    /// Sequential cycles per stack and round (4 requests each).
    pub sequential_cycles: usize,
    /// Concurrent tasks.
    pub concurrency: usize,
    /// Cycles all tasks do together, per stack and round.
    pub concurrent_cycles: usize,
    /// Each phase stops early after this long (a bound on the benchmark's duration).
    pub time_limit: Duration,
}

impl LoadConfig {
    /// The benchmark's settings; `APIGEN_BENCH_ROUNDS`, `APIGEN_BENCH_CYCLES` (sequential and
    /// concurrent cycles) and `APIGEN_BENCH_CONCURRENCY` override them.
    pub fn full() -> Self {
        let env = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|v: &usize| *v > 0)
                .unwrap_or(default)
        };
        let cycles = env("APIGEN_BENCH_CYCLES", 1500);
        LoadConfig {
            rounds: env("APIGEN_BENCH_ROUNDS", 9),
            warmup_cycles: 200,
            sequential_cycles: cycles,
            concurrency: env("APIGEN_BENCH_CONCURRENCY", 16),
            concurrent_cycles: cycles,
            time_limit: Duration::from_secs(20),
        }
    }

    /// A few cycles, to check that the loop works (`cargo test`, `cargo bench` in test mode).
    pub fn smoke() -> Self {
        LoadConfig {
            rounds: 1,
            warmup_cycles: 2,
            sequential_cycles: 5,
            concurrency: 4,
            concurrent_cycles: 8,
            time_limit: Duration::from_secs(10),
        }
    }
}

/// Request latencies and the time they took together.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// Requests completed.
    pub requests: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// CPU time the whole process (clients and servers) used during the run.
    pub cpu: Duration,
    /// Latency of every request, sorted.
    pub latencies: Vec<Duration>,
    /// Latency of every request per operation ([`OPERATIONS`] order), sorted.
    pub by_operation: [Vec<Duration>; 4],
}

impl Run {
    /// Requests per second.
    pub fn rps(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// CPU time per request, client and server together.
    pub fn cpu_per_request(&self) -> Duration {
        self.cpu / u32::try_from(self.requests.max(1)).unwrap_or(u32::MAX)
    }

    /// Latency percentile `p` (0..=100) of all requests.
    pub fn percentile(&self, p: f64) -> Duration {
        percentile(&self.latencies, p)
    }

    fn from_cycles(cycles: Vec<[Duration; 4]>, elapsed: Duration, cpu: Duration) -> Self {
        let mut run = Run {
            requests: cycles.len() * 4,
            elapsed,
            cpu,
            ..Run::default()
        };
        for times in &cycles {
            for (i, t) in times.iter().enumerate() {
                run.latencies.push(*t);
                run.by_operation[i].push(*t);
            }
        }
        run.latencies.sort();
        for v in &mut run.by_operation {
            v.sort();
        }
        run
    }
}

/// CPU time the process has used so far (all threads).
pub fn process_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

/// Nearest-rank percentile of sorted values (zero for none).
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// One stack's figures in one round.
#[derive(Debug, Clone)]
pub struct Sample {
    /// One client, cycles back to back.
    pub sequential: Run,
    /// `concurrency` tasks.
    pub concurrent: Run,
}

/// `cycles` cycles done by `concurrency` tasks sharing `caller`, stopping at `deadline`.
async fn concurrent(
    caller: &Caller,
    concurrency: usize,
    cycles: usize,
    deadline: Instant,
) -> Result<Vec<CycleTimes>, String> {
    let remaining = Arc::new(AtomicUsize::new(cycles));
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let caller = caller.clone();
            let remaining = Arc::clone(&remaining);
            tokio::spawn(async move {
                let mut cycles = Vec::new();
                while remaining
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                    .is_ok()
                    && Instant::now() < deadline
                {
                    cycles.push(caller.cycle().await?);
                }
                Ok::<_, String>(cycles)
            })
        })
        .collect();
    let mut all = Vec::with_capacity(cycles);
    for task in tasks {
        all.extend(task.await.map_err(|e| e.to_string())??);
    }
    Ok(all)
}

/// Measures one stack once (a round).
pub async fn measure(stack: &Stack, config: &LoadConfig) -> Result<Sample, String> {
    // New connections every round (see `Stack::reconnect`); the warm-up opens as many as the
    // concurrent phase uses, so that no connection is set up while measuring.
    let caller = stack.reconnect().map_err(|e| e.to_string())?;
    let deadline = Instant::now() + config.time_limit;
    for _ in 0..config.warmup_cycles {
        caller.cycle().await?;
    }
    concurrent(
        &caller,
        config.concurrency,
        config.concurrency * 4,
        deadline,
    )
    .await?;

    let deadline = Instant::now() + config.time_limit;
    let start = Instant::now();
    let cpu = process_cpu_time();
    let mut cycles = Vec::with_capacity(config.sequential_cycles);
    for _ in 0..config.sequential_cycles {
        cycles.push(caller.cycle().await?);
        if Instant::now() > deadline {
            break;
        }
    }
    let sequential = Run::from_cycles(cycles, start.elapsed(), process_cpu_time() - cpu);

    let deadline = Instant::now() + config.time_limit;
    let start = Instant::now();
    let cpu = process_cpu_time();
    let cycles = concurrent(
        &caller,
        config.concurrency,
        config.concurrent_cycles,
        deadline,
    )
    .await?;
    let concurrent = Run::from_cycles(cycles, start.elapsed(), process_cpu_time() - cpu);
    Ok(Sample {
        sequential,
        concurrent,
    })
}

/// Every stack's samples, round by round.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Rounds measured.
    pub rounds: usize,
    /// Concurrent tasks.
    pub concurrency: usize,
    /// Per stack, in the order given: its label and one sample per round.
    pub stacks: Vec<(String, Vec<Sample>)>,
}

/// Runs the rounds on `stacks` (started beforehand, on the current runtime). Each round
/// starts with the next stack (generated first, then baseline first, …), so that no stack
/// always runs first or last.
pub async fn run(stacks: &[&Stack], config: &LoadConfig) -> Result<Report, String> {
    let mut report = Report {
        rounds: config.rounds,
        concurrency: config.concurrency,
        stacks: stacks.iter().map(|s| (s.label(), Vec::new())).collect(),
    };
    for round in 0..config.rounds {
        for k in 0..stacks.len() {
            let i = (round + k) % stacks.len();
            let sample = measure(stacks[i], config).await?;
            report.stacks[i].1.push(sample);
        }
    }
    Ok(report)
}

impl Report {
    /// The samples of the stack labelled `label`.
    pub fn samples(&self, label: &str) -> Option<&[Sample]> {
        self.stacks
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, s)| s.as_slice())
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// The medians over rounds of one stack: sequential req/s, p50, p99, CPU per request;
/// concurrent req/s, p50, p99, CPU per request (times in µs); sequential p50 per operation.
fn medians(samples: &[Sample]) -> ([f64; 8], [f64; 4]) {
    let m = |f: &dyn Fn(&Sample) -> f64| median(samples.iter().map(f).collect());
    let headline = [
        m(&|s| s.sequential.rps()),
        m(&|s| micros(s.sequential.percentile(50.0))),
        m(&|s| micros(s.sequential.percentile(99.0))),
        m(&|s| micros(s.sequential.cpu_per_request())),
        m(&|s| s.concurrent.rps()),
        m(&|s| micros(s.concurrent.percentile(50.0))),
        m(&|s| micros(s.concurrent.percentile(99.0))),
        m(&|s| micros(s.concurrent.cpu_per_request())),
    ];
    let mut ops = [0.0; 4];
    for (i, op) in ops.iter_mut().enumerate() {
        *op = m(&|s| micros(percentile(&s.sequential.by_operation[i], 50.0)));
    }
    (headline, ops)
}

impl Report {
    /// The table: medians over rounds for every stack and their ratio to `baseline`.
    pub fn table(&self) -> String {
        let first = self.stacks.first().and_then(|(_, s)| s.first());
        let mut out = String::new();
        out.push_str(&format!(
            "runtime: IONOS Auth over 127.0.0.1, cycles of create+list+get+delete; median of {} rounds\n\
             ({} sequential requests and {} requests from {} concurrent tasks per stack and round)\n",
            self.rounds,
            first.map_or(0, |s| s.sequential.requests),
            first.map_or(0, |s| s.concurrent.requests),
            self.concurrency,
        ));
        let width = self
            .stacks
            .iter()
            .map(|(l, _)| l.len() + 2)
            .max()
            .unwrap_or(0)
            .max(16);
        out.push_str(&format!(
            "{:<width$} {:>10} {:>8} {:>8} {:>8}   {:>10} {:>8} {:>8} {:>8}\n",
            "",
            "seq req/s",
            "p50 µs",
            "p99 µs",
            "CPU µs",
            "conc req/s",
            "p50 µs",
            "p99 µs",
            "CPU µs"
        ));
        let all: Vec<(&str, [f64; 8], [f64; 4])> = self
            .stacks
            .iter()
            .map(|(l, s)| {
                let (h, ops) = medians(s);
                (l.as_str(), h, ops)
            })
            .collect();
        for (label, v, _) in &all {
            out.push_str(&format!(
                "{label:<width$} {:>10.0} {:>8.1} {:>8.1} {:>8.1}   {:>10.0} {:>8.1} {:>8.1} {:>8.1}\n",
                v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
            ));
        }
        let base = all.iter().find(|(l, _, _)| *l == Kind::Baseline.name());
        if let Some((_, b, _)) = base {
            for (label, v, _) in all.iter().filter(|(l, _, _)| *l != Kind::Baseline.name()) {
                let r: Vec<f64> = v.iter().zip(b).map(|(g, b)| g / b.max(1e-9)).collect();
                out.push_str(&format!(
                    "{:<width$} {:>10.3} {:>8.3} {:>8.3} {:>8.3}   {:>10.3} {:>8.3} {:>8.3} {:>8.3}\n",
                    format!("{label}/base"),
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    r[7]
                ));
            }
            out.push_str("sequential p50 per operation, µs:\n");
            for (label, _, ops) in &all {
                out.push_str(&format!("  {label:<width$}"));
                for (i, op) in OPERATIONS.iter().enumerate() {
                    out.push_str(&format!(" {op} {:>7.1}", ops[i]));
                }
                out.push('\n');
            }
        }
        out
    }
}
