//! `cargo xtask diff OLD [NEW] [--format markdown|json] [--fail-on breaking|client|server|wire]`.
//!
//! OLD and NEW are each an OpenAPI file (`.yaml`, `.yml`, `.json`), a proto root directory, or
//! `git:REV` (this repository at a revision). With `git:REV` on one side and a path on the
//! other, the path is read at REV too. With only `git:REV` (or `git:A git:B`), every API of
//! `codegen.toml` is compared: at REV against the working tree (or at A against B).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use apigen_diff::{Impact, Report};
use apigen_ir::Api;

use crate::config::{ApiConfig, Config, SpecKind};
use crate::git::{self, TempDir};
use crate::lower::{lower, Source};
use crate::reading::Reading;

/// One side of a comparison, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A spec file or proto root on disk.
    Path(PathBuf),
    /// This repository at a revision.
    Git(String),
}

impl Side {
    fn parse(arg: &str) -> Side {
        match arg.strip_prefix("git:") {
            Some(rev) => Side::Git(rev.to_string()),
            None => Side::Path(PathBuf::from(arg)),
        }
    }
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For a pull-request comment or CI job summary.
    Markdown,
    /// For tools.
    Json,
}

/// Which changes make the command fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Never (the default).
    Never,
    /// A change breaking for any audience.
    Breaking,
    /// A change breaking for client users.
    Client,
    /// A change breaking for server implementors.
    Server,
    /// A change breaking on the wire.
    Wire,
}

/// The parsed command line.
#[derive(Debug, Clone)]
pub struct Args {
    /// The old side.
    pub old: Side,
    /// The new side (`None`: the working tree, for every configured API).
    pub new: Option<Side>,
    /// Output format.
    pub format: Format,
    /// When to fail.
    pub fail_on: FailOn,
    /// The codegen config (for `git:` sides and proto file lists).
    pub config: PathBuf,
}

/// Parses the arguments after `diff`.
pub fn parse_args(root: &Path, args: &[String]) -> Result<Args> {
    let mut sides = Vec::new();
    let mut format = Format::Markdown;
    let mut fail_on = FailOn::Never;
    let mut config = root.join("codegen.toml");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--format" => {
                format = match value("--format")?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => bail!("unknown --format `{other}` (markdown or json)"),
                }
            }
            "--fail-on" => {
                fail_on = match value("--fail-on")?.as_str() {
                    "breaking" => FailOn::Breaking,
                    "client" => FailOn::Client,
                    "server" => FailOn::Server,
                    "wire" => FailOn::Wire,
                    "never" => FailOn::Never,
                    other => bail!(
                        "unknown --fail-on `{other}` (breaking, client, server, wire or never)"
                    ),
                }
            }
            "--config" => config = PathBuf::from(value("--config")?),
            flag if flag.starts_with("--") => bail!("unknown argument `{flag}`"),
            side => sides.push(Side::parse(side)),
        }
    }
    let mut sides = sides.into_iter();
    let Some(old) = sides.next() else {
        bail!("diff needs OLD (a spec file, a proto root or git:REV)");
    };
    let new = sides.next();
    if sides.next().is_some() {
        bail!("diff takes at most two specs, OLD and NEW");
    }
    if matches!(old, Side::Path(_)) && new.is_none() {
        bail!("diff needs NEW when OLD is a path (only `git:REV` alone compares every configured API)");
    }
    Ok(Args {
        old,
        new,
        format,
        fail_on,
        config,
    })
}

/// One compared API.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The configured API name, or the new spec's path.
    pub name: String,
    /// What changed.
    pub report: Report,
}

/// Runs the command: prints the report and fails when `--fail-on` says so.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let args = parse_args(root, args)?;
    let comparisons = compare(root, &args)?;
    println!("{}", render(&comparisons, args.format));
    let failing = comparisons.iter().any(|c| fails(&c.report, args.fail_on));
    if failing {
        let which = match args.fail_on {
            FailOn::Client => "client",
            FailOn::Server => "server",
            FailOn::Wire => "wire",
            FailOn::Breaking | FailOn::Never => "breaking",
        };
        bail!("breaking changes found (--fail-on {which})");
    }
    Ok(())
}

fn fails(report: &Report, fail_on: FailOn) -> bool {
    let any = |f: &dyn Fn(&apigen_diff::Change) -> bool| report.changes.iter().any(f);
    match fail_on {
        FailOn::Never => false,
        FailOn::Breaking => report.has_breaking(),
        FailOn::Client => any(&|c| c.client == Impact::Breaking),
        FailOn::Server => any(&|c| c.server == Impact::Breaking),
        FailOn::Wire => report.has_wire_breaking(),
    }
}

/// Renders comparisons: Markdown sections one after the other, or a JSON array.
pub fn render(comparisons: &[Comparison], format: Format) -> String {
    match format {
        Format::Markdown => {
            if comparisons.is_empty() {
                return "No API to compare.".to_string();
            }
            let parts: Vec<String> = comparisons.iter().map(|c| c.report.to_markdown()).collect();
            parts.join("\n").trim_end().to_string()
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = comparisons
                .iter()
                .map(|c| {
                    let mut v = c.report.to_json();
                    v["api"] = serde_json::Value::String(c.name.clone());
                    v
                })
                .collect();
            serde_json::to_string_pretty(&items).unwrap_or_default()
        }
    }
}

/// Lowers both sides and compares them.
pub fn compare(root: &Path, args: &Args) -> Result<Vec<Comparison>> {
    let config = || Config::load(&args.config);
    match (&args.old, &args.new) {
        (Side::Path(a), Some(Side::Path(b))) => {
            let cfg = config().ok();
            let (old, new) = both(
                || read_path(root, cfg.as_ref(), a).with_context(|| side("OLD", a)),
                || read_path(root, cfg.as_ref(), b).with_context(|| side("NEW", b)),
            );
            let (old, new) = (old?, new?);
            Ok(vec![pair(display(b), old, new, display(a), display(b))?])
        }
        (Side::Git(rev), Some(Side::Path(p))) | (Side::Path(p), Some(Side::Git(rev))) => {
            let old_is_git = matches!(args.old, Side::Git(_));
            let cfg = config().ok();
            let (git_side, path_side) = if old_is_git {
                ("OLD", "NEW")
            } else {
                ("NEW", "OLD")
            };
            let here = read_path(root, cfg.as_ref(), p).with_context(|| side(path_side, p))?;
            let there = read_path_at(root, cfg.as_ref(), p, rev)
                .with_context(|| format!("{git_side} (git:{rev})"))?;
            let at_rev = format!("{} at {rev}", display(p));
            let (old, new, lo, ln) = if old_is_git {
                (there, here, at_rev, display(p))
            } else {
                (here, there, display(p), at_rev)
            };
            Ok(vec![pair(display(p), old, new, lo, ln)?])
        }
        (Side::Git(a), b) => {
            let cfg = config()?;
            let b = match b {
                Some(Side::Git(b)) => Some(b.as_str()),
                _ => None,
            };
            let mut out = Vec::new();
            for api in &cfg.apis {
                let Some(old) = read_config_at(root, api, Some(a))
                    .with_context(|| format!("OLD (git:{a}), api `{}`", api.name))?
                else {
                    eprintln!(
                        "note: api `{}` does not exist at {a}; nothing to compare",
                        api.name
                    );
                    continue;
                };
                let new_side = b.map_or("NEW (working tree)".to_string(), |b| {
                    format!("NEW (git:{b})")
                });
                let Some(new) = read_config_at(root, api, b)
                    .with_context(|| format!("{new_side}, api `{}`", api.name))?
                else {
                    eprintln!(
                        "note: api `{}` does not exist at {}; nothing to compare",
                        api.name,
                        b.unwrap_or("the working tree")
                    );
                    continue;
                };
                let src = display(&api.source);
                let ln = b.map_or(src.clone(), |b| format!("{src} at {b}"));
                out.push(pair(
                    api.name.clone(),
                    old,
                    new,
                    format!("{src} at {a}"),
                    ln,
                )?);
            }
            Ok(out)
        }
        (Side::Path(_), None) => bail!("diff needs NEW when OLD is a path"),
    }
}

/// Runs two readings at once (one on a helper thread).
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> Result<A> + Send,
    b: impl FnOnce() -> Result<B> + Send,
) -> (Result<A>, Result<B>) {
    std::thread::scope(|scope| {
        let handle = scope.spawn(a);
        let second = b();
        let first = handle
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("internal error: a reading panicked")));
        (first, second)
    })
}

fn side(which: &str, p: &Path) -> String {
    format!("{which} ({})", p.display())
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn pair(
    name: String,
    old: Reading,
    new: Reading,
    old_label: String,
    new_label: String,
) -> Result<Comparison> {
    apigen_diff::check_related(old.api(), new.api())
        .with_context(|| format!("cannot compare OLD ({old_label}) with NEW ({new_label})"))?;
    for (which, reading) in [("OLD", &old), ("NEW", &new)] {
        let unread = reading.unread();
        if !unread.is_empty() {
            eprintln!(
                "note: {which}: {} element(s) could not be read; a change to them is reported as unknown:",
                unread.len()
            );
            for u in unread.iter().take(10) {
                eprintln!("  {}: {}", u.location, u.reason);
            }
            if unread.len() > 10 {
                eprintln!("  … and {} more", unread.len() - 10);
            }
        }
    }
    let mut report = Reading::diff(&old, &new);
    report.old_label = old_label;
    report.new_label = new_label;
    Ok(Comparison { name, report })
}

/// The configured API whose source is `rel` (a `/`-separated path from the root), if any.
fn configured<'a>(config: Option<&'a Config>, rel: Option<&str>) -> Option<&'a ApiConfig> {
    let rel = rel?;
    config?.apis.iter().find(|a| {
        let src = a
            .source
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        src.trim_end_matches('/') == rel.trim_end_matches('/')
    })
}

/// Lowers a spec file or proto root on disk; a configured proto root reads the files
/// `codegen.toml` lists, any other root the files that declare services.
pub fn lower_any(root: &Path, path: &Path) -> Result<Api> {
    let config = Config::load(&root.join("codegen.toml")).ok();
    lower_path(root, config.as_ref(), path)
}

/// Lowers a spec file or proto root on disk.
fn lower_path(root: &Path, config: Option<&Config>, path: &Path) -> Result<Api> {
    if path.is_dir() {
        let rel = git::relative(root, path);
        let files = match configured(config, rel.as_deref()) {
            Some(api) => api.files.clone(),
            None => proto_files(path)?,
        };
        return lower(SpecKind::Proto, Source::protos(path, &files));
    }
    if !path.exists() {
        bail!("{}: no such file or directory", path.display());
    }
    if path.extension().is_some_and(|e| e == "proto") {
        bail!(
            "{}: a .proto file; pass its proto root directory instead",
            path.display()
        );
    }
    lower(SpecKind::Openapi, Source::file(path))
}

/// Reads a spec file or proto root on disk tolerantly: a configured proto root reads the files
/// `codegen.toml` lists, any other root every `*.proto` file under it.
fn read_path(root: &Path, config: Option<&Config>, path: &Path) -> Result<Reading> {
    if path.is_dir() {
        let rel = git::relative(root, path);
        let files = configured(config, rel.as_deref()).map(|api| api.files.clone());
        return Reading::proto(path, files.as_deref());
    }
    if !path.exists() {
        bail!("{}: no such file or directory", path.display());
    }
    if path.extension().is_some_and(|e| e == "proto") {
        bail!(
            "{}: a .proto file; pass its proto root directory instead",
            path.display()
        );
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the file", path.display()))?;
    Reading::openapi(&path.display().to_string(), &text)
}

/// [`read_path`] of the spec at `path` as it was at `rev`.
fn read_path_at(root: &Path, config: Option<&Config>, path: &Path, rev: &str) -> Result<Reading> {
    let Some(rel) = git::relative(root, path) else {
        bail!(
            "{} is outside the repository, so it has no git revision",
            path.display()
        );
    };
    git::resolve(root, rev)?;
    if path.is_dir() {
        let tmp = TempDir::new("diff")?;
        if git::materialize_dir(root, rev, &rel, tmp.path())? == 0 {
            bail!("{rel} does not exist at {rev}");
        }
        let files = configured(config, Some(&rel)).map(|api| api.files.clone());
        return Reading::proto(tmp.path(), files.as_deref());
    }
    let Some(text) = git::show(root, rev, &rel)? else {
        bail!("{rel} does not exist at {rev}");
    };
    Reading::openapi(&format!("{rev}:{rel}"), &text)
}

/// [`lower_config_at`], read tolerantly.
fn read_config_at(root: &Path, api: &ApiConfig, rev: Option<&str>) -> Result<Option<Reading>> {
    let rel = api
        .source
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let Some(rev) = rev else {
        let source = root.join(&api.source);
        return Ok(Some(match api.kind {
            SpecKind::Openapi => {
                let text = std::fs::read_to_string(&source)
                    .with_context(|| format!("{}: cannot read the file", source.display()))?;
                Reading::openapi(&rel, &text)?
            }
            SpecKind::Proto => Reading::proto(&source, Some(&api.files))?,
        }));
    };
    git::resolve(root, rev)?;
    match api.kind {
        SpecKind::Openapi => match git::show(root, rev, &rel)? {
            Some(text) => Ok(Some(Reading::openapi(&format!("{rev}:{rel}"), &text)?)),
            None => Ok(None),
        },
        SpecKind::Proto => {
            let tmp = TempDir::new("diff")?;
            if git::materialize_dir(root, rev, &rel, tmp.path())? == 0 {
                return Ok(None);
            }
            Ok(Some(Reading::proto(tmp.path(), Some(&api.files))?))
        }
    }
}

/// The proto files under a root that declare services.
fn proto_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = apigen_proto::discover(root)?
        .into_iter()
        .map(|s| s.file)
        .collect();
    files.dedup();
    if files.is_empty() {
        bail!(
            "{}: no proto file under this root declares a service",
            root.display()
        );
    }
    Ok(files)
}

/// Lowers a configured API at `rev` (`None`: the working tree); `None` when its spec does not
/// exist there.
pub fn lower_config_at(root: &Path, api: &ApiConfig, rev: Option<&str>) -> Result<Option<Api>> {
    let Some(rev) = rev else {
        return crate::pipeline::lower(root, api).map(Some);
    };
    git::resolve(root, rev)?;
    let rel = api
        .source
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    match api.kind {
        SpecKind::Openapi => match git::show(root, rev, &rel)? {
            Some(text) => {
                let name = format!("{rev}:{rel}");
                lower(
                    api.kind,
                    Source::Text {
                        name: &name,
                        text: &text,
                    },
                )
                .map(Some)
            }
            None => Ok(None),
        },
        SpecKind::Proto => {
            let tmp = TempDir::new("diff")?;
            if git::materialize_dir(root, rev, &rel, tmp.path())? == 0 {
                return Ok(None);
            }
            let files = crate::pipeline::proto_files_in(tmp.path(), api)?;
            lower(api.kind, Source::protos(tmp.path(), &files)).map(Some)
        }
    }
}
