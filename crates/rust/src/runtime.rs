//! The runtime surface: every item of `apigen-runtime` that generated code names, listed once.
//! Backends name the runtime only through these constants, interpolated into `quote!`
//! (`quote!(#REJECTION::not_found(path))` gives `::apigen_runtime::server::Rejection::…`), so
//! this list is what the runtime must keep providing and a renamed item is one edit here. The
//! unit tests `use` every listed item from the runtime crate, so the list cannot name
//! something the runtime lacks.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

/// One item of the runtime: `::apigen_runtime::<module>::<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    module: &'static str,
    name: &'static str,
    /// Named through the generated crate's `use ::apigen_runtime::<module> as rt;`.
    local: bool,
}

impl Item {
    const fn new(module: &'static str, name: &'static str) -> Self {
        Item {
            module,
            name,
            local: false,
        }
    }

    /// The item named as `rt::<name>`, for crates that import its module as `rt`.
    pub const fn local(self) -> Self {
        Item {
            local: true,
            ..self
        }
    }

    /// The full path as text, for attributes that take a path in a string
    /// (`#[serde(with = "…")]`).
    pub fn path(&self) -> String {
        if self.module.is_empty() {
            format!("::apigen_runtime::{}", self.name)
        } else {
            format!("::apigen_runtime::{}::{}", self.module, self.name)
        }
    }

    /// The item's own name (`Rejection`), for grouped imports.
    pub fn ident(&self) -> Ident {
        Ident::new(self.name, Span::call_site())
    }
}

impl ToTokens for Item {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let name = self.ident();
        let path = if self.local {
            quote!(rt::#name)
        } else if self.module.is_empty() {
            quote!(::apigen_runtime::#name)
        } else {
            let module = Ident::new(self.module, Span::call_site());
            quote!(::apigen_runtime::#module::#name)
        };
        tokens.extend(path);
    }
}

/// A module of the runtime (`::apigen_runtime::server`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Module(&'static str);

impl ToTokens for Module {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let module = Ident::new(self.0, Span::call_site());
        tokens.extend(quote!(::apigen_runtime::#module));
    }
}

/// Declares one module of item constants per runtime module, and a test-only check that
/// imports each item.
macro_rules! surface {
    ($($(#[$mdoc:meta])* $module:ident { $($(#[$doc:meta])* $c:ident => $item:ident,)* })*) => {
        $(
            $(#[$mdoc])*
            pub mod $module {
                use super::{Item, Module};

                /// The module itself.
                pub const MODULE: Module = Module(stringify!($module));

                $(
                    $(#[$doc])*
                    pub const $c: Item = Item::new(stringify!($module), stringify!($item));
                )*

                /// The same items named `rt::<name>`, for a crate that imports the module as
                /// `rt` (`use ::apigen_runtime::<module> as rt;`).
                pub mod local {
                    $(
                        $(#[$doc])*
                        pub const $c: super::Item = super::$c.local();
                    )*
                }
            }
        )*

        /// Every listed item exists in the runtime (this does not compile otherwise).
        #[cfg(test)]
        #[allow(unused_imports)]
        mod exists {
            $(
                mod $module {
                    $(use ::apigen_runtime::$module::$item as _;)*
                }
            )*
        }
    };
}

surface! {
    /// What generated servers use (`apigen_runtime::server`, feature `server`).
    server {
        /// Error answers of trait methods: status, the API's error body, headers.
        API_ERROR => ApiError,
        /// A handler's answer: the trait method's, or the rejection's.
        ANSWER => answer,
        /// Bounds on a number (re-exported from `validate`).
        BOUNDS => Bounds,
        /// Bounds on a text's length (re-exported from `validate`).
        LENGTH => Length,
        /// A parameter's bounds check, as a 400 rejection.
        CHECK_PARAM => check_param,
        /// Credentials a request carried.
        CREDENTIALS => Credentials,
        /// Default body of rejections for APIs without an error schema.
        ERROR_STATUS => ErrorStatus,
        /// Which part of a request a parameter comes from.
        PARAM_LOCATION => ParamLocation,
        /// Path parameters of a request.
        PATH_PARAMS => PathParams,
        /// Query parameters of a request.
        QUERY_PARAMS => QueryParams,
        /// A request refused before the trait runs.
        REJECTION => Rejection,
        /// Why a request was refused.
        REJECTION_KIND => RejectionKind,
        /// Security schemes an operation accepts.
        SCHEME => Scheme,
        /// Where an API key travels.
        KEY_LOCATION => KeyLocation,
        /// A credential whose `Debug` is redacted.
        SECRET => Secret,
        /// Headers a `ResponseHeaders` struct writes.
        WRITE_HEADERS => WriteHeaders,
        /// Optional credentials of one accepted alternative.
        AUTHENTICATE => authenticate,
        /// Bytes as base64 text (header values).
        ENCODE_BASE64 => encode_base64,
        /// A cookie's value.
        COOKIE => cookie,
        /// The body size limit.
        DEFAULT_BODY_LIMIT => DEFAULT_BODY_LIMIT,
        /// A form-encoded request body.
        FORM_BODY => form_body,
        /// A form-encoded response.
        FORM_RESPONSE => form_response,
        /// A header's text.
        HEADER => header,
        /// A header parsed with `FromStr`.
        HEADER_VALUE => header_value,
        /// A JSON request body.
        JSON_BODY => json_body,
        /// A required JSON request body, read, decoded and validated.
        JSON_REQUEST => json_request,
        /// A JSON response.
        JSON_RESPONSE => json_response,
        /// A response without a body.
        EMPTY_RESPONSE => empty_response,
        /// A status code (`StatusCode::OK`).
        STATUS => StatusCode,
        /// What a trait method returns (`impl Future<Output = …> + Send`).
        FUTURE => Future,
        /// axum's request.
        REQUEST => Request,
        /// axum's response.
        RESPONSE => Response,
        /// axum's state extractor (the API behind an `Arc`).
        STATE => State,
        /// The `Arc` the router keeps the API in.
        ARC => Arc,
        /// axum's route for a set of methods.
        ON => on,
        /// axum's set of methods.
        METHOD_FILTER => MethodFilter,
        /// A base64 parameter.
        PARSE_BASE64 => parse_base64,
        /// A parameter sent as JSON text.
        PARSE_JSON => parse_json,
        /// A parameter that may be absent, parsed with `FromStr`.
        PARSE_OPTIONAL => parse_optional,
        /// A parameter parsed with `FromStr`.
        PARSE_PARAM => parse_param,
        /// The request body, limited.
        READ_BODY => read_body,
        /// The value of a required request body.
        REQUIRED_BODY => required_body,
        /// The response to a rejection.
        REJECTION_RESPONSE => rejection_response,
        /// Credentials of one accepted alternative, or 401.
        REQUIRE_CREDENTIALS => require_credentials,
        /// A required parameter's value, or 400.
        REQUIRED => required,
        /// Sets one response header.
        SET_HEADER => set_header,
        /// The items of a comma-separated list.
        SPLIT_LIST => split_list,
        /// A `label` / `matrix` path value without its prefix.
        STRIP_PREFIX => strip_prefix,
        /// A flat object from a `label` / `matrix` path value.
        PARSE_PAIRS => parse_pairs,
        /// The status of a code without a `StatusCode` constant.
        STATUS_CODE => status_code,
        /// A text request body.
        TEXT_BODY => text_body,
        /// A binary request body.
        BINARY_BODY => binary_body,
        /// A `multipart/form-data` request body.
        MULTIPART_BODY => multipart_body,
        /// A binary response.
        BINARY_RESPONSE => binary_response,
        /// A `multipart/form-data` response.
        MULTIPART_RESPONSE => multipart_response,
        /// A text response.
        TEXT_RESPONSE => text_response,
        /// A response with headers written into it.
        WITH_HEADERS => with_headers,
    }

    /// What generated models use for the proto3 JSON mapping (`apigen_runtime::proto_json`).
    proto_json {
        /// `google.protobuf.Duration`.
        DURATION => Duration,
        /// `google.protobuf.FieldMask`.
        FIELD_MASK => FieldMask,
        /// `google.protobuf.Timestamp` as RFC 3339.
        TIMESTAMP => Timestamp,
        /// `bytes` in either base64 alphabet.
        BYTES => Bytes,
        /// `google.protobuf.Value` fields.
        VALUE_FIELD => ValueField,
        /// 32-bit floats with NaN/Infinity.
        F32 => F32,
        /// 64-bit floats with NaN/Infinity.
        F64 => F64,
        /// `int32` from numbers or strings.
        I32 => I32,
        /// `int64` as a string.
        I64 => I64,
        /// `uint32` from numbers or strings.
        U32 => U32,
        /// `uint64` as a string.
        U64 => U64,
        /// An enum value this version does not know.
        UNKNOWN_ENUM_VALUE => UnknownEnumValue,
        /// Whether a float field holds `+0.0` (implicit presence).
        IS_DEFAULT_FLOAT => is_default_float,
        /// `google.protobuf.Empty` fields.
        EMPTY_MESSAGE => EmptyMessage,
    }

    /// What generated models of an "any subset" `anyOf` use (`apigen_runtime::any_of`).
    any_of {
        /// Decodes every alternative from the whole value.
        DECODED => Decoded,
        /// Encodes the present alternatives merged into one object.
        MERGED => Merged,
    }

    /// What generated models use for the spec's constraints (`apigen_runtime::validate`).
    validate {
        /// The trait models implement.
        VALIDATE => Validate,
        /// A broken constraint.
        VALIDATION_ERROR => ValidationError,
        /// Bounds on a number.
        BOUNDS => Bounds,
        /// Bounds on a text's length.
        LENGTH => Length,
    }

    /// What generated models of proto APIs use for the binary encoding
    /// (`apigen_runtime::protobuf`, feature `protobuf`).
    protobuf {
        /// Finds what protobuf cannot write, before writing.
        WIRE_CHECK => WireCheck,
        /// `google.protobuf.Any` and the `AnyTypes` registry.
        ANY => any,
        /// Non-string map keys held as text.
        MAP_KEY => map_key,
        /// `google.protobuf` messages without a codec: refused, not dropped.
        UNSUPPORTED => unsupported,
        /// Holder: implicit presence.
        PLAIN => Plain,
        /// Holder: `Option`.
        OPT => Opt,
        /// Holder: `repeated`.
        REP => Rep,
        /// Holder: `map`.
        MAP => Map,
        /// Kind `double`.
        DOUBLE => Double,
        /// Kind `float`.
        FLOAT => Float,
        /// Kind `int64`.
        INT64 => Int64,
        /// Kind `uint64`.
        UINT64 => Uint64,
        /// Kind `int32`.
        INT32 => Int32,
        /// Kind `fixed64`.
        FIXED64 => Fixed64,
        /// Kind `fixed32`.
        FIXED32 => Fixed32,
        /// Kind `bool`.
        BOOL => Bool,
        /// Kind `uint32`.
        UINT32 => Uint32,
        /// Kind `sfixed32`.
        SFIXED32 => Sfixed32,
        /// Kind `sfixed64`.
        SFIXED64 => Sfixed64,
        /// Kind `sint32`.
        SINT32 => Sint32,
        /// Kind `sint64`.
        SINT64 => Sint64,
        /// Kind `string` (also the `string` map key).
        STR => Str,
        /// Kind `bytes`.
        BYTES => Bytes,
        /// Kind of generated enums.
        ENUM => Enum,
        /// Kind of nested messages, wrappers and `Empty`.
        MSG => Msg,
        /// Kind `google.protobuf.Struct`.
        STRUCTURE_KIND => Structure,
        /// Kind `google.protobuf.ListValue`.
        LIST_VALUE_KIND => ListValue,
        /// Kind `google.protobuf.Value`.
        JSON_VALUE => JsonValue,
        /// Kind `google.protobuf.NullValue`.
        NULL_VALUE_KIND => NullValue,
        /// Kind `google.protobuf.Timestamp`.
        TIMESTAMP_KIND => Timestamp,
        /// Kind `google.protobuf.Duration`.
        DURATION_KIND => Duration,
        /// Kind `google.protobuf.FieldMask`.
        FIELD_MASK_KIND => FieldMask,
        /// Kind `google.protobuf.Any`, bound to a crate's registry.
        ANY_KIND => Any,
        /// Kind of `google.protobuf` messages without a codec.
        UNSUPPORTED_KIND => Unsupported,
        /// Map key `int32`.
        KEY_INT32 => KeyInt32,
        /// Map key `int64`.
        KEY_INT64 => KeyInt64,
        /// Map key `uint32`.
        KEY_UINT32 => KeyUint32,
        /// Map key `uint64`.
        KEY_UINT64 => KeyUint64,
        /// Map key `sint32`.
        KEY_SINT32 => KeySint32,
        /// Map key `sint64`.
        KEY_SINT64 => KeySint64,
        /// Map key `fixed32`.
        KEY_FIXED32 => KeyFixed32,
        /// Map key `fixed64`.
        KEY_FIXED64 => KeyFixed64,
        /// Map key `sfixed32`.
        KEY_SFIXED32 => KeySfixed32,
        /// Map key `sfixed64`.
        KEY_SFIXED64 => KeySfixed64,
        /// Map key `bool`.
        KEY_BOOL => KeyBool,
    }

    /// What generated gRPC crates use (`apigen_runtime::grpc`, feature `grpc`).
    grpc {
        /// The channel, token and unary call of generated clients.
        CLIENT => Client,
        /// The error of a gRPC client call.
        ERROR => Error,
        /// One error for the gRPC and REST faces.
        FAULT => Fault,
        /// tonic, re-exported.
        TONIC => tonic,
        /// The server side of a unary rpc.
        SERVE_UNARY => serve_unary,
        /// The server side of a server-streaming rpc.
        SERVE_SERVER_STREAMING => serve_server_streaming,
        /// The answers of a server-streaming rpc.
        RESPONSE_STREAM => ResponseStream,
        /// What a service trait's method answers.
        ANSWER => Answer,
        /// What a service trait's method returns (`impl Future<Output = Answer<…>> + Send`).
        FUTURE => Future,
        /// The default body of a service trait's method (UNIMPLEMENTED).
        NOT_IMPLEMENTED => not_implemented,
        /// The access token of a request.
        ACCESS_TOKEN => access_token,
    }

    /// What generated clients use (`apigen_runtime::client`, feature `client`).
    client {
        /// Why a client could not be built.
        BUILD_ERROR => BuildError,
        /// Bounds on a number (re-exported from `validate`).
        BOUNDS => Bounds,
        /// Bounds on a text's length (re-exported from `validate`).
        LENGTH => Length,
        /// The configured transport of a client.
        CLIENT_CONFIG => ClientConfig,
        /// What every generated client holds.
        CLIENT_CORE => ClientCore,
        /// Client credentials.
        CREDENTIALS => Credentials,
        /// The error of a call.
        ERROR => Error,
        /// Typed response headers.
        HEADER_SOURCE => HeaderSource,
        /// An HTTP method.
        METHOD => Method,
        /// One request to send.
        REQUEST_SPEC => RequestSpec,
        /// A decoded response with status and headers.
        RESPONSE_VALUE => ResponseValue,
        /// Retries of 429/503 and connect errors.
        RETRY_POLICY => RetryPolicy,
        /// Security schemes of an operation.
        SCHEME => Scheme,
        /// Where an API key travels.
        KEY_LOCATION => KeyLocation,
        /// A credential whose `Debug` is redacted.
        SECRET => Secret,
        /// Bytes as base64 text.
        ENCODE_BASE64 => encode_base64,
        /// A value as JSON text (parameters without a plain-text form).
        TO_JSON_TEXT => to_json_text,
        /// The key/value pairs of a flat object (`label` / `matrix` path values).
        OBJECT_PAIRS => object_pairs,
        /// What a request builder's `send` returns.
        SEND_RESULT => SendResult,
        /// A failure before a response was received.
        SEND_ERROR => SendError,
        /// A body in another media type the operation declares (`body_as`).
        OTHER_BODY => OtherBody,
        /// The future every operation's `send` returns (transport, then the decoder).
        SENDING => Sending,
        /// Starts a `Sending`: a request (or the error building it) and its decoder.
        SEND => send,
        /// A response as received, before the operation's decoder.
        RAW_RESPONSE => RawResponse,
    }
}

/// `::apigen_runtime::Secret`, at the crate root (client builders).
pub const SECRET: Item = Item::new("", "Secret");

/// `::apigen_runtime::Binary`, at the crate root: the type of `format: binary` values.
pub const BINARY: Item = Item::new("", "Binary");

/// `::apigen_runtime::ByteStream`, at the crate root: the type of whole binary bodies
/// (`application/octet-stream`, `*/*`…), sent and received as streams.
pub const BYTE_STREAM: Item = Item::new("", "ByteStream");

/// `::apigen_runtime::any_codec`, the macro that declares a models crate's `Any` codec.
pub const ANY_CODEC: Item = Item::new("", "any_codec");

/// `::apigen_runtime::grpc_client_methods`, the connection methods of a generated gRPC client.
pub const GRPC_CLIENT_METHODS: Item = Item::new("", "grpc_client_methods");

/// `::apigen_runtime::grpc_server`, the tonic server of a generated service trait.
pub const GRPC_SERVER: Item = Item::new("", "grpc_server");

/// `::apigen_runtime::response_impls`, the macro that gives a generated response enum its
/// `status()` and `IntoResponse`.
pub const RESPONSE_IMPLS: Item = Item::new("", "response_impls");

/// `::apigen_runtime::record`, the macro that writes a generated record's serde impls.
pub const RECORD: Item = Item::new("", "record");

/// `::apigen_runtime::string_enum`, the macro that writes a generated string enum's impls
/// (`ALL`, `as_str`, `Display`, `FromStr`, serde).
pub const STRING_ENUM: Item = Item::new("", "string_enum");

/// `::apigen_runtime::proto_message`, the macro that writes a generated message's `Fields`
/// and `prost::Message` impls from its table of fields.
pub const PROTO_MESSAGE: Item = Item::new("", "proto_message");

/// `::apigen_runtime::proto_enum`, the macro that writes a generated proto enum's methods (`ALL`,
/// `as_str`, `number`, `from_number`, `from_name`) from its table of values, and its trait impls
/// (proto3 JSON, `Display`, `FromStr`, `Validate`).
pub const PROTO_ENUM_IMPLS: Item = Item::new("", "proto_enum");

/// `::apigen_runtime::wire_check`, the macro that writes a generated message's `WireCheck` impl
/// from a table of the fields that need a check.
pub const WIRE_CHECK_MACRO: Item = Item::new("", "wire_check");

/// `::apigen_runtime::proto_json_message`, the macro that writes a generated message's
/// `JsonFields` impl and serde impls (proto3 JSON) from its table of fields.
pub const PROTO_JSON_MESSAGE: Item = Item::new("", "proto_json_message");

/// `::apigen_runtime::protobuf_enum`, the macro that writes a generated enum's binary face
/// (`ProtoEnum`, `WireCheck`).
pub const PROTOBUF_ENUM: Item = Item::new("", "protobuf_enum");

/// `::apigen_runtime::client_builder_methods`, the macro that writes the methods every
/// generated `ClientBuilder` has.
pub const CLIENT_BUILDER_METHODS: Item = Item::new("", "client_builder_methods");

/// `::apigen_runtime::client_impl`, the macro that writes a generated `Client`'s constructors.
pub const CLIENT_IMPL: Item = Item::new("", "client_impl");

/// `::apigen_runtime::credential_setter`, the macro that writes one credential setter of a
/// generated `ClientBuilder`.
pub const CREDENTIAL_SETTER: Item = Item::new("", "credential_setter");

/// The crate-root items exist too.
#[cfg(test)]
#[allow(unused_imports)]
mod root_exists {
    use ::apigen_runtime::{any_codec as _, grpc_client_methods as _, grpc_server as _, record as _, response_impls as _, string_enum as _, proto_message as _, proto_json_message as _, wire_check as _, proto_enum as _, protobuf_enum as _, client_builder_methods as _, client_impl as _, credential_setter as _, Binary as _, ByteStream as _, Secret as _};
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn items_are_full_paths() {
        let rejection = super::server::REJECTION;
        let secret = super::SECRET;
        let module = super::client::MODULE;
        assert_eq!(
            super::proto_json::I64.path(),
            "::apigen_runtime::proto_json::I64"
        );
        assert_eq!(
            quote!(#rejection::not_found(p) #secret #module).to_string(),
            ":: apigen_runtime :: server :: Rejection :: not_found (p) :: apigen_runtime :: Secret :: apigen_runtime :: client"
        );
    }
}
