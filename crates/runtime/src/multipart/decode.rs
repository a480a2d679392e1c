//! Reading `multipart/form-data` bodies (server requests, client answers): the parts (read with
//! `multer`, what axum's own `Multipart` extractor is built on) deserialized into the body type,
//! one field per name.
//!
//! A field reads its part as the field's type asks: text parsed as a number, boolean or enum
//! name, bytes for [`Binary`](crate::Binary) fields, JSON for objects (or any part sent as
//! `application/json`); a list takes every part of its name. Every failure is a 400.

use bytes::Bytes;
use futures_util::FutureExt as _;
use serde::de::value::Error as DeError;
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};

/// One received part.
#[derive(Debug, Clone)]
struct Part {
    json: bool,
    data: Bytes,
}

/// Why a body is not a form of `T`.
#[derive(Debug)]
pub(crate) enum DecodeError {
    /// Not `multipart/form-data` with a boundary.
    Unsupported(String),
    /// Malformed, or parts that do not match `T` (the message names the field).
    Invalid(String),
}

/// Decodes a whole `multipart/form-data` body declared by `content_type` as `T`. A field whose
/// media type `types` sets to JSON is read as JSON whatever its part says.
pub(crate) fn decode<T: DeserializeOwned>(
    content_type: &str,
    bytes: Bytes,
    types: &[(&str, &str)],
) -> Result<T, DecodeError> {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return Err(DecodeError::Unsupported(format!(
            "unsupported media type: `{content_type}`, expected multipart/form-data"
        )));
    }
    let boundary = multer::parse_boundary(content_type).map_err(|e| {
        DecodeError::Unsupported(format!("unsupported media type: `{content_type}`: {e}"))
    })?;
    // The body is in memory: every step is ready at once.
    read_fields(bytes, boundary, types)
        .now_or_never()
        .unwrap_or_else(|| Err(DecodeError::Invalid("the body could not be read".into())))
        .and_then(|fields| {
            T::deserialize(Form(fields)).map_err(|e| DecodeError::Invalid(e.to_string()))
        })
}

async fn read_fields(
    bytes: Bytes,
    boundary: String,
    types: &[(&str, &str)],
) -> Result<Vec<(String, Vec<Part>)>, DecodeError> {
    let is_json = |t: &str| {
        let t = t.split(';').next().unwrap_or("").trim();
        t.eq_ignore_ascii_case("application/json") || t.ends_with("+json")
    };
    let invalid = |e: multer::Error| DecodeError::Invalid(e.to_string());
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    let mut reader = multer::Multipart::new(stream, boundary);
    let mut fields: Vec<(String, Vec<Part>)> = Vec::new();
    while let Some(field) = reader.next_field().await.map_err(invalid)? {
        let name = field.name().unwrap_or_default().to_string();
        let declared = types.iter().find(|(f, _)| *f == name).map(|(_, t)| *t);
        let json = declared.is_some_and(is_json)
            || field.content_type().is_some_and(|m| is_json(m.essence_str()));
        let data = field.bytes().await.map_err(invalid)?;
        let part = Part { json, data };
        match fields.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(part),
            None => fields.push((name, vec![part])),
        }
    }
    Ok(fields)
}

/// The whole form: a map from field names to their parts.
struct Form(Vec<(String, Vec<Part>)>);

impl<'de> Deserializer<'de> for Form {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(FormAccess {
            fields: self.0.into_iter(),
            value: None,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct FormAccess {
    fields: std::vec::IntoIter<(String, Vec<Part>)>,
    value: Option<(String, Vec<Part>)>,
}

impl<'de> de::MapAccess<'de> for FormAccess {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((name, parts)) = self.fields.next() else {
            return Ok(None);
        };
        let key = seed.deserialize(name.clone().into_deserializer()).map(Some);
        self.value = Some((name, parts));
        key
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        let (name, parts) = self.value.take().unwrap_or_default();
        seed.deserialize(Field(parts))
            .map_err(|e| de::Error::custom(format_args!("field `{name}`: {e}")))
    }
}

/// The parts of one field.
struct Field(Vec<Part>);

impl Field {
    /// The one part of a scalar field.
    fn single(self) -> Result<Part, DeError> {
        let mut parts = self.0;
        match parts.len() {
            1 => Ok(parts.remove(0)),
            n => Err(de::Error::custom(format_args!(
                "expected one part, found {n}"
            ))),
        }
    }

    fn text(self) -> Result<String, DeError> {
        String::from_utf8(self.single()?.data.to_vec()).map_err(de::Error::custom)
    }

    /// The one part, read as JSON (objects, maps, tuples, JSON parts).
    fn json(self) -> Result<serde_json::Value, DeError> {
        serde_json::from_slice(&self.single()?.data).map_err(de::Error::custom)
    }
}

macro_rules! parsed {
    ($($method:ident => $visit:ident,)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let text = self.text()?;
            match text.trim().parse() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(de::Error::custom(format_args!("`{text}` is not a valid value"))),
            }
        })*
    };
}

impl<'de> Deserializer<'de> for Field {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.len() != 1 {
            return self.deserialize_seq(visitor);
        }
        if self.0[0].json {
            return self
                .json()?
                .deserialize_any(visitor)
                .map_err(de::Error::custom);
        }
        let part = self.single()?;
        match String::from_utf8(part.data.to_vec()) {
            Ok(text) => visitor.visit_string(text),
            Err(e) => visitor.visit_byte_buf(e.into_bytes()),
        }
    }

    parsed! {
        deserialize_bool => visit_bool,
        deserialize_i8 => visit_i8, deserialize_i16 => visit_i16,
        deserialize_i32 => visit_i32, deserialize_i64 => visit_i64,
        deserialize_u8 => visit_u8, deserialize_u16 => visit_u16,
        deserialize_u32 => visit_u32, deserialize_u64 => visit_u64,
        deserialize_f32 => visit_f32, deserialize_f64 => visit_f64,
        deserialize_char => visit_char,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_byte_buf(self.single()?.data.to_vec())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_byte_buf(self.single()?.data.to_vec())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.len() == 1 && self.0[0].json {
            return self
                .json()?
                .deserialize_seq(visitor)
                .map_err(de::Error::custom);
        }
        let items = self.0.into_iter().map(|p| Field(vec![p]));
        visitor.visit_seq(de::value::SeqDeserializer::new(items))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.json()?
            .deserialize_tuple(len, visitor)
            .map_err(de::Error::custom)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.json()?
            .deserialize_tuple_struct(name, len, visitor)
            .map_err(de::Error::custom)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.json()?
            .deserialize_map(visitor)
            .map_err(de::Error::custom)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.json()?
            .deserialize_struct(name, fields, visitor)
            .map_err(de::Error::custom)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if self.0.len() == 1 && self.0[0].json {
            return self
                .json()?
                .deserialize_enum(name, variants, visitor)
                .map_err(de::Error::custom);
        }
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, DeError> for Field {
    type Deserializer = Field;

    fn into_deserializer(self) -> Field {
        self
    }
}
