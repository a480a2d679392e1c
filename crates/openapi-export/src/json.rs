//! A JSON tree whose objects keep the order their keys were inserted in, so that the document
//! lists paths, properties and schemas in the IR's order (serde_json's own `Map` sorts keys
//! unless a workspace-wide feature is turned on).

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A JSON value with ordered objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// A scalar, or any value taken over as is (defaults, enum values).
    Value(serde_json::Value),
    /// An array.
    Array(Vec<Json>),
    /// An object.
    Object(Object),
}

/// A JSON object: keys in insertion order, each at most once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object(Vec::new())
    }

    /// Sets `key` (replacing an earlier value in place).
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    /// `self` with `key` set.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Json>) -> Self {
        self.insert(key, value);
        self
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, for changing it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// Whether the object has no keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The entries in order, taken out.
    pub fn into_entries(self) -> Vec<(String, Json)> {
        self.0
    }
}

impl From<Object> for Json {
    fn from(o: Object) -> Self {
        Json::Object(o)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Json::Array(items)
    }
}

impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Self {
        Json::Value(v)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Value(s.into())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Value(s.into())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Value(b.into())
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Self {
        Json::Value(n.into())
    }
}

impl Json {
    /// A number; a non-finite one (which no frontend produces) becomes `null`.
    pub fn number(n: f64) -> Self {
        let value = if n.fract() == 0.0 && n.abs() < 9.0e15 {
            serde_json::Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, Into::into)
        };
        Json::Value(value)
    }

    /// The object inside, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The same tree as a `serde_json::Value` (objects then sort their keys).
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            Json::Value(v) => v.clone(),
            Json::Array(items) => items.iter().map(Json::to_value).collect(),
            Json::Object(o) => {
                o.0.iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            }
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Value(v) => v.serialize(serializer),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(o) => o.serialize(serializer),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_insertion_order_and_replace_in_place() {
        let mut o = Object::new().with("z", 1u64).with("a", "x");
        o.insert("z", true);
        assert_eq!(
            serde_json::to_string(&Json::from(o)).unwrap(),
            r#"{"z":true,"a":"x"}"#
        );
        assert_eq!(Json::number(3.0), Json::Value(3.into()));
        assert_eq!(Json::number(0.5), Json::Value(serde_json::json!(0.5)));
    }
}
