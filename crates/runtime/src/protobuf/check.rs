//! What protobuf cannot write, found before writing: [`prost::Message::encode`] cannot fail,
//! so values with no binary form are refused by [`WireCheck`] first (the gRPC client before
//! sending, the server before answering).
//!
//! Without a binary form: an enum value known only by name (read from JSON sent by a newer
//! peer; protobuf writes numbers), a map key whose text is not a number of the key type, an
//! `Any` whose type is not known ([`super::any`]), and a set field of a `google.protobuf`
//! message with no codec ([`unsupported`]).

use crate::validate::ValidationError;

/// A value that may hold something protobuf cannot write; generated for every proto message
/// and enum.
pub trait WireCheck {
    /// The first part of the value with no binary form, with its path.
    fn wire_check(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// `google.protobuf.Empty` requests and answers.
impl WireCheck for () {}

impl<T: WireCheck + ?Sized> WireCheck for Box<T> {
    fn wire_check(&self) -> Result<(), ValidationError> {
        (**self).wire_check()
    }
}

/// The error of an enum value known only by name.
pub fn enum_by_name(name: &str) -> ValidationError {
    ValidationError::new(
        "",
        format!("is the enum value `{name}`, known only by name: protobuf has no number to write"),
    )
}

/// `google.protobuf` messages with no codec (descriptors, `Api`, `Type`…): a set value is
/// refused by `check`, and a value on the wire is a decode error; nothing is silently dropped.
pub mod unsupported {
    use bytes::{Buf, BufMut};
    use prost::encoding::{DecodeContext, WireType};
    use prost::DecodeError;
    use serde_json::Value;

    use crate::validate::ValidationError;

    /// Writes nothing (`check` refuses a set value first).
    pub fn encode(_tag: u32, _value: &Value, _buf: &mut impl BufMut) {}

    /// Zero.
    pub fn encoded_len(_tag: u32, _value: &Value) -> usize {
        0
    }

    /// Refuses the field.
    // `DecodeError::new` is prost's only way to make a decode error outside its own codecs.
    #[allow(deprecated)]
    pub fn merge(
        _wire_type: WireType,
        _value: &mut Value,
        _buf: &mut impl Buf,
        _ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        Err(DecodeError::new(
            "a google.protobuf message this runtime has no binary codec for",
        ))
    }

    /// Writes nothing (`check` refuses a set value first).
    pub fn encode_repeated(_tag: u32, _values: &[Value], _buf: &mut impl BufMut) {}

    /// Zero.
    pub fn encoded_len_repeated(_tag: u32, _values: &[Value]) -> usize {
        0
    }

    /// Refuses the field.
    pub fn merge_repeated(
        wire_type: WireType,
        _values: &mut Vec<Value>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        merge(wire_type, &mut Value::Null, buf, ctx)
    }

    /// Refuses a set value.
    pub fn check(value: &Value) -> Result<(), ValidationError> {
        if value.is_null() {
            return Ok(());
        }
        Err(ValidationError::new(
            "",
            "is a google.protobuf message this runtime has no binary codec for: protobuf cannot write it",
        ))
    }
}
