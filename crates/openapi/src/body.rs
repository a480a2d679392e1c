//! Request bodies, responses and response headers.

use apigen_ir::{
    BodyEncoding, Header, PartType, Primitive, PrimitiveKind, RequestBody, Response, ResponseBody,
    ResponseStatus, TypeRef,
};
use openapiv3::{ParameterSchemaOrContent, ReferenceOr, Responses, StatusCode};

use crate::error::{Fault, Result};
use crate::lower::{docs, Lowering};
use crate::media::{self, Chosen};
use crate::pointer::Ptr;
use crate::refs::{self, Section};

impl Lowering<'_> {
    /// The request body, or `None` when it offers no content. An inline schema that needs a
    /// name gets `"{op} request"` (`"{key} request"` for a referenced body).
    pub fn request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        at: &Ptr,
        op_id: &str,
    ) -> Result<Option<RequestBody>> {
        let map = self.components().map(|c| &c.request_bodies);
        let found = refs::resolve(map, body, Section::RequestBodies, at)?;
        let Some(chosen) = media::choose(&found.item.content) else {
            return Ok(None);
        };
        let hint = match &found.name {
            Some(key) => format!("{key} request"),
            None => format!("{op_id} request"),
        };
        let ty = self.body_type(&chosen, &found.ptr, &hint)?;
        let alternatives = media::alternatives(&found.item.content, &chosen);
        let parts = self.part_types(&chosen, &found.ptr);
        Ok(Some(RequestBody {
            media_type: chosen.media_type,
            encoding: chosen.encoding,
            ty,
            alternatives,
            parts,
            required: found.item.required,
            docs: docs(None, found.item.description.as_deref()),
        }))
    }

    /// The responses, sorted: codes ascending, then ranges, then `default`.
    pub fn responses(
        &mut self,
        responses: &Responses,
        at: &Ptr,
        op_id: &str,
    ) -> Result<Vec<Response>> {
        let mut out = Vec::with_capacity(responses.responses.len() + 1);
        for (code, response) in &responses.responses {
            let response_at = at.at(code);
            let status = match code {
                StatusCode::Code(code) => ResponseStatus::Code(*code),
                StatusCode::Range(range) => ResponseStatus::Range(
                    u8::try_from(*range)
                        .map_err(|_| Fault::new(&response_at, "invalid status range"))?,
                ),
            };
            out.push(self.response(response, status, &response_at, op_id)?);
        }
        if let Some(response) = &responses.default {
            let response_at = at.at("default");
            out.push(self.response(response, ResponseStatus::Default, &response_at, op_id)?);
        }
        out.sort_by_key(|r| r.status);
        Ok(out)
    }

    /// One response. Inline schemas that need a name get `"{op} {status} response"`
    /// (`"{key} response"` for a referenced response).
    fn response(
        &mut self,
        response: &ReferenceOr<openapiv3::Response>,
        status: ResponseStatus,
        at: &Ptr,
        op_id: &str,
    ) -> Result<Response> {
        let map = self.components().map(|c| &c.responses);
        let found = refs::resolve(map, response, Section::Responses, at)?;
        let item = found.item;
        let hint = match &found.name {
            Some(key) => format!("{key} response"),
            None => format!("{op_id} {status} response"),
        };
        let chosen = media::choose(&item.content);
        let body = match chosen {
            None => None,
            Some(mut chosen) => Some(ResponseBody {
                ty: match self.body_type(&chosen, &found.ptr, &hint) {
                    // A multipart answer that is not an object with properties is handed
                    // over as its raw bytes.
                    Err(fault) if chosen.encoding == BodyEncoding::Multipart => {
                        self.skip(
                            &found.ptr.at("content").at(chosen.key),
                            &format!("answered as raw bytes: {}", fault.message),
                        );
                        chosen.encoding = BodyEncoding::Bytes;
                        self.body_type(&chosen, &found.ptr, &hint)?
                    }
                    other => other?,
                },
                alternatives: media::alternatives(&item.content, &chosen),
                parts: self.part_types(&chosen, &found.ptr),
                media_type: chosen.media_type,
                encoding: chosen.encoding,
            }),
        };
        let mut headers = Vec::with_capacity(item.headers.len());
        for (name, header) in &item.headers {
            // OpenAPI: a response header named Content-Type "SHALL be ignored".
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header_at = found.ptr.at("headers").at(name);
            headers.push(self.header(name, header, &header_at, &hint)?);
        }
        headers.sort_by(|a, b| a.name.cmp(&b.name));
        if !item.links.is_empty() {
            self.skip(
                &found.ptr.at("links"),
                "links are documentation only; they are not generated",
            );
        }
        Ok(Response {
            status,
            docs: docs(None, Some(&item.description)),
            body,
            headers,
        })
    }

    /// One response header. An inline schema that needs a name gets `"{response} {name}"`
    /// (the component key for a referenced header).
    fn header(
        &mut self,
        name: &str,
        header: &ReferenceOr<openapiv3::Header>,
        at: &Ptr,
        response_hint: &str,
    ) -> Result<Header> {
        let map = self.components().map(|c| &c.headers);
        let found = refs::resolve(map, header, Section::Headers, at)?;
        let schema = match &found.item.format {
            ParameterSchemaOrContent::Schema(schema) => schema,
            ParameterSchemaOrContent::Content(_) => {
                return Err(Fault::new(
                    &found.ptr.at("content"),
                    "headers described by `content` are not supported; use `schema`",
                ))
            }
        };
        let hint = found
            .name
            .clone()
            .unwrap_or_else(|| format!("{response_hint} {name}"));
        let ty = self
            .types
            .type_ref(schema.into(), &found.ptr.at("schema"), &hint, 0)?;
        Ok(Header {
            name: name.to_string(),
            ty,
            required: found.item.required,
            docs: docs(None, found.item.description.as_deref()),
        })
    }

    /// The type of a body: raw bytes, text, or its schema's type (any JSON value without a
    /// schema). A multipart body must be an object. `at` is where the `content` map's owner
    /// stands.
    fn body_type(&mut self, chosen: &Chosen<'_>, at: &Ptr, hint: &str) -> Result<TypeRef> {
        match chosen.encoding {
            BodyEncoding::Bytes => {
                return Ok(TypeRef::Primitive(Primitive::new(PrimitiveKind::Binary)))
            }
            BodyEncoding::Text => {
                return Ok(TypeRef::Primitive(Primitive::new(PrimitiveKind::String)))
            }
            BodyEncoding::Multipart => return self.multipart_type(chosen, at, hint),
            BodyEncoding::Json | BodyEncoding::FormUrlEncoded => {}
        }
        match &chosen.media.schema {
            None => Ok(TypeRef::Any),
            Some(schema) => {
                let schema_at = at.at("content").at(chosen.key).at("schema");
                self.types.type_ref(schema.into(), &schema_at, hint, 0)
            }
        }
    }
}

impl Lowering<'_> {
    /// The type of a `multipart/form-data` body: an object schema (inline or `$ref`'d) whose
    /// properties become the parts. Anything else is reported as not supported.
    fn multipart_type(&mut self, chosen: &Chosen<'_>, at: &Ptr, hint: &str) -> Result<TypeRef> {
        let schema_at = at.at("content").at(chosen.key).at("schema");
        let Some(schema) = &chosen.media.schema else {
            return Err(Fault::new(
                &schema_at,
                "a multipart/form-data body without a schema is not supported (its parts are unknown)",
            ));
        };
        let schemas = self.components().map(|c| &c.schemas);
        let found = refs::resolve(schemas, schema, Section::Schemas, &schema_at)?;
        let any = crate::shape::as_any(&found.item.schema_kind);
        let object = any.typ.as_deref().is_none_or(|t| t == "object")
            && !any.properties.is_empty()
            && any.one_of.is_empty()
            && any.any_of.is_empty()
            && any.all_of.is_empty();
        if !object {
            return Err(Fault::new(
                &found.ptr,
                "a multipart/form-data body whose schema is not an object with `properties` is not supported",
            ));
        }
        self.types.type_ref(schema.into(), &schema_at, hint, 0)
    }

    /// The part media types a multipart body's `encoding` object sets (the first of a list; a
    /// wildcard such as `image/*` keeps the default). Per-part `headers`, and `style` /
    /// `explode` / `allowReserved` (which OpenAPI applies to form-urlencoded bodies only), are
    /// reported in `skipped`.
    fn part_types(&mut self, chosen: &Chosen<'_>, at: &Ptr) -> Vec<PartType> {
        if chosen.encoding != BodyEncoding::Multipart {
            return Vec::new();
        }
        let at = at.at("content").at(chosen.key).at("encoding");
        let mut parts = Vec::new();
        for (field, encoding) in &chosen.media.encoding {
            let field_at = at.at(field);
            if !encoding.headers.is_empty() {
                self.skip(
                    &field_at.at("headers"),
                    "headers of a multipart part are not generated (parts carry Content-Disposition and Content-Type only)",
                );
            }
            if encoding.style.is_some() || encoding.explode || encoding.allow_reserved {
                self.skip(
                    &field_at,
                    "`style`, `explode` and `allowReserved` apply to form-urlencoded bodies; a multipart part is sent whole",
                );
            }
            let first = encoding
                .content_type
                .as_deref()
                .and_then(|t| t.split(',').next())
                .map(str::trim)
                .filter(|t| !t.is_empty() && !t.contains('*'));
            if let Some(media_type) = first {
                parts.push(PartType {
                    field: field.clone(),
                    media_type: media_type.to_string(),
                });
            }
        }
        parts
    }
}
