//! serde `Deserialize` for generated records and string enums, with less code per type than
//! `#[derive(Deserialize)]` (which makes the models crate slow to compile: per struct a field
//! enum, its visitor and a sequence visitor).
//!
//! What stays per type is one `visit_map` (written by [`deserialize_record!`]) or one call
//! ([`variant`]); the rest is here, compiled once:
//!
//! - [`FieldIndex`] reads a map key (a name, its bytes, or an index, as the derive accepts)
//!   and gives the field's index, `None` for an unknown key (ignored, as the derive does);
//! - the field modes [`plain`], [`default`] and [`double`] read a present field and give the
//!   value of an absent one: `plain` as the derive (an absent `Option` is `None`, anything else
//!   a "missing field" error), `default` its `Default`, `double` the `Option<Option<_>>` of
//!   `serde_with::rust::double_option` (absent `None`, `null` `Some(None)`);
//! - [`variant`] reads a unit variant of an enum by name (or index), and [`string_enum!`]
//!   writes a generated string enum's `ALL`, `as_str`, `Display`, `FromStr` ([`parse_variant`])
//!   and serde impls.
//!
//! The messages are the derive's. One difference: a record is read from a map only, never
//! from a sequence (the derive also took a JSON array of the field values in order, which no
//! OpenAPI object schema allows).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, VariantAccess, Visitor};

use crate::validate::ValidationError;

/// Reads a record's map key: the index of the field it names in the slice, `None` if unknown.
#[derive(Debug, Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(index).ok().filter(|i| *i < self.0.len()))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| *field == name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == name))
    }
}

/// Fields read as serde's derive reads a field without attributes.
pub mod plain {
    use serde::de::{Deserialize, Error, MapAccess};

    /// Reads a present field into its slot ("duplicate field" if it is there already).
    pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        field: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(field));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// The field's value: the one read, else `None` for an `Option`, else "missing field".
    pub fn take<'de, T: Deserialize<'de>, E: Error>(slot: Option<T>, field: &'static str) -> Result<T, E> {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(super::Missing(field, std::marker::PhantomData)),
        }
    }
}

/// Fields with `#[serde(default)]`.
pub mod default {
    use serde::de::{Deserialize, MapAccess};

    /// Reads a present field into its slot ("duplicate field" if it is there already).
    pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        field: &'static str,
    ) -> Result<(), A::Error> {
        super::plain::read(map, slot, field)
    }

    /// The field's value: the one read, else its `Default`.
    pub fn take<T: Default, E>(slot: Option<T>, _field: &'static str) -> Result<T, E> {
        Ok(slot.unwrap_or_default())
    }
}

/// Optional nullable fields (`Option<Option<T>>`, `serde_with::rust::double_option`).
pub mod double {
    use serde::de::{Deserialize, Error, MapAccess};

    /// Reads a present field into its slot: `Some(None)` for `null`, `Some(Some(_))` otherwise.
    pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<Option<Option<T>>>,
        field: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(field));
        }
        let mut inner = None;
        super::plain::read(map, &mut inner, field)?;
        *slot = inner.map(Some);
        Ok(())
    }

    /// The field's value: the one read, else `None`.
    pub fn take<T, E>(slot: Option<Option<Option<T>>>, _field: &'static str) -> Result<Option<Option<T>>, E> {
        Ok(slot.flatten())
    }
}

/// Skips the value of an unknown key.
pub fn skip<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(drop)
}

/// What an absent field is read from (serde's own `MissingFieldDeserializer`): an `Option`
/// reads `None`, anything else fails with "missing field".
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

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
pub fn variant<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    variants: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_enum(name, variants, Variants { name, variants })
}

/// The index of `value` in an enum's wire values, or the error of its `FromStr`.
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

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

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

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        let variants = self.0.variants;
        variants
            .iter()
            .position(|v| *v == value)
            .ok_or_else(|| E::unknown_variant(value, variants))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<usize, E> {
        let variants = self.0.variants;
        match variants.iter().position(|v| v.as_bytes() == value) {
            Some(i) => Ok(i),
            None => Err(E::unknown_variant(&String::from_utf8_lossy(value), variants)),
        }
    }
}

/// `impl Deserialize` for a generated record (a struct of named fields), read from a map:
/// `deserialize_record!(Name { field 0 "wireName" plain, other 1 "other" double })` — each
/// field's identifier, its index, its name on the wire and its mode ([`plain`], [`default`] or
/// [`double`]). Unknown keys are skipped; a key given twice is a "duplicate field" error.
#[macro_export]
macro_rules! deserialize_record {
    ($name:ident { $($field:ident $index:literal $wire:literal $mode:ident),* $(,)? }) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$($wire),*];
                struct Fields;
                impl<'de> ::serde::de::Visitor<'de> for Fields {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$name, A::Error> {
                        $(let mut $field = ::std::option::Option::None;)*
                        while let ::std::option::Option::Some(key) =
                            map.next_key_seed($crate::de::FieldIndex(FIELDS))?
                        {
                            match key {
                                $(::std::option::Option::Some($index) => {
                                    $crate::de::$mode::read(&mut map, &mut $field, $wire)
                                })*
                                _ => $crate::de::skip(&mut map),
                            }?;
                        }
                        ::std::result::Result::Ok($name {
                            $($field: $crate::de::$mode::take($field, $wire)?,)*
                        })
                    }
                }
                deserializer.deserialize_struct(::std::stringify!($name), FIELDS, Fields)
            }
        }
    };
}

/// The impls of a generated enum whose values are strings:
/// `string_enum!(Colour { Red "red", DarkBlue "dark-blue" })` — each variant (in declaration
/// order, without explicit discriminants) and its wire value. Writes `ALL` (every value, in
/// spec order), `as_str`, `Display`, `FromStr` (a [`ValidationError`] naming the values) and
/// serde's traits as the derive writes a unit variant (read with [`variant`]).
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident $wire:literal),* $(,)? }) => {
        impl $name {
            /// Every value, in spec order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::validate::ValidationError;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::de::parse_variant(value, &[$($wire),*]).map(|i| Self::ALL[i])
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_unit_variant(::std::stringify!($name), *self as u32, self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::de::variant(deserializer, ::std::stringify!($name), &[$($wire),*])
                    .map(|i| Self::ALL[i])
            }
        }
    };
}
