//! IR operations → `paths`: one path item per path template, one operation per method, with
//! parameters, request body, responses and security as the IR records them.

use std::collections::HashMap;

use apigen_ir::{
    Api, Docs, Operation, Parameter, ParameterLocation, ParameterStyle, PathSegment, Response,
    ResponseStatus, Service,
};

use crate::json::{Json, Object};
use crate::schema::{reference, Schemas};
use crate::Error;

/// The component holding the error body of APIs that declare none.
pub(crate) const ERROR_STATUS: &str = "google.rpc.Status";

/// Writes `paths` of `api`. `error_default` adds a `default` response with
/// [`ERROR_STATUS`] to operations that document no `default` answer.
pub(crate) fn paths<'a>(
    api: &'a Api,
    schemas: &mut Schemas<'a>,
    error_default: bool,
) -> Result<Object, Error> {
    let ids = operation_ids(api);
    let mut paths = Object::new();
    let mut seen: HashMap<(String, String), &str> = HashMap::new();
    for service in &api.services {
        for op in &service.operations {
            let path = path_of(op);
            let method = op.http.method.as_str().to_ascii_lowercase();
            if let Some(first) = seen.insert((path.clone(), method.clone()), &op.id) {
                return Err(Error::DuplicateRoute {
                    method: op.http.method.as_str().to_string(),
                    path,
                    first: first.to_string(),
                    second: op.id.clone(),
                });
            }
            let id = ids.get(&(service.name.as_str(), op.id.as_str())).cloned();
            let written = operation(api, service, op, id, schemas, error_default)?;
            if paths.get(&path).is_none() {
                paths.insert(path.clone(), Object::new());
            }
            if let Some(item) = paths.get_mut(&path).and_then(Json::as_object_mut) {
                item.insert(method, written);
            }
        }
    }
    Ok(paths)
}

/// The path template as OpenAPI writes it: variables without their proto pattern
/// (`{name=**}` → `{name}`).
fn path_of(op: &Operation) -> String {
    op.http
        .path
        .segments
        .iter()
        .map(|s| match s {
            PathSegment::Literal(text) => text.clone(),
            PathSegment::Variable { name, .. } => format!("{{{name}}}"),
        })
        .collect()
}

/// The `operationId` of each operation: its IR id, or, for a proto rpc whose name another
/// service also uses (`create`), `{Service}_{rpc}` so that ids stay unique.
fn operation_ids(api: &Api) -> HashMap<(&str, &str), String> {
    let mut services_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for service in &api.services {
        for op in &service.operations {
            let users = services_of.entry(op.id.as_str()).or_default();
            if !users.contains(&service.name.as_str()) {
                users.push(&service.name);
            }
        }
    }
    let mut ids = HashMap::new();
    for service in &api.services {
        for op in &service.operations {
            let shared = services_of[op.id.as_str()].len() > 1;
            let id = if shared && !service.package.is_empty() {
                format!("{}_{}", service.name, op.id)
            } else {
                op.id.clone()
            };
            ids.insert((service.name.as_str(), op.id.as_str()), id);
        }
    }
    ids
}

fn operation<'a>(
    api: &'a Api,
    service: &'a Service,
    op: &'a Operation,
    id: Option<String>,
    schemas: &mut Schemas<'a>,
    error_default: bool,
) -> Result<Object, Error> {
    let mut o = Object::new().with("tags", vec![Json::from(service.name.as_str())]);
    summary_description(&mut o, &op.docs);
    o.insert("operationId", id.unwrap_or_else(|| op.id.clone()));
    if op.deprecated {
        o.insert("deprecated", true);
    }
    let security: Vec<Json> = op
        .security
        .iter()
        .map(|alt| {
            let mut req = Object::new();
            for scheme in &alt.schemes {
                req.insert(scheme.clone(), Vec::<Json>::new());
            }
            Json::from(req)
        })
        .collect();
    o.insert("security", security);
    let parameters = op
        .parameters
        .iter()
        .map(|p| parameter(api, p, schemas).map(Json::from))
        .collect::<Result<Vec<_>, _>>()?;
    if !parameters.is_empty() {
        o.insert("parameters", parameters);
    }
    if let Some(body) = &op.request_body {
        let mut b = Object::new();
        if let Some(text) = &body.docs.description {
            b.insert("description", text.as_str());
        }
        let media = with_parts(
            Object::new().with("schema", schemas.type_ref(&body.ty)?),
            &body.parts,
        );
        b.insert(
            "content",
            content(&body.media_type, media, &body.alternatives),
        );
        if body.required {
            b.insert("required", true);
        }
        o.insert("requestBody", b);
    }
    let mut responses = Object::new();
    for r in &op.responses {
        responses.insert(r.status.to_string(), response(r, schemas)?);
    }
    if error_default
        && !op
            .responses
            .iter()
            .any(|r| r.status == ResponseStatus::Default)
    {
        let schema = reference(ERROR_STATUS);
        let content = Object::new().with("application/json", Object::new().with("schema", schema));
        responses.insert(
            "default",
            Object::new()
                .with(
                    "description",
                    "An error: the gRPC status code and a message (`google.rpc.Status`).",
                )
                .with("content", content),
        );
    }
    o.insert("responses", responses);
    Ok(o)
}

fn summary_description(o: &mut Object, docs: &Docs) {
    if let Some(s) = &docs.summary {
        o.insert("summary", s.as_str());
    }
    if let Some(d) = &docs.description {
        o.insert("description", d.as_str());
    }
}

fn parameter<'a>(api: &Api, p: &'a Parameter, schemas: &mut Schemas<'a>) -> Result<Object, Error> {
    let location = match p.location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    };
    let mut o = Object::new()
        .with("name", p.name.as_str())
        .with("in", location);
    if let Some(d) = &p.docs.description {
        o.insert("description", d.as_str());
    }
    if p.required || p.location == ParameterLocation::Path {
        o.insert("required", true);
    }
    if p.deprecated {
        o.insert("deprecated", true);
    }
    let mut schema = schemas.type_ref(&p.ty)?;
    if let Some(default) = &p.default {
        schema.insert("default", default.clone());
    }
    let form = matches!(
        p.location,
        ParameterLocation::Query | ParameterLocation::Cookie
    );
    let style = match p.style {
        ParameterStyle::Plain => None,
        ParameterStyle::SpaceDelimited => Some("spaceDelimited"),
        ParameterStyle::PipeDelimited => Some("pipeDelimited"),
        ParameterStyle::DeepObject => Some("deepObject"),
        ParameterStyle::Label => Some("label"),
        ParameterStyle::Matrix => Some("matrix"),
        ParameterStyle::Json => {
            let media = Object::new().with("schema", schema);
            o.insert("content", Object::new().with("application/json", media));
            return Ok(o);
        }
    };
    if let Some(style) = style {
        o.insert("style", style);
    }
    if p.allow_reserved {
        o.insert("allowReserved", true);
    }
    // A proto path variable is one segment whatever `explode` says: leave the default.
    let proto_path = p.location == ParameterLocation::Path && !api.json_mapping.is_plain();
    if p.explode != form && !proto_path {
        o.insert("explode", p.explode);
    }
    o.insert("schema", schema);
    Ok(o)
}

/// A media type object with the `encoding` of the multipart parts the spec gave a media type.
fn with_parts(mut media: Object, parts: &[apigen_ir::PartType]) -> Object {
    if !parts.is_empty() {
        let mut encoding = Object::new();
        for p in parts {
            encoding.insert(
                p.field.clone(),
                Object::new().with("contentType", p.media_type.as_str()),
            );
        }
        media.insert("encoding", encoding);
    }
    media
}

/// A `content` map: the chosen media type with its schema, then the other media types the
/// spec offered, without a schema (the IR keeps only their names).
fn content(media_type: &str, media: Object, alternatives: &[String]) -> Object {
    let mut content = Object::new().with(media_type.to_string(), media);
    for other in alternatives {
        content.insert(other.clone(), Object::new());
    }
    content
}

fn response<'a>(r: &'a Response, schemas: &mut Schemas<'a>) -> Result<Object, Error> {
    let description = r.docs.description.as_deref().unwrap_or("");
    let mut o = Object::new().with("description", description);
    if !r.headers.is_empty() {
        let mut headers = Object::new();
        for h in &r.headers {
            let mut header = Object::new();
            if let Some(d) = &h.docs.description {
                header.insert("description", d.as_str());
            }
            if h.required {
                header.insert("required", true);
            }
            header.insert("schema", schemas.type_ref(&h.ty)?);
            headers.insert(h.name.clone(), header);
        }
        o.insert("headers", headers);
    }
    if let Some(body) = &r.body {
        let media = with_parts(
            Object::new().with("schema", schemas.type_ref(&body.ty)?),
            &body.parts,
        );
        o.insert(
            "content",
            content(&body.media_type, media, &body.alternatives),
        );
    }
    Ok(o)
}
