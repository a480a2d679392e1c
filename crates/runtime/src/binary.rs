//! [`Binary`]: raw bytes of a `format: binary` value (an `application/octet-stream` body, a file
//! part of a `multipart/form-data` body).

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Raw bytes, cheap to clone (a reference-counted [`Bytes`]).
///
/// In JSON (where OpenAPI 3.0 lets a schema say `format: binary` although JSON has no bytes)
/// the value is a string: it is written when the bytes are UTF-8 and refused otherwise, never
/// altered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(Bytes);

impl Binary {
    /// Bytes, without copying.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Binary(bytes.into())
    }

    /// The bytes as a [`Bytes`] (cheap).
    pub fn into_bytes(self) -> Bytes {
        self.0
    }

    /// The bytes as a `Vec` (copies).
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }

    /// The bytes as text, when they are UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

impl Deref for Binary {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Bytes> for Binary {
    fn from(bytes: Bytes) -> Self {
        Binary(bytes)
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes.into())
    }
}

impl From<&'static [u8]> for Binary {
    fn from(bytes: &'static [u8]) -> Self {
        Binary(Bytes::from_static(bytes))
    }
}

impl<const N: usize> From<&'static [u8; N]> for Binary {
    fn from(bytes: &'static [u8; N]) -> Self {
        Binary(Bytes::from_static(bytes))
    }
}

impl From<String> for Binary {
    fn from(text: String) -> Self {
        Binary(text.into())
    }
}

impl From<&str> for Binary {
    fn from(text: &str) -> Self {
        Binary(Bytes::copy_from_slice(text.as_bytes()))
    }
}

impl From<Binary> for Bytes {
    fn from(binary: Binary) -> Self {
        binary.0
    }
}

/// The bytes as text (invalid UTF-8 shown as U+FFFD; for parameters and messages).
impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

impl FromStr for Binary {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Binary::from(s))
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return serializer.serialize_bytes(&self.0);
        }
        match self.as_str() {
            Some(text) => serializer.serialize_str(text),
            None => Err(serde::ser::Error::custom(
                "binary data that is not UTF-8 cannot be written as a JSON string",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_byte_buf(BinaryVisitor)
    }
}

/// Accepts bytes (a file part) or a string (JSON).
struct BinaryVisitor;

impl serde::de::Visitor<'_> for BinaryVisitor {
    type Value = Binary;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes or a string")
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Binary, E> {
        Ok(Binary(Bytes::copy_from_slice(v)))
    }

    fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Binary, E> {
        Ok(Binary::from(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Binary, E> {
        Ok(Binary::from(v))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Binary, E> {
        Ok(Binary::from(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_text_and_never_altered() {
        let b = Binary::from("héllo");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"héllo\"");
        assert_eq!(serde_json::from_str::<Binary>("\"héllo\"").unwrap(), b);
        assert!(serde_json::to_string(&Binary::from(vec![0xff, 0])).is_err());
        assert_eq!(&*Binary::from(&b"\x00\x01"[..]), b"\x00\x01");
        assert_eq!(Binary::from(vec![0xff]).to_string(), "\u{fffd}");
    }
}
