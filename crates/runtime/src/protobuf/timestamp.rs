//! `google.protobuf.Timestamp` held as `chrono::DateTime<Utc>`.

use bytes::{Buf, BufMut};
use chrono::{DateTime, Utc};
use prost::encoding::{message, DecodeContext, WireType};
use prost::DecodeError;

fn to_proto(value: &DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: value.timestamp(),
        nanos: i32::try_from(value.timestamp_subsec_nanos()).unwrap_or(0),
    }
}

/// Writes one timestamp field.
pub fn encode(tag: u32, value: &DateTime<Utc>, buf: &mut impl BufMut) {
    message::encode(tag, &to_proto(value), buf);
}

/// The size of one timestamp field.
pub fn encoded_len(tag: u32, value: &DateTime<Utc>) -> usize {
    message::encoded_len(tag, &to_proto(value))
}

/// Reads one timestamp; a value outside chrono's range is a decode error.
// `DecodeError::new` is prost's only way to make a decode error outside its own codecs.
#[allow(deprecated)]
pub fn merge(
    wire_type: WireType,
    value: &mut DateTime<Utc>,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut ts = to_proto(value);
    message::merge(wire_type, &mut ts, buf, ctx)?;
    let nanos =
        u32::try_from(ts.nanos).map_err(|_| DecodeError::new("negative timestamp nanos"))?;
    *value = DateTime::from_timestamp(ts.seconds, nanos)
        .ok_or_else(|| DecodeError::new("timestamp out of range"))?;
    Ok(())
}

/// Writes a repeated timestamp field.
pub fn encode_repeated(tag: u32, values: &[DateTime<Utc>], buf: &mut impl BufMut) {
    for v in values {
        encode(tag, v, buf);
    }
}

/// The size of a repeated timestamp field.
pub fn encoded_len_repeated(tag: u32, values: &[DateTime<Utc>]) -> usize {
    values.iter().map(|v| encoded_len(tag, v)).sum()
}

/// Reads one more element of a repeated timestamp field.
pub fn merge_repeated(
    wire_type: WireType,
    values: &mut Vec<DateTime<Utc>>,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut v = DateTime::<Utc>::default();
    merge(wire_type, &mut v, buf, ctx)?;
    values.push(v);
    Ok(())
}
