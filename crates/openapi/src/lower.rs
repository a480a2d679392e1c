//! The top of the lowering: document → [`Api`] (info, servers, services, types, security).

use std::collections::HashMap;

use apigen_ir::{Api, Docs, SecurityRequirement, SecurityScheme, Service, Skipped};
use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, ReferenceOr, Server};

use crate::error::{Fault, Result};
use crate::pointer::Ptr;
use crate::schema::Types;
use crate::security;

/// State shared by the lowering of all operations.
pub(crate) struct Lowering<'a> {
    /// The document.
    pub doc: &'a OpenAPI,
    /// Named types collected so far.
    pub types: Types<'a>,
    /// Declared security schemes.
    pub schemes: Vec<SecurityScheme>,
    /// The document's default security.
    pub global_security: Vec<SecurityRequirement>,
    /// Elements deliberately not generated.
    pub skipped: Vec<Skipped>,
    /// Operation ids in use, with where they are declared.
    pub ids: HashMap<String, Ptr>,
}

impl<'a> Lowering<'a> {
    /// The document's components, if any.
    pub fn components(&self) -> Option<&'a Components> {
        self.doc.components.as_ref()
    }

    /// Records a skipped element (once per location).
    pub fn skip(&mut self, at: &Ptr, reason: &str) {
        let location = at.to_string();
        if !self.skipped.iter().any(|s| s.location == location) {
            self.skipped.push(Skipped {
                location,
                reason: reason.to_string(),
            });
        }
    }
}

/// Lowers a typed document.
pub(crate) fn lower(doc: &OpenAPI) -> Result<Api> {
    let components = doc.components.as_ref();
    let schemes = security::schemes(components.map(|c| &c.security_schemes))?;
    let global_security = security::requirements(
        doc.security.as_deref().unwrap_or_default(),
        &schemes,
        &Ptr::root().at("security"),
    )?;
    let mut types = Types::new(components.map(|c| &c.schemas));
    types.lower_components()?;
    let mut cx = Lowering {
        doc,
        types,
        schemes,
        global_security,
        skipped: Vec::new(),
        ids: declared_operation_ids(doc)?,
    };
    let mut services: IndexMap<String, Service> = IndexMap::new();
    for (path, item) in &doc.paths.paths {
        for (tag, operation) in cx.path_item(path, item)? {
            services
                .entry(tag.clone())
                .or_insert_with(|| Service {
                    docs: tag_docs(doc, &tag),
                    name: tag,
                    operations: Vec::new(),
                    rpcs: Vec::new(),
                    package: String::new(),
                })
                .operations
                .push(operation);
        }
    }
    let Lowering {
        types,
        schemes,
        mut skipped,
        ..
    } = cx;
    let (types, notes) = types.finish()?;
    skipped.extend(notes);
    let mut api = Api {
        json_mapping: apigen_ir::JsonMapping::Plain,
        title: doc.info.title.trim().to_string(),
        version: Some(doc.info.version.trim().to_string()).filter(|v| !v.is_empty()),
        docs: docs(None, doc.info.description.as_deref()),
        servers: doc.servers.iter().map(server_url).collect(),
        services: services.into_values().collect(),
        types,
        security_schemes: schemes,
        skipped,
    };
    api.normalize();
    Ok(api)
}

/// Documentation from a summary and a description, trimmed; empty texts become `None`.
pub(crate) fn docs(summary: Option<&str>, description: Option<&str>) -> Docs {
    let text = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Docs {
        summary: text(summary),
        description: text(description),
    }
}

/// The documentation of a tag, from the document's `tags`.
fn tag_docs(doc: &OpenAPI, tag: &str) -> Docs {
    doc.tags
        .iter()
        .find(|t| t.name == tag)
        .map(|t| docs(None, t.description.as_deref()))
        .unwrap_or_default()
}

/// A server URL with its variables replaced by their defaults.
fn server_url(server: &Server) -> String {
    let mut url = server.url.trim().to_string();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}

/// The `operationId`s the document declares; a duplicate is an error.
fn declared_operation_ids(doc: &OpenAPI) -> Result<HashMap<String, Ptr>> {
    let mut ids: HashMap<String, Ptr> = HashMap::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let Some(id) = operation.operation_id.as_deref().map(str::trim) else {
                continue;
            };
            if id.is_empty() {
                continue;
            }
            let at = Ptr::root().at("paths").at(path).at(method);
            if let Some(first) = ids.get(id) {
                return Err(Fault::new(
                    &at.at("operationId"),
                    format!("duplicate operationId \"{id}\" (first declared at {first})"),
                ));
            }
            ids.insert(id.to_string(), at);
        }
    }
    Ok(ids)
}
