//! The field modes of [`record!`](crate::record): how a field is written (or skipped), read
//! when present, and valued when absent. Each mode is what serde's derive did with the
//! attributes the generator gave such a field.

use std::marker::PhantomData;

use serde::de::{Deserialize, Error, MapAccess};
use serde::ser::{Serialize, SerializeStruct};

use super::Missing;

/// Reads a present field into its slot ("duplicate field" if it is there already): the
/// `read` of every mode but [`double`] (for [`optional`], `null` reads as `None`).
#[inline]
pub fn read_once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
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

/// Fields without attributes (required ones, nullable or not): always written; when absent,
/// an `Option` is `None` and anything else a "missing field" error.
pub mod plain {
    use super::*;

    /// Whether the field is written (always).
    #[inline]
    pub fn written<T>(_value: &T) -> bool {
        true
    }

    /// Writes the field.
    #[inline]
    pub fn write<S: SerializeStruct, T: Serialize>(
        state: &mut S,
        field: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        state.serialize_field(field, value)
    }

    pub use super::read_once as read;

    /// The field's value: the one read, else `None` for an `Option`, else "missing field".
    #[inline]
    pub fn take<'de, T: Deserialize<'de>, E: Error>(
        slot: Option<T>,
        field: &'static str,
    ) -> Result<T, E> {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(Missing(field, PhantomData)),
        }
    }
}

/// Optional fields (`Option<T>`, `skip_serializing_if = "Option::is_none"`): skipped when
/// `None`, `None` when absent.
pub mod optional {
    use super::*;

    /// Whether the field is written (when `Some`).
    #[inline]
    pub fn written<T>(value: &Option<T>) -> bool {
        value.is_some()
    }

    /// Writes the field, or skips it when `None`.
    #[inline]
    pub fn write<S: SerializeStruct, T: Serialize>(
        state: &mut S,
        field: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(_) => state.serialize_field(field, value),
            None => state.skip_field(field),
        }
    }

    pub use super::read_once as read;

    /// The field's value: the one read, else `None`.
    #[inline]
    pub fn take<T, E>(slot: Option<Option<T>>, _field: &'static str) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }
}

/// Optional nullable fields (`Option<Option<T>>`, `serde_with::rust::double_option`): absent
/// (`None`, skipped), `null` (`Some(None)`) or a value.
pub mod double {
    use super::*;

    /// Whether the field is written (unless `None`).
    #[inline]
    pub fn written<T>(value: &Option<Option<T>>) -> bool {
        value.is_some()
    }

    /// Writes the field (`null` for `Some(None)`), or skips it when `None`.
    #[inline]
    pub fn write<S: SerializeStruct, T: Serialize>(
        state: &mut S,
        field: &'static str,
        value: &Option<Option<T>>,
    ) -> Result<(), S::Error> {
        match value {
            Some(inner) => state.serialize_field(field, inner),
            None => state.skip_field(field),
        }
    }

    /// Reads a present field into its slot: `Some(None)` for `null`, `Some(Some(_))` otherwise.
    #[inline]
    pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<Option<Option<T>>>,
        field: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(field));
        }
        let inner: Option<T> = map.next_value()?;
        *slot = Some(Some(inner));
        Ok(())
    }

    /// The field's value: the one read, else `None`.
    #[inline]
    pub fn take<T, E>(
        slot: Option<Option<Option<T>>>,
        _field: &'static str,
    ) -> Result<Option<Option<T>>, E> {
        Ok(slot.flatten())
    }
}

/// Lists and maps that are empty when absent (`#[serde(default)]`, skipped when empty).
pub mod empty {
    use super::*;

    /// A list or map.
    pub trait Collection: Default {
        /// Whether it has no items.
        fn is_empty(&self) -> bool;
    }

    impl<T> Collection for Vec<T> {
        #[inline]
        fn is_empty(&self) -> bool {
            Vec::is_empty(self)
        }
    }

    impl<K, V> Collection for std::collections::BTreeMap<K, V> {
        #[inline]
        fn is_empty(&self) -> bool {
            std::collections::BTreeMap::is_empty(self)
        }
    }

    impl<T: Collection> Collection for Box<T> {
        #[inline]
        fn is_empty(&self) -> bool {
            T::is_empty(self)
        }
    }

    /// Whether the field is written (unless empty).
    #[inline]
    pub fn written<T: Collection>(value: &T) -> bool {
        !value.is_empty()
    }

    /// Writes the field, or skips it when empty.
    #[inline]
    pub fn write<S: SerializeStruct, T: Collection + Serialize>(
        state: &mut S,
        field: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        if value.is_empty() {
            state.skip_field(field)
        } else {
            state.serialize_field(field, value)
        }
    }

    pub use super::read_once as read;

    /// The field's value: the one read, else empty.
    #[inline]
    pub fn take<T: Collection, E>(slot: Option<T>, _field: &'static str) -> Result<T, E> {
        Ok(slot.unwrap_or_default())
    }
}
