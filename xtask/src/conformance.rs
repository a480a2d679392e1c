//! `cargo xtask conformance DIR…`: run the generator over specs nobody here wrote.
//!
//! Every OpenAPI file (`*.yaml`, `*.yml`, `*.json` with an `openapi` key) and every proto
//! package with a service under each directory (the proto tree compiled once; files that clash
//! with it are reported and generated alone) is generated into models, client and server
//! crates (and a gRPC crate for protos) of one scratch workspace (`target/conformance/`), which
//! is then checked with one `cargo check` (one shared target dir). Prints a table and fails if
//! anything failed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use apigen_ir::Api;

use crate::config::{ApiConfig, SpecKind};
use crate::pipeline;

/// One spec found under a directory.
#[derive(Debug, Clone)]
struct Found {
    /// What to show in the table.
    label: String,
    /// Crate-name stem.
    stem: String,
    kind: SpecKind,
    /// The OpenAPI file, or the proto root.
    source: PathBuf,
    /// Proto files (relative to `source`).
    files: Vec<PathBuf>,
    /// A proto package lowered from the tree compiled once (proto only), with the time taken.
    lowered: Option<(std::result::Result<Api, String>, f64)>,
}

/// One row of the result table.
#[derive(Debug)]
struct Row {
    label: String,
    operations: usize,
    types: usize,
    lines: usize,
    skipped: usize,
    /// How often each reason for skipping something occurs (the reason's first words).
    reasons: BTreeMap<String, usize>,
    millis: f64,
    error: Option<String>,
    crates: Vec<String>,
}

/// How the generated crates are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checker {
    /// `cargo check` (errors and warnings).
    Check,
    /// `cargo clippy` (errors, warnings and clippy's default lints).
    Clippy,
    /// Generate in memory only: nothing written, nothing compiled (a fast sweep for
    /// generator errors over many specs).
    None,
}

/// Parses the command's arguments (`[--clippy|--no-check] PATH…`) and runs it.
pub fn run_args(root: &Path, args: &[String]) -> Result<()> {
    let mut checker = Checker::Check;
    let mut paths = Vec::new();
    let mut reasons = false;
    for arg in args {
        match arg.as_str() {
            "--skipped" => reasons = true,
            "--clippy" => checker = Checker::Clippy,
            "--no-check" => checker = Checker::None,
            other if other.starts_with("--") => bail!("conformance: unknown flag `{other}`"),
            other => paths.push(PathBuf::from(other)),
        }
    }
    run_with(root, &paths, checker, reasons)
}

/// Runs the conformance check over `dirs`; `root` is the workspace root.
pub fn run(root: &Path, dirs: &[PathBuf]) -> Result<()> {
    run_with(root, dirs, Checker::Check, false)
}

/// Runs the conformance check over `paths` (directories, or single OpenAPI files) with
/// `checker`; `root` is the workspace root. `reasons`: also print, per spec, what was skipped
/// (counted by kind of reason).
pub fn run_with(root: &Path, paths: &[PathBuf], checker: Checker, reasons: bool) -> Result<()> {
    if paths.is_empty() {
        bail!("conformance needs at least one directory or file (e.g. ../shared/corpus/openapi)");
    }
    let mut found = Vec::new();
    for path in paths {
        if path.is_file() {
            found.extend(openapi_spec(path));
        } else if path.is_dir() {
            found.extend(find_specs(path)?);
        } else {
            bail!("{}: not a directory or file", path.display());
        }
    }
    unique_stems(&mut found);
    let scratch = root.join("target/conformance");
    let write = checker != Checker::None;
    if write {
        let _ = std::fs::remove_dir_all(scratch.join("crates"));
        std::fs::create_dir_all(&scratch).context("cannot create target/conformance")?;
    }
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for spec in &found {
        let row = generate_one(root, &scratch, spec, &mut members, write);
        rows.push(row);
    }
    if write {
        write_workspace(root, &scratch, &members)?;
    }
    let check_start = Instant::now();
    // Nothing generated: nothing to check, but the table (with every spec's error) is printed.
    let check = match members.is_empty() || checker == Checker::None {
        true => Check::default(),
        false => cargo_check(root, &scratch, checker == Checker::Clippy)?,
    };
    let check_secs = check_start.elapsed().as_secs_f64();
    let errors = &check.errors;
    let mut failed = 0;
    let width = rows.iter().map(|r| r.label.len()).max().unwrap_or(4).max(4);
    println!(
        "{:<width$} {:>5} {:>6} {:>7} {:>8} {:>9}  result",
        "spec", "ops", "types", "skipped", "lines", "gen ms"
    );
    for row in &mut rows {
        if row.error.is_none() {
            if let Some(e) = row.crates.iter().find_map(|c| errors.get(c)) {
                row.error = Some(format!("does not compile: {e}"));
            } else if let Some(w) = row.crates.iter().find_map(|c| check.warnings.get(c)) {
                row.error = Some(format!("warning in generated code: {w}"));
            }
        }
        let result = match &row.error {
            None => "ok".to_string(),
            Some(e) => {
                failed += 1;
                format!("FAILED: {e}")
            }
        };
        println!(
            "{:<width$} {:>5} {:>6} {:>7} {:>8} {:>9.1}  {result}",
            row.label, row.operations, row.types, row.skipped, row.lines, row.millis
        );
    }
    if reasons {
        for row in rows.iter().filter(|r| !r.reasons.is_empty()) {
            println!("skipped in {}:", row.label);
            for (reason, n) in &row.reasons {
                println!("  {n:>6}  {reason}");
            }
        }
    }
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    println!(
        "{} specs ({} crates): {} operations, {} types, {} skipped, {} generated lines; generated in {:.0} ms, `cargo check` {:.1} s; {} failed",
        rows.len(),
        members.len(),
        sum(|r| r.operations),
        sum(|r| r.types),
        sum(|r| r.skipped),
        sum(|r| r.lines),
        rows.iter().map(|r| r.millis).sum::<f64>(),
        check_secs,
        failed
    );
    if let Some(other) = &check.other {
        bail!("cargo check of the scratch workspace failed outside the generated crates:\n{other}");
    }
    if failed > 0 {
        bail!("{failed} of {} specs failed", rows.len());
    }
    Ok(())
}

fn find_specs(dir: &Path) -> Result<Vec<Found>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut out = Vec::new();
    let mut proto_files = Vec::new();
    for file in files {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext {
            "yaml" | "yml" | "json" => out.extend(openapi_spec(&file)),
            "proto" => proto_files.push(file),
            _ => {}
        }
    }
    // Proto files: the whole tree compiled once, one API per package with a service; a file
    // that clashes with the rest is reported and generated alone.
    if !proto_files.is_empty() {
        out.extend(proto_packages(dir)?);
    }
    Ok(out)
}

/// The OpenAPI spec in `file`, if it is one (a file mentioning `openapi`).
fn openapi_spec(file: &Path) -> Option<Found> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    if !text.contains("openapi") {
        return None;
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
    Some(Found {
        label: file.display().to_string(),
        stem: crate_stem(stem),
        kind: SpecKind::Openapi,
        source: file.to_path_buf(),
        files: Vec::new(),
        lowered: None,
    })
}

/// Numbers the crate stems that repeat (two specs in different directories with one file
/// name), so that every spec gets crates of its own.
fn unique_stems(found: &mut [Found]) {
    let mut seen = std::collections::BTreeSet::new();
    for spec in found {
        let base = spec.stem.clone();
        let mut n = 1;
        while !seen.insert(spec.stem.clone()) {
            n += 1;
            spec.stem = format!("{base}-{n}");
        }
    }
}

/// One spec per proto package with a service under `dir`, lowered from one compilation of the
/// whole tree; plus one per file that clashes with the tree (compiled alone).
fn proto_packages(dir: &Path) -> Result<Vec<Found>> {
    let start = Instant::now();
    let tree = apigen_proto::compile_tree(dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let compile_ms = start.elapsed().as_secs_f64() * 1e3;
    let packages = tree.service_packages();
    println!(
        "{}: compiled once in {compile_ms:.0} ms: {} packages with services, {} clashing files",
        dir.display(),
        packages.len(),
        tree.clashes().len()
    );
    let mut out = Vec::new();
    for package in packages {
        let start = Instant::now();
        let lowered = tree.lower_package(package).map_err(|e| e.to_string());
        out.push(Found {
            label: format!("{} (package {package})", dir.display()),
            stem: crate_stem(package),
            kind: SpecKind::Proto,
            source: dir.to_path_buf(),
            files: tree.files_of(package),
            lowered: Some((lowered, start.elapsed().as_secs_f64() * 1e3)),
        });
    }
    for clash in tree.clashes() {
        println!("  clash, compiled alone: {}", clash.error);
        let stem = clash
            .file
            .with_extension("")
            .to_string_lossy()
            .replace(['/', '\\'], "-");
        out.push(Found {
            label: format!("{} (alone: clashes)", dir.join(&clash.file).display()),
            stem: crate_stem(&stem),
            kind: SpecKind::Proto,
            source: dir.to_path_buf(),
            files: vec![clash.file.clone()],
            lowered: None,
        });
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn crate_stem(s: &str) -> String {
    format!("conf-{}", crate_name_part(s))
}

/// `s` as a part of a package name: lowercase ASCII letters and digits, everything else `-`,
/// no `-` at either end.
pub fn crate_name_part(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.trim_matches('-').to_string()
}

fn generate_one(
    root: &Path,
    scratch: &Path,
    spec: &Found,
    members: &mut Vec<String>,
    write: bool,
) -> Row {
    let start = Instant::now();
    let config = ApiConfig {
        name: spec.stem.clone(),
        kind: spec.kind,
        source: spec.source.clone(),
        files: spec.files.clone(),
        package: None,
        grpc: (spec.kind == SpecKind::Proto).then(|| format!("{}-grpc", spec.stem)),
        models: format!("{}-models", spec.stem),
        client: format!("{}-client", spec.stem),
        server: format!("{}-server", spec.stem),
        out_dir: PathBuf::from("crates"),
        version: "0.1.0".into(),
        license: "Apache-2.0".into(),
        env_prefix: None,
        openapi: false,
        runtime_dir: Some(root.join(crate::pipeline::RUNTIME_DIR)),
    };
    let mut row = Row {
        label: spec.label.clone(),
        operations: 0,
        types: 0,
        lines: 0,
        skipped: 0,
        reasons: BTreeMap::new(),
        millis: 0.0,
        error: None,
        crates: Vec::new(),
    };
    // A panic anywhere in the generator is a failure of this spec, reported in its row.
    let lower_ms = spec.lowered.as_ref().map_or(0.0, |(_, ms)| *ms);
    let result = std::panic::catch_unwind(|| {
        let lowered = match &spec.lowered {
            Some((Ok(ir), _)) => Ok(ir.clone()),
            Some((Err(e), _)) => Err(anyhow::anyhow!("{e}")),
            None => pipeline::lower(Path::new(""), &config),
        };
        lowered.and_then(|ir: Api| Ok((pipeline::generate_crates(&ir, &config)?, ir)))
    })
    .unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(anyhow::anyhow!(
            "internal error: the generator panicked: {what}"
        ))
    });
    row.millis = start.elapsed().as_secs_f64() * 1e3 + lower_ms;
    match result {
        Ok((crates, ir)) => {
            row.operations = ir.operations().count();
            row.types = ir.types.len();
            row.skipped = ir.skipped.len();
            for skipped in &ir.skipped {
                // Names and values in backquotes vary; the rest says what kind of thing it is.
                let kind: String = skipped
                    .reason
                    .split('`')
                    .enumerate()
                    .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
                    .collect::<Vec<_>>()
                    .join("`");
                *row.reasons.entry(kind).or_default() += 1;
            }
            for krate in crates {
                let dir = scratch.join(&krate.dir);
                for file in &krate.files {
                    row.lines += file.contents.lines().count();
                    if !write {
                        continue;
                    }
                    let path = dir.join(&file.path);
                    if let Some(parent) = path.parent() {
                        let _ = std::fs::create_dir_all(parent);
                    }
                    if let Err(e) = std::fs::write(&path, &file.contents) {
                        row.error = Some(format!("{}: {e}", path.display()));
                    }
                }
                members.push(format!("crates/{}", krate.name));
                row.crates.push(krate.name);
            }
        }
        Err(e) => row.error = Some(format!("{e:#}")),
    }
    row
}

/// A workspace manifest whose dependencies are this workspace's, with paths made absolute.
fn write_workspace(root: &Path, scratch: &Path, members: &[String]) -> Result<()> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    let root_str = root.display().to_string();
    let mut deps = String::new();
    let mut package = String::new();
    let mut section = "";
    for line in manifest.lines() {
        if line.starts_with('[') {
            section = match line.trim() {
                "[workspace.dependencies]" => "deps",
                "[workspace.package]" => "package",
                _ => "",
            };
            continue;
        }
        match section {
            "deps" => {
                deps.push_str(&line.replace("path = \"", &format!("path = \"{root_str}/")));
                deps.push('\n');
            }
            "package" => {
                package.push_str(line);
                package.push('\n');
            }
            _ => {}
        }
    }
    let members: Vec<String> = members.iter().map(|m| format!("  \"{m}\",")).collect();
    let text = format!(
        "# Scratch workspace of `cargo xtask conformance`; rewritten on every run.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n\n[workspace.package]\n{package}\n[workspace.dependencies]\n{deps}",
        members.join("\n")
    );
    std::fs::write(scratch.join("Cargo.toml"), text)?;
    if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
        std::fs::write(scratch.join("Cargo.lock"), lock)?;
    }
    Ok(())
}

/// What `cargo check` of the scratch workspace found.
#[derive(Debug, Default)]
struct Check {
    /// The first error per generated crate.
    errors: BTreeMap<String, String>,
    /// The first warning per generated crate (generated code must have none).
    warnings: BTreeMap<String, String>,
    /// The end of cargo's output when it failed without an error in a generated crate.
    other: Option<String>,
}

/// Runs `cargo check` (or `cargo clippy`) on the scratch workspace; returns the first error and
/// warning per crate.
fn cargo_check(root: &Path, scratch: &Path, clippy: bool) -> Result<Check> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            if clippy { "clippy" } else { "check" },
            "--workspace",
            "--message-format",
            "short",
            "--keep-going",
        ])
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .context("cannot run cargo check")?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut check = Check::default();
    for line in stderr.lines() {
        // `crates/<name>/src/lib.rs:12:5: error[E0412]: …` (or `warning: …`)
        if let Some(rest) = line.strip_prefix("crates/") {
            let name = rest.split('/').next().unwrap_or_default().to_string();
            if line.contains(": error") {
                check.errors.entry(name).or_insert_with(|| line.to_string());
            } else if line.contains(": warning") {
                check
                    .warnings
                    .entry(name)
                    .or_insert_with(|| line.to_string());
            }
        }
    }
    if !output.status.success() && check.errors.is_empty() {
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        check.other = Some(tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    }
    Ok(check)
}
