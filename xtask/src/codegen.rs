//! `cargo xtask codegen [--check] [--config FILE]`.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Result};

use crate::config::Config;
use crate::output;
use crate::pipeline::{self, GeneratedApi};
use crate::semver;

/// Generates every configured API; with `check`, writes nothing and fails if anything is stale.
pub fn run(root: &Path, config_path: &Path, check: bool) -> Result<()> {
    let start = Instant::now();
    let config = Config::load(config_path)?;
    // Generate everything in memory first: a failing spec leaves generated/ untouched.
    let (apis, versions) = generate_versioned(root, &config)?;
    let mut plan = output::plan(root, &apis)?;
    // The lock records each API's crate version; it is written (or checked) like a generated file.
    let lock_path = root.join(semver::LOCK_FILE);
    let lock = semver::lock_file(&apis);
    if std::fs::read_to_string(&lock_path).ok().as_deref() != Some(lock.as_str()) {
        plan.writes.push((lock_path, lock));
    }
    for v in &versions {
        if v.bump != apigen_diff::Bump::None {
            println!(
                "{:<22} version {} ({} change to the spec)",
                v.name,
                v.version,
                v.bump.as_str()
            );
        }
    }
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    for api in &apis {
        let files: Vec<_> = api
            .crates
            .iter()
            .flat_map(|c| c.files.iter().map(move |f| root.join(&c.dir).join(&f.path)))
            .collect();
        let changed = files
            .iter()
            .filter(|f| plan.writes.iter().any(|(p, _)| p == *f))
            .count();
        println!(
            "{:<22} {:>3} operations {:>4} types  {} files: {} {}, {} unchanged  ({:.1} ms)",
            api.config.name,
            api.ir.operations().count(),
            api.ir.types.len(),
            files.len(),
            changed,
            if check { "stale" } else { "written" },
            files.len() - changed,
            api.elapsed.as_secs_f64() * 1e3,
        );
        for skipped in &api.ir.skipped {
            println!("  skipped {}: {}", skipped.location, skipped.reason);
        }
    }
    if check {
        if plan.is_clean() {
            println!(
                "generated/ is up to date ({:.1} ms)",
                start.elapsed().as_secs_f64() * 1e3
            );
            return Ok(());
        }
        let mut msg = String::from("generated code is not up to date:\n");
        for (p, _) in &plan.writes {
            msg.push_str(&format!("  stale:   {}\n", rel(p)));
        }
        for p in &plan.deletes {
            msg.push_str(&format!("  extra:   {}\n", rel(p)));
        }
        msg.push_str("run `cargo xtask codegen` and commit the result");
        bail!(msg);
    }
    output::apply(&plan)?;
    for p in &plan.deletes {
        println!("  removed {}", rel(p));
    }
    println!("done in {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    Ok(())
}

/// Runs the pipeline for every configured API, in config order, with versions and changelogs
/// planned by [`semver::plan_versions`].
pub fn generate_all(root: &Path, config: &Config) -> Result<Vec<GeneratedApi>> {
    Ok(generate_versioned(root, config)?.0)
}

/// [`generate_all`], and the planned version of each API: every API is lowered, its version
/// planned from the IR, and only then emitted, once, with that version.
pub fn generate_versioned(
    root: &Path,
    config: &Config,
) -> Result<(Vec<GeneratedApi>, Vec<semver::ApiVersion>)> {
    let lowered = config
        .apis
        .iter()
        .map(|api| pipeline::lower_api(root, api))
        .collect::<Result<Vec<_>>>()?;
    let versions = semver::plan_versions(root, &lowered)?;
    let mut apis = lowered
        .into_iter()
        .zip(&versions)
        .map(|(mut api, v)| {
            api.config.version = v.version.clone();
            pipeline::emit(api)
        })
        .collect::<Result<Vec<_>>>()?;
    semver::add_changelogs(&mut apis, &versions);
    Ok((apis, versions))
}
