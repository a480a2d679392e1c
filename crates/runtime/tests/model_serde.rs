//! `record!` and `string_enum!` read and write JSON as serde's derives do: the same values,
//! texts and error messages for every input below, except JSON arrays for records (the
//! derive takes the field values in order; the runtime refuses them).

use serde::Deserialize;
use serde_json::{json, Value};

/// The derive's version of each model.
mod derived {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Record {
        pub user_name: String,
        pub nullable: Option<i64>,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        pub r#type: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "::serde_with::rust::double_option"
        )]
        pub three: Option<Option<Vec<super::derived::Colour>>>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
        pub labels: std::collections::BTreeMap<String, i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub inner: Option<Box<Inner>>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    pub struct Inner {
        pub value: serde_json::Value,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    pub struct Fields {}

    #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
    pub enum Colour {
        #[serde(rename = "red")]
        Red,
        #[serde(rename = "dark-blue")]
        DarkBlue,
    }
}

/// The same models with the runtime's impls.
mod ours {
    #[derive(Debug, PartialEq)]
    pub struct Record {
        pub user_name: String,
        pub nullable: Option<i64>,
        pub r#type: Option<String>,
        pub three: Option<Option<Vec<Colour>>>,
        pub tags: Vec<String>,
        pub labels: std::collections::BTreeMap<String, i64>,
        pub inner: Option<Box<Inner>>,
    }

    apigen_runtime::record!(Record {
        user_name 0 "userName" plain,
        nullable 1 "nullable" plain,
        r#type 2 "type" optional,
        three 3 "three" double,
        tags 4 "tags" empty,
        labels 5 "labels" empty,
        inner 6 "inner" optional,
    });

    #[derive(Debug, PartialEq)]
    pub struct Inner {
        pub value: serde_json::Value,
    }

    apigen_runtime::record!(Inner { value 0 "value" plain });

    #[derive(Debug, PartialEq)]
    /// Named as the macro's visitor once was (it shadowed the record).
    pub struct Fields {}

    apigen_runtime::record!(Fields {} checked);

    /// `checked`: the record's own `Validate` (here refusing everything) stands beside it.
    impl apigen_runtime::validate::Validate for Fields {
        fn validate(&self) -> Result<(), apigen_runtime::validate::ValidationError> {
            Err(apigen_runtime::validate::ValidationError::new("", "never valid"))
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub enum Colour {
        Red,
        DarkBlue,
    }

    apigen_runtime::string_enum!(Colour { Red "red", DarkBlue "dark-blue" });
}

/// Both readings of `text`, as `Debug` text of the value or the error message.
fn both<'a, D, O>(text: &'a str) -> (String, String)
where
    D: Deserialize<'a> + std::fmt::Debug,
    O: Deserialize<'a> + std::fmt::Debug,
{
    let show = |r: Result<String, serde_json::Error>| r.unwrap_or_else(|e| format!("error: {e}"));
    (
        show(serde_json::from_str::<D>(text).map(|v| format!("{v:?}"))),
        show(serde_json::from_str::<O>(text).map(|v| format!("{v:?}"))),
    )
}

#[test]
fn records_read_as_the_derive_reads_them() {
    let inputs = [
        json!({"userName": "a"}),
        json!({"userName": "a", "nullable": null, "type": null, "three": null, "tags": [], "inner": null}),
        json!({"userName": "a", "nullable": 3, "type": "t", "three": ["red", "dark-blue"], "tags": ["x"], "inner": {"value": [1, {"k": null}]}}),
        json!({"userName": "a", "unknown": {"deep": [1, 2]}, "other": null}),
        json!({}),
        json!({"nullable": 1}),
        json!({"userName": null}),
        json!({"userName": 5}),
        json!({"userName": "a", "tags": null}),
        json!({"userName": "a", "tags": ["t"], "labels": {"k": 1}}),
        json!({"userName": "a", "labels": {"k": "v"}}),
        json!({"userName": "a", "three": [1]}),
        json!({"userName": "a", "three": ["green"]}),
        json!({"userName": "a", "inner": {}}),
        json!({"userName": "a", "inner": {"value": null}}),
        json!({"userName": "a", "inner": 7}),
        json!("text"),
        json!(null),
        json!(12),
    ];
    for input in inputs {
        let text = input.to_string();
        let (derived, ours) = both::<derived::Record, ours::Record>(&text);
        assert_eq!(derived, ours, "input {text}");
        // What was read is written back as the derive writes it.
        if let (Ok(d), Ok(o)) = (
            serde_json::from_str::<derived::Record>(&text),
            serde_json::from_str::<ours::Record>(&text),
        ) {
            let written = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::to_string(&d).unwrap(), written, "input {text}");
        }
    }
    for text in ["{}", r#"{"a": 1}"#, "null", "3"] {
        let (derived, ours) = both::<derived::Fields, ours::Fields>(text);
        assert_eq!(derived, ours, "input {text}");
    }
    assert_eq!(serde_json::to_string(&ours::Fields {}).unwrap(), "{}");
    // Texts serde_json's `json!` cannot write: duplicate keys, escaped keys, bad syntax.
    for text in [
        r#"{"userName": "a", "userName": "b"}"#,
        r#"{"userName": "a", "three": null, "three": ["red"]}"#,
        r#"{"userName": "a", "tags": [], "tags": []}"#,
        r#"{"user\u004eame": "escaped"}"#,
        r#"{"userName": "a", "nullable": 1,}"#,
        r#"{"userName": "a""#,
    ] {
        let (derived, ours) = both::<derived::Record, ours::Record>(text);
        assert_eq!(derived, ours, "input {text}");
    }
}

#[test]
fn absent_null_and_present_stay_three_states() {
    let read = |v: Value| serde_json::from_value::<ours::Record>(v).unwrap().three;
    assert_eq!(read(json!({"userName": "a"})), None);
    assert_eq!(read(json!({"userName": "a", "three": null})), Some(None));
    assert_eq!(
        read(json!({"userName": "a", "three": ["red"]})),
        Some(Some(vec![ours::Colour::Red]))
    );
}

#[test]
fn records_are_read_from_objects_only() {
    let text = r#"["a", 1, "t", null, [], {}, null]"#;
    assert!(serde_json::from_str::<derived::Record>(text).is_ok());
    let err = serde_json::from_str::<ours::Record>(text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: sequence, expected struct Record at line 1 column 1"
    );
}

#[test]
fn enums_read_as_the_derive_reads_them() {
    for text in [
        r#""red""#,
        r#""dark-blue""#,
        r#""Red""#,
        r#""""#,
        r#"{"red": null}"#,
        r#"{"red": 1}"#,
        r#"{"green": null}"#,
        "0",
        "null",
        "[]",
    ] {
        let (derived, ours) = both::<derived::Colour, ours::Colour>(text);
        assert_eq!(derived, ours, "input {text}");
    }
}

#[test]
fn keys_may_come_as_indices_or_bytes() {
    use serde::de::value::{BytesDeserializer, Error, MapDeserializer};
    use serde::de::IntoDeserializer;
    // Formats other than JSON may name fields by index or by bytes (as the derive accepts);
    // an index past the fields is an unknown key, skipped.
    let entries = [(9u64, "unknown index"), (0u64, "by index")];
    let map = MapDeserializer::<_, Error>::new(
        entries.into_iter().map(|(k, v)| (k.into_deserializer(), v.into_deserializer())),
    );
    assert_eq!(ours::Inner::deserialize(map).unwrap().value, json!("by index"));
    let entries = [(BytesDeserializer::<Error>::new(b"value"), 1u8)];
    let map = MapDeserializer::<_, Error>::new(
        entries.into_iter().map(|(k, v)| (k, v.into_deserializer())),
    );
    assert_eq!(ours::Inner::deserialize(map).unwrap().value, json!(1));
}

#[test]
fn string_enums_convert_to_and_from_text() {
    use std::str::FromStr;
    assert_eq!(ours::Colour::ALL, &[ours::Colour::Red, ours::Colour::DarkBlue]);
    assert_eq!(ours::Colour::DarkBlue.to_string(), "dark-blue");
    assert_eq!(serde_json::to_string(&ours::Colour::DarkBlue).unwrap(), r#""dark-blue""#);
    assert_eq!(ours::Colour::from_str("red").unwrap(), ours::Colour::Red);
    assert_eq!(
        ours::Colour::from_str("Red").unwrap_err().to_string(),
        "unknown value `Red`, expected one of red, dark-blue"
    );
}

#[test]
fn records_have_validate_unless_checked() {
    use apigen_runtime::validate::Validate;
    // Without `checked` the macro writes the empty impl: always valid.
    assert!(ours::Inner { value: Value::Null }.validate().is_ok());
    // With `checked` the record's own impl is the one used.
    assert!(ours::Fields {}.validate().is_err());
}
