//! Writing `multipart/form-data` bodies (client requests, server answers): one part per field
//! of a serializable value.
//!
//! A field that serializes as bytes ([`Binary`](crate::Binary)) is a file part
//! (`application/octet-stream`), a scalar (string, number, boolean, unit enum variant) a text
//! part, a list one part per item, an absent value no part, and anything else (objects, maps,
//! nested lists) a JSON part (`application/json`).

use bytes::Bytes;
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct};

/// The content of one part.
#[derive(Debug, Clone, PartialEq)]
enum Content {
    Text(String),
    File(Bytes),
    Json(String),
}

/// The encoded body and its `Content-Type` (with the boundary). `types` names the media type
/// of fields the spec sets one for (`(field, media type)`), which their parts carry instead of
/// the default.
///
/// # Errors
/// What makes `body` unfit for a form (not an object), as a message.
pub(crate) fn encode<T: Serialize + ?Sized>(
    body: &T,
    types: &[(&str, &str)],
) -> Result<(Vec<u8>, String), String> {
    let mut parts = Vec::new();
    body.serialize(Fields { parts: &mut parts })
        .map_err(|e| format!("the body cannot be sent as multipart/form-data: {e}"))?;
    let boundary = boundary(&parts);
    let mut out = Vec::new();
    for (name, content) in &parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let declared = types.iter().find(|(f, _)| f == name).map(|(_, t)| *t);
        let name = escape(name);
        let (head, data): (String, &[u8]) = match content {
            Content::Text(t) => (format!("Content-Disposition: form-data; name=\"{name}\"\r\n"), t.as_bytes()),
            Content::Json(t) => (
                format!("Content-Disposition: form-data; name=\"{name}\"\r\nContent-Type: application/json\r\n"),
                t.as_bytes(),
            ),
            Content::File(b) => (
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n"),
                b,
            ),
        };
        let head = match declared.filter(|t| !t.contains(['\r', '\n'])) {
            Some(media_type) => {
                let disposition = head.split("\r\n").next().unwrap_or_default();
                format!("{disposition}\r\nContent-Type: {media_type}\r\n")
            }
            None => head,
        };
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((out, format!("multipart/form-data; boundary={boundary}")))
}

/// A boundary that occurs in no part (RFC 7578: it must not appear in the content).
fn boundary(parts: &[(String, Content)]) -> String {
    let data = |c: &Content| -> Vec<u8> {
        match c {
            Content::Text(t) | Content::Json(t) => t.as_bytes().to_vec(),
            Content::File(b) => b.to_vec(),
        }
    };
    let mut n: u64 =
        parts.iter().map(|(_, c)| data(c).len() as u64).sum::<u64>() ^ 0x9e37_79b9_7f4a_7c15;
    loop {
        let candidate = format!("apigen-{n:016x}");
        let clash = parts.iter().any(|(name, c)| {
            let d = data(c);
            name.contains(&candidate)
                || d.windows(candidate.len())
                    .any(|w| w == candidate.as_bytes())
        });
        if !clash {
            return candidate;
        }
        n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    }
}

/// A field name in a `Content-Disposition` header (as browsers write it: `"` and line breaks
/// percent-encoded).
fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Why a value could not be written as parts.
#[derive(Debug)]
enum PartError {
    /// Not a plain part: written as JSON instead.
    Compound,
    /// A real failure.
    Custom(String),
}

impl std::fmt::Display for PartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartError::Compound => f.write_str("not a plain part"),
            PartError::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for PartError {}

impl ser::Error for PartError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        PartError::Custom(msg.to_string())
    }
}

/// The parts of one field's value: plain parts, or JSON when the value is compound.
fn field_parts<T: Serialize + ?Sized>(value: &T, in_list: bool) -> Result<Vec<Content>, PartError> {
    match value.serialize(Value { in_list }) {
        Err(PartError::Compound) => serde_json::to_string(value)
            .map(|t| vec![Content::Json(t)])
            .map_err(|e| PartError::Custom(e.to_string())),
        other => other,
    }
}

/// Serializes the body: a struct or map, one field per name.
struct Fields<'a> {
    parts: &'a mut Vec<(String, Content)>,
}

impl<'a> Fields<'a> {
    fn push<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), PartError> {
        for content in field_parts(value, false)? {
            self.parts.push((name.to_string(), content));
        }
        Ok(())
    }
}

/// Struct and map serialization of [`Fields`]; `key` holds a map key until its value comes.
struct FieldsCompound<'a> {
    fields: Fields<'a>,
    key: Option<String>,
}

impl SerializeStruct for FieldsCompound<'_> {
    type Ok = ();
    type Error = PartError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), PartError> {
        self.fields.push(key, value)
    }

    fn end(self) -> Result<(), PartError> {
        Ok(())
    }
}

impl SerializeMap for FieldsCompound<'_> {
    type Ok = ();
    type Error = PartError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), PartError> {
        match serde_json::to_value(key) {
            Ok(serde_json::Value::String(k)) => {
                self.key = Some(k);
                Ok(())
            }
            _ => Err(PartError::Custom("a field name is not a string".into())),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), PartError> {
        let key = self.key.take().unwrap_or_default();
        self.fields.push(&key, value)
    }

    fn end(self) -> Result<(), PartError> {
        Ok(())
    }
}

/// Anything but a struct or map at the top level is refused.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, PartError> {
            Err(PartError::Custom("a multipart/form-data body must be an object".into()))
        })*
    };
}

impl<'a> ser::Serializer for Fields<'a> {
    type Ok = ();
    type Error = PartError;
    type SerializeSeq = Impossible<(), PartError>;
    type SerializeTuple = Impossible<(), PartError>;
    type SerializeTupleStruct = Impossible<(), PartError>;
    type SerializeTupleVariant = Impossible<(), PartError>;
    type SerializeMap = FieldsCompound<'a>;
    type SerializeStruct = FieldsCompound<'a>;
    type SerializeStructVariant = Impossible<(), PartError>;

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> (); serialize_i16(i16) -> (); serialize_i32(i32) -> (); serialize_i64(i64) -> ();
        serialize_u8(u8) -> (); serialize_u16(u16) -> (); serialize_u32(u32) -> (); serialize_u64(u64) -> ();
        serialize_f32(f32) -> (); serialize_f64(f64) -> (); serialize_char(char) -> ();
        serialize_str(&str) -> (); serialize_bytes(&[u8]) -> (); serialize_none() -> (); serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), PartError> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), PartError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), PartError> {
        Err(PartError::Custom(
            "a multipart/form-data body must be an object".into(),
        ))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<FieldsCompound<'a>, PartError> {
        Ok(FieldsCompound {
            fields: self,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<FieldsCompound<'a>, PartError> {
        Ok(FieldsCompound {
            fields: self,
            key: None,
        })
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

/// Serializes one field's value into plain parts, or fails with [`PartError::Compound`].
struct Value {
    in_list: bool,
}

/// The items of a list field.
struct Items(Vec<Content>);

impl SerializeSeq for Items {
    type Ok = Vec<Content>;
    type Error = PartError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), PartError> {
        self.0.extend(field_parts(value, true)?);
        Ok(())
    }

    fn end(self) -> Result<Vec<Content>, PartError> {
        Ok(self.0)
    }
}

macro_rules! text {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> Result<Vec<Content>, PartError> {
            Ok(vec![Content::Text(v.to_string())])
        })*
    };
}

macro_rules! compound {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, PartError> {
            Err(PartError::Compound)
        })*
    };
}

impl ser::Serializer for Value {
    type Ok = Vec<Content>;
    type Error = PartError;
    type SerializeSeq = Items;
    type SerializeTuple = Impossible<Vec<Content>, PartError>;
    type SerializeTupleStruct = Impossible<Vec<Content>, PartError>;
    type SerializeTupleVariant = Impossible<Vec<Content>, PartError>;
    type SerializeMap = Impossible<Vec<Content>, PartError>;
    type SerializeStruct = Impossible<Vec<Content>, PartError>;
    type SerializeStructVariant = Impossible<Vec<Content>, PartError>;

    text! {
        serialize_bool(bool);
        serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_str(&str);
    }

    compound! {
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Vec<Content>, PartError> {
        Ok(vec![Content::File(Bytes::copy_from_slice(v))])
    }

    fn serialize_none(self) -> Result<Vec<Content>, PartError> {
        Ok(Vec::new())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<Content>, PartError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Vec<Content>, PartError> {
        Ok(Vec::new())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Vec<Content>, PartError> {
        Ok(Vec::new())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Vec<Content>, PartError> {
        Ok(vec![Content::Text(variant.to_string())])
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Vec<Content>, PartError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Vec<Content>, PartError> {
        Err(PartError::Compound)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items, PartError> {
        if self.in_list {
            Err(PartError::Compound)
        } else {
            Ok(Items(Vec::new()))
        }
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Binary;

    #[derive(serde::Serialize)]
    struct Upload {
        file: Binary,
        note: Option<String>,
        count: i32,
        tags: Vec<String>,
        meta: Option<serde_json::Value>,
        missing: Option<String>,
    }

    #[test]
    fn one_part_per_field() {
        let body = Upload {
            file: Binary::from(vec![0u8, 0xff, b'\r', b'\n']),
            note: Some("a \"b\"".into()),
            count: 3,
            tags: vec!["x".into(), "y".into()],
            meta: Some(serde_json::json!({"k": 1})),
            missing: None,
        };
        let (bytes, content_type) = encode(&body, &[("file", "image/png"), ("note", "text/markdown")]).unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            text.matches(&format!("--{boundary}\r\n")).count(),
            6,
            "{text}"
        );
        assert!(text.contains(
            "name=\"file\"; filename=\"file\"\r\nContent-Type: image/png\r\n\r\n"
        ));
        assert!(bytes.windows(4).any(|w| w == [0u8, 0xff, b'\r', b'\n']));
        assert!(text.contains("name=\"count\"\r\n\r\n3\r\n"));
        assert!(
            text.contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n")
        );
        assert!(!text.contains("missing"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(text.contains("name=\"note\"\r\nContent-Type: text/markdown\r\n\r\n"));
        assert!(encode(&[1, 2], &[]).is_err(), "not an object");
    }
}
