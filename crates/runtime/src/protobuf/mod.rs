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
//! - [`timestamp`]: `google.protobuf.Timestamp` held as `chrono::DateTime<Utc>`.

pub mod enumeration;
mod json;
pub mod timestamp;

pub use json::{list_value, null_value, structure, value};

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
