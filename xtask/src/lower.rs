//! The one place that picks the frontend for a spec: [`lower`] (spec → IR) and, for the
//! benchmarks that time the steps apart, [`parse`] then [`Parsed::lower`]. Codegen, diff,
//! conformance and bench all go through here, so a new frontend is one more [`SpecKind`] arm
//! in this file (and one in `crate::reading`, the tolerant readings `diff` compares).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use apigen_ir::Api;

use crate::config::SpecKind;

/// Where a spec comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// On disk: an OpenAPI file (`files` unused), or a proto root and the files under it to
    /// compile together.
    Disk {
        /// The file or proto root.
        path: &'a Path,
        /// Proto files, relative to `path`.
        files: &'a [PathBuf],
    },
    /// An OpenAPI document's text (read from git), with the name errors give it (`REV:path`).
    Text {
        /// The name in messages.
        name: &'a str,
        /// The YAML or JSON text.
        text: &'a str,
    },
}

impl<'a> Source<'a> {
    /// An OpenAPI file on disk.
    pub fn file(path: &'a Path) -> Self {
        Source::Disk { path, files: &[] }
    }

    /// A proto root and the files to compile.
    pub fn protos(path: &'a Path, files: &'a [PathBuf]) -> Self {
        Source::Disk { path, files }
    }
}

/// Lowers a spec of `kind` to the IR with its frontend.
///
/// # Errors
/// The frontend's error (naming file and place), or a proto source given as text.
pub fn lower(kind: SpecKind, source: Source<'_>) -> Result<Api> {
    Ok(match (kind, source) {
        (SpecKind::Openapi, Source::Disk { path, .. }) => apigen_openapi::load(path)?,
        (SpecKind::Openapi, Source::Text { name, text }) => apigen_openapi::parse(name, text)?,
        (SpecKind::Proto, Source::Disk { path, files }) => apigen_proto::load_files(path, files)?,
        (SpecKind::Proto, Source::Text { name, .. }) => {
            bail!("{name}: proto files are read from a directory, not from one text")
        }
    })
}

/// A spec after the parse step, before lowering.
pub enum Parsed {
    /// A typed OpenAPI document.
    Openapi(Box<apigen_openapi::Document>),
    /// Compiled proto files.
    Proto(apigen_proto::CompiledFiles),
}

/// The parse step of [`lower`]: reads the spec into a typed document (proto: compiles the
/// files). Unlike [`lower`], OpenAPI runs on the caller's thread (see `apigen_openapi::parse`).
///
/// # Errors
/// As [`lower`], and an unreadable file.
pub fn parse(kind: SpecKind, source: Source<'_>) -> Result<Parsed> {
    Ok(match (kind, source) {
        (SpecKind::Openapi, Source::Disk { path, .. }) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the spec", path.display()))?;
            let name = path.display().to_string();
            Parsed::Openapi(Box::new(apigen_openapi::read_document(&name, &text)?))
        }
        (SpecKind::Openapi, Source::Text { name, text }) => {
            Parsed::Openapi(Box::new(apigen_openapi::read_document(name, text)?))
        }
        (SpecKind::Proto, Source::Disk { path, files }) => {
            Parsed::Proto(apigen_proto::compile_files(path, files)?)
        }
        (SpecKind::Proto, Source::Text { name, .. }) => {
            bail!("{name}: proto files are read from a directory, not from one text")
        }
    })
}

impl Parsed {
    /// The lower step: the document to the IR.
    ///
    /// # Errors
    /// The frontend's error.
    pub fn lower(&self) -> Result<Api> {
        Ok(match self {
            Parsed::Openapi(doc) => doc.lower()?,
            Parsed::Proto(compiled) => compiled.lower()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proto_text_is_refused_and_errors_name_the_source() {
        let e = lower(
            SpecKind::Proto,
            Source::Text {
                name: "HEAD:x",
                text: "",
            },
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("HEAD:x: proto files"), "{e}");
        let e = lower(
            SpecKind::Openapi,
            Source::Text {
                name: "HEAD:spec.yaml",
                text: "openapi: [",
            },
        )
        .unwrap_err();
        assert!(format!("{e:#}").contains("HEAD:spec.yaml"), "{e:#}");
    }
}
