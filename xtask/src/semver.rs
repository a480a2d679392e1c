//! Versions and changelogs of the generated crates.
//!
//! `codegen.lock` (generated, committed) records for each API the version of its crates and a
//! fingerprint of the IR that version was computed for. The baseline is the lock as committed
//! at `HEAD`, with the spec as of the last commit that changed the lock. When the IR differs
//! from the baseline's, the two specs are compared with `apigen-diff` and the version is bumped
//! by the report (Cargo's rules: before 1.0, breaking bumps the minor number, anything else
//! the patch number). The new entry goes on top of the committed CHANGELOG.md of each crate.
//!
//! Everything is computed from `HEAD` and the working tree, so running codegen again changes
//! nothing: one spec change is one bump, however often codegen runs before the commit.
//! Without git (or before the lock is first committed) the working tree's lock is the
//! baseline, and a changed spec cannot be compared: the version is then kept, with a warning.

use std::path::Path;

use anyhow::{bail, Context, Result};
use apigen_diff::{Bump, Impact, Report};
use apigen_rust::GeneratedFile;
use serde::Deserialize;

use crate::config::{ApiConfig, SpecKind};
use crate::git;
use crate::pipeline::{GeneratedApi, LoweredApi};

/// The lock file, relative to the workspace root.
pub const LOCK_FILE: &str = "codegen.lock";

/// The planned version of one API's crates.
#[derive(Debug, Clone)]
pub struct ApiVersion {
    /// The configured API name.
    pub name: String,
    /// The version to write into its crates' manifests.
    pub version: String,
    /// The bump from the baseline (`None` when the IR did not change).
    pub bump: Bump,
    /// The comparison with the baseline's spec, when there was one.
    pub report: Option<Report>,
    /// The entries of CHANGELOG.md, newest first, without the title line.
    pub changelog: String,
}

/// One `[[api]]` entry of `codegen.lock`.
#[derive(Debug, Clone, Deserialize)]
struct LockEntry {
    name: String,
    version: String,
    fingerprint: String,
    source: String,
    #[serde(default)]
    files: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Lock {
    #[serde(default)]
    api: Vec<LockEntry>,
}

/// Plans the version and changelog of every generated API (in the order given).
pub fn plan_versions(root: &Path, apis: &[LoweredApi]) -> Result<Vec<ApiVersion>> {
    let committed = git::show(root, "HEAD", LOCK_FILE).ok().flatten();
    let (lock_text, from_git) = match committed {
        Some(text) => (Some(text), true),
        None => (std::fs::read_to_string(root.join(LOCK_FILE)).ok(), false),
    };
    let lock: Lock = match &lock_text {
        Some(text) => toml::from_str(text).with_context(|| format!("{LOCK_FILE}: cannot parse"))?,
        None => Lock::default(),
    };
    let base_rev = if from_git {
        git::last_commit_touching(root, LOCK_FILE).ok().flatten()
    } else {
        None
    };
    apis.iter()
        .map(|api| {
            let entry = lock.api.iter().find(|e| e.name == api.config.name);
            plan_one(root, api, entry, base_rev.as_deref())
                .with_context(|| format!("api `{}`: cannot plan the version", api.config.name))
        })
        .collect()
}

fn plan_one(
    root: &Path,
    api: &LoweredApi,
    base: Option<&LockEntry>,
    rev: Option<&str>,
) -> Result<ApiVersion> {
    let models_dir = api.config.out_dir.join(&api.config.models);
    let history = committed_changelog(root, &models_dir);
    let plan = |version: String, bump, report, changelog| ApiVersion {
        name: api.config.name.clone(),
        version,
        bump,
        report,
        changelog,
    };
    let Some(base) = base else {
        let version = api.config.version.clone();
        let changelog =
            history.unwrap_or_else(|| format!("## {version}\n\nFirst generated version.\n"));
        return Ok(plan(version, Bump::None, None, changelog));
    };
    let history =
        history.unwrap_or_else(|| format!("## {}\n\nFirst generated version.\n", base.version));
    let keep = |version: &str| max_version(version, &api.config.version);
    if base.fingerprint == fingerprint(&api.ir) {
        return Ok(plan(keep(&base.version)?, Bump::None, None, history));
    }
    let old = match rev {
        Some(rev) => crate::diff::lower_config_at(root, &base_config(&api.config, base), Some(rev))
            .with_context(|| format!("the baseline spec `{}` at {rev}", base.source))?,
        None => None,
    };
    let Some(old) = old else {
        eprintln!(
            "warning: api `{}`: the spec changed but no committed baseline spec is available; version {} kept",
            api.config.name, base.version
        );
        return Ok(plan(keep(&base.version)?, Bump::None, None, history));
    };
    let report = apigen_diff::diff(&old, &api.ir);
    let bump = report.semver_bump();
    if bump == Bump::None {
        return Ok(plan(
            keep(&base.version)?,
            Bump::None,
            Some(report),
            history,
        ));
    }
    let version = keep(&bump_version(&base.version, bump)?)?;
    let entry = changelog_entry(&version, bump, &api.config, &report);
    Ok(plan(
        version,
        bump,
        Some(report),
        format!("{entry}\n{history}"),
    ))
}

/// The config of an API as the baseline lock entry recorded it (its source may have moved).
fn base_config(api: &ApiConfig, base: &LockEntry) -> ApiConfig {
    let mut cfg = api.clone();
    cfg.source = base.source.clone().into();
    if cfg.kind == SpecKind::Proto && !base.files.is_empty() {
        cfg.files = base.files.iter().map(Into::into).collect();
    }
    cfg
}

/// The entries of a crate's CHANGELOG.md at HEAD (title line removed), if it has one there.
fn committed_changelog(root: &Path, crate_dir: &Path) -> Option<String> {
    let path = format!("{}/CHANGELOG.md", slash(crate_dir));
    let text = git::show(root, "HEAD", &path).ok().flatten()?;
    let body = text
        .split_once("\n## ")
        .map(|(_, rest)| format!("## {rest}"))?;
    Some(body)
}

fn changelog_entry(version: &str, bump: Bump, api: &ApiConfig, report: &Report) -> String {
    let mut s = format!(
        "## {version}\n\n{} change of `{}`: {} changes to the API.\n",
        capitalized(bump.as_str()),
        slash(&api.source),
        report.changes.len()
    );
    for (title, severity) in [
        ("Breaking", Impact::Breaking),
        ("Compatible", Impact::Compatible),
    ] {
        let items: Vec<_> = report
            .changes
            .iter()
            .filter(|c| c.severity() == severity)
            .collect();
        if items.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{title}:\n\n"));
        for c in items {
            let wire = c.wire.map_or("n/a", Impact::as_str);
            s.push_str(&format!(
                "- {} (client: {}, server: {}, wire: {wire})\n",
                c.message,
                c.client.as_str(),
                c.server.as_str()
            ));
        }
    }
    let other = report
        .changes
        .iter()
        .filter(|c| c.severity() == Impact::None)
        .count();
    if other > 0 {
        s.push_str(&format!("\nAnd {other} documentation changes.\n"));
    }
    s
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// Adds each crate's CHANGELOG.md from the plan (the crates were emitted with its versions).
pub fn add_changelogs(apis: &mut [GeneratedApi], plan: &[ApiVersion]) {
    for (api, v) in apis.iter_mut().zip(plan) {
        for krate in &mut api.crates {
            let contents = format!(
                "# Changelog of `{}`\n\n<!-- @generated by `cargo xtask codegen` from {LOCK_FILE} and the spec history; do not edit -->\n\n{}",
                krate.name, v.changelog
            );
            krate.files.retain(|f| f.path != "CHANGELOG.md");
            krate.files.push(GeneratedFile {
                path: "CHANGELOG.md".into(),
                contents,
            });
        }
    }
}

/// The text of `codegen.lock` for generated APIs (after [`add_changelogs`]).
pub fn lock_file(apis: &[GeneratedApi]) -> String {
    let mut s = String::from(
        "# @generated by `cargo xtask codegen`: the version of each API's generated crates and a\n\
         # fingerprint of the IR it was computed for. Commit it; do not edit it.\n",
    );
    for api in apis {
        s.push_str(&format!(
            "\n[[api]]\nname = {:?}\nversion = {:?}\nfingerprint = {:?}\nsource = {:?}\n",
            api.config.name,
            api.config.version,
            fingerprint(&api.ir),
            slash(&api.config.source)
        ));
        if api.config.kind == SpecKind::Proto {
            let files: Vec<String> = api
                .config
                .files
                .iter()
                .map(|f| format!("{:?}", slash(f)))
                .collect();
            s.push_str(&format!("files = [{}]\n", files.join(", ")));
        }
    }
    s
}

/// FNV-1a (64 bit) of the IR's JSON, in hex: stable across platforms and Rust versions.
pub fn fingerprint(ir: &apigen_ir::Api) -> String {
    let json = serde_json::to_string(ir).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn parse_version(v: &str) -> Result<(u64, u64, u64)> {
    let core = v.split(['-', '+']).next().unwrap_or(v);
    let parts: Vec<&str> = core.split('.').collect();
    let [major, minor, patch] = parts.as_slice() else {
        bail!("`{v}` is not a semver version (MAJOR.MINOR.PATCH)");
    };
    let num = |s: &str| {
        s.parse::<u64>()
            .with_context(|| format!("`{v}` is not a semver version"))
    };
    Ok((num(major)?, num(minor)?, num(patch)?))
}

/// `version` bumped by Cargo's rules: from 1.0 on, major/minor/patch; before, `0.y.z` takes a
/// breaking change in `y` and anything else in `z`, and `0.0.z` takes every change in `z`.
pub fn bump_version(version: &str, bump: Bump) -> Result<String> {
    let (major, minor, patch) = parse_version(version)?;
    let (major, minor, patch) = match (major, minor, bump) {
        (_, _, Bump::None) => (major, minor, patch),
        (0, 0, _) => (0, 0, patch + 1),
        (0, _, Bump::Major) => (0, minor + 1, 0),
        (0, _, _) => (0, minor, patch + 1),
        (_, _, Bump::Major) => (major + 1, 0, 0),
        (_, _, Bump::Minor) => (major, minor + 1, 0),
        (_, _, Bump::Patch) => (major, minor, patch + 1),
    };
    Ok(format!("{major}.{minor}.{patch}"))
}

/// The larger of two versions (a version raised by hand in codegen.toml wins).
fn max_version(a: &str, b: &str) -> Result<String> {
    Ok(if parse_version(b)? > parse_version(a)? {
        b
    } else {
        a
    }
    .to_string())
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_bump_rules() {
        let b = |v, bump| bump_version(v, bump).unwrap();
        assert_eq!(b("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(b("0.1.3", Bump::Minor), "0.1.4");
        assert_eq!(b("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(b("0.0.3", Bump::Major), "0.0.4");
        assert_eq!(b("1.2.3", Bump::Major), "2.0.0");
        assert_eq!(b("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(b("1.2.3", Bump::Patch), "1.2.4");
        assert_eq!(b("1.2.3", Bump::None), "1.2.3");
        assert!(bump_version("1.2", Bump::Patch).is_err());
    }

    #[test]
    fn hand_raised_version_wins() {
        assert_eq!(max_version("0.2.0", "0.1.0").unwrap(), "0.2.0");
        assert_eq!(max_version("0.2.0", "1.0.0").unwrap(), "1.0.0");
    }

    #[test]
    fn fingerprint_is_stable() {
        let api = apigen_ir::Api {
            json_mapping: apigen_ir::JsonMapping::Plain,
            title: "A".into(),
            version: None,
            docs: Default::default(),
            servers: vec![],
            services: vec![],
            types: vec![],
            security_schemes: vec![],
            skipped: vec![],
        };
        assert_eq!(fingerprint(&api), fingerprint(&api.clone()));
        assert_eq!(fingerprint(&api).len(), 16);
    }
}
