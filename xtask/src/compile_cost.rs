//! `cargo xtask compile-cost [--release] [--runs N] [CRATE]...`: what the generated crates cost
//! to compile.
//!
//! For each generated crate of `codegen.toml` (or each one named), in config order:
//!
//! 1. `cargo build -p CRATE`, so that its dependencies are built (not timed);
//! 2. `cargo build -p CRATE` again, timed: cargo's own cost when nothing is to be done;
//! 3. `cargo clean -p CRATE`: removes this package's artifacts only, incremental caches
//!    included (of the dev profile, or of the release profile with `--release`);
//! 4. `cargo build -p CRATE`, timed: a clean build of the crate with its dependencies built.
//!
//! Steps 2 to 4 run `N` times (3 by default); the table shows the medians.
//! and counts the lines of its generated sources. The target directory is the one cargo uses
//! (`CARGO_TARGET_DIR` or `target/`). Builds waiting for another cargo's lock are flagged:
//! their time includes the wait, so run again when the machine is quiet. See
//! `docs/benchmarks.md`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::config::Config;

/// Lines of a crate's generated files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lines {
    /// `.rs` files under `src/`.
    pub files: usize,
    /// All lines.
    pub total: usize,
    /// Lines that are neither blank nor comments (`//`, `///`, `//!`).
    pub code: usize,
    /// Bytes.
    pub bytes: usize,
}

/// Counts the lines of the `.rs` files under `dir/src`.
pub fn count_lines(dir: &Path) -> Result<Lines> {
    let mut lines = Lines::default();
    let mut stack = vec![dir.join("src")];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("cannot read {}", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                lines.files += 1;
                lines.bytes += text.len();
                for line in text.lines() {
                    lines.total += 1;
                    let t = line.trim();
                    if !t.is_empty() && !t.starts_with("//") {
                        lines.code += 1;
                    }
                }
            }
        }
    }
    Ok(lines)
}

/// One timed cargo command.
struct Timed {
    elapsed: Duration,
    /// Whether cargo waited for another cargo's lock.
    waited: bool,
}

fn cargo(root: &Path, args: &[&str]) -> Result<Timed> {
    let program = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let start = Instant::now();
    let output = Command::new(&program)
        .args(args)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("cannot run `{program}`"))?;
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("`cargo {}` failed:\n{stderr}", args.join(" "));
    }
    Ok(Timed {
        elapsed,
        waited: stderr.contains("Blocking waiting for file lock"),
    })
}

/// The run of median time; flagged when any run waited for a lock.
fn median(mut runs: Vec<Timed>) -> Timed {
    let waited = runs.iter().any(|t| t.waited);
    runs.sort_by_key(|t| t.elapsed);
    let elapsed = runs
        .get(runs.len() / 2)
        .map_or(Duration::ZERO, |t| t.elapsed);
    Timed { elapsed, waited }
}

/// One row of the table.
struct Row {
    name: String,
    lines: Lines,
    noop: Timed,
    build: Timed,
}

const USAGE: &str = "usage: cargo xtask compile-cost [--release] [--runs N] [CRATE]...";

/// Measures every generated crate (or those named in `args`) and prints a table.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(());
    }
    let mut release = false;
    let mut runs = 3usize;
    let mut names: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--release" => release = true,
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .with_context(|| format!("--runs needs a positive number\n{USAGE}"))?;
            }
            flag if flag.starts_with('-') => bail!("unknown argument `{flag}`\n{USAGE}"),
            name => names.push(name.to_string()),
        }
    }
    let args = names;
    let config = Config::load(&root.join("codegen.toml"))?;
    let mut crates: Vec<(String, PathBuf)> = Vec::new();
    for api in &config.apis {
        for name in [&api.models, &api.client, &api.server] {
            crates.push((name.clone(), root.join(&api.out_dir).join(name)));
        }
    }
    if !args.is_empty() {
        for name in &args {
            if !crates.iter().any(|(c, _)| c == name) {
                bail!("`{name}` is not a generated crate of codegen.toml\n{USAGE}");
            }
        }
        crates.retain(|(c, _)| args.contains(c));
    }
    let profile = if release { "release" } else { "dev" };
    println!(
        "clean `cargo build` ({profile} profile) of each generated crate, its dependencies already built; median of {runs}"
    );
    let mut rows = Vec::new();
    for (name, dir) in &crates {
        eprintln!("measuring {name} …");
        let build: Vec<&str> = if release {
            vec!["build", "--release", "-p", name]
        } else {
            vec!["build", "-p", name]
        };
        let clean: Vec<&str> = if release {
            vec!["clean", "--release", "-p", name]
        } else {
            vec!["clean", "-p", name]
        };
        cargo(root, &build)?;
        let (mut noops, mut builds) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            noops.push(cargo(root, &build)?);
            cargo(root, &clean)?;
            builds.push(cargo(root, &build)?);
        }
        rows.push(Row {
            name: name.clone(),
            lines: count_lines(dir)?,
            noop: median(noops),
            build: median(builds),
        });
    }
    println!(
        "{:<28} {:>5} {:>7} {:>7} {:>8} {:>10} {:>10} {:>10}",
        "crate", "files", "lines", "code", "KiB", "build s", "no-op s", "build-noop"
    );
    let mut waited = false;
    for r in &rows {
        let flag = if r.build.waited || r.noop.waited {
            waited = true;
            " *"
        } else {
            ""
        };
        println!(
            "{:<28} {:>5} {:>7} {:>7} {:>8.1} {:>10.2} {:>10.2} {:>10.2}{flag}",
            r.name,
            r.lines.files,
            r.lines.total,
            r.lines.code,
            r.lines.bytes as f64 / 1024.0,
            r.build.elapsed.as_secs_f64(),
            r.noop.elapsed.as_secs_f64(),
            (r.build.elapsed.saturating_sub(r.noop.elapsed)).as_secs_f64(),
        );
    }
    let total: Duration = rows
        .iter()
        .map(|r| r.build.elapsed.saturating_sub(r.noop.elapsed))
        .sum();
    let lines: usize = rows.iter().map(|r| r.lines.total).sum();
    println!(
        "all {} crates: {lines} lines, {:.2} s of compilation (build - no-op, summed)",
        rows.len(),
        total.as_secs_f64()
    );
    if waited {
        println!("* cargo waited for another build's lock: the time includes the wait; run again");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_lines() {
        let dir = std::env::temp_dir().join(format!("apigen-compile-cost-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src/m")).unwrap();
        std::fs::write(dir.join("src/lib.rs"), "//! doc\n\nfn a() {}\n    // c\n").unwrap();
        std::fs::write(dir.join("src/m/x.rs"), "struct S;\n").unwrap();
        std::fs::write(dir.join("src/notes.txt"), "ignored\n").unwrap();
        let lines = count_lines(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            lines,
            Lines {
                files: 2,
                total: 5,
                code: 2,
                bytes: 38
            }
        );
    }
}
