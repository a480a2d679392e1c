//! `multipart/form-data` request bodies: the parts (read with `multer`, what axum's own
//! `Multipart` extractor is built on) deserialized into the body type, one field per name.
//!
//! A field reads its part as the field's type asks: text parsed as a number, boolean or enum
//! name, bytes for [`Binary`](crate::Binary) fields, JSON for objects (or any part sent as
//! `application/json`); a list takes every part of its name. Every failure is a 400.

use bytes::Bytes;
use http::request::Parts;
use serde::de::value::Error as DeError;
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};

use super::body::content_type_of;
use super::rejection::{Rejection, RejectionKind};

/// One received part.
#[derive(Debug, Clone)]
struct Part {
    json: bool,
    data: Bytes,
}

/// Decodes a `multipart/form-data` body; `Ok(None)` when an optional body is absent.
///
/// # Errors
/// 415 for another `Content-Type` (or one without a boundary); 400 for a missing required
/// body, a malformed one, or parts that do not match `T` (the message names the field).
pub async fn multipart_body<T: DeserializeOwned>(
    parts: &Parts,
    bytes: Bytes,
    required: bool,
) -> Result<Option<T>, Rejection> {
    let unsupported = |what: String| Rejection::new(RejectionKind::UnsupportedMediaType, what);
    let header = parts
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if bytes.is_empty() && header.is_none() {
        return if required {
            Err(Rejection::new(
                RejectionKind::MissingBody,
                "a request body (multipart/form-data) is required",
            ))
        } else {
            Ok(None)
        };
    }
    let Some(header) = header else {
        return Err(unsupported(
            "unsupported media type: none, expected multipart/form-data".into(),
        ));
    };
    if content_type_of(header) != "multipart/form-data" {
        return Err(unsupported(format!(
            "unsupported media type: `{header}`, expected multipart/form-data"
        )));
    }
    let boundary = multer::parse_boundary(header)
        .map_err(|e| unsupported(format!("unsupported media type: `{header}`: {e}")))?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    let mut reader = multer::Multipart::new(stream, boundary);
    let mut fields: Vec<(String, Vec<Part>)> = Vec::new();
    while let Some(field) = reader.next_field().await.map_err(Rejection::invalid_body)? {
        let name = field.name().unwrap_or_default().to_string();
        let json = field.content_type().is_some_and(|m| {
            m.essence_str() == "application/json" || m.suffix().is_some_and(|s| s == "json")
        });
        let data = field.bytes().await.map_err(Rejection::invalid_body)?;
        let part = Part { json, data };
        match fields.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(part),
            None => fields.push((name, vec![part])),
        }
    }
    T::deserialize(Form(fields))
        .map(Some)
        .map_err(Rejection::invalid_body)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Binary;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Upload {
        file: Binary,
        note: Option<String>,
        count: i32,
        #[serde(default)]
        tags: Vec<String>,
        meta: Option<serde_json::Value>,
    }

    fn parts(ct: &str) -> Parts {
        http::Request::builder()
            .header("content-type", ct)
            .body(())
            .unwrap()
            .into_parts()
            .0
    }

    const CT: &str = "multipart/form-data; boundary=XyZ";

    fn body(fields: &[(&str, Option<&str>, &[u8])]) -> Bytes {
        let mut out = Vec::new();
        for (name, ct, data) in fields {
            out.extend_from_slice(
                format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
            );
            if let Some(ct) = ct {
                out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--XyZ--\r\n");
        out.into()
    }

    #[tokio::test]
    async fn fields_read_as_their_types_ask() {
        let b = body(&[
            ("file", Some("application/octet-stream"), b"\x00\xff"),
            ("count", None, b"7"),
            ("tags", None, b"a"),
            ("tags", None, b"b"),
            ("meta", Some("application/json"), br#"{"k":1}"#),
        ]);
        let up: Upload = multipart_body(&parts(CT), b, true).await.unwrap().unwrap();
        assert_eq!(&*up.file, b"\x00\xff");
        assert_eq!(
            (up.count, up.note, up.tags),
            (7, None, vec!["a".into(), "b".into()])
        );
        assert_eq!(up.meta, Some(serde_json::json!({"k": 1})));
    }

    #[tokio::test]
    async fn malformed_bodies_are_400_or_415() {
        let bad_count = body(&[("file", None, b"x"), ("count", None, b"seven")]);
        let r = multipart_body::<Upload>(&parts(CT), bad_count, true)
            .await
            .unwrap_err();
        assert_eq!(r.status().as_u16(), 400);
        assert!(r.message().contains("count"), "{}", r.message());
        let missing = body(&[("count", None, b"1")]);
        let r = multipart_body::<Upload>(&parts(CT), missing, true)
            .await
            .unwrap_err();
        assert!(r.message().contains("file"), "{}", r.message());
        let truncated =
            Bytes::from_static(b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc");
        let r = multipart_body::<Upload>(&parts(CT), truncated, true)
            .await
            .unwrap_err();
        assert_eq!(r.status().as_u16(), 400);
        let r =
            multipart_body::<Upload>(&parts("application/json"), Bytes::from_static(b"{}"), true)
                .await
                .unwrap_err();
        assert_eq!(r.status().as_u16(), 415);
        let r = multipart_body::<Upload>(&parts("multipart/form-data"), body(&[]), true)
            .await
            .unwrap_err();
        assert_eq!(r.status().as_u16(), 415, "no boundary");
        let none = http::Request::new(()).into_parts().0;
        assert!(multipart_body::<Upload>(&none, Bytes::new(), false)
            .await
            .unwrap()
            .is_none());
    }
}
