//! Proto services → one IR [`Api`]: services, operations, skipped rpcs, types and security.

use std::collections::HashSet;

use apigen_ir::{
    Api, Docs, Rpc, SecurityRequirement, SecurityScheme, SecuritySchemeKind, Service, Skipped,
    TypeRef,
};
use prost_reflect::{ExtensionDescriptor, FileDescriptor, MethodDescriptor, ServiceDescriptor};

use crate::comments::SourceIndex;
use crate::compile::Compiled;
use crate::http::{http_extension, method_rule, HTTP_OPTION};
use crate::operation::{operation, OperationInput};
use crate::types::{location, message_type, TypeSet};
use crate::Error;

/// Id of the security scheme of rpcs not marked `+noauth`.
pub const BEARER: &str = "bearer";

/// Lowers `services` into one API. `files` are the files whose every message and enum is
/// included (beside the types the rpcs reach).
pub(crate) fn lower(
    compiled: &Compiled,
    services: &[ServiceDescriptor],
    files: &[FileDescriptor],
) -> Result<Api, Error> {
    let index = SourceIndex::new(&compiled.pool);
    let http = http_extension(&compiled.pool);
    let mut skipped = Vec::new();
    let mut types = TypeSet::new(&index);
    let mut lowered = Vec::with_capacity(services.len());
    for service in services {
        let file = service.parent_file();
        let mut operations = Vec::new();
        let mut rpcs = Vec::new();
        for method in service.methods() {
            rpcs.push(rpc(&index, &method));
            types.add_message(&method.input());
            types.add_message(&method.output());
            let ops = lower_method(&index, http.as_ref(), &method, &mut skipped)?;
            operations.extend(ops);
        }
        let mut ids = HashSet::new();
        if let Some(dup) = operations.iter().find(|op| !ids.insert(op.id.as_str())) {
            return Err(Error::Lower {
                at: index.pos(file.name(), service.path()),
                element: format!("service {}", service.full_name()),
                message: format!("operation id `{}` is used twice", dup.id),
            });
        }
        lowered.push(Service {
            name: service.name().to_string(),
            docs: index.comment(file.name(), service.path()).docs,
            operations,
            rpcs,
            package: service.package_name().to_string(),
        });
    }
    for file in files {
        types.add_file(file);
    }
    let package = services
        .first()
        .map(|s| s.package_name().to_string())
        .or_else(|| files.first().map(|f| f.package_name().to_string()))
        .unwrap_or_default();
    let (title, docs) = match services {
        [one] => (
            one.full_name().to_string(),
            index.comment(one.parent_file().name(), one.path()).docs,
        ),
        _ => (package.clone(), Docs::default()),
    };
    let mut api = Api {
        title,
        version: version_of(&package),
        docs,
        servers: Vec::new(),
        services: lowered,
        types: types.into_types(),
        security_schemes: Vec::new(),
        skipped,
        json_mapping: apigen_ir::JsonMapping::Protobuf,
    };
    if api.operations().any(|op| !op.security.is_empty()) {
        api.security_schemes.push(bearer_scheme());
    }
    api.normalize();
    Ok(api)
}

/// The operations of one rpc: its binding, then its `additional_bindings` (ids `{rpc}_{n}`).
/// Streaming rpcs and rpcs without a binding are recorded in `skipped`.
fn lower_method(
    index: &SourceIndex,
    http: Option<&ExtensionDescriptor>,
    method: &MethodDescriptor,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<apigen_ir::Operation>, Error> {
    let file = method.parent_file();
    let base = location(file.name(), method.full_name());
    let streaming = match (method.is_client_streaming(), method.is_server_streaming()) {
        (true, true) => Some("bidirectional-streaming rpc"),
        (true, false) => Some("client-streaming rpc"),
        (false, true) => Some("server-streaming rpc"),
        (false, false) => None,
    };
    let rule = match (streaming, http.and_then(|ext| method_rule(method, ext))) {
        (Some(reason), _) => return Ok(skip(skipped, base, reason)),
        (None, None) => return Ok(skip(skipped, base, "no google.api.http annotation")),
        (None, Some(rule)) => rule,
    };
    let option_path: Vec<i32> = method
        .path()
        .iter()
        .copied()
        .chain([
            4,
            http.map_or(0, |e| i32::try_from(e.number()).unwrap_or(0)),
        ])
        .collect();
    let at = if index.contains(file.name(), &option_path) {
        index.pos(file.name(), &option_path)
    } else {
        index.pos(file.name(), method.path())
    };
    let fail = |message: String| Error::Lower {
        at: at.clone(),
        element: format!("rpc {}", method.full_name()),
        message,
    };
    let rule = rule.map_err(fail)?;
    let comment = index.comment(file.name(), method.path());
    let security = if comment.has("noauth") {
        Vec::new()
    } else {
        vec![SecurityRequirement {
            schemes: vec![BEARER.to_string()],
        }]
    };
    let bindings = std::iter::once((method.name().to_string(), base.clone(), &rule)).chain(
        rule.additional.iter().enumerate().map(|(n, extra)| {
            let id = format!("{}_{}", method.name(), n + 1);
            (id, format!("{base} (additional_bindings[{n}])"), extra)
        }),
    );
    let mut operations = Vec::new();
    for (i, (id, location, binding)) in bindings.enumerate() {
        if i > 0 && !binding.additional.is_empty() {
            skipped.push(Skipped {
                location: location.clone(),
                reason: format!("nested additional_bindings of `{HTTP_OPTION}` are not allowed"),
            });
        }
        let input = OperationInput {
            index,
            method,
            id,
            location,
            docs: comment.docs.clone(),
            security: security.clone(),
        };
        operations.push(operation(input, binding).map_err(fail)?);
    }
    Ok(operations)
}

/// An rpc as gRPC serves it.
fn rpc(index: &SourceIndex, method: &MethodDescriptor) -> Rpc {
    let message = |m: prost_reflect::MessageDescriptor| match m.full_name() {
        "google.protobuf.Empty" => TypeRef::Unit,
        _ => message_type(&m).ty,
    };
    let comment = index.comment(method.parent_file().name(), method.path());
    Rpc {
        name: method.name().to_string(),
        input: message(method.input()),
        output: message(method.output()),
        client_streaming: method.is_client_streaming(),
        server_streaming: method.is_server_streaming(),
        authenticated: !comment.has("noauth"),
        docs: comment.docs,
    }
}

fn skip(skipped: &mut Vec<Skipped>, location: String, reason: &str) -> Vec<apigen_ir::Operation> {
    skipped.push(Skipped {
        location,
        reason: reason.to_string(),
    });
    Vec::new()
}

/// The scheme of rpcs without `+noauth`: a bearer access token.
fn bearer_scheme() -> SecurityScheme {
    SecurityScheme {
        id: BEARER.to_string(),
        kind: SecuritySchemeKind::HttpBearer { format: None },
        docs: Docs::description(
            "An access token in `Authorization: Bearer <token>`; rpcs marked `+noauth` need none.",
        ),
    }
}

/// The API version: the last package segment when it looks like one (`v2`, `v1beta1`).
pub(crate) fn version_of(package: &str) -> Option<String> {
    let last = package.rsplit('.').next()?;
    let digits = last.strip_prefix('v')?;
    let starts_with_digit = digits.starts_with(|c: char| c.is_ascii_digit());
    let alnum = digits.chars().all(|c| c.is_ascii_alphanumeric());
    (starts_with_digit && alnum).then(|| last.to_string())
}

#[cfg(test)]
mod tests {
    use super::version_of;

    #[test]
    fn versions_come_from_the_last_package_segment() {
        assert_eq!(
            version_of("spaceone.api.identity.v2").as_deref(),
            Some("v2")
        );
        assert_eq!(version_of("google.api.v1beta1").as_deref(), Some("v1beta1"));
        assert_eq!(version_of("spaceone.api.identity.plugin"), None);
        assert_eq!(version_of("a.vx"), None);
        assert_eq!(version_of(""), None);
    }
}
