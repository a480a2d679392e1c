//! `codegen.toml`: which APIs to generate, from which specs, into which crates.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// One entry per API.
    #[serde(default, rename = "api")]
    pub apis: Vec<ApiConfig>,
}

/// The kind of spec an API is defined by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpecKind {
    /// An OpenAPI 3.0 document.
    Openapi,
    /// proto3 files with `google.api.http` bindings.
    Proto,
}

/// One API and the crates generated from it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// Short name used in messages (`ionos-auth`).
    pub name: String,
    /// What kind of spec `source` is.
    pub kind: SpecKind,
    /// The spec file (OpenAPI) or proto root directory (proto), relative to the workspace root.
    pub source: PathBuf,
    /// Proto files to read, relative to `source` (proto only): paths or globs
    /// (`spaceone/api/identity/v2/*.proto`).
    #[serde(default)]
    pub files: Vec<PathBuf>,
    /// A proto package: every file under `source` that declares it (proto only; instead of
    /// `files`).
    #[serde(default)]
    pub package: Option<String>,
    /// Package name of the gRPC crate (tonic client and server; proto only). None: no gRPC.
    #[serde(default)]
    pub grpc: Option<String>,
    /// Package name of the models crate.
    pub models: String,
    /// Package name of the client crate.
    pub client: String,
    /// Package name of the server crate.
    pub server: String,
    /// Directory the crates are written to, relative to the workspace root.
    pub out_dir: PathBuf,
    /// Version of the generated crates.
    #[serde(default = "default_version")]
    pub version: String,
    /// SPDX license expression of the generated crates (`Apache-2.0` by default).
    #[serde(default = "default_license")]
    pub license: String,
    /// Prefix of the environment variables the generated client's `env()` reads
    /// (`IONOS` → `IONOS_API_URL`, `IONOS_TOKEN`, `IONOS_USERNAME`, `IONOS_PASSWORD`). Without
    /// it the client has no `env()`.
    #[serde(default)]
    pub env_prefix: Option<String>,
    /// Whether `cargo xtask codegen` also writes the API's OpenAPI 3.1 document, as
    /// `openapi.json` in the server crate (the document the server answers to).
    #[serde(default)]
    pub openapi: bool,
    /// Where `apigen-runtime` is, for scratch workspaces outside the repository's layout
    /// (conformance, semver checks); not read from the file. `None`: the crates find it at
    /// its place in this repository, relative to `out_dir`.
    #[serde(skip)]
    pub runtime_dir: Option<PathBuf>,
}

fn default_license() -> String {
    "Apache-2.0".to_string()
}

fn default_version() -> String {
    "0.1.0".to_string()
}

impl Config {
    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the codegen config", path.display()))?;
        Self::parse(path, &text)
    }

    /// Parses and checks config text; `path` is used in messages only.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let place = e
                .span()
                .map(|s| {
                    let (line, col) = line_col(text, s.start);
                    format!(":{line}:{col}")
                })
                .unwrap_or_default();
            anyhow::anyhow!("{}{place}: {}", path.display(), e.message())
        })?;
        config.check(path)?;
        Ok(config)
    }

    fn check(&self, path: &Path) -> Result<()> {
        if self.apis.is_empty() {
            bail!(
                "{}: no [[api]] entries: nothing to generate",
                path.display()
            );
        }
        let mut names = std::collections::BTreeSet::new();
        let mut crates = std::collections::BTreeSet::new();
        for api in &self.apis {
            if !names.insert(&api.name) {
                bail!("{}: api `{}` is configured twice", path.display(), api.name);
            }
            for c in [&api.models, &api.client, &api.server]
                .into_iter()
                .chain(api.grpc.as_ref())
            {
                if !crates.insert(c) {
                    bail!(
                        "{}: crate `{c}` (api `{}`) is configured twice",
                        path.display(),
                        api.name
                    );
                }
            }
            match (api.kind, api.files.is_empty(), &api.package) {
                (SpecKind::Proto, true, None) => bail!(
                    "{}: api `{}` is a proto API but names no `files` and no `package`",
                    path.display(),
                    api.name
                ),
                (SpecKind::Proto, false, Some(_)) => bail!(
                    "{}: api `{}` names both `files` and `package`: use one",
                    path.display(),
                    api.name
                ),
                (SpecKind::Openapi, _, _) if api.grpc.is_some() => bail!(
                    "{}: api `{}`: `grpc` is for proto APIs only",
                    path.display(),
                    api.name
                ),
                (SpecKind::Openapi, _, Some(_)) => bail!(
                    "{}: api `{}`: `package` is for proto APIs only",
                    path.display(),
                    api.name
                ),
                _ => {}
            }
            if let Some(prefix) = &api.env_prefix {
                let valid = prefix
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                    && prefix.starts_with(|c: char| c.is_ascii_uppercase());
                if !valid {
                    bail!(
                        "{}: api `{}`: env_prefix `{prefix}` must be upper-case ASCII letters, digits and `_`, starting with a letter",
                        path.display(),
                        api.name
                    );
                }
            }
            if api.out_dir.is_absolute() || api.out_dir.components().any(|c| c.as_os_str() == "..")
            {
                bail!(
                    "{}: api `{}`: out_dir must be a relative path inside the workspace",
                    path.display(),
                    api.name
                );
            }
        }
        Ok(())
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
