//! `anyOf` of alternatives that may hold at the same time ("any subset"). A generated model is
//! a struct with one `Option` per alternative; its serde impls are a few lines on the two
//! helpers here:
//!
//! - [`Decoded`] reads the value once and decodes **every** alternative from the whole of it,
//!   independently (a value matching two gives both), and fails with the reason of each
//!   alternative when none matches;
//! - [`Merged`] encodes the present alternatives and merges their objects into one (objects
//!   key by key, recursively; lists of the same length item by item; otherwise the first
//!   alternative's value stays), so that decoding what was encoded gives the same value.
//!
//! A record with common fields beside such alternatives derives its serde code with
//! `#[serde(remote = "Self")]` (inherent functions) and the alternatives skipped; its impls
//! decode the common fields and then the alternatives from the whole object, and encode the
//! common fields' object first ([`Merged::common`]) with the alternatives merged in.

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{self, Serialize, Serializer};
use serde_json::Value;

/// A value read for decoding its alternatives, with what went wrong so far.
#[derive(Debug)]
pub struct Decoded {
    value: Value,
    type_name: &'static str,
    matched: bool,
    failures: Vec<String>,
}

impl Decoded {
    /// Reads the value of the type `type_name` (named in errors).
    pub fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        type_name: &'static str,
    ) -> Result<Self, D::Error> {
        Ok(Decoded {
            value: Value::deserialize(deserializer)?,
            type_name,
            matched: false,
            failures: Vec::new(),
        })
    }

    /// The alternative `name` decoded from the whole value, or `None` if it does not match.
    pub fn alternative<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        match T::deserialize(&self.value) {
            Ok(v) => {
                self.matched = true;
                Some(v)
            }
            Err(e) => {
                self.failures.push(format!("`{name}`: {e}"));
                None
            }
        }
    }

    /// Fails unless at least one alternative matched, naming why each did not.
    pub fn finish<E: de::Error>(self) -> Result<(), E> {
        if self.matched {
            return Ok(());
        }
        Err(E::custom(format_args!(
            "the value matches no alternative of {} ({})",
            self.type_name,
            self.failures.join("; ")
        )))
    }
}

/// The present alternatives of a value, encoded and merged into one JSON value.
#[derive(Debug, Default)]
pub struct Merged {
    value: Option<Value>,
    error: Option<String>,
}

impl Merged {
    /// Nothing merged yet.
    pub fn new() -> Self {
        Merged::default()
    }

    /// Starts from the object of a record's common fields (encoded by the caller); the
    /// alternatives merged in after them do not repeat what it holds.
    pub fn common(common: Result<Value, serde_json::Error>) -> Self {
        match common {
            Ok(v) => Merged {
                value: Some(v),
                error: None,
            },
            Err(e) => Merged {
                value: None,
                error: Some(e.to_string()),
            },
        }
    }

    /// Adds a value that is always present (a record's alternatives).
    pub fn and<T: Serialize>(self, value: &T) -> Self {
        self.with(&Some(value))
    }

    /// Adds an alternative, if it is present.
    pub fn with<T: Serialize>(mut self, alternative: &Option<T>) -> Self {
        let Some(alternative) = alternative else {
            return self;
        };
        match serde_json::to_value(alternative) {
            Ok(v) => match &mut self.value {
                Some(merged) => merge(merged, v),
                None => self.value = Some(v),
            },
            Err(e) => {
                self.error.get_or_insert_with(|| e.to_string());
            }
        }
        self
    }

    /// Writes the merged value (an empty object when no alternative is present).
    pub fn serialize<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(e) = self.error {
            return Err(<S::Error as ser::Error>::custom(e));
        }
        match self.value {
            Some(v) => v.serialize(serializer),
            None => serde_json::Map::new().serialize(serializer),
        }
    }
}

/// Merges `from` into `into`: objects key by key, lists of the same length item by item
/// (recursively); anything else keeps `into`.
fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (x, y) in a.iter_mut().zip(b) {
                merge(x, y);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::{json, Value};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Circle {
        radius: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<Style>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Square {
        side: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<Fill>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Style {
        stroke: String,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Fill {
        fill: String,
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Shape {
        r#circle: Option<Circle>,
        square: Option<Box<Square>>,
    }

    /// What the models backend generates.
    impl Serialize for Shape {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::Merged::new()
                .with(&self.r#circle)
                .with(&self.square)
                .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut decoded = super::Decoded::read(deserializer, "Shape")?;
            let value = Self {
                r#circle: decoded.alternative("Circle"),
                square: decoded.alternative("Square"),
            };
            decoded.finish()?;
            Ok(value)
        }
    }

    /// A record with common fields beside the alternatives, as the models backend generates it.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(remote = "Self")]
    struct Drawing {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(skip)]
        shape: Shape,
    }

    impl Serialize for Drawing {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::Merged::common(Self::serialize(self, serde_json::value::Serializer))
                .and(&self.shape)
                .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Drawing {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            let mut record = Self::deserialize(&value).map_err(serde::de::Error::custom)?;
            record.shape = Deserialize::deserialize(&value).map_err(serde::de::Error::custom)?;
            Ok(record)
        }
    }

    fn round_trip<T: serde::de::DeserializeOwned + Serialize + std::fmt::Debug>(json: Value) -> T {
        let decoded: T = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&decoded).unwrap(), json, "{decoded:?}");
        decoded
    }

    #[test]
    fn a_value_matching_both_keeps_both_and_overlaps_merge() {
        let json = json!({"radius": 1.0, "side": 2.0, "label": "x",
            "style": {"stroke": "red", "fill": "blue"}});
        let both: Shape = round_trip(json);
        let circle = both.circle.as_ref().unwrap();
        let square = both.square.as_ref().unwrap();
        assert_eq!(
            (circle.label.as_deref(), square.label.as_deref()),
            (Some("x"), Some("x"))
        );
        assert_eq!(circle.style.as_ref().unwrap().stroke, "red");
        assert_eq!(square.style.as_ref().unwrap().fill, "blue");
    }

    #[test]
    fn a_value_matching_one_has_the_other_absent() {
        let one: Shape = round_trip(json!({"side": 2.0}));
        assert_eq!(one.circle, None);
        assert_eq!(one.square.unwrap().side, 2.0);
    }

    #[test]
    fn a_value_matching_none_names_each_reason() {
        let err = serde_json::from_value::<Shape>(json!({"label": "x"})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the value matches no alternative of Shape (`Circle`: missing field `radius`; \
             `Square`: missing field `side`)"
        );
        assert!(serde_json::from_value::<Shape>(json!("round")).is_err());
    }

    #[test]
    fn beside_common_fields_the_alternatives_see_the_whole_object() {
        let drawing: Drawing =
            round_trip(json!({"id": "d", "label": "x", "radius": 1.5, "side": 1.0}));
        assert_eq!(
            (drawing.id.as_str(), drawing.label.as_deref()),
            ("d", Some("x"))
        );
        // `label` is a common field and a property of both alternatives: each sees it, and
        // it is written once.
        assert_eq!(
            drawing.shape.circle.as_ref().unwrap().label.as_deref(),
            Some("x")
        );
        assert_eq!(
            drawing.shape.square.as_ref().unwrap().label.as_deref(),
            Some("x")
        );
        let err = serde_json::from_value::<Drawing>(json!({"id": "d"})).unwrap_err();
        assert!(err.to_string().contains("no alternative of Shape"), "{err}");
        let err = serde_json::from_value::<Drawing>(json!({"radius": 1.0})).unwrap_err();
        assert_eq!(err.to_string(), "missing field `id`");
    }

    #[test]
    fn nothing_present_writes_an_empty_object() {
        let empty = Shape {
            circle: None,
            square: None,
        };
        assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
    }

    #[test]
    fn merging_keeps_the_first_value_where_shapes_differ() {
        let mut a = json!({"a": [1, {"x": 1}], "b": [1], "c": 1});
        super::merge(
            &mut a,
            json!({"a": [1, {"y": 2}], "b": [1, 2], "c": "1", "d": null}),
        );
        assert_eq!(
            a,
            json!({"a": [1, {"x": 1, "y": 2}], "b": [1], "c": 1, "d": null})
        );
    }
}
