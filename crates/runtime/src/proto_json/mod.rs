//! protobuf's canonical JSON mapping ("proto3 JSON"), as the models generated from protos speak it.
//!
//! What a reader must accept and a writer should produce, per the protobuf JSON mapping:
//!
//! - A field at its default value may be absent, and `null` means "default" (or "not set" for a
//!   field with presence): a message's reader starts from its `Default`, and the adapters here are
//!   wrapped in `serde_with::DefaultOnNull` or `Option`. Writers here omit default values, as
//!   `MessageToDict` (what Cloudforet's servers call) does.
//! - Numbers: 64-bit integers are written as strings ([`I64`], [`U64`]); every integer and float is
//!   read from a JSON number or a string; floats also as `"NaN"`, `"Infinity"`, `"-Infinity"`
//!   ([`F32`], [`F64`]).
//! - Bytes ([`Bytes`]) are written in standard base64 with padding and read in the standard or
//!   URL-safe alphabet, padded or not.
//! - Enums are written by name and read by name or number ([`ProtoEnum`]); a value the reader's
//!   version does not know is kept as an [`UnknownEnumValue`], never an error.
//! - Messages are JSON objects only, written and read from their field lists ([`JsonFields`]).
//! - Well-known types: `Timestamp` ([`Timestamp`], RFC 3339), [`Duration`] (`"1.5s"`),
//!   [`FieldMask`] (`"a.b,c"`), `Value` fields ([`ValueField`]: `null` is a value there);
//!   `Struct` and `ListValue` are plain JSON objects and arrays.

mod duration;
mod enums;
mod field_mask;
mod numbers;
pub mod object;
mod values;

pub use duration::Duration;
pub use enums::{deserialize_enum, serialize_enum, ProtoEnum, UnknownEnumValue};
pub use field_mask::FieldMask;
pub use numbers::{F32, F64, I32, I64, U32, U64};
pub use object::{JsonFields, Reader, Writer};
pub use values::{Bytes, EmptyMessage, Timestamp, ValueField};

/// Whether a value is its type's default: what proto3 JSON writers leave out.
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Whether a float is `+0.0` (bit for bit): `-0.0` is not the default and is written, as
/// protobuf does.
pub fn is_default_float<T: Into<f64> + Copy>(value: &T) -> bool {
    (*value).into().to_bits() == 0
}

/// The error message of a malformed value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(String);

impl ParseError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ParseError(message.into())
    }
}

#[cfg(test)]
mod tests;
