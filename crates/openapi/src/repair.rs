//! Repairs for the tolerant reading ([`crate::tolerant`]): what real specs get wrong, or use
//! beyond what code generation supports, rewritten on the raw document so that the strict
//! lowering can read the rest. The comparison looks at the original document for what these
//! repairs hide (parameter styles, media types), and security schemes that had to be replaced
//! are listed as [`Unread`].

use std::collections::HashSet;

use apigen_ir::{PathTemplate, Unread};
use serde_yaml::{Mapping, Value};

use crate::pointer::escape;
use crate::tolerant::at;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Applies every repair to `doc` (a mapping with string keys).
pub(crate) fn run(doc: &mut Value, unread: &mut Vec<Unread>) {
    info(doc);
    if !doc.get("paths").is_some_and(Value::is_mapping) {
        doc["paths"] = Value::Mapping(Mapping::new());
    }
    let components = doc.get("components").cloned().unwrap_or(Value::Null);
    let mut ids = HashSet::new();
    if let Some(paths) = at(doc, &["paths"]).and_then(Value::as_mapping_mut) {
        for (path, item) in paths.iter_mut() {
            let path = path.as_str().unwrap_or_default().to_string();
            if let Value::Mapping(item) = item {
                path_item(&path, item, &components, &mut ids);
            }
        }
    }
    if let Some(Value::Mapping(c)) = doc.get_mut("components") {
        for (_, response) in section(c, "responses") {
            describe(response);
            response_headers(response);
        }
        for (_, p) in section(c, "parameters") {
            parameter(p);
        }
        for (_, h) in section(c, "headers") {
            schema_for_content(h);
        }
    }
    security(doc, unread);
}

/// The entries of `components/{key}`.
fn section<'a>(c: &'a mut Mapping, key: &str) -> impl Iterator<Item = (&'a Value, &'a mut Value)> {
    c.get_mut(key)
        .and_then(Value::as_mapping_mut)
        .into_iter()
        .flat_map(|m| m.iter_mut())
}

/// `info` with a title and a version.
fn info(doc: &mut Value) {
    if !doc.get("info").is_some_and(Value::is_mapping) {
        doc["info"] = Value::Mapping(Mapping::new());
    }
    for key in ["title", "version"] {
        let info = &mut doc["info"];
        if info.get(key).is_none_or(Value::is_null) {
            info[key] = Value::String(String::new());
        }
    }
}

/// Repairs the operations of one path item.
fn path_item(path: &str, item: &mut Mapping, components: &Value, ids: &mut HashSet<String>) {
    let variables: Vec<String> = PathTemplate::parse(path)
        .map(|t| t.variables().map(str::to_string).collect())
        .unwrap_or_default();
    let is_path_param = |p: &Value| resolve(p, components).get("in") == Some(&"path".into());
    let name_of = |p: &Value| {
        resolve(p, components)
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    // Path-item parameters: a path parameter that is not in the path goes.
    let mut shared: Vec<String> = Vec::new();
    if let Some(Value::Sequence(params)) = item.get_mut("parameters") {
        params.retain(|p| !is_path_param(p) || variables.contains(&name_of(p)));
        params.iter_mut().for_each(parameter);
        shared = params
            .iter()
            .filter(|p| is_path_param(p))
            .map(name_of)
            .collect();
    }
    for method in METHODS {
        let Some(Value::Mapping(op)) = item.get_mut(*method) else {
            continue;
        };
        if !op.get("responses").is_some_and(Value::is_mapping) {
            op.insert("responses".into(), Value::Mapping(Mapping::new()));
        }
        if let Some(Value::Mapping(responses)) = op.get_mut("responses") {
            for (_, r) in responses.iter_mut() {
                describe(r);
                response_headers(r);
            }
        }
        if let Some(Value::String(id)) = op.get("operationId").cloned() {
            let id = id.trim().to_string();
            if !id.is_empty() && !ids.insert(id.clone()) {
                let unique = (2..)
                    .map(|n| format!("{id}_{n}"))
                    .find(|c| !ids.contains(c))
                    .unwrap_or_default();
                ids.insert(unique.clone());
                op.insert("operationId".into(), unique.into());
            }
        }
        if !op.get("parameters").is_some_and(Value::is_sequence) {
            op.insert("parameters".into(), Value::Sequence(Vec::new()));
        }
        let Some(Value::Sequence(params)) = op.get_mut("parameters") else {
            continue;
        };
        params.retain(|p| !is_path_param(p) || variables.contains(&name_of(p)));
        params.iter_mut().for_each(parameter);
        for v in &variables {
            let declared =
                shared.contains(v) || params.iter().any(|p| is_path_param(p) && name_of(p) == *v);
            if !declared {
                let p: Value = serde_yaml::from_str(&format!(
                    "{{name: {}, in: path, required: true, schema: {{type: string}}}}",
                    serde_json::Value::String(v.clone())
                ))
                .unwrap_or(Value::Null);
                params.push(p);
            }
        }
    }
}

/// A parameter or a `$ref` to one in `components/parameters` (one level).
fn resolve<'a>(p: &'a Value, components: &'a Value) -> &'a Value {
    let target = p
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/parameters/"));
    match target {
        Some(name) => components
            .get("parameters")
            .and_then(|ps| ps.get(name.replace("~1", "/").replace("~0", "~")))
            .unwrap_or(p),
        None => p,
    }
}

/// A parameter described by `content` gets that content's schema; a `style` code generation
/// does not support is dropped (the comparison reads styles from the original document).
fn parameter(p: &mut Value) {
    schema_for_content(p);
    if let Value::Mapping(m) = p {
        let place = m.get("in").and_then(Value::as_str).unwrap_or_default();
        let plain = match place {
            "query" | "cookie" => "form",
            _ => "simple",
        };
        if m.get("style").is_some_and(|s| s.as_str() != Some(plain)) {
            m.remove("style");
        }
    }
}

/// A parameter or header described by `content` instead of `schema`: the schema of its first
/// media type.
fn schema_for_content(p: &mut Value) {
    let Value::Mapping(m) = p else { return };
    if m.contains_key("schema") {
        // Both is invalid (and trips the typed model): the schema wins.
        m.remove("content");
        return;
    }
    if !m.contains_key("content") {
        return;
    }
    let schema = m
        .get("content")
        .and_then(Value::as_mapping)
        .and_then(|c| c.values().next())
        .and_then(|media| media.get("schema"))
        .cloned()
        .unwrap_or_else(|| Value::Mapping(Mapping::new()));
    m.remove("content");
    m.insert("schema".into(), schema);
}

/// A response without a `description` gets an empty one.
fn describe(response: &mut Value) {
    if let Value::Mapping(m) = response {
        if !m.contains_key("$ref") && !m.get("description").is_some_and(Value::is_string) {
            m.insert("description".into(), Value::String(String::new()));
        }
    }
}

/// Headers of a response described by `content`.
fn response_headers(response: &mut Value) {
    if let Some(Value::Mapping(headers)) = response.get_mut("headers") {
        headers.values_mut().for_each(schema_for_content);
    }
}

/// Security schemes code generation cannot lower (HTTP schemes other than basic and bearer,
/// `$ref`s, malformed ones) and schemes that requirements name but nobody declares become
/// placeholders (an `Authorization` header), listed as [`Unread`] so a change of theirs is
/// reported as unknown.
fn security(doc: &mut Value, unread: &mut Vec<Unread>) {
    let mut named: Vec<String> = Vec::new();
    let mut collect = |list: Option<&Value>| {
        for req in list.and_then(Value::as_sequence).into_iter().flatten() {
            for key in req.as_mapping().into_iter().flat_map(|m| m.keys()) {
                if let Some(k) = key.as_str() {
                    named.push(k.to_string());
                }
            }
        }
    };
    collect(doc.get("security"));
    for item in doc
        .get("paths")
        .and_then(Value::as_mapping)
        .into_iter()
        .flat_map(|p| p.values())
    {
        for method in METHODS {
            collect(item.get(*method).and_then(|op| op.get("security")));
        }
    }
    if !doc.get("components").is_some_and(Value::is_mapping) {
        doc["components"] = Value::Mapping(Mapping::new());
    }
    let components = &mut doc["components"];
    if !components
        .get("securitySchemes")
        .is_some_and(Value::is_mapping)
    {
        components["securitySchemes"] = Value::Mapping(Mapping::new());
    }
    let Some(schemes) = components["securitySchemes"].as_mapping_mut() else {
        return;
    };
    let placeholder: Value = serde_yaml::from_str(
        "{type: apiKey, in: header, name: Authorization, description: 'not read: see the unknown changes'}",
    )
    .unwrap_or(Value::Null);
    for (id, scheme) in schemes.iter_mut() {
        if let Some(reason) = unsupported(scheme) {
            let id = id.as_str().unwrap_or_default();
            unread.push(Unread {
                location: format!("#/components/securitySchemes/{}", escape(id)),
                reason,
            });
            *scheme = placeholder.clone();
        }
    }
    for id in named {
        if !schemes.contains_key(id.as_str()) {
            schemes.insert(id.into(), placeholder.clone());
        }
    }
}

/// Why a security scheme cannot be lowered, if it cannot.
fn unsupported(scheme: &Value) -> Option<String> {
    if scheme.get("$ref").is_some() {
        return Some("a `$ref` security scheme is not supported".into());
    }
    let kind = scheme.get("type").and_then(Value::as_str);
    match kind {
        Some("http") => {
            let s = scheme
                .get("scheme")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_ascii_lowercase();
            (s != "basic" && s != "bearer")
                .then(|| format!("HTTP authentication scheme \"{s}\" is not supported"))
        }
        Some("apiKey") => (scheme.get("name").is_none() || scheme.get("in").is_none())
            .then(|| "an apiKey scheme needs `name` and `in`".into()),
        Some("oauth2") => (!scheme.get("flows").is_some_and(Value::is_mapping))
            .then(|| "an oauth2 scheme needs `flows`".into()),
        Some("openIdConnect") => (!scheme.get("openIdConnectUrl").is_some_and(Value::is_string))
            .then(|| "an openIdConnect scheme needs `openIdConnectUrl`".into()),
        other => Some(format!("security scheme type {other:?} is not supported")),
    }
}
