//! One HTTP binding of an rpc → one IR operation: path and query parameters, request body and
//! response, following the `google.api.http` rules (grpc-gateway semantics).

use std::collections::HashSet;

use apigen_ir::{
    BodyEncoding, Docs, HttpBinding, Operation, Parameter, ParameterLocation, PathTemplate,
    RequestBody, Response, ResponseBody, ResponseStatus, SecurityRequirement, TypeRef,
};
use prost_reflect::{FieldDescriptor, Kind, MessageDescriptor, MethodDescriptor};

use crate::comments::SourceIndex;
use crate::http::Rule;
use crate::types::{field_type, fields_in_order, is_required, message_type};

/// The media type of every proto body (proto3 JSON mapping).
const JSON: &str = "application/json";

/// What an operation is built from, beside its rule.
pub(crate) struct OperationInput<'a> {
    /// Docs of the rpc's fields.
    pub index: &'a SourceIndex,
    /// The rpc.
    pub method: &'a MethodDescriptor,
    /// The operation id (`issue`, or `issue_1` for an additional binding).
    pub id: String,
    /// The operation's location.
    pub location: String,
    /// The rpc's docs (markers removed).
    pub docs: Docs,
    /// Security alternatives.
    pub security: Vec<SecurityRequirement>,
}

/// Builds the operation for one binding; errors are messages about the binding.
pub(crate) fn operation(input: OperationInput<'_>, rule: &Rule) -> Result<Operation, String> {
    let OperationInput {
        index,
        method,
        id,
        location,
        docs,
        security,
    } = input;
    let request = method.input();
    if !rule.path.starts_with('/') {
        return Err(format!("path template `{}` must start with `/`", rule.path));
    }
    let path = PathTemplate::parse(&rule.path)?;
    let mut parameters = Vec::new();
    let mut in_path = HashSet::new();
    for var in path.variables() {
        let field = top_level_field(&request, var, "path variable")?;
        if !in_path.insert(var.to_string()) {
            return Err(format!("path variable `{var}` appears twice"));
        }
        let ty = param_type(&field, false).ok_or_else(|| {
            format!(
                "path variable `{var}` names field `{var}` of `{}`, which is not a single scalar or enum",
                request.full_name()
            )
        })?;
        parameters.push(parameter(index, &field, ParameterLocation::Path, ty, true));
    }
    let (request_body, query_fields): (_, Vec<FieldDescriptor>) = match rule.body.as_str() {
        "*" => (body(message_type(&request).ty, true), Vec::new()),
        "" => (None, fields_in_order(&request)),
        name => {
            let field = top_level_field(&request, name, "body field")?;
            let required = is_required(
                &field,
                index
                    .comment(&file_of(&field), field.path())
                    .has("optional"),
            );
            let mut others = fields_in_order(&request);
            others.retain(|f| f.name() != name);
            (body(field_type(&field).ty, required), others)
        }
    };
    for field in query_fields.iter().filter(|f| !in_path.contains(f.name())) {
        let ty = param_type(field, true).ok_or_else(|| {
            format!(
                "field `{}` of `{}` is a message or map and cannot be a query parameter",
                field.name(),
                request.full_name()
            )
        })?;
        let required = is_required(
            field,
            index.comment(&file_of(field), field.path()).has("optional"),
        );
        parameters.push(parameter(
            index,
            field,
            ParameterLocation::Query,
            ty,
            required,
        ));
    }
    let response_ty = match rule.response_body.as_str() {
        "" => message_type(&method.output()).ty,
        name => {
            field_type(&top_level_field(
                &method.output(),
                name,
                "response_body field",
            )?)
            .ty
        }
    };
    Ok(Operation {
        id,
        docs,
        location,
        http: HttpBinding {
            method: rule.method,
            path,
        },
        parameters,
        request_body,
        responses: vec![Response {
            status: ResponseStatus::Code(200),
            docs: Docs::default(),
            body: Some(ResponseBody {
                media_type: JSON.to_string(),
                encoding: BodyEncoding::Json,
                ty: response_ty,
                alternatives: Vec::new(),
                parts: Vec::new(),
            }),
            headers: Vec::new(),
        }],
        security,
        deprecated: method
            .method_descriptor_proto()
            .options
            .as_ref()
            .and_then(|o| o.deprecated)
            .unwrap_or(false),
    })
}

/// A JSON request body; an empty message (`google.protobuf.Empty`) means no body.
fn body(ty: TypeRef, required: bool) -> Option<RequestBody> {
    (ty != TypeRef::Unit).then(|| RequestBody {
        media_type: JSON.to_string(),
        encoding: BodyEncoding::Json,
        ty,
        alternatives: Vec::new(),
        parts: Vec::new(),
        required,
        docs: Docs::default(),
    })
}

/// A field of `message` named by a binding; nested names (`a.b`) are not supported.
fn top_level_field(
    message: &MessageDescriptor,
    name: &str,
    what: &str,
) -> Result<FieldDescriptor, String> {
    if name.contains('.') {
        return Err(format!("nested {what} `{name}` is not supported"));
    }
    message.get_field_by_name(name).ok_or_else(|| {
        format!(
            "{what} `{name}` names no field of `{}`",
            message.full_name()
        )
    })
}

/// The type of a field sent as a path or query parameter: a scalar, an enum, or a well-known
/// type written as a JSON primitive; in the query also a repeated one. `None` otherwise.
fn param_type(field: &FieldDescriptor, allow_list: bool) -> Option<TypeRef> {
    if field.is_map() || (field.is_list() && !allow_list) {
        return None;
    }
    let ty = field_type(field).ty;
    let item = match &ty {
        TypeRef::Array(item) => item.as_ref(),
        other => other,
    };
    let ok = match item {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(_) => matches!(field.kind(), Kind::Enum(_)),
        _ => false,
    };
    ok.then_some(ty)
}

/// A parameter taken from a field of the request message.
fn parameter(
    index: &SourceIndex,
    field: &FieldDescriptor,
    location: ParameterLocation,
    ty: TypeRef,
    required: bool,
) -> Parameter {
    Parameter {
        name: field.name().to_string(),
        location,
        required,
        ty,
        default: None,
        docs: index.comment(&file_of(field), field.path()).docs,
        deprecated: field
            .field_descriptor_proto()
            .options
            .as_ref()
            .and_then(|o| o.deprecated)
            .unwrap_or(false),
        explode: true,
        style: apigen_ir::ParameterStyle::Plain,
        allow_reserved: false,
    }
}

/// The name of the file declaring a field.
fn file_of(field: &FieldDescriptor) -> String {
    field.parent_file().name().to_string()
}
