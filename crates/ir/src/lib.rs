//! The language-neutral intermediate representation (IR) of an HTTP API.
//!
//! Frontends (OpenAPI, protobuf) lower a spec into an [`Api`]; backends turn an [`Api`] into
//! code. Nothing here knows about a particular spec format or target language: names are the
//! names the spec uses, and the order of every list is decided by the frontend (spec order for
//! operations, sorted by name for types) so that output is deterministic.
//!
//! Every type derives `serde::Serialize` so the IR of a spec can be snapshotted and reviewed.

#![warn(missing_docs)]

mod proto;
mod types;
mod unread;
pub mod words;

pub use proto::{ProtoType, Rpc};
pub use types::*;
pub use unread::Unread;
pub use words::words;

use serde::Serialize;

/// One API: everything a backend needs to generate models, a client and a server.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// Human title of the API (`info.title`, or the proto package).
    pub title: String,
    /// Version of the API as the spec states it (`info.version`), if any.
    pub version: Option<String>,
    /// Description of the API.
    pub docs: Docs,
    /// Base URLs the API is served at, in spec order; the first is the default.
    pub servers: Vec<String>,
    /// Groups of operations (OpenAPI tags or proto services), in spec order.
    pub services: Vec<Service>,
    /// Named types, sorted by [`TypeDef::name`].
    pub types: Vec<TypeDef>,
    /// Security schemes the API declares, sorted by [`SecurityScheme::id`].
    pub security_schemes: Vec<SecurityScheme>,
    /// Spec elements that were deliberately not generated, with the reason (reported, never dropped silently).
    pub skipped: Vec<Skipped>,
    /// Which JSON mapping the API's bodies follow.
    #[serde(skip_serializing_if = "JsonMapping::is_plain")]
    pub json_mapping: JsonMapping,
}

/// The rules by which values of an API's types are written as JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonMapping {
    /// JSON as the schema describes it (OpenAPI): absent, `null` and present are distinct, names
    /// are exactly the wire names.
    #[default]
    Plain,
    /// protobuf's canonical proto3 JSON mapping: a field at its default value may be omitted and
    /// `null` means the default, a field's `json_name` is accepted beside its name, enums are
    /// accepted by name or number, 32-bit numbers and floats also as strings (`"NaN"`,
    /// `"Infinity"`), bytes in either base64 alphabet, unknown enum values are kept.
    Protobuf,
}

impl JsonMapping {
    /// Whether this is [`JsonMapping::Plain`].
    pub fn is_plain(&self) -> bool {
        *self == JsonMapping::Plain
    }
}

impl Api {
    /// Looks up a named type.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// All operations of all services, in order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.services.iter().flat_map(|s| s.operations.iter())
    }

    /// Looks up a security scheme by its id.
    pub fn security_scheme(&self, id: &str) -> Option<&SecurityScheme> {
        self.security_schemes.iter().find(|s| s.id == id)
    }

    /// Sorts the types and security schemes into their canonical order.
    pub fn normalize(&mut self) {
        self.types.sort_by(|a, b| a.name.cmp(&b.name));
        self.security_schemes.sort_by(|a, b| a.id.cmp(&b.id));
    }
}

/// Documentation carried over from the spec.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Docs {
    /// A one-line summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Longer description (Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Docs {
    /// Docs with only a description (empty strings become `None`).
    pub fn description(text: impl Into<String>) -> Self {
        let text: String = text.into();
        let text = text.trim();
        Docs {
            summary: None,
            description: (!text.is_empty()).then(|| text.to_string()),
        }
    }

    /// Whether there is nothing to document.
    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.description.is_none()
    }
}

/// A group of operations: an OpenAPI tag or a proto `service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// Name as in the spec (`TokenApi`, `Token`).
    pub name: String,
    /// Documentation.
    pub docs: Docs,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
    /// Every rpc of a proto service in declaration order, with or without an HTTP binding
    /// (empty for OpenAPI).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rpcs: Vec<Rpc>,
    /// The proto package of the service (empty for OpenAPI).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub package: String,
}

/// One callable operation (an OpenAPI operation or a proto rpc with an HTTP binding).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// Identifier as in the spec (`operationId`, or the rpc name).
    pub id: String,
    /// Documentation.
    pub docs: Docs,
    /// Where the operation stands in its spec (JSON pointer, or proto element path).
    pub location: String,
    /// How the operation is called over HTTP.
    pub http: HttpBinding,
    /// Parameters in spec order (path, query, header, cookie).
    pub parameters: Vec<Parameter>,
    /// The request body, if the operation takes one.
    pub request_body: Option<RequestBody>,
    /// Responses by status, sorted: codes ascending, then ranges, then `default`.
    pub responses: Vec<Response>,
    /// Alternatives of security requirements; any one satisfied suffices. Empty: no authentication.
    pub security: Vec<SecurityRequirement>,
    /// Whether the spec marks the operation deprecated.
    pub deprecated: bool,
}

impl Operation {
    /// Parameters at one location.
    pub fn parameters_in(&self, location: ParameterLocation) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(move |p| p.location == location)
    }

    /// Responses whose status is a success (2xx, or the 2XX range).
    pub fn success_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| r.status.is_success())
    }

    /// Responses that are not successes (4xx, 5xx, ranges and `default`).
    pub fn error_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| !r.status.is_success())
    }
}

/// HTTP method and path of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpBinding {
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template, relative to the server URL.
    pub path: PathTemplate,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// The method as it appears on the wire (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// A path template such as `/tokens/{tokenId}`, split into literal text and variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathTemplate {
    /// The template as written in the spec.
    pub raw: String,
    /// The segments in order.
    pub segments: Vec<PathSegment>,
}

/// One piece of a [`PathTemplate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathSegment {
    /// Literal text, sent as is.
    Literal(String),
    /// A variable, filled from the path parameter of that name.
    Variable {
        /// Parameter name.
        name: String,
        /// Whether the variable may span several `/`-separated segments (`{name=**}`).
        multi_segment: bool,
    },
}

impl PathTemplate {
    /// Parses `/a/{b}/c`; `{b=**}` and `{b=*}` are accepted (the proto forms).
    /// Returns an error message when braces are unbalanced or a variable is empty.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' => {
                    let mut var = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') | None => {
                                return Err(format!("unbalanced `{{` in path template `{raw}`"))
                            }
                            Some(c) => var.push(c),
                        }
                    }
                    let (name, pattern) = match var.split_once('=') {
                        Some((n, p)) => (n.trim(), Some(p.trim())),
                        None => (var.trim(), None),
                    };
                    if name.is_empty() {
                        return Err(format!("empty variable name in path template `{raw}`"));
                    }
                    let multi_segment = match pattern {
                        None | Some("*") => false,
                        Some("**") => true,
                        Some(other) => {
                            return Err(format!(
                                "unsupported variable pattern `{other}` in path template `{raw}`"
                            ))
                        }
                    };
                    if !literal.is_empty() {
                        segments.push(PathSegment::Literal(std::mem::take(&mut literal)));
                    }
                    segments.push(PathSegment::Variable {
                        name: name.to_string(),
                        multi_segment,
                    });
                }
                '}' => return Err(format!("unbalanced `}}` in path template `{raw}`")),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(PathSegment::Literal(literal));
        }
        Ok(PathTemplate {
            raw: raw.to_string(),
            segments,
        })
    }

    /// Names of the variables in order.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            PathSegment::Variable { name, .. } => Some(name.as_str()),
            PathSegment::Literal(_) => None,
        })
    }
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// An operation parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// Name on the wire (`X-Contract-Number`, `tokenId`).
    pub name: String,
    /// Where it is sent.
    pub location: ParameterLocation,
    /// Whether the caller must send it.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Default the server applies when it is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Documentation.
    pub docs: Docs,
    /// Whether the spec marks it deprecated.
    pub deprecated: bool,
    /// For arrays and objects in the query: one `name=value` pair per item (`explode`).
    pub explode: bool,
    /// How the value is written, beyond `explode`.
    #[serde(skip_serializing_if = "ParameterStyle::is_plain")]
    pub style: ParameterStyle,
    /// For query parameters: RFC 3986 reserved characters (`:/?#[]@!$&'()*+,;=`) are sent as
    /// they are instead of percent-encoded (`allowReserved`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub allow_reserved: bool,
}

/// How a parameter's value is written as text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterStyle {
    /// The default of its location: `form` in the query and cookies (lists comma-separated
    /// unless exploded), `simple` in the path and headers.
    #[default]
    Plain,
    /// A list whose items are separated by spaces (`spaceDelimited`, unexploded).
    SpaceDelimited,
    /// A list whose items are separated by `|` (`pipeDelimited`, unexploded).
    PipeDelimited,
    /// The value as JSON text (a parameter described by `content: application/json`).
    Json,
    /// An object as `name[key]=value` pairs (`deepObject`, query only).
    DeepObject,
    /// A path value after a `.` (`label`): `.v`, lists `.a,b` (exploded `.a.b`), objects
    /// `.k,v` (exploded `.k=v`).
    Label,
    /// A path value as `;name=value` (`matrix`): lists `;name=a,b` (exploded
    /// `;name=a;name=b`), objects `;name=k,v` (exploded `;k=v`).
    Matrix,
}

impl ParameterStyle {
    /// Whether this is [`ParameterStyle::Plain`].
    pub fn is_plain(&self) -> bool {
        *self == ParameterStyle::Plain
    }
}

/// How a body is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// `application/json` (and `+json` media types).
    Json,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// `multipart/form-data`: one part per property of an object (files as raw bytes, text
    /// as text, anything else as JSON).
    Multipart,
    /// `text/*`: UTF-8 text.
    Text,
    /// Any other media type (`application/octet-stream`, `*/*`, images…), carried as raw bytes.
    Bytes,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// The media type as the spec names it.
    pub media_type: String,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// The type of the body.
    pub ty: TypeRef,
    /// The other media types the spec offers for this body, in spec order (not generated:
    /// the one chosen is [`RequestBody::media_type`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// The media types of `multipart/form-data` parts the spec sets (its `encoding` object).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartType>,
    /// Whether a body must be sent.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
}

/// The status a response is declared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    /// One status code, such as 200.
    Code(u16),
    /// A range such as `4XX` (holds the first digit).
    Range(u8),
    /// Any status not declared otherwise.
    Default,
}

impl ResponseStatus {
    /// Whether this status means success (2xx).
    pub fn is_success(self) -> bool {
        match self {
            ResponseStatus::Code(c) => (200..300).contains(&c),
            ResponseStatus::Range(r) => r == 2,
            ResponseStatus::Default => false,
        }
    }

    /// Whether a concrete status code falls under this declaration (`default` matches anything).
    pub fn matches(self, code: u16) -> bool {
        match self {
            ResponseStatus::Code(c) => c == code,
            ResponseStatus::Range(r) => code / 100 == u16::from(r),
            ResponseStatus::Default => true,
        }
    }
}

impl std::fmt::Display for ResponseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResponseStatus::Code(c) => write!(f, "{c}"),
            ResponseStatus::Range(r) => write!(f, "{r}XX"),
            ResponseStatus::Default => f.write_str("default"),
        }
    }
}

/// One documented response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The status it is declared for.
    pub status: ResponseStatus,
    /// Documentation (`description`).
    pub docs: Docs,
    /// The body, if the response has one.
    pub body: Option<ResponseBody>,
    /// Response headers, sorted by name.
    pub headers: Vec<Header>,
}

/// A response body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseBody {
    /// The media type as the spec names it.
    pub media_type: String,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// The type of the body.
    pub ty: TypeRef,
    /// The other media types the spec offers for this body, in spec order (not generated:
    /// the one chosen is [`ResponseBody::media_type`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// The media types of `multipart/form-data` parts the spec sets (its `encoding` object).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartType>,
}

/// The media type a `multipart/form-data` body sends one of its fields as (instead of the
/// default: `application/octet-stream` for bytes, `application/json` for objects, text else).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartType {
    /// The field (property name on the wire).
    pub field: String,
    /// Its media type.
    pub media_type: String,
}

/// A response header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    /// Header name on the wire.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the server always sends it.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
}

/// A security scheme the API declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityScheme {
    /// The key the spec uses for it (`Basic Authentication`).
    pub id: String,
    /// What kind of credential it is.
    pub kind: SecuritySchemeKind,
    /// Documentation.
    pub docs: Docs,
}

/// The kinds of credentials an operation can require.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecuritySchemeKind {
    /// HTTP Basic: user name and password in `Authorization: Basic …`.
    HttpBasic,
    /// A bearer token in `Authorization: Bearer …` (also an `apiKey` in the `Authorization` header whose value carries its own prefix).
    HttpBearer {
        /// Format hint (`JWT`).
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// An API key sent as is in a header, query parameter or cookie.
    ApiKey {
        /// Name of the header, query parameter or cookie.
        name: String,
        /// Where the key is sent.
        location: ParameterLocation,
    },
}

/// Security schemes that must all be satisfied together (one alternative of an operation's security).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityRequirement {
    /// Ids of the schemes, sorted.
    pub schemes: Vec<String>,
}

/// Something in the spec that was deliberately not generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Where it stands in the spec.
    pub location: String,
    /// Why it was skipped.
    pub reason: String,
}
