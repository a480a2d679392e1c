//! Enums: written by name, read by name or number; unknown values are kept, not refused.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

/// An enum value the reader's version of the API does not know: a number, or a name (sent by a
/// peer with a newer definition). Kept so that a response still decodes and re-encodes unchanged;
/// generated servers refuse it in requests (`Validate`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownEnumValue {
    number: Option<i32>,
    text: String,
}

impl UnknownEnumValue {
    /// An unknown value received as a number.
    pub fn from_number(number: i32) -> Self {
        UnknownEnumValue {
            number: Some(number),
            text: number.to_string(),
        }
    }

    /// An unknown value received as a name.
    pub fn from_name(name: impl Into<String>) -> Self {
        UnknownEnumValue {
            number: None,
            text: name.into(),
        }
    }

    /// The number, when the value came as one.
    pub fn number(&self) -> Option<i32> {
        self.number
    }

    /// The name, when the value came as one.
    pub fn name(&self) -> Option<&str> {
        self.number.is_none().then_some(self.text.as_str())
    }

    /// The value as received: its name, or its number in decimal.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What generated protobuf enums provide for their JSON form.
pub trait ProtoEnum: Sized {
    /// The enum's full protobuf name, for messages.
    const NAME: &'static str;
    /// The known value of this name.
    fn from_name(name: &str) -> Option<Self>;
    /// The value of this number (an unknown one when the number is not defined).
    fn from_number(number: i32) -> Self;
    /// The value standing for an unknown one.
    fn from_unknown(value: UnknownEnumValue) -> Self;
    /// The unknown value this is, if it is one.
    fn unknown(&self) -> Option<&UnknownEnumValue>;
    /// The value's name (for an unknown value: as received).
    fn as_str(&self) -> &str;
}

/// Writes an enum value by name; an unknown value as it was received (name or number).
pub fn serialize_enum<T: ProtoEnum, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    match value.unknown().and_then(UnknownEnumValue::number) {
        Some(n) => s.serialize_i32(n),
        None => s.serialize_str(value.as_str()),
    }
}

/// Reads an enum value from its name or its number.
pub fn deserialize_enum<'de, T: ProtoEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(EnumVisitor::<T>(PhantomData))
}

struct EnumVisitor<T>(PhantomData<T>);

impl<T: ProtoEnum> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a value of {} (a name or a number)", T::NAME)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_name(v).unwrap_or_else(|| T::from_unknown(UnknownEnumValue::from_name(v))))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        i32::try_from(v)
            .map(T::from_number)
            .map_err(|_| E::custom(format_args!("{v} is out of range for enum {}", T::NAME)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        i32::try_from(v)
            .map(T::from_number)
            .map_err(|_| E::custom(format_args!("{v} is out of range for enum {}", T::NAME)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        if v.fract() == 0.0 && v >= i32::MIN as f64 && v <= i32::MAX as f64 {
            Ok(T::from_number(v as i32))
        } else {
            Err(E::custom(format_args!(
                "{v} is not a value of enum {}",
                T::NAME
            )))
        }
    }
}

/// Everything a generated proto enum has beside its definition, from a table of its values:
/// the inherent `ALL`, `as_str`, `number`, `from_number` and `from_name`, and the impls
/// [`ProtoEnum`], `Display`, `FromStr` (a known value by name or number), serde's traits (by
/// name; read by name or number) and `Validate` (unknown values refused).
/// `apigen_runtime::proto_enum!(Color, Unknown, "pkg.Color", [(Red, 1, "RED"), …]);` names the
/// enum, its variant holding an [`UnknownEnumValue`], its full protobuf name, and each known
/// variant with its number and name, in spec order (several names may share a number: the
/// first one is the value of that number).
#[macro_export]
macro_rules! proto_enum {
    ($ty:ident, $unknown:ident, $name:literal, [$(($v:ident, $n:literal, $s:literal)),* $(,)?]) => {
        impl $ty {
            /// Every known value, in spec order.
            pub const ALL: &'static [Self] = &[$(Self::$v),*];

            /// The value's name as written on the wire (an unknown one as received).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$v => $s,)*
                    Self::$unknown(v) => v.as_str(),
                }
            }

            /// The value's number, unless it is an unknown value received by name.
            pub fn number(&self) -> ::std::option::Option<i32> {
                match self {
                    $(Self::$v => ::std::option::Option::Some($n),)*
                    Self::$unknown(v) => v.number(),
                }
            }

            /// The value of a number (an unknown value when the number is not defined).
            pub fn from_number(number: i32) -> Self {
                $(if number == $n {
                    return Self::$v;
                })*
                Self::$unknown($crate::proto_json::UnknownEnumValue::from_number(number))
            }

            /// The known value of a name.
            pub fn from_name(name: &str) -> ::std::option::Option<Self> {
                match name {
                    $($s => ::std::option::Option::Some(Self::$v),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl $crate::validate::Validate for $ty {
            fn validate(&self) -> ::std::result::Result<(), $crate::validate::ValidationError> {
                if let Self::$unknown(v) = self {
                    return ::std::result::Result::Err($crate::validate::ValidationError::new(
                        "",
                        ::std::format!("unknown value `{}` of enum {}", v, $name),
                    ));
                }
                ::std::result::Result::Ok(())
            }
        }

        impl $crate::proto_json::ProtoEnum for $ty {
            const NAME: &'static str = $name;

            fn from_name(name: &str) -> ::std::option::Option<Self> {
                Self::from_name(name)
            }

            fn from_number(number: i32) -> Self {
                Self::from_number(number)
            }

            fn from_unknown(value: $crate::proto_json::UnknownEnumValue) -> Self {
                Self::$unknown(value)
            }

            fn unknown(&self) -> ::std::option::Option<&$crate::proto_json::UnknownEnumValue> {
                match self {
                    Self::$unknown(v) => ::std::option::Option::Some(v),
                    _ => ::std::option::Option::None,
                }
            }

            fn as_str(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::validate::ValidationError;

            /// A known value by name or number; anything else is an error.
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                let known = Self::from_name(value)
                    .or_else(|| value.parse::<i32>().ok().map(Self::from_number))
                    .filter(|v| !matches!(v, Self::$unknown(_)));
                known.ok_or_else(|| {
                    $crate::validate::ValidationError::new(
                        "",
                        format!("unknown value `{}` of enum {}", value, $name),
                    )
                })
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::proto_json::serialize_enum(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::proto_json::deserialize_enum(deserializer)
            }
        }
    };
}
