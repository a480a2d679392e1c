//! `cargo xtask openapi SOURCE [FILE…] [--package NAME]`: prints the OpenAPI 3.1 document
//! (JSON) of an API, written from its IR by `apigen-openapi-export`. SOURCE is an OpenAPI
//! file, or a proto root with the proto files (paths or globs below it, as `files` in
//! codegen.toml) or the `--package` to read.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::config::SpecKind;
use crate::lower::{lower, Source};

/// Runs the command with its arguments (after `openapi`).
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut source = None;
    let mut files = Vec::new();
    let mut package = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--package" => match it.next() {
                Some(p) => package = Some(p.clone()),
                None => bail!("--package needs a proto package name"),
            },
            other if other.starts_with("--") => bail!("unknown option `{other}`"),
            other if source.is_none() => source = Some(PathBuf::from(other)),
            other => files.push(PathBuf::from(other)),
        }
    }
    let Some(source) = source else {
        bail!("usage: cargo xtask openapi SOURCE [FILE…] [--package NAME]");
    };
    let source = if source.is_absolute() {
        source
    } else {
        cwd_or(root).join(source)
    };
    print!("{}", document(&source, &files, package.as_deref(), None)?);
    Ok(())
}

/// The document of the API at `source` (an OpenAPI file, or a proto root with `files` or a
/// `package`), as pretty JSON; `note` goes into `x-generated`.
///
/// # Errors
/// The frontend's error, proto files given for an OpenAPI file, or the writer's error.
pub fn document(
    source: &Path,
    files: &[PathBuf],
    package: Option<&str>,
    note: Option<String>,
) -> Result<String> {
    let api = if source.is_dir() {
        let files = match package {
            Some(package) => apigen_proto::package_files(source, package)?,
            None => apigen_proto::resolve_files(source, files)?,
        };
        if files.is_empty() {
            bail!(
                "{}: no proto files given (name FILEs or --package)",
                source.display()
            );
        }
        lower(SpecKind::Proto, Source::protos(source, &files))?
    } else {
        if !files.is_empty() || package.is_some() {
            bail!(
                "{}: an OpenAPI file takes no proto FILEs or --package",
                source.display()
            );
        }
        lower(SpecKind::Openapi, Source::file(source))?
    };
    write(&api, note)
}

/// The document of a lowered API as pretty JSON.
///
/// # Errors
/// The writer's error.
pub fn write(api: &apigen_ir::Api, note: Option<String>) -> Result<String> {
    let options = apigen_openapi_export::Options {
        generated_note: note,
    };
    Ok(apigen_openapi_export::document(api, &options)?.to_json())
}

/// The directory relative paths are read from: the caller's (cargo runs xtask in the
/// workspace root, so `cargo xtask openapi spec/…` works from there).
fn cwd_or(root: &Path) -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| root.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        crate::workspace_root()
    }

    #[test]
    fn both_frontends_give_a_document_and_misuse_is_an_error() {
        let proto = root().join("spec/cloudforet");
        let by_package = document(&proto, &[], Some("spaceone.api.identity.v2"), None).unwrap();
        let by_glob = document(
            &proto,
            &[PathBuf::from("spaceone/api/identity/v2/*.proto")],
            None,
            None,
        )
        .unwrap();
        assert_eq!(by_package, by_glob);
        assert!(by_package.contains("\"/identity/v2/token/issue\""));
        let openapi = root().join("spec/ionos/auth-v1.yaml");
        let doc = document(&openapi, &[], None, Some("note".into())).unwrap();
        let value: serde_json::Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(value["x-generated"], "note");
        assert!(value["paths"]["/tokens"]["get"].is_object());
        let e = document(&openapi, &[PathBuf::from("a.proto")], None, None).unwrap_err();
        assert!(e.to_string().contains("takes no proto FILEs"), "{e}");
        let e = document(&proto, &[], None, None).unwrap_err();
        assert!(e.to_string().contains("no proto files given"), "{e}");
    }
}
