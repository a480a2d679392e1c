//! Compiling proto files with protox, and finding them under a root.

use std::path::{Component, Path, PathBuf};

use prost_reflect::{DescriptorPool, FileDescriptor};

use crate::Error;

/// Files compiled together, with everything they import.
pub(crate) struct Compiled {
    /// The pool holding the files, their imports and source info (comments, spans).
    pub pool: DescriptorPool,
    /// The requested files, in the order they were asked for.
    pub files: Vec<FileDescriptor>,
}

/// Compiles `files` (relative to `root`, or absolute under it) with `root` as the only include
/// path; `google/protobuf/*` comes from protox's bundled copies.
pub(crate) fn compile(root: &Path, files: &[PathBuf]) -> Result<Compiled, Error> {
    let mut compiler = protox::Compiler::new([root]).map_err(|e| Error::from_protox(&e, ""))?;
    compiler.include_source_info(true);
    let mut names = Vec::with_capacity(files.len());
    for file in files {
        let name = file_name(root, file)?;
        if names.contains(&name) {
            continue;
        }
        compiler
            .open_file(&name)
            .map_err(|e| Error::from_protox(&e, &name))?;
        names.push(name);
    }
    let pool = compiler.descriptor_pool();
    let files = names
        .iter()
        .filter_map(|name| pool.get_file_by_name(name))
        .collect();
    Ok(Compiled { pool, files })
}

/// Compiles `files` in one protox run like [`compile`], but a file that fails (it clashes with
/// the files before it, or does not compile at all) is set aside with its error instead of
/// failing the run. Returns the compiled files and the failed ones.
pub(crate) fn compile_lenient(
    root: &Path,
    files: &[PathBuf],
) -> Result<(Compiled, Vec<(PathBuf, Error)>), Error> {
    let mut compiler = protox::Compiler::new([root]).map_err(|e| Error::from_protox(&e, ""))?;
    compiler.include_source_info(true);
    let mut names = Vec::with_capacity(files.len());
    let mut failed = Vec::new();
    for file in files {
        let name = file_name(root, file)?;
        match compiler.open_file(&name) {
            Ok(_) => names.push(name),
            Err(e) => failed.push((file.clone(), Error::from_protox(&e, &name))),
        }
    }
    let pool = compiler.descriptor_pool();
    let files = names
        .iter()
        .filter_map(|name| pool.get_file_by_name(name))
        .collect();
    Ok((Compiled { pool, files }, failed))
}

/// A relative path with `/` separators on every platform.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The proto name (`a/b.proto`) of a file given relative to `root` or as a path under it.
/// Fails when the file does not exist or lies outside `root`.
pub(crate) fn file_name(root: &Path, file: &Path) -> Result<String, Error> {
    let relative = if file.is_absolute() {
        file.strip_prefix(root).unwrap_or(file)
    } else {
        file
    };
    let full = root.join(relative);
    if !full.is_file() {
        return Err(Error::Io {
            path: full,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "proto file not found"),
        });
    }
    let mut name = String::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => {
                if !name.is_empty() {
                    name.push('/');
                }
                name.push_str(&part.to_string_lossy());
            }
            Component::CurDir => {}
            _ => {
                return Err(Error::Io {
                    path: full,
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "proto file must lie under the root",
                    ),
                })
            }
        }
    }
    Ok(name)
}

/// Every `*.proto` file under `root`, as paths relative to it, sorted.
pub(crate) fn proto_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    let mut dirs = vec![PathBuf::new()];
    while let Some(dir) = dirs.pop() {
        let full = root.join(&dir);
        let io = |source| Error::Io {
            path: full.clone(),
            source,
        };
        for entry in std::fs::read_dir(&full).map_err(io)? {
            let entry = entry.map_err(io)?;
            let relative = dir.join(entry.file_name());
            let kind = entry.file_type().map_err(io)?;
            if kind.is_dir() {
                dirs.push(relative);
            } else if relative.extension().is_some_and(|e| e == "proto") {
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}
