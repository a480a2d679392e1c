//! `google.protobuf.Duration` and `FieldMask` held as [`proto_json::Duration`] and
//! [`proto_json::FieldMask`]: written through their `prost_types` messages.
//!
//! [`proto_json::Duration`]: crate::proto_json::Duration
//! [`proto_json::FieldMask`]: crate::proto_json::FieldMask

/// Generates a codec module for a Rust type held as a `prost_types` message.
macro_rules! converted {
    ($(#[$doc:meta])* $name:ident, $rust:ty, $proto:ty, $to:path, $from:path) => {
        $(#[$doc])*
        pub mod $name {
            use bytes::{Buf, BufMut};
            use prost::encoding::{message, DecodeContext, WireType};
            use prost::DecodeError;

            fn to_proto(value: &$rust) -> $proto {
                $to(value)
            }

            /// Writes one field.
            pub fn encode(tag: u32, value: &$rust, buf: &mut impl BufMut) {
                message::encode(tag, &to_proto(value), buf);
            }

            /// The size of one field.
            pub fn encoded_len(tag: u32, value: &$rust) -> usize {
                message::encoded_len(tag, &to_proto(value))
            }

            /// Reads one value, merging into `value` as protobuf merges messages.
            pub fn merge(
                wire_type: WireType,
                value: &mut $rust,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError> {
                let mut proto = to_proto(value);
                message::merge(wire_type, &mut proto, buf, ctx)?;
                *value = $from(proto);
                Ok(())
            }

            /// Writes a repeated field.
            pub fn encode_repeated(tag: u32, values: &[$rust], buf: &mut impl BufMut) {
                for v in values {
                    encode(tag, v, buf);
                }
            }

            /// The size of a repeated field.
            pub fn encoded_len_repeated(tag: u32, values: &[$rust]) -> usize {
                values.iter().map(|v| encoded_len(tag, v)).sum()
            }

            /// Reads one more element of a repeated field.
            pub fn merge_repeated(
                wire_type: WireType,
                values: &mut Vec<$rust>,
                buf: &mut impl Buf,
                ctx: DecodeContext,
            ) -> Result<(), DecodeError> {
                let mut v = <$rust>::default();
                merge(wire_type, &mut v, buf, ctx)?;
                values.push(v);
                Ok(())
            }
        }
    };
}

fn duration_to(d: &crate::proto_json::Duration) -> prost_types::Duration {
    prost_types::Duration {
        seconds: d.seconds,
        nanos: d.nanos,
    }
}

fn duration_from(d: prost_types::Duration) -> crate::proto_json::Duration {
    crate::proto_json::Duration {
        seconds: d.seconds,
        nanos: d.nanos,
    }
}

fn field_mask_to(m: &crate::proto_json::FieldMask) -> prost_types::FieldMask {
    prost_types::FieldMask {
        paths: m.paths.clone(),
    }
}

fn field_mask_from(m: prost_types::FieldMask) -> crate::proto_json::FieldMask {
    crate::proto_json::FieldMask { paths: m.paths }
}

converted!(
    /// `google.protobuf.Duration` as [`crate::proto_json::Duration`] (seconds and nanos as they are).
    duration,
    crate::proto_json::Duration,
    prost_types::Duration,
    super::duration_to,
    super::duration_from
);

converted!(
    /// `google.protobuf.FieldMask` as [`crate::proto_json::FieldMask`] (paths as they are).
    field_mask,
    crate::proto_json::FieldMask,
    prost_types::FieldMask,
    super::field_mask_to,
    super::field_mask_from
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto_json::{Duration, FieldMask};
    use prost::Message;

    #[derive(Clone, PartialEq, prost::Message)]
    struct Holder {
        #[prost(message, optional, tag = "1")]
        wait: Option<prost_types::Duration>,
        #[prost(message, repeated, tag = "2")]
        masks: Vec<prost_types::FieldMask>,
    }

    /// The bytes are prost-types' own, both ways.
    #[test]
    fn duration_and_field_mask_match_prost_types() {
        let wait = Duration::new(-3, -500);
        let masks = vec![FieldMask::new(["a.b", "c"]), FieldMask::default()];
        let mut ours = Vec::new();
        duration::encode(1, &wait, &mut ours);
        field_mask::encode_repeated(2, &masks, &mut ours);
        assert_eq!(
            ours.len(),
            duration::encoded_len(1, &wait) + field_mask::encoded_len_repeated(2, &masks)
        );
        let theirs = Holder {
            wait: Some(prost_types::Duration {
                seconds: -3,
                nanos: -500,
            }),
            masks: vec![
                prost_types::FieldMask {
                    paths: vec!["a.b".into(), "c".into()],
                },
                prost_types::FieldMask::default(),
            ],
        };
        assert_eq!(ours, theirs.encode_to_vec());
        let mut buf = &ours[..];
        let (mut back_wait, mut back_masks) = (Duration::default(), Vec::new());
        while !buf.is_empty() {
            let (tag, wt) = prost::encoding::decode_key(&mut buf).unwrap();
            let ctx = prost::encoding::DecodeContext::default();
            match tag {
                1 => duration::merge(wt, &mut back_wait, &mut buf, ctx).unwrap(),
                _ => field_mask::merge_repeated(wt, &mut back_masks, &mut buf, ctx).unwrap(),
            }
        }
        assert_eq!((back_wait, back_masks), (wait, masks));
    }
}
