//! From text to a typed [`OpenAPI`] document: syntax (YAML or JSON), version check, the
//! lenient pre-pass, then typed deserialization with the path of any failure.

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::error::{Error, Fault};
use crate::locate::locate;
use crate::pointer::Ptr;
use crate::prepass;
use crate::v31::Downgrade;

/// Parses `text` into a typed document, with the schema keywords the IR cannot carry (see
/// [`crate::unenforced`]). `file` names it in errors.
/// A 3.1 document is first rewritten into the 3.0 form ([`crate::v31`]); the returned
/// [`Downgrade`] says where things moved (empty for 3.0).
pub(crate) fn read(
    file: &str,
    text: &str,
) -> Result<(OpenAPI, Vec<apigen_ir::Skipped>, Downgrade), Error> {
    let mut value = syntax(file, text)?;
    let version = check_version(&value).map_err(|f| f.in_file(file))?;
    let downgrade = match version {
        Version::V30 => {
            let mut downgrade = Downgrade::default();
            crate::deep_refs::hoist(&mut value, &mut downgrade.moves);
            downgrade
        }
        Version::V31 => crate::v31::downgrade(&mut value).map_err(|f| f.in_file(file))?,
    };
    let moved = |f: Fault| downgrade.moves.fault(f).in_file(file);
    let mut unenforced = prepass::run(&mut value).map_err(moved)?;
    unenforced.extend(crate::unenforced::find(&value));
    for skipped in &mut unenforced {
        skipped.location = downgrade.moves.original_location(&skipped.location);
    }
    let doc = typed(&value).map_err(moved)?;
    Ok((doc, unenforced, downgrade))
}

/// The OpenAPI versions read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// 3.0.x, read as is.
    V30,
    /// 3.1.x, rewritten into 3.0 first.
    V31,
}

/// Parses YAML (or JSON, which is YAML) into a value that keeps the order of mappings. Text
/// starting with `{` is parsed as JSON, for JSON's own error messages. YAML merge keys (`<<`)
/// are applied.
pub(crate) fn syntax(file: &str, text: &str) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut value: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| {
            let (line, column) = (e.line(), e.column());
            syntax_error(file, &e.to_string(), line, column)
        })?
    } else {
        serde_yaml::from_str(text).map_err(|e| match e.location() {
            Some(loc) => syntax_error(file, &e.to_string(), loc.line(), loc.column()),
            None => Fault::new(&Ptr::root(), e.to_string()).in_file(file),
        })?
    };
    value
        .apply_merge()
        .map_err(|e| Fault::new(&Ptr::root(), format!("YAML merge key: {e}")).in_file(file))?;
    Ok(value)
}

/// A syntax error, with the location suffix the parsers append removed from the message.
fn syntax_error(file: &str, message: &str, line: usize, column: usize) -> Error {
    let suffix = format!(" at line {line} column {column}");
    let message = match message.find(&suffix) {
        Some(at) => format!("{}{}", &message[..at], &message[at + suffix.len()..]),
        None => message.to_string(),
    };
    Error::Syntax {
        file: file.to_string(),
        line: line.max(1),
        column: column.max(1),
        message,
    }
}

/// Accepts OpenAPI 3.0.x and 3.1.x.
pub(crate) fn check_version(doc: &Value) -> Result<Version, Fault> {
    let root = Ptr::root();
    let Some(map) = doc.as_mapping() else {
        return Err(Fault::new(
            &root,
            "expected an OpenAPI document (a mapping at the top level)",
        ));
    };
    if map.contains_key("swagger") {
        return Err(Fault::new(
            &root.at("swagger"),
            "Swagger 2.0 is not supported; convert the document to OpenAPI 3.0",
        ));
    }
    let at = root.at("openapi");
    match map.get("openapi") {
        None => Err(Fault::new(&root, "missing the `openapi` version field")),
        Some(Value::String(v)) if v.starts_with("3.0") => Ok(Version::V30),
        Some(Value::String(v)) if v.starts_with("3.1") => Ok(Version::V31),
        Some(Value::String(v)) => Err(Fault::new(
            &at,
            format!("unsupported OpenAPI version \"{v}\" (expected 3.0.x or 3.1.x)"),
        )),
        Some(_) => Err(Fault::new(
            &at,
            "`openapi` must be a version string such as \"3.0.3\"",
        )),
    }
}

/// Deserializes the typed document, reporting the JSON pointer of the first failure.
pub(crate) fn typed(value: &Value) -> Result<OpenAPI, Fault> {
    serde_path_to_error::deserialize::<_, OpenAPI>(value).map_err(|e| locate(value, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match read("t.yaml", text) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn version_errors() {
        assert_eq!(
            err("openapi: 3.2.0\ninfo: {title: t, version: v}\npaths: {}\n"),
            "t.yaml#/openapi: unsupported OpenAPI version \"3.2.0\" (expected 3.0.x or 3.1.x)"
        );
        assert_eq!(
            err("swagger: '2.0'\n"),
            "t.yaml#/swagger: Swagger 2.0 is not supported; convert the document to OpenAPI 3.0"
        );
        assert_eq!(
            err("openapi: 3.0\n"),
            "t.yaml#/openapi: `openapi` must be a version string such as \"3.0.3\""
        );
        assert_eq!(
            err("- a\n"),
            "t.yaml#: expected an OpenAPI document (a mapping at the top level)"
        );
    }

    #[test]
    fn typed_errors_have_pointers() {
        let e = err("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n");
        assert_eq!(e, "t.yaml#/info: missing field `version`");
    }

    #[test]
    fn syntax_error_message_has_no_duplicate_location() {
        let e = err("openapi: 3.0.3\ninfo: [\n");
        assert!(e.starts_with("t.yaml:3:1: "), "{e}");
        assert!(!e.contains("at line 3 column 1"), "{e}");
    }
}
