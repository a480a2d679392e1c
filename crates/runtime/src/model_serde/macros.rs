//! The macros generated models invoke.

/// serde's `Serialize` and `Deserialize` for a generated record (a struct of named fields):
/// `record!(Name { field 0 "wireName" plain, other 1 "other" double })` — each field's
/// identifier, its index, its name on the wire and its mode (a module of
/// [`model_serde`](crate::model_serde): `plain`, `optional`, `double` or `empty`). Written as
/// a struct (fields the mode skips left out); read from a map, unknown keys skipped, a key
/// given twice a "duplicate field" error.
///
/// It also writes the record's [`Validate`](crate::validate::Validate) impl with nothing to
/// check (the trait's default: always valid), unless the record is marked `checked`:
/// `record!(Name { … } checked)` for a record whose own impl (the spec's constraints) stands
/// beside the macro.
#[macro_export]
macro_rules! record {
    ($name:ident { $($field:ident $index:literal $wire:literal $mode:ident),* $(,)? }) => {
        $crate::record!($name { $($field $index $wire $mode),* } checked);

        impl $crate::validate::Validate for $name {}
    };
    ($name:ident { $($field:ident $index:literal $wire:literal $mode:ident),* $(,)? } checked) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let len = 0 $(+ $crate::model_serde::$mode::written(&self.$field) as usize)*;
                #[allow(unused_mut)]
                let mut state =
                    ::serde::Serializer::serialize_struct(serializer, ::std::stringify!($name), len)?;
                $($crate::model_serde::$mode::write(&mut state, $wire, &self.$field)?;)*
                ::serde::ser::SerializeStruct::end(state)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$($wire),*];
                // Named so that no generated type (CamelCase, no underscores) is shadowed.
                struct __ApigenRecordVisitor;
                impl<'de> ::serde::de::Visitor<'de> for __ApigenRecordVisitor {
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
                            map.next_key_seed($crate::model_serde::FieldIndex(FIELDS))?
                        {
                            match key {
                                $(::std::option::Option::Some($index) => {
                                    $crate::model_serde::$mode::read(&mut map, &mut $field, $wire)
                                })*
                                _ => $crate::model_serde::skip(&mut map),
                            }?;
                        }
                        ::std::result::Result::Ok($name {
                            $($field: $crate::model_serde::$mode::take($field, $wire)?,)*
                        })
                    }
                }
                deserializer.deserialize_struct(::std::stringify!($name), FIELDS, __ApigenRecordVisitor)
            }
        }
    };
}

/// The impls of a generated enum whose values are strings:
/// `string_enum!(Colour { Red "red", DarkBlue "dark-blue" })` — each variant (in declaration
/// order, without explicit discriminants) and its wire value. Writes `ALL` (every value, in
/// spec order), `as_str`, `Display`, `FromStr` (a [`ValidationError`](crate::validate::ValidationError) naming the
/// values) and serde's traits as the derive writes a unit variant (read with
/// [`variant`](crate::model_serde::variant)).
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
                $crate::model_serde::parse_variant(value, &[$($wire),*]).map(|i| Self::ALL[i])
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
                $crate::model_serde::variant(deserializer, ::std::stringify!($name), &[$($wire),*])
                    .map(|i| Self::ALL[i])
            }
        }
    };
}
