//! The binary codec of a generated message as a list of fields: each field names its proto
//! kind (a marker such as [`Str`] or [`Msg`]) inside its holder ([`Plain`], [`Opt`], [`Rep`],
//! [`Map`]), and the runtime does the writing, sizing and reading. A models crate then says
//! per message only which fields it has ([`Fields`]) and how to read one ([`Merge`]);
//! [`message!`](crate::proto_message) writes the `prost::Message` impl from those.
//!
//! Every kind delegates to the codec module prost (or this runtime) has for it, so the bytes
//! are those of prost's generated code: a [`Plain`] value at its default is not written,
//! repeated scalars are packed, an [`Opt`] value is written when set.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use bytes::{Buf, BufMut};
use prost::encoding::{self as enc, btree_map, DecodeContext, WireType};
use prost::{DecodeError, Message};
use serde_json::Value;

use super::ProtoEnum;

/// One proto kind holding Rust values of type `T`: prost's codec module shape.
pub trait Kind<T> {
    /// Writes one value with its key.
    fn encode(tag: u32, value: &T, buf: &mut impl BufMut);
    /// The size of one value with its key.
    fn encoded_len(tag: u32, value: &T) -> usize;
    /// Reads one value into `value`.
    fn merge(
        wire_type: WireType,
        value: &mut T,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError>;
    /// Whether an implicit-presence value is at its default (and so not written).
    fn is_default(_value: &T) -> bool {
        false
    }
    /// Writes a repeated field (packed for scalars).
    fn encode_repeated(tag: u32, values: &[T], buf: &mut impl BufMut);
    /// The size of a repeated field.
    fn encoded_len_repeated(tag: u32, values: &[T]) -> usize;
    /// Reads one or more elements of a repeated field.
    fn merge_repeated(
        wire_type: WireType,
        values: &mut Vec<T>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError>;
}

/// Implements [`Kind`] for a marker through a codec module.
macro_rules! kind {
    ($(#[$doc:meta])* $marker:ident, $rust:ty, [$($module:tt)*], $enc:ident, $len:ident, |$v:ident| $default:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $marker;

        impl Kind<$rust> for $marker {
            fn encode(tag: u32, value: &$rust, buf: &mut impl BufMut) {
                $($module)*::encode(tag, value, buf)
            }
            fn encoded_len(tag: u32, value: &$rust) -> usize {
                $($module)*::encoded_len(tag, value)
            }
            fn merge(
                wire_type: WireType,
                value: &mut $rust,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError> {
                $($module)*::merge(wire_type, value, buf, ctx)
            }
            fn is_default($v: &$rust) -> bool {
                $default
            }
            fn encode_repeated(tag: u32, values: &[$rust], buf: &mut impl BufMut) {
                $($module)*::$enc(tag, values, buf)
            }
            fn encoded_len_repeated(tag: u32, values: &[$rust]) -> usize {
                $($module)*::$len(tag, values)
            }
            fn merge_repeated(
                wire_type: WireType,
                values: &mut Vec<$rust>,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError> {
                $($module)*::merge_repeated(wire_type, values, buf, ctx)
            }
        }
    };
}

kind!(/// `double`.
    Double, f64, [enc::double], encode_packed, encoded_len_packed, |v| *v == 0.0);
kind!(/// `float`.
    Float, f32, [enc::float], encode_packed, encoded_len_packed, |v| *v == 0.0);
kind!(/// `int64`.
    Int64, i64, [enc::int64], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `uint64`.
    Uint64, u64, [enc::uint64], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `int32`.
    Int32, i32, [enc::int32], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `fixed64`.
    Fixed64, u64, [enc::fixed64], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `fixed32`.
    Fixed32, u32, [enc::fixed32], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `bool`.
    Bool, bool, [enc::bool], encode_packed, encoded_len_packed, |v| !*v);
kind!(/// `uint32`.
    Uint32, u32, [enc::uint32], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `sfixed32`.
    Sfixed32, i32, [enc::sfixed32], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `sfixed64`.
    Sfixed64, i64, [enc::sfixed64], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `sint32`.
    Sint32, i32, [enc::sint32], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `sint64`.
    Sint64, i64, [enc::sint64], encode_packed, encoded_len_packed, |v| *v == 0);
kind!(/// `string`.
    Str, String, [enc::string], encode_repeated, encoded_len_repeated, |v| v.is_empty());
kind!(/// `bytes`.
    Bytes, Vec<u8>, [enc::bytes], encode_repeated, encoded_len_repeated, |v| v.is_empty());
kind!(/// `google.protobuf.Struct` as a map of JSON values.
    Structure, BTreeMap<String, Value>, [super::structure], encode_repeated, encoded_len_repeated,
    |v| v.is_empty());
kind!(/// `google.protobuf.ListValue` as a list of JSON values.
    ListValue, Vec<Value>, [super::list_value], encode_repeated, encoded_len_repeated,
    |v| v.is_empty());
kind!(/// `google.protobuf.Value` as any JSON value.
    JsonValue, Value, [super::value], encode_repeated, encoded_len_repeated, |v| v.is_null());
kind!(/// `google.protobuf.NullValue` as JSON `null`.
    NullValue, Value, [super::null_value], encode_repeated, encoded_len_repeated, |v| v.is_null());
kind!(/// `google.protobuf.Timestamp` as a UTC time.
    Timestamp, chrono::DateTime<chrono::Utc>, [super::timestamp], encode_repeated,
    encoded_len_repeated, |_v| false);
kind!(/// `google.protobuf.Duration` as the proto3 JSON type.
    Duration, crate::proto_json::Duration, [super::duration], encode_repeated,
    encoded_len_repeated, |_v| false);
kind!(/// `google.protobuf.FieldMask` as the proto3 JSON type.
    FieldMask, crate::proto_json::FieldMask, [super::field_mask], encode_repeated,
    encoded_len_repeated, |_v| false);
kind!(/// Other `google.protobuf` messages: refused, never dropped silently.
    Unsupported, Value, [super::unsupported], encode_repeated, encoded_len_repeated, |_v| false);

/// A generated enum, by number.
#[derive(Debug, Clone, Copy)]
pub struct Enum;

impl<E: ProtoEnum> Kind<E> for Enum {
    fn encode(tag: u32, value: &E, buf: &mut impl BufMut) {
        super::enumeration::encode(tag, value, buf)
    }
    fn encoded_len(tag: u32, value: &E) -> usize {
        super::enumeration::encoded_len(tag, value)
    }
    fn merge(
        wire_type: WireType,
        value: &mut E,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        super::enumeration::merge(wire_type, value, buf, ctx)
    }
    fn is_default(value: &E) -> bool {
        value.proto_number() == 0
    }
    fn encode_repeated(tag: u32, values: &[E], buf: &mut impl BufMut) {
        super::enumeration::encode_packed(tag, values, buf)
    }
    fn encoded_len_repeated(tag: u32, values: &[E]) -> usize {
        super::enumeration::encoded_len_packed(tag, values)
    }
    fn merge_repeated(
        wire_type: WireType,
        values: &mut Vec<E>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        super::enumeration::merge_repeated(wire_type, values, buf, ctx)
    }
}

/// A nested message (also the wrapper types and `Empty`, which prost holds as `f64`, `()`…).
#[derive(Debug, Clone, Copy)]
pub struct Msg;

impl<M: Message + Default> Kind<M> for Msg {
    fn encode(tag: u32, value: &M, buf: &mut impl BufMut) {
        enc::message::encode(tag, value, buf)
    }
    fn encoded_len(tag: u32, value: &M) -> usize {
        enc::message::encoded_len(tag, value)
    }
    fn merge(
        wire_type: WireType,
        value: &mut M,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        enc::message::merge(wire_type, value, buf, ctx)
    }
    fn encode_repeated(tag: u32, values: &[M], buf: &mut impl BufMut) {
        enc::message::encode_repeated(tag, values, buf)
    }
    fn encoded_len_repeated(tag: u32, values: &[M]) -> usize {
        enc::message::encoded_len_repeated(tag, values)
    }
    fn merge_repeated(
        wire_type: WireType,
        values: &mut Vec<M>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        enc::message::merge_repeated(wire_type, values, buf, ctx)
    }
}

/// `google.protobuf.Any` in its JSON form, resolved through a crate's [`super::any::AnyTypes`].
pub struct Any<R>(PhantomData<R>);

impl<R> Any<R> {
    /// The marker.
    pub const NEW: Self = Any(PhantomData);
}

impl<R> Clone for Any<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Any<R> {}

impl<R: super::any::AnyTypes> Kind<Value> for Any<R> {
    fn encode(tag: u32, value: &Value, buf: &mut impl BufMut) {
        super::any::encode::<R>(tag, value, buf)
    }
    fn encoded_len(tag: u32, value: &Value) -> usize {
        super::any::encoded_len::<R>(tag, value)
    }
    fn merge(
        wire_type: WireType,
        value: &mut Value,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        super::any::merge::<R>(wire_type, value, buf, ctx)
    }
    fn encode_repeated(tag: u32, values: &[Value], buf: &mut impl BufMut) {
        super::any::encode_repeated::<R>(tag, values, buf)
    }
    fn encoded_len_repeated(tag: u32, values: &[Value]) -> usize {
        super::any::encoded_len_repeated::<R>(tag, values)
    }
    fn merge_repeated(
        wire_type: WireType,
        values: &mut Vec<Value>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        super::any::merge_repeated::<R>(wire_type, values, buf, ctx)
    }
}

/// How a field holds its values, and so how it is written: the holders below.
pub trait Codec<T> {
    /// Writes the field.
    fn encode(tag: u32, value: &T, buf: &mut impl BufMut);
    /// The size of the field.
    fn encoded_len(tag: u32, value: &T) -> usize;
    /// Reads one occurrence of the field.
    fn merge(
        wire_type: WireType,
        value: &mut T,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError>;
}

/// A value with implicit presence: not written at its default.
#[derive(Debug, Clone, Copy)]
pub struct Plain<K>(pub K);

impl<K: Kind<T>, T> Codec<T> for Plain<K> {
    fn encode(tag: u32, value: &T, buf: &mut impl BufMut) {
        if !K::is_default(value) {
            K::encode(tag, value, buf);
        }
    }
    fn encoded_len(tag: u32, value: &T) -> usize {
        if K::is_default(value) {
            0
        } else {
            K::encoded_len(tag, value)
        }
    }
    fn merge(
        wire_type: WireType,
        value: &mut T,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        K::merge(wire_type, value, buf, ctx)
    }
}

/// An `Option` (explicit presence): written when set.
#[derive(Debug, Clone, Copy)]
pub struct Opt<K>(pub K);

impl<K: Kind<T>, T: Default> Codec<Option<T>> for Opt<K> {
    fn encode(tag: u32, value: &Option<T>, buf: &mut impl BufMut) {
        if let Some(v) = value {
            K::encode(tag, v, buf);
        }
    }
    fn encoded_len(tag: u32, value: &Option<T>) -> usize {
        match value {
            Some(v) => K::encoded_len(tag, v),
            None => 0,
        }
    }
    fn merge(
        wire_type: WireType,
        value: &mut Option<T>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        K::merge(wire_type, value.get_or_insert_with(T::default), buf, ctx)
    }
}

/// A `repeated` field as a `Vec`.
#[derive(Debug, Clone, Copy)]
pub struct Rep<K>(pub K);

impl<K: Kind<T>, T> Codec<Vec<T>> for Rep<K> {
    fn encode(tag: u32, value: &Vec<T>, buf: &mut impl BufMut) {
        K::encode_repeated(tag, value, buf)
    }
    fn encoded_len(tag: u32, value: &Vec<T>) -> usize {
        K::encoded_len_repeated(tag, value)
    }
    fn merge(
        wire_type: WireType,
        value: &mut Vec<T>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        K::merge_repeated(wire_type, value, buf, ctx)
    }
}

/// A map key kind: `string` ([`Str`]) or one of [`super::map_key`]'s, held as text.
// `&String` (not `&str`): the functions must fit prost's map codecs, `Fn(u32, &K, …)`.
#[allow(clippy::ptr_arg)]
pub trait Key {
    /// Writes a key.
    fn encode(tag: u32, key: &String, buf: &mut impl BufMut);
    /// The size of a key.
    fn encoded_len(tag: u32, key: &String) -> usize;
    /// Reads one entry into `values`.
    fn merge_map<V: Default, B: Buf>(
        val_merge: impl Fn(WireType, &mut V, &mut B, DecodeContext) -> Result<(), DecodeError>,
        values: &mut BTreeMap<String, V>,
        buf: &mut B,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError>;
}

impl Key for Str {
    fn encode(tag: u32, key: &String, buf: &mut impl BufMut) {
        enc::string::encode(tag, key, buf)
    }
    fn encoded_len(tag: u32, key: &String) -> usize {
        enc::string::encoded_len(tag, key)
    }
    fn merge_map<V: Default, B: Buf>(
        val_merge: impl Fn(WireType, &mut V, &mut B, DecodeContext) -> Result<(), DecodeError>,
        values: &mut BTreeMap<String, V>,
        buf: &mut B,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        btree_map::merge(enc::string::merge, val_merge, values, buf, ctx)
    }
}

/// Implements [`Key`] for the key markers of [`super::map_key`].
macro_rules! key {
    ($($(#[$doc:meta])* $marker:ident = $module:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $marker;

        impl Key for $marker {
            fn encode(tag: u32, key: &String, buf: &mut impl BufMut) {
                super::map_key::$module::encode(tag, key, buf)
            }
            fn encoded_len(tag: u32, key: &String) -> usize {
                super::map_key::$module::encoded_len(tag, key)
            }
            fn merge_map<V: Default, B: Buf>(
                val_merge: impl Fn(WireType, &mut V, &mut B, DecodeContext) -> Result<(), DecodeError>,
                values: &mut BTreeMap<String, V>,
                buf: &mut B,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError> {
                super::map_key::$module::merge_map(val_merge, values, buf, ctx)
            }
        }
    )*};
}

key! {
    /// `int32` map keys.
    KeyInt32 = int32;
    /// `int64` map keys.
    KeyInt64 = int64;
    /// `uint32` map keys.
    KeyUint32 = uint32;
    /// `uint64` map keys.
    KeyUint64 = uint64;
    /// `sint32` map keys.
    KeySint32 = sint32;
    /// `sint64` map keys.
    KeySint64 = sint64;
    /// `fixed32` map keys.
    KeyFixed32 = fixed32;
    /// `fixed64` map keys.
    KeyFixed64 = fixed64;
    /// `sfixed32` map keys.
    KeySfixed32 = sfixed32;
    /// `sfixed64` map keys.
    KeySfixed64 = sfixed64;
    /// `bool` map keys.
    KeyBool = boolean;
}

/// A `map<…, …>` field as a `BTreeMap` keyed by text.
#[derive(Debug, Clone, Copy)]
pub struct Map<K, V>(pub K, pub V);

impl<K: Key, VK: Kind<V>, V: Default + PartialEq> Codec<BTreeMap<String, V>> for Map<K, VK> {
    fn encode(tag: u32, value: &BTreeMap<String, V>, buf: &mut impl BufMut) {
        btree_map::encode(
            K::encode,
            K::encoded_len,
            VK::encode,
            VK::encoded_len,
            tag,
            value,
            buf,
        )
    }
    fn encoded_len(tag: u32, value: &BTreeMap<String, V>) -> usize {
        btree_map::encoded_len(K::encoded_len, VK::encoded_len, tag, value)
    }
    fn merge(
        _wire_type: WireType,
        value: &mut BTreeMap<String, V>,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        K::merge_map(VK::merge, value, buf, ctx)
    }
}

/// What a pass over a message's fields does with each ([`Encoder`], [`Sizer`]).
pub trait Visit {
    /// One field: its codec, number and value.
    fn field<C: Codec<T>, T>(&mut self, codec: C, tag: u32, value: &T);
}

/// Writes each field.
pub struct Encoder<'a, B>(pub &'a mut B);

impl<B: BufMut> Visit for Encoder<'_, B> {
    #[inline]
    fn field<C: Codec<T>, T>(&mut self, _codec: C, tag: u32, value: &T) {
        C::encode(tag, value, self.0)
    }
}

/// Adds up the size of each field.
#[derive(Default)]
pub struct Sizer(pub usize);

impl Visit for Sizer {
    #[inline]
    fn field<C: Codec<T>, T>(&mut self, _codec: C, tag: u32, value: &T) {
        self.0 += C::encoded_len(tag, value)
    }
}

/// A generated message as its list of fields; the `prost::Message` impl
/// ([`proto_message!`](crate::proto_message)) is written from it.
pub trait Fields {
    /// Passes each field, in declaration order, to `visit`.
    fn fields(&self, visit: &mut impl Visit);
    /// Reads the field `tag` (see [`Merge`]).
    fn merge<B: Buf>(&mut self, tag: u32, merge: Merge<'_, B>) -> Result<(), DecodeError>;
}

/// Reading one field of a message `message` from the wire.
pub struct Merge<'a, B> {
    message: &'static str,
    wire_type: WireType,
    buf: &'a mut B,
    ctx: DecodeContext,
}

impl<'a, B: Buf> Merge<'a, B> {
    /// The field about to be read.
    pub fn new(
        message: &'static str,
        wire_type: WireType,
        buf: &'a mut B,
        ctx: DecodeContext,
    ) -> Self {
        Merge {
            message,
            wire_type,
            buf,
            ctx,
        }
    }

    /// Reads the field `name` into `value`; an error names the message and field.
    #[inline]
    pub fn field<C: Codec<T>, T>(
        self,
        _codec: C,
        value: &mut T,
        name: &'static str,
    ) -> Result<(), DecodeError> {
        C::merge(self.wire_type, value, self.buf, self.ctx).map_err(|mut e| {
            e.push(self.message, name);
            e
        })
    }

    /// Skips a field this message does not know.
    pub fn skip(self, tag: u32) -> Result<(), DecodeError> {
        enc::skip_field(self.wire_type, tag, self.buf, self.ctx)
    }
}

#[cfg(test)]
#[path = "field_tests.rs"]
mod tests;
