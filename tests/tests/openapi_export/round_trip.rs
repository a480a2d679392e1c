//! Round trip: OpenAPI → IR → OpenAPI 3.1 (our writer) → IR gives the same IR, for every spec
//! of `../shared/corpus/openapi` and `openapi31` and the project's own OpenAPI specs; and the
//! second document is byte for byte the first (the writer reaches a fixed point).

use std::path::{Path, PathBuf};

use apigen_ir::Api;
use serde_json::Value;

use crate::{corpus, export};

/// The project's OpenAPI specs.
fn own_specs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = vec![root.join("spec/ionos/auth-v1.yaml")];
    specs.extend(files_in(
        &root.join("tests/fixtures/conformance"),
        &["yaml", "json"],
    ));
    specs
}

fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
        })
        .collect();
    files.sort();
    files
}

/// The IR as JSON with the normalisations the round trip needs (see [`normalise`]).
fn comparable(api: &Api) -> Value {
    let mut value = serde_json::to_value(api).unwrap();
    normalise(&mut value);
    value
}

/// One more normalisation, counted: a type the frontend derived from an inline schema but
/// the IR uses in more than one place (a property merged into another record by `allOf`)
/// cannot stand inline at both; the writer makes it a component under the same name, so the
/// second reading says the spec named it. Returns how many types were so renamed in origin.
fn derived_made_components(first: &mut Value, second: &Value) -> usize {
    let origins: std::collections::HashMap<String, String> = second["types"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["name_origin"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut n = 0;
    for t in first["types"].as_array_mut().into_iter().flatten() {
        let name = t["name"].as_str().unwrap().to_string();
        if t["name_origin"] == "derived" && origins.get(&name).map(String::as_str) == Some("spec") {
            t["name_origin"] = "spec".into();
            n += 1;
        }
    }
    n
}

/// What a round trip cannot keep, removed from both sides before comparing:
/// - `location`: JSON pointers into the document read, which is another text the second time
///   (the writer lays every element out where 3.1 puts it, but a 3.0 input's pointers name
///   3.0 places);
/// - `skipped`: notes about what the first document said and the IR does not carry; the
///   second document no longer says it, so the note is gone (the IR is the same).
fn normalise(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("location");
            map.remove("skipped");
            map.values_mut().for_each(normalise);
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        _ => {}
    }
}

/// The first place two JSON values differ, as a path and both sides.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &format!("{at}/{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}/{k}: only in the first: {v}")),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}/{k}: only in the second: {}", y[k]))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                let name = v
                    .get("name")
                    .or_else(|| v.get("id"))
                    .and_then(Value::as_str)
                    .map_or(i.to_string(), str::to_string);
                if let Some(d) = first_difference(v, w, &format!("{at}/{name}")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}: {} items against {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{at}: {a} against {b}")),
    }
}

#[test]
fn openapi_to_ir_to_openapi_to_ir_keeps_the_ir() {
    let mut specs = own_specs();
    match corpus() {
        Some(corpus) => {
            specs.extend(files_in(&corpus.join("openapi"), &["yaml", "yml", "json"]));
            specs.extend(files_in(
                &corpus.join("openapi31"),
                &["yaml", "yml", "json"],
            ));
        }
        None => eprintln!("../shared/corpus is absent: only the project's own specs are checked"),
    }
    let mut failures = Vec::new();
    for spec in &specs {
        let name = spec.display().to_string();
        let first = apigen_openapi::load(spec).unwrap_or_else(|e| panic!("{e}"));
        let text = export(&first);
        let second = match apigen_openapi::parse(&format!("{name} (exported)"), &text) {
            Ok(api) => api,
            Err(e) => {
                failures.push(format!(
                    "{name}: the exported document does not read back: {e}"
                ));
                continue;
            }
        };
        let (mut a, b) = (comparable(&first), comparable(&second));
        let made_components = derived_made_components(&mut a, &b);
        if let Some(d) = first_difference(&a, &b, "") {
            failures.push(format!("{name}: the IR changed: {d}"));
            continue;
        }
        let again = export(&second);
        if again != text {
            failures.push(format!(
                "{name}: exporting the read-back IR gives another document"
            ));
        }
        eprintln!(
            "{name}: round trip kept {} operations, {} types ({made_components} derived types written as components)",
            first.operations().count(),
            first.types.len()
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} specs:\n{}",
        failures.len(),
        specs.len(),
        failures.join("\n")
    );
}
