//! Reading files of this repository at a git revision, and temporary directories to lower
//! them from. Only `git` on the PATH is needed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{bail, Context, Result};

/// Runs `git` in `root` and returns its standard output; fails with git's own message.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("cannot run `git` (is it installed and on the PATH?)")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!("`git {}` failed: {}", args.join(" "), err.trim());
    }
    Ok(out.stdout)
}

/// The full commit id a revision names; a clear error when it names none.
pub fn resolve(root: &Path, rev: &str) -> Result<String> {
    let spec = format!("{rev}^{{commit}}");
    let out = git(root, &["rev-parse", "--verify", "--quiet", &spec])
        .map_err(|_| anyhow::anyhow!("`{rev}` is not a commit of this repository"))?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// The last commit that changed `path`, if any.
pub fn last_commit_touching(root: &Path, path: &str) -> Result<Option<String>> {
    let out = git(root, &["log", "-1", "--format=%H", "--", path])?;
    let id = String::from_utf8_lossy(&out).trim().to_string();
    Ok((!id.is_empty()).then_some(id))
}

/// The contents of `path` (relative to the repository root, `/`-separated) at `rev`, or
/// `None` when the file does not exist there.
pub fn show(root: &Path, rev: &str, path: &str) -> Result<Option<String>> {
    let listed = git(root, &["ls-tree", "--name-only", rev, "--", path])?;
    if listed.is_empty() {
        return Ok(None);
    }
    let bytes = git(root, &["show", &format!("{rev}:{path}")])?;
    let text = String::from_utf8(bytes).with_context(|| format!("{rev}:{path} is not UTF-8"))?;
    Ok(Some(text))
}

/// Writes every file below `dir` (relative to the repository root) as of `rev` into `dest`,
/// keeping paths relative to `dir`; returns how many files were written.
pub fn materialize_dir(root: &Path, rev: &str, dir: &str, dest: &Path) -> Result<usize> {
    let listed = git(root, &["ls-tree", "-r", "--name-only", rev, "--", dir])?;
    let listed = String::from_utf8_lossy(&listed).into_owned();
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    let mut n = 0;
    for file in listed.lines() {
        let Some(rel) = file.strip_prefix(&prefix) else {
            continue;
        };
        let bytes = git(root, &["show", &format!("{rev}:{file}")])?;
        let target = dest.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create directory", parent.display()))?;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("{}: cannot write", target.display()))?;
        n += 1;
    }
    Ok(n)
}

/// A `/`-separated path relative to `root`, if `path` is inside it.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let abs = abs.canonicalize().unwrap_or(abs);
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let rel = abs.strip_prefix(&root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// A directory under the system temp dir, removed with everything in it when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates a fresh, empty directory.
    pub fn new(purpose: &str) -> Result<TempDir> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("apigen-{purpose}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        Ok(TempDir(dir))
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
