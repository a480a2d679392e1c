//! What the protobuf binary format needs beyond the JSON view: the proto type of each field and
//! every rpc of a service (with or without an HTTP binding, streaming or not).

use serde::Serialize;

use crate::{Docs, TypeRef};

/// The protobuf type of a field's values, which decides their binary encoding (`sint32` and
/// `int32` are the same JSON number but not the same bytes). For `repeated` fields it is the
/// element's type, for `map` fields the value's. Well-known `google.protobuf` messages are
/// named, since the IR gives them JSON forms (`Struct` is a map of any) that do not say how
/// they are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ProtoType {
    Double,
    Float,
    Int64,
    Uint64,
    Int32,
    Fixed64,
    Fixed32,
    Bool,
    String,
    Bytes,
    Uint32,
    Sfixed32,
    Sfixed64,
    Sint32,
    Sint64,
    /// A user enum (encoded as its number).
    Enum,
    /// A user message.
    Message,
    /// `google.protobuf.Struct`.
    Struct,
    /// `google.protobuf.Value`.
    Value,
    /// `google.protobuf.ListValue`.
    ListValue,
    /// `google.protobuf.NullValue` (an enum).
    NullValue,
    /// `google.protobuf.Empty`.
    Empty,
    /// `google.protobuf.Timestamp`.
    Timestamp,
    /// `google.protobuf.Duration`.
    Duration,
    /// `google.protobuf.FieldMask`.
    FieldMask,
    /// `google.protobuf.DoubleValue` and the other wrappers below.
    DoubleValue,
    FloatValue,
    Int64Value,
    Uint64Value,
    Int32Value,
    Uint32Value,
    BoolValue,
    StringValue,
    BytesValue,
    /// `google.protobuf.Any`.
    Any,
    /// Any other `google.protobuf` message (descriptors, `Api`, `Type`…): no binary codec.
    OtherWellKnown,
}

/// One rpc of a proto service, as gRPC serves it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rpc {
    /// The rpc's name (`issue`); the gRPC path is `/{package}.{Service}/{name}`.
    pub name: String,
    /// The request message: a named type, or [`TypeRef::Unit`] for `google.protobuf.Empty`.
    pub input: TypeRef,
    /// The response message, as `input`.
    pub output: TypeRef,
    /// The client sends a stream of requests.
    pub client_streaming: bool,
    /// The server answers with a stream of responses.
    pub server_streaming: bool,
    /// Whether the rpc needs an access token (not marked `+noauth`).
    pub authenticated: bool,
    /// Documentation.
    pub docs: Docs,
}
