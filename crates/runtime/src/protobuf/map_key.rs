//! Map keys of every non-string kind, held as the text proto3 JSON writes them (`"7"`,
//! `"-1"`, `"true"`): models keep `BTreeMap<String, V>` for every map, so one Rust type serves
//! both encodings. On the wire the key is its number (or bool): each module parses the text
//! when writing and writes the canonical text when reading.
//!
//! A key whose text does not parse cannot be written; [`WireCheck`](super::WireCheck) refuses
//! such a map before encoding (`check`), so it is never written as a wrong number.

use crate::validate::ValidationError;

/// Generates the key module of one protobuf key type.
macro_rules! key {
    ($(#[$doc:meta])* $name:ident, $rust:ty, $codec:ident) => {
        $(#[$doc])*
        // `&String` (not `&str`): the functions must fit prost's map codecs, `Fn(u32, &K, …)`
        // with K the map's key type.
        #[allow(clippy::ptr_arg)]
        pub mod $name {
            use std::collections::BTreeMap;

            use bytes::{Buf, BufMut};
            use prost::encoding::{btree_map, $codec as codec, DecodeContext, WireType};
            use prost::DecodeError;

            use crate::validate::ValidationError;

            fn parse(text: &str) -> Option<$rust> {
                text.parse().ok()
            }

            /// Writes a key (a text that does not parse writes the default; `check` refuses it first).
            pub fn encode(tag: u32, key: &String, buf: &mut impl BufMut) {
                codec::encode(tag, &parse(key).unwrap_or_default(), buf);
            }

            /// The size of a key.
            pub fn encoded_len(tag: u32, key: &String) -> usize {
                codec::encoded_len(tag, &parse(key).unwrap_or_default())
            }

            /// Reads a key as its canonical text.
            pub fn merge(
                wire_type: WireType,
                key: &mut String,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError> {
                let mut value = <$rust>::default();
                codec::merge(wire_type, &mut value, buf, ctx)?;
                *key = value.to_string();
                Ok(())
            }

            /// Reads one map entry into `values` (an entry without a key has the default key).
            pub fn merge_map<V, B, VM>(
                val_merge: VM,
                values: &mut BTreeMap<String, V>,
                buf: &mut B,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError>
            where
                V: Default,
                B: Buf,
                VM: Fn(WireType, &mut V, &mut B, DecodeContext) -> Result<(), DecodeError>,
            {
                let mut entry = BTreeMap::new();
                btree_map::merge(merge, val_merge, &mut entry, buf, ctx)?;
                for (key, value) in entry {
                    let key = if key.is_empty() {
                        <$rust>::default().to_string()
                    } else {
                        key
                    };
                    values.insert(key, value);
                }
                Ok(())
            }

            /// Refuses a key that does not parse as the key type.
            pub fn check<V>(values: &BTreeMap<String, V>) -> Result<(), ValidationError> {
                match values.keys().find(|k| parse(k).is_none()) {
                    None => Ok(()),
                    Some(key) => Err(super::bad_key(key, stringify!($name))),
                }
            }
        }
    };
}

fn bad_key(key: &str, kind: &str) -> ValidationError {
    ValidationError::new(
        "",
        format!("has the key `{key}`, which is not a {kind}: protobuf cannot write it"),
    )
}

key!(
    /// `int32` keys.
    int32, i32, int32
);
key!(
    /// `int64` keys.
    int64, i64, int64
);
key!(
    /// `uint32` keys.
    uint32, u32, uint32
);
key!(
    /// `uint64` keys.
    uint64, u64, uint64
);
key!(
    /// `sint32` keys.
    sint32, i32, sint32
);
key!(
    /// `sint64` keys.
    sint64, i64, sint64
);
key!(
    /// `fixed32` keys.
    fixed32, u32, fixed32
);
key!(
    /// `fixed64` keys.
    fixed64, u64, fixed64
);
key!(
    /// `sfixed32` keys.
    sfixed32, i32, sfixed32
);
key!(
    /// `sfixed64` keys.
    sfixed64, i64, sfixed64
);
key!(
    /// `bool` keys (`"true"`, `"false"`).
    boolean, bool, bool
);

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use prost::encoding::{btree_map, string, DecodeContext};
    use prost::Message;

    use super::*;

    #[derive(Clone, PartialEq, prost::Message)]
    struct Holder {
        #[prost(map = "sint64, string", tag = "1")]
        by_s64: HashMap<i64, String>,
        #[prost(map = "bool, string", tag = "2")]
        by_bool: HashMap<bool, String>,
    }

    /// Keys held as text decode what prost writes for typed keys, and prost reads ours back.
    #[test]
    fn text_keys_match_typed_keys_on_the_wire() {
        let theirs = Holder {
            by_s64: HashMap::from([(0, "zero".into()), (-7, "minus".into()), (9, String::new())]),
            by_bool: HashMap::from([(false, "no".into()), (true, "yes".into())]),
        };
        let bytes = theirs.encode_to_vec();
        let mut s64 = BTreeMap::new();
        let mut flags = BTreeMap::new();
        let mut buf = &bytes[..];
        while !buf.is_empty() {
            let (tag, _) = prost::encoding::decode_key(&mut buf).unwrap();
            let ctx = DecodeContext::default();
            match tag {
                1 => sint64::merge_map(string::merge, &mut s64, &mut buf, ctx).unwrap(),
                _ => boolean::merge_map(string::merge, &mut flags, &mut buf, ctx).unwrap(),
            }
        }
        let text = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        };
        assert_eq!(s64, text(&[("0", "zero"), ("-7", "minus"), ("9", "")]));
        assert_eq!(flags, text(&[("false", "no"), ("true", "yes")]));

        let mut ours = Vec::new();
        btree_map::encode(sint64::encode, sint64::encoded_len, string::encode, string::encoded_len, 1, &s64, &mut ours);
        btree_map::encode(boolean::encode, boolean::encoded_len, string::encode, string::encoded_len, 2, &flags, &mut ours);
        assert_eq!(
            ours.len(),
            btree_map::encoded_len(sint64::encoded_len, string::encoded_len, 1, &s64)
                + btree_map::encoded_len(boolean::encoded_len, string::encoded_len, 2, &flags)
        );
        assert_eq!(Holder::decode(ours.as_slice()).unwrap(), theirs);
    }

    #[test]
    fn a_key_that_is_not_a_number_is_refused() {
        let map = BTreeMap::from([("12".to_string(), 1), ("x".to_string(), 2)]);
        let err = int32::check(&map).unwrap_err();
        assert!(err.message.contains("`x`"), "{err}");
        assert!(uint32::check(&BTreeMap::from([("-1".to_string(), 0)])).is_err());
        assert!(boolean::check(&BTreeMap::from([("true".to_string(), 0)])).is_ok());
    }
}
