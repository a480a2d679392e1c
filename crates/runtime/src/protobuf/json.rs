//! `google.protobuf.Struct`, `ListValue`, `Value` and `NullValue` held as `serde_json` values.
//!
//! Encoding walks the JSON value and writes the well-known messages' fields directly (no copy);
//! decoding reads `prost_types` messages and converts them. A number that is not finite has no
//! JSON form and is read as `null`.

use std::collections::BTreeMap;

use bytes::{Buf, BufMut};
use prost::encoding::{
    bool as pbool, double, encode_key, encode_varint, encoded_len_varint, int32, key_len, message,
    string, DecodeContext, WireType,
};
use prost::DecodeError;
use serde_json::{Map, Number, Value};

/// The size of a length-delimited field holding `body` bytes.
fn nested_len(tag: u32, body: usize) -> usize {
    key_len(tag) + encoded_len_varint(body as u64) + body
}

fn value_body_len(v: &Value) -> usize {
    match v {
        Value::Null => int32::encoded_len(1, &0),
        Value::Number(n) => double::encoded_len(2, &n.as_f64().unwrap_or_default()),
        Value::String(s) => string::encoded_len(3, s),
        Value::Bool(b) => pbool::encoded_len(4, b),
        Value::Object(o) => nested_len(5, struct_body_len(o.iter())),
        Value::Array(a) => nested_len(6, list_body_len(a)),
    }
}

fn entry_body_len(key: &String, v: &Value) -> usize {
    string::encoded_len(1, key) + nested_len(2, value_body_len(v))
}

fn struct_body_len<'a>(entries: impl Iterator<Item = (&'a String, &'a Value)>) -> usize {
    entries
        .map(|(k, v)| nested_len(1, entry_body_len(k, v)))
        .sum()
}

fn list_body_len(values: &[Value]) -> usize {
    values
        .iter()
        .map(|v| nested_len(1, value_body_len(v)))
        .sum()
}

fn encode_value_body(v: &Value, buf: &mut impl BufMut) {
    match v {
        Value::Null => int32::encode(1, &0, buf),
        Value::Number(n) => double::encode(2, &n.as_f64().unwrap_or_default(), buf),
        Value::String(s) => string::encode(3, s, buf),
        Value::Bool(b) => pbool::encode(4, b, buf),
        Value::Object(o) => {
            start(5, struct_body_len(o.iter()), buf);
            encode_struct_body(o.iter(), buf);
        }
        Value::Array(a) => {
            start(6, list_body_len(a), buf);
            encode_list_body(a, buf);
        }
    }
}

fn encode_struct_body<'a>(
    entries: impl Iterator<Item = (&'a String, &'a Value)>,
    buf: &mut impl BufMut,
) {
    for (k, v) in entries {
        start(1, entry_body_len(k, v), buf);
        string::encode(1, k, buf);
        start(2, value_body_len(v), buf);
        encode_value_body(v, buf);
    }
}

fn encode_list_body(values: &[Value], buf: &mut impl BufMut) {
    for v in values {
        start(1, value_body_len(v), buf);
        encode_value_body(v, buf);
    }
}

/// Writes the key and length of a length-delimited field.
fn start(tag: u32, len: usize, buf: &mut impl BufMut) {
    encode_key(tag, WireType::LengthDelimited, buf);
    encode_varint(len as u64, buf);
}

pub(super) fn from_proto(v: prost_types::Value) -> Value {
    use prost_types::value::Kind;
    match v.kind {
        None | Some(Kind::NullValue(_)) => Value::Null,
        Some(Kind::NumberValue(n)) => Number::from_f64(n).map_or(Value::Null, Value::Number),
        Some(Kind::StringValue(s)) => Value::String(s),
        Some(Kind::BoolValue(b)) => Value::Bool(b),
        Some(Kind::StructValue(s)) => Value::Object(
            s.fields
                .into_iter()
                .map(|(k, v)| (k, from_proto(v)))
                .collect::<Map<String, Value>>(),
        ),
        Some(Kind::ListValue(l)) => Value::Array(l.values.into_iter().map(from_proto).collect()),
    }
}

/// Generates the repeated forms of a codec module from its single-value functions.
macro_rules! repeated {
    ($ty:ty) => {
        /// Writes a repeated field.
        pub fn encode_repeated(tag: u32, values: &[$ty], buf: &mut impl BufMut) {
            for v in values {
                encode(tag, v, buf);
            }
        }

        /// The size of a repeated field.
        pub fn encoded_len_repeated(tag: u32, values: &[$ty]) -> usize {
            values.iter().map(|v| encoded_len(tag, v)).sum()
        }

        /// Reads one more element of a repeated field.
        pub fn merge_repeated(
            wire_type: WireType,
            values: &mut Vec<$ty>,
            buf: &mut impl Buf,
            ctx: DecodeContext,
        ) -> Result<(), DecodeError> {
            let mut v = <$ty>::default();
            merge(wire_type, &mut v, buf, ctx)?;
            values.push(v);
            Ok(())
        }
    };
}

/// `google.protobuf.Struct` as a map of JSON values.
pub mod structure {
    use super::*;

    /// Writes one `Struct` field.
    pub fn encode(tag: u32, value: &BTreeMap<String, Value>, buf: &mut impl BufMut) {
        start(tag, struct_body_len(value.iter()), buf);
        encode_struct_body(value.iter(), buf);
    }

    /// The size of one `Struct` field.
    pub fn encoded_len(tag: u32, value: &BTreeMap<String, Value>) -> usize {
        nested_len(tag, struct_body_len(value.iter()))
    }

    /// Reads a `Struct`, merging its entries into `value`.
    pub fn merge(
        wire_type: WireType,
        value: &mut BTreeMap<String, Value>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        let mut s = prost_types::Struct::default();
        message::merge(wire_type, &mut s, buf, ctx)?;
        value.extend(s.fields.into_iter().map(|(k, v)| (k, from_proto(v))));
        Ok(())
    }

    repeated!(BTreeMap<String, Value>);
}

/// `google.protobuf.ListValue` as a list of JSON values.
// `&Vec` (not `&[_]`): the functions must fit prost's map codecs, `Fn(u32, &V, …)` with V the
// field's Rust type.
#[allow(clippy::ptr_arg)]
pub mod list_value {
    use super::*;

    /// Writes one `ListValue` field.
    pub fn encode(tag: u32, value: &Vec<Value>, buf: &mut impl BufMut) {
        start(tag, list_body_len(value), buf);
        encode_list_body(value, buf);
    }

    /// The size of one `ListValue` field.
    pub fn encoded_len(tag: u32, value: &Vec<Value>) -> usize {
        nested_len(tag, list_body_len(value))
    }

    /// Reads a `ListValue`, appending its values.
    pub fn merge(
        wire_type: WireType,
        value: &mut Vec<Value>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        let mut l = prost_types::ListValue::default();
        message::merge(wire_type, &mut l, buf, ctx)?;
        value.extend(l.values.into_iter().map(from_proto));
        Ok(())
    }

    repeated!(Vec<Value>);
}

/// `google.protobuf.Value` as any JSON value.
pub mod value {
    use super::*;

    /// Writes one `Value` field.
    pub fn encode(tag: u32, value: &Value, buf: &mut impl BufMut) {
        start(tag, value_body_len(value), buf);
        encode_value_body(value, buf);
    }

    /// The size of one `Value` field.
    pub fn encoded_len(tag: u32, value: &Value) -> usize {
        nested_len(tag, value_body_len(value))
    }

    /// Reads a `Value`, replacing `value`.
    pub fn merge(
        wire_type: WireType,
        value: &mut Value,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        let mut v = prost_types::Value::default();
        message::merge(wire_type, &mut v, buf, ctx)?;
        *value = from_proto(v);
        Ok(())
    }

    repeated!(Value);
}

/// `google.protobuf.NullValue` (an enum with the one value 0) held as JSON `null`.
pub mod null_value {
    use super::*;

    /// Writes one `NullValue` field (the number 0).
    pub fn encode(tag: u32, _value: &Value, buf: &mut impl BufMut) {
        int32::encode(tag, &0, buf);
    }

    /// The size of one `NullValue` field.
    pub fn encoded_len(tag: u32, _value: &Value) -> usize {
        int32::encoded_len(tag, &0)
    }

    /// Reads a `NullValue` (any number) as `null`.
    pub fn merge(
        wire_type: WireType,
        value: &mut Value,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        let mut n = 0;
        int32::merge(wire_type, &mut n, buf, ctx)?;
        *value = Value::Null;
        Ok(())
    }

    repeated!(Value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    /// A JSON value written by these codecs reads back with prost-types, and the reverse.
    #[test]
    fn json_values_match_prost_types_on_the_wire() {
        let json = serde_json::json!({"a": [1.5, "x", true, null, {"b": {}}], "c": "d"});
        let Value::Object(map) = &json else {
            unreachable!()
        };
        let map: BTreeMap<String, Value> = map.clone().into_iter().collect();
        let mut buf = Vec::new();
        structure::encode(1, &map, &mut buf);
        assert_eq!(buf.len(), structure::encoded_len(1, &map));
        // Field 1 of a wrapper message holding a Struct.
        #[derive(Clone, PartialEq, prost::Message)]
        struct Holder {
            #[prost(message, optional, tag = "1")]
            s: Option<prost_types::Struct>,
        }
        let holder = Holder::decode(buf.as_slice()).unwrap();
        let s = holder.s.clone().unwrap();
        assert_eq!(s.fields.len(), 2);
        let again = holder.encode_to_vec();
        let mut back = BTreeMap::new();
        let mut slice = &again[..];
        let (tag, wt) = prost::encoding::decode_key(&mut slice).unwrap();
        assert_eq!(tag, 1);
        structure::merge(wt, &mut back, &mut slice, DecodeContext::default()).unwrap();
        assert_eq!(back, map);
    }
}
