//! The mapping on a hand-written message shaped like generated ones.

use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_with::{serde_as, DefaultOnNull};

use super::*;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Color {
    #[default]
    None,
    Red,
    Unknown(UnknownEnumValue),
}

impl ProtoEnum for Color {
    const NAME: &'static str = "test.Color";
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "NONE" => Some(Color::None),
            "RED" => Some(Color::Red),
            _ => None,
        }
    }
    fn from_number(number: i32) -> Self {
        match number {
            0 => Color::None,
            1 => Color::Red,
            n => Color::Unknown(UnknownEnumValue::from_number(n)),
        }
    }
    fn from_unknown(value: UnknownEnumValue) -> Self {
        Color::Unknown(value)
    }
    fn unknown(&self) -> Option<&UnknownEnumValue> {
        match self {
            Color::Unknown(v) => Some(v),
            _ => None,
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Color::None => "NONE",
            Color::Red => "RED",
            Color::Unknown(v) => v.as_str(),
        }
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_enum(self, s)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_enum(d)
    }
}

/// A message as generated: the struct, its field list, and the runtime's serde impls.
#[derive(Debug, Clone, PartialEq, Default)]
struct Sample {
    display_name: String,
    count: i32,
    big: i64,
    ratio: f32,
    data: Vec<u8>,
    color: Color,
    ids: Vec<i64>,
    inner: Option<Box<Sample>>,
    value: Option<serde_json::Value>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    wait: Option<Duration>,
}

crate::proto_json_message!(Sample, [
    (display_name, plain, "display_name" | "displayName"),
    (count, i32, "count"),
    (big, i64, "big"),
    (ratio, f32, "ratio"),
    (data, bytes, "data"),
    (color, plain, "color"),
    (ids, rep i64, "ids"),
    (inner, opt, "inner"),
    (value, value, "value"),
    (at, opt time, "at"),
    (wait, (Option<serde_with::Same>), "wait"),
]);

/// An empty message.
#[derive(Debug, Clone, PartialEq, Default)]
struct Empty {}

crate::proto_json_message!(Empty, []);

#[test]
fn an_empty_message_is_an_empty_object() {
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    assert_eq!(serde_json::from_str::<Empty>(r#"{"a":1}"#).unwrap(), Empty {});
    assert!(serde_json::from_str::<Empty>("[]").is_err());
}

/// The same message as serde's derive read and wrote it before (the reference).
#[serde_as]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct Derived {
    #[serde_as(as = "DefaultOnNull")]
    #[serde(default, alias = "displayName", skip_serializing_if = "is_default")]
    display_name: String,
    #[serde_as(as = "DefaultOnNull<I32>")]
    #[serde(default, skip_serializing_if = "is_default")]
    count: i32,
    #[serde_as(as = "DefaultOnNull<I64>")]
    #[serde(default, skip_serializing_if = "is_default")]
    big: i64,
    #[serde_as(as = "DefaultOnNull<F32>")]
    #[serde(default, skip_serializing_if = "is_default_float")]
    ratio: f32,
    #[serde_as(as = "DefaultOnNull<Bytes>")]
    #[serde(default, skip_serializing_if = "is_default")]
    data: Vec<u8>,
    #[serde_as(as = "DefaultOnNull")]
    #[serde(default, skip_serializing_if = "is_default")]
    color: Color,
    #[serde_as(as = "DefaultOnNull<Vec<I64>>")]
    #[serde(default, skip_serializing_if = "is_default")]
    ids: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inner: Option<Box<Derived>>,
    #[serde_as(as = "ValueField")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<serde_json::Value>,
    #[serde_as(as = "Option<Timestamp>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wait: Option<Duration>,
}

fn decode(v: serde_json::Value) -> Result<Sample, serde_json::Error> {
    serde_json::from_value(v)
}

#[test]
fn absent_and_null_fields_hold_their_defaults() {
    assert_eq!(decode(json!({})).unwrap(), Sample::default());
    let nulls = json!({"display_name": null, "count": null, "big": null, "ratio": null,
        "data": null, "color": null, "ids": null, "inner": null, "at": null, "wait": null});
    assert_eq!(decode(nulls).unwrap(), Sample::default());
    assert_eq!(serde_json::to_value(Sample::default()).unwrap(), json!({}));
}

#[test]
fn both_spellings_and_string_numbers_are_read() {
    let s = decode(
        json!({"displayName": "a", "count": "7", "big": 9, "ratio": "NaN",
        "data": "-_8", "color": 1, "ids": ["1", 2, 3.0]}),
    )
    .unwrap();
    assert_eq!(s.display_name, "a");
    assert_eq!((s.count, s.big), (7, 9));
    assert!(s.ratio.is_nan());
    assert_eq!(s.data, vec![0xfb, 0xff]);
    assert_eq!(s.color, Color::Red);
    assert_eq!(s.ids, vec![1, 2, 3]);
    let back = serde_json::to_value(&s).unwrap();
    assert_eq!(
        back,
        json!({"display_name": "a", "count": 7, "big": "9", "ratio": "NaN", "data": "+/8=",
            "color": "RED", "ids": ["1", "2", "3"]})
    );
    assert!(decode(json!({"display_name": "a", "displayName": "b"})).is_err());
}

#[test]
fn unknown_enum_values_are_kept() {
    let s = decode(json!({"color": "BLUE"})).unwrap();
    assert_eq!(s.color, Color::Unknown(UnknownEnumValue::from_name("BLUE")));
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"color": "BLUE"}));
    let s = decode(json!({"color": 7})).unwrap();
    assert_eq!(
        s.color.unknown().and_then(UnknownEnumValue::number),
        Some(7)
    );
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"color": 7}));
}

#[test]
fn messages_are_objects_only() {
    for bad in [
        json!([]),
        json!(["a", 1]),
        json!("x"),
        json!(1),
        json!(null),
    ] {
        assert!(decode(bad.clone()).is_err(), "{bad} decoded");
    }
    assert!(decode(json!({"inner": ["a"]})).is_err());
    assert!(serde_json::from_str::<Sample>("[\"a\"]").is_err());
    assert_eq!(
        decode(json!({"inner": {}})).unwrap().inner,
        Some(Box::default())
    );
}

#[test]
fn the_largest_float_reads_back() {
    let s = decode(json!({"ratio": 3.4028235e38})).unwrap();
    assert_eq!(s.ratio, f32::MAX);
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"ratio":3.4028235e+38}"#
    );
    assert_eq!(
        decode(json!({"ratio": "-3.4028235e38"})).unwrap().ratio,
        f32::MIN
    );
}

#[test]
fn bad_values_are_errors() {
    for bad in [
        json!({"count": 1.5}),
        json!({"count": "x"}),
        json!({"count": 3_000_000_000u64}),
        json!({"ratio": 1e300}),
        json!({"ratio": "inf"}),
        json!({"data": "!!"}),
        json!({"color": 1.5}),
        json!({"at": "yesterday"}),
        json!({"wait": "5"}),
    ] {
        assert!(decode(bad.clone()).is_err(), "{bad} decoded");
    }
}

#[test]
fn value_fields_keep_null() {
    let s = decode(json!({"value": null})).unwrap();
    assert_eq!(s.value, Some(serde_json::Value::Null));
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"value": null}));
}

#[test]
fn timestamps_and_durations() {
    let s = decode(json!({"at": "2024-01-02T03:04:05.5+01:00", "wait": "-1.5s"})).unwrap();
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        json!({"at": "2024-01-02T02:04:05.500Z", "wait": "-1.500s"})
    );
    for (text, d) in [
        ("0s", Duration::new(0, 0)),
        ("1.000000001s", Duration::new(1, 1)),
        ("-0.000001s", Duration::new(0, -1000)),
        ("315576000000s", Duration::new(315_576_000_000, 0)),
    ] {
        assert_eq!(text.parse::<Duration>().unwrap(), d);
        assert_eq!(d.to_string(), text);
    }
    for bad in [
        "1",
        "s",
        "1.s",
        "1.0000000001s",
        "+1s",
        "315576000001s",
        "- 1s",
    ] {
        assert!(bad.parse::<Duration>().is_err(), "{bad}");
    }
}

#[test]
fn field_masks_use_camel_case_on_the_wire() {
    let mask: FieldMask = "user.displayName,photo".parse().unwrap();
    assert_eq!(mask.paths, vec!["user.display_name", "photo"]);
    assert_eq!(mask.to_string(), "user.displayName,photo");
    assert_eq!("".parse::<FieldMask>().unwrap(), FieldMask::default());
    assert!("a_b".parse::<FieldMask>().is_err());
}

#[test]
fn the_field_list_reads_and_writes_as_serde_derive_did() {
    let inputs = [
        r#"{}"#,
        r#"{"display_name":"a","displayName":"b"}"#,
        r#"{"displayName":"a","displayName":"b"}"#,
        r#"{"count":1,"count":2}"#,
        r#"{"count":"x"}"#,
        r#"{"count":null,"big":null,"ratio":-0.0,"data":"AAE=","ids":null}"#,
        r#"{"unknown":{"deep":[1,2]},"count":3}"#,
        r#"{"inner":{"inner":{"count":"4"}},"inner2":1}"#,
        r#"{"inner":null,"value":null,"at":null,"wait":null}"#,
        r#"{"inner":{"big":"x"}}"#,
        r#"{"value":{"a":[1,null]},"at":"2024-01-02T03:04:05Z","wait":"1s"}"#,
        r#"{"dis\u0070lay_name":"escaped key"}"#,
        r#"{"color":"RED","ids":["1",2]}"#,
        r#"{"color":[]}"#,
        r#"null"#,
        r#"5"#,
    ];
    for text in inputs {
        let ours = serde_json::from_str::<Sample>(text);
        let derived = serde_json::from_str::<Derived>(text);
        match (&ours, &derived) {
            (Ok(o), Ok(d)) => assert_eq!(
                serde_json::to_string(o).unwrap(),
                serde_json::to_string(d).unwrap(),
                "{text}"
            ),
            (Err(o), Err(d)) => assert_eq!(
                o.to_string().replace("Sample", "Derived"),
                d.to_string(),
                "{text}"
            ),
            _ => panic!("{text}: ours {ours:?}, serde's derive {derived:?}"),
        }
    }
}
