//! Bytes, timestamps and `google.protobuf.Value` fields.

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

/// `bytes`: written in standard base64 with padding; read in the standard or URL-safe alphabet,
/// padded or not.
pub struct Bytes;

/// Reads either alphabet: `-` and `_` are mapped onto `+` and `/` first.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes base64 in either alphabet, padded or not.
pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    if text.contains(['-', '_']) {
        let standard: String = text
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        LENIENT.decode(standard)
    } else {
        LENIENT.decode(text)
    }
}

impl SerializeAs<Vec<u8>> for Bytes {
    fn serialize_as<S: Serializer>(v: &Vec<u8>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v))
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Bytes {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("base64-encoded bytes")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
                decode_base64(v).map_err(|e| E::custom(format_args!("invalid base64: {e}")))
            }
        }
        d.deserialize_str(V)
    }
}

/// `google.protobuf.Timestamp`: RFC 3339 in UTC with `Z` and 0, 3, 6 or 9 fractional digits;
/// read with any offset.
pub struct Timestamp;

impl SerializeAs<DateTime<Utc>> for Timestamp {
    fn serialize_as<S: Serializer>(v: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl<'de> DeserializeAs<'de, DateTime<Utc>> for Timestamp {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateTime<Utc>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 timestamp")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime<Utc>, E> {
                DateTime::parse_from_rfc3339(v)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| E::custom(format_args!("`{v}` is not an RFC 3339 timestamp: {e}")))
            }
        }
        d.deserialize_str(V)
    }
}

/// A `google.protobuf.Value` field: unlike every other field, JSON `null` there is a value (the
/// `null_value`), so `null` reads as `Some(Value::Null)` and only an absent field is `None`.
pub struct ValueField;

impl SerializeAs<Option<serde_json::Value>> for ValueField {
    fn serialize_as<S: Serializer>(v: &Option<serde_json::Value>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }
}

impl<'de> DeserializeAs<'de, Option<serde_json::Value>> for ValueField {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
        serde_json::Value::deserialize(d).map(Some)
    }
}

/// `google.protobuf.Empty` as a field: the JSON object `{}` (Rust `()`).
pub struct EmptyMessage;

impl SerializeAs<()> for EmptyMessage {
    fn serialize_as<S: Serializer>(_: &(), s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        s.serialize_map(Some(0))?.end()
    }
}

impl<'de> DeserializeAs<'de, ()> for EmptyMessage {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an empty JSON object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                match map.next_key::<de::IgnoredAny>()? {
                    None => Ok(()),
                    Some(_) => Err(de::Error::custom("google.protobuf.Empty has no fields")),
                }
            }
        }
        d.deserialize_map(V)
    }
}
