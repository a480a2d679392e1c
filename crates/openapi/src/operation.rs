//! Path items and operations: ids, HTTP binding, parameters, security.

use apigen_ir::{
    HttpBinding, HttpMethod, Operation, Parameter, ParameterLocation, ParameterStyle, PathTemplate,
};
use openapiv3::{ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr};

use crate::error::{Fault, Result};
use crate::lower::{docs, Lowering};
use crate::pointer::Ptr;
use crate::refs::{self, Section};
use crate::security;

impl Lowering<'_> {
    /// The operations of one path item, in method order, each with its service (first tag,
    /// or `default`).
    pub fn path_item(
        &mut self,
        path: &str,
        item: &ReferenceOr<PathItem>,
    ) -> Result<Vec<(String, Operation)>> {
        let at = Ptr::root().at("paths").at(path);
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                return Err(Fault::new(
                    &at.at("$ref"),
                    "a path item `$ref` is not supported",
                ))
            }
        };
        let template = PathTemplate::parse(path).map_err(|message| Fault::new(&at, message))?;
        if !item.servers.is_empty() {
            self.skip(&at.at("servers"), SERVERS_SKIPPED);
        }
        let methods = [
            ("get", HttpMethod::Get, &item.get),
            ("put", HttpMethod::Put, &item.put),
            ("post", HttpMethod::Post, &item.post),
            ("delete", HttpMethod::Delete, &item.delete),
            ("options", HttpMethod::Options, &item.options),
            ("head", HttpMethod::Head, &item.head),
            ("patch", HttpMethod::Patch, &item.patch),
            ("trace", HttpMethod::Trace, &item.trace),
        ];
        let mut out = Vec::new();
        for (key, method, operation) in methods {
            if let Some(operation) = operation {
                let http = HttpBinding {
                    method,
                    path: template.clone(),
                };
                out.push(self.operation(item, operation, http, &at, key)?);
            }
        }
        Ok(out)
    }

    /// One operation; `item_at` is the path item's pointer, `key` the method key.
    fn operation(
        &mut self,
        item: &PathItem,
        op: &openapiv3::Operation,
        http: HttpBinding,
        item_at: &Ptr,
        key: &str,
    ) -> Result<(String, Operation)> {
        let at = item_at.at(key);
        let id = self.operation_id(op, key, &http.path.raw, &at);
        let parameters = self.parameters(item, op, item_at, &at, &id)?;
        check_path_variables(&http.path, &parameters, &at)?;
        let request_body = match &op.request_body {
            Some(body) => self.request_body(body, &at.at("requestBody"), &id)?,
            None => None,
        };
        let responses = self.responses(&op.responses, &at.at("responses"), &id)?;
        let security = match &op.security {
            Some(list) => security::requirements(list, &self.schemes, &at.at("security"))?,
            None => self.global_security.clone(),
        };
        for name in op.callbacks.keys() {
            self.skip(
                &at.at("callbacks").at(name),
                "callbacks describe requests the server makes; they are not generated",
            );
        }
        if !op.servers.is_empty() {
            self.skip(&at.at("servers"), SERVERS_SKIPPED);
        }
        let tag = op
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "default".to_string());
        let operation = Operation {
            id,
            docs: docs(op.summary.as_deref(), op.description.as_deref()),
            location: at.to_string(),
            http,
            parameters,
            request_body,
            responses,
            security,
            deprecated: op.deprecated,
        };
        Ok((tag, operation))
    }

    /// The `operationId`, or one derived from method and path (`get_tokens_tokenId`), made
    /// unique with a `_2`, `_3`… suffix. Declared ids were checked for uniqueness up front.
    fn operation_id(
        &mut self,
        op: &openapiv3::Operation,
        method: &str,
        path: &str,
        at: &Ptr,
    ) -> String {
        if let Some(id) = op
            .operation_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
        {
            return id.to_string();
        }
        let mut base = method.to_string();
        let mut separate = true;
        for c in path.chars() {
            if c.is_ascii_alphanumeric() {
                if separate {
                    base.push('_');
                    separate = false;
                }
                base.push(c);
            } else {
                separate = true;
            }
        }
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains_key(&id) {
            n += 1;
            id = format!("{base}_{n}");
        }
        self.ids.insert(id.clone(), at.clone());
        id
    }

    /// Path-item parameters, then the operation's; an operation parameter with the same name
    /// and location replaces the path item's in place.
    fn parameters(
        &mut self,
        item: &PathItem,
        op: &openapiv3::Operation,
        item_at: &Ptr,
        at: &Ptr,
        op_id: &str,
    ) -> Result<Vec<Parameter>> {
        let mut out: Vec<Parameter> = Vec::new();
        for (i, p) in item.parameters.iter().enumerate() {
            let p = self.parameter(p, &item_at.at("parameters").at(i), op_id)?;
            out.push(p);
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let p = self.parameter(p, &at.at("parameters").at(i), op_id)?;
            match out
                .iter_mut()
                .find(|q| q.name == p.name && q.location == p.location)
            {
                Some(existing) => *existing = p,
                None => out.push(p),
            }
        }
        Ok(out)
    }

    /// One parameter. Inline schemas that need a name get `"{op} {name}"`, or the component's
    /// key for a referenced parameter.
    fn parameter(
        &mut self,
        parameter: &ReferenceOr<openapiv3::Parameter>,
        at: &Ptr,
        op_id: &str,
    ) -> Result<Parameter> {
        use openapiv3::Parameter as P;
        let map = self.components().map(|c| &c.parameters);
        let found = refs::resolve(map, parameter, Section::Parameters, at)?;
        let at = &found.ptr;
        let allow_reserved = matches!(
            found.item,
            P::Query {
                allow_reserved: true,
                ..
            }
        );
        let (data, location, style, explode_default) = match found.item {
            P::Query {
                parameter_data,
                style,
                ..
            } => {
                let style = match style {
                    QueryStyle::Form => ParameterStyle::Plain,
                    QueryStyle::SpaceDelimited => ParameterStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParameterStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParameterStyle::DeepObject,
                };
                (parameter_data, ParameterLocation::Query, style, true)
            }
            P::Header { parameter_data, .. } => (
                parameter_data,
                ParameterLocation::Header,
                ParameterStyle::Plain,
                false,
            ),
            P::Path {
                parameter_data,
                style,
            } => {
                let style = match style {
                    PathStyle::Simple => ParameterStyle::Plain,
                    PathStyle::Label => ParameterStyle::Label,
                    PathStyle::Matrix => ParameterStyle::Matrix,
                };
                (parameter_data, ParameterLocation::Path, style, false)
            }
            P::Cookie { parameter_data, .. } => (
                parameter_data,
                ParameterLocation::Cookie,
                ParameterStyle::Plain,
                true,
            ),
        };
        let mut style = style;
        let (schema, schema_at) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => (schema, at.at("schema")),
            ParameterSchemaOrContent::Content(content) => {
                // JSON text in the parameter (`content: {application/json: {schema}}`).
                let json = content
                    .iter()
                    .find(|(media, _)| crate::media::is_json(media));
                match json.and_then(|(media, m)| m.schema.as_ref().map(|s| (media, s))) {
                    Some((media, schema)) if content.len() == 1 => {
                        style = ParameterStyle::Json;
                        (schema, at.at("content").at(media).at("schema"))
                    }
                    _ => {
                        return Err(Fault::new(
                            &at.at("content"),
                            "parameters described by `content` are supported for one JSON media type with a `schema` only",
                        ))
                    }
                }
            }
        };
        let hint = found
            .name
            .clone()
            .unwrap_or_else(|| format!("{op_id} {}", data.name));
        let ty = self.types.type_ref(schema.into(), &schema_at, &hint, 0)?;
        Ok(Parameter {
            name: data.name.clone(),
            location,
            required: data.required || location == ParameterLocation::Path,
            ty,
            default: self.types.default_of(schema.into(), &schema_at)?,
            docs: docs(None, data.description.as_deref()),
            deprecated: data.deprecated.unwrap_or(false),
            explode: data.explode.unwrap_or(explode_default),
            style,
            allow_reserved,
        })
    }
}

/// Why per-path and per-operation `servers` are skipped.
const SERVERS_SKIPPED: &str =
    "servers declared for a path or an operation are not supported; the API's servers are used";

/// Every variable of the path template needs a path parameter, and every path parameter a
/// variable.
fn check_path_variables(path: &PathTemplate, parameters: &[Parameter], at: &Ptr) -> Result<()> {
    for variable in path.variables() {
        let declared = parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Path && p.name == variable);
        if !declared {
            return Err(Fault::new(
                at,
                format!("path variable `{variable}` has no path parameter"),
            ));
        }
    }
    for p in parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Path)
    {
        if !path.variables().any(|v| v == p.name) {
            return Err(Fault::new(
                at,
                format!("path parameter `{}` does not appear in the path", p.name),
            ));
        }
    }
    Ok(())
}
