//! `cargo run --release -p xtask -- bench-diff [--iterations N] [OPENAPI-FILE]`: times
//! `cargo xtask diff` in process (both tolerant readings and the comparison, no printing) on a
//! large spec against itself and against a copy with 20 edits. The default spec is
//! `../shared/corpus/openapi/ionos-cloudapi-v6.yaml`. Figures: docs/benchmarks.md.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_yaml::{Mapping, Value};

use crate::reading::Reading;

/// How many edits the edited copy carries.
pub const EDITS: usize = 20;

/// Runs the command.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut iterations = 10;
    let mut spec = root.join("../shared/corpus/openapi/ionos-cloudapi-v6.yaml");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--iterations" => {
                iterations = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .context("--iterations needs a positive number")?
            }
            flag if flag.starts_with("--") => bail!("unknown argument `{flag}`"),
            file => spec = PathBuf::from(file),
        }
    }
    if !spec.exists() {
        println!("skipped: {} is absent", spec.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&spec)
        .with_context(|| format!("{}: cannot read the file", spec.display()))?;
    let edited = edited_copy(&text)?;
    let name = spec.display().to_string();
    println!(
        "diff of {name} ({} KiB), median of {iterations} runs (tolerant readings of both sides, at once, + comparison):",
        text.len() / 1024
    );
    let mut read = Vec::new();
    let mut compare = Vec::new();
    for _ in 0..iterations {
        let start = Instant::now();
        let old = Reading::openapi(&name, &text)?;
        read.push(start.elapsed());
        let new = Reading::openapi("edited", &edited)?;
        let start = Instant::now();
        Reading::diff(&old, &new);
        compare.push(start.elapsed());
    }
    read.sort();
    compare.sort();
    println!(
        "  phases: one tolerant reading {:.1} ms, the comparison alone {:.1} ms",
        ms(read[read.len() / 2]),
        ms(compare[compare.len() / 2])
    );
    for (label, new) in [("against itself", &text), ("against 20 edits", &edited)] {
        let mut times = Vec::with_capacity(iterations);
        let mut cpu = Vec::with_capacity(iterations);
        let mut changes = 0;
        for _ in 0..iterations {
            let cpu_start = cpu_time();
            let start = Instant::now();
            let (old, new) = crate::diff::both(
                || Reading::openapi(&name, &text),
                || Reading::openapi("edited", new),
            );
            let (old, new) = (old?, new?);
            let report = Reading::diff(&old, &new);
            times.push(start.elapsed());
            cpu.push(cpu_time().zip(cpu_start).map(|(b, a)| b.saturating_sub(a)));
            changes = report.changes.len();
        }
        times.sort();
        let median = times[times.len() / 2];
        let mut cpu: Vec<Duration> = cpu.into_iter().flatten().collect();
        cpu.sort();
        let cpu = cpu
            .get(cpu.len() / 2)
            .map_or("n/a".to_string(), |d| format!("{:.0} ms", ms(*d)));
        println!(
            "  {label:<18} {:>8.1} ms wall (min {:.1} ms, max {:.1} ms), {cpu} CPU  {changes} changes",
            ms(median),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
    Ok(())
}

/// CPU time of the whole process (all threads, user + system) from `/proc/self/stat`, in
/// clock ticks of 10 ms (Linux); `None` elsewhere. On a busy machine wall time measures the
/// other processes too; CPU time does not.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the command name: state is field 3, utime 14 and stime 15 (1-based, see proc(5)).
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The spec with [`EDITS`] edits to its component schemas that have properties, in document
/// order, rotating through: a new optional property, a property removed, a description
/// changed, `maxProperties` set (a constraint only the document carries).
pub fn edited_copy(text: &str) -> Result<String> {
    let mut doc: Value = serde_yaml::from_str(text).context("the spec is not YAML")?;
    let schemas = doc
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_mapping_mut)
        .context("the spec has no components/schemas")?;
    let mut done = 0;
    for (i, schema) in schemas.values_mut().enumerate() {
        if done == EDITS {
            break;
        }
        let Some(props) = schema.get_mut("properties").and_then(Value::as_mapping_mut) else {
            continue;
        };
        match done % 4 {
            0 => {
                let mut p = Mapping::new();
                p.insert("type".into(), "string".into());
                props.insert(format!("benchField{i}").into(), Value::Mapping(p));
            }
            1 => {
                let first = props.keys().next().cloned();
                if let Some(k) = first {
                    props.remove(&k);
                }
            }
            2 => {
                schema["description"] = Value::String(format!("edited {i}"));
            }
            _ => {
                schema["maxProperties"] = Value::from(50);
            }
        }
        done += 1;
    }
    if done < EDITS {
        bail!("the spec has fewer than {EDITS} schemas with properties");
    }
    Ok(serde_yaml::to_string(&doc)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edited_copy_has_twenty_edits_the_diff_reports() {
        let mut text = String::from(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
        );
        for i in 0..EDITS {
            text.push_str(&format!("    S{i}:\n      type: object\n      properties:\n        a: {{type: string}}\n        b: {{type: string}}\n"));
        }
        let edited = edited_copy(&text).unwrap();
        let old = Reading::openapi("old", &text).unwrap();
        let new = Reading::openapi("new", &edited).unwrap();
        let report = Reading::diff(&old, &new);
        let mut kinds: Vec<String> = report
            .changes
            .iter()
            .map(|c| {
                serde_json::to_value(c.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(report.changes.len(), EDITS, "{}", report.to_markdown());
        assert_eq!(
            kinds,
            [
                "docs_changed",
                "field_added",
                "field_constraints_changed",
                "field_removed"
            ]
        );
    }
}
