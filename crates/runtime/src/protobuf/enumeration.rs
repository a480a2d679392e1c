//! Generated enums on the wire: `int32` numbers, packed when repeated.

use bytes::{Buf, BufMut};
use prost::encoding::{int32, DecodeContext, WireType};
use prost::DecodeError;

use super::ProtoEnum;

/// Writes one enum field.
pub fn encode<E: ProtoEnum>(tag: u32, value: &E, buf: &mut impl BufMut) {
    int32::encode(tag, &value.proto_number(), buf);
}

/// Reads one enum value into `value`.
pub fn merge<E: ProtoEnum>(
    wire_type: WireType,
    value: &mut E,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut number = 0;
    int32::merge(wire_type, &mut number, buf, ctx)?;
    *value = E::from_proto_number(number);
    Ok(())
}

/// The size of one enum field.
pub fn encoded_len<E: ProtoEnum>(tag: u32, value: &E) -> usize {
    int32::encoded_len(tag, &value.proto_number())
}

fn numbers<E: ProtoEnum>(values: &[E]) -> Vec<i32> {
    values.iter().map(ProtoEnum::proto_number).collect()
}

/// Writes a repeated enum field, packed (the proto3 default).
pub fn encode_packed<E: ProtoEnum>(tag: u32, values: &[E], buf: &mut impl BufMut) {
    int32::encode_packed(tag, &numbers(values), buf);
}

/// The size of a packed repeated enum field.
pub fn encoded_len_packed<E: ProtoEnum>(tag: u32, values: &[E]) -> usize {
    int32::encoded_len_packed(tag, &numbers(values))
}

/// Reads packed or unpacked enum values, appending to `values`.
pub fn merge_repeated<E: ProtoEnum>(
    wire_type: WireType,
    values: &mut Vec<E>,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut numbers = Vec::new();
    int32::merge_repeated(wire_type, &mut numbers, buf, ctx)?;
    values.extend(numbers.into_iter().map(E::from_proto_number));
    Ok(())
}

/// The binary face of a generated proto enum: [`ProtoEnum`] through the enum's own `number`
/// and `from_number` (an unknown number is kept in the unknown variant; a value known only by
/// name has no number, [`WireCheck`](super::WireCheck) refuses it before encoding, so the 0
/// written for it is never sent), and `WireCheck`.
/// `apigen_runtime::protobuf_enum!(super::Color);` from the models crate's `protobuf` module.
#[macro_export]
macro_rules! protobuf_enum {
    ($ty:ty) => {
        impl $crate::protobuf::ProtoEnum for $ty {
            fn proto_number(&self) -> i32 {
                self.number().unwrap_or_default()
            }

            fn from_proto_number(number: i32) -> Self {
                Self::from_number(number)
            }
        }

        impl $crate::protobuf::WireCheck for $ty {
            fn wire_check(&self) -> ::std::result::Result<(), $crate::validate::ValidationError> {
                match self.number() {
                    ::std::option::Option::Some(_) => Ok(()),
                    ::std::option::Option::None => {
                        Err($crate::protobuf::enum_by_name(&self.to_string()))
                    }
                }
            }
        }
    };
}
