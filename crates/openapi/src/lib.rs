//! The OpenAPI frontend (3.0, and 3.1 through a pre-pass onto the 3.0 model): reads a spec (YAML or JSON) and lowers it to the language-neutral
//! [`apigen_ir::Api`].
//!
//! ```no_run
//! let api = apigen_openapi::load(std::path::Path::new("spec/ionos/auth-v1.yaml"))?;
//! assert_eq!(api.title, "Auth API");
//! # Ok::<(), apigen_openapi::Error>(())
//! ```
//!
//! Errors always name the file and the place ([`Error`]). Lowering is deterministic: the same
//! text always gives the same [`apigen_ir::Api`].
//!
//! Leniency, for specs found in the wild (each documented where it is implemented):
//! - a schema `type` of `int`/`long`/`int32`/`int64` is read as `integer`, `bool` as `boolean`,
//!   `float`/`double` as `number` (with the matching `format`);
//! - `$ref: '#/definitions/X'` (a Swagger 2.0 leftover) means `#/components/schemas/X`;
//! - a `*/*` body whose schema is a `$ref` or an object/array is JSON (`application/json`);
//! - a `type` naming a component schema (`type: Pet`) is a `$ref` to it; another `type`
//!   starting with an uppercase letter (`type: Value`, as Cloudforet's exports write proto
//!   type names) is read as any value, reported in `skipped`; `integer/long` is `int64`;
//! - an entry of `paths` that is neither a path nor a path item (Cloudforet's exports put
//!   `securitySchemes` there) is ignored, reported in `skipped`.

#![warn(missing_docs)]

mod any_of;
mod body;
mod compose;
mod error;
mod exclusive;
mod locate;
mod lower;
mod media;
mod operation;
mod pointer;
mod deep_refs;
mod prepass;
mod refs;
mod repair;
mod schema;
mod security;
mod shape;
mod source;
mod tolerant;
mod unenforced;
mod v31;

use std::path::Path;

pub use error::Error;
pub use tolerant::Reading;

/// Parses and lowers a spec. `source_name` names the text in errors (usually its path).
/// The text may be YAML or JSON.
///
/// The work runs on a helper thread with a large stack: the YAML parser accepts nesting up to
/// 128 levels, and deserializing schemas nested that deeply recurses deeper than a default
/// 2 MiB thread stack allows in debug builds.
pub fn parse(source_name: &str, text: &str) -> Result<apigen_ir::Api, Error> {
    const STACK_SIZE: usize = 32 << 20;
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("apigen-openapi".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || parse_here(source_name, text));
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(Error::Semantic {
                    file: source_name.to_string(),
                    pointer: String::new(),
                    message: "internal error: the OpenAPI frontend panicked on this document"
                        .to_string(),
                })
            }),
            // No thread to be had: parse here, on the caller's stack.
            Err(_) => parse_here(source_name, text),
        }
    })
}

/// Reads a spec tolerantly, for comparing two versions (never for code generation): whatever
/// can be lowered is, and the elements that cannot (an operation, a component) are listed in
/// [`Reading::unread`] instead of failing the document. Partial documents (no `responses`,
/// `paths: null`, missing `description`s) and constructs code generation refuses (`content`
/// parameters, parameter styles, HTTP digest, duplicate `operationId`s, path parameters that
/// do not match the path) are read. Fails only for text that is not YAML or JSON, not a
/// mapping, or Swagger 2.0. Runs on a large-stack helper thread, as [`parse`] does.
pub fn read_tolerant(source_name: &str, text: &str) -> Result<Reading, Error> {
    on_big_stack(source_name, || tolerant::read(source_name, text))
}

/// [`read_tolerant`] of the file at `path`.
pub fn load_tolerant(path: &Path) -> Result<Reading, Error> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        file: file.clone(),
        source,
    })?;
    read_tolerant(&file, &text)
}

/// Runs `work` on a helper thread with a 32 MiB stack (on this thread when none can be had).
fn on_big_stack<T: Send>(
    source_name: &str,
    work: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    const STACK_SIZE: usize = 32 << 20;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("apigen-openapi".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || {
                let _ = tx.send(work());
            });
        match spawned {
            Ok(handle) => {
                let joined = handle.join();
                match (rx.recv(), joined) {
                    (Ok(result), Ok(())) => result,
                    _ => Err(Error::Semantic {
                        file: source_name.to_string(),
                        pointer: String::new(),
                        message: "internal error: the OpenAPI frontend panicked on this document"
                            .to_string(),
                    }),
                }
            }
            Err(_) => Err(Error::Semantic {
                file: source_name.to_string(),
                pointer: String::new(),
                message: "no thread available to read the document".to_string(),
            }),
        }
    })
}

/// [`parse`], on the current thread.
fn parse_here(source_name: &str, text: &str) -> Result<apigen_ir::Api, Error> {
    read_document(source_name, text)?.lower()
}

/// A spec read into a typed OpenAPI document, not yet lowered: the first of the two steps
/// [`parse`] takes ([`read_document`], then [`Document::lower`]). Public so that benchmarks
/// can time the steps apart (`crates/bench`); both run on the caller's thread, without the
/// large stack [`parse`] gives them.
#[derive(Debug, Clone)]
pub struct Document {
    file: String,
    doc: openapiv3::OpenAPI,
    unenforced: Vec<apigen_ir::Skipped>,
    downgrade: v31::Downgrade,
}

/// Reads `text` (YAML or JSON) into a typed [`Document`]: syntax, version check, the lenient
/// pre-pass and typed deserialization. `source_name` names the text in errors.
pub fn read_document(source_name: &str, text: &str) -> Result<Document, Error> {
    let (doc, unenforced, downgrade) = source::read(source_name, text)?;
    Ok(Document {
        file: source_name.to_string(),
        doc,
        unenforced,
        downgrade,
    })
}

impl Document {
    /// Lowers the document to the IR.
    /// Locations in the IR name the places the author wrote, also for a 3.1 document.
    pub fn lower(&self) -> Result<apigen_ir::Api, Error> {
        let moves = &self.downgrade.moves;
        let mut api =
            lower::lower(&self.doc).map_err(|fault| moves.fault(fault).in_file(&self.file))?;
        for skipped in &mut api.skipped {
            skipped.location = moves.original_location(&skipped.location);
        }
        for def in &mut api.types {
            def.location = moves.original_location(&def.location);
        }
        for service in &mut api.services {
            for op in &mut service.operations {
                op.location = moves.original_location(&op.location);
            }
        }
        api.skipped.extend(self.downgrade.skipped.iter().cloned());
        api.skipped.extend(self.unenforced.iter().cloned());
        if api.docs.summary.is_none() {
            api.docs.summary = self.downgrade.summary.clone();
        }
        Ok(api)
    }
}

/// Reads, parses and lowers the spec at `path`.
pub fn load(path: &Path) -> Result<apigen_ir::Api, Error> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        file: file.clone(),
        source,
    })?;
    parse(&file, &text)
}
