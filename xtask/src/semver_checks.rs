//! `cargo xtask semver-checks OLD NEW`: checks `apigen-diff`'s semver bump against
//! cargo-semver-checks. Both specs are generated into throwaway workspaces (crates versioned
//! 1.0.0 on both sides), and `cargo semver-checks --release-type minor` runs on the client and
//! the server crate: it fails exactly when it finds a change that needs a major version.
//!
//! Agreement means: whenever cargo-semver-checks needs a major version, the diff's bump is
//! major too. The diff may be stricter: cargo-semver-checks sees the Rust API only, not
//! behaviour (a moved route, new authentication, a narrowed value) nor changed field types.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use apigen_diff::Bump;
use apigen_ir::Api;

use crate::config::{ApiConfig, SpecKind};
use crate::git::TempDir;

/// What one comparison found.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The diff's bump.
    pub ours: Bump,
    /// For each checked crate: its name and whether cargo-semver-checks needs a major version.
    pub theirs: Vec<(String, bool)>,
}

impl Verdict {
    /// Whether cargo-semver-checks needs a major version for any crate.
    pub fn theirs_major(&self) -> bool {
        self.theirs.iter().any(|(_, major)| *major)
    }

    /// Whether the two agree: a major change they find is a major change for us.
    pub fn agrees(&self) -> bool {
        !self.theirs_major() || self.ours == Bump::Major
    }
}

/// Whether `cargo semver-checks` can run here.
pub fn available() -> bool {
    Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the command: prints one line per crate and fails on disagreement.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let [old, new] = args else {
        bail!("semver-checks takes OLD and NEW (spec files or proto roots)");
    };
    if !available() {
        println!(
            "skipped: cargo-semver-checks is not installed (cargo install cargo-semver-checks)"
        );
        return Ok(());
    }
    let lower = |p: &str| crate::diff::lower_any(root, Path::new(p));
    let old_ir = lower(old).with_context(|| format!("OLD ({old})"))?;
    let new_ir = lower(new).with_context(|| format!("NEW ({new})"))?;
    let verdict = check(root, &old_ir, &new_ir)?;
    println!("apigen-diff: {}", verdict.ours.as_str());
    for (name, major) in &verdict.theirs {
        let says = if *major { "major" } else { "not major" };
        println!("cargo-semver-checks {name}: {says}");
    }
    if !verdict.agrees() {
        bail!(
            "cargo-semver-checks needs a major version, apigen-diff says {}",
            verdict.ours.as_str()
        );
    }
    println!("agree");
    Ok(())
}

/// Generates both APIs and runs cargo-semver-checks on the client and server crates.
pub fn check(root: &Path, old: &Api, new: &Api) -> Result<Verdict> {
    let ours = apigen_diff::diff(old, new).semver_bump();
    let tmp = TempDir::new("semver-checks")?;
    let old_ws = tmp.path().join("old");
    let new_ws = tmp.path().join("new");
    write_workspace(root, old, &old_ws)?;
    write_workspace(root, new, &new_ws)?;
    let mut theirs = Vec::new();
    for krate in ["pair-models", "pair-client", "pair-server"] {
        let out = Command::new("cargo")
            .args([
                "semver-checks",
                "check-release",
                "--release-type",
                "minor",
                "--package",
                krate,
            ])
            .arg("--manifest-path")
            .arg(new_ws.join("Cargo.toml"))
            .arg("--baseline-root")
            .arg(&old_ws)
            .env("CARGO_TARGET_DIR", target_dir(root))
            .output()
            .context("cannot run cargo semver-checks")?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let major = !out.status.success();
        if major && !text.contains("major") {
            bail!("cargo semver-checks failed on {krate}:\n{text}");
        }
        theirs.push((krate.to_string(), major));
    }
    Ok(Verdict { ours, theirs })
}

/// Shared across runs so dependencies are documented once.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("semver-checks")
}

/// A workspace holding the three crates generated from `api`, versioned 1.0.0, with the
/// root workspace's dependency table and lock file.
fn write_workspace(root: &Path, api: &Api, dir: &Path) -> Result<()> {
    let config = ApiConfig {
        name: "pair".into(),
        kind: SpecKind::Openapi,
        source: "spec.yaml".into(),
        files: Vec::new(),
        package: None,
        grpc: None,
        models: "pair-models".into(),
        client: "pair-client".into(),
        server: "pair-server".into(),
        out_dir: ".".into(),
        version: "1.0.0".into(),
        license: "Apache-2.0".into(),
        env_prefix: None,
        openapi: false,
        runtime_dir: Some(root.join(crate::pipeline::RUNTIME_DIR)),
    };
    for krate in crate::pipeline::generate_crates(api, &config)? {
        for file in &krate.files {
            let path = dir.join(&krate.name).join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
            std::fs::write(&path, &file.contents)?;
        }
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).context("root Cargo.toml")?;
    let deps = manifest
        .split_once("[workspace.dependencies]")
        .map(|(_, rest)| rest.split("\n[").next().unwrap_or(rest))
        .context("root Cargo.toml has no [workspace.dependencies]")?;
    let crates = root.join("crates");
    let deps = deps.replace(
        "path = \"crates/",
        &format!("path = \"{}/", crates.display()),
    );
    let ws = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\"pair-models\", \"pair-client\", \"pair-server\"]\n\n\
         [workspace.package]\nedition = \"2021\"\nlicense = \"Apache-2.0\"\n\n[workspace.dependencies]{deps}"
    );
    std::fs::write(dir.join("Cargo.toml"), ws)?;
    if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
        std::fs::write(dir.join("Cargo.lock"), lock)?;
    }
    Ok(())
}
