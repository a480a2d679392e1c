//! Reading the `google.api.http` option of an rpc (an `HttpRule`) from the descriptor pool.
//!
//! The option is an extension of `MethodOptions`; prost-types descriptors drop extension
//! options, so it is read through prost-reflect as a dynamic message.

use apigen_ir::HttpMethod;
use prost_reflect::{
    DescriptorPool, DynamicMessage, ExtensionDescriptor, Kind, MethodDescriptor, Value,
};

/// Full name of the HTTP annotation.
pub(crate) const HTTP_OPTION: &str = "google.api.http";

/// One HTTP binding of an rpc, as written in its `HttpRule`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template as written.
    pub path: String,
    /// `*`, a field name, or empty (no body).
    pub body: String,
    /// A field name, or empty (the whole response message).
    pub response_body: String,
    /// `additional_bindings` (they must not nest; the caller reports nested ones).
    pub additional: Vec<Rule>,
}

/// The `google.api.http` extension, if the pool declares it as a message option of rpcs.
pub(crate) fn http_extension(pool: &DescriptorPool) -> Option<ExtensionDescriptor> {
    let ext = pool.get_extension_by_name(HTTP_OPTION)?;
    let on_methods = ext.containing_message().full_name() == "google.protobuf.MethodOptions";
    (on_methods && matches!(ext.kind(), Kind::Message(_))).then_some(ext)
}

/// The HTTP rule of an rpc: `None` when it has no annotation, an error message when the rule
/// cannot be expressed.
pub(crate) fn method_rule(
    method: &MethodDescriptor,
    ext: &ExtensionDescriptor,
) -> Option<Result<Rule, String>> {
    let options = method.options();
    if !options.has_extension(ext) {
        return None;
    }
    match options.get_extension(ext).as_ref() {
        Value::Message(rule) => Some(rule_from(rule)),
        _ => None,
    }
}

/// Reads one `HttpRule` message.
fn rule_from(rule: &DynamicMessage) -> Result<Rule, String> {
    let (method, path) = pattern(rule)?;
    let additional = match rule.get_field_by_name("additional_bindings").as_deref() {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::Message(m) => Some(rule_from(m)),
                _ => None,
            })
            .collect::<Result<_, _>>()?,
        _ => Vec::new(),
    };
    Ok(Rule {
        method,
        path,
        body: string_field(rule, "body"),
        response_body: string_field(rule, "response_body"),
        additional,
    })
}

/// The method and path of a rule's `pattern`.
fn pattern(rule: &DynamicMessage) -> Result<(HttpMethod, String), String> {
    let standard = [
        ("get", HttpMethod::Get),
        ("put", HttpMethod::Put),
        ("post", HttpMethod::Post),
        ("delete", HttpMethod::Delete),
        ("patch", HttpMethod::Patch),
    ];
    for (name, method) in standard {
        if rule.has_field_by_name(name) {
            return Ok((method, string_field(rule, name)));
        }
    }
    if rule.has_field_by_name("custom") {
        if let Some(Value::Message(custom)) = rule.get_field_by_name("custom").as_deref() {
            let kind = string_field(custom, "kind");
            let method = custom_method(&kind)
                .ok_or_else(|| format!("custom HTTP method `{kind}` is not supported"))?;
            return Ok((method, string_field(custom, "path")));
        }
    }
    Err(format!(
        "`{HTTP_OPTION}` sets no HTTP method (one of get, put, post, delete, patch, custom)"
    ))
}

/// A standard HTTP method named by a `custom` pattern.
fn custom_method(kind: &str) -> Option<HttpMethod> {
    Some(match kind.to_ascii_uppercase().as_str() {
        "GET" => HttpMethod::Get,
        "PUT" => HttpMethod::Put,
        "POST" => HttpMethod::Post,
        "DELETE" => HttpMethod::Delete,
        "PATCH" => HttpMethod::Patch,
        "HEAD" => HttpMethod::Head,
        "OPTIONS" => HttpMethod::Options,
        "TRACE" => HttpMethod::Trace,
        _ => return None,
    })
}

/// A string field of a message, empty when it is unset or not a string.
fn string_field(message: &DynamicMessage, name: &str) -> String {
    match message.get_field_by_name(name).as_deref() {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}
