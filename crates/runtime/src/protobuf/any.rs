//! `google.protobuf.Any` held as its proto3 JSON form (a `serde_json` object with `@type`).
//!
//! Writing it needs the message type: [`AnyTypes`] (generated in each models crate) turns the
//! JSON form of the API's own messages into bytes and back; the well-known types with a JSON
//! form of their own (Duration, FieldMask, Timestamp, Struct, Value, ListValue, Empty) are
//! handled here. A type that is neither is kept as `{"@type": url, "@bytes": base64}` when
//! read from the wire, and written back unchanged (`@bytes` cannot be a proto field name, so
//! the form is never mistaken for a message). Anything else cannot be written:
//! [`check`] refuses it before encoding, as [`WireCheck`](super::WireCheck) does.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use bytes::{Buf, BufMut};
use prost::encoding::{message, DecodeContext, WireType};
use prost::{DecodeError, Message};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::validate::ValidationError;

/// The key of the raw bytes of an `Any` whose type is not known.
pub const BYTES_KEY: &str = "@bytes";

/// The messages of an API that an `Any` can hold, by full name (`pkg.Message`).
pub trait AnyTypes {
    /// The bytes of message `name` from its JSON form (without `@type`); `None` when the API
    /// has no message of that name.
    fn to_binary(name: &str, json: Value) -> Option<Result<Vec<u8>, String>>;
    /// The JSON form (without `@type`) of message `name` read from `bytes`; `None` when the
    /// API has no message of that name.
    fn to_json(name: &str, bytes: &[u8]) -> Option<Result<Value, String>>;
}

/// [`AnyTypes::to_binary`] for one message type.
pub fn message_to_binary<T: Message + DeserializeOwned>(json: Value) -> Result<Vec<u8>, String> {
    serde_json::from_value::<T>(json)
        .map(|m| m.encode_to_vec())
        .map_err(|e| e.to_string())
}

/// [`AnyTypes::to_json`] for one message type.
pub fn message_to_json<T: Message + Default + Serialize>(bytes: &[u8]) -> Result<Value, String> {
    let message = T::decode(bytes).map_err(|e| e.to_string())?;
    serde_json::to_value(message).map_err(|e| e.to_string())
}

/// The type URL and bytes of an `Any` held as JSON.
pub fn to_binary<R: AnyTypes>(json: &Value) -> Result<prost_types::Any, String> {
    let Some(object) = json.as_object() else {
        return Err("is not a JSON object with `@type`".into());
    };
    let Some(url) = object.get("@type").and_then(Value::as_str) else {
        return Err("has no `@type`".into());
    };
    let name = url.rsplit('/').next().unwrap_or(url);
    let mut rest = object.clone();
    rest.remove("@type");
    let value = if let Some(result) = well_known_to_binary(name, &rest) {
        result?
    } else if let Some(result) = R::to_binary(name, Value::Object(rest.clone())) {
        result.map_err(|e| format!("does not hold a valid `{name}`: {e}"))?
    } else {
        match (rest.len(), rest.get(BYTES_KEY).and_then(Value::as_str)) {
            (1, Some(text)) => STANDARD
                .decode(text)
                .map_err(|e| format!("has `{BYTES_KEY}` that is not base64: {e}"))?,
            _ => {
                return Err(format!(
                    "holds the type `{name}`, which this API does not know: protobuf cannot write it (only `{BYTES_KEY}` with its bytes can be carried)"
                ))
            }
        }
    };
    Ok(prost_types::Any {
        type_url: url.to_string(),
        value,
    })
}

/// The JSON form of an `Any` read from the wire.
pub fn to_json<R: AnyTypes>(any: prost_types::Any) -> Result<Value, String> {
    let name = any.type_url.rsplit('/').next().unwrap_or(&any.type_url);
    let body = match well_known_to_json(name, &any.value) {
        Some(result) => Some(result?),
        None => R::to_json(name, &any.value).transpose()?,
    };
    let mut object = Map::new();
    object.insert("@type".into(), Value::String(any.type_url.clone()));
    match body {
        Some(Value::Object(fields)) if !is_special(name) => object.extend(fields),
        Some(value) => {
            object.insert("value".into(), value);
        }
        None => {
            object.insert(BYTES_KEY.into(), Value::String(STANDARD.encode(&any.value)));
        }
    }
    Ok(Value::Object(object))
}

/// Refuses an `Any` that cannot be written (see the module docs).
pub fn check<R: AnyTypes>(json: &Value) -> Result<(), ValidationError> {
    to_binary::<R>(json)
        .map(|_| ())
        .map_err(|e| ValidationError::new("", e))
}

/// Well-known types whose JSON form is not an object of fields: held under `value`.
fn is_special(name: &str) -> bool {
    matches!(
        name,
        "google.protobuf.Duration"
            | "google.protobuf.FieldMask"
            | "google.protobuf.Timestamp"
            | "google.protobuf.Struct"
            | "google.protobuf.Value"
            | "google.protobuf.ListValue"
    )
}

fn well_known_to_binary(name: &str, rest: &Map<String, Value>) -> Option<Result<Vec<u8>, String>> {
    use crate::proto_json::{Duration, FieldMask, Timestamp};
    use serde_with::de::DeserializeAsWrap;
    if name == "google.protobuf.Empty" {
        return Some(if rest.is_empty() {
            Ok(Vec::new())
        } else {
            Err("holds an Empty with fields".into())
        });
    }
    if !is_special(name) {
        return None;
    }
    let value = rest.get("value").cloned().unwrap_or(Value::Null);
    let bad = |e: serde_json::Error| format!("does not hold a valid `{name}`: {e}");
    Some(match name {
        "google.protobuf.Duration" => serde_json::from_value::<Duration>(value).map_err(bad).map(
            |d| {
                prost_types::Duration {
                    seconds: d.seconds,
                    nanos: d.nanos,
                }
                .encode_to_vec()
            },
        ),
        "google.protobuf.FieldMask" => serde_json::from_value::<FieldMask>(value)
            .map_err(bad)
            .map(|m| prost_types::FieldMask { paths: m.paths }.encode_to_vec()),
        "google.protobuf.Timestamp" => {
            serde_json::from_value::<DeserializeAsWrap<chrono::DateTime<chrono::Utc>, Timestamp>>(
                value,
            )
            .map_err(bad)
            .map(|t| {
                let t = t.into_inner();
                prost_types::Timestamp {
                    seconds: t.timestamp(),
                    nanos: i32::try_from(t.timestamp_subsec_nanos()).unwrap_or(0),
                }
                .encode_to_vec()
            })
        }
        "google.protobuf.Struct" => match value {
            Value::Object(fields) => Ok(prost_types::Struct {
                fields: fields.iter().map(|(k, v)| (k.clone(), to_proto(v))).collect(),
            }
            .encode_to_vec()),
            _ => Err(format!("does not hold a valid `{name}`: not an object")),
        },
        "google.protobuf.ListValue" => match value {
            Value::Array(values) => Ok(prost_types::ListValue {
                values: values.iter().map(to_proto).collect(),
            }
            .encode_to_vec()),
            _ => Err(format!("does not hold a valid `{name}`: not an array")),
        },
        _ => Ok(to_proto(&value).encode_to_vec()),
    })
}

fn well_known_to_json(name: &str, bytes: &[u8]) -> Option<Result<Value, String>> {
    let bad = |e: DecodeError| e.to_string();
    let json = |v: Value| Ok(v);
    Some(match name {
        "google.protobuf.Empty" => json(Value::Object(Map::new())),
        "google.protobuf.Duration" => prost_types::Duration::decode(bytes).map_err(bad).map(|d| {
            let d = crate::proto_json::Duration {
                seconds: d.seconds,
                nanos: d.nanos,
            };
            Value::String(d.to_string())
        }),
        "google.protobuf.FieldMask" => prost_types::FieldMask::decode(bytes)
            .map_err(bad)
            .map(|m| Value::String(crate::proto_json::FieldMask { paths: m.paths }.to_string())),
        "google.protobuf.Timestamp" => {
            prost_types::Timestamp::decode(bytes)
                .map_err(bad)
                .and_then(|t| {
                    let nanos = u32::try_from(t.nanos).map_err(|_| "negative nanos".to_string())?;
                    let t = chrono::DateTime::from_timestamp(t.seconds, nanos)
                        .ok_or("timestamp out of range")?;
                    Ok(Value::String(
                        t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                    ))
                })
        }
        "google.protobuf.Struct" => prost_types::Struct::decode(bytes).map_err(bad).map(|s| {
            from_proto(prost_types::Value {
                kind: Some(prost_types::value::Kind::StructValue(s)),
            })
        }),
        "google.protobuf.ListValue" => prost_types::ListValue::decode(bytes)
            .map_err(bad)
            .map(|l| {
                from_proto(prost_types::Value {
                    kind: Some(prost_types::value::Kind::ListValue(l)),
                })
            }),
        "google.protobuf.Value" => prost_types::Value::decode(bytes)
            .map_err(bad)
            .map(from_proto),
        _ => return None,
    })
}

fn to_proto(v: &Value) -> prost_types::Value {
    use prost_types::value::Kind;
    let kind = match v {
        Value::Null => Kind::NullValue(0),
        Value::Bool(b) => Kind::BoolValue(*b),
        Value::Number(n) => Kind::NumberValue(n.as_f64().unwrap_or_default()),
        Value::String(s) => Kind::StringValue(s.clone()),
        Value::Array(a) => Kind::ListValue(prost_types::ListValue {
            values: a.iter().map(to_proto).collect(),
        }),
        Value::Object(o) => Kind::StructValue(prost_types::Struct {
            fields: o.iter().map(|(k, v)| (k.clone(), to_proto(v))).collect(),
        }),
    };
    prost_types::Value { kind: Some(kind) }
}

fn from_proto(v: prost_types::Value) -> Value {
    super::json::from_proto(v)
}

/// Writes one `Any` field (a value [`check`] refuses writes an empty `Any`).
pub fn encode<R: AnyTypes>(tag: u32, value: &Value, buf: &mut impl BufMut) {
    message::encode(tag, &to_binary::<R>(value).unwrap_or_default(), buf);
}

/// The size of one `Any` field.
pub fn encoded_len<R: AnyTypes>(tag: u32, value: &Value) -> usize {
    message::encoded_len(tag, &to_binary::<R>(value).unwrap_or_default())
}

/// Reads one `Any` into its JSON form.
// `DecodeError::new` is prost's only way to make a decode error outside its own codecs.
#[allow(deprecated)]
pub fn merge<R: AnyTypes>(
    wire_type: WireType,
    value: &mut Value,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut any = prost_types::Any::default();
    message::merge(wire_type, &mut any, buf, ctx)?;
    *value = to_json::<R>(any).map_err(|e| DecodeError::new(format!("Any: {e}")))?;
    Ok(())
}

/// Writes a repeated `Any` field.
pub fn encode_repeated<R: AnyTypes>(tag: u32, values: &[Value], buf: &mut impl BufMut) {
    for v in values {
        encode::<R>(tag, v, buf);
    }
}

/// The size of a repeated `Any` field.
pub fn encoded_len_repeated<R: AnyTypes>(tag: u32, values: &[Value]) -> usize {
    values.iter().map(|v| encoded_len::<R>(tag, v)).sum()
}

/// Reads one more element of a repeated `Any` field.
pub fn merge_repeated<R: AnyTypes>(
    wire_type: WireType,
    values: &mut Vec<Value>,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut v = Value::Null;
    merge::<R>(wire_type, &mut v, buf, ctx)?;
    values.push(v);
    Ok(())
}

/// The `Any` codec of a models crate, as a module of prost's shape bound to its [`AnyTypes`]:
/// `apigen_runtime::any_codec!(any, super::Types);` declares `mod any` (the registry path
/// is seen from inside it).
#[macro_export]
macro_rules! any_codec {
    ($module:ident, $types:ty) => {
        /// `google.protobuf.Any` fields, resolved through this API's messages.
        mod $module {
            use ::apigen_runtime::protobuf::any as rt;
            use ::prost::bytes::{Buf, BufMut};
            use ::prost::encoding::{DecodeContext, WireType};
            use ::serde_json::Value;

            pub fn encode(tag: u32, value: &Value, buf: &mut impl BufMut) {
                rt::encode::<$types>(tag, value, buf)
            }

            pub fn encoded_len(tag: u32, value: &Value) -> usize {
                rt::encoded_len::<$types>(tag, value)
            }

            pub fn merge(
                wire_type: WireType,
                value: &mut Value,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), ::prost::DecodeError> {
                rt::merge::<$types>(wire_type, value, buf, ctx)
            }

            pub fn encode_repeated(tag: u32, values: &[Value], buf: &mut impl BufMut) {
                rt::encode_repeated::<$types>(tag, values, buf)
            }

            pub fn encoded_len_repeated(tag: u32, values: &[Value]) -> usize {
                rt::encoded_len_repeated::<$types>(tag, values)
            }

            pub fn merge_repeated(
                wire_type: WireType,
                values: &mut Vec<Value>,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), ::prost::DecodeError> {
                rt::merge_repeated::<$types>(wire_type, values, buf, ctx)
            }

            pub fn check(value: &Value) -> Result<(), ::apigen_runtime::validate::ValidationError> {
                rt::check::<$types>(value)
            }
        }
    };
}
