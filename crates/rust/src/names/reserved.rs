//! Names the generated code defines itself, one list per kind of scope, reserved in the table
//! before any spec name is placed there so that a spec name never shadows them. Each list
//! is checked against what the templates emit: `reserved_check.rs` parses generated code and
//! fails on a root item of a models crate, a method of `Client`, `ClientBuilder`, a request
//! builder or the server trait, or a local of generated parse and send code that is missing
//! here; conformance compiles `tests/fixtures/conformance/reserved-words.yaml`, which uses them
//! as spec names.

/// Operation types (request builders, response enums): the prelude names generated client
/// code uses unqualified in the modules that hold them.
pub const OPERATION_TYPES: &[&str] = &["Err", "Into", "None", "Ok", "Option", "Result", "Some", "String"];

/// Types: names the models crate declares beside the spec's types.
pub const TYPE_NAMES: &[&str] = &["Validate", "ValidationError", "parameters"];

/// Operations: methods of `Client` and of the server trait that are not operations.
pub const FNS: &[&str] = &[
    "new",
    "builder",
    "base_url",
    "core",
    "defaults",
    "rejection_body",
];

/// Parameters of one operation: names the generated request builders, parse and send
/// functions use as methods or locals, so a parameter of the same name gets a suffix
/// instead of shadowing them.
pub const PARAMS: &[&str] = &[
    "answer",
    "api",
    "body",
    "body_as",
    "bytes",
    "checked",
    "client",
    "credentials",
    "decode",
    "invalid",
    "items",
    "new",
    "parts",
    "path",
    "query",
    "raw",
    "raws",
    "rejection",
    "request",
    "response",
    "send",
    "send_as",
    "value",
];

/// `ClientBuilder`: its own methods, which header-default and API-key setters must not take.
pub const BUILDER_METHODS: &[&str] = &[
    "new",
    "base_url",
    "timeout",
    "no_timeout",
    "retry",
    "no_retry",
    "env",
    "env_with",
    "basic_auth",
    "bearer_auth",
    "api_key",
    "credentials",
    "user_agent",
    "http_client",
    "build",
    "config",
    "defaults",
];

/// The client's `ResponseHeaders` trait: methods of the runtime's `HeaderSource` that the
/// header getters must not shadow.
pub const HEADER_GETTERS: &[&str] = &["header_map", "header_str", "header_typed"];

/// A gRPC client: methods every generated client has; rpc methods never take these names.
pub const GRPC_CLIENT_METHODS: &[&str] =
    &["connect", "new", "with_token", "set_token", "clear_token"];

/// The root module of a models crate of a protobuf API: the runtime types it re-exports.
pub const PROTO_ROOT_NAMES: &[&str] = &["Duration", "FieldMask", "UnknownEnumValue"];
