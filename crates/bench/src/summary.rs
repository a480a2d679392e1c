//! Reading back the medians criterion saved (`<target>/criterion/GROUP/BENCH/new/estimates.json`),
//! to print one table of medians and ratios at the end of a benchmark binary.

use std::path::PathBuf;

/// Where criterion writes: `CRITERION_HOME`, else `CARGO_TARGET_DIR/criterion`, else the
/// `criterion` directory of the target directory holding this executable.
pub fn criterion_home() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        let target = PathBuf::from(target);
        let target = if target.is_relative() {
            crate::workspace_root().join(target)
        } else {
            target
        };
        return Some(target.join("criterion"));
    }
    // <target>/<profile>/deps/<bench>-<hash>
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// Criterion's directory name for a group or function id (`/` and other characters it
/// replaces become `_`).
fn dir_name(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            '?' | '"' | '/' | '\\' | '*' | '<' | '>' | ':' | '|' | '^' => '_',
            c => c,
        })
        .collect()
}

/// The median (in nanoseconds) criterion estimated for `group`/`bench` in its latest run.
pub fn median_ns(group: &str, bench: &str) -> Option<f64> {
    let path = criterion_home()?
        .join(dir_name(group))
        .join(dir_name(bench))
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.get("median")?.get("point_estimate")?.as_f64()
}

/// A duration in nanoseconds as text with a fitting unit.
pub fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The 1-minute load average, for the record (other work on the machine skews timings).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}
