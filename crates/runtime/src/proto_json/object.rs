//! A message's proto3 JSON object, written and read from its field list.
//!
//! A generated message says which fields it has (a table in [`proto_json_message!`]: per field
//! its names and `serde_with` adapter), from which the macro writes its [`JsonFields`] impl
//! (one `Writer` call per field, one `match` arm per field to read it) and its `Serialize` and
//! `Deserialize`. What serde's derive did per message is
//! here, once: defaults omitted when writing, only JSON objects read, unknown keys skipped, a
//! field given twice (by either name) refused with serde's `duplicate field` error.
//!
//! [`proto_json_message!`]: crate::proto_json_message

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_with::de::DeserializeAsWrap;
use serde_with::ser::SerializeAsWrap;
use serde_with::{DefaultOnNull, DeserializeAs, Same, SerializeAs};

use super::{is_default, is_default_float};

/// A message's fields as proto3 JSON: written into a [`Writer`], read from a [`Reader`].
pub trait JsonFields: Default {
    /// Writes each field (the writer leaves out those at their default).
    fn write<M: SerializeMap>(&self, w: &mut Writer<M>);

    /// Reads the value of the key `key` (a field's name or JSON name; other keys are skipped).
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        r: &mut Reader<'_, 'de, A>,
    ) -> Result<(), A::Error>;
}

/// Writes a message's fields into a serializer's map (the first error is kept, later fields
/// are not written).
pub struct Writer<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Writer<M> {
    /// A field written with the adapter `As` unless it holds its default (`None`, empty, zero).
    pub fn field<As: SerializeAs<T>, T: Default + PartialEq>(&mut self, name: &'static str, value: &T) {
        if !is_default(value) {
            self.entry(name, &SerializeAsWrap::<T, As>::new(value));
        }
    }

    /// A field written as its type writes itself unless it holds its default (`N<S>` above).
    pub fn plain<T: Serialize + Default + PartialEq>(&mut self, name: &'static str, value: &T) {
        if !is_default(value) {
            self.entry(name, value);
        }
    }

    /// A field with presence, written as its type writes itself when set (`Option<S>` above).
    pub fn opt<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.entry(name, value);
        }
    }

    /// A float field, written unless it is `+0.0` (`-0.0` is written, as protobuf does).
    pub fn float<As: SerializeAs<T>, T: Into<f64> + Copy>(&mut self, name: &'static str, value: &T) {
        if !is_default_float(value) {
            self.entry(name, &SerializeAsWrap::<T, As>::new(value));
        }
    }

    fn entry<V: Serialize + ?Sized>(&mut self, name: &'static str, value: &V) {
        if self.error.is_none() {
            if let Err(e) = self.map.serialize_entry(name, value) {
                self.error = Some(e);
            }
        }
    }
}

/// Reads the values of a message's keys from a deserializer's map.
pub struct Reader<'a, 'de, A: MapAccess<'de>> {
    map: &'a mut A,
    seen: Vec<&'static str>,
    de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> Reader<'_, 'de, A> {
    /// Reads the field `name` with the adapter `As` (an error if the object gave it already).
    pub fn field<As: DeserializeAs<'de, T>, T>(
        &mut self,
        name: &'static str,
        slot: &mut T,
    ) -> Result<(), A::Error> {
        if self.seen.contains(&name) {
            return Err(de::Error::duplicate_field(name));
        }
        self.seen.push(name);
        *slot = self.map.next_value::<DeserializeAsWrap<T, As>>()?.into_inner();
        Ok(())
    }

    /// Reads the field `name` as its type reads itself, `null` as its default (`N<S>` above).
    pub fn plain<T: Deserialize<'de> + Default>(
        &mut self,
        name: &'static str,
        slot: &mut T,
    ) -> Result<(), A::Error> {
        self.field::<DefaultOnNull<Same>, T>(name, slot)
    }

    /// Reads the field `name` with presence: `null` is `None` (`Option<S>` above).
    pub fn opt<T: Deserialize<'de>>(
        &mut self,
        name: &'static str,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        self.field::<Option<Same>, Option<T>>(name, slot)
    }

    /// Skips the value of a key the message does not know.
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<de::IgnoredAny>().map(|_| ())
    }
}

/// Serializes a message as a JSON object.
pub fn serialize<T: JsonFields, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut w = Writer {
        map: serializer.serialize_map(None)?,
        error: None,
    };
    value.write(&mut w);
    match w.error {
        Some(e) => Err(e),
        None => w.map.end(),
    }
}

/// Deserializes a message from a JSON object (nothing else: serde's derive also took arrays);
/// `name` is its Rust name, for serde's `expected struct …`.
pub fn deserialize<'de, T: JsonFields, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(name, PhantomData))
}

struct ObjectVisitor<T>(&'static str, PhantomData<T>);

impl<'de, T: JsonFields> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.0)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut r = Reader {
            map: &mut map,
            seen: Vec::new(),
            de: PhantomData,
        };
        while let Some(key) = r.map.next_key_seed(KeySeed)? {
            value.read(key.as_str(), &mut r)?;
        }
        Ok(value)
    }
}

/// A key, borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Key<'de>, E> {
        Ok(match std::str::from_utf8(v) {
            Ok(s) => Key::Borrowed(s),
            Err(_) => Key::Owned(String::from_utf8_lossy(v).into_owned()),
        })
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key<'de>, E> {
        Ok(Key::Owned(String::from_utf8_lossy(v).into_owned()))
    }
}

/// A generated message's [`JsonFields`] impl from its table of fields, and its `Serialize` and
/// `Deserialize` (proto3 JSON) from that:
///
/// ```ignore
/// apigen_runtime::proto_json_message!(Message, [
///     (display_name, plain, "display_name" | "displayName"), // two keys read
///     (count, i32, "count"),
///     (inner, opt, "inner"),
///     (at, opt time, "at"),
///     (ids, rep i64, "ids"),
/// ]);
/// ```
///
/// Each entry names the field, how it is written and read, its name (written, and read) and
/// the other keys it is read from. How: `plain` (as its type reads and writes itself, `null` as
/// the default), `opt` (the same with presence: `null` is `None`), or a kind of value (`i32`,
/// `u32`, `i64`, `u64`, `f32`, `f64`, `bytes`, `time`, `empty`: the runtime's adapters) alone,
/// after `opt`, or in a list (`rep`) or map (`map`); `value` is a `google.protobuf.Value` field
/// with presence (`null` is a value); any other adapter is written as a type in parentheses.
#[macro_export]
macro_rules! proto_json_message {
    ($ty:ident, [$(($f:ident, $how:tt $($kind:ident)?, $wire:literal $(| $key:literal)*)),* $(,)?]) => {
        impl $crate::proto_json::JsonFields for $ty {
            #[allow(unused_variables)]
            fn write<M: ::serde::ser::SerializeMap>(&self, w: &mut $crate::proto_json::Writer<M>) {
                $($crate::__proto_json_write!(w, [$how $($kind)?], $wire, &self.$f);)*
            }

            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                r: &mut $crate::proto_json::Reader<'_, 'de, A>,
            ) -> ::std::result::Result<(), A::Error> {
                match key {
                    $($wire $(| $key)* => $crate::__proto_json_read!(r, [$how $($kind)?], $wire, &mut self.$f),)*
                    _ => r.skip(),
                }
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::proto_json::object::serialize(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::proto_json::object::deserialize(deserializer, ::std::stringify!($ty))
            }
        }
    };
}

/// One field's line of [`JsonFields::write`] (for `proto_json_message!`).
#[doc(hidden)]
#[macro_export]
macro_rules! __proto_json_write {
    ($w:ident, [plain], $wire:literal, $v:expr) => {
        $w.plain($wire, $v)
    };
    ($w:ident, [opt], $wire:literal, $v:expr) => {
        $w.opt($wire, $v)
    };
    ($w:ident, [f32], $wire:literal, $v:expr) => {
        $w.float::<$crate::__proto_json_adapter!(f32), _>($wire, $v)
    };
    ($w:ident, [f64], $wire:literal, $v:expr) => {
        $w.float::<$crate::__proto_json_adapter!(f64), _>($wire, $v)
    };
    ($w:ident, [$($how:tt)+], $wire:literal, $v:expr) => {
        $w.field::<$crate::__proto_json_adapter!($($how)+), _>($wire, $v)
    };
}

/// One field's arm of [`JsonFields::read`] (for `proto_json_message!`).
#[doc(hidden)]
#[macro_export]
macro_rules! __proto_json_read {
    ($r:ident, [plain], $wire:literal, $v:expr) => {
        $r.plain($wire, $v)
    };
    ($r:ident, [opt], $wire:literal, $v:expr) => {
        $r.opt($wire, $v)
    };
    ($r:ident, [$($how:tt)+], $wire:literal, $v:expr) => {
        $r.field::<$crate::__proto_json_adapter!($($how)+), _>($wire, $v)
    };
}

/// The `serde_with` adapter of a field of `proto_json_message!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __proto_json_adapter {
    (value) => { $crate::proto_json::ValueField };
    (opt $k:ident) => { ::std::option::Option<$crate::__proto_json_adapter!(@ $k)> };
    (rep $k:ident) => {
        ::serde_with::DefaultOnNull<::std::vec::Vec<$crate::__proto_json_adapter!(@ $k)>>
    };
    (map $k:ident) => {
        ::serde_with::DefaultOnNull<
            ::std::collections::BTreeMap<::serde_with::Same, $crate::__proto_json_adapter!(@ $k)>,
        >
    };
    (($a:ty)) => { $a };
    ($k:ident) => { ::serde_with::DefaultOnNull<$crate::__proto_json_adapter!(@ $k)> };
    (@ i32) => { $crate::proto_json::I32 };
    (@ u32) => { $crate::proto_json::U32 };
    (@ i64) => { $crate::proto_json::I64 };
    (@ u64) => { $crate::proto_json::U64 };
    (@ f32) => { $crate::proto_json::F32 };
    (@ f64) => { $crate::proto_json::F64 };
    (@ bytes) => { $crate::proto_json::Bytes };
    (@ time) => { $crate::proto_json::Timestamp };
    (@ empty) => { $crate::proto_json::EmptyMessage };
}
