//! The field-list codec writes and reads the bytes prost's own derive does.

use std::collections::BTreeMap;

use prost::Message;

use super::*;

/// A message as prost-derive writes it.
#[derive(Clone, PartialEq, prost::Message)]
struct Derived {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(sint64, tag = "2")]
    delta: i64,
    #[prost(int32, repeated, tag = "3")]
    numbers: Vec<i32>,
    #[prost(message, optional, tag = "4")]
    inner: Option<Box<Derived>>,
    #[prost(btree_map = "string, double", tag = "5")]
    weights: BTreeMap<String, f64>,
    #[prost(bool, optional, tag = "6")]
    flag: Option<bool>,
    #[prost(bytes = "vec", repeated, tag = "7")]
    blobs: Vec<Vec<u8>>,
}

/// The same message through [`Fields`].
#[derive(Debug, Clone, PartialEq, Default)]
struct Listed {
    name: String,
    delta: i64,
    numbers: Vec<i32>,
    inner: Option<Box<Listed>>,
    weights: BTreeMap<String, f64>,
    flag: Option<bool>,
    blobs: Vec<Vec<u8>>,
}

impl Fields for Listed {
    fn fields(&self, v: &mut impl Visit) {
        v.field(Plain(Str), 1, &self.name);
        v.field(Plain(Sint64), 2, &self.delta);
        v.field(Rep(Int32), 3, &self.numbers);
        v.field(Opt(Msg), 4, &self.inner);
        v.field(Map(Str, Double), 5, &self.weights);
        v.field(Opt(Bool), 6, &self.flag);
        v.field(Rep(Bytes), 7, &self.blobs);
    }

    fn merge<B: bytes::Buf>(&mut self, tag: u32, m: Merge<'_, B>) -> Result<(), prost::DecodeError> {
        match tag {
            1 => m.field(Plain(Str), &mut self.name, "name"),
            2 => m.field(Plain(Sint64), &mut self.delta, "delta"),
            3 => m.field(Rep(Int32), &mut self.numbers, "numbers"),
            4 => m.field(Opt(Msg), &mut self.inner, "inner"),
            5 => m.field(Map(Str, Double), &mut self.weights, "weights"),
            6 => m.field(Opt(Bool), &mut self.flag, "flag"),
            7 => m.field(Rep(Bytes), &mut self.blobs, "blobs"),
            _ => m.skip(tag),
        }
    }
}

crate::proto_message!(Listed, "Listed");

#[test]
fn the_bytes_are_prost_derives() {
    let inner = Derived {
        name: "in".into(),
        delta: -3,
        ..Default::default()
    };
    let derived = Derived {
        name: "x".into(),
        delta: -150,
        numbers: vec![1, -2, 300],
        inner: Some(Box::new(inner)),
        weights: [("a".to_string(), 1.5), ("b".to_string(), 0.0)].into(),
        flag: Some(false),
        blobs: vec![vec![], vec![0, 255]],
    };
    let listed = Listed {
        name: "x".into(),
        delta: -150,
        numbers: vec![1, -2, 300],
        inner: Some(Box::new(Listed {
            name: "in".into(),
            delta: -3,
            ..Default::default()
        })),
        weights: [("a".to_string(), 1.5), ("b".to_string(), 0.0)].into(),
        flag: Some(false),
        blobs: vec![vec![], vec![0, 255]],
    };
    let bytes = derived.encode_to_vec();
    assert_eq!(listed.encode_to_vec(), bytes);
    assert_eq!(listed.encoded_len(), bytes.len());
    assert_eq!(Listed::decode(bytes.as_slice()).unwrap(), listed);
    // Defaults are not written, as prost does not write them.
    assert!(Listed::default().encode_to_vec().is_empty());
    assert_eq!(Derived::default().encode_to_vec(), Vec::<u8>::new());
}

#[test]
fn a_decode_error_names_the_field() {
    // Field 3 (packed int32) cut short.
    let err = Listed::decode(&[0x1a, 0x05, 0x01][..]).unwrap_err();
    assert!(err.to_string().contains("Listed.numbers"), "{err}");
}
