//! Which files make a proto API: globs of files, or every file of a package; and a whole tree
//! compiled once, grouped by package.
//!
//! A proto API is a package, not a file: Cloudforet's `spaceone.api.identity.v2` is 24 files.
//! [`resolve_files`] turns `codegen.toml` patterns into files, [`package_files`] lists the files
//! of one package, and [`compile_tree`] compiles every file under a root in one protox run,
//! setting aside (with the error and its position) the files that clash with the others.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use apigen_ir::Api;
use globset::{GlobBuilder, GlobSetBuilder};
use prost_reflect::FileDescriptor;

use crate::compile::{self, Compiled};
use crate::Error;

/// The files under `root` that `patterns` name, sorted and without duplicates.
///
/// A pattern without glob characters (`*`, `?`, `[`, `{`) names one file, which must exist. A
/// glob matches paths relative to the root with `/` separators: `*` stays within one directory
/// (`spaceone/api/identity/v2/*.proto`), `**` crosses directories. A glob that matches nothing
/// is an error.
pub fn resolve_files(root: &Path, patterns: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut all: Option<Vec<PathBuf>> = None;
    for pattern in patterns {
        let text = compile::slash_path(pattern);
        if !text.contains(['*', '?', '[', '{']) {
            compile::file_name(root, pattern)?;
            out.push(pattern.clone());
            continue;
        }
        let glob = GlobBuilder::new(&text)
            .literal_separator(true)
            .build()
            .map_err(|e| Error::Pattern {
                pattern: text.clone(),
                message: e.kind().to_string(),
            })?;
        let set = GlobSetBuilder::new()
            .add(glob)
            .build()
            .map_err(|e| Error::Pattern {
                pattern: text.clone(),
                message: e.to_string(),
            })?;
        if all.is_none() {
            all = Some(compile::proto_files(root)?);
        }
        let before = out.len();
        for file in all.iter().flatten() {
            if set.is_match(compile::slash_path(file)) {
                out.push(file.clone());
            }
        }
        if out.len() == before {
            return Err(Error::Pattern {
                pattern: text,
                message: format!("matches no proto file under {}", root.display()),
            });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Every proto file under `root` with the package it declares, sorted by file. Files are only
/// parsed (imports are not resolved).
pub fn file_packages(root: &Path) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut out = Vec::new();
    for file in compile::proto_files(root)? {
        let name = compile::file_name(root, &file)?;
        let parsed = protox::file::File::open(&name, &root.join(&file))
            .map_err(|e| Error::from_protox(&e, &name))?;
        let package = parsed.file_descriptor_proto().package().to_string();
        out.push((file, package));
    }
    Ok(out)
}

/// The files under `root` that declare `package`, sorted; an error when there are none.
pub fn package_files(root: &Path, package: &str) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<PathBuf> = file_packages(root)?
        .into_iter()
        .filter(|(_, p)| p == package)
        .map(|(f, _)| f)
        .collect();
    if files.is_empty() {
        return Err(Error::PackageNotFound {
            root: root.to_path_buf(),
            package: package.to_string(),
        });
    }
    Ok(files)
}

/// A file left out of a [`CompiledTree`] because it does not compile together with the files
/// before it (it redefines a name, or declares another file's package and types).
#[derive(Debug)]
pub struct Clash {
    /// The file, relative to the root.
    pub file: PathBuf,
    /// What protox reports, with the position.
    pub error: Error,
}

/// Every proto file under a root, compiled in one protox run and grouped by package.
pub struct CompiledTree {
    compiled: Compiled,
    packages: BTreeMap<String, Vec<FileDescriptor>>,
    clashes: Vec<Clash>,
}

/// Compiles every `*.proto` file under `root` at once, in path order. A file that fails to
/// compile with the files before it is recorded as a [`Clash`] and left out; the others stay.
pub fn compile_tree(root: &Path) -> Result<CompiledTree, Error> {
    let files = compile::proto_files(root)?;
    let (compiled, failed) = compile::compile_lenient(root, &files)?;
    let mut packages: BTreeMap<String, Vec<FileDescriptor>> = BTreeMap::new();
    for file in &compiled.files {
        packages
            .entry(file.package_name().to_string())
            .or_default()
            .push(file.clone());
    }
    let clashes = failed
        .into_iter()
        .map(|(file, error)| Clash { file, error })
        .collect();
    Ok(CompiledTree {
        compiled,
        packages,
        clashes,
    })
}

impl CompiledTree {
    /// The packages that declare at least one service, sorted.
    pub fn service_packages(&self) -> Vec<&str> {
        self.packages
            .iter()
            .filter(|(_, files)| files.iter().any(|f| f.services().next().is_some()))
            .map(|(p, _)| p.as_str())
            .collect()
    }

    /// The files of a package, relative to the root, in path order.
    pub fn files_of(&self, package: &str) -> Vec<PathBuf> {
        self.packages
            .get(package)
            .map(|files| files.iter().map(|f| PathBuf::from(f.name())).collect())
            .unwrap_or_default()
    }

    /// The files that clash with the rest of the tree (compile them alone).
    pub fn clashes(&self) -> &[Clash] {
        &self.clashes
    }

    /// Lowers every service of a package into one API, as [`crate::load_files`] does for the
    /// package's files.
    pub fn lower_package(&self, package: &str) -> Result<Api, Error> {
        let Some(files) = self.packages.get(package) else {
            return Err(Error::PackageNotFound {
                root: PathBuf::new(),
                package: package.to_string(),
            });
        };
        let services: Vec<_> = files.iter().flat_map(|f| f.services()).collect();
        crate::lower::lower(&self.compiled, &services, files)
    }
}
