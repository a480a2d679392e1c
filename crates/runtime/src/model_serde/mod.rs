//! serde impls of generated records and string enums, with less code per type than serde's
//! derives (whose `Deserialize` made a models crate slow to compile: per struct a field enum,
//! its visitor, a sequence visitor and `visit_map`).
//!
//! What stays per type is one `serialize` and one `visit_map` (written by [`record!`](crate::record)) or
//! one call ([`variant`]); the rest is here, compiled once:
//!
//! - [`FieldIndex`] reads a map key (a name, its bytes, or an index, as the derive accepts)
//!   and gives the field's index, `None` for an unknown key (ignored, as the derive does);
//! - the field modes ([`plain`], [`optional`], [`double`], [`empty`]) write a field or skip it,
//!   read a present one, and give the value of an absent one, as the derive with the
//!   attributes the generator used to write;
//! - [`variant`] reads a unit variant of an enum by name (or index), and
//!   [`string_enum!`](crate::string_enum) writes a generated string enum's `ALL`, `as_str`,
//!   `Display`, `FromStr` ([`parse_variant`]) and serde impls.
//!
//! Values and messages are the derive's. One difference: a record is read from a map only,
//! never from a sequence (the derive also took a JSON array of the field values in order,
//! which no OpenAPI object schema allows).

mod macros;
mod modes;

pub use modes::{double, empty, optional, plain};

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, VariantAccess, Visitor};

use crate::validate::ValidationError;

/// Reads a record's map key: the index of the field it names in the slice, `None` if unknown.
#[derive(Debug, Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(index).ok().filter(|i| *i < self.0.len()))
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| *field == name))
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == name))
    }
}

/// Skips the value of an unknown key.
#[inline]
pub fn skip<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(drop)
}

/// What an absent field is read from (serde's own `MissingFieldDeserializer`): an `Option`
/// reads `None`, anything else fails with "missing field".
pub(crate) struct Missing<E>(pub(crate) &'static str, pub(crate) PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Reads a unit variant of the enum `name` (`variants`: the wire names in declaration order)
/// and gives its index; a JSON string, or a one-key object with a `null` value, as the derive.
#[inline]
pub fn variant<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    variants: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_enum(name, variants, Variants { name, variants })
}

/// The index of `value` in an enum's wire values, or the error of its `FromStr`.
#[inline]
pub fn parse_variant(value: &str, variants: &[&str]) -> Result<usize, ValidationError> {
    variants.iter().position(|v| *v == value).ok_or_else(|| {
        let expected = variants.join(", ");
        ValidationError::new("", format!("unknown value `{value}`, expected one of {expected}"))
    })
}

/// The visitor and variant-name seed of [`variant`].
#[derive(Clone, Copy)]
struct Variants {
    name: &'static str,
    variants: &'static [&'static str],
}

impl<'de> Visitor<'de> for Variants {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum {}", self.name)
    }

    #[inline]
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, access) = data.variant_seed(VariantName(self))?;
        access.unit_variant()?;
        Ok(index)
    }
}

/// Reads a variant's name (or index) as an index into the variants.
struct VariantName(Variants);

impl<'de> DeserializeSeed<'de> for VariantName {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        let variants = self.0.variants;
        match usize::try_from(index) {
            Ok(i) if i < variants.len() => Ok(i),
            _ => Err(E::invalid_value(
                de::Unexpected::Unsigned(index),
                &format!("variant index 0 <= i < {}", variants.len()).as_str(),
            )),
        }
    }

    #[inline]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        let variants = self.0.variants;
        variants
            .iter()
            .position(|v| *v == value)
            .ok_or_else(|| E::unknown_variant(value, variants))
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<usize, E> {
        let variants = self.0.variants;
        match variants.iter().position(|v| v.as_bytes() == value) {
            Some(i) => Ok(i),
            None => Err(E::unknown_variant(&String::from_utf8_lossy(value), variants)),
        }
    }
}

