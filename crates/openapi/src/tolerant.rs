//! A tolerant reading of a spec, for comparing two versions (`cargo xtask diff`), never for
//! code generation: everything that can be lowered is lowered, and what cannot is listed as
//! [`Unread`] instead of failing the whole document.
//!
//! Two steps, both on the raw document (the strict lowering itself is unchanged):
//! 1. [`crate::repair`] fixes what real specs get wrong but a reader can still understand
//!    (missing `responses` or `description`s, `paths: null`, `content` parameters, parameter
//!    styles, duplicate `operationId`s, path parameters that do not match the path, HTTP
//!    schemes other than basic and bearer);
//! 2. the strict pipeline runs; on a fault, the element holding it (an operation, a path
//!    item, a component) is set aside as [`Unread`] — a component schema becomes `{}` so the
//!    references to it still resolve — and the pipeline runs again.

use apigen_ir::{Api, Unread};
use serde_yaml::Value;

use crate::error::{Error, Fault};
use crate::pointer::{escape, Ptr};
use crate::{prepass, repair, source};

/// How many elements a reading may set aside before it gives up.
const MAX_UNREAD: usize = 10_000;

/// A spec read tolerantly: its IR, what could not be lowered, and the document itself (as
/// JSON, keys normalized to strings) so that a comparison can look at elements the IR does
/// not carry.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The IR of everything that could be lowered.
    pub api: Api,
    /// The elements set aside, in the order they were found.
    pub unread: Vec<Unread>,
    /// The document as written (after YAML merge keys and key normalization).
    pub document: serde_json::Value,
}

impl Reading {
    /// The canonical JSON text of the element at `location` (`#/json/pointer`), if it exists.
    pub fn text_at(&self, location: &str) -> Option<String> {
        let pointer = location.strip_prefix('#').unwrap_or(location);
        self.document.pointer(pointer).map(|v| v.to_string())
    }
}

/// Reads `text` tolerantly. Fails only when the text is not YAML or JSON, not a mapping, a
/// Swagger 2.0 document, or when nothing at all can be lowered.
pub fn read(file: &str, text: &str) -> Result<Reading, Error> {
    let mut value = source::syntax(file, text)?;
    prepass::normalize(&mut value, &Ptr::root()).map_err(|f| f.in_file(file))?;
    let document = serde_json::to_value(&value).map_err(|e| {
        Fault::new(&Ptr::root(), format!("not representable as JSON: {e}")).in_file(file)
    })?;
    let version = source::check_version(&value);
    if let Ok(source::Version::V31) = version {
        // 3.1 goes through the same rewrite onto the 3.0 form as codegen's reading; where that
        // fails, the document is read as 3.0, element by element, like any other.
        let mut downgraded = value.clone();
        match crate::v31::downgrade(&mut downgraded) {
            Ok(_) => value = downgraded,
            Err(_) => value["openapi"] = Value::String("3.0.3".into()),
        }
    }
    if let Err(fault) = version {
        // Any mapping that is not Swagger 2.0 and looks like an API description.
        let version = value.get("openapi").and_then(Value::as_str);
        let readable = value.as_mapping().is_some_and(|m| {
            !m.contains_key("swagger")
                && ["openapi", "paths", "components", "info"]
                    .iter()
                    .any(|k| m.contains_key(*k))
        }) && version.is_none_or(|v| v.starts_with('3'));
        if !readable {
            return Err(fault.in_file(file));
        }
        // A version this frontend does not read yet: read it as 3.0, element by element.
        value["openapi"] = Value::String("3.0.3".into());
    }
    let mut unread = Vec::new();
    repair::run(&mut value, &mut unread);
    let mut checked = false;
    loop {
        // The pre-pass only normalizes and repairs in place, so the value stays the one faults
        // are set aside in: no copy of the document is needed.
        let result = prepass::run(&mut value).and_then(|unenforced| {
            let doc = source::typed(&value)?;
            crate::lower::lower(&doc).map(|api| (api, unenforced))
        });
        match result {
            Ok((mut api, unenforced)) => {
                api.skipped.extend(unenforced);
                api.skipped.extend(crate::unenforced::find(&value));
                return Ok(Reading {
                    api,
                    unread,
                    document,
                });
            }
            Err(fault) if !std::mem::replace(&mut checked, true) => {
                // Typed errors of a whole document often point at a map far above the element
                // at fault: check elements one by one, so that one bad operation costs only
                // itself.
                let faults = element_faults(&value);
                if faults.is_empty() && !set_aside(&mut value, &fault, &mut unread) {
                    return Err(fault.in_file(file));
                }
                for fault in &faults {
                    set_aside(&mut value, fault, &mut unread);
                }
            }
            Err(fault) => {
                if unread.len() >= MAX_UNREAD || !set_aside(&mut value, &fault, &mut unread) {
                    return Err(fault.in_file(file));
                }
            }
        }
    }
}

/// The typed-deserialization faults of each operation and each component, one per element.
fn element_faults(doc: &Value) -> Vec<Fault> {
    use openapiv3::{
        Header, Parameter, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    };
    fn check<T: serde::de::DeserializeOwned>(v: &Value, at: &Ptr, out: &mut Vec<Fault>) {
        // openapiv3 panics on some invalid objects (see `crate::exclusive`); the pre-pass
        // reports those, but an element that trips it is set aside all the same.
        let result = std::panic::catch_unwind(|| serde_path_to_error::deserialize::<_, T>(v));
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => out.push(Fault::new(at, e.inner().to_string())),
            Err(_) => out.push(Fault::new(at, "the typed model cannot read this element")),
        }
    }
    let mut out = Vec::new();
    for (path, item) in doc
        .get("paths")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
    {
        let path = path.as_str().unwrap_or_default();
        let Some(item) = item.as_mapping() else {
            continue;
        };
        for (method, op) in item {
            let method = method.as_str().unwrap_or_default();
            if METHODS.contains(&method) {
                let at = Ptr::root().at("paths").at(path).at(method);
                check::<openapiv3::Operation>(op, &at, &mut out);
            }
        }
    }
    let components = doc.get("components").and_then(Value::as_mapping);
    for (section, entries) in components.into_iter().flatten() {
        let section = section.as_str().unwrap_or_default();
        for (name, v) in entries.as_mapping().into_iter().flatten() {
            let at = Ptr::component(section, name.as_str().unwrap_or_default());
            match section {
                "schemas" => check::<ReferenceOr<Schema>>(v, &at, &mut out),
                "parameters" => check::<ReferenceOr<Parameter>>(v, &at, &mut out),
                "responses" => check::<ReferenceOr<Response>>(v, &at, &mut out),
                "requestBodies" => check::<ReferenceOr<RequestBody>>(v, &at, &mut out),
                "headers" => check::<ReferenceOr<Header>>(v, &at, &mut out),
                "securitySchemes" => check::<ReferenceOr<SecurityScheme>>(v, &at, &mut out),
                _ => {}
            }
        }
    }
    out
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Sets aside the element holding a fault; `false` when there is none to set aside.
fn set_aside(doc: &mut Value, fault: &Fault, unread: &mut Vec<Unread>) -> bool {
    let segments: Vec<String> = fault
        .pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let seg = |i: usize| segments.get(i).map(String::as_str);
    let mut record = |parts: &[&str]| {
        let location = format!(
            "#/{}",
            parts
                .iter()
                .map(|p| escape(p))
                .collect::<Vec<_>>()
                .join("/")
        );
        if !unread.iter().any(|u: &Unread| u.location == location) {
            unread.push(Unread {
                location,
                reason: fault.message.clone(),
            });
        }
    };
    match (seg(0), seg(1), seg(2)) {
        (Some("paths"), Some(path), Some(method)) if METHODS.contains(&method) => {
            record(&["paths", path, method]);
            remove(at(doc, &["paths", path]), method)
        }
        (Some("paths"), Some(path), _) => {
            record(&["paths", path]);
            remove(at(doc, &["paths"]), path)
        }
        (Some("components"), Some("schemas"), Some(name)) => {
            record(&["components", "schemas", name]);
            let empty = Value::Mapping(Default::default());
            match at(doc, &["components", "schemas", name]) {
                Some(slot) if *slot != empty => {
                    *slot = empty;
                    true
                }
                _ => false,
            }
        }
        (Some("components"), Some(section), Some(name)) => {
            record(&["components", section, name]);
            remove(at(doc, &["components", section]), name)
        }
        (Some(top @ ("paths" | "info")), None, _) => {
            record(&[top]);
            let fresh: Value = match top {
                "info" => serde_yaml::from_str("{title: '', version: ''}").unwrap_or(Value::Null),
                _ => Value::Mapping(Default::default()),
            };
            match at(doc, &[top]) {
                Some(slot) if *slot != fresh => {
                    *slot = fresh;
                    true
                }
                _ => false,
            }
        }
        (Some(top), rest, _) if top != "openapi" => {
            // Anything else (a malformed `servers`, `tags`, `security`...): drop the top-level
            // entry, or the second-level one when the top is a collection of entries.
            match rest {
                Some(second) if matches!(top, "components" | "tags" | "servers" | "security") => {
                    record(&[top, second]);
                    remove_any(at(doc, &[top]), second)
                }
                _ => {
                    record(&[top]);
                    remove(Some(doc), top)
                }
            }
        }
        _ => false,
    }
}

/// The value under a path of mapping keys, if every step exists.
pub(crate) fn at<'v>(doc: &'v mut Value, keys: &[&str]) -> Option<&'v mut Value> {
    keys.iter()
        .try_fold(doc, |v, k| v.as_mapping_mut()?.get_mut(*k))
}

/// Removes `key` from a mapping; `false` when it was not there.
fn remove(parent: Option<&mut Value>, key: &str) -> bool {
    parent
        .and_then(Value::as_mapping_mut)
        .is_some_and(|m| m.remove(key).is_some())
}

/// Removes `key` from a mapping, or the item at that index from a sequence.
fn remove_any(parent: Option<&mut Value>, key: &str) -> bool {
    let Some(parent) = parent else { return false };
    if let (Some(items), Ok(i)) = (parent.as_sequence_mut(), key.parse::<usize>()) {
        if i < items.len() {
            items.remove(i);
            return true;
        }
        return false;
    }
    remove(Some(parent), key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str) -> Reading {
        read("t.yaml", text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn partial_documents_are_read() {
        let r = reading("openapi: 3.0.3\ninfo: {title: t}\npaths:\n");
        assert!(r.api.services.is_empty() && r.unread.is_empty());
        let r = reading(
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n",
        );
        assert_eq!(r.api.operations().count(), 1);
    }

    #[test]
    fn an_unlowerable_operation_is_set_aside() {
        let r = reading(
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: d, content: {application/json: {schema: {$ref: '#/nowhere'}}}}}\n    post:\n      responses: {'200': {description: d}}\n",
        );
        assert_eq!(r.api.operations().count(), 1, "{:?}", r.unread);
        assert_eq!(r.unread.len(), 1);
        assert_eq!(r.unread[0].location, "#/paths/~1a/get");
        assert!(r.text_at("#/paths/~1a/get").is_some());
    }

    #[test]
    fn unreadable_text_and_swagger_still_fail() {
        assert!(read("t.yaml", "openapi: [").is_err());
        assert!(read("t.yaml", "swagger: '2.0'\npaths: {}\n").is_err());
    }
}
