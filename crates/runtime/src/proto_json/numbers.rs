//! Numbers as proto3 JSON writes and reads them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;
use serde_with::{DeserializeAs, SerializeAs};

/// `int32` / `sint32` / `sfixed32`: written as a JSON number, read from a number or a string.
pub struct I32;
/// `uint32` / `fixed32`: written as a JSON number, read from a number or a string.
pub struct U32;
/// `int64` / `sint64` / `sfixed64`: written as a JSON string, read from a string or a number.
pub struct I64;
/// `uint64` / `fixed64`: written as a JSON string, read from a string or a number.
pub struct U64;
/// `float`: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`; read from numbers and strings.
pub struct F32;
/// `double`: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`; read from numbers and strings.
pub struct F64;

/// An integer type of the mapping, with its range.
trait Integer: Sized + Copy + fmt::Display + std::str::FromStr {
    const NAME: &'static str;
    fn from_i128(v: i128) -> Option<Self>;
}

macro_rules! integer {
    ($t:ty, $name:literal) => {
        impl Integer for $t {
            const NAME: &'static str = $name;
            fn from_i128(v: i128) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
        }
    };
}
integer!(i32, "int32");
integer!(u32, "uint32");
integer!(i64, "int64");
integer!(u64, "uint64");

struct IntegerVisitor<T>(PhantomData<T>);

impl<T: Integer> IntegerVisitor<T> {
    fn range<E: de::Error>(v: impl fmt::Display) -> E {
        E::custom(format_args!("{v} is out of range for {}", T::NAME))
    }
}

impl<T: Integer> Visitor<'_> for IntegerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer ({}) as a JSON number or string", T::NAME)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i128(v.into()).ok_or_else(|| Self::range(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_i128(v.into()).ok_or_else(|| Self::range(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // JSON numbers like `1.0` or `1e2` denote integers too, when they have no fraction.
        if v.fract() != 0.0 || !v.is_finite() {
            return Err(E::custom(format_args!("{v} is not an integer")));
        }
        if v.abs() > 1.8e19 {
            return Err(Self::range(v));
        }
        T::from_i128(v as i128).ok_or_else(|| Self::range(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        if let Ok(n) = v.parse::<T>() {
            return Ok(n);
        }
        match v.parse::<i128>() {
            Ok(n) => T::from_i128(n).ok_or_else(|| Self::range(v)),
            Err(_) => match v.parse::<f64>() {
                Ok(f) if !v.trim().is_empty() && v.trim() == v => self.visit_f64(f),
                _ => Err(E::custom(format_args!("`{v}` is not an integer"))),
            },
        }
    }
}

fn read_integer<'de, T: Integer, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(IntegerVisitor::<T>(PhantomData))
}

impl SerializeAs<i32> for I32 {
    fn serialize_as<S: Serializer>(v: &i32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(*v)
    }
}
impl SerializeAs<u32> for U32 {
    fn serialize_as<S: Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(*v)
    }
}
impl SerializeAs<i64> for I64 {
    fn serialize_as<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }
}
impl SerializeAs<u64> for U64 {
    fn serialize_as<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }
}
impl<'de> DeserializeAs<'de, i32> for I32 {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
        read_integer(d)
    }
}
impl<'de> DeserializeAs<'de, u32> for U32 {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        read_integer(d)
    }
}
impl<'de> DeserializeAs<'de, i64> for I64 {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        read_integer(d)
    }
}
impl<'de> DeserializeAs<'de, u64> for U64 {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        read_integer(d)
    }
}

/// Writes a float: finite values as numbers, the others as the mapping's strings.
fn write_float<S: Serializer>(
    v: f64,
    s: S,
    finite: impl FnOnce(S) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error> {
    if v.is_nan() {
        s.serialize_str("NaN")
    } else if v == f64::INFINITY {
        s.serialize_str("Infinity")
    } else if v == f64::NEG_INFINITY {
        s.serialize_str("-Infinity")
    } else {
        finite(s)
    }
}

struct FloatVisitor {
    single: bool,
}

impl FloatVisitor {
    fn checked<E: de::Error>(&self, v: f64) -> Result<f64, E> {
        // A float is out of range when it does not round to a finite `f32` (the shortest text
        // of `f32::MAX`, `3.4028235e38`, is a little above it as an `f64`).
        if self.single && v.is_finite() && !(v as f32).is_finite() {
            return Err(E::custom(format_args!("{v} is out of range for float")));
        }
        Ok(v)
    }
}

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or \"NaN\", \"Infinity\", \"-Infinity\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        self.checked(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => match v.parse::<f64>() {
                // Only decimal notation: Rust would also take "inf" and "nan".
                Ok(f) if f.is_finite() && v.trim() == v => self.checked(f),
                _ => Err(E::custom(format_args!("`{v}` is not a number"))),
            },
        }
    }
}

impl SerializeAs<f32> for F32 {
    fn serialize_as<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        let v = *v;
        write_float(v.into(), s, |s| s.serialize_f32(v))
    }
}
impl SerializeAs<f64> for F64 {
    fn serialize_as<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        let v = *v;
        write_float(v, s, |s| s.serialize_f64(v))
    }
}
impl<'de> DeserializeAs<'de, f32> for F32 {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
        d.deserialize_any(FloatVisitor { single: true })
            .map(|v| v as f32)
    }
}
impl<'de> DeserializeAs<'de, f64> for F64 {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        d.deserialize_any(FloatVisitor { single: false })
    }
}
