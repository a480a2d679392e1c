//! Binary protobuf codecs that generated models of proto APIs use beside `prost`'s own
//! (feature `protobuf`).
//!
//! A generated models crate implements [`prost::Message`] on the same structs that serde
//! writes as proto3 JSON, so one set of types speaks both. Scalars, strings, bytes and nested
//! messages use `prost::encoding`; what prost has no codec for lives here, each module with
//! prost's shape (`encode`, `merge`, `encoded_len`, and the `_repeated` forms):
//!
//! - [`enumeration`]: generated enums, through [`ProtoEnum`] (unknown numbers are kept by the
//!   enum's own fallback);
//! - [`structure`], [`list_value`], [`value`], [`null_value`]: `google.protobuf.Struct`,
//!   `ListValue`, `Value` and `NullValue` held as `serde_json` values;
//! - [`timestamp`]: `google.protobuf.Timestamp` held as `chrono::DateTime<Utc>`;
//! - [`duration`], [`field_mask`]: `Duration` and `FieldMask` held as the proto3 JSON types;
//! - [`any`]: `google.protobuf.Any` held as its JSON form, resolved through the API's messages;
//! - [`map_key`]: non-string map keys held as text;
//! - [`unsupported`]: other `google.protobuf` messages, refused rather than dropped.
//!
//! A generated message implements [`Fields`] (its list of fields, each a kind marker such as
//! [`Str`] inside a holder such as [`Plain`]) and gets its `prost::Message` impl from
//! [`proto_message!`](crate::proto_message): the writing, sizing and reading live here.
//!
//! What has no binary form (an enum value known only by name, a key that is not a number…) is
//! refused by [`WireCheck`] before encoding.

pub mod any;
mod check;
pub mod enumeration;
pub mod field;
mod json;
pub mod map_key;
mod message;
pub mod timestamp;
mod wkt;

pub use check::{enum_by_name, unsupported, WireCheck};
pub use field::{
    Any, Bool, Bytes, Double, Duration, Enum, FieldMask, Fields, Fixed32, Fixed64, Float, Int32,
    Int64, JsonValue, KeyBool, KeyFixed32, KeyFixed64, KeyInt32, KeyInt64, KeySfixed32,
    KeySfixed64, KeySint32, KeySint64, KeyUint32, KeyUint64, ListValue, Map, Merge, Msg,
    NullValue, Opt, Plain, Rep, Sfixed32, Sfixed64, Sint32, Sint64, Str, Structure, Timestamp,
    Uint32, Uint64, Unsupported, Visit,
};
pub use json::{list_value, null_value, structure, value};
pub use wkt::{duration, field_mask};

/// A generated proto enum: its number on the wire.
pub trait ProtoEnum: Sized {
    /// The enum number written on the wire.
    fn proto_number(&self) -> i32;
    /// The value for a number read from the wire (an unknown number gives the enum's fallback).
    fn from_proto_number(number: i32) -> Self;
}

/// Adds the field to a decode error, as prost's generated code does.
pub fn in_field(
    message: &'static str,
    field: &'static str,
) -> impl FnOnce(prost::DecodeError) -> prost::DecodeError {
    move |mut e| {
        e.push(message, field);
        e
    }
}
