//! A tolerant reading of a proto root, for comparing two versions (`cargo xtask diff`), never
//! for code generation: every message and enum of every file (with or without a service) is
//! lowered; a file that does not compile (an `edition = "2023"` file, which protox 0.10 does
//! not read, a syntax error, an unresolved import) and a service that cannot be lowered are
//! listed as [`Unread`] instead of failing the run.

use std::path::{Path, PathBuf};

use apigen_ir::{Api, Unread};
use prost_reflect::{EnumDescriptor, FileDescriptor, MessageDescriptor, ServiceDescriptor};
use serde_json::{json, Map, Value};

use crate::compile::{self, Compiled};
use crate::Error;

/// A proto root read tolerantly: its IR, what could not be read, and the facts the IR does not
/// carry (reserved numbers and names, exact field types, files), for the comparison.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The IR of every file that compiled.
    pub api: Api,
    /// Files that did not compile and services that could not be lowered.
    pub unread: Vec<Unread>,
    /// `{"types": {full name: {"file", "reserved_numbers": [[start, end]…] (inclusive),
    /// "reserved_names", "fields": {name: {"type": "TYPE_SINT32", "label": "LABEL_OPTIONAL"}}}}}`.
    pub document: Value,
    root: PathBuf,
}

impl Reading {
    /// The text of the file (or, for a service, of its file) at an unread location.
    pub fn text_at(&self, location: &str) -> Option<String> {
        let file = location.split(": ").next().unwrap_or(location);
        std::fs::read_to_string(self.root.join(file)).ok()
    }
}

/// Reads `files` under `root` (every `*.proto` file under it when `None`) tolerantly.
/// Fails only when the root cannot be listed or no file compiles at all.
pub fn read(root: &Path, files: Option<&[PathBuf]>) -> Result<Reading, Error> {
    let files = match files {
        Some(f) => f.to_vec(),
        None => compile::proto_files(root)?,
    };
    let mut unread = Vec::new();
    let compiled = match compile::compile(root, &files) {
        Ok(c) => c,
        Err(_) => compile_what_compiles(root, &files, &mut unread)?,
    };
    let services: Vec<ServiceDescriptor> =
        compiled.files.iter().flat_map(|f| f.services()).collect();
    let api = match crate::lower::lower(&compiled, &services, &compiled.files) {
        Ok(api) => api,
        Err(_) => {
            let mut good = Vec::new();
            for s in services {
                match crate::lower::lower(&compiled, std::slice::from_ref(&s), &[]) {
                    Ok(_) => good.push(s),
                    Err(e) => unread.push(Unread {
                        location: crate::types::location(s.parent_file().name(), s.full_name()),
                        reason: e.to_string(),
                    }),
                }
            }
            crate::lower::lower(&compiled, &good, &compiled.files)?
        }
    };
    Ok(Reading {
        api,
        unread,
        document: facts(&compiled.files),
        root: root.to_path_buf(),
    })
}

/// Compiles what compiles: drops the file an error names and tries again, as long as errors
/// name one of the files; then, if need be, adds the files one by one, keeping those that
/// compile with the ones kept so far. The files dropped are unread.
fn compile_what_compiles(
    root: &Path,
    files: &[PathBuf],
    unread: &mut Vec<Unread>,
) -> Result<Compiled, Error> {
    let name_of = |f: &PathBuf| {
        compile::file_name(root, f).unwrap_or_else(|_| f.to_string_lossy().replace('\\', "/"))
    };
    let mut remaining: Vec<PathBuf> = files.to_vec();
    loop {
        match compile::compile(root, &remaining) {
            Ok(c) => return Ok(c),
            Err(e) => {
                let at = e.position().map(|p| p.file.clone());
                let Some(i) = at.and_then(|f| remaining.iter().position(|r| name_of(r) == f))
                else {
                    break;
                };
                let file = remaining.remove(i);
                unread.push(Unread {
                    location: name_of(&file),
                    reason: reason(root, &file, &e),
                });
            }
        }
    }
    let files = remaining;
    let mut kept: Vec<PathBuf> = Vec::new();
    let mut last = None;
    for file in files {
        let mut trial = kept.clone();
        trial.push(file.clone());
        match compile::compile(root, &trial) {
            Ok(c) => {
                kept = trial;
                last = Some(c);
            }
            Err(e) => unread.push(Unread {
                location: name_of(&file),
                reason: reason(root, &file, &e),
            }),
        }
    }
    match last {
        Some(c) => Ok(c),
        None => compile::compile(root, &[]),
    }
}

/// Why a file did not compile.
fn reason(root: &Path, file: &Path, e: &Error) -> String {
    let edition = std::fs::read_to_string(root.join(file))
        .is_ok_and(|t| t.lines().any(|l| l.trim_start().starts_with("edition")));
    if edition {
        format!("protobuf editions are not read by the proto compiler (protox 0.10): {e}")
    } else {
        e.to_string()
    }
}

/// The facts of every message and enum of the files.
fn facts(files: &[FileDescriptor]) -> Value {
    let mut types = Map::new();
    for file in files {
        for e in file.enums() {
            types.insert(e.full_name().to_string(), enum_facts(&e));
        }
        let mut messages: Vec<MessageDescriptor> = file.messages().collect();
        while let Some(m) = messages.pop() {
            for e in m.child_enums() {
                types.insert(e.full_name().to_string(), enum_facts(&e));
            }
            messages.extend(m.child_messages());
            types.insert(m.full_name().to_string(), message_facts(&m));
        }
    }
    json!({ "types": types })
}

fn message_facts(m: &MessageDescriptor) -> Value {
    let proto = m.descriptor_proto();
    let numbers: Vec<Value> = proto
        .reserved_range
        .iter()
        .map(|r| json!([r.start(), r.end() - 1]))
        .collect();
    let mut fields = Map::new();
    for f in &proto.field {
        fields.insert(
            f.name().to_string(),
            json!({"type": f.r#type().as_str_name(), "label": f.label().as_str_name()}),
        );
    }
    json!({
        "file": m.parent_file().name(),
        "reserved_numbers": numbers,
        "reserved_names": proto.reserved_name,
        "fields": fields,
    })
}

fn enum_facts(e: &EnumDescriptor) -> Value {
    let proto = e.enum_descriptor_proto();
    let numbers: Vec<Value> = proto
        .reserved_range
        .iter()
        .map(|r| json!([r.start(), r.end()]))
        .collect();
    json!({
        "file": e.parent_file().name(),
        "reserved_numbers": numbers,
        "reserved_names": proto.reserved_name,
    })
}
