//! Protobuf frontend: lowers proto3 services with `google.api.http` bindings to the apigen IR.
//!
//! Files are compiled with [protox] (pure Rust, no `protoc`) with one include root; the
//! well-known `google/protobuf/*` files come bundled with protox. One [`Api`] holds one or more
//! proto services:
//!
//! - each rpc with a `google.api.http` binding becomes an operation with the rpc's name as id;
//!   each of its `additional_bindings` becomes another operation with id `{rpc}_{n}` (n from 1).
//!   Streaming rpcs and rpcs without a binding are listed in [`Api::skipped`];
//! - a comment line `+noauth` on an rpc means no security; every other operation requires the
//!   [`BEARER_SCHEME`] scheme, which the API declares only when some operation uses it;
//! - a comment line `+optional` on a field makes it optional; otherwise singular proto3 fields
//!   are required (the Cloudforet convention), repeated, map, `optional` and `oneof` fields not;
//! - messages and enums become types named by their full name (`pkg.Msg.Nested`), with the
//!   proto field names as wire names and the proto3 JSON mapping (64-bit integers as strings,
//!   enums as value names); `google.protobuf` types map to JSON forms and never become types.
//!
//! Errors carry `FILE:LINE:COL` positions, with `FILE` relative to the root (see [`Error`]).

#![warn(missing_docs)]

mod comments;
mod compile;
mod error;
mod http;
mod lower;
mod operation;
mod select;
#[cfg(test)]
mod tests;
mod tolerant;
mod types;

use std::path::{Path, PathBuf};

use apigen_ir::Api;

pub use error::{Error, SourcePos};
pub use lower::BEARER as BEARER_SCHEME;
pub use select::{compile_tree, file_packages, package_files, resolve_files, Clash, CompiledTree};
pub use tolerant::Reading;

/// A service declared in a proto file under a root, as found by [`discover`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceRef {
    /// The file, relative to the root (`spaceone/api/identity/v2/token.proto`).
    pub file: PathBuf,
    /// The service's full name (`spaceone.api.identity.v2.Token`).
    pub name: String,
}

/// Lists every service of every `*.proto` file under `root`, sorted by file then name.
///
/// Files are only parsed, one at a time (imports are not resolved), so files that would clash
/// when compiled together can still be listed; a file that does not parse is an error.
pub fn discover(root: &Path) -> Result<Vec<ServiceRef>, Error> {
    let mut services = Vec::new();
    for file in compile::proto_files(root)? {
        let name = compile::file_name(root, &file)?;
        let parsed = protox::file::File::open(&name, &root.join(&file))
            .map_err(|e| Error::from_protox(&e, &name))?;
        let proto = parsed.file_descriptor_proto();
        for service in &proto.service {
            let full_name = match proto.package() {
                "" => service.name().to_string(),
                package => format!("{package}.{}", service.name()),
            };
            services.push(ServiceRef {
                file: file.clone(),
                name: full_name,
            });
        }
    }
    services.sort();
    Ok(services)
}

/// Loads one service: compiles `file` (relative to `root`) with its imports and lowers the
/// service named `service` (full name), with every type its rpcs reach and every message and
/// enum of `file`. The API's title is the service's full name.
pub fn load_service(root: &Path, file: &Path, service: &str) -> Result<Api, Error> {
    let compiled = compile::compile(root, &[file.to_path_buf()])?;
    let Some(found) = compiled
        .files
        .iter()
        .flat_map(|f| f.services())
        .find(|s| s.full_name() == service)
    else {
        return Err(Error::ServiceNotFound {
            file: compile::file_name(root, file)?,
            service: service.to_string(),
        });
    };
    let files = [found.parent_file()];
    lower::lower(&compiled, &[found], &files)
}

/// Loads every service of `files` (relative to `root`, compiled together) into one API, in file
/// then declaration order, with every type the rpcs reach and every message and enum of the
/// files. The title is the service's full name when there is one service, else the package.
pub fn load_files(root: &Path, files: &[PathBuf]) -> Result<Api, Error> {
    compile_files(root, files)?.lower()
}

/// Reads proto files tolerantly, for comparing two versions (never for code generation):
/// `files` (relative to `root`), or every `*.proto` file under `root` when `None`, services or
/// not. Every message and enum of the files is lowered; files that do not compile (protobuf
/// editions, which protox 0.10 does not read, among them) and services that cannot be lowered
/// are listed in [`Reading::unread`] instead of failing.
pub fn read_tolerant(root: &Path, files: Option<&[PathBuf]>) -> Result<Reading, Error> {
    tolerant::read(root, files)
}

/// Proto files compiled together, not yet lowered: the first of the two steps [`load_files`]
/// takes ([`compile_files`], then [`CompiledFiles::lower`]). Public so that benchmarks can time
/// the steps apart (`crates/bench`).
pub struct CompiledFiles(compile::Compiled);

/// Compiles `files` (relative to `root`) with their imports, as [`load_files`] does.
pub fn compile_files(root: &Path, files: &[PathBuf]) -> Result<CompiledFiles, Error> {
    compile::compile(root, files).map(CompiledFiles)
}

impl CompiledFiles {
    /// The compiled files and their imports as an encoded `FileDescriptorSet`, in dependency
    /// order (for tools that load the same definitions elsewhere, e.g. protobuf's Python runtime).
    pub fn encoded_file_descriptor_set(&self) -> Vec<u8> {
        self.0.pool.encode_to_vec()
    }

    /// Lowers every service of the files into one API, as [`load_files`] does.
    pub fn lower(&self) -> Result<Api, Error> {
        let compiled = &self.0;
        let services: Vec<_> = compiled.files.iter().flat_map(|f| f.services()).collect();
        lower::lower(compiled, &services, &compiled.files)
    }
}
