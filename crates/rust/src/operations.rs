//! The per-operation plan shared by the client and server backends: how each parameter travels
//! as text, the security alternatives, the request body, and the documented responses with
//! their body shapes, with the names of operations, parameters and response variants taken
//! from the naming table (`crate::names`). Both backends read the same plan, so a generated
//! client and server agree on every name and encoding. The plan holds no Rust tokens: those
//! are derived from it in `crate::op_tokens`.

use crate::names::{Names, OperationTypes};
use apigen_ir::{
    Api, BodyEncoding, Header, Operation, Parameter, ParameterLocation, ParameterStyle,
    PathSegment, Primitive, PrimitiveKind, Response, SecuritySchemeKind, TypeKind, TypeRef,
};

mod reason;
mod text;

pub use reason::{reason, status_variant};
pub use text::{expected, one_line, param_doc, type_label};

/// One operation with everything both backends derive from it.
pub struct Op<'a> {
    /// The IR operation.
    pub op: &'a Operation,
    /// snake_case method name (`create_token`), unique in the API.
    pub fn_name: String,
    /// UpperCamelCase stem for the operation's types (`CreateToken`), unique in the API.
    pub type_name: String,
    /// The operation's own types, named after the stem.
    pub types: OperationTypes,
    /// Parameters: the spec's, plus an implicit string parameter for each path variable the
    /// spec does not declare.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<Body>,
    /// Security alternatives; empty when the operation needs no authentication.
    pub security: Vec<Vec<SchemeKind>>,
    /// Documented responses, in IR order, with their variant names.
    pub responses: Vec<Outcome<'a>>,
}

/// A parameter of an operation.
pub struct Param {
    /// The IR parameter.
    pub ir: Parameter,
    /// snake_case identifier, unique in the operation.
    pub ident: String,
    /// The type with aliases resolved.
    pub resolved: TypeRef,
    /// How the value travels as text.
    pub codec: Codec,
    /// For `label` and `matrix` path parameters: the text around the value.
    pub expansion: Option<Expansion>,
}

/// The text a `label` or `matrix` path value is written with: `prefix` before it and
/// `separator` between list items or object pairs (RFC 6570 `{.x}`, `{;x}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// Before the value: `.` (label), `;name=` (matrix), `;` (exploded matrix object).
    pub prefix: String,
    /// Between items or pairs.
    pub separator: String,
}

/// How a parameter value is written as text and read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codec {
    /// A `String`, sent as is.
    Text,
    /// Written with `Display` and read with `FromStr` (numbers, booleans, enums, UUIDs, dates).
    Display,
    /// A date-time in RFC 3339.
    DateTime,
    /// Bytes in base64.
    Base64,
    /// A list of scalars: repeated pairs (`explode`) or one value with the items separated by
    /// `delimiter` (`,`, or ` ` / `|` for `spaceDelimited` / `pipeDelimited`, the expansion's
    /// separator for `label` / `matrix`).
    List {
        /// How each item travels.
        item: Box<Codec>,
        /// One `name=value` pair per item.
        explode: bool,
        /// The separator of an unexploded list.
        delimiter: String,
    },
    /// A flat object in a `label` / `matrix` path value: `k,v,k2,v2`, or `k=v` pairs
    /// (`explode`), separated by the expansion's separator.
    Object {
        /// `k=v` pairs rather than alternating keys and values.
        explode: bool,
    },
    /// Anything else, as JSON text.
    Json,
    /// An object as `name[key]=value` query pairs (`deepObject`).
    DeepObject,
}

/// A request body.
pub struct Body {
    /// The IR body type.
    pub ty: TypeRef,
    /// Its encoding.
    pub encoding: BodyEncoding,
    /// The media type.
    pub media_type: String,
    /// Whether it must be sent.
    pub required: bool,
    /// Its docs.
    pub docs: apigen_ir::Docs,
    /// Other media types the spec offers (not generated).
    pub alternatives: Vec<String>,
    /// The media types of multipart parts the spec sets.
    pub parts: Vec<apigen_ir::PartType>,
}

impl Body {
    /// Whether the body is raw bytes ([`BodyEncoding::Bytes`]), which callers may give as
    /// anything that converts into the runtime's `Binary`.
    pub fn is_binary(&self) -> bool {
        self.encoding == BodyEncoding::Bytes
    }
}

/// A security scheme, as far as the generated code needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// HTTP Basic.
    Basic,
    /// Bearer token.
    Bearer,
    /// API key.
    ApiKey {
        /// Header, query parameter or cookie name.
        name: String,
        /// Where it is sent.
        location: ParameterLocation,
    },
}

/// One documented response of an operation.
pub struct Outcome<'a> {
    /// The IR response.
    pub response: &'a Response,
    /// Variant name by reason phrase (`Ok`, `NotFound`, `Status4xx`, `Default`).
    pub variant: String,
    /// The server's constructor of the variant without headers (`not_found`).
    pub constructor: String,
    /// Its body.
    pub body: BodyShape,
}

/// The body of a response, as the generated code handles it.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyShape {
    /// No body (none declared, or an empty message).
    Empty,
    /// A JSON body.
    Json(TypeRef),
    /// A form-encoded body.
    Form(TypeRef),
    /// A `text/*` media type, as text.
    Text(String),
    /// Any other media type (`application/octet-stream`…), as raw bytes.
    Binary(String),
    /// A `multipart/form-data` body: one part per field of the type (with the media types of
    /// the parts the spec sets).
    Multipart(TypeRef, Vec<apigen_ir::PartType>),
}

impl BodyShape {
    fn of(response: &Response) -> Self {
        match &response.body {
            None => BodyShape::Empty,
            Some(b) if b.ty == TypeRef::Unit => BodyShape::Empty,
            Some(b) => match b.encoding {
                BodyEncoding::Json => BodyShape::Json(b.ty.clone()),
                BodyEncoding::FormUrlEncoded => BodyShape::Form(b.ty.clone()),
                BodyEncoding::Text => BodyShape::Text(b.media_type.clone()),
                BodyEncoding::Multipart => BodyShape::Multipart(b.ty.clone(), b.parts.clone()),
                BodyEncoding::Bytes => BodyShape::Binary(concrete_media_type(&b.media_type)),
            },
        }
    }
}

/// The media type to send for a body declared with `media_type`: a wildcard (`*/*`,
/// `image/*`) becomes `application/octet-stream`.
pub fn concrete_media_type(media_type: &str) -> String {
    if media_type.contains('*') {
        "application/octet-stream".to_string()
    } else {
        media_type.to_string()
    }
}

/// Analyses every operation of `api`, in order, with the names `names` assigned.
pub fn analyse<'a>(api: &'a Api, names: &Names) -> Vec<Op<'a>> {
    api.operations()
        .zip(names.operations())
        .map(|(op, n)| Op {
            op,
            fn_name: n.fn_name.clone(),
            type_name: n.type_name.clone(),
            types: n.types.clone(),
            params: params(api, op, &n.params),
            body: op.request_body.as_ref().map(|b| Body {
                ty: b.ty.clone(),
                encoding: b.encoding,
                media_type: b.media_type.clone(),
                required: b.required,
                docs: b.docs.clone(),
                alternatives: b.alternatives.clone(),
                parts: b.parts.clone(),
            }),
            security: security(api, op),
            responses: outcomes(op, &n.variants, &n.constructors),
        })
        .collect()
}

/// The types the operations' parameters, bodies and responses name (what a client or server
/// crate renders; see [`crate::typeref::home_module`]).
pub fn referenced<'o>(ops: &'o [Op<'_>]) -> impl Iterator<Item = &'o TypeRef> {
    ops.iter().flat_map(|op| {
        let params = op.params.iter().map(|p| &p.ir.ty);
        let body = op.body.iter().map(|b| &b.ty);
        let responses = op.responses.iter().filter_map(|o| match &o.body {
            BodyShape::Json(ty) | BodyShape::Form(ty) | BodyShape::Multipart(ty, _) => Some(ty),
            _ => None,
        });
        params.chain(body).chain(responses)
    })
}

/// The parameters of an operation as the plan lists them: the spec's, in order, then an
/// implicit string parameter for each path variable the spec does not declare.
pub fn parameter_list(op: &Operation) -> Vec<Parameter> {
    let mut list: Vec<Parameter> = op.parameters.clone();
    for seg in &op.http.path.segments {
        if let PathSegment::Variable { name, .. } = seg {
            let declared = list
                .iter()
                .any(|p| p.location == ParameterLocation::Path && &p.name == name);
            if !declared {
                list.push(Parameter {
                    name: name.clone(),
                    location: ParameterLocation::Path,
                    required: true,
                    ty: TypeRef::Primitive(Primitive::new(PrimitiveKind::String)),
                    default: None,
                    docs: apigen_ir::Docs::default(),
                    deprecated: false,
                    explode: false,
                    style: apigen_ir::ParameterStyle::Plain,
                    allow_reserved: false,
                });
            }
        }
    }
    list
}

fn params(api: &Api, op: &Operation, idents: &[String]) -> Vec<Param> {
    parameter_list(op)
        .into_iter()
        .zip(idents)
        .map(|(mut p, ident)| {
            if p.location == ParameterLocation::Path {
                p.required = true;
            }
            let resolved = resolve(api, &p.ty);
            let expansion = expansion(&p, &resolved);
            let codec = match p.style {
                ParameterStyle::Json => Codec::Json,
                ParameterStyle::DeepObject => Codec::DeepObject,
                style => match (
                    &expansion,
                    codec(api, &resolved, p.explode, delimiter(style)),
                ) {
                    (Some(e), Codec::List { item, explode, .. }) => Codec::List {
                        item,
                        explode,
                        delimiter: e.separator.clone(),
                    },
                    (Some(_), Codec::Json) => Codec::Object { explode: p.explode },
                    (_, codec) => codec,
                },
            };
            Param {
                ident: ident.clone(),
                ir: p,
                resolved,
                codec,
                expansion,
            }
        })
        .collect()
}

/// Follows aliases to the type they name (stopping at cycles).
pub fn resolve(api: &Api, ty: &TypeRef) -> TypeRef {
    let mut current = ty.clone();
    for _ in 0..32 {
        match &current {
            TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
                Some(TypeKind::Alias(target)) => current = target.clone(),
                _ => return current,
            },
            _ => return current,
        }
    }
    current
}

/// The separator of an unexploded list in `style`.
fn delimiter(style: ParameterStyle) -> String {
    match style {
        ParameterStyle::SpaceDelimited => " ",
        ParameterStyle::PipeDelimited => "|",
        _ => ",",
    }
    .to_string()
}

/// The text around a `label` or `matrix` path value (RFC 6570 `{.x}`, `{.x*}`, `{;x}`,
/// `{;x*}`); `None` for other styles and locations.
fn expansion(p: &Parameter, resolved: &TypeRef) -> Option<Expansion> {
    if p.location != ParameterLocation::Path {
        return None;
    }
    let list = matches!(resolved, TypeRef::Array(_));
    let object = !list && matches!(resolved, TypeRef::Named(_) | TypeRef::Map(_));
    let named = format!(";{}=", p.name);
    let (prefix, separator) = match (p.style, p.explode) {
        (ParameterStyle::Label, false) => (".".to_string(), ","),
        (ParameterStyle::Label, true) => (".".to_string(), "."),
        (ParameterStyle::Matrix, false) => (named, ","),
        (ParameterStyle::Matrix, true) if object => (";".to_string(), ";"),
        (ParameterStyle::Matrix, true) if list => (named.clone(), named.as_str()),
        (ParameterStyle::Matrix, true) => (named, ","),
        _ => return None,
    };
    Some(Expansion {
        prefix,
        separator: separator.to_string(),
    })
}

fn codec(api: &Api, ty: &TypeRef, explode: bool, delimiter: String) -> Codec {
    match ty {
        TypeRef::Array(item) => {
            let item = resolve(api, item);
            match scalar_codec(api, &item) {
                Some(c) => Codec::List {
                    item: Box::new(c),
                    explode,
                    delimiter,
                },
                None => Codec::Json,
            }
        }
        other => scalar_codec(api, other).unwrap_or(Codec::Json),
    }
}

fn scalar_codec(api: &Api, ty: &TypeRef) -> Option<Codec> {
    match ty {
        TypeRef::Primitive(p) => Some(match p.kind {
            PrimitiveKind::String => Codec::Text,
            PrimitiveKind::DateTime => Codec::DateTime,
            PrimitiveKind::Base64 => Codec::Base64,
            _ => Codec::Display,
        }),
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(_)) => Some(Codec::Display),
            _ => None,
        },
        _ => None,
    }
}

/// The security alternatives of `op` whose schemes the API declares.
pub fn security(api: &Api, op: &Operation) -> Vec<Vec<SchemeKind>> {
    op.security
        .iter()
        .filter_map(|req| {
            req.schemes
                .iter()
                .map(|id| {
                    api.security_scheme(id).map(|s| match &s.kind {
                        SecuritySchemeKind::HttpBasic => SchemeKind::Basic,
                        SecuritySchemeKind::HttpBearer { .. } => SchemeKind::Bearer,
                        SecuritySchemeKind::ApiKey { name, location } => SchemeKind::ApiKey {
                            name: name.clone(),
                            location: *location,
                        },
                    })
                })
                .collect::<Option<Vec<_>>>()
        })
        .collect()
}

fn outcomes<'a>(
    op: &'a Operation,
    variants: &[String],
    constructors: &[String],
) -> Vec<Outcome<'a>> {
    op.responses
        .iter()
        .zip(variants.iter().zip(constructors))
        .map(|(r, (variant, constructor))| Outcome {
            response: r,
            variant: variant.clone(),
            constructor: constructor.clone(),
            body: BodyShape::of(r),
        })
        .collect()
}

impl Op<'_> {
    /// The operation's security alternatives for docs: `` `A` and `B` or `C` ``
    /// (`anonymous` for an empty alternative).
    pub fn security_alternatives(&self) -> String {
        self.op
            .security
            .iter()
            .map(|req| {
                if req.schemes.is_empty() {
                    "anonymous".to_string()
                } else {
                    req.schemes
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                }
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// Parameters at one location.
    pub fn params_in(&self, location: ParameterLocation) -> impl Iterator<Item = &Param> {
        self.params
            .iter()
            .filter(move |p| p.ir.location == location)
    }

    /// The parameter a path variable names.
    pub fn path_param(&self, name: &str) -> Option<&Param> {
        self.params_in(ParameterLocation::Path)
            .find(|p| p.ir.name == name)
    }

    /// Successful responses.
    pub fn successes(&self) -> impl Iterator<Item = &Outcome<'_>> {
        self.responses
            .iter()
            .filter(|o| o.response.status.is_success())
    }

    /// Error responses (4xx, 5xx, other ranges, `default`).
    pub fn errors(&self) -> impl Iterator<Item = &Outcome<'_>> {
        self.responses
            .iter()
            .filter(|o| !o.response.status.is_success())
    }

    /// Whether an alternative needs no credentials at all.
    pub fn allows_anonymous(&self) -> bool {
        self.security.iter().any(Vec::is_empty)
    }
}

/// The one body shape shared by all `outcomes`, if they agree.
pub fn common_shape<'o>(outcomes: impl Iterator<Item = &'o Outcome<'o>>) -> Option<BodyShape> {
    let mut shape: Option<BodyShape> = None;
    for o in outcomes {
        match &shape {
            None => shape = Some(o.body.clone()),
            Some(s) if *s == o.body => {}
            Some(_) => return None,
        }
    }
    shape
}

/// Every response header the API declares, once per name (case-insensitive, first spelling),
/// sorted by name.
pub fn response_headers(api: &Api) -> Vec<&Header> {
    let mut all: Vec<&Header> = Vec::new();
    for op in api.operations() {
        for r in &op.responses {
            for h in &r.headers {
                if !all.iter().any(|x| x.name.eq_ignore_ascii_case(&h.name)) {
                    all.push(h);
                }
            }
        }
    }
    all.sort_by_key(|h| h.name.to_ascii_lowercase());
    all
}

#[cfg(test)]
pub mod fixture;

#[cfg(test)]
mod tests {
    use super::*;
    use apigen_ir::ResponseStatus;

    #[test]
    fn variants_by_reason_phrase() {
        assert_eq!(status_variant(ResponseStatus::Code(200)), "Ok");
        assert_eq!(
            status_variant(ResponseStatus::Code(422)),
            "UnprocessableEntity"
        );
        assert_eq!(status_variant(ResponseStatus::Code(599)), "Status599");
        assert_eq!(status_variant(ResponseStatus::Range(4)), "Status4xx");
        assert_eq!(status_variant(ResponseStatus::Default), "Default");
    }

    #[test]
    fn analysis_of_the_kitchen_sink() {
        let api = fixture::api();
        let ops = analyse(&api, &Names::new(&api));
        let list = &ops[0];
        assert_eq!(list.fn_name, "list_pets");
        let codecs: Vec<(&str, &Codec)> = list
            .params
            .iter()
            .map(|p| (p.ident.as_str(), &p.codec))
            .collect();
        assert_eq!(
            codecs[0],
            ("limit", &Codec::Display),
            "alias resolved to int32"
        );
        assert!(matches!(codecs[1].1, Codec::List { explode: true, .. }));
        assert!(matches!(codecs[2].1, Codec::List { explode: false, .. }));
        assert_eq!(codecs[3].1, &Codec::DateTime);
        assert_eq!(codecs[4].1, &Codec::Display, "enum");
        assert_eq!(codecs[5].1, &Codec::Json, "object in the query");
        assert_eq!(codecs[6], ("x_request_id", &Codec::Display));
        assert!(list.allows_anonymous());
        let kw = ops.iter().find(|o| o.op.id == "type").unwrap();
        assert_eq!(kw.fn_name, "type");
        assert_eq!(crate::naming::ident(&kw.fn_name).to_string(), "r#type");
        let photo = ops.iter().find(|o| o.op.id == "UploadPhoto").unwrap();
        assert_eq!(
            photo.params.len(),
            2,
            "implicit parameter for the undeclared `path` variable"
        );
        let create = &ops[1];
        assert!(
            common_shape(create.successes()).is_none(),
            "201 Pet and 204 empty"
        );
        assert_eq!(
            response_headers(&api)
                .iter()
                .map(|h| h.name.as_str())
                .collect::<Vec<_>>(),
            ["Link", "Location", "X-Total"]
        );
    }
}
