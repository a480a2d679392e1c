//! Agreement with Cloudforet's own OpenAPI exports: for every `cloudforet-{dir}-{version}.json`
//! of `../shared/corpus/openapi31`, the protos of `spaceone/api/{dir}/{version}/` (Cloudforet
//! exports one document per directory, which may hold more than one package) are lowered and
//! written by our writer, and the two documents are compared: every path and method, every
//! schema's property set and `required` list, enum values.
//!
//! Differences that are Cloudforet's choices are named ([`Expected`]), counted and printed;
//! any other difference fails. They are (README, "OpenAPI export"):
//! - [`Expected::VersionSegment`]: their paths drop the version segment
//!   (`/identity/token/issue` for `/identity/v2/token/issue`); paths are matched with it removed;
//! - [`Expected::EnumAsString`]: they write a proto enum as a plain string (no `enum` list,
//!   no enum schema); where both list values, the values must be equal;
//! - [`Expected::RepeatedRequired`]: they mark a `repeated` or `map` field without `+optional`
//!   required; in proto3 an absent list is the empty list, and ours never requires one;
//! - [`Expected::OneofRequired`]: they mark a `oneof` member without `+optional` required;
//!   at most one member of a oneof can be set, so ours requires none;
//! - [`Expected::ImportedRevision`]: messages of *imported* packages (`spaceone.api.core.v2`)
//!   differ: their document was made from another revision of those files (their
//!   `StatisticsAggregate.unwind` is an `AggregateUnwind`, ours an `Unwind`; their `Sort` has
//!   `keys`): property sets and required lists of such messages are compared but their
//!   differences are only counted, and messages of those packages present on one side only
//!   are listed. Messages of the document's own packages must agree exactly;
//! - [`Expected::AnswerNotRequired`]: a message only answers reach has no `required` list in
//!   ours: proto3 JSON (and our generated server) leaves a field at its default value out of
//!   an answer, so no field of it is sure to be present; theirs lists the fields without
//!   `+optional` as in requests. The list the IR has for it (what a request would get) is
//!   compared with theirs instead, under the same rules;
//! - [`Expected::ErrorSchema`]: ours declares `google.rpc.Status`, the error body our
//!   generated server answers with; theirs declares FastAPI's `HTTPValidationError` beside the
//!   schemas.
//!
//! Skips (passing, saying so) when `../shared/corpus` is absent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use apigen_ir::{Api, TypeKind};
use serde_json::Value;

use crate::corpus;

/// Differences that are Cloudforet's choices (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Expected {
    VersionSegment,
    EnumAsString,
    RepeatedRequired,
    OneofRequired,
    ImportedRevision,
    ErrorSchema,
    AnswerNotRequired,
}

/// What one comparison found.
#[derive(Default)]
struct Report {
    expected: BTreeMap<Expected, Vec<String>>,
    failures: Vec<String>,
    paths: usize,
    schemas: usize,
    enums: usize,
}

impl Report {
    fn expect(&mut self, kind: Expected, what: String) {
        self.expected.entry(kind).or_default().push(what);
    }
}

/// A path with its version segment (`v2`, `v1beta1`) removed.
fn without_version(path: &str) -> String {
    path.split('/')
        .filter(|s| {
            !(s.len() >= 2
                && s.starts_with('v')
                && s[1..].starts_with(|c: char| c.is_ascii_digit())
                && s.chars().all(|c| c.is_ascii_alphanumeric()))
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A full proto name without its package (`spaceone.api.core.v2.Query` → `Query`,
/// `…v2.GrantTokenInfo.RoleType` → `GrantTokenInfo.RoleType`).
fn short(name: &str) -> &str {
    let mut rest = name;
    while let Some((first, tail)) = rest.split_once('.') {
        if first.starts_with(|c: char| c.is_ascii_lowercase()) {
            rest = tail;
        } else {
            break;
        }
    }
    rest
}

/// The proto files of a Cloudforet document: `cloudforet-{dir}-{version}.json` →
/// `spaceone/api/{dir}/{version}/*.proto` (a `-` in dir may be a `_` in the tree).
fn proto_files(root: &Path, document: &Path) -> Result<Vec<PathBuf>, String> {
    let stem = document.file_stem().unwrap().to_string_lossy();
    let name = stem
        .strip_prefix("cloudforet-")
        .ok_or("not a Cloudforet document")?;
    let (dir, version) = name.rsplit_once('-').ok_or("no version in the file name")?;
    let candidates = [dir.to_string(), dir.replace('-', "_")];
    let rel = candidates
        .iter()
        .map(|d| PathBuf::from(format!("spaceone/api/{d}/{version}")))
        .find(|rel| root.join(rel).is_dir())
        .ok_or_else(|| format!("no proto directory spaceone/api/{dir}/{version} in the corpus"))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(&rel))
        .map_err(|e| e.to_string())?
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "proto"))
        .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    Ok(files)
}

/// The value names of an enum schema of ours: its `enum`, or that of its first `anyOf`
/// alternative (a proto enum also accepts its numbers, the second alternative).
fn enum_names(schema: &Value) -> Option<&Value> {
    schema
        .get("enum")
        .or_else(|| schema["anyOf"].get(0).and_then(|s| s.get("enum")))
}

/// `(method, path without version)` of every operation.
fn operations(doc: &Value, strip: bool) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        if !path.starts_with('/') {
            continue; // Cloudforet puts `securitySchemes` under `paths`.
        }
        let path = if strip {
            without_version(path)
        } else {
            path.clone()
        };
        for method in item.as_object().into_iter().flatten().map(|(m, _)| m) {
            out.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    out
}

/// Compares our document of `api` with Cloudforet's `theirs`.
fn compare(api: &Api, ours: &Value, theirs: &Value) -> Report {
    let mut report = Report::default();
    let answer_only = apigen_openapi_export::answer_only_types(api);
    let own: BTreeSet<&str> = api.services.iter().map(|s| s.package.as_str()).collect();
    let is_own = |full: &str| {
        own.iter()
            .any(|p| full.strip_prefix(p).is_some_and(|r| r.starts_with('.')))
    };

    // Paths and methods.
    let our_ops = operations(ours, true);
    let their_ops = operations(theirs, false);
    report.paths = our_ops.len();
    if operations(ours, false) != our_ops {
        report.expect(
            Expected::VersionSegment,
            format!("{} operations", our_ops.len()),
        );
    }
    for op in our_ops.symmetric_difference(&their_ops) {
        let side = if our_ops.contains(op) {
            "ours"
        } else {
            "theirs"
        };
        report
            .failures
            .push(format!("operation {} {} only in {side}", op.0, op.1));
    }

    // Schemas, by their short names (ours preferring the document's own packages).
    let empty = serde_json::Map::new();
    let our_schemas = ours["components"]["schemas"].as_object().unwrap_or(&empty);
    let their_schemas = theirs["components"]["schemas"]
        .as_object()
        .unwrap_or(&empty);
    let mut by_short: BTreeMap<&str, &str> = BTreeMap::new();
    for full in our_schemas.keys() {
        let s = short(full);
        if !by_short.contains_key(s) || is_own(full) {
            by_short.insert(s, full);
        }
    }
    let is_enum = |full: &str| our_schemas.get(full).and_then(enum_names).is_some();
    for (full, schema) in our_schemas {
        if their_schemas.contains_key(short(full)) {
            continue;
        }
        if full == "google.rpc.Status" {
            report.expect(Expected::ErrorSchema, full.clone());
        } else if enum_names(schema).is_some() {
            report.expect(Expected::EnumAsString, format!("no schema for enum {full}"));
        } else if !is_own(full) {
            report.expect(Expected::ImportedRevision, format!("only ours: {full}"));
        } else {
            report.failures.push(format!("schema {full} only in ours"));
        }
    }
    for (name, schema) in their_schemas {
        let Some(&full) = by_short.get(name.as_str()) else {
            // Not a type of ours at all: a message of an imported file our API does not reach.
            let referenced = theirs["paths"]
                .to_string()
                .contains(&format!("/schemas/{name}\""));
            if referenced {
                report.failures.push(format!(
                    "schema {name} (used by an operation) only in theirs"
                ));
            } else {
                report.expect(Expected::ImportedRevision, format!("only theirs: {name}"));
            }
            continue;
        };
        report.schemas += 1;
        let def = api.type_def(full);
        let fields = match def.map(|d| &d.kind) {
            Some(TypeKind::Object(o)) => o.fields.as_slice(),
            _ => &[],
        };
        let field = |name: &str| fields.iter().find(|f| f.name == name);
        let own_type = is_own(full);
        let fail_or_imported = |report: &mut Report, what: String| {
            if own_type {
                report.failures.push(what);
            } else {
                report.expect(Expected::ImportedRevision, what);
            }
        };
        let props = |s: &Value| -> BTreeSet<String> {
            s["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .collect()
        };
        let (our_props, their_props) = (props(&our_schemas[full]), props(schema));
        if our_props != their_props {
            let only_ours: Vec<_> = our_props.difference(&their_props).collect();
            let only_theirs: Vec<_> = their_props.difference(&our_props).collect();
            fail_or_imported(
                &mut report,
                format!("{full}: properties only ours {only_ours:?}, only theirs {only_theirs:?}"),
            );
        }
        let required = |s: &Value| -> BTreeSet<String> {
            s["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        };
        let (mut our_req, their_req) = (required(&our_schemas[full]), required(schema));
        if answer_only.contains(full) && our_req.is_empty() {
            // Written without `required`; what the IR requires (from `+optional` and presence,
            // the list a request would get) must still agree with theirs.
            let ir_required: BTreeSet<String> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.clone())
                .collect();
            if !ir_required.is_empty() {
                report.expect(
                    Expected::AnswerNotRequired,
                    format!("{full} ({} fields)", ir_required.len()),
                );
            }
            our_req = ir_required;
        }
        for name in their_req.difference(&our_req) {
            match field(name) {
                Some(f)
                    if matches!(
                        f.ty,
                        apigen_ir::TypeRef::Array(_) | apigen_ir::TypeRef::Map(_)
                    ) =>
                {
                    report.expect(Expected::RepeatedRequired, format!("{full}.{name}"));
                }
                Some(f) if f.oneof.is_some() => {
                    report.expect(Expected::OneofRequired, format!("{full}.{name}"));
                }
                _ => fail_or_imported(
                    &mut report,
                    format!("{full}.{name}: required only in theirs"),
                ),
            }
        }
        for name in our_req.difference(&their_req) {
            fail_or_imported(&mut report, format!("{full}.{name}: required only in ours"));
        }
        // Enum values of the properties both have.
        for name in our_props.intersection(&their_props) {
            let our_prop = &our_schemas[full]["properties"][name];
            let their_prop = &schema["properties"][name];
            // The property itself, or inside `anyOf: [it, {type: null}]` (optional proto fields).
            let our_prop = our_prop["anyOf"].get(0).unwrap_or(our_prop);
            let target = our_prop["$ref"]
                .as_str()
                .or(our_prop["items"]["$ref"].as_str());
            let Some(target) = target.and_then(|t| t.strip_prefix("#/components/schemas/")) else {
                continue;
            };
            if !is_enum(target) {
                continue;
            }
            let their_values = their_prop.get("enum").or(their_prop["items"].get("enum"));
            match their_values {
                None => report.expect(Expected::EnumAsString, format!("{full}.{name}")),
                Some(values) => {
                    report.enums += 1;
                    let ours = enum_names(&our_schemas[target]);
                    if Some(values) != ours {
                        report.failures.push(format!(
                            "{full}.{name}: enum values {ours:?} against theirs {values}"
                        ));
                    }
                }
            }
        }
    }
    report
}

#[test]
fn our_export_of_cloudforet_protos_agrees_with_cloudforets_own() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus is absent (the shared corpus is not checked out)");
        return;
    };
    let root = corpus.join("proto");
    let mut documents: Vec<PathBuf> = std::fs::read_dir(corpus.join("openapi31"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("cloudforet-") && name.ends_with(".json")
        })
        .collect();
    documents.sort();
    assert!(
        !documents.is_empty(),
        "no Cloudforet documents in {}",
        corpus.display()
    );
    let mut failures = Vec::new();
    for document in &documents {
        let name = document.file_name().unwrap().to_string_lossy().to_string();
        let files = proto_files(&root, document).unwrap_or_else(|e| panic!("{name}: {e}"));
        let api = apigen_proto::load_files(&root, &files).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours = apigen_openapi_export::document(&api, &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .to_value();
        let theirs: Value =
            serde_json::from_str(&std::fs::read_to_string(document).unwrap()).unwrap();
        let report = compare(&api, &ours, &theirs);
        eprintln!(
            "{name}: {} operations, {} schemas, {} enum properties compared; {} unexpected differences",
            report.paths,
            report.schemas,
            report.enums,
            report.failures.len()
        );
        for (kind, items) in &report.expected {
            let sample: Vec<_> = items.iter().take(3).collect();
            eprintln!("  expected {kind:?}: {} ({sample:?}…)", items.len());
        }
        failures.extend(report.failures.iter().map(|f| format!("{name}: {f}")));
    }
    assert!(
        failures.is_empty(),
        "{} unexpected differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn version_segments_and_short_names() {
    assert_eq!(
        without_version("/identity/v2/token/issue"),
        "/identity/token/issue"
    );
    assert_eq!(without_version("/a/v1beta1/b"), "/a/b");
    assert_eq!(without_version("/a/vpc/b"), "/a/vpc/b");
    assert_eq!(short("spaceone.api.core.v2.Query"), "Query");
    assert_eq!(
        short("spaceone.api.identity.v2.GrantTokenInfo.RoleType"),
        "GrantTokenInfo.RoleType"
    );
}
