//! Messages are JSON objects: nothing else decodes as one.

use serde::de::{Deserializer, Visitor};

/// A deserializer that offers only the map form to a message's derived `Deserialize`: serde's
/// derive also accepts a JSON array (the sequence form of a struct), which no protobuf JSON
/// parser does.
pub struct ObjectOnly<D>(pub D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Deserializes a message with its derived (remote) implementation, accepting JSON objects only.
pub fn message<'de, D, T>(
    deserializer: D,
    derived: impl FnOnce(ObjectOnly<D>) -> Result<T, D::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    derived(ObjectOnly(deserializer))
}
